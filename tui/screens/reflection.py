"""After the conversation: the timeline, what was used of the model, the notes, and the
reflection questions to answer. Answers save themselves like notes; F10 reviews privacy and
saves the log to the archive and as Markdown and JSON files."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static, TextArea

from tui.core.log import Privacy, build_log
from tui.core.notes import clock_label, visible
from tui.strings import t, translate_bindings

if TYPE_CHECKING:
    from tui.app import VeiviserApp


class AnswerArea(TextArea):
    """A reflection answer: pasted control characters become visible symbols (␛), so an
    escape sequence cannot act on the terminal; line breaks are kept."""

    async def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()  # Textual would also run TextArea's own handler
        if self.read_only:
            return
        if result := self._replace_via_keyboard(visible(event.text, lines=True), *self.selection):
            self.move_cursor(result.end_location)


class ReflectionScreen(Screen[None]):
    """Reflect on the conversation that just ended."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f10,ctrl+s", "save", "refl.save", id="refl.save", priority=True),
        Binding("escape", "back", "refl.back", id="refl.back"),
    ]

    DEFAULT_CSS = """
    ReflectionScreen #refl-title { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    ReflectionScreen #refl-body { height: 1fr; }
    ReflectionScreen #refl-left { width: 2fr; padding: 0 1; border-right: vkey $panel; }
    ReflectionScreen #refl-right { width: 3fr; padding: 0 1; }
    ReflectionScreen .question { margin-top: 1; text-style: bold; color: $primary; }
    ReflectionScreen .hint { color: $text-muted; }
    ReflectionScreen TextArea { height: auto; min-height: 4; max-height: 12; }
    ReflectionScreen.-narrow #refl-body { layout: vertical; }
    ReflectionScreen.-narrow #refl-left { width: 100%; height: 12; border-right: none; }
    ReflectionScreen.-narrow #refl-right { width: 100%; }
    """

    app: VeiviserApp

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        app = self.app
        yield Static(classes="save-banner")
        yield Static(self._title(), id="refl-title")
        with Horizontal(id="refl-body"):
            with VerticalScroll(id="refl-left"):
                yield Static(self._timeline(), id="refl-timeline")
                yield Static(self._model_used(), id="refl-model")
                yield Static(self._notes(), id="refl-notes")
            with VerticalScroll(id="refl-right"):
                for question in app.model.reflection:
                    yield Static(question.text, classes="question", markup=False)
                    if question.hint:
                        yield Static(question.hint, classes="hint", markup=False)
                    yield AnswerArea(
                        app.answers.get(question.id, ""),
                        id=f"answer-{question.id}",
                        soft_wrap=True,
                        tab_behavior="focus",
                    )
        yield Footer()

    def on_mount(self) -> None:
        self.query(TextArea).first().focus()
        self.set_class(self.app.size.width < 90, "-narrow")
        self.app.update_banner()

    def on_resize(self) -> None:
        self.set_class(self.app.size.width < 90, "-narrow")

    @on(TextArea.Changed)
    def _answer_changed(self, event: TextArea.Changed) -> None:
        question_id = (event.text_area.id or "").removeprefix("answer-")
        self.app.text_changed(f"answer:{question_id}", event.text_area.text)

    def _title(self) -> str:
        s = self.app.session
        return t(
            "refl.title",
            channel=t(f"channel.{s.channel}"),
            time=clock_label(s.session_seconds()),
            rounds=s.rounds,
            renewals=s.renewals,
        )

    def _timeline(self) -> Group:
        app = self.app
        variables = app.theme_variables
        times = app.session.phase_seconds()
        table = Table(show_edge=False, box=None, padding=(0, 1), show_header=True)
        table.add_column(t("summary.phase"))
        table.add_column(t("summary.time"), justify="right")
        for phase in app.model.phases:
            table.add_row(
                Text(phase.name, style=variables.get(f"element-{phase.id}", "")),
                clock_label(times[phase.id]),
            )
        table.add_row(Text(t("summary.total"), style="bold"),
                      Text(clock_label(app.session.session_seconds()), style="bold"))  # fmt: skip
        return Group(Text(t("refl.timeline"), style="bold"), table, Text(""))

    def _model_used(self) -> Group:
        app = self.app
        log = build_log(app.model, app.session, app.session_id, {}, Privacy(masked=0, kept=0))
        plain = app.plain_words
        label = app.model.label
        stages = ", ".join(label(s, plain) for s in log.kolb_by_phase) or t("summary.none")
        prompted = ", ".join(label(s, plain) for s in log.kolb_stages)
        knapper = ", ".join(label(k, plain) for k in log.knapper) or t("summary.none")
        lines = [
            Text(t("refl.model"), style="bold"),
            Text(f"{app.model.ring_label('kolb', plain)}: {stages}"),
        ]
        if prompted:
            lines.append(Text(t("refl.prompted", stages=prompted)))
        lines += [Text(f"{app.model.ring_label('knapper', plain)}: {knapper}"),
                  Text(t("refl.copies", n=len(app.session.copies))), Text("")]  # fmt: skip
        return Group(*lines)

    def _notes(self) -> Group:
        app = self.app
        session = app.session
        start = session.moves[0].at if session.moves else 0.0
        notes = sorted(session.notes, key=lambda n: (not n.pinned, n.id))
        lines = [Text(t("refl.notes", n=len(notes)), style="bold")]
        for note in notes:
            line = Text()
            if note.pinned:
                line.append("📌 ")
            line.append(clock_label(note.at - start), style="dim")
            phase = app.model.phase(note.phase).name if note.phase else t("notes.before_start")
            line.append(f" {phase}", style="bold")
            if note.knapp:
                variables = app.theme_variables
                line.append(
                    f" ◆ {app.model.label(note.knapp, app.plain_words)}",
                    style=variables.get(f"element-{note.knapp}", ""),
                )
            line.append(f": {visible(note.text)}")
            lines.append(line)
        if not notes:
            lines.append(Text(t("summary.none"), style="dim"))
        return Group(*lines)

    def refresh_notes(self) -> None:
        """Show the notes again (after the privacy review masked some)."""
        self.query_one("#refl-notes", Static).update(self._notes())

    def action_back(self) -> None:
        self.app.save_everything()
        self.app.pop_screen()

    def action_save(self) -> None:
        """Review privacy, then archive and export the log."""
        self.app.review_and_save()
