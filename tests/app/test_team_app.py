"""Dagens knapp from the vaktleder in the running app: named in the guide in every phase,
marked in the palette, and noted in the reflection log as used or not; a broken team file is
said in a notice and the app goes on."""

from __future__ import annotations

from tests.support.pilot import AppFactory, text_of
from tui.core import logflow
from tui.core.team import Focus
from tui.widgets.guide import Guide

FOCUS = Focus(dato="2026-11-30", knapp="valg-og-tilfeldigheter", melding="Spør om flaks.")


async def test_the_focus_knapp_is_in_the_guide_and_the_log(make_app: AppFactory) -> None:
    app = make_app(focus=FOCUS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f1")
        for key in ("f1", "f3"):
            await pilot.press(key)
            await pilot.pause()
            knapper = text_of(app.screen.query_one(Guide).section("knapper"))
            assert "★ Dagens knapp fra vaktleder: Det jeg velger og det som bare skjer" in knapper
            assert "«Spør om flaks.»" in knapper
        log = logflow.running_log(app.conversation)
        assert log.dagens_knapp is not None
        assert log.dagens_knapp.knapp == "valg-og-tilfeldigheter" and not log.dagens_knapp.used
        await pilot.press("ctrl+t")
        await pilot.pause()
        index = [k.id for k in app.ctx.model.knapper].index("valg-og-tilfeldigheter") + 1
        await pilot.press(str(index), *"flaks spilte inn", "enter")
        await pilot.pause()
        assert logflow.running_log(app.conversation).dagens_knapp.used  # type: ignore[union-attr]


async def test_without_a_focus_nothing_is_shown(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        assert "Dagens knapp" not in text_of(app.screen.query_one(Guide).section("knapper"))
        assert logflow.running_log(app.conversation).dagens_knapp is None


async def test_a_broken_team_file_is_a_notice_not_a_stop(make_app: AppFactory) -> None:
    notice = ["Teamfilen (dagens knapp) har feil og brukes ikke:", "team.yaml:3: ukjent knapp"]
    app = make_app(notices=notice)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = [n.message for n in app._notifications]
        assert any("team.yaml:3: ukjent knapp" in m for m in shown)
        await pilot.press(*"notat")
        assert app.screen.query_one("#note-input").value == "notat"  # type: ignore[attr-defined]
