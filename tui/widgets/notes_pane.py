"""The notes pane: saved notes above, the knapp tag and the one-line note input below."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, RichLog, Static

from tui.core.content import Content as Model
from tui.core.notes import Note, clock_label
from tui.strings import t


class NotesPane(Vertical):
    """Notes typed during the call. Saving appends one row; nothing else re-renders."""

    DEFAULT_CSS = """
    NotesPane #note-log {
        height: 1fr; background: $surface; scrollbar-size-vertical: 1; overflow-x: hidden;
    }
    NotesPane #note-tag { height: 1; padding: 0 1; color: $text-muted; }
    NotesPane #note-input { border: none; height: 1; padding: 0 1; background: $boost; }
    NotesPane #note-input:focus { background: $primary 20%; }
    """

    def __init__(self, model: Model, tag_key: str, id: str | None = None) -> None:
        super().__init__(id=id)
        self.model = model
        self.tag_key = tag_key
        self.tag: str | None = None
        self._started_at: float | None = None
        self._empty = True

    def compose(self) -> ComposeResult:
        log = RichLog(id="note-log", wrap=True, markup=False, auto_scroll=True, min_width=10)
        log.can_focus = False
        yield log
        yield Static(id="note-tag", markup=False)
        yield Input(placeholder=t("notes.placeholder"), id="note-input", max_length=10_000)

    def on_mount(self) -> None:
        self.border_title = t("notes.title")
        self.query_one(RichLog).write(Content.from_markup("[dim]$m[/]", m=t("notes.empty")))
        self.set_tag(None)

    @property
    def input(self) -> Input:
        """The note input (focused from the start)."""
        return self.query_one("#note-input", Input)

    def set_tag(self, knapp_id: str | None) -> None:
        """Set the knapp tag for the next note."""
        self.tag = knapp_id
        label = self.query_one("#note-tag", Static)
        if knapp_id is None:
            label.update(t("notes.tag_none", key=self.tag_key))
        else:
            knapp = self.model.knapp(knapp_id)
            label.update(
                Content.from_markup(
                    f"[b $element-{knapp_id}]◆[/] $label",
                    label=t("notes.tag", name=knapp.name, key=self.tag_key),
                )
            )

    def add(self, note: Note, session_start: float) -> None:
        """Append one saved note to the log."""
        log = self.query_one(RichLog)
        if self._empty:
            log.clear()
            self._empty = False
        phase = self.model.phase(note.phase).name if note.phase else t("notes.before_start")
        variables = self.app.theme_variables
        line = Text()
        line.append(clock_label(note.at - session_start), style="dim")
        line.append(" ")
        line.append(phase, style=f"bold {variables.get(f'element-{note.phase}', '')}")
        if note.knapp:
            knapp = self.model.knapp(note.knapp)
            line.append(f" ◆ {knapp.name}", style=variables.get(f"element-{note.knapp}", ""))
        line.append(" ")
        line.append(note.text)
        log.write(line)
