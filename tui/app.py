"""The Veiviser app: owns the running session and routes actions to screens.

The session's moves, notes and copies are committed by a :class:`Recorder` as they happen; the
text being typed (the note field, reflection answers) is saved after a short pause and at least
once a second. SIGTERM, SIGHUP, Ctrl+Z and Ctrl+Q save everything first. A crash prints where the
session is saved and never the note text (Textual's own crash report prints local variables).
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
import traceback
from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import replace
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.markup import escape as escape_markup
from textual.screen import Screen
from textual.timer import Timer

from tui.clipboard import Clipboard, CopyMethod
from tui.commands import ModelProvider
from tui.core import shutdown
from tui.core.config import Config, save_setting
from tui.core.content import Channel, Content, PromptRef
from tui.core.debounce import Debounce
from tui.core.recorder import Recorder
from tui.core.session import Session
from tui.core.store import Loaded, Store, sweep_temp_files
from tui.core.strictyaml import ContentError
from tui.core.themes import ThemeFile
from tui.screens.choice import ChannelModal, ConfirmModal, ResumeModal
from tui.screens.copy import ManualCopyModal, PlaceholderModal
from tui.screens.info import Element, ExplainModal, HelpModal
from tui.screens.main import BINDINGS as MAIN_BINDINGS
from tui.screens.main import MainScreen
from tui.strings import t, translate_bindings, use
from tui.theming import to_textual_theme

if TYPE_CHECKING:  # the log, review and export modules load when a log is saved, not at start
    from tui.core.log import ReflectionLog
    from tui.core.review import Decision, Finding

DEFAULT_THEME = "veiviser-mork"
FALLBACK_ELEMENT_COLOUR = "#8b949e"
"""For an element a theme has no colour for (a service's own knapp, say): a neutral grey."""

NOTE_FIELD = "note"
"""The draft field of the note being typed."""

APP_BINDINGS: list[Binding] = [
    Binding("ctrl+q", "quit", "key.quit", id="quit", priority=True, show=False),
    Binding("ctrl+p", "command_palette", "key.palette", id="palette", priority=True, show=False),
]
if sys.platform != "win32":  # Windows has no job control: Ctrl+Z would do nothing there
    APP_BINDINGS.append(Binding("ctrl+z", "suspend", "key.suspend", id="suspend", show=False))

_BINARY = getattr(os, "O_BINARY", 0)
"""Windows opens files in text mode (\n becomes \r\n) unless asked for binary."""


def all_binding_ids() -> set[str]:
    """Every binding id a keymap in the config may name."""
    from tui.screens.logs import LogsScreen, LogViewScreen
    from tui.screens.overview import OverviewScreen
    from tui.screens.reflection import ReflectionScreen

    ids = {b.id for b in (*MAIN_BINDINGS, *APP_BINDINGS) if b.id}
    for screen in (ReflectionScreen, LogsScreen, LogViewScreen, OverviewScreen):
        ids |= {b.id for b in screen.BINDINGS if isinstance(b, Binding) and b.id}
    return ids


class VeiviserApp(App[None]):
    """A guided digital career-guidance conversation, with notes that are never lost."""

    CSS_PATH = "app.tcss"
    TITLE = "Veiviser"
    COMMANDS: ClassVar = App.COMMANDS | {ModelProvider}
    BINDINGS: ClassVar[list[BindingType]] = list(APP_BINDINGS)

    def __init__(
        self,
        model: Content,
        themes: list[ThemeFile],
        store: Store,
        channel: Channel | None = None,
        clock: Callable[[], float] = time.time,
        clipboard: Clipboard | None = None,
        config: Config | None = None,
        export_dir: Path | None = None,
        theme: str | None = None,
        config_path: Path | None = None,
    ) -> None:
        use(model.ui)  # the app's own words in the content's language
        self.model = model
        self.theme_files = themes
        self.store = store
        self.config = config or Config()
        self.export_dir = export_dir or (
            Path(self.config.export_dir) if self.config.export_dir else store.directory / "eksport"
        )
        self.clock = clock
        self.copier = clipboard or Clipboard()
        self.config_path = config_path or store.directory / "config.yaml"
        self.plain_words = self.config.plain_words
        self.theme_name = theme or self.config.theme
        self.channel_arg = channel
        self.session = Session(channel=channel or "chat", clock=clock)
        self.session_id = ""
        self.recorder: Recorder | None = None
        self.answers: dict[str, str] = {}
        self.note_draft = ""
        self._debounces: dict[str, Debounce] = {}
        self._texts: dict[str, str] = {}
        self._save_timer: Timer | None = None
        self._retry_timer: Timer | None = None
        self._uninstall_signals: Callable[[], None] = lambda: None
        super().__init__()
        translate_bindings(self)
        if self.config.keymap:
            self.set_keymap(self.config.keymap)

    # --- set-up -----------------------------------------------------------------------

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """Every phase, Kolb stage and knapp gets an ``$element-<id>`` colour."""
        ids: list[str] = [p.id for p in self.model.phases]
        ids += [s.id for s in self.model.stages] + [k.id for k in self.model.knapper]
        default = [f for f in self.theme_files if f.name == DEFAULT_THEME] or self.theme_files
        known = default[0].elements if default else {}
        return {f"element-{i}": known.get(i, FALLBACK_ELEMENT_COLOUR) for i in ids}

    def on_mount(self) -> None:
        for theme in self.theme_files:
            self.register_theme(to_textual_theme(theme))
        names = [theme.name for theme in self.theme_files]
        if names:
            fallback = DEFAULT_THEME if DEFAULT_THEME in names else names[0]
            self.theme = self.theme_name if self.theme_name in names else fallback
        self._install_signal_handlers()
        sweep_temp_files(self.export_dir)  # temp files a kill left behind hold note text
        self._check_retention()

    def _install_signal_handlers(self) -> None:
        # Textual installs none: without these, a closed terminal or window, a logoff or a kill
        # would end the app without saving the text being typed.
        self._uninstall_signals = shutdown.install(asyncio.get_running_loop(), self._on_signal)

    def _on_signal(self) -> None:
        self.save_everything()
        self.exit()

    def on_unmount(self) -> None:
        self.save_everything()
        self._uninstall_signals()

    # --- start-up: retention, then an unfinished session, then a new one -------------------

    def _check_retention(self) -> None:
        days = self.config.retention_days
        old = self.store.older_than(self.clock() - days * 86400)
        if not old:
            self._check_unfinished()
            return
        oldest = self.store.load(old[0]).created_at

        def answer(delete: bool | None) -> None:
            if delete:
                for session_id in old:
                    self.store.discard(session_id)
            self._check_unfinished()

        self.push_screen(
            ConfirmModal(
                t("retention.title"),
                t("retention.body", n=len(old), days=days, oldest=_date(oldest)),
                t("retention.keys"),
            ),
            answer,
        )

    def _check_unfinished(self) -> None:
        self.store.drop_empty()
        unfinished = self.store.unfinished()
        if not unfinished:
            self._start_new()
            return
        loaded = self.store.load(unfinished[0])

        def chosen(choice: str | None) -> None:
            if choice == "continue":
                self.begin(loaded.id, loaded)
            elif choice == "reflect":
                self.begin(loaded.id, loaded)
                self.finish_and_reflect(at=loaded.last_activity)
            elif choice == "discard":
                self.push_screen(
                    ConfirmModal(t("resume.discard_title"), t("resume.discard_body"),
                                 t("resume.discard_keys")),
                    lambda yes: self._discard(loaded.id) if yes else self._check_unfinished(),
                )  # fmt: skip
            else:
                self.exit()

        self.push_screen(ResumeModal(self.model, loaded), chosen)

    def _discard(self, session_id: str) -> None:
        self.store.discard(session_id)
        self.notify(t("resume.discarded"), timeout=3)
        self._check_unfinished()

    def _start_new(self) -> None:
        if self.channel_arg is None:

            def chosen(channel: Channel | None) -> None:
                if channel is None:
                    self.exit()
                else:
                    self.begin(self.store.create_session(channel), None, channel)

            self.push_screen(ChannelModal(), chosen)
        else:
            self.begin(self.store.create_session(self.channel_arg), None, self.channel_arg)

    def begin(self, session_id: str, loaded: Loaded | None, channel: Channel = "chat") -> None:
        """Make ``session_id`` the running session (new, or resumed from ``loaded``)."""
        self.session_id = session_id
        if loaded is None:
            self.session = Session(channel=channel, clock=self.clock)
            self.answers, self.note_draft = {}, ""
        else:
            self.session = loaded.session(self.clock)
            self.answers, self.note_draft = dict(loaded.answers), loaded.drafts.get(NOTE_FIELD, "")
        self.recorder = Recorder(self.store, session_id)
        self.session.subscribe(self.recorder)
        self._debounces.clear()
        self._texts.clear()
        self.push_screen(MainScreen())

    def new_conversation(self) -> None:
        """After a saved log: start over with a new conversation."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self._start_new()

    # --- saving text being typed ---------------------------------------------------------

    def text_changed(self, field: str, text: str) -> None:
        """The note field or an answer changed: save after a pause, at least once a second."""
        self._texts[field] = text
        self._debounces.setdefault(field, Debounce()).changed(time.monotonic())
        if self._save_timer is None:
            self._schedule_save()

    def _schedule_save(self) -> None:
        due = [d.due_at() for d in self._debounces.values() if d.dirty]
        if not due:
            self._save_timer = None
            return
        # Never 0: Textual's timer divides by its interval (a zero delay crashed the app).
        delay = max(0.01, min(x for x in due if x is not None) - time.monotonic())
        self._save_timer = self.set_timer(delay, self._save_due)

    def _save_due(self) -> None:
        now = time.monotonic()
        for field, debounce in self._debounces.items():
            when = debounce.due_at()
            if when is not None and when <= now:
                self._save_field(field)
        self._schedule_save()

    def _save_field(self, field: str) -> None:
        text = self._texts.get(field, "")
        self._debounces[field].saved()
        if self.recorder is None:
            return
        if field.startswith("answer:"):
            question_id = field.removeprefix("answer:")
            self.answers[question_id] = text
            self.recorder.answer(question_id, text)
        else:
            self.recorder.draft(field, text)
        self.update_banner()

    def save_everything(self) -> None:
        """Save every waiting text now (quit, signal, suspend, leaving a screen)."""
        for field, debounce in list(self._debounces.items()):
            if debounce.dirty:
                self._save_field(field)
        if self.recorder is not None:
            self.recorder.flush()

    def note_saved(self) -> None:
        """A note was saved from the field: its draft is gone."""
        self._texts[NOTE_FIELD] = ""
        self._debounces.setdefault(NOTE_FIELD, Debounce()).saved()
        if self.recorder is not None:
            self.recorder.draft(NOTE_FIELD, "")
        self.update_banner()

    def update_banner(self) -> None:
        """Show or hide the 'not saved' banner on every screen that has one."""
        error = self.recorder.error if self.recorder else None
        for screen in self.screen_stack:
            for banner in screen.query(".save-banner"):
                banner.display = error is not None
                if error:
                    banner.update(t("banner.unsaved", error=error))  # type: ignore[attr-defined]
        if error and self._retry_timer is None:
            self._retry_timer = self.set_interval(2.0, self._retry)
        elif not error and self._retry_timer is not None:
            self._retry_timer.stop()
            self._retry_timer = None

    def _retry(self) -> None:
        if self.recorder is not None:
            self.recorder.flush()
        self.update_banner()

    async def action_quit(self) -> None:
        """Ctrl+Q: save everything, then leave."""
        self.save_everything()
        self.exit()

    def action_suspend(self) -> None:
        """Ctrl+Z: save everything, then suspend to the shell (``fg`` comes back)."""
        self.save_everything()
        self.action_suspend_process()

    # --- crash output without note text ---------------------------------------------------

    def _fatal_error(self) -> None:
        """Replace Textual's crash report, which prints local variables (note text among them)."""
        error = self._exception
        where = "?"
        frames: list[str] = []
        if error is not None:
            stack = traceback.extract_tb(error.__traceback__)
            frames = [f"{f.filename}:{f.lineno} in {f.name}" for f in stack]
            if stack:
                where = f"{Path(stack[-1].filename).name}:{stack[-1].lineno}"
        with suppress(Exception):  # best effort: the store already has every event
            self.save_everything()
        log_path = self._write_crash_log(type(error).__name__, frames)
        message = t(
            "crash.message",
            error=type(error).__name__,
            where=where,
            data=self.store.directory,
            log=log_path or "-",
        )
        self.bell()
        self._exit_renderables.append(Text(message, no_wrap=True, overflow="ignore"))
        self._close_messages_no_wait()

    def _write_crash_log(self, name: str, frames: list[str]) -> Path | None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        path = self.store.directory / f"krasj-{stamp}.log"
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(f"{name}\n" + "\n".join(frames) + "\n")
        except OSError:
            return None
        return path

    # --- keys -------------------------------------------------------------------------

    def get_key_display(self, binding: Binding) -> str:
        """Keys as counsellors read them: ``F1``, ``Ctrl+Y``, ``PgUp`` (footer, help, hints)."""
        names = {"pageup": "PgUp", "pagedown": "PgDn", "escape": "Esc", "enter": "Enter"}
        parts = binding.key.split(",")[0].split("+")
        return "+".join(names.get(p, p.upper() if len(p) <= 3 else p.capitalize()) for p in parts)

    def key_label_raw(self, binding_id: str) -> str | None:
        """The Textual key name in force for a binding (for comparing with key events)."""
        for binding in (*MAIN_BINDINGS, *APP_BINDINGS):
            if binding.id == binding_id:
                return self._keymap.get(binding_id, binding.key).split(",")[0]
        return None

    def key_label(self, binding_id: str) -> str:
        """The key for a binding as shown to the user, following the keymap in force."""
        key = self.key_label_raw(binding_id)
        return "" if key is None else self.get_key_display(Binding(key, ""))

    def key_labels(self) -> dict[str, str]:
        """Key labels for every main-screen binding, by id."""
        return {b.id: self.key_label(b.id) for b in MAIN_BINDINGS if b.id}

    def show_help(self) -> None:
        """Show every key in force."""
        rows = [(self.key_label(b.id), t(b.description)) for b in MAIN_BINDINGS if b.id]
        rows.append((self.key_label("palette"), t("help.palette")))
        if self.key_label_raw("suspend"):
            rows.append((self.key_label("suspend"), t("key.suspend")))
        rows.append((self.key_label("quit"), t("key.quit")))
        tip = t("help.fn_tip", config=escape_markup(str(self.config_path)))
        self.push_screen(HelpModal(rows, tip))

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
        self.main_screen().refresh_phase()
        self.update_banner()
        return method

    def main_screen(self) -> MainScreen:
        """The main screen (below any modal)."""
        return next(s for s in self.screen_stack if isinstance(s, MainScreen))

    def show_element(self, element_id: str) -> None:
        """Explain a Kolb stage or knapp (from the palette), with its ring to move through."""
        model = self.model
        ring: list[Element] = (
            list(model.stages) if any(s.id == element_id for s in model.stages)
            else list(model.knapper)
        )  # fmt: skip
        start = next(i for i, el in enumerate(ring) if el.id == element_id)
        self._explain(ring[start:] + ring[:start], None)

    def explain(self, kind: str) -> None:
        """Explain the current phase, its matched Kolb stage, or its knapper (one key each)."""
        model = self.model
        phase = model.phase(self.session.phase or self.main_screen().shown_phase())
        elements: list[Element]
        if kind == "phase":
            index = model.phases.index(phase)
            elements = list(model.phases[index:] + model.phases[:index])
            key = self.key_label_raw("explain.phase")
        elif kind == "kolb":
            matched: list[Element] = [model.stage(s) for s in phase.kolb]
            elements = matched + [s for s in model.stages if s not in matched]
            key = self.key_label_raw("explain.kolb")
        else:
            suggested = {r.knapp for r in model.knapp_prompts(phase.id)}
            elements = [k for k in model.knapper if k.id in suggested]
            elements += [k for k in model.knapper if k.id not in suggested]
            key = self.key_label_raw("explain.knapp")
        self._explain(elements, key)

    def _explain(self, elements: list[Element], cycle_key: str | None) -> None:
        self.save_everything()
        self.push_screen(
            ExplainModal(self.model, elements, self.session.channel, self.plain_words, cycle_key),
            self.copy_prompt,
        )

    def toggle_plain_words(self) -> None:
        """Switch between plain words and theory terms, and remember it in the config."""
        self.plain_words = not self.plain_words
        with suppress(OSError, ContentError):
            save_setting(self.config_path, "plain_words", self.plain_words)
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                screen.words_changed()
        self.notify(t("plain.on" if self.plain_words else "plain.off"), timeout=3)

    def use_theme(self, name: str) -> None:
        """Switch to a theme and remember it in the config."""
        self.theme = name
        with suppress(OSError, ContentError):
            save_setting(self.config_path, "theme", name)

    def show_overview(self) -> None:
        """The model as three rings, with where the conversation stands."""
        from tui.screens.overview import OverviewScreen

        self.save_everything()
        self.push_screen(OverviewScreen())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Palette commands: the model's own, themes, then Textual's (less its theme picker)."""
        yield SystemCommand(t("palette.plain"), t("palette.plain_help"), self.toggle_plain_words)
        yield SystemCommand(t("palette.overview"), t("palette.overview_help"), self.show_overview)
        for theme in self.theme_files:
            yield SystemCommand(
                t("palette.theme", name=theme.name), t("palette.theme_help"),
                partial(self.use_theme, theme.name),
            )  # fmt: skip
        for command in super().get_system_commands(screen):
            if command.callback != self.action_change_theme:
                yield command

    # --- the end of a conversation ------------------------------------------------------

    def finish_and_reflect(self, at: float | None = None) -> None:
        """Finish the session (if it is not) and open the reflection."""
        from tui.screens.reflection import ReflectionScreen

        self.save_everything()
        if not self.session.finished and self.session.started:
            self.session.finish(at=at)
        self.push_screen(ReflectionScreen())

    def review_and_save(
        self,
        log: ReflectionLog | None = None,
        session_id: str | None = None,
        done: Callable[[list[Path], str | None], None] | None = None,
    ) -> None:
        """Privacy review, then archive and export (the running session's log by default)."""
        from tui.core.log import Privacy, build_log
        from tui.core.review import apply as apply_decision
        from tui.screens.review import PrivacyReviewModal, SavedModal

        self.save_everything()
        sid = session_id or self.session_id
        if log is None:
            log = build_log(self.model, self.session, sid, self.answers, Privacy(masked=0, kept=0))
        decisions = list(self.store.load(sid).decisions)

        def decide(
            current: ReflectionLog, finding: Finding, decision: str
        ) -> tuple[ReflectionLog, Decision]:
            new_log, record, text = apply_decision(current, finding, decision)
            self.store.record_decision(sid, *record)
            if decision == "mask":
                self.store.replace_text(sid, finding.source, text)
                if sid == self.session_id:
                    self._mask_in_memory(finding.source, text)
            return new_log, record

        def reviewed(final: ReflectionLog | None) -> None:
            if final is None:
                return
            paths, error = self.save_log(sid, final)
            if done is not None:
                done(paths, error)
            else:
                self.push_screen(SavedModal(paths, error), self._after_save)

        self.push_screen(PrivacyReviewModal(log, decisions, decide, self._source_label), reviewed)

    def _source_label(self, source: str) -> str:
        kind, _, key = source.partition(":")
        if kind == "note":
            note = next((n for n in self.session.notes if str(n.id) == key), None)
            phase = self.model.phase(note.phase).name if note and note.phase else "–"
            return t("review.note", no=key, phase=phase)
        if kind == "answer":
            question = next((q.text for q in self.model.reflection if q.id == key), key)
            return t("review.answer", question=question)
        return t("review.copy", no=key)

    def _mask_in_memory(self, source: str, text: str) -> None:
        kind, _, key = source.partition(":")
        if kind == "note":
            self.session.notes[:] = [
                replace(n, text=text) if str(n.id) == key else n for n in self.session.notes
            ]
        elif kind == "answer":
            self.answers[key] = text
        else:
            index = int(key) - 1
            self.session.copies[index] = replace(self.session.copies[index], text=text)

    def save_log(self, session_id: str, log: ReflectionLog) -> tuple[list[Path], str | None]:
        """Archive the log and export it as Markdown and JSON; returns the files written."""
        from tui.core.export import ExportError, write_new
        from tui.core.log import render_json, render_markdown

        self.store.save_log(session_id, render_json(log))
        stem = f"refleksjon-{log.date}-{log.start_time.replace(':', '')}-{session_id[:6]}"
        paths: list[Path] = []
        try:
            paths.append(
                write_new(self.export_dir / f"{stem}.md", render_markdown(self.model, log).encode())
            )
            paths.append(write_new(self.export_dir / f"{stem}.json", render_json(log).encode()))
        except ExportError as exc:
            return paths, str(exc)
        return paths, None

    def _after_save(self, choice: str | None) -> None:
        from tui.screens.reflection import ReflectionScreen

        for screen in self.screen_stack:
            if isinstance(screen, ReflectionScreen):
                screen.refresh_notes()  # masked texts
        if choice == "new":
            self.new_conversation()
        elif choice == "logs":
            self.show_logs()

    def show_logs(self) -> None:
        """Open the archive of past sessions."""
        from tui.screens.logs import LogsScreen

        self.save_everything()
        self.push_screen(LogsScreen())


def _date(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp).strftime("%d.%m.%Y")
