"""Pilot tests of what issue 3 added: resume, pin, reflection, privacy review, archive, banner."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from textual.widgets import DataTable, Input, TextArea

from tests.support import ROOT
from tests.support.archive import archived_session, damage_one_page
from tests.support.fakes import FakeClock
from tests.support.pilot import AppFactory, type_text, wait_until
from tui.app import VeiviserApp, build_app
from tui.core.archive.store import Store, StoreError, StoreWriteError
from tui.core.model.config import Config
from tui.core.model.content import Content
from tui.core.model.themes import ThemeFile
from tui.screens.choice import ConfirmModal, FinishModal, ResumeModal
from tui.screens.logs import LogsScreen, LogViewScreen
from tui.screens.main import MainScreen
from tui.screens.reflection import ReflectionScreen
from tui.screens.review import PrivacyReviewModal, SavedModal

SCHEMA = ROOT / "tui" / "schema" / "reflection-log.v1.schema.json"


def field(app: VeiviserApp) -> Input:
    return app.screen.query_one("#note-input", Input)


async def save_from_the_reflection(pilot, app: VeiviserApp) -> None:  # type: ignore[no-untyped-def]
    """F10 in the reflection, every privacy hit masked, until the log is saved."""
    await pilot.press("f10")
    await wait_until(pilot, lambda: isinstance(app.screen, SavedModal | PrivacyReviewModal))
    while isinstance(app.screen, PrivacyReviewModal):
        await pilot.press("m")
    await wait_until(pilot, lambda: isinstance(app.screen, SavedModal))


async def interrupted_session(make_app: AppFactory, draft: str = "halvskrevet æøå") -> None:
    """A first run: one note, a draft being typed, then the app goes away."""
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("f1")
        await type_text(pilot, "første notat")
        await pilot.press("enter", "f3")
        await type_text(pilot, draft)
        await pilot.pause(1.1)  # the draft is saved within a second


async def test_resume_continues_with_notes_and_draft(make_app: AppFactory) -> None:
    await interrupted_session(make_app)
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        assert isinstance(app.screen, ResumeModal)
        await pilot.press("f")
        assert isinstance(app.screen, MainScreen)
        assert [n.text for n in app.conversation.session.notes] == ["første notat"]
        assert app.conversation.session.phase == "kommunikasjon"
        assert field(app).value == "halvskrevet æøå"
        assert app.focused is field(app)
        await pilot.press("enter")  # the draft becomes a note in the resumed session
        assert [n.text for n in app.conversation.store.load(app.conversation.session_id).notes][
            -1
        ] == "halvskrevet æøå"


async def test_resume_to_reflection_finishes_at_last_activity(
    make_app: AppFactory, clock: FakeClock
) -> None:
    await interrupted_session(make_app)
    clock.advance(3 * 3600)  # the next day, say
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("r")
        assert isinstance(app.screen, ReflectionScreen)
        assert app.conversation.session.finished
        assert app.conversation.session.session_seconds() < 60  # the hours away do not count


async def test_resume_to_reflection_keeps_the_draft_as_the_last_note(
    make_app: AppFactory, clock: FakeClock
) -> None:
    """#21 item 2: a draft kept from before a kill is never dropped by `r`."""
    await interrupted_session(make_app)
    clock.advance(3 * 3600)
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("r")
        assert isinstance(app.screen, ReflectionScreen)
        assert [n.text for n in app.conversation.session.notes] == ["første notat",
                                                                    "halvskrevet æøå"]  # fmt: skip
        assert app.conversation.session.session_seconds() < 60
        await save_from_the_reflection(pilot, app)
        sid = app.conversation.session_id
        assert "halvskrevet æøå" in (app.conversation.store.saved_log(sid) or "")


async def test_finish_with_a_note_typed_but_not_entered_keeps_it(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("f1")
        await type_text(pilot, "første")
        await pilot.press("enter")
        await type_text(pilot, "siste tanke")
        await pilot.press("f10", "enter")
        assert isinstance(app.screen, ReflectionScreen)
        notes = app.conversation.store.load(app.conversation.session_id).notes
        assert [n.text for n in notes] == ["første", "siste tanke"]


async def test_discard_asks_again(make_app: AppFactory, data_dir: Path) -> None:
    await interrupted_session(make_app)
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("x")
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("escape")
        assert isinstance(app.screen, ResumeModal)  # nothing lost by a slip
        await pilot.press("x", "enter")
        assert isinstance(app.screen, MainScreen)
        assert app.conversation.session.notes == [] and field(app).value == ""
        assert [s.id for s in app.conversation.store.summaries()] == [app.conversation.session_id]


async def test_pin_last_note_or_the_one_being_written(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await type_text(pilot, "viktig")
        await pilot.press("enter", "ctrl+f")
        assert app.conversation.session.notes[-1].pinned
        assert app.conversation.store.load(app.conversation.session_id).notes[-1].pinned
        await type_text(pilot, "neste")
        await pilot.press("ctrl+f", "enter")
        assert (
            app.conversation.session.notes[-1].pinned
            and app.conversation.session.notes[-1].text == "neste"
        )
        await type_text(pilot, "vanlig")
        await pilot.press("enter")
        assert not app.conversation.session.notes[-1].pinned  # the pin applies to one note


async def finish(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("f10", "enter")
    assert isinstance(pilot.app.screen, ReflectionScreen)


async def save_one_note(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    """A conversation of one note without identifiers, finished and saved (no review)."""
    await type_text(pilot, text)
    await pilot.press("enter")
    await finish(pilot)
    await pilot.press("f10")  # no hits: saved at once
    assert isinstance(pilot.app.screen, SavedModal)


async def test_answers_autosave_and_the_log_is_saved_after_review(
    make_app: AppFactory, data_dir: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(110, 36)) as pilot:
        await pilot.press("f1")
        await type_text(pilot, "ring 912 34 567 etterpå")
        await pilot.press("enter")
        await finish(pilot)
        assert isinstance(app.focused, TextArea)
        await type_text(pilot, "Kontrakten ble tydelig")
        await pilot.pause(1.1)
        first_question = app.ctx.model.reflection[0].id
        assert (
            app.conversation.store.load(app.conversation.session_id).answers[first_question]
            == "Kontrakten ble tydelig"
        )

        await pilot.press("f10")
        assert isinstance(app.screen, PrivacyReviewModal)
        assert "912 34 567" in str(app.screen.query_one("#hit").content)
        await pilot.press("m")
        assert isinstance(app.screen, SavedModal)
        md_path, json_path = app.screen.paths
        markdown = md_path.read_text(encoding="utf-8")
        assert "ring [TELEFON] etterpå" in markdown and "912" not in markdown
        assert "Kontrakten ble tydelig" in markdown
        data = json.loads(json_path.read_text(encoding="utf-8"))
        jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))
        assert data["privacy"] == {"masked": 1, "kept": 0}
        stored = app.conversation.store.load(app.conversation.session_id)
        assert stored.notes[0].text == "ring [TELEFON] etterpå"  # the archive keeps no number
        assert stored.decisions[0][1:] == ("TELEFON", 5, 10, "mask")
        assert stored.status == "saved" and app.conversation.store.saved_log(
            app.conversation.session_id
        )


async def test_keeping_a_hit_is_recorded(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(110, 36)) as pilot:
        await type_text(pilot, "tjenestens nummer 800 33 321")
        await pilot.press("enter")
        await finish(pilot)
        await pilot.press("f10", "b")
        assert isinstance(app.screen, SavedModal)
        markdown = app.screen.paths[0].read_text(encoding="utf-8")
        assert "800 33 321" in markdown and "1 beholdt med vilje" in markdown


async def test_escape_from_review_saves_nothing(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(110, 36)) as pilot:
        await type_text(pilot, "epost ola@eksempel.no")
        await pilot.press("enter")
        await finish(pilot)
        await pilot.press("f10", "escape")
        assert isinstance(app.screen, ReflectionScreen)
        assert app.conversation.store.saved_log(app.conversation.session_id) is None
        assert not (app.ctx.export_dir.exists() and any(app.ctx.export_dir.iterdir()))


async def test_a_new_conversation_after_saving_replaces_the_one_the_app_opened_on(
    make_app: AppFactory,
) -> None:
    """The app opens straight on the conversation's screen (the bottom of the stack); after
    the log is saved, «ny samtale» puts a new conversation's screen in its place."""
    app = make_app()
    async with app.run_test(size=(110, 36)) as pilot:
        first = app.screen
        assert isinstance(first, MainScreen) and app.screen_stack == [first]
        old_session = app.conversation.session_id
        await save_one_note(pilot, "første samtale")
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and app.screen is not first
        assert len(app.screen_stack) == 1
        assert app.conversation.session_id != old_session
        await type_text(pilot, "andre samtale")
        await pilot.press("enter")
        assert [n.text for n in app.conversation.session.notes] == ["andre samtale"]


async def test_logs_screen_finds_a_session_by_a_word(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(110, 36)) as pilot:
        await save_one_note(pilot, "drømmer om sjøen")
        await pilot.press("l")
        assert isinstance(app.screen, LogsScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        await type_text(pilot, "sjøen")
        await wait_until(pilot, lambda: table.row_count == 1 and app.screen.rows[0].notes == 1)
        await pilot.press("backspace", "backspace", "backspace", "backspace", "backspace")
        await type_text(pilot, "fjellet")
        await wait_until(pilot, lambda: table.row_count == 0)
        for _ in range(7):
            await pilot.press("backspace")
        await wait_until(pilot, lambda: table.row_count == 1)
        await pilot.press("enter", "enter")
        assert isinstance(app.screen, LogViewScreen)
        assert "drømmer om sjøen" in app.screen.query_one("#log-view").source  # type: ignore[attr-defined]


async def test_old_sessions_are_offered_for_deletion(
    make_app: AppFactory, clock: FakeClock, data_dir: Path
) -> None:
    old = Store(data_dir, clock=clock).open()
    sid = old.create_session("chat")
    old.save_log(sid, "{}")
    old.close()
    clock.advance(3 * 86400)
    app = make_app(config=Config(retention_days=2))
    async with app.run_test(size=(100, 32)) as pilot:
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("enter")
        assert isinstance(app.screen, MainScreen)
        assert sid not in [s.id for s in app.conversation.store.summaries()]


async def test_disk_full_shows_a_banner_and_keeps_the_text(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        real = Store._write
        state = {"full": True}

        def write(self: Store):  # type: ignore[no-untyped-def]
            if state["full"]:
                raise StoreWriteError("Kunne ikke lagre: database or disk is full")
            return real(self)

        monkeypatch.setattr(Store, "_write", write)
        await type_text(pilot, "skrevet mens disken er full")
        await pilot.press("enter")
        banner = app.screen.query_one(".save-banner")
        assert banner.display and "IKKE LAGRET" in str(banner.content)  # type: ignore[attr-defined]
        assert [n.text for n in app.conversation.session.notes] == ["skrevet mens disken er full"]
        state["full"] = False
        await wait_until(pilot, lambda: not banner.display, timeout=5)
        assert [n.text for n in app.conversation.store.load(app.conversation.session_id).notes] == [
            "skrevet mens disken er full"
        ]


async def test_typing_is_saved_at_least_every_second(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        saved: list[str] = []
        for _ in range(24):  # ~1.7 s of continuous typing, never idle for 0.4 s
            await pilot.press("a")
            await pilot.pause(0.07)
            draft = app.conversation.store.load(app.conversation.session_id).drafts.get("note")
            if draft and (not saved or saved[-1] != draft):
                saved.append(draft)
        assert saved, "nothing was saved while typing went on"
        assert len(saved[0]) < 24  # saved before typing stopped


async def test_a_save_that_is_already_due_does_not_crash(make_app: AppFactory) -> None:
    """Typing after a pause longer than the debounce made the next timer 0 s long, and
    Textual's timer divides by its interval (found by the benchmark)."""
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        conversation = app.conversation
        real = conversation.monotonic
        conversation.monotonic = lambda: 0.0
        conversation.text_changed("note", "x")  # changed at 0: due long ago
        conversation.monotonic = real
        app.autosave.schedule()
        await pilot.pause(0.1)
        assert app.conversation.store.load(app.conversation.session_id).drafts == {"note": "x"}


async def test_a_remapped_modal_key_works_and_its_hint_says_so(make_app: AppFactory) -> None:
    app = make_app(config=Config(keymap={"review.mask": "s", "finish.whole": "ctrl+j"}))
    async with app.run_test(size=(110, 36)) as pilot:
        await type_text(pilot, "ring 912 34 567")
        await pilot.press("enter", "f10")
        assert isinstance(app.screen, FinishModal)
        assert "Ctrl+J" in str(app.screen.query_one(".modal-keys").content)
        await pilot.press("ctrl+j")
        assert isinstance(app.screen, ReflectionScreen)
        await pilot.press("f10")
        assert isinstance(app.screen, PrivacyReviewModal)
        hint = str(app.screen.query_one(".modal-keys").content)
        assert hint.startswith("s masker"), hint
        await pilot.press("m")  # moved away: nothing happens
        assert isinstance(app.screen, PrivacyReviewModal)
        await pilot.press("s")
        assert isinstance(app.screen, SavedModal)
        assert "[TELEFON]" in app.screen.paths[0].read_text(encoding="utf-8")


async def test_after_saving_the_reflection_shows_what_was_saved(make_app: AppFactory) -> None:
    """Masked in the log and the archive, the answer was still shown unmasked and editable."""
    app = make_app()
    async with app.run_test(size=(110, 36)) as pilot:
        await pilot.press("f1")
        await type_text(pilot, "notat")
        await pilot.press("enter")
        await finish(pilot)
        await type_text(pilot, "Svar med 912 34 567 inni")
        await pilot.press("f10", "m")
        assert isinstance(app.screen, SavedModal)
        await pilot.press("escape")  # not on yet: back to the reflection
        assert isinstance(app.screen, ReflectionScreen)
        first = app.ctx.model.reflection[0].id
        area = app.screen.query_one(f"#answer-{first}", TextArea)
        assert area.text == "Svar med [TELEFON] inni"
        area.focus()
        await type_text(pilot, " og mer")
        await pilot.pause(1.2)
        assert "567" not in app.conversation.store.load(app.conversation.session_id).answers[first]
        assert app.conversation.store.search("567") == []


@pytest.mark.parametrize("channel", ["chat", None], ids=["--channel", "asked"])
async def test_an_archive_with_one_damaged_page_ends_the_start_with_exit_3(
    model: Content, themes: list[ThemeFile], data_dir: Path, channel: str | None
) -> None:
    """#21 item 4: nothing reads the archive before the integrity check has answered, and the
    answer is the same however often it is asked (the retention step read it, and crashed)."""
    for n in range(30):
        archived_session(data_dir, f"notat {n} " * 50)
    damage_one_page(data_dir / "veiviser.sqlite3")
    store = Store(data_dir).open(check_later=True)
    app = build_app(store, model=model, themes=themes, channel=channel)  # type: ignore[arg-type]
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause(0.2)
    assert app.return_code == 3
    assert not list(data_dir.glob("krasj-*.log"))
    with pytest.raises(StoreError, match="skadet"):
        store.verify()
    with pytest.raises(StoreError, match="skadet"):
        store.older_than(0)


async def test_after_saving_the_logs_then_esc_lead_on_never_to_a_second_export(
    make_app: AppFactory, data_dir: Path
) -> None:
    """#22 item 7: `l` then Esc landed in the saved conversation's reflection; F10 there
    exported again (`-4.md` beside `-3.json`)."""
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("f1")
        await type_text(pilot, "et notat")
        await pilot.press("enter", "f10", "enter")
        await save_from_the_reflection(pilot, app)
        exported = sorted((data_dir / "eksport").iterdir())
        await pilot.press("l")
        await wait_until(pilot, lambda: isinstance(app.screen, LogsScreen))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert not any(isinstance(s, ReflectionScreen) for s in app.screen_stack)
        bar = app.screen.query_one("#phase-bar")
        assert "F10 for ny samtale" in str(bar.render())
        await pilot.press("f10")
        await wait_until(pilot, lambda: isinstance(app.screen, SavedModal))
        assert app.screen.already  # type: ignore[attr-defined]
        assert sorted((data_dir / "eksport").iterdir()) == exported  # nothing exported again
        old = app.conversation.session_id
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and app.conversation.session_id != old


async def test_after_masking_the_main_screen_shows_the_masked_note(make_app: AppFactory) -> None:
    """#22 item 8: the archive and exports were masked, the notes pane was not."""
    from tui.widgets.notes_pane import NotesPane

    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("f1")
        await type_text(pilot, "ring 912 34 567")
        await pilot.press("enter", "f10", "enter", "f10")
        await wait_until(pilot, lambda: isinstance(app.screen, PrivacyReviewModal))
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, SavedModal))
        main = next(s for s in app.screen_stack if isinstance(s, MainScreen))
        rows = [str(o.prompt) for o in main.query_one(NotesPane).query_one("OptionList")._options]  # type: ignore[attr-defined]
        assert any("[TELEFON]" in row for row in rows) and not any("912" in row for row in rows)


async def test_the_logs_screen_says_all_its_keys_and_names_only_knapper(
    make_app: AppFactory, model: Content, data_dir: Path, clock: FakeClock
) -> None:
    """#22 item 10: the footer showed only «Esc Tilbake»; Ctrl+G left out Enter and Ctrl+E and
    showed the search field's placeholder as a key; «Knapper» showed «situasjon»."""
    from tui.core.outputs.demo import generate
    from tui.screens.info import HelpModal
    from tui.widgets.footer import KeyFooter

    store = Store(data_dir, clock=clock).open()
    generate(store, model, 12, start=clock.now - 20 * 86400, seed=3)
    store.close()
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("f9")
        await pilot.pause()
        footer = str(app.screen.query_one(KeyFooter).render())
        assert "Enter" in footer and "Åpne" in footer
        table = app.screen.query_one(DataTable)
        knapper = {str(table.get_row_at(i)[4]) for i in range(table.row_count)}
        names = {k.name for k in model.knapper}
        assert all(set(cell.split(", ")) <= names | {""} for cell in knapper), knapper
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, HelpModal)
        keys_shown = {k for k, _ in app.screen.rows}
        assert {"Enter", "Ctrl+E", "Ctrl+K"} <= keys_shown
        assert not any("Søk i notater" in words for _, words in app.screen.rows)
        await pilot.press("escape", "enter")  # Enter: from the search field to the list
        await pilot.pause()
        assert table.has_focus
        await pilot.press("enter")  # and on the list: open the log
        await pilot.pause()
        assert isinstance(app.screen, LogViewScreen)


async def test_a_quiet_chat_is_ended_as_such_and_counted_apart(make_app: AppFactory) -> None:
    """#22 item 9: a chat that went quiet counted as «did not reach Konklusjon»."""
    from tui.core.outputs.practice import practice
    from tui.core.outputs.teamrecord import own_records

    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("f1")
        await type_text(pilot, "hei")
        await pilot.press("enter", "f3", "f10", "s")
        assert isinstance(app.screen, ReflectionScreen)
        await save_from_the_reflection(pilot, app)
        store = app.conversation.store
        sid = app.conversation.session_id
        assert store.load(sid).outcome == "stille"
        assert '"outcome": "stille"' in (store.saved_log(sid) or "")
        figures = practice(store.conn, app.ctx.model, days=None, now=app.conversation.clock())
        assert figures.outcomes == {"stille": 1, "kort": 0, "henvist": 0}
        assert figures.konklusjon_share == 0.0 and figures.conversations == 1
        assert [r.outcome for r in own_records(store)] == ["stille"]
        await pilot.press("n")  # the next conversation ends as a whole one again
        await pilot.pause()
        assert app.conversation.outcome is None
