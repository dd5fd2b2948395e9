"""The knappeverksted on a shared screen (a projector or a Teams share): one knapp, its cases,
the group's answers typed in, the guide's own questions revealed after, a per-case clock.

Made to be read from across a room: a few large blocks, bold headings, the case text wide, and
nothing that needs a mouse. At 80×24 the two answer fields stack; from 120 columns they sit side
by side, and at 200×50 the revealed questions have room beside them.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static, TextArea

from tui import keys
from tui.bindings import bindings
from tui.context import Context
from tui.core.base.strings import t
from tui.core.conversation.notes import clock_label
from tui.core.outputs.verksted import CASE_MINUTES, Workshop
from tui.screens.base import KeyedScreen
from tui.textual_adapter import translate_bindings
from tui.widgets.footer import KeyFooter
from tui.widgets.keyorder import hand_on, run_screen_key, taken


class WorkshopArea(TextArea):
    """A text field of the workshop that keeps a fast typist's keys in order.

    Keys typed in a burst (a laggy shared screen, a remote desktop) wait in this field's queue.
    A presenter's key among them acts here, at once, so the letters after Ctrl+N go into the
    next case and not into this one; after Tab (or a key that moved the focus) the keys still
    queued here are handed to the field that now has the focus."""

    async def _on_key(self, event: events.Key) -> None:
        screen = self.screen
        focused = screen.focused
        if focused is not None and focused is not self:
            hand_on(event, focused)
        elif event.key in ("tab", "shift+tab"):
            taken(event)
            screen.focus_next() if event.key == "tab" else screen.focus_previous()
        elif not await run_screen_key(self, event):
            await super()._on_key(event)


class VerkstedScreen(KeyedScreen):
    """A knappeverksted for one knapp: Ctrl+N/Ctrl+B move between cases, Ctrl+R reveals the
    guide's questions, Ctrl+T pauses the clock, F10 saves the summary."""

    KEYS = keys.VERKSTED
    BINDINGS: ClassVar[list[BindingType]] = list(bindings(KEYS))

    DEFAULT_CSS = """
    VerkstedScreen { layout: vertical; }
    VerkstedScreen #vk-head { height: 1; background: $primary 30%; padding: 0 1; }
    VerkstedScreen #vk-knapp { height: auto; padding: 0 1; color: $text-muted; }
    VerkstedScreen #vk-body { height: 1fr; }
    VerkstedScreen #vk-case { height: auto; padding: 0 1; border: tall $primary; margin: 0 1; }
    VerkstedScreen .vk-label { height: 1; padding: 0 1; text-style: bold; }
    VerkstedScreen #vk-fields { height: auto; }
    VerkstedScreen #vk-fields > Vertical { height: auto; }
    VerkstedScreen TextArea { height: 4; margin: 0 1; }
    VerkstedScreen #vk-guide { height: auto; padding: 0 1; margin: 1 1 0 1; border: round $accent; }
    VerkstedScreen.-wide #vk-fields { layout: horizontal; }
    VerkstedScreen.-wide #vk-fields > Vertical { width: 1fr; }
    VerkstedScreen.-tall #vk-case { padding: 1 2; }
    VerkstedScreen.-tall .vk-label { margin-top: 1; }
    VerkstedScreen.-tall TextArea { height: 10; }
    """

    def __init__(self, ctx: Context, workshop: Workshop) -> None:
        super().__init__()
        self.ctx = ctx
        self.work = workshop
        self.saved: tuple[Path, ...] = ()
        """The summary's files, once saved."""
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        yield Static(id="vk-head")
        yield Static(id="vk-knapp")
        with VerticalScroll(id="vk-body"):
            yield Static(id="vk-case")
            with Vertical(id="vk-fields"):
                with Vertical():
                    yield Static(t("verksted.meaning"), classes="vk-label")
                    yield WorkshopArea(id="vk-meaning", soft_wrap=True, tab_behavior="focus")
                with Vertical():
                    ours = f"{t('verksted.ours')} ({t('verksted.ours_hint')})"
                    yield Static(ours, classes="vk-label")
                    yield WorkshopArea(id="vk-questions", soft_wrap=True, tab_behavior="focus")
            yield Static(id="vk-guide")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._apply_size(self.app.size.width, self.app.size.height)
        self.show_case()
        self.set_interval(1.0, self._tick)

    def on_resize(self, event: events.Resize) -> None:
        self._apply_size(event.size.width, event.size.height)

    def _apply_size(self, width: int, height: int) -> None:
        self.set_class(width >= 120, "-wide")
        self.set_class(height >= 40, "-tall")
        knapp = self.work.knapp
        line = Text()
        line.append(f"◆ {knapp.name}", style="bold")
        if width >= 120:  # room for what it means; on a small screen the dilemma says enough
            line.append(f" ({knapp.plain}) – {knapp.meaning}")
        line.append(" ")
        line.append(knapp.dilemma, style="italic")
        self.query_one("#vk-knapp", Static).update(line)

    # --- what is shown ----------------------------------------------------------------------

    def show_case(self) -> None:
        work = self.work.current
        case = work.case
        body = Text()
        body.append(case.title, style="bold")
        body.append("\n\n")
        body.append(case.situation)
        self.query_one("#vk-case", Static).update(body)
        for field_id, text in (("#vk-meaning", work.meaning), ("#vk-questions", work.questions)):
            area = self.query_one(field_id, TextArea)
            if area.text != text:
                with area.prevent(TextArea.Changed):
                    area.load_text(text)
        self._show_guide()
        self._tick()
        # At once, not with focus() (which waits its turn): the keys typed after Ctrl+N are
        # still in the old field's queue and are handed on to the one focused now.
        self.set_focus(self.query_one("#vk-meaning", TextArea))
        self.query_one("#vk-body", VerticalScroll).scroll_home(animate=False)

    def _show_guide(self) -> None:
        work = self.work.current
        guide = Text()
        guide.append(t("verksted.guide"), style="bold")
        if not work.revealed:
            guide.append("\n" + t("verksted.hidden", key=self.ctx.key("verksted.reveal")))
        else:
            for question in work.case.questions:
                guide.append(f"\n• {question.text} ")
                guide.append(f"({t(f'tomm.{question.type}')})", style="dim")
            refs = [r for r in self.ctx.model.all_prompts() if r.knapp == work.case.knapp]
            if refs:
                guide.append(f"\n\n{t('verksted.knapp_prompts')}", style="bold")
                for ref in refs:
                    guide.append(f"\n• {ref.prompt.text('chat')}")
        self.query_one("#vk-guide", Static).update(guide)

    def _tick(self) -> None:
        work = self.work
        running = work.running_since is not None
        elapsed = work.elapsed()
        clock = t("verksted.clock" if running else "verksted.clock_paused",
                  time=clock_label(elapsed), planned=clock_label(CASE_MINUTES * 60))  # fmt: skip
        head = Text()
        head.append(f"{t('verksted.title')} · ", style="bold")
        head.append(t("verksted.case", n=work.index + 1, total=len(work.cases)))
        head.append("   ")
        head.append(clock, style="bold reverse" if elapsed > CASE_MINUTES * 60 else "bold")
        self.query_one("#vk-head", Static).update(head)

    # --- what the group types ---------------------------------------------------------------

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        work = self.work.current
        if event.text_area.id == "vk-meaning":
            work.meaning = event.text_area.text
        elif event.text_area.id == "vk-questions":
            work.questions = event.text_area.text

    def _take_typed(self) -> None:
        """The fields as they are now (a key just typed may still be on its way)."""
        work = self.work.current
        work.meaning = self.query_one("#vk-meaning", TextArea).text
        work.questions = self.query_one("#vk-questions", TextArea).text

    # --- the presenter's keys -------------------------------------------------------------

    def action_case(self, step: int) -> None:
        self._take_typed()
        if self.work.go(step):
            self.show_case()
        else:
            message = "verksted.first" if step < 0 else "verksted.last"
            self.notify(t(message, key=self.ctx.key("verksted.save")), timeout=3)

    def action_reveal(self) -> None:
        self.work.reveal()
        self._show_guide()

    def action_clock(self) -> None:
        self.work.toggle_clock()
        self._tick()

    def action_save(self) -> None:
        """The summary for the team (HTML and Markdown), after the pack review of every text."""
        self._take_typed()
        self.work.pause_clock()
        from tui.core.outputs import formats
        from tui.core.outputs.export import ExportError, write_pair
        from tui.core.outputs.verksted import summarise

        model = self.ctx.model
        summary = summarise(model, self.work)
        target = self.ctx.export_dir / f"knappeverksted-{self.work.knapp.id}.html"
        try:
            paths = write_pair(
                target,
                {f".{f.suffix}": f.encode(model, summary) for f in formats.VERKSTED.values()},
            )
        except ExportError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        self.saved = tuple(paths)
        self.notify(t("verksted.written", paths=", ".join(str(p) for p in paths)), timeout=12)

    def action_leave(self) -> None:
        """Esc: back; when the group has typed something not yet in a summary, asked first."""
        self._take_typed()
        typed = any(c.meaning.strip() or c.questions.strip() for c in self.work.cases)
        if not typed or self.saved:
            self.dismiss()
            return
        from tui.screens.choice import ConfirmModal

        def answer(leave: bool | None) -> None:
            if leave:
                self.dismiss()

        body = t("verksted.leave_body", key=self.ctx.key("verksted.save"))
        self.app.push_screen(ConfirmModal(t("verksted.leave_title"), body, "verksted.leave_keys"),
                             answer)  # fmt: skip
