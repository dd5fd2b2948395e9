"""Looking back at a chat through the model (seed ch. 4.3.1): «Hva var det som gjorde at det
gikk bra? … Hva kunne jeg ha gjort annerledes?»

The turns are listed with their marks; the one under the cursor is shown whole beneath, with
the guide's nearest line as a *suggestion* for the counsellor's questions. F1–F4 mark where a
phase starts, Ctrl+T tags a knapp, l/s/t/r set a question's Tomm type (Enter takes the
suggestion), h marks a «HER» moment with a note, F10 saves. Names never reach this screen: the
transcript has roles and masks by then (:func:`tui.core.chat.analysis.review`).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from tui import keys
from tui.bindings import bindings
from tui.context import Context
from tui.core.archive.store import StoreError
from tui.core.base.problems import ContentError
from tui.core.base.strings import shorten, t
from tui.core.chat.analysis import Analysis, is_question
from tui.core.chat.transcript import COUNSELLOR, Transcript, parse
from tui.core.model.content import KINDS
from tui.core.outputs.casepack import vocabulary
from tui.screens.base import KeyedScreen
from tui.screens.modal import KeyModal
from tui.textual_adapter import translate_bindings
from tui.widgets.footer import KeyFooter
from tui.widgets.keyorder import hand_on, run_screen_key, taken

MARK_PHASE = "▌"
MARK_HER = "★"


class TurnList(OptionList):
    """The turns. Keys typed in a burst (a laggy remote desktop) wait in this list's queue: a
    mark key among them acts here, at once, on the turn under the cursor *then*, not on the
    turn the later arrow keys will have moved to by the time the screen would get it."""

    MOVES: ClassVar[dict[str, str]] = {
        "down": "cursor_down", "up": "cursor_up", "pagedown": "page_down", "pageup": "page_up",
        "home": "first", "end": "last",
    }  # fmt: skip
    """Moving acts here too: Textual runs a widget's bindings only once the key has bubbled up
    to the app, after the keys behind it in this queue (a burst's arrows came too late)."""

    async def _on_key(self, event: events.Key) -> None:
        screen = self.screen
        move = self.MOVES.get(event.key)
        if event.key == "enter":  # the screen's Enter (take the suggestion) before the list's
            taken(event)
            await self.app.run_action("accept", screen)
        elif move is not None:
            taken(event)
            with self.app.batch_update():  # the list and the turn below it in one frame
                await self.run_action(move)
                await self.app.run_action("show_turn", screen)
        elif not await run_screen_key(self, event):
            await super()._on_key(event)


class ChatScreen(KeyedScreen):
    """One chat, turn by turn, with the counsellor's marks."""

    KEYS = keys.CHAT
    BINDINGS: ClassVar[list[BindingType]] = list(bindings(KEYS))

    DEFAULT_CSS = """
    ChatScreen #chat-head { height: 1; background: $primary 30%; padding: 0 1; }
    ChatScreen #chat-turns { height: 1fr; border: none; }
    ChatScreen #chat-detail { height: 6; padding: 0 1; overflow-y: auto;
                              border-top: solid $primary; }
    """

    def __init__(self, ctx: Context, analysis: Analysis) -> None:
        super().__init__()
        self.ctx = ctx
        self.analysis = analysis
        self.saved: tuple[Path, ...] = ()
        self.changed = False
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        yield Static(id="chat-head")
        rows = [Option(self._row(i), id=str(i)) for i in range(len(self.analysis.turns))]
        yield TurnList(*rows, id="chat-turns")
        yield Static(id="chat-detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        turns = self.query_one(OptionList)
        turns.highlighted = 0
        turns.focus()
        self._show()

    @property
    def index(self) -> int:
        return self.query_one(OptionList).highlighted or 0

    def _row(self, index: int) -> Text:
        analysis = self.analysis
        model = self.ctx.model
        turn = analysis.turns[index]
        row = Text()
        phase = analysis.phases.get(index)
        colour = self.app.theme_variables.get(f"element-{phase}", "") if phase else ""
        row.append(MARK_PHASE if phase else " ", style=colour)
        row.append(f"{index + 1:>3} ", style="dim")
        mine = turn.speaker == COUNSELLOR
        row.append(f"{t(f'chat.role.{turn.speaker}')[:9]:<9} ", style="bold" if mine else "")
        row.append(shorten(turn.text, 200))
        marks = []
        if phase:
            marks.append(model.phase(phase).name)
        if index in analysis.knapper:
            marks.append(f"◆ {model.label(analysis.knapper[index], self.ctx.plain_words)}")
        if index in analysis.kinds:
            marks.append(t(f"tomm.{analysis.kinds[index]}"))
        elif index in analysis.suggestions:
            marks.append("?")
        if index in analysis.her:
            marks.append(MARK_HER)
        if marks:
            row.append(f"  [{' · '.join(marks)}]", style="dim")
        return row

    shown: int | None = None
    """The turn the head and the detail show now."""

    def action_show_turn(self) -> None:
        """The turn under the cursor, unless it is shown already (the list asks, in its key
        order; not a key of its own)."""
        self.show_turn()

    def show_turn(self) -> None:
        """The turn under the cursor, unless it is shown already."""
        if self.shown != self.index:
            self._show()

    def _show(self) -> None:
        analysis, index = self.analysis, self.index
        self.shown = index
        model = self.ctx.model
        phase = analysis.phase_at(index)
        head = t("chat.head", n=index + 1, total=len(analysis.turns),
                 phase=model.phase(phase).name if phase else t("chat.no_phase"))  # fmt: skip
        head += " · " + t("chat.reviewed", masked=analysis.masked)
        self.query_one("#chat-head", Static).update(head)
        turn = analysis.turns[index]
        detail = Text()
        detail.append(f"{t(f'chat.role.{turn.speaker}')}: ", style="bold")
        detail.append(turn.text)
        found = analysis.suggestions.get(index)
        if is_question(turn):
            detail.append("\n")
            if found is None:
                detail.append(t("chat.no_suggestion"), style="dim")
            else:
                knapp = f" · ◆ {model.knapp(found.knapp).name}" if found.knapp else ""
                detail.append(t("chat.suggested", score=f"{found.score:.0f}",
                                phase=model.phase(found.phase).name if found.phase else "–",
                                kind=t(f"tomm.{found.kind}") if found.kind else "–",
                                knapp=knapp, line=found.line), style="italic")  # fmt: skip
        if index in analysis.her:
            detail.append(f"\n{MARK_HER} {analysis.her[index]}", style="bold")
        self.query_one("#chat-detail", Static).update(detail)

    def _redraw(self, index: int) -> None:
        self.changed = True
        self.query_one(OptionList).replace_option_prompt_at_index(index, self._row(index))
        self._show()

    @on(OptionList.OptionHighlighted)
    def _moved(self) -> None:
        self.show_turn()

    @on(OptionList.OptionSelected)
    def _enter(self, event: OptionList.OptionSelected) -> None:
        """Enter (or a click): the suggestion for the turn it was pressed on."""
        if self.analysis.accept(event.option_index):
            self._refresh_from(event.option_index)

    # --- the marks ------------------------------------------------------------------------

    def action_phase(self, phase: str) -> None:
        index = self.index
        self.analysis.mark_phase(index, phase)
        self._refresh_from(index)

    def action_kind(self, number: int) -> None:
        """l, s, t, r: Tomm's type by its place in the content's kinds; x (-1) clears it."""
        self.analysis.set_kind(self.index, KINDS[number] if number >= 0 else None)
        self._redraw(self.index)

    def action_accept(self) -> None:
        index = self.index
        if self.analysis.accept(index):
            self._refresh_from(index)

    def _refresh_from(self, index: int) -> None:
        """A phase mark changes the rows from it on (their phase); the rest stay."""
        option_list = self.query_one(OptionList)
        for i in range(index, len(self.analysis.turns)):
            option_list.replace_option_prompt_at_index(i, self._row(i))
        self._redraw(index)

    def action_tag(self) -> None:
        from tui.screens.choice import TagModal

        index = self.index
        current = self.analysis.knapper.get(index)

        def chosen(knapp: str | None) -> None:
            self.analysis.tag_knapp(index, knapp)
            self._redraw(index)

        self.app.push_screen(TagModal(self.ctx.model, current, self.ctx.plain_words), chosen)

    def action_her(self) -> None:
        index = self.index

        def written(note: str | None) -> None:
            if note is not None:
                self.analysis.mark_her(index, note, vocabulary(self.ctx.model))
                self._redraw(index)

        self.app.push_screen(HerModal(self.analysis.her.get(index, "")), written)

    # --- out ------------------------------------------------------------------------------

    def action_save(self) -> None:
        """Into the archive (counted in Min praksis, kept as long as conversations), and the
        log as Markdown and JSON in the export folder."""
        from tui.core.outputs import formats
        from tui.core.outputs.export import ExportError, write_new

        model = self.ctx.model
        store = self.ctx.conversation.store
        analysis = self.analysis
        try:
            analysis_id = store.save_analysis(analysis.to_json(model), analysis.created_at)
        except StoreError as exc:  # a full disk: said, nothing exported (F10 again later)
            self.notify(str(exc), severity="error", timeout=10)
            return
        stem = time.strftime("chat-%Y-%m-%d-%H%M", time.localtime(analysis.created_at))
        paths = []
        try:
            for f in formats.CHAT.values():
                target = self.ctx.export_dir / f"{stem}-{analysis_id[:6]}.{f.suffix}"
                paths.append(write_new(target, f.encode(model, analysis)))
        except ExportError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        self.saved = tuple(paths)
        self.changed = False
        self.notify(t("chat.saved", paths=", ".join(str(p) for p in paths)), timeout=12)

    def action_pack(self) -> None:
        """Ctrl+K: a kollegaveiledning pack from this chat (its HER moments and timeline),
        through the pack review, written as HTML and Markdown."""
        from tui.core.outputs.casepack import Choice
        from tui.core.outputs.chatlog import pack_from_chat
        from tui.screens.logs import write_pack
        from tui.screens.pack import PackModal, PackReviewModal

        def reviewed(pack: object) -> None:
            if pack is not None:
                write_pack(self, self.ctx, pack)  # type: ignore[arg-type]

        def chosen(choice: Choice | None) -> None:
            if choice is not None:
                pack = pack_from_chat(self.ctx.model, self.analysis, choice)
                self.app.push_screen(PackReviewModal(pack, vocabulary(self.ctx.model)), reviewed)

        self.app.push_screen(PackModal(), chosen)

    def action_leave(self) -> None:
        if not self.changed:
            self.dismiss()
            return
        from tui.screens.choice import ConfirmModal

        def answer(leave: bool | None) -> None:
            if leave:
                self.dismiss()

        self.app.push_screen(ConfirmModal(t("chat.leave_title"), t("chat.leave_body"),
                                          "chat.leave_keys"), answer)  # fmt: skip


class HerInput(Input):
    """The HER note's field: Enter closes the modal at once, and keys typed after it (F10 in the
    same burst) go to the chat behind it, as typed, instead of being lost."""

    async def _on_key(self, event: events.Key) -> None:
        top = self.app.screen
        if self.is_attached and self.screen is not top:
            hand_on(event, top.focused or top)
        elif event.key == "enter":
            taken(event)
            self.screen.dismiss(self.value)
        else:
            await super()._on_key(event)


class HerModal(KeyModal[str | None]):
    """«Her kunne jeg ha …»: a note to oneself on a moment of the chat."""

    KEYS = keys.CLOSE
    BINDINGS: ClassVar[list[BindingType]] = list(bindings(KEYS))

    def __init__(self, note: str) -> None:
        super().__init__()
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("chat.her_title"), classes="modal-title")
            yield Static(t("chat.her_body"))
            yield HerInput(self.note, id="her-note")

    def action_close(self) -> None:
        self.dismiss(None)


class PasteModal(KeyModal[Transcript | None]):
    """A chat pasted from Zendesk: read when Ctrl+S is pressed; what is wrong is said here."""

    KEYS = keys.PASTE
    BINDINGS: ClassVar[list[BindingType]] = list(bindings(KEYS))

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("chat.paste_title"), classes="modal-title")
            yield Static(t("chat.paste_body"))
            yield TextArea(id="paste-text", soft_wrap=True)
            yield Static(id="paste-error", markup=False)

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def action_done(self) -> None:
        try:
            transcript = parse(self.query_one(TextArea).text, t("chat.paste_title"))
        except ContentError as exc:
            self.query_one("#paste-error", Static).update("\n".join(map(str, exc.problems)))
            return
        self.dismiss(transcript)

    def action_close(self) -> None:
        self.dismiss(None)


class WhoModal(KeyModal[str | None]):
    """Which speaker was the counsellor: a digit each (names are shown here and nowhere else)."""

    KEYS = keys.PICK
    BINDINGS: ClassVar[list[BindingType]] = list(bindings(KEYS))

    def __init__(self, transcript: Transcript) -> None:
        super().__init__()
        self.transcript = transcript

    def compose(self) -> ComposeResult:
        transcript = self.transcript
        lines = []
        for n, name in enumerate(transcript.speakers[:9], start=1):
            theirs = [turn for turn in transcript.turns if turn.speaker == name]
            lines.append(t("chat.who_line", n=n, name=name, count=len(theirs),
                           first=shorten(theirs[0].text, 50)))  # fmt: skip
        with Vertical():
            yield Static(t("chat.who_title"), classes="modal-title")
            yield Static(t("chat.who_body"))
            yield Static("\n".join(lines), markup=False)

    def on_key(self, event: Any) -> None:
        character = getattr(event, "character", None) or ""
        if character.isdigit() and 1 <= int(character) <= len(self.transcript.speakers[:9]):
            event.stop()
            self.dismiss(self.transcript.speakers[int(character) - 1])

    def action_close(self) -> None:
        self.dismiss(None)
