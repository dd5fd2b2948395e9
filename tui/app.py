"""The Veiviser app: wires the conversation to the screens, and handles what screens ask for.

Screens post messages (:mod:`tui.messages`); each is handled here in a few lines, with the
multi-step flows in :mod:`tui.flows` and the conversation itself in :mod:`tui.core.conversation`.
Textual installs no handlers for the OS ending the program; :mod:`tui.core.shutdown` does, and
everything typed is saved first. A crash prints where the session is saved, never the note text.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Callable, Iterable
from contextlib import suppress
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from tui import flows, keys
from tui.bindings import bindings
from tui.clipboard import Clipboard
from tui.commands import ModelProvider
from tui.context import Context
from tui.core import crashlog, shutdown
from tui.core.config import Config
from tui.core.content import Channel, Content
from tui.core.conversation import Conversation, default_export_dir
from tui.core.store import Store, sweep_temp_files
from tui.core.themes import ThemeFile
from tui.messages import (
    CopyRequested,
    ElementRequested,
    ExplainRequested,
    FinishRequested,
    HelpRequested,
    LogsRequested,
    OverviewRequested,
    PlainWordsToggled,
    SaveRequested,
    TextChanged,
    Written,
)
from tui.strings import t, use
from tui.textual_adapter import crash_error, replace_crash_report, translate_bindings
from tui.theming import DEFAULT_THEME, element_colours, to_textual_theme


class VeiviserApp(App[None]):
    """A guided digital career-guidance conversation, with notes that are never lost."""

    CSS_PATH = "app.tcss"
    TITLE = "Veiviser"
    COMMANDS: ClassVar = App.COMMANDS | {ModelProvider}
    BINDINGS: ClassVar[list[BindingType]] = list(bindings(keys.APP))

    def __init__(self, model: Content, themes: list[ThemeFile], store: Store,
                 channel: Channel | None = None, clock: Callable[[], float] = time.time,
                 clipboard: Clipboard | None = None, config: Config | None = None,
                 export_dir: Path | None = None, theme: str | None = None,
                 config_path: Path | None = None) -> None:  # fmt: skip
        use(model.ui)  # the app's own words in the content's language
        self.config = config or Config()
        self.theme_files = themes
        self.theme_name = theme or self.config.theme
        self.copier = clipboard or Clipboard()
        self.conversation = Conversation(model, store, clock=clock)
        self.ctx = Context(
            model=model, conversation=self.conversation, keymap=dict(self.config.keymap or {}),
            export_dir=export_dir or default_export_dir(store.directory, self.config.export_dir),
            config_path=config_path or store.directory / "config.yaml",
            plain_words=self.config.plain_words,
        )  # fmt: skip
        self.startup = flows.Startup(self, self.ctx, self.config, channel)
        self.autosave = flows.Autosave(self, self.conversation)
        self._uninstall_signals: Callable[[], None] = lambda: None
        self._tty = sys.__stdin__.fileno() if sys.__stdin__ else -1
        super().__init__()
        translate_bindings(self)
        if self.ctx.keymap:
            self.set_keymap(self.ctx.keymap)

    # The conversation's parts, for the screens' tests and the palette.
    model = property(lambda self: self.ctx.model)
    store = property(lambda self: self.conversation.store)
    session = property(lambda self: self.conversation.session)
    session_id = property(lambda self: self.conversation.session_id)
    answers = property(lambda self: self.conversation.answers)
    export_dir = property(lambda self: self.ctx.export_dir)
    config_path = property(lambda self: self.ctx.config_path)
    plain_words = property(lambda self: self.ctx.plain_words)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """Every phase, Kolb stage and knapp gets an ``$element-<id>`` colour."""
        return element_colours(self.ctx.model, self.theme_files)

    def on_mount(self) -> None:
        for theme in self.theme_files:
            self.register_theme(to_textual_theme(theme))
        names = [theme.name for theme in self.theme_files]
        if names:
            fallback = DEFAULT_THEME if DEFAULT_THEME in names else names[0]
            self.theme = self.theme_name if self.theme_name in names else fallback
        self._uninstall_signals = shutdown.install(asyncio.get_running_loop(), self._on_signal)
        if not self.is_headless and not shutdown.terminal_gone(self._tty):
            # A closed window does not always send SIGHUP to us (e.g. under make): look too.
            self._watchdog = self.set_interval(0.5, self._watch_terminal)
        sweep_temp_files(self.ctx.export_dir)  # temp files a kill left behind hold note text
        self.startup.run()

    def save_everything(self) -> None:
        """What every screen shows now, saved (quit, a signal, a crash)."""
        for screen in self.screen_stack:
            take = getattr(screen, "take_typed", None)
            if take is not None:
                with suppress(Exception):  # a screen not yet composed has nothing typed
                    take()
        self.conversation.save_everything()

    def _on_signal(self) -> None:
        self.save_everything()
        self.exit()
        shutdown.exit_soon()  # a closed terminal can block Textual's own shutdown

    def _watch_terminal(self) -> None:
        if shutdown.terminal_gone(self._tty):
            self._watchdog.stop()
            self._on_signal()

    def on_unmount(self) -> None:
        self.save_everything()
        self._uninstall_signals()

    # --- saving what is typed, and saying when it is not saved ----------------------------

    @on(TextChanged)
    def _text_changed(self, message: TextChanged) -> None:
        self.autosave.changed(message.field, message.text)

    @on(Written)
    def update_banner(self) -> None:
        """Show or hide the 'not saved' banner on every screen that has one."""
        self.autosave.banner()

    async def action_quit(self) -> None:
        """Ctrl+Q: save everything, then leave."""
        self.save_everything()
        self.exit()

    def action_suspend(self) -> None:
        """Ctrl+Z: save everything, then suspend to the shell (``fg`` comes back)."""
        self.save_everything()
        self.action_suspend_process()

    def _fatal_error(self) -> None:
        """Replace Textual's crash report, which prints local variables (note text among them)."""
        error = crash_error(self)
        at, frames = crashlog.where(error)
        with suppress(Exception):  # best effort: the store already has every event
            self.save_everything()
        directory = self.conversation.store.directory
        log_path = crashlog.write_crash_log(directory, type(error).__name__, frames)
        self.bell()
        replace_crash_report(self, t("crash.message", error=type(error).__name__, where=at,
                                     data=directory, log=log_path or "-"))  # fmt: skip

    # --- keys ------------------------------------------------------------------------------

    def get_key_display(self, binding: Binding) -> str:
        """Keys as counsellors read them: ``F1``, ``Ctrl+Y``, ``PgUp`` (footer, help, hints)."""
        return keys.display(binding.key)

    @on(HelpRequested)
    def show_help(self) -> None:
        flows.show_help(self, self.ctx)

    # --- what the screens ask for ----------------------------------------------------------

    @on(CopyRequested)
    def copy_prompt(self, message: CopyRequested) -> None:
        flows.copy_prompt(self, self.ctx, self.copier, message.ref)

    def _copy_ref(self, ref: object) -> None:
        self.post_message(CopyRequested(ref))  # type: ignore[arg-type]

    @on(ExplainRequested)
    def _explain(self, message: ExplainRequested) -> None:
        flows.explain(self, self.ctx, message.kind, self._copy_ref)

    @on(ElementRequested)
    def _explain_element(self, message: ElementRequested) -> None:
        flows.explain_element(self, self.ctx, message.element_id, self._copy_ref)

    @on(PlainWordsToggled)
    def toggle_plain_words(self) -> None:
        flows.toggle_plain_words(self, self.ctx)

    def use_theme(self, name: str) -> None:
        flows.use_theme(self, self.ctx, name)

    @on(OverviewRequested)
    def show_overview(self) -> None:
        from tui.screens.overview import OverviewScreen

        self.save_everything()
        self.push_screen(OverviewScreen(self.ctx))

    @on(LogsRequested)
    def show_logs(self) -> None:
        from tui.screens.logs import LogsScreen

        self.save_everything()
        self.push_screen(LogsScreen(self.ctx))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Palette commands: the model's own, themes, then Textual's (less its theme picker)."""
        yield SystemCommand(t("palette.plain"), t("palette.plain_help"), self.toggle_plain_words)
        yield SystemCommand(t("palette.overview"), t("palette.overview_help"), self.show_overview)
        for theme in self.theme_files:
            yield SystemCommand(t("palette.theme", name=theme.name), t("palette.theme_help"),
                                partial(self.use_theme, theme.name))  # fmt: skip
        for command in super().get_system_commands(screen):
            if command.callback != self.action_change_theme:
                yield command

    # --- the end of a conversation ---------------------------------------------------------

    @on(FinishRequested)
    def finish_and_reflect(self, message: FinishRequested | None = None) -> None:
        """Finish the conversation (if it is not) and open the reflection."""
        from tui.screens.reflection import ReflectionScreen

        self.conversation.finish(at=message.at if message else None)
        self.push_screen(ReflectionScreen(self.ctx))

    @on(SaveRequested)
    def review_and_save(self, message: SaveRequested) -> None:
        """Privacy review, then archive and export; then say where, and offer what next."""
        done = message.done or partial(flows.saved, self, self.ctx, self._after_save)
        flows.review_and_save(self, self.ctx, message.log, message.session_id, done)

    def _after_save(self, choice: str | None) -> None:
        if choice == "new":
            while len(self.screen_stack) > 1:
                self.pop_screen()
            self.startup.new()
        elif choice == "logs":
            self.show_logs()
