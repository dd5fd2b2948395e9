"""The Veiviser app: start-up, navigation between screens, shared state and the lifecycle.

Screens own their behaviour (a note, a move, a copy, the reflection and its review) and post a
message (:mod:`tui.messages`) only for what the app owns: opening another screen, the help,
plain words, the theme, and what comes after a saved log. Shared state goes out through
:class:`tui.shared.Shared` signals; the app never reaches into a screen. Textual installs no
handlers for the OS ending the program; :mod:`tui.app.saving` does, and everything typed is
saved first. A crash prints where the session is saved, never the note text.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from tui import keys
from tui.app.saving import Autosave
from tui.app.startup import Startup
from tui.bindings import bindings
from tui.clipboard import Clipboard
from tui.commands import ModelProvider, system_commands
from tui.context import Context
from tui.core.archive.store import Store, sweep_temp_files
from tui.core.base import crashlog
from tui.core.base.problems import ContentError
from tui.core.base.strings import t, use
from tui.core.conversation.conversation import Conversation, default_export_dir
from tui.core.model.config import Config, save_setting
from tui.core.model.content import Channel, Content
from tui.core.model.themes import ThemeFile
from tui.messages import (
    AboutRequested,
    ChatRequested,
    CopyRequested,
    ElementRequested,
    FinishRequested,
    HelpRequested,
    LogSaved,
    LogsRequested,
    OverviewRequested,
    PlainWordsToggled,
    PracticeRequested,
    VerkstedRequested,
    Written,
)
from tui.shared import Shared
from tui.textual_adapter import (
    crash_error,
    palette,
    preset_theme,
    replace_crash_report,
    translate_bindings,
)
from tui.theming import DEFAULT_THEME, element_colours, to_textual_theme

if TYPE_CHECKING:
    from tui.core.chat.transcript import Transcript
    from tui.core.model.team import Focus


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
                 notices: list[str] | None = None, verksted: str | None = None,
                 chat: Transcript | None = None) -> None:  # fmt: skip
        use(model.ui)  # the app's own words in the content's language
        self.config = config or Config()
        self.theme_files = themes
        self.theme_name = theme or self.config.theme
        self.conversation = Conversation(model, store, clock=clock)
        self.shared = Shared(self)
        self.ctx = Context(
            model=model, conversation=self.conversation, keymap=dict(self.config.keymap or {}),
            export_dir=export_dir or default_export_dir(store.directory, self.config.export_dir),
            config_path=config_path or store.directory / "config.yaml",
            plain_words=self.config.plain_words, focus=focus, shared=self.shared,
            clipboard=clipboard or Clipboard(),
        )  # fmt: skip
        self.conversation.day_focus = None if focus is None else (focus.knapp, focus.melding)
        self.notices = notices or []
        self.verksted_only = verksted
        self.chat_only = chat
        """Started as ``veiviser chat FILE``: that chat and no conversation."""
        """Started as ``veiviser verksted [KNAPP]``: a workshop and no conversation ("" asks
        which knapp); leaving it ends Veiviser."""
        self.startup = Startup(self, self.ctx, self.config, channel)
        self.autosave = Autosave(self, self.conversation, self.shared, self.ctx.key("quit"))
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

    # --- lifecycle ------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        """The main screen when the start-up has nothing to ask (the usual start), else a blank
        one under the questions (:class:`tui.app.startup.Startup`)."""
        if self.verksted_only is not None or self.chat_only is not None:
            return super().get_default_screen()
        return self.startup.first_screen() or super().get_default_screen()

    def on_mount(self) -> None:
        self._uninstall_signals = self.autosave.guard()
        sweep_temp_files(self.ctx.export_dir)  # temp files a kill left behind hold note text
        if self.verksted_only is not None:
            self.open_verksted(VerkstedRequested(self.verksted_only or None))
        elif self.chat_only is not None:
            self.open_chat(ChatRequested(self.chat_only))
        else:
            self.startup.run()
        if self.notices:  # a broken team file: said, never in the way
            self.notify("\n".join(self.notices), severity="warning", timeout=20, markup=False)

    def save_everything(self) -> None:
        """What every screen shows now, saved (quit, a signal, a crash)."""
        self.autosave.save_everything()

    def on_unmount(self) -> None:
        self.save_everything()
        self._uninstall_signals()

    @on(Written)
    def _written(self) -> None:
        """Something was written: the banners say whether everything is on the disk."""
        self.autosave.written()

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

    # --- keys and shared state ------------------------------------------------------------

    def get_key_display(self, binding: Binding) -> str:
        """Keys as counsellors read them: ``F1``, ``Ctrl+Y``, ``PgUp`` (footer, help, hints)."""
        return keys.display(binding.key)

    @on(HelpRequested)
    def show_help(self, message: HelpRequested) -> None:
        """Every key in force on the screen that asked, then the app's own."""
        from tui.screens.info import help_modal  # modals load when first opened

        self.push_screen(help_modal(self.ctx, message.keys))

    @on(AboutRequested)
    def show_about(self) -> None:
        """«Om modellen»: the sources of the three rings, and what Veiviser suggests."""
        from tui.screens.info import AboutModal

        self.push_screen(AboutModal())

    @on(PlainWordsToggled)
    def toggle_plain_words(self) -> None:
        """Switch between plain words and theory terms, and remember it in the config."""
        ctx = self.ctx
        ctx.plain_words = not ctx.plain_words
        with suppress(OSError, ContentError):
            save_setting(ctx.config_path, "plain_words", ctx.plain_words)
        self.shared.words.publish(ctx.plain_words)
        self.notify(t("plain.on" if ctx.plain_words else "plain.off"), timeout=3)

    def use_theme(self, name: str) -> None:
        """Switch to a theme and remember it in the config."""
        self.theme = name
        with suppress(OSError, ContentError):
            save_setting(self.ctx.config_path, "theme", name)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        textual_own = (c for c in super().get_system_commands(screen)
                       if c.callback != self.action_change_theme)  # fmt: skip
        return system_commands(self.post_message, textual_own, self.theme_files, self.use_theme)

    # --- the model at hand from anywhere (the palette, an explanation) -------------------

    @on(CopyRequested)
    def copy_prompt(self, message: CopyRequested) -> None:
        from tui.screens.copy import copy_prompt

        copy_prompt(self.screen, self.ctx, message.ref)

    @on(ElementRequested)
    def _explain_element(self, message: ElementRequested) -> None:
        from tui.screens.info import explain_element

        explain_element(self.screen, self.ctx, message.element_id)

    # --- navigation -----------------------------------------------------------------------

    @on(OverviewRequested)
    @on(LogsRequested)
    @on(PracticeRequested)
    def show_view(self, message: OverviewRequested | LogsRequested | PracticeRequested) -> None:
        """The overview, the archive or «Min praksis» (each loads when first opened), with
        everything typed saved first."""
        self.save_everything()
        screen: Screen[Any]
        if isinstance(message, OverviewRequested):
            from tui.screens.overview import OverviewScreen

            screen = OverviewScreen(self.ctx)
        elif isinstance(message, PracticeRequested):
            from tui.screens.practice import PracticeScreen

            screen = PracticeScreen(self.ctx)
        else:
            from tui.screens.logs import LogsScreen

            screen = LogsScreen(self.ctx)
        self.push_screen(screen)

    @on(VerkstedRequested)
    def open_verksted(self, message: VerkstedRequested) -> None:
        """A knappeverksted over whatever is shown (Esc comes back to it), for the knapp asked
        for, or chosen first; started on its own, leaving it ends Veiviser."""
        from tui.core.outputs.verksted import Workshop
        from tui.screens.verksted import VerkstedScreen

        self.save_everything()
        alone = self.verksted_only is not None

        def left(_: object = None) -> None:
            if alone:
                self.exit()

        def start(knapp: str | None) -> None:
            model = self.ctx.model
            if knapp is None:
                left()
                return
            if not model.cases(knapp):
                self.notify(t("verksted.no_cases", knapp=model.knapp(knapp).name),
                            severity="warning", timeout=8)  # fmt: skip
                left()
                return
            work = Workshop.for_knapp(model, knapp, clock=self.conversation.clock)
            self.push_screen(VerkstedScreen(self.ctx, work), left)

        if message.knapp is not None:
            start(message.knapp)
            return
        from tui.screens.choice import TagModal

        self.push_screen(TagModal(self.ctx.model, None, self.ctx.plain_words), start)

    @on(ChatRequested)
    def open_chat(self, message: ChatRequested) -> None:
        """A chat looked back on: pasted (or read from a file), the counsellor says which
        speaker they were, every turn passes the pack review, then the chat screen."""
        from tui.core.chat.analysis import Analysis, Suggester, review
        from tui.core.outputs.casepack import vocabulary
        from tui.screens.chat import ChatScreen, PasteModal, WhoModal

        self.save_everything()
        alone = self.chat_only is not None

        def left(_: object = None) -> None:
            if alone:
                self.exit()

        def who(transcript: Transcript | None) -> None:
            if transcript is None:
                left()
                return

            def chosen(speaker: str | None) -> None:
                if speaker is None:
                    left()
                    return
                assert transcript is not None
                reviewed, masked = review(transcript.with_counsellor(speaker),
                                          vocabulary(self.ctx.model))  # fmt: skip
                analysis = Analysis(reviewed, masked, created_at=self.conversation.clock())
                analysis.suggest_all(Suggester(self.ctx.model))
                self.push_screen(ChatScreen(self.ctx, analysis), left)

            self.push_screen(WhoModal(transcript), chosen)

        if message.transcript is not None:
            who(message.transcript)
        else:
            self.push_screen(PasteModal(), who)

    @on(FinishRequested)
    def finish_and_reflect(self, message: FinishRequested | None = None) -> None:
        """Finish the conversation (if it is not) and open the reflection."""
        conversation = self.conversation
        if conversation.store.saved_log(conversation.session_id) is not None:
            # Saved already (back from the logs, say): where it is and what next, no export.
            from tui.screens.review import review_and_save

            review_and_save(self.screen, self.ctx, None, None, self._log_saved)
            return
        conversation.finish(at=message.at if message else None,
                            outcome=message.outcome if message else None)  # fmt: skip
        from tui.screens.reflection import ReflectionScreen

        self.push_screen(ReflectionScreen(self.ctx))

    @on(LogSaved)
    def _on_log_saved(self, message: LogSaved) -> None:
        self._log_saved(message.paths, message.error, message.already)

    def _log_saved(self, paths: list[Path], error: str | None, already: bool = False) -> None:
        """The log is saved (or was already): say where, and offer what next."""
        from tui.screens.review import SavedModal

        self.push_screen(SavedModal(paths, error, self.ctx.key("quit"), already=already),
                         self._after_save)  # fmt: skip

    def _after_save(self, choice: str | None) -> None:
        """What the counsellor chose once the log was saved: a new conversation, or the logs."""
        if choice == "new":
            while len(self.screen_stack) > 1:
                self.pop_screen()
            self.startup.new()
        elif choice == "logs":
            # The reflection is done: the logs open over the ended conversation's screen, so
            # Esc comes back to it (F10 there offers a new conversation), not to the reflection.
            main = self.startup.main
            while len(self.screen_stack) > 1 and self.screen is not main:
                self.pop_screen()
            self.post_message(LogsRequested())
