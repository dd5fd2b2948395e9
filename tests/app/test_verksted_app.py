"""#24 part 2 as a group would use it: a knappeverksted for «Meg i kontekst» runs three cases,
typed fast (a shared screen over Teams lags), and ends as a summary; from the palette it opens
over a conversation and Esc comes back to it. Snapshots at 80×24 and 200×50."""

from __future__ import annotations

from pathlib import Path

from tests.support.pilot import AppFactory, burst, type_text, wait_until
from tui.messages import VerkstedRequested
from tui.screens.choice import ConfirmModal, TagModal
from tui.screens.main import MainScreen
from tui.screens.verksted import VerkstedScreen


async def test_three_cases_typed_in_a_burst_end_as_a_summary(
    make_app: AppFactory, data_dir: Path
) -> None:
    app = make_app(verksted="meg-i-kontekst")
    async with app.run_test(size=(200, 50)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, VerkstedScreen))
        # One burst, as a laggy shared screen delivers it: presenter keys among the letters.
        burst(app, [*"forventninger", "tab", *"hvem bestemmer?", "ctrl+r", "ctrl+n",
                    *"venner", "ctrl+n", *"stedet", "tab", *"hva holder deg?", "ctrl+r", "f10"])  # fmt: skip
        await wait_until(pilot, lambda: bool(app.screen.saved))  # type: ignore[attr-defined]
        screen = app.screen
        assert isinstance(screen, VerkstedScreen)
        work = screen.work
        assert [c.meaning for c in work.cases] == ["forventninger", "venner", "stedet"]
        assert [c.questions for c in work.cases] == ["hvem bestemmer?", "", "hva holder deg?"]
        assert [c.revealed for c in work.cases] == [True, False, True]
        page, text = screen.saved
        assert page.suffix == ".html" and text.suffix == ".md"
        assert page.parent == data_dir / "eksport"
        assert "forventninger" in page.read_text(encoding="utf-8")
        await pilot.press("escape")  # saved: leaving asks nothing, and ends Veiviser
        await pilot.pause()
    assert not app.is_running


async def test_from_the_palette_over_a_conversation_and_back(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f1", *"et notat", "enter")
        app.post_message(VerkstedRequested())
        await wait_until(pilot, lambda: isinstance(app.screen, TagModal))
        await pilot.press("5")  # the fifth knapp
        await wait_until(pilot, lambda: isinstance(app.screen, VerkstedScreen))
        assert app.screen.work.knapp.id == "tilpasning-og-motstand"  # type: ignore[attr-defined]
        await type_text(pilot, "noe skrevet")
        await pilot.press("escape")  # typed and not saved: asked first
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))
        assert app.is_running and [n.text for n in app.conversation.session.notes] == ["et notat"]


def verksted_with_answers() -> object:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, VerkstedScreen))
        await type_text(pilot, "hva familien forventer")
        await pilot.press("tab")
        await type_text(pilot, "hvem bestemmer hjemme?")
        await pilot.press("ctrl+r")
        await pilot.pause()

    return run_before


class TestVerkstedSnapshots:
    def test_80x24(self, snap_compare, make_app: AppFactory) -> None:  # type: ignore[no-untyped-def]
        app = make_app(verksted="meg-i-kontekst")
        assert snap_compare(app, run_before=verksted_with_answers(), terminal_size=(80, 24))

    def test_200x50(self, snap_compare, make_app: AppFactory) -> None:  # type: ignore[no-untyped-def]
        app = make_app(verksted="meg-i-kontekst")
        assert snap_compare(app, run_before=verksted_with_answers(), terminal_size=(200, 50))
