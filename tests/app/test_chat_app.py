"""#24 part 1 as a counsellor would do it: a Zendesk transcript with a name, a phone number and a
school in it is read, the counsellor says who they were, steps through it with the keys they
know (typed fast), takes and changes suggestions, marks a HER moment, and saves: a log with no
identifier, a line in Min praksis. Pasted from the palette over a conversation, Esc comes back."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.pilot import AppFactory, burst, wait_until
from tui.core.chat.transcript import read
from tui.core.outputs.practice import practice
from tui.messages import ChatRequested
from tui.screens.chat import ChatScreen, HerModal, PasteModal, WhoModal
from tui.screens.main import MainScreen

CHAT = Path(__file__).resolve().parents[1] / "data" / "chats" / "zendesk.txt"


async def test_a_transcript_looked_back_on_ends_as_a_log_and_a_line_in_min_praksis(
    make_app: AppFactory, data_dir: Path
) -> None:
    app = make_app(channel=None)
    app.chat_only = read(CHAT)  # as `veiviser chat FILE` starts it
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, WhoModal))
        await pilot.press("1")  # «Anne Veileder» was me
        await wait_until(pilot, lambda: isinstance(app.screen, ChatScreen))
        screen = app.screen
        assert isinstance(screen, ChatScreen)
        # One burst: marks among the arrows land on the turn the cursor was on then.
        burst(app, ["f1", "down", "down", "enter", "down", "down", "enter", "down", "down",
                    "s", "down", "down", "f4", "l", "h"])  # fmt: skip
        await wait_until(pilot, lambda: isinstance(app.screen, HerModal))
        burst(app, [*"her kunne jeg spurt om muligheter", "enter", "f10"])  # F10 in the same burst
        await wait_until(pilot, lambda: bool(screen.saved))
        analysis = screen.analysis
        assert analysis.phases == {0: "kontakt", 8: "konklusjon"}  # 2 and 4 were in Kontakt
        assert analysis.kinds[2] == "lineær" and analysis.kinds[6] == "sirkulær"
        assert analysis.kinds[8] == "lineær" and analysis.knapper[4] == "meg-i-kontekst"
        assert analysis.her == {8: "her kunne jeg spurt om muligheter"}
        md, js = screen.saved
        kept = md.read_text(encoding="utf-8") + js.read_text(encoding="utf-8")
        stored = app.conversation.store.analyses()
        assert len(stored) == 1
        kept += stored[0][2]
        for secret in ("Anne", "Visitor", "48213377", "Lillehammer", "912 34 567"):
            assert secret not in kept, secret
        assert json.loads(js.read_text(encoding="utf-8"))["counts"]["her"] == 1
        figures = practice(app.conversation.store.conn, app.ctx.model, days=30,
                           now=app.conversation.clock())  # fmt: skip
        assert figures.analysed == 1 and figures.conversations == 0  # counted apart
        await pilot.press("escape")  # saved: leaving asks nothing
        await pilot.pause()
    assert not app.is_running


async def test_pasted_from_the_palette_over_a_conversation(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("f1", *"et notat", "enter")
        app.post_message(ChatRequested())
        await wait_until(pilot, lambda: isinstance(app.screen, PasteModal))
        await pilot.press("ctrl+s")  # nothing pasted: said in the modal, nothing happens
        assert isinstance(app.screen, PasteModal)
        assert "ingen meldinger" in str(app.screen.query_one("#paste-error").content)  # type: ignore[attr-defined]
        app.screen.query_one("TextArea").insert(CHAT.read_text(encoding="utf-8"))  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, WhoModal))
        await pilot.press("1")
        await wait_until(pilot, lambda: isinstance(app.screen, ChatScreen))
        await pilot.press("escape")  # nothing marked: back at once
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))
        assert app.is_running and app.conversation.store.analyses() == []


def test_the_chat_screen(snap_compare, make_app: AppFactory) -> None:  # type: ignore[no-untyped-def]
    """A looked-back chat at 120×30: marks in the list, the turn and its suggestion below."""
    app = make_app(channel=None)
    app.chat_only = read(CHAT)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await wait_until(pilot, lambda: isinstance(app.screen, WhoModal))
        await pilot.press("1")
        await wait_until(pilot, lambda: isinstance(app.screen, ChatScreen))
        await pilot.press("f1", "down", "down", "enter", "down", "down", "ctrl+t")
        await pilot.press("1", "down", "down", "s", "down", "down")
        await pilot.pause()

    assert snap_compare(app, run_before=run_before, terminal_size=(120, 30))
