"""The Veiviser app: owns the running session and routes actions to screens. Kept short."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from tui.clipboard import Clipboard, CopyMethod
from tui.commands import ModelProvider
from tui.core.content import Channel, Content, PromptRef
from tui.core.session import Session
from tui.core.themes import ThemeFile
from tui.screens.choice import ChannelModal
from tui.screens.copy import ManualCopyModal, PlaceholderModal
from tui.screens.info import HelpModal, InfoModal
from tui.screens.main import BINDINGS as MAIN_BINDINGS
from tui.screens.main import MainScreen
from tui.screens.summary import SummaryScreen
from tui.strings import t
from tui.theming import to_textual_theme

FALLBACK_ELEMENT_COLOUR = "#8b949e"
"""For an element a theme has no colour for (a service's own knapp, say): a neutral grey."""

APP_BINDINGS: list[Binding] = [
    Binding("ctrl+q", "quit", t("key.quit"), id="quit", priority=True, show=False),
    Binding("ctrl+p", "command_palette", t("key.palette"), id="palette", priority=True, show=False),
]


class VeiviserApp(App[None]):
    """A guided digital career-guidance conversation, with notes."""

    CSS_PATH = "app.tcss"
    TITLE = "Veiviser"
    COMMANDS: ClassVar = App.COMMANDS | {ModelProvider}
    BINDINGS: ClassVar[list[BindingType]] = list(APP_BINDINGS)

    def __init__(
        self,
        model: Content,
        themes: list[ThemeFile],
        channel: Channel | None = None,
        clock: Callable[[], float] = time.time,
        clipboard: Clipboard | None = None,
    ) -> None:
        self.model = model
        self.theme_files = themes
        self.session = Session(channel=channel or "chat", clock=clock)
        self.copier = clipboard or Clipboard()
        self._ask_channel = channel is None
        super().__init__()

    # --- set-up -----------------------------------------------------------------------

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """Every phase, Kolb stage and knapp gets an ``$element-<id>`` colour."""
        ids: list[str] = [p.id for p in self.model.phases]
        ids += [s.id for s in self.model.stages] + [k.id for k in self.model.knapper]
        known = self.theme_files[0].elements if self.theme_files else {}
        return {f"element-{i}": known.get(i, FALLBACK_ELEMENT_COLOUR) for i in ids}

    def on_mount(self) -> None:
        for theme in self.theme_files:
            self.register_theme(to_textual_theme(theme))
        if self.theme_files:
            self.theme = self.theme_files[0].name
        self.push_screen(MainScreen())
        if self._ask_channel:
            self.push_screen(ChannelModal(), self._channel_chosen)

    def _channel_chosen(self, channel: Channel | None) -> None:
        if channel is None:
            self.exit()
            return
        self.session.channel = channel
        self._main().refresh_phase()

    def _main(self) -> MainScreen:
        return next(s for s in self.screen_stack if isinstance(s, MainScreen))

    # --- keys -------------------------------------------------------------------------

    def get_key_display(self, binding: Binding) -> str:
        """Keys as counsellors read them: ``F1``, ``Ctrl+Y``, ``PgUp`` (footer, help, hints)."""
        names = {"pageup": "PgUp", "pagedown": "PgDn", "escape": "Esc", "enter": "Enter"}
        parts = binding.key.split(",")[0].split("+")
        return "+".join(names.get(p, p.upper() if len(p) <= 3 else p.capitalize()) for p in parts)

    def key_label(self, binding_id: str) -> str:
        """The key for a binding as shown to the user, following the keymap in force."""
        for binding in (*MAIN_BINDINGS, *APP_BINDINGS):
            if binding.id == binding_id:
                key = self._keymap.get(binding_id, binding.key).split(",")[0]
                return self.get_key_display(Binding(key, binding.action))
        return ""

    def key_labels(self) -> dict[str, str]:
        """Key labels for every main-screen binding, by id."""
        return {b.id: self.key_label(b.id) for b in MAIN_BINDINGS if b.id}

    def show_help(self) -> None:
        """Show every key in force."""
        rows = [(self.key_label(b.id), b.description) for b in MAIN_BINDINGS if b.id]
        rows.append((self.key_label("palette"), t("help.palette")))
        rows.append((self.key_label("quit"), t("key.quit")))
        self.push_screen(HelpModal(rows))

    # --- copying ----------------------------------------------------------------------

    def copy_prompt(self, ref: PromptRef | None) -> None:
        """Copy a prompt in the session's channel, asking for placeholders first."""
        if ref is None:
            return
        channel = self.session.channel
        if ref.prompt.placeholders(channel):

            def filled(text: str | None) -> None:
                if text is not None:
                    self.deliver(ref, text)

            self.push_screen(PlaceholderModal(ref, channel), filled)
        else:
            self.deliver(ref, ref.prompt.text(channel))

    def deliver(self, ref: PromptRef, text: str) -> CopyMethod:
        """Put ``text`` on a clipboard (or show it for copying by hand) and record the copy."""
        method = self.copier.copy(text, self.copy_to_clipboard)
        self.session.record_copy(ref.id, text)
        if method is CopyMethod.MANUAL:
            self.push_screen(ManualCopyModal(text))
        else:
            self.notify(t(f"copy.{method.value}"), title=text[:60], timeout=3)
        self._main().refresh_phase()
        return method

    def show_element(self, element_id: str) -> None:
        """Show a Kolb stage or knapp with its prompts (a digit copies one)."""
        model = self.model
        refs = [r for r in model.all_prompts() if element_id in (r.kolb, r.knapp)]
        element = (
            model.stage(element_id)
            if any(s.id == element_id for s in model.stages)
            else model.knapp(element_id)
        )
        self.push_screen(InfoModal(element, refs, self.session.channel), self.copy_prompt)

    def show_summary(self) -> None:
        """Show the end-of-conversation summary."""
        self.push_screen(SummaryScreen(self.model, self.session))
