"""The Veiviser app: wires the conversation to the screens, and handles what screens ask for.

Screens post messages (:mod:`tui.messages`); each is handled here in a few lines, with the
multi-step flows in :mod:`tui.flows` and the conversation itself in :mod:`tui.core.conversation`.
Textual installs no handlers for the OS ending the program; :mod:`tui.core.shutdown` does, and
everything typed is saved first. A crash prints where the session is saved, never the note text.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from tui import flows, keys
from tui.bindings import bindings
from tui.clipboard import Clipboard
from tui.commands import ModelProvider, system_commands
from tui.context import Context
from tui.core.config import Config
from tui.core.content import Channel, Content
from tui.core.conversation import Conversation, default_export_dir
from tui.core.store import Store, sweep_temp_files
from tui.core.strings import t, use
from tui.core.themes import ThemeFile
from tui.messages import (
    AboutRequested,
    CopyRequested,
    ElementRequested,
    ExplainRequested,
    FinishRequested,
    HelpRequested,
    LogsRequested,
    OverviewRequested,
    PlainWordsToggled,
    PracticeRequested,
    SaveRequested,
    TextChanged,
    Written,
)
from tui.textual_adapter import palette, preset_theme, translate_bindings
from tui.theming import DEFAULT_THEME, element_colours, to_textual_theme

if TYPE_CHECKING:
    from tui.core.team import Focus


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
                 config_path: Path | None = None, focus: Focus | None = None,
                 notices: list[str] | None = None) -> None:  # fmt: skip
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
            plain_words=self.config.plain_words, focus=focus,
        )  # fmt: skip
        self.conversation.focus = None if focus is None else (focus.knapp, focus.melding)
        self.notices = notices or []
        self.startup = flows.Startup(self, self.ctx, self.config, channel)
        self.autosave = flows.Autosave(self, self.conversation, self.ctx.key("quit"))
        self._uninstall_signals: Callable[[], None] = lambda: None
        super().__init__()
        translate_bindings(self)
        if self.ctx.keymap:
            self.set_keymap(self.ctx.keymap)
        for theme_file in themes:
            self.register_theme(to_textual_theme(theme_file))
        names = [theme_file.name for theme_file in themes]
        if names:  # chosen before the first frame: the stylesheet is parsed once, in this theme
            fallback = DEFAULT_THEME if DEFAULT_THEME in names else names[0]
            preset_theme(self, self.theme_name if self.theme_name in names else fallback)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """Every phase, Kolb stage and knapp gets an ``$element-<id>`` colour."""
        return element_colours(self.ctx.model, self.theme_files)

    def get_default_screen(self) -> Screen[Any]:
        """The main screen when the start-up has nothing to ask (the usual start), else a blank
        one under the questions (:class:`tui.flows.Startup`)."""
        return self.startup.first_screen() or super().get_default_screen()

    def on_mount(self) -> None:
        self._uninstall_signals = self.autosave.guard()
        sweep_temp_files(self.ctx.export_dir)  # temp files a kill left behind hold note text
        self.startup.run()
        if self.notices:  # a broken team file: said, never in the way
            self.notify("\n".join(self.notices), severity="warning", timeout=20, markup=False)

    def save_everything(self) -> None:
        """What every screen shows now, saved (quit, a signal, a crash)."""
        self.autosave.save_everything()

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

    def _in_order(self, action: Callable[[], object]) -> None:
        """Run an app-wide key's action after the keys typed before it.

        Ctrl+Q and Ctrl+P are priority bindings: the app runs them as it reads them, while the
        keys before them still wait in the focused field's queue (laggy RDP or ssh delivers a
        whole burst at once). Queued behind those keys, the note gets every character first, and
        the keys after it go to the palette (:class:`tui.widgets.notes_pane.NoteInput`).
        """
        focused = self.focused
        if focused is None or not focused.is_attached:
            action()
        else:
            focused.call_later(action)

    def action_command_palette(self) -> None:
        """Ctrl+P: the palette (in the app's language), after the keys typed before it."""
        from textual.command import CommandPalette

        def open_palette() -> None:
            if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
                self.push_screen(palette(t("palette.search"), t("palette.none")))

        self._in_order(open_palette)

    async def action_quit(self) -> None:
        """Ctrl+Q: save everything, then leave (not while text waits for a full disk); after
        the keys typed before it."""
        self._in_order(self._quit)

    def _quit(self) -> None:
        if self.autosave.may_quit():
            self.exit()  # a rescue file, if one was written, is named when the app has ended

    def action_suspend(self) -> None:
        """Ctrl+Z: save everything, then suspend to the shell (``fg`` comes back)."""
        self.save_everything()
        self.action_suspend_process()

    def _fatal_error(self) -> None:
        flows.crash_report(self, self.ctx, self.save_everything)

    # --- keys ------------------------------------------------------------------------------

    def get_key_display(self, binding: Binding) -> str:
        """Keys as counsellors read them: ``F1``, ``Ctrl+Y``, ``PgUp`` (footer, help, hints)."""
        return keys.display(binding.key)

    @on(HelpRequested)
    def show_help(self) -> None:
        flows.show_help(self, self.ctx)

    def action_help(self) -> None:  # Ctrl+G on the screens other than the main one
        flows.show_help(self, self.ctx)

    @on(AboutRequested)
    def show_about(self) -> None:
        self.push_screen(flows.about())

    # --- what the screens ask for ----------------------------------------------------------

    @on(CopyRequested)
    def copy_prompt(self, message: CopyRequested) -> None:
        flows.copy_prompt(self, self.ctx, self.copier, message.ref)

    @on(ExplainRequested)
    def _explain(self, message: ExplainRequested) -> None:
        flows.explain(self, self.ctx, message.kind)

    @on(ElementRequested)
    def _explain_element(self, message: ElementRequested) -> None:
        flows.explain_element(self, self.ctx, message.element_id)

    @on(PlainWordsToggled)
    def toggle_plain_words(self) -> None:
        flows.toggle_plain_words(self, self.ctx)

    def use_theme(self, name: str) -> None:
        flows.use_theme(self, self.ctx, name)

    @on(OverviewRequested)
    @on(LogsRequested)
    @on(PracticeRequested)
    def show_view(self, message: OverviewRequested | LogsRequested | PracticeRequested) -> None:
        """The overview, the archive or «Min praksis», with everything typed saved first."""
        self.save_everything()
        self.push_screen(flows.view(message, self.ctx))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        return system_commands(self, screen, self.theme_files, self.use_theme)

    # --- the end of a conversation ---------------------------------------------------------

    @on(FinishRequested)
    def finish_and_reflect(self, message: FinishRequested | None = None) -> None:
        """Finish the conversation (if it is not) and open the reflection."""
        from tui.screens.reflection import ReflectionScreen

        conversation = self.conversation
        if conversation.store.saved_log(conversation.session_id) is not None:
            # Saved already (back from the logs, say): where it is and what next, no export.
            self.post_message(SaveRequested())
            return
        conversation.finish(at=message.at if message else None,
                            outcome=message.outcome if message else None)  # fmt: skip
        self.push_screen(ReflectionScreen(self.ctx))

    @on(SaveRequested)
    def review_and_save(self, message: SaveRequested) -> None:
        """Privacy review, then archive and export; then say where, and offer what next."""
        after = partial(flows.after_save, self, self.startup)
        done = message.done or partial(flows.saved, self, self.ctx, after)
        flows.review_and_save(self, self.ctx, message.log, message.session_id, done)
