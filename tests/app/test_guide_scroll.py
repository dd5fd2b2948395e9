"""The guide at the sizes counsellors use (#22 item 1): it scrolls with PgUp/PgDn, and at
120×30 and 80×24 the last knapp prompt and dagens knapp are reached."""

from __future__ import annotations

import pytest

from tests.support.pilot import AppFactory
from tui.core.model.team import Focus
from tui.widgets.guide import Guide

FOCUS = Focus(dato="2026-11-30", knapp="valg-og-tilfeldigheter", melding="Spør om flaks.")


def visible_text(app: object) -> str:
    """What the terminal shows now, as text."""
    strips = app.screen._compositor.render_update(full=True).strips  # type: ignore[attr-defined]
    return "\n".join("".join(segment.text for segment in line) for line in strips)


def shown_through(guide: Guide, name: str) -> bool:
    """The whole of section ``name`` has been inside the guide's window."""
    section = guide.section(name)
    window = guide.scrollable_content_region
    return section.region.bottom <= window.bottom


@pytest.mark.parametrize("phase_key", ["f1", "f3"])
@pytest.mark.parametrize("size", [(120, 30), (100, 30), (80, 24), (60, 20)])
async def test_the_guide_scrolls_to_the_last_knapp_prompt(
    make_app: AppFactory, size: tuple[int, int], phase_key: str
) -> None:
    app = make_app(focus=FOCUS)
    async with app.run_test(size=size) as pilot:
        await pilot.press(phase_key)
        await pilot.pause()
        guide = app.screen.query_one(Guide)
        assert guide.max_scroll_y > 0, "the guide must scroll when it is taller than its window"
        seen = visible_text(app)
        presses = 0
        while not shown_through(guide, "knapper") and presses < 8:
            await pilot.press("pagedown")
            await pilot.pause()
            presses += 1
            seen += visible_text(app)
        assert shown_through(guide, "knapper"), f"the knapp prompts never shown whole at {size}"
        assert "Dagens knapp" in seen
        if size in ((120, 30), (100, 30)):
            assert presses <= 1  # every question and the knapp prompts: one PgDn away
        for _ in range(presses + 1):
            await pilot.press("pageup")
        await pilot.pause()
        assert guide.scroll_y == 0
