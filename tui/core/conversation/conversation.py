"""The running conversation, without Textual: the one path a note takes to the archive and out.

A note's text goes: the note field (:class:`tui.widgets.notes_pane.NoteInput`, in its own key
order) → :meth:`Conversation.text_changed` (the draft, saved after a pause and at least once a
second) → Enter: :meth:`Conversation.add_note` → :class:`Session` → its listener, the
:class:`Recorder` → :class:`Store` (committed at once). At the end the log is built from the
archive by :func:`tui.core.outputs.logflow.log_for`, reviewed
(:func:`~tui.core.outputs.logflow.decide`) and written by
:func:`~tui.core.outputs.logflow.save_and_export` in every format of
:data:`tui.core.outputs.formats.LOG`. ``veiviser export`` takes the same functions.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from tui.core.archive.store import EXPORT_FOLDER, Loaded, Store
from tui.core.conversation.debounce import Debounce
from tui.core.conversation.notes import Note
from tui.core.conversation.recorder import Recorder
from tui.core.conversation.session import Move, Session
from tui.core.model.content import Channel, Content

NOTE_FIELD = "note"
"""The draft field of the note being typed."""
ANSWER_PREFIX = "answer:"
"""Draft fields of reflection answers are ``answer:<question id>``."""


def default_export_dir(data_dir: Path, configured: str | None = None) -> Path:
    """Where exports go: ``export_dir`` from the config, else ``eksport/`` in the data folder."""
    return Path(configured) if configured else data_dir / EXPORT_FOLDER


def export_stem(log_date: str, start_time: str, session_id: str) -> str:
    """The file name of a log without its suffix: no ``:``, so it is legal on NTFS too."""
    return f"refleksjon-{log_date}-{start_time.replace(':', '')}-{session_id[:6]}"


class Conversation:
    """The conversation being held: its session, the text being typed, and its archive.

    ``monotonic`` is the clock for autosave timing and ``clock`` the wall clock for the session;
    both can be replaced in tests.
    """

    def __init__(
        self,
        model: Content,
        store: Store,
        clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.model = model
        self.store = store
        self.clock = clock
        self.day_focus: tuple[str, str | None] | None = None
        """The vaktleder's knapp in focus today and the line with it (from the team file): a
        new conversation keeps it in the archive."""
        self.focus: tuple[str, str | None] | None = None
        """The running conversation's focus: today's for a new one, its own day's when resumed."""
        self.monotonic = monotonic
        self.session = Session(channel="chat", clock=clock)
        self.session_id = ""
        self.recorder: Recorder | None = None
        self.answers: dict[str, str] = {}
        self.outcome: str | None = None
        """How it ended when not as a whole conversation (``stille``, ``kort``, ``henvist``)."""
        self.note_draft = ""
        self.on_text: Callable[[], None] | None = None
        """Told after each :meth:`text_changed` (the app schedules its autosave with it)."""
        self._debounces: dict[str, Debounce] = {}
        self._texts: dict[str, str] = {}

    # --- which conversation -------------------------------------------------------------

    def start_new(self, channel: Channel) -> str:
        """A new conversation in the archive; returns its id."""
        self.begin(self.store.create_session(channel, self.day_focus), None, channel)
        return self.session_id

    def begin(self, session_id: str, loaded: Loaded | None, channel: Channel = "chat") -> None:
        """Make ``session_id`` the running conversation (new, or resumed from ``loaded``)."""
        self.session_id = session_id
        if loaded is None:
            self.session = Session(channel=channel, clock=self.clock)
            self.answers, self.note_draft, self.outcome = {}, "", None
            self.focus = self.day_focus
        else:
            self.session = loaded.session(self.clock)
            self.answers = dict(loaded.answers)
            self.outcome = loaded.outcome
            self.focus = loaded.focus
            self.note_draft = loaded.drafts.get(NOTE_FIELD, "")
        self.recorder = Recorder(self.store, session_id)
        self.session.subscribe(self.recorder)
        self._debounces.clear()
        self._texts.clear()

    @property
    def error(self) -> str | None:
        """Why the last write failed (the text waits in memory), or None when all is saved."""
        return self.recorder.error if self.recorder else None

    # --- the text being typed -------------------------------------------------------------

    def text_changed(self, field: str, text: str) -> None:
        """The note field or an answer changed: it is saved when :meth:`due_at` comes."""
        self._texts[field] = text
        self._debounces.setdefault(field, Debounce()).changed(self.monotonic())
        if self.on_text is not None:
            self.on_text()

    def typed(self, field: str) -> str:
        """What ``field`` holds now, saved or still waiting for its pause."""
        if field in self._texts:
            return self._texts[field]
        if field.startswith(ANSWER_PREFIX):
            return self.answers.get(field.removeprefix(ANSWER_PREFIX), "")
        return self.note_draft if field == NOTE_FIELD else ""

    def due_at(self) -> float | None:
        """When the next waiting text should be saved (``monotonic`` time), or None."""
        due = [d.due_at() for d in self._debounces.values() if d.dirty]
        return min((x for x in due if x is not None), default=None)

    def save_due(self) -> None:
        """Save every text whose time has come."""
        now = self.monotonic()
        for field, debounce in list(self._debounces.items()):
            when = debounce.due_at()
            if when is not None and when <= now:
                self._save_field(field)

    def save_everything(self) -> None:
        """Save every waiting text now (quit, signal, leaving a screen), and retry failed writes."""
        for field, debounce in list(self._debounces.items()):
            if debounce.dirty:
                self._save_field(field)
        if self.recorder is not None:
            self.recorder.flush()

    def retry(self) -> None:
        """Try failed writes again."""
        if self.recorder is not None:
            self.recorder.flush()

    def write(self, key: str, write: Callable[[], None]) -> bool:
        """Run a write to the archive in order with the conversation's own; when it fails it
        waits in memory and is tried again with them. True if it reached the disk."""
        if self.recorder is None:
            write()
            return True
        return self.recorder.run(key, write)

    @property
    def unsaved(self) -> bool:
        """Something typed or decided waits in memory for the disk."""
        return bool(self.recorder and self.recorder.pending)

    def rescue_text(self) -> str:
        """Everything typed in the running conversation as plain text: the notes, the note
        being typed and the answers (for a rescue file when the archive cannot be written)."""
        lines = [f"Veiviser {self.session_id}"]
        lines += [f"[{n.id}] {n.text}" for n in self.session.notes]
        draft = self._texts.get(NOTE_FIELD, self.note_draft)
        if draft:
            lines.append(f"[…] {draft}")
        answers = dict(self.answers)
        for field, text in self._texts.items():
            if field.startswith(ANSWER_PREFIX):
                answers[field.removeprefix(ANSWER_PREFIX)] = text
        lines += [f"{key}: {text}" for key, text in answers.items() if text]
        return "\n".join(lines) + "\n"

    def _save_field(self, field: str) -> None:
        text = self._texts.get(field, "")
        self._debounces[field].saved()
        if self.recorder is None:
            return
        if field.startswith(ANSWER_PREFIX):
            question_id = field.removeprefix(ANSWER_PREFIX)
            self.answers[question_id] = text
            self.recorder.answer(question_id, text)
        else:
            if field == NOTE_FIELD:
                self.note_draft = text
            self.recorder.draft(field, text)

    # --- notes, pins, copies, moves --------------------------------------------------------

    def add_note(self, text: str, knapp: str | None = None, pinned: bool = False,
                 at: float | None = None) -> Note | None:  # fmt: skip
        """Save a note (stamped with time, phase and round); its draft is gone. None if blank."""
        note = self.session.add_note(text, knapp, pinned=pinned, at=at)
        if note is None:
            return None
        self._texts[NOTE_FIELD] = ""
        self.note_draft = ""
        self._debounces.setdefault(NOTE_FIELD, Debounce()).saved()
        if self.recorder is not None:
            self.recorder.draft(NOTE_FIELD, "")
        return note

    def toggle_pin(self, note_id: int) -> Note:
        return self.session.toggle_pin(note_id)

    def record_copy(self, prompt_id: str, text: str) -> None:
        self.session.record_copy(prompt_id, text)

    def move(self, step: Callable[[Session], Move]) -> Move:
        """Make a move (``Session.jump``, ``next``, ``back``, ``new_round``, ``finish``) and save
        what is being typed with it. Raises :class:`InvalidMove` when the model does not allow it.
        """
        result = step(self.session)
        self.save_everything()
        return result

    def finish(self, at: float | None = None, outcome: str | None = None) -> None:
        """End the conversation (at ``at``, e.g. its last activity) if it has started, as a
        whole conversation or with an ``outcome`` (a quiet chat, a quick information chat,
        referred on) that the figures count apart. A note still being typed (or kept from
        before a crash) becomes the last note: never dropped."""
        self.save_everything()
        if outcome is not None or self.outcome is not None:
            self.outcome = outcome
            sid, store = self.session_id, self.store
            self.write(f"outcome:{sid}", lambda: store.set_outcome(sid, outcome))
        draft = self._texts.get(NOTE_FIELD, self.note_draft)
        if not self.session.finished and self.session.started:
            if draft.strip():
                self.add_note(draft, at=at)
            self.session.finish(at=at)

    # --- after the privacy review ----------------------------------------------------------

    def mask(self, session_id: str, source: str, text: str) -> None:
        """A hit was masked: the archive keeps the masked text, and so does the running session
        (a failed write waits in memory with the rest)."""
        self.write(f"mask:{session_id}:{source}",
                   lambda: self.store.replace_text(session_id, source, text))  # fmt: skip
        if session_id != self.session_id:
            return
        kind, _, key = source.partition(":")
        session = self.session
        if kind == "note":
            session.notes[:] = [replace(n, text=text) if str(n.id) == key else n
                                for n in session.notes]  # fmt: skip
        elif kind == "answer":
            self.answers[key] = text
            field = f"{ANSWER_PREFIX}{key}"  # an unmasked text waiting to be saved is dropped
            self._texts[field] = text
            if field in self._debounces:
                self._debounces[field].saved()
        else:
            index = int(key) - 1
            session.copies[index] = replace(session.copies[index], text=text)
