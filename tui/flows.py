"""The app's multi-step flows: start-up, copying, explaining, and the log's privacy review.

Each flow pushes the modals it needs onto a Textual app and acts on the answers through the
conversation. The app calls them from its message handlers; they never import the app.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from contextlib import suppress
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.markup import escape as escape_markup
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static

from tui import keys
from tui.clipboard import Clipboard, CopyMethod
from tui.context import Context
from tui.core import crashlog, shutdown
from tui.core.config import Config, save_setting
from tui.core.content import Channel, PromptRef
from tui.core.conversation import Conversation
from tui.core.problems import ContentError
from tui.core.store import StoreError
from tui.core.strings import t, tn
from tui.messages import (
    CopyRequested,
    ExplainKind,
    FinishRequested,
    LogsRequested,
    OverviewRequested,
    PracticeRequested,
    Written,
)
from tui.screens.main import MainScreen
from tui.textual_adapter import crash_error, replace_crash_report, switch_bottom_screen

FORMATS = ("md", "json")
"""The files a log is exported as."""

if TYPE_CHECKING:  # the log, review and export modules load when a log is saved, not at start
    from tui.core.log import ReflectionLog
    from tui.core.review import Decision, Finding
    from tui.screens.info import AboutModal, Element


class Autosave:
    """Saves what is typed when the conversation says it is due, and shows the banner when a
    write fails (retrying every two seconds until it succeeds)."""

    def __init__(self, app: App[Any], conversation: Conversation, quit_key: str = "Ctrl+Q") -> None:
        self.app = app
        self.conversation = conversation
        self.quit_key = quit_key
        self._save_timer: Timer | None = None
        self._retry_timer: Timer | None = None
        self._quit_armed: float | None = None
        self._quit_said: str | None = None
        self.rescued: Path | None = None
        """The rescue file written when Veiviser ended with text the archive could not take."""

    def changed(self, field: str, text: str) -> None:
        self.conversation.text_changed(field, text)
        if self._save_timer is None:
            self.schedule()

    def schedule(self) -> None:
        due = self.conversation.due_at()
        if due is None:
            self._save_timer = None
            return
        # Never 0: Textual's timer divides by its interval (a zero delay crashed the app).
        delay = max(0.01, due - self.conversation.monotonic())
        self._save_timer = self.app.set_timer(delay, self._due)

    def _due(self) -> None:
        self.conversation.save_due()
        self.banner()
        self.schedule()

    def banner(self) -> None:
        """Show or hide the 'not saved' banner on every screen that has one."""
        error = self.conversation.error
        for screen in self.app.screen_stack:
            for banner in screen.query(".save-banner").results(Static):
                banner.display = error is not None
                if error:  # where the log is saved, the banner also says that it waits
                    waits = f" {t('banner.log_waits')}" if banner.has_class("-log") else ""
                    quits = f"\n{self._quit_said}" if self._quit_said else ""
                    banner.update(t("banner.unsaved", error=error) + waits + quits)
        if error is None:
            self._quit_said = None
        if error and self._retry_timer is None:
            self._retry_timer = self.app.set_interval(2.0, self._retry)
        elif not error and self._retry_timer is not None:
            self._retry_timer.stop()
            self._retry_timer = None

    def _retry(self) -> None:
        self.conversation.retry()
        self.banner()

    def save_everything(self) -> None:
        """What every screen shows now, saved (quit, a signal, a crash)."""
        for screen in self.app.screen_stack:
            take = getattr(screen, "take_typed", None)
            if take is not None:
                with suppress(Exception):  # a screen not yet composed has nothing typed
                    take()
        self.conversation.save_everything()

    def rescue(self) -> Path | None:
        """When text still waits for the disk: write it all to a rescue file of its own (another
        folder may have room). The file, or None if nothing waits or it could not be written."""
        if not self.conversation.unsaved:
            return None
        from tui.core.rescue import rescue_path, write_rescue

        path = rescue_path()
        return path if write_rescue(self.conversation.rescue_text(), path) else None

    def may_quit(self) -> bool:
        """Ctrl+Q: True when everything is saved. Else the first press says what waits and
        where it would go; a second one within 10 s writes the rescue file and says True only
        if that worked: Veiviser never ends with typed text nowhere on the disk."""
        self.save_everything()
        conversation = self.conversation
        if not conversation.unsaved:
            return True
        from tui.core.rescue import rescue_path

        armed, self._quit_armed = self._quit_armed, conversation.monotonic()
        if armed is not None and conversation.monotonic() - armed < 10:
            path = self.rescue()
            if path is not None:
                self.rescued = path
                return True
            message = t("msg.quit.nowhere", error=conversation.error or "?")
        else:
            message = t("msg.quit.unsaved", error=conversation.error or "?", quit=self.quit_key,
                        path=rescue_path().parent)  # fmt: skip
        self.app.bell()
        self._quit_said = message  # in the banner: a notice would cover what was typed
        self.banner()
        return False

    def guard(self) -> Callable[[], None]:
        """Save and leave when the OS ends the program or the terminal goes away.

        Textual installs no handlers for signals or a console closing; a closed window does not
        always send SIGHUP either (e.g. under make), so the terminal is also looked at twice a
        second. Returns the function that removes the handlers.
        """
        uninstall = shutdown.install(asyncio.get_running_loop(), self._ended)
        tty = sys.__stdin__.fileno() if sys.__stdin__ else -1
        if not self.app.is_headless and not shutdown.terminal_gone(tty):

            def watch() -> None:
                if shutdown.terminal_gone(tty):
                    watchdog.stop()
                    self._ended()

            watchdog = self.app.set_interval(0.5, watch)
        return uninstall

    def _ended(self) -> None:
        self.save_everything()
        self.rescued = self.rescue()
        self.app.exit()
        shutdown.exit_soon()  # a closed terminal can block Textual's own shutdown


def view(message: object, ctx: Context) -> Screen[Any]:
    """The screen a request opens (each loads when first opened: a quicker start)."""
    if isinstance(message, OverviewRequested):
        from tui.screens.overview import OverviewScreen

        return OverviewScreen(ctx)
    if isinstance(message, PracticeRequested):
        from tui.screens.practice import PracticeScreen

        return PracticeScreen(ctx)
    from tui.screens.logs import LogsScreen

    return LogsScreen(ctx)


def show_help(app: App[Any], ctx: Context) -> None:
    """Every key in force on the screen it is opened from, then the app's own, and the tip for
    laptops whose F keys do something else."""
    shown = getattr(app.screen, "KEYS", keys.MAIN)  # the keys of the screen it is opened on
    rows: list[tuple[str, str]] = []
    for k in (*shown, *(k for k in keys.APP if k.id != "quit")):
        row = (ctx.key(k.id), t(k.description))
        if row not in rows:
            rows.append(row)
    rows.append((ctx.key("quit"), t("key.quit")))
    tip = t("help.fn_tip", config=escape_markup(str(ctx.config_path)))
    from tui.screens.info import HelpModal  # modals load when first opened: a quicker start

    app.push_screen(HelpModal(rows, tip))


def about() -> AboutModal:
    """«Om modellen»: the sources of the three rings, and what Veiviser suggests."""
    from tui.screens.info import AboutModal

    return AboutModal()


class Startup:
    """Old conversations past retention, then an unfinished one, then a new one."""

    def __init__(self, app: App[Any], ctx: Context, config: Config, channel: Channel | None):
        self.app = app
        self.ctx = ctx
        self.config = config
        self.channel = channel
        self.started = False

    def first_screen(self) -> Screen[Any] | None:
        """The main screen at once, when nothing has to be asked first: no conversations past
        retention, no unfinished one, and the channel given (``--channel``). The app then opens
        on it: no blank first frame, no screen pushed after. None: :meth:`run` asks, on mount.
        """
        if self.channel is None:
            return None
        store = self.ctx.conversation.store
        try:
            store.verify()
            if self._past_retention():
                return None
            store.drop_empty()
            if store.unfinished():
                return None
        except StoreError:
            return None  # run() says what is wrong, and ends the app
        self.started = True
        return self._new_main(self.channel)

    def run(self) -> None:
        if self.started:  # opened on the main screen (first_screen)
            return
        store, days = self.ctx.conversation.store, self.config.retention_days
        try:
            store.verify()  # the integrity check that ran beside the start-up
        except StoreError as exc:
            self.app.exit(return_code=exc.exit_code, message=str(exc))
            return
        old = self._past_retention()
        if not old:
            self._unfinished()
            return
        oldest = datetime.fromtimestamp(store.load(old[0]).created_at).strftime("%d.%m.%Y")

        def answer(delete: bool | None) -> None:
            if delete:
                for session_id in old:
                    store.discard(session_id)
            self._unfinished()

        body = tn("retention.body", len(old), n=len(old), days=days, oldest=oldest)
        from tui.screens.choice import ConfirmModal  # modals load when first opened

        self.app.push_screen(ConfirmModal(t("retention.title"), body, "retention.keys"), answer)

    def _past_retention(self) -> list[str]:
        """Conversations older than the retention period (the config's ``retention_days``)."""
        conversation = self.ctx.conversation
        cutoff = conversation.clock() - self.config.retention_days * 86400
        return conversation.store.older_than(cutoff)

    def _unfinished(self) -> None:
        conversation = self.ctx.conversation
        conversation.store.drop_empty()
        unfinished = conversation.store.unfinished()
        if not unfinished:
            self.new()
            return
        loaded = conversation.store.load(unfinished[0])
        from tui.screens.choice import ConfirmModal, ResumeModal

        def chosen(choice: str | None) -> None:
            if choice == "continue":
                self._begin(loaded.id, loaded)
            elif choice == "reflect":
                self._begin(loaded.id, loaded)
                self.app.post_message(FinishRequested(at=loaded.last_activity))
            elif choice == "discard":
                self.app.push_screen(
                    ConfirmModal(t("resume.discard_title"), t("resume.discard_body"),
                                 "resume.discard_keys"),
                    lambda yes: self._discard(loaded.id) if yes else self._unfinished(),
                )  # fmt: skip
            else:
                self.app.exit()

        self.app.push_screen(ResumeModal(self.ctx.model, loaded), chosen)

    def _discard(self, session_id: str) -> None:
        self.ctx.conversation.store.discard(session_id)
        self.app.notify(t("resume.discarded"), timeout=3)
        self._unfinished()

    def new(self) -> None:
        """A new conversation: the channel from ``--channel``, else asked."""
        if self.channel is not None:
            self._begin_new(self.channel)
            return

        def chosen(channel: Channel | None) -> None:
            if channel is None:
                self.app.exit()
            else:
                self._begin_new(channel)

        from tui.screens.choice import ChannelModal

        self.app.push_screen(ChannelModal(), chosen)

    def _begin_new(self, channel: Channel) -> None:
        self._show(self._new_main(channel))

    def _show(self, main: MainScreen) -> None:
        """A conversation's screen over whatever asked for it, or instead of the conversation
        before (the app may have opened on that one: it is then the bottom of the stack)."""
        stack = self.app.screen_stack
        if len(stack) == 1 and isinstance(stack[0], MainScreen):
            switch_bottom_screen(self.app, main)
        else:
            self.app.push_screen(main)

    def _new_main(self, channel: Channel) -> MainScreen:
        conversation = self.ctx.conversation
        if self.config.nudge_after:  # off by default: then the practice module is not loaded
            from tui.core.practice import nudge_for

            self.ctx.nudge = nudge_for(
                conversation.store.conn, self.ctx.model, self.config.nudge_after
            )
        else:
            self.ctx.nudge = None
        conversation.start_new(channel)
        return MainScreen(self.ctx)

    def _begin(self, session_id: str, loaded: Any) -> None:
        self.ctx.conversation.begin(session_id, loaded)
        self._show(MainScreen(self.ctx))


def copy_prompt(app: App[Any], ctx: Context, clipboard: Clipboard, ref: PromptRef | None) -> None:
    """Copy a prompt in the conversation's channel, asking for placeholders first."""
    if ref is None:
        return
    channel = ctx.conversation.session.channel
    if ref.prompt.placeholders(channel):

        def filled(text: str | None) -> None:
            if text is not None:
                deliver(app, ctx, clipboard, ref, text)

        from tui.screens.copy import PlaceholderModal

        app.push_screen(PlaceholderModal(ref, channel), filled)
    else:
        deliver(app, ctx, clipboard, ref, ref.prompt.text(channel))


def deliver(
    app: App[Any], ctx: Context, clipboard: Clipboard, ref: PromptRef, text: str
) -> CopyMethod:
    """Put ``text`` on a clipboard (or show it for copying by hand) and record the copy."""
    method = clipboard.copy(text, app.copy_to_clipboard)
    ctx.conversation.record_copy(ref.id, text)
    if method is CopyMethod.MANUAL:
        from tui.screens.copy import ManualCopyModal

        app.push_screen(ManualCopyModal(text))
    else:
        app.notify(t(f"copy.{method.value}"), title=shorten(text, 60), timeout=3, markup=False)
    for screen in app.screen_stack:
        if isinstance(screen, MainScreen):
            screen.refresh_phase()
    app.post_message(Written())
    return method


def explain(app: App[Any], ctx: Context, kind: ExplainKind) -> None:
    """Explain the current phase (then the other phases, the question types and the
    situations), its suggested Kolb stages, or its knapper (one key each)."""
    model = ctx.model
    phase = model.phase(ctx.conversation.session.phase or ctx.shown_phase)
    elements: list[Element]
    if kind is ExplainKind.PHASE:
        index = model.phases.index(phase)
        elements = list(model.phases[index:] + model.phases[:index])
        elements += [*model.kinds, *model.situations]
    elif kind is ExplainKind.KOLB:
        suggested: list[Element] = [model.stage(s) for s in phase.kolb]
        elements = suggested + [s for s in model.stages if s not in suggested]
    else:
        knapper = {r.knapp for r in model.knapp_prompts(phase.id)}
        elements = [k for k in model.knapper if k.id in knapper]
        elements += [k for k in model.knapper if k.id not in knapper]
    show_elements(app, ctx, elements, ctx.raw_key(f"explain.{kind.value}"))


def explain_element(app: App[Any], ctx: Context, element_id: str) -> None:
    """Explain a Kolb stage, knapp, question type or situation (from the palette), with the
    others of its kind to move through."""
    model = ctx.model
    rings: list[list[Element]] = [
        list(model.stages),
        list(model.knapper),
        list(model.kinds),
        list(model.situations),
    ]
    ring = next(r for r in rings if any(el.id == element_id for el in r))
    start = next(i for i, el in enumerate(ring) if el.id == element_id)
    show_elements(app, ctx, ring[start:] + ring[:start], None)


def show_elements(
    app: App[Any],
    ctx: Context,
    elements: list[Element],
    cycle_key: str | None,
) -> None:
    """The explanations, one element at a time; a prompt chosen there is copied."""
    ctx.conversation.save_everything()
    channel = ctx.conversation.session.channel
    from tui.screens.info import ExplainModal

    modal = ExplainModal(ctx.model, elements, channel, ctx.plain_words, cycle_key)

    def chosen(ref: PromptRef | None) -> None:
        app.post_message(CopyRequested(ref))

    app.push_screen(modal, chosen)


def review_and_save(
    app: App[Any],
    ctx: Context,
    log: ReflectionLog | None,
    session_id: str | None,
    done: Callable[..., None],
) -> None:
    """Privacy review, then archive and export (the running conversation's log by default)."""
    from tui.core import logflow
    from tui.screens.reflection import ReflectionScreen
    from tui.screens.review import PrivacyReviewModal

    conversation = ctx.conversation
    conversation.save_everything()
    if conversation.unsaved:  # the disk is full: the review waits, the text stays where it is
        not_saved(app, conversation.error)
        return
    sid = session_id or conversation.session_id
    if log is None:
        log = logflow.running_log(conversation)
        if logflow.saved_unchanged(conversation.store, sid, log):
            # F10 again on a saved conversation (back from the logs, say): nothing new to
            # export. Say where it is, and offer what comes next; no second pair of files.
            paths = [logflow.export_path(ctx.export_dir, log, sid, suffix) for suffix in FORMATS]
            done([p for p in paths if p.exists()], None, already=True)
            return
    decisions = list(conversation.store.load(sid).decisions)

    def decide(
        current: ReflectionLog, finding: Finding, decision: str
    ) -> tuple[ReflectionLog, Decision]:
        return logflow.decide(conversation, sid, current, finding, decision)

    def reviewed(final: ReflectionLog | None) -> None:
        if final is not None:
            try:
                paths, error = logflow.save_and_export(conversation, sid, final, ctx.export_dir)
            except logflow.NotArchived as exc:
                not_saved(app, str(exc))
                return
            app.post_message(Written())
            for screen in app.screen_stack:  # what is shown is what was saved, masks and all
                if isinstance(screen, ReflectionScreen):
                    screen.refresh_after_save()
                elif isinstance(screen, MainScreen):
                    screen.show_saved_texts()
            done(paths, error)

    app.push_screen(PrivacyReviewModal(log, decisions, decide, source_label(ctx)), reviewed)


def not_saved(app: App[Any], error: str | None) -> None:
    """The log cannot be saved yet: a bell, and the banner (with its retry) at once. It says
    so at the top, never in a notice over the answers."""
    app.post_message(Written())
    app.bell()


def shorten(text: str, width: int) -> str:
    """``text`` in at most ``width`` characters, cut between words and ended with «…»."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    if " " in cut and not text[width - 1].isspace():
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:–-") + "…"


def source_label(ctx: Context) -> Callable[[str], str]:
    """How the privacy review names where a hit is: the note, the answer or the copy."""

    def label(source: str) -> str:
        kind, _, key = source.partition(":")
        if kind == "note":
            notes = ctx.conversation.session.notes
            note = next((n for n in notes if str(n.id) == key), None)
            phase = ctx.model.phase(note.phase).name if note and note.phase else "–"
            return t("review.note", no=key, phase=phase)
        if kind == "answer":
            question = next((q.text for q in ctx.model.reflection if q.id == key), key)
            return t("review.answer", question=question)
        return t("review.copy", no=key)

    return label


def saved(app: App[Any], ctx: Context, after: Callable[[str | None], None], paths: list[Path],
          error: str | None, already: bool = False) -> None:  # fmt: skip
    """The log is saved (or was already): say where, and offer what next (new conversation,
    logs, quit)."""
    from tui.screens.review import SavedModal

    app.push_screen(SavedModal(paths, error, ctx.key("quit"), already=already), after)


def toggle_plain_words(app: App[Any], ctx: Context) -> None:
    """Switch between plain words and theory terms, and remember it in the config."""
    ctx.plain_words = not ctx.plain_words
    with suppress(OSError, ContentError):
        save_setting(ctx.config_path, "plain_words", ctx.plain_words)
    for screen in app.screen_stack:
        if isinstance(screen, MainScreen):
            screen.words_changed()
    app.notify(t("plain.on" if ctx.plain_words else "plain.off"), timeout=3)


def use_theme(app: App[Any], ctx: Context, name: str) -> None:
    """Switch to a theme and remember it in the config."""
    app.theme = name
    with suppress(OSError, ContentError):
        save_setting(ctx.config_path, "theme", name)


def after_save(app: App[Any], startup: Startup, choice: str | None) -> None:
    """What the counsellor chose once the log was saved: a new conversation, or the logs."""
    if choice == "new":
        while len(app.screen_stack) > 1:
            app.pop_screen()
        startup.new()
    elif choice == "logs":
        # The reflection is done: the logs open over the ended conversation's main screen,
        # so Esc comes back to it (F10 there offers a new conversation), not to the reflection.
        while len(app.screen_stack) > 1 and not isinstance(app.screen, MainScreen):
            app.pop_screen()
        app.post_message(LogsRequested())


def crash_report(app: App[Any], ctx: Context, save: Callable[[], None]) -> None:
    """Replace Textual's crash report, which prints local variables (note text among them)."""
    error = crash_error(app)
    at, frames = crashlog.where(error)
    with suppress(Exception):  # best effort: the store already has every event
        save()
    directory = ctx.conversation.store.directory
    log_path = crashlog.write_crash_log(directory, type(error).__name__, frames)
    app.bell()
    replace_crash_report(app, t("crash.message", error=type(error).__name__, where=at,
                                data=directory, log=log_path or "-"))  # fmt: skip
