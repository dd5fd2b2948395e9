"""The notes pane: saved notes above, the tag line and the one-line note field below.

A note's one way in: every change of the field goes to :meth:`Conversation.text_changed` as it
happens (the draft), and Enter to :meth:`Conversation.add_note` (with the pane's tag and pin),
both in the field's own key order; the pane then posts :class:`NotesPane.NoteAdded` for its
screen to show where the conversation stands. Nothing typed waits in a message queue.
"""

from __future__ import annotations

import asyncio
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.core.base.strings import t
from tui.core.conversation.conversation import NOTE_FIELD, Conversation
from tui.core.conversation.notes import Note, clock_label, visible
from tui.core.model.content import Content as Model

PIN = "📌"
MAX_NOTE = 10_000
"""Longest note, in characters. Longer text belongs in the reflection."""


class NoteInput(Input):
    """The one-line note field. A paste keeps every line (joined with " / ") instead of
    Textual's first line only; control characters in it (a pasted escape sequence) become
    visible symbols (␛) so they cannot act on the terminal; and a paste too long for a note is
    refused with a message (the text is still on the clipboard), never cut silently."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=True)
    """Textual's Input sets this on every character; as a layout reactive it laid out the whole
    screen (and drew a second frame) per key. One line wide and never scrolling vertically, the
    field needs only a repaint: typing then costs what a bare Input costs."""

    _bound: frozenset[str] | None = None
    """The keys bound on the screen (the keymap is applied at start, so this stays true)."""

    def __init__(self, pane: NotesPane, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.pane = pane
        """Enter saves through the pane at once, in the field's own key order.

        Textual runs the Enter binding only after the key has bubbled up to the app, so with
        fast typing the characters typed after Enter were already in the field (and joined the
        note), and a phase key typed after Enter acted first (the note got the new phase).
        Handling Enter here, in the order the keys arrive, keeps each note whole and in the
        phase it was written in."""

    def _watch_value(self, value: str) -> None:
        super()._watch_value(value)
        self.pane.typed(value)  # the draft is in the conversation before the next key

    async def _on_key(self, event: events.Key) -> None:
        if self.is_attached and self.screen is not self.app.screen:
            # An earlier key in this field's queue opened a screen over it (Ctrl+T, Ctrl+Y …):
            # this key was typed for that screen, straight after, before it was drawn.
            event.stop()
            event.prevent_default()
            await self._to_screen_above(event)
            return
        if self.pane.taking:
            if event.key == "enter":
                event.stop()
                event.prevent_default()
                self.pane.enter(self.value)
                return
            # The screen's keys (F1–F10, Ctrl+Y …) act here too, in the same order, for the
            # same reason; the field's own keys (arrows, Backspace …) are left to it. Keys that
            # nothing binds (every typed letter) go straight to the field: asking Textual for the
            # active bindings checks every action, which would cost that on each character.
            if self._bound is None:
                self._bound = frozenset(self.screen.active_bindings)
            if event.key not in self._bound:
                await super()._on_key(event)
                return
            active = self.screen.active_bindings.get(event.key)
            if active is not None and active.node is not self and active.enabled:
                event.stop()
                event.prevent_default()
                await self.app.run_action(active.binding.action, active.node)
                return
        await super()._on_key(event)

    async def _to_screen_above(self, event: events.Key) -> None:
        """Give a key to the screen now on top, as if typed there, and wait until it has taken
        it: the knapp picker gets its digit, the copy bar its number, and the keys after them
        come back here once the screen has closed. Nothing typed fast is lost or misplaced."""
        screen = self.app.screen
        for _ in range(50):  # a screen just pushed is still being composed (≈ 10 ms)
            if screen.is_mounted:
                break
            await asyncio.sleep(0.01)
        await asyncio.sleep(0)  # and takes its focus
        focused = screen.focused
        active = screen.active_bindings.get(event.key)
        if active is not None and active.enabled and active.node is not focused:
            await self.app.run_action(active.binding.action, active.node)
            return
        target = focused or screen
        taken = asyncio.Event()
        target.post_message(events.Key(event.key, event.character))
        target.call_later(taken.set)
        with suppress(TimeoutError):
            await asyncio.wait_for(taken.wait(), 0.5)

    def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()  # Textual would also run Input's own handler (first line only)
        lines = [line.strip() for line in event.text.splitlines() if line.strip()]
        text = visible(" / ".join(lines))
        if not text:
            return
        if len(self.value) + len(text) > MAX_NOTE:
            self.notify(t("notes.too_long", n=len(text), max=MAX_NOTE), severity="error", timeout=8)
            return
        if self.selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *self.selection)


SHOWN_ON_RESUME = 300
"""A resumed session shows its last notes here; all of them are in the reflection and the log."""


class NotesPane(Vertical):
    """Notes typed during the call. Saving appends one row; pinning re-renders one row."""

    DEFAULT_CSS = """
    NotesPane #note-list {
        height: 1fr; background: $surface; border: none; padding: 0;
        scrollbar-size-vertical: 1;
    }
    NotesPane #note-list > .option-list--option { padding: 0; }
    NotesPane #note-tag { height: 1; padding: 0 1; color: $text-muted; }
    NotesPane #note-input { border: none; height: 1; padding: 0 1; background: $boost; }
    NotesPane #note-input:focus { background: $primary 20%; }
    """

    @dataclass
    class NoteAdded(Message):
        """A note was saved (the conversation has it): the screen shows where it stands."""

        note: Note

    def __init__(self, model: Model, keys: dict[str, str], conversation: Conversation,
                 id: str | None = None) -> None:  # fmt: skip
        super().__init__(id=id)
        self.model = model
        self.conversation = conversation
        self.taking = False
        """True once mounted with the conversation's draft: the field then saves to it."""
        self.keys = keys
        self.tag: str | None = None
        self.plain = True
        """Plain words or theory terms for knapp names (the screen sets it)."""
        self.pin_next = False
        self.session_start: float | None = None
        self._notes: dict[str, Note] = {}

    def compose(self) -> ComposeResult:
        notes = OptionList(id="note-list")
        notes.can_focus = False
        yield notes
        yield Static(id="note-tag", markup=False)
        # Never select-all on focus: the next key would replace the whole draft.
        yield NoteInput(self, placeholder=t("notes.placeholder"), id="note-input",
                        max_length=MAX_NOTE, select_on_focus=False)  # fmt: skip

    def on_mount(self) -> None:
        self.border_title = t("notes.title")
        self._show_tag()

    @property
    def input(self) -> Input:
        """The note field (focused from the start)."""
        return self.query_one("#note-input", Input)

    def start(self, draft: str) -> None:
        """Show ``draft`` (kept from before) in the field, and from now on save what is typed."""
        field = self.input
        if draft:
            field.value = draft
            field.cursor_position = len(draft)
        self.taking = True

    def typed(self, value: str) -> None:
        """The field changed: the conversation's draft, saved after a pause."""
        if self.taking and value != self.conversation.typed(NOTE_FIELD):
            self.conversation.text_changed(NOTE_FIELD, value)

    def enter(self, text: str) -> None:
        """Enter: the note with its phase, time, knapp tag and pin, saved at once."""
        note = self.conversation.add_note(text, self.tag, pinned=self.pin_next)
        if note is None:
            return
        self.input.clear()  # the draft is "" already: typed() has nothing to save
        session = self.conversation.session
        self.add(note, session.moves[0].at if session.moves else note.at)
        self.reset_tag()
        self.post_message(self.NoteAdded(note))

    def set_tag(self, knapp_id: str | None) -> None:
        """Set the knapp tag for the next note."""
        self.tag = knapp_id
        self._show_tag()

    def toggle_pin_next(self) -> None:
        """Pin (or not) the note being written."""
        self.pin_next = not self.pin_next
        self._show_tag()

    def reset_tag(self) -> None:
        """After a save: no tag, no pin."""
        self.tag, self.pin_next = None, False
        self._show_tag()

    def _show_tag(self) -> None:
        label = self.query_one("#note-tag", Static)
        line = Text()
        if self.pin_next:
            line.append(f"{PIN} {t('notes.pin_next')}  ")
        if self.tag is None:
            line.append(t("notes.tag_none", key=self.keys.get("tag", "")))
        else:
            knapp = self.model.knapp(self.tag)
            line.append("◆ ", style=self.app.theme_variables.get(f"element-{self.tag}", ""))
            name = self.model.label(knapp.id, self.plain)
            line.append(t("notes.tag", name=name, key=self.keys.get("tag", "")))
        label.update(line)

    def words_changed(self) -> None:
        """Re-render the tag line and the notes with the words now in use."""
        self._show_tag()
        option_list = self.query_one(OptionList)
        for index in range(option_list.option_count):
            option = option_list.get_option_at_index(index)
            note = self._notes.get(option.id or "")
            if note is not None:
                option_list.replace_option_prompt_at_index(index, self._row(note))

    def _row(self, note: Note) -> Text:
        self._notes[str(note.id)] = note
        variables = self.app.theme_variables
        start = self.session_start if self.session_start is not None else note.at
        phase = self.model.phase(note.phase).name if note.phase else t("notes.before_start")
        line = Text()
        if note.pinned:
            line.append(f"{PIN} ")
        line.append(clock_label(note.at - start), style="dim")
        line.append(" ")
        line.append(phase, style=f"bold {variables.get(f'element-{note.phase}', '')}")
        if note.knapp:
            knapp = self.model.knapp(note.knapp)
            name = self.model.label(knapp.id, self.plain)
            line.append(f" ◆ {name}", style=variables.get(f"element-{note.knapp}", ""))
        line.append(" ")
        line.append(visible(note.text))
        return line

    def show_all(self, notes: list[Note], session_start: float | None) -> None:
        """Fill the list after a resume: the last notes (a long session stays quick to open)."""
        self.session_start = session_start
        option_list = self.query_one(OptionList)
        option_list.clear_options()
        shown = notes[-SHOWN_ON_RESUME:]
        options = [Option(self._row(n), id=str(n.id)) for n in shown]
        if len(notes) > len(shown):
            earlier = Text(t("notes.earlier", n=len(notes) - len(shown)), style="dim italic")
            options.insert(0, Option(earlier, disabled=True))
        option_list.add_options(options)
        option_list.scroll_end(animate=False)

    def add(self, note: Note, session_start: float) -> None:
        """Append one saved note."""
        self.session_start = session_start
        option_list = self.query_one(OptionList)
        option_list.add_option(Option(self._row(note), id=str(note.id)))
        option_list.scroll_end(animate=False)

    def update(self, note: Note) -> None:
        """Re-render one note (pinned or unpinned)."""
        self.query_one(OptionList).replace_option_prompt(str(note.id), self._row(note))
