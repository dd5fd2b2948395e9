"""The app's part in keeping what is typed: the autosave timer, the save state the banners show,
the quit guard and the OS ending the program. Owned by :class:`tui.app.app.VeiviserApp`.

Screens hand text to the conversation themselves; this part only decides *when* it is written,
and says (through :attr:`tui.shared.Shared.saving`) whether it is on the disk.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App
from textual.timer import Timer

from tui.core.base import shutdown
from tui.core.base.strings import t
from tui.core.conversation.conversation import Conversation
from tui.shared import SaveState, Shared


class Autosave:
    """Saves what is typed when the conversation says it is due, and publishes the save state
    when a write fails (retrying every two seconds until it succeeds)."""

    def __init__(self, app: App[Any], conversation: Conversation, shared: Shared,
                 quit_key: str = "Ctrl+Q") -> None:  # fmt: skip
        self.app = app
        self.conversation = conversation
        self.shared = shared
        self.quit_key = quit_key
        self._save_timer: Timer | None = None
        self._retry_timer: Timer | None = None
        self._quit_armed: float | None = None
        self._quit_said: str | None = None
        self.rescued: Path | None = None
        """The rescue file written when Veiviser ended with text the archive could not take."""
        conversation.on_text = self._text_changed

    def _text_changed(self) -> None:
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
        self.written()
        self.schedule()

    def written(self) -> None:
        """Something was written (or failed to be): publish the save state, and retry while
        a write waits."""
        error = self.conversation.error
        if error is None:
            self._quit_said = None
        state = SaveState(error, self._quit_said if error else None)
        if state != self.shared.save_state:
            self.shared.set_save_state(state)
        if error and self._retry_timer is None:
            self._retry_timer = self.app.set_interval(2.0, self._retry)
        elif not error and self._retry_timer is not None:
            self._retry_timer.stop()
            self._retry_timer = None

    def _retry(self) -> None:
        self.conversation.retry()
        self.written()

    def save_everything(self) -> None:
        """What every screen shows now, saved (quit, a signal, a crash): the screens that hold
        typed text take it in (:attr:`Shared.flush`), then every waiting text is written."""
        self.shared.flush.publish(None)
        self.conversation.save_everything()

    def rescue(self) -> Path | None:
        """When text still waits for the disk: write it all to a rescue file of its own (another
        folder may have room). The file, or None if nothing waits or it could not be written."""
        if not self.conversation.unsaved:
            return None
        from tui.core.conversation.rescue import rescue_path, write_rescue

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
        from tui.core.conversation.rescue import rescue_path

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
        self.written()
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
