"""The conversation layer without Textual: one path for a note from the field to the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.fakes import FakeClock
from tui.core.archive.store import Store
from tui.core.conversation.conversation import (
    NOTE_FIELD,
    Conversation,
    default_export_dir,
    export_stem,
)
from tui.core.conversation.session import InvalidMove, Session
from tui.core.model.content import Content
from tui.core.outputs import logflow
from tui.core.outputs.review import pending


class Ticks:
    """A monotonic clock moved by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def store(tmp_path: Path, clock: FakeClock) -> Store:
    s = Store(tmp_path / "data", clock=clock).open()
    yield s  # type: ignore[misc]
    s.close()


@pytest.fixture
def ticks() -> Ticks:
    return Ticks()


@pytest.fixture
def conversation(model: Content, store: Store, clock: FakeClock, ticks: Ticks) -> Conversation:
    c = Conversation(model, store, clock=clock, monotonic=ticks)
    c.start_new("chat")
    return c


def test_a_note_from_keypress_to_archive_to_exported_file(
    conversation: Conversation, model: Content, store: Store, ticks: Ticks, tmp_path: Path
) -> None:
    conversation.move(lambda s: s.jump("kontakt"))
    conversation.text_changed(NOTE_FIELD, "ring meg på 912 34 567, æøå")
    assert conversation.due_at() == pytest.approx(100.4)
    ticks.now = 100.5
    conversation.save_due()
    assert store.load(conversation.session_id).drafts[NOTE_FIELD] == "ring meg på 912 34 567, æøå"

    note = conversation.add_note("ring meg på 912 34 567, æøå")
    assert note is not None and note.phase == "kontakt"
    assert not store.load(conversation.session_id).drafts.get(NOTE_FIELD)  # the draft is gone
    assert conversation.note_draft == "" and conversation.due_at() is None
    assert [n.text for n in store.load(conversation.session_id).notes] == [note.text]

    conversation.finish()
    log = logflow.running_log(conversation)
    (finding,) = pending(log, [])
    log, _ = logflow.decide(conversation, conversation.session_id, log, finding, "mask")
    export_dir = default_export_dir(store.directory)
    paths, error = logflow.save_and_export(conversation, conversation.session_id, log, export_dir)
    assert error is None and [p.suffix for p in paths] == [".md", ".json"]
    markdown = paths[0].read_text(encoding="utf-8")
    assert "ring meg på [TELEFON], æøå" in markdown and "912" not in markdown
    assert json.loads(paths[1].read_text(encoding="utf-8"))["session_id"] == conversation.session_id
    # The archive and the running session hold the masked text too.
    assert store.load(conversation.session_id).notes[0].text == "ring meg på [TELEFON], æøå"
    assert conversation.session.notes[0].text == "ring meg på [TELEFON], æøå"
    # And the log read back later is the saved one.
    again = logflow.log_for(model, store, conversation.session_id)
    assert again == log.model_copy(update={"privacy": again.privacy})


def test_typing_is_saved_after_a_pause_and_at_least_every_second(
    conversation: Conversation, store: Store, ticks: Ticks
) -> None:
    saved: list[float] = []
    for step in range(30):  # 3 s of typing, a key every 0.1 s: never a 0.4 s pause
        ticks.now = 100.0 + step * 0.1
        conversation.text_changed(NOTE_FIELD, "x" * (step + 1))
        due = conversation.due_at()
        assert due is not None
        if due <= ticks.now + 0.1:
            ticks.now = due
            conversation.save_due()
            saved.append(due)
    gaps = [b - a for a, b in zip([100.0, *saved], saved, strict=False)]
    assert saved and max(gaps) <= 1.0 + 1e-9
    assert store.load(conversation.session_id).drafts[NOTE_FIELD].startswith("x")


def test_a_refused_move_changes_nothing_but_saves_what_is_typed(
    conversation: Conversation, store: Store
) -> None:
    conversation.text_changed(NOTE_FIELD, "halvveis")
    with pytest.raises(InvalidMove):
        conversation.move(Session.back)  # nothing to go back to
    conversation.move(Session.next)
    assert store.load(conversation.session_id).drafts[NOTE_FIELD] == "halvveis"


def test_resuming_brings_back_notes_draft_and_answers(
    model: Content, store: Store, clock: FakeClock, conversation: Conversation
) -> None:
    conversation.add_note("første")
    conversation.text_changed(NOTE_FIELD, "under skriving")
    conversation.text_changed("answer:gikk-bra", "kontakten")
    conversation.save_everything()
    sid = conversation.session_id
    again = Conversation(model, store, clock=clock)
    again.begin(sid, store.load(sid))
    assert [n.text for n in again.session.notes] == ["første"]
    assert again.note_draft == "under skriving"
    assert again.answers == {"gikk-bra": "kontakten"}


def test_masking_an_answer_drops_the_unmasked_text_waiting_to_be_saved(
    conversation: Conversation, store: Store
) -> None:
    conversation.text_changed("answer:gikk-bra", "ola@eksempel.no")
    conversation.save_everything()
    conversation.text_changed("answer:gikk-bra", "ola@eksempel.no")  # waiting again
    conversation.mask(conversation.session_id, "answer:gikk-bra", "[E-POST]")
    conversation.save_everything()
    assert store.load(conversation.session_id).answers["gikk-bra"] == "[E-POST]"
    assert conversation.answers["gikk-bra"] == "[E-POST]"


def test_export_names_are_legal_on_every_file_system() -> None:
    stem = export_stem("2026-11-29", "14:32", "abcdef123")
    assert stem == "refleksjon-2026-11-29-1432-abcdef"
    assert not set(stem) & set('<>:"/\\|?*')


def test_the_export_folder_is_in_the_data_folder_unless_configured(tmp_path: Path) -> None:
    assert default_export_dir(tmp_path) == tmp_path / "eksport"
    assert default_export_dir(tmp_path, str(tmp_path / "ut")) == tmp_path / "ut"
