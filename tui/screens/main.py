"""The main screen: phase bar, guide for the current phase, and the notes pane."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from tui.core.content import PHASE_IDS, PhaseId
from tui.core.session import InvalidMove, Move, MoveKind
from tui.screens.choice import ConfirmModal, TagModal
from tui.screens.copy import CopyKeyModal
from tui.strings import t, translate_bindings
from tui.widgets.guide import Guide
from tui.widgets.notes_pane import NotesPane
from tui.widgets.phase_bar import PhaseBar

if TYPE_CHECKING:
    from tui.app import VeiviserApp

MIN_SIZE = (60, 20)
"""Below this the screen shows a 'window too small' message instead of the layout."""
NARROW_WIDTH = 80
"""Below this width the notes move under the guide."""

_PHASES = Binding.Group("key.phases", compact=True)

BINDINGS: list[Binding] = [
    *(
        Binding(
            f"f{n}",
            f"phase('{phase}')",
            f"key.{phase}",
            id=f"phase.{phase}",
            group=_PHASES,
            tooltip=f"key.{phase}",
            priority=True,
        )
        for n, phase in enumerate(PHASE_IDS, start=1)
    ),
    Binding("ctrl+y", "copy", "key.copy", id="copy", tooltip="key.copy", priority=True),
    Binding("ctrl+t", "tag", "key.tag", id="tag", tooltip="key.tag", priority=True),
    Binding("ctrl+f", "pin", "key.pin", id="pin", tooltip="key.pin", priority=True),
    Binding("f10", "finish", "key.finish", id="finish", tooltip="key.finish", priority=True),
    Binding("f5", "new_round", "key.new_round", id="new-round", show=False, priority=True),
    Binding("ctrl+n", "next", "key.next", id="next", show=False, priority=True),
    Binding("ctrl+b", "back", "key.back", id="back", show=False, priority=True),
    Binding("f9", "logs", "key.logs", id="logs", show=False, priority=True),
    Binding(
        "f6", "explain('phase')", "key.explain_phase", id="explain.phase", show=False, priority=True
    ),
    Binding(
        "f7", "explain('kolb')", "key.explain_kolb", id="explain.kolb", show=False, priority=True
    ),
    Binding(
        "f8", "explain('knapp')", "key.explain_knapp", id="explain.knapp", show=False, priority=True
    ),
    Binding(
        "ctrl+o", "overview", "key.overview", id="overview", tooltip="key.overview", priority=True
    ),
    Binding("ctrl+l", "plain", "key.plain", id="plain-words", show=False, priority=True),
    Binding("ctrl+g", "help", "key.help", id="help", tooltip="key.help", priority=True),
    Binding("pageup", "scroll_guide(-1)", "key.scroll_up", id="guide.up", show=False),
    Binding("pagedown", "scroll_guide(1)", "key.scroll_down", id="guide.down", show=False),
]


class MainScreen(Screen[None]):
    """Where the conversation happens. Every action works with the cursor in the notes."""

    BINDINGS: ClassVar[list[BindingType]] = list(BINDINGS)

    app: VeiviserApp

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)

    def shown_phase(self) -> PhaseId:
        """The phase the guide shows (Kontakt before the start)."""
        guide = self.query_one(Guide)
        return guide.shown[0] if guide.shown else "kontakt"

    def words_changed(self) -> None:
        """Plain words were switched on or off."""
        self.refresh_phase()
        self.query_one(NotesPane).words_changed()

    def action_explain(self, kind: str) -> None:
        self.app.explain(kind)

    def action_overview(self) -> None:
        self.app.show_overview()

    def action_plain(self) -> None:
        self.app.toggle_plain_words()

    def compose(self) -> ComposeResult:
        app = self.app
        yield Static(classes="save-banner")
        yield PhaseBar(app.model, app.session, app.key_labels(), id="phase-bar")
        with Horizontal(id="body"):
            yield Guide(app.model, app.key_label("copy"), id="guide")
            yield NotesPane(app.model, app.key_labels(), id="notes")
        yield Static(id="too-small")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_phase()
        session = self.app.session
        pane = self.query_one(NotesPane)
        if session.notes:
            pane.show_all(session.notes, session.moves[0].at if session.moves else None)
        if self.app.note_draft:
            pane.input.value = self.app.note_draft
            pane.input.cursor_position = len(self.app.note_draft)
        pane.input.focus()
        self.app.update_banner()
        self.set_interval(1.0, self._tick)
        self._apply_size(self.app.size.width, self.app.size.height)

    def _tick(self) -> None:
        self.query_one(PhaseBar).refresh()

    def refresh_phase(self) -> None:
        """Show the guide for where the session is (Kontakt before the start)."""
        session = self.app.session
        phase = session.phase or ("konklusjon" if session.finished else "kontakt")
        self.query_one(Guide).show(phase, session.channel, self.app.plain_words)
        self.query_one(PhaseBar).refresh()

    # --- size -------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._apply_size(event.size.width, event.size.height)

    def _apply_size(self, width: int, height: int) -> None:
        too_small = width < MIN_SIZE[0] or height < MIN_SIZE[1]
        self.set_class(too_small, "-too-small")
        self.set_class(width < NARROW_WIDTH, "-narrow")
        self.query_one(Footer).compact = width < NARROW_WIDTH
        if too_small:
            self.query_one("#too-small", Static).update(
                t("too_small", width=width, height=height, min_w=MIN_SIZE[0], min_h=MIN_SIZE[1])
            )

    # --- notes ------------------------------------------------------------------------

    @on(Input.Changed, "#note-input")
    def _draft_changed(self, event: Input.Changed) -> None:
        self.app.text_changed("note", event.value)

    @on(Input.Submitted, "#note-input")
    def save_note(self, event: Input.Submitted) -> None:
        """Enter saves the note with its phase, time, knapp tag and pin."""
        pane = self.query_one(NotesPane)
        note = self.app.session.add_note(event.value, pane.tag, pinned=pane.pin_next)
        if note is None:
            return
        with event.input.prevent(Input.Changed):
            event.input.clear()
        self.app.note_saved()
        pane.add(note, self.app.session.moves[0].at)
        pane.reset_tag()
        self.refresh_phase()

    def action_pin(self) -> None:
        """Pin the note being written; with an empty field, pin or unpin the last note."""
        pane = self.query_one(NotesPane)
        session = self.app.session
        if pane.input.value.strip() or not session.notes:
            pane.toggle_pin_next()
            return
        note = session.toggle_pin(session.notes[-1].id)
        pane.update(note)
        self.notify(t("notes.pinned" if note.pinned else "notes.unpinned"), timeout=2)
        self.app.update_banner()

    def action_logs(self) -> None:
        self.app.show_logs()

    def action_tag(self) -> None:
        pane = self.query_one(NotesPane)
        self.app.push_screen(TagModal(self.app.model, pane.tag, self.app.plain_words), pane.set_tag)

    # --- moves ------------------------------------------------------------------------

    def _do(self, move: str, *args: PhaseId) -> None:
        session = self.app.session
        try:
            result: Move = getattr(session, move)(*args)
        except InvalidMove as exc:
            phase = self.app.model.phase(session.phase).name if session.phase else ""
            self.notify(
                t(
                    f"move.{exc.reason.value}",
                    phase=phase,
                    finish=self.app.key_label("finish"),
                    round=self.app.key_label("new-round"),
                ),
                severity="warning",
                timeout=3,
            )
            return
        if result.is_renewal:
            self.notify(t("move.renewal"), timeout=3)
        elif result.kind == MoveKind.NEW_ROUND:
            self.notify(t("move.new_round", n=session.rounds), timeout=3)
        self.refresh_phase()
        self.app.save_everything()
        self.app.update_banner()

    def action_phase(self, phase: PhaseId) -> None:
        self._do("jump", phase)

    def action_next(self) -> None:
        self._do("next")

    def action_back(self) -> None:
        self._do("back")

    def action_new_round(self) -> None:
        self._do("new_round")

    def action_finish(self) -> None:
        session = self.app.session
        if session.finished:
            self.app.finish_and_reflect()
            return
        if not session.started:
            self._do("finish")
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.app.finish_and_reflect()

        self.app.push_screen(
            ConfirmModal(t("finish.confirm"), t("finish.confirm_body"), t("finish.keys")),
            confirmed,
        )

    # --- copying and finding ------------------------------------------------------------

    def action_copy(self) -> None:
        """First keystroke of a copy; the modal takes the second (the number or letter)."""
        guide = self.query_one(Guide)
        phase = guide.shown[0] if guide.shown else "kontakt"
        targets = self.app.model.copy_targets(phase)
        self.app.push_screen(CopyKeyModal(targets), self.app.copy_prompt)

    def action_help(self) -> None:
        self.app.show_help()

    def action_scroll_guide(self, direction: int) -> None:
        guide = self.query_one(Guide)
        if direction < 0:
            guide.scroll_page_up()
        else:
            guide.scroll_page_down()
