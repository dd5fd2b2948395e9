"""The main screen: phase bar, guide for the current phase, and the notes pane.

It owns the conversation's keys: moves, notes (through :class:`NotesPane`), pins and tags,
copies and explanations. It follows the app's shared state (plain words, a copy made from a
modal, a saved log) through :class:`tui.shared.Shared` signals.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.widgets import Static

from tui import keys
from tui.bindings import bindings
from tui.context import Context
from tui.core.base.strings import t
from tui.core.conversation.session import InvalidMove, Move, MoveKind, Session
from tui.core.model.content import PhaseId, PromptRef
from tui.messages import (
    FinishRequested,
    LogsRequested,
    OverviewRequested,
    PlainWordsToggled,
    PracticeRequested,
    Written,
)
from tui.screens.base import KeyedScreen
from tui.textual_adapter import translate_bindings
from tui.widgets.footer import KeyFooter
from tui.widgets.guide import Guide
from tui.widgets.notes_pane import NotesPane
from tui.widgets.phase_bar import PhaseBar
from tui.widgets.save_banner import SaveBanner

MIN_SIZE = (60, 20)
"""Below this the screen shows a 'window too small' message instead of the layout."""
NARROW_WIDTH = 80
"""Below this width the notes move under the guide."""


class MainScreen(KeyedScreen):
    """Where the conversation happens. Every action works with the cursor in the notes."""

    KEYS = keys.MAIN
    BINDINGS: ClassVar[list[BindingType]] = list(bindings(KEYS))

    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx
        self.conversation = ctx.conversation
        moved_onto_the_field = frozenset(
            binding_id for binding_id, key in ctx.keymap.items()
            if set(key.split(",")) & keys.INPUT_KEYS
        )  # fmt: skip
        translate_bindings(self, moved_onto_the_field)

    def shown_phase(self) -> PhaseId:
        """The phase the guide shows (Kontakt before the start)."""
        return self.ctx.shown_phase

    def words_changed(self, plain: bool) -> None:
        """Plain words were switched on or off (:attr:`Shared.words`)."""
        self.refresh_phase()
        pane = self.query_one(NotesPane)
        pane.plain = plain
        pane.words_changed()

    def conversation_changed(self, what: str) -> None:
        """The conversation changed elsewhere (:attr:`Shared.conversation`): a copy from a modal
        or the palette moves the phase bar; a saved log shows its masked texts."""
        if what == "saved":
            self.show_saved_texts()
        self.refresh_phase()

    def action_explain(self, kind: str) -> None:
        from tui.screens.info import explain  # loaded when first opened: a quicker start

        explain(self, self.ctx, kind)

    def action_overview(self) -> None:
        self.post_message(OverviewRequested())

    def action_plain(self) -> None:
        self.post_message(PlainWordsToggled())

    def compose(self) -> ComposeResult:
        ctx = self.ctx
        labels = ctx.keys([k.id for k in keys.MAIN])
        yield SaveBanner(ctx.shared)
        yield PhaseBar(ctx.model, self.conversation.session, labels, id="phase-bar")
        with Horizontal(id="body"):
            explain = {k: ctx.key(f"explain.{k}") for k in ("phase", "kolb", "knapp")}
            session = self.conversation.session
            start = (self._phase_to_show(), session.channel, ctx.plain_words)
            yield Guide(ctx.model, ctx.key("copy"), id="guide", explain=explain, focus=ctx.focus,
                        nudge=ctx.nudge, dismiss=ctx.key("nudge.dismiss"), start=start)  # fmt: skip
            yield NotesPane(ctx.model, labels, self.conversation, id="notes")
        yield Static(id="too-small")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.refresh_phase()
        session = self.conversation.session
        pane = self.query_one(NotesPane)
        pane.plain = self.ctx.plain_words
        if session.notes:
            pane.show_all(session.notes, session.moves[0].at if session.moves else None)
        pane.start(self.conversation.note_draft)
        pane.input.focus()
        shared = self.ctx.shared
        shared.words.subscribe(self, self.words_changed)
        shared.conversation.subscribe(self, self.conversation_changed)
        self.post_message(Written())
        self.set_interval(1.0, self._tick)
        self._apply_size(self.app.size.width, self.app.size.height)

    def show_saved_texts(self) -> None:
        """The notes as the archive now holds them (masked after a privacy review): the screen
        never shows a number the log and the exports no longer have."""
        session = self.conversation.session
        start = session.moves[0].at if session.moves else None
        self.query_one(NotesPane).show_all(session.notes, start)

    def on_screen_resume(self) -> None:
        """Back on top (from the logs, say): the bar says where the conversation stands."""
        if self.is_mounted:
            self.refresh_phase()

    def _tick(self) -> None:
        self.query_one(PhaseBar).tick()

    def _phase_to_show(self) -> PhaseId:
        session = self.conversation.session
        return session.phase or ("konklusjon" if session.finished else "kontakt")

    def refresh_phase(self) -> None:
        """Show the guide for where the session is (Kontakt before the start)."""
        phase = self._phase_to_show()
        session = self.conversation.session
        self.ctx.shown_phase = phase
        self.query_one(Guide).show(phase, session.channel, self.ctx.plain_words)
        bar = self.query_one(PhaseBar)
        if session.finished:
            conversation = self.conversation
            bar.saved = conversation.store.saved_log(conversation.session_id) is not None
        bar.refresh()

    # --- size -------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._apply_size(event.size.width, event.size.height)

    def _apply_size(self, width: int, height: int) -> None:
        too_small = width < MIN_SIZE[0] or height < MIN_SIZE[1]
        was_too_small = self.has_class("-too-small")
        self.set_class(too_small, "-too-small")
        if was_too_small and not too_small and self.app.screen is self:
            # Back from "too small": the note field gets the cursor again, at the draft's end.
            field = self.query_one(NotesPane).input
            field.focus()
            field.cursor_position = len(field.value)
        self.set_class(width < NARROW_WIDTH, "-narrow")
        self.query_one(KeyFooter).compact = width < NARROW_WIDTH
        if too_small:
            self.query_one("#too-small", Static).update(
                t("too_small", width=width, height=height, min_w=MIN_SIZE[0], min_h=MIN_SIZE[1])
            )

    # --- notes ------------------------------------------------------------------------

    @on(NotesPane.NoteAdded)
    def _note_added(self) -> None:
        """A note was saved (the pane gave it to the conversation): the bar and guide follow."""
        self.post_message(Written())
        self.refresh_phase()

    def action_pin(self) -> None:
        """Pin the note being written; with an empty field, pin or unpin the last note."""
        pane = self.query_one(NotesPane)
        session = self.conversation.session
        if pane.input.value.strip() or not session.notes:
            pane.toggle_pin_next()
            return
        note = self.conversation.toggle_pin(session.notes[-1].id)
        pane.update(note)
        self.query_one(PhaseBar).say(t("notes.pinned" if note.pinned else "notes.unpinned"), 2)
        self.post_message(Written())

    def action_logs(self) -> None:
        self.post_message(LogsRequested())

    def action_practice(self) -> None:
        self.post_message(PracticeRequested())

    def action_dismiss_nudge(self) -> None:
        """Hide the knapp suggestion for the rest of this conversation."""
        if self.ctx.nudge is not None:
            self.ctx.nudge = None
            self.query_one(Guide).set_nudge(None)

    def action_tag(self) -> None:
        pane = self.query_one(NotesPane)
        from tui.screens.choice import TagModal  # modals load when first opened

        self.app.push_screen(TagModal(self.ctx.model, pane.tag, self.ctx.plain_words), pane.set_tag)

    # --- moves ------------------------------------------------------------------------

    def _do(self, step: Callable[[Session], Move]) -> None:
        session = self.conversation.session
        try:
            result = self.conversation.move(step)
        except InvalidMove as exc:
            phase = self.ctx.model.phase(session.phase).name if session.phase else ""
            bar = self.query_one(PhaseBar)
            bar.say(t(f"move.{exc.reason.value}", phase=phase, finish=self.ctx.key("finish"),
                      round=self.ctx.key("new-round")), warning=True)  # fmt: skip
            return
        # A move's word goes in the status line, where the eye already is: a notice would sit
        # over the notes (and its animation slowed the next note's drawing).
        if result.is_renewal:
            self.query_one(PhaseBar).say(t("move.renewal"))
        elif result.kind == MoveKind.NEW_ROUND:
            self.query_one(PhaseBar).say(t("move.new_round", n=session.rounds))
        self.refresh_phase()
        self.post_message(Written())

    def action_phase(self, phase: PhaseId) -> None:
        self._do(lambda session: session.jump(phase))

    def action_next(self) -> None:
        self._do(Session.next)

    def action_back(self) -> None:
        self._do(Session.back)

    def action_new_round(self) -> None:
        self._do(Session.new_round)

    def action_finish(self) -> None:
        session = self.conversation.session
        if session.finished:
            self.post_message(FinishRequested())
            return
        if not session.started:
            self._do(Session.finish)
            return

        def chosen(outcome: str | None) -> None:
            if outcome is not None:  # «whole», or how it ended otherwise (counted apart)
                self.post_message(FinishRequested(outcome=None if outcome == "whole" else outcome))

        from tui.screens.choice import FinishModal

        self.app.push_screen(FinishModal(), chosen)

    # --- copying and finding ------------------------------------------------------------

    def action_copy(self) -> None:
        """First keystroke of a copy; the modal takes the second (the number or letter)."""
        targets = self.ctx.model.copy_targets(self.ctx.shown_phase)
        from tui.screens.copy import CopyKeyModal  # loaded when first opened: a quicker start

        self.app.push_screen(CopyKeyModal(targets), self._copy)

    def _copy(self, ref: PromptRef | None) -> None:
        from tui.screens.copy import copy_prompt

        copy_prompt(self, self.ctx, ref)

    def action_scroll_guide(self, direction: int) -> None:
        guide = self.query_one(Guide)
        if direction < 0:
            guide.scroll_page_up()
        else:
            guide.scroll_page_down()
