"""After the conversation: the timeline, what was used of the model, the notes, and the
reflection questions to answer. Answers save themselves like notes; F10 reviews privacy and
saves the log to the archive and as Markdown and JSON files."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static, TextArea

from tui import keys
from tui.bindings import bindings
from tui.context import Context
from tui.core.base.strings import t
from tui.core.conversation.conversation import ANSWER_PREFIX
from tui.core.conversation.notes import clock_label, visible
from tui.core.outputs.log import Privacy, build_log
from tui.messages import LogSaved, Written
from tui.screens.base import KeyedScreen
from tui.textual_adapter import translate_bindings
from tui.widgets.footer import KeyFooter
from tui.widgets.save_banner import SaveBanner


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


class ReflectionScreen(KeyedScreen):
    """Reflect on the conversation that just ended."""

    KEYS = keys.REFLECTION
    """The keys of this screen, in the order the help (Ctrl+G) lists them."""
    BINDINGS: ClassVar[list[BindingType]] = list(bindings(KEYS))

    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx
        self.conversation = ctx.conversation
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        ctx = self.ctx
        yield SaveBanner(ctx.shared, log=True)
        yield Static(self._title(), id="refl-title")
        with Horizontal(id="refl-body"):
            with VerticalScroll(id="refl-left"):
                yield Static(self._timeline(), id="refl-timeline")
                yield Static(self._model_used(), id="refl-model")
                yield Static(self._notes(), id="refl-notes")
            with VerticalScroll(id="refl-right"):
                for question in ctx.model.reflection:
                    yield Static(question.text, classes="question", markup=False)
                    if question.hint:
                        yield Static(question.hint, classes="hint", markup=False)
                    yield AnswerArea(
                        self.conversation.answers.get(question.id, ""),
                        id=f"answer-{question.id}",
                        soft_wrap=True,
                        tab_behavior="focus",
                    )
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query(TextArea).first().focus()
        self.set_class(self.app.size.width < 90, "-narrow")
        shared = self.ctx.shared
        shared.flush.subscribe(self, lambda _: self.take_typed(), immediate=True)
        shared.conversation.subscribe(self, self._conversation_changed)
        self.post_message(Written())

    def _conversation_changed(self, what: str) -> None:
        if what == "saved":
            self.refresh_after_save()

    def on_resize(self) -> None:
        self.set_class(self.app.size.width < 90, "-narrow")

    @on(TextArea.Changed)
    def _answer_changed(self, event: TextArea.Changed) -> None:
        question_id = (event.text_area.id or "").removeprefix("answer-")
        self.conversation.text_changed(f"{ANSWER_PREFIX}{question_id}", event.text_area.text)

    def _title(self) -> str:
        s = self.conversation.session
        return t(
            "refl.title",
            channel=t(f"channel.{s.channel}"),
            time=clock_label(s.session_seconds()),
            rounds=s.rounds,
            renewals=s.renewals,
        )

    def _timeline(self) -> Group:
        variables = self.app.theme_variables
        session = self.conversation.session
        times = session.phase_seconds()
        table = Table(show_edge=False, box=None, padding=(0, 1), show_header=True)
        table.add_column(t("summary.phase"))
        table.add_column(t("summary.time"), justify="right")
        for phase in self.ctx.model.phases:
            table.add_row(
                Text(phase.name, style=variables.get(f"element-{phase.id}", "")),
                clock_label(times[phase.id]),
            )
        table.add_row(Text(t("summary.total"), style="bold"),
                      Text(clock_label(session.session_seconds()), style="bold"))  # fmt: skip
        return Group(Text(t("refl.timeline"), style="bold"), table, Text(""))

    def _model_used(self) -> Group:
        model, conversation = self.ctx.model, self.conversation
        log = build_log(model, conversation.session, conversation.session_id, {},
                        Privacy(masked=0, kept=0))  # fmt: skip
        plain = self.ctx.plain_words
        label = model.label
        stages = ", ".join(label(s, plain) for s in log.kolb_by_phase) or t("summary.none")
        prompted = ", ".join(label(s, plain) for s in log.kolb_stages)
        knapper = ", ".join(label(k, plain) for k in log.knapper) or t("summary.none")
        lines = [
            Text(t("refl.model"), style="bold"),
            Text(t("refl.kolb_suggested", ring=model.ring_label("kolb", plain), stages=stages)),
        ]
        if prompted:
            lines.append(Text(t("refl.prompted", stages=prompted)))
        lines += [Text(f"{model.ring_label('knapper', plain)}: {knapper}"),
                  Text(t("refl.copies", n=len(conversation.session.copies))), Text("")]  # fmt: skip
        return Group(*lines)

    def _notes(self) -> Group:
        model, plain = self.ctx.model, self.ctx.plain_words
        session = self.conversation.session
        start = session.moves[0].at if session.moves else 0.0
        notes = sorted(session.notes, key=lambda n: (not n.pinned, n.id))
        lines = [Text(t("refl.notes", n=len(notes)), style="bold")]
        for note in notes:
            line = Text()
            if note.pinned:
                line.append("📌 ")
            line.append(clock_label(note.at - start), style="dim")
            phase = model.phase(note.phase).name if note.phase else t("notes.before_start")
            line.append(f" {phase}", style="bold")
            if note.knapp:
                variables = self.app.theme_variables
                line.append(
                    f" ◆ {model.label(note.knapp, plain)}",
                    style=variables.get(f"element-{note.knapp}", ""),
                )
            line.append(f": {visible(note.text)}")
            lines.append(line)
        if not notes:
            lines.append(Text(t("summary.none"), style="dim"))
        return Group(*lines)

    def refresh_after_save(self) -> None:
        """Show what was saved: the notes and the answers, with any masks applied."""
        self.query_one("#refl-notes", Static).update(self._notes())
        for question in self.ctx.model.reflection:
            area = self.query_one(f"#answer-{question.id}", AnswerArea)
            text = self.conversation.answers.get(question.id, "")
            if area.text != text:
                with area.prevent(TextArea.Changed):
                    area.load_text(text)

    def take_typed(self) -> None:
        """What the answer fields show now, into the conversation: a key typed just before F10
        (or Ctrl+Q, :attr:`Shared.flush`) may still be on its way as a message."""
        for question in self.ctx.model.reflection:
            field = f"{ANSWER_PREFIX}{question.id}"
            text = self.query_one(f"#answer-{question.id}", AnswerArea).text
            if text != self.conversation.typed(field):
                self.conversation.text_changed(field, text)
        self.conversation.save_everything()

    def action_back(self) -> None:
        self.take_typed()
        self.app.pop_screen()

    def action_save(self) -> None:
        """Review privacy, then archive and export the log."""
        self.take_typed()
        from tui.screens.review import review_and_save

        review_and_save(self, self.ctx, None, None, self._saved)

    def _saved(self, paths: list[Path], error: str | None, already: bool = False) -> None:
        self.post_message(LogSaved(paths, error, already))
