"""Dagens knapp from the vaktleder in the running app: named in the guide in every phase,
marked in the palette, and noted in the reflection log as used or not; a broken team file is
said in a notice and the app goes on."""

from __future__ import annotations

from tests.support.pilot import AppFactory, text_of
from tui.core.model.team import Focus
from tui.core.outputs import logflow
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


async def test_the_focus_knapp_is_marked_in_the_overview_and_the_palette(
    make_app: AppFactory,
) -> None:
    from textual.widgets import Static

    app = make_app(focus=FOCUS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        legend = text_of(app.screen.query_one("#legend").query_one(Static))
        line = next(x for x in legend.splitlines() if "★" in x)
        assert "Det jeg velger og det som bare skjer ★ dagens knapp" in line
        await pilot.press("escape")
        await pilot.pause()
        from tui.commands import ModelProvider

        provider = ModelProvider(app.screen)
        entries = provider._entries()  # type: ignore[attr-defined]
        marked = [e.text for e in entries if "★" in e.text]
        assert len(marked) == 1 and "dagens knapp" in marked[0]


async def test_the_nudge_shows_in_kommunikasjon_until_dismissed(
    make_app: AppFactory,
    data_dir,
    clock,  # type: ignore[no-untyped-def]
) -> None:
    from tui.core.archive.store import Store
    from tui.core.model.config import Config
    from tui.core.outputs.demo import generate

    store = Store(data_dir, clock=clock).open()
    generate(store, app_model(), 6, start=clock.now - 10 * 86400, seed=1)
    store.close()
    app = make_app(config=Config(nudge_after=5))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        guide = app.screen.query_one(Guide)
        assert "Forslag:" not in text_of(guide.section("knapper"))  # only in Kommunikasjon
        await pilot.press("f3")
        await pilot.pause()
        shown = text_of(guide.section("knapper"))
        assert "◇ Forslag:" in shown and "er ikke brukt i de siste 5 samtalene" in shown
        assert "Ctrl+R skjuler forslaget" in shown
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "Forslag:" not in text_of(guide.section("knapper"))
        await pilot.press("f2", "f3")
        await pilot.pause()
        assert "Forslag:" not in text_of(guide.section("knapper"))


def app_model():  # type: ignore[no-untyped-def]
    from tui.core.base.paths import builtin_content_dir
    from tui.core.model.loader import load_content

    return load_content(builtin_content_dir())
