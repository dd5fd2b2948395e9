"""Save before the operating system ends the process, on every OS.

What can end Veiviser from outside, and what this module turns into one call of ``on_shutdown``
in the event loop's thread:

- POSIX: SIGTERM (kill, logout, shutdown) and SIGHUP (the terminal window was closed).
- Windows: Ctrl+Break (``SIGBREAK``), and the console's close, logoff and shutdown events (the
  Windows Terminal tab or window closed, the user logging off). Windows runs the console handler
  in a thread of its own and ends the process when the handler returns (or after about five
  seconds), so the handler waits until ``on_shutdown`` has run in the loop.

Where no event arrives at all (power loss, Task Manager's "End task", kill -9), the autosave
promise holds instead: drafts are written after 0.4 s of quiet and at least once a second.

Textual-free, so the CLI and the tests can use it; the app passes its save-and-exit.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
from collections.abc import Callable
from contextlib import suppress
from functools import partial

WAIT_ON_CLOSE = 4.0
"""Seconds a Windows console-close handler waits for the save (Windows allows about five)."""

CTRL_CLOSE_EVENT = 2
CTRL_LOGOFF_EVENT = 5
CTRL_SHUTDOWN_EVENT = 6
CONSOLE_END_EVENTS = frozenset({CTRL_CLOSE_EVENT, CTRL_LOGOFF_EVENT, CTRL_SHUTDOWN_EVENT})


class ConsoleHandler:
    """The body of a Windows console control handler, testable on any OS.

    Called with the control event in a thread Windows creates. For the events that end the
    process it schedules ``on_shutdown`` in the loop and waits for it (at most ``wait`` seconds);
    it returns True for those ("handled") and False for the rest (Ctrl+C, Ctrl+Break), which
    Python's own handler turns into signals.
    """

    def __init__(
        self,
        loop: asyncio.AbstractEventLoop,
        on_shutdown: Callable[[], None],
        wait: float = WAIT_ON_CLOSE,
    ) -> None:
        self.loop = loop
        self.on_shutdown = on_shutdown
        self.wait = wait

    def __call__(self, event: int) -> bool:
        if event not in CONSOLE_END_EVENTS:
            return False
        done = threading.Event()

        def run() -> None:
            try:
                self.on_shutdown()
            finally:
                done.set()

        try:
            self.loop.call_soon_threadsafe(run)
        except RuntimeError:  # the loop has closed: everything was saved on the way out
            return True
        done.wait(self.wait)
        return True


HARD_EXIT_AFTER = 1.0
"""Seconds a shutdown may take once everything is saved, before the process ends itself. The
promise is an end within 2 s of the terminal closing: the signal, the save and this together
(at 2.0 s a blocked shutdown ended just after the promise, once in 200 closes)."""


def terminal_gone(fd: int) -> bool:
    """True once the terminal on ``fd`` has hung up (its window closed): a tty no more."""
    try:
        return not os.isatty(fd)
    except (OSError, ValueError):
        return True


def exit_soon(seconds: float = HARD_EXIT_AFTER, code: int = 0) -> threading.Timer:
    """End the process in ``seconds`` unless it has ended by then: after a hang-up the UI's own
    shutdown may block on a terminal that is gone. Call only after everything is saved; the OS
    releases the data-folder lock with the process."""
    timer = threading.Timer(seconds, os._exit, args=(code,))
    timer.daemon = True
    timer.start()
    return timer


def install(loop: asyncio.AbstractEventLoop, on_shutdown: Callable[[], None]) -> Callable[[], None]:
    """Arrange for ``on_shutdown`` to run in ``loop`` when the OS asks the process to end.

    Returns a function that removes what was installed. Must be called in the main thread.
    """
    if sys.platform == "win32":
        return _install_windows(loop, on_shutdown)
    else:
        return _install_posix(loop, on_shutdown)


def _install_posix(
    loop: asyncio.AbstractEventLoop, on_shutdown: Callable[[], None]
) -> Callable[[], None]:
    installed: list[int] = []
    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is None:  # pragma: no cover - every POSIX system has both
            continue
        # Not a stub: add_signal_handler raises these on loops or threads that cannot take
        # signal handlers (the watchdog and exit_soon still cover a closed terminal there).
        with suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(sig, on_shutdown)
            installed.append(sig)

    def uninstall() -> None:
        for sig in installed:
            with suppress(RuntimeError, ValueError):
                loop.remove_signal_handler(sig)

    return uninstall


keep_alive: list[object] = []
"""ctypes callbacks registered with Windows; they must outlive their registration."""

if sys.platform == "win32":  # pragma: no cover - run by the Windows suite under Wine

    def _install_windows(
        loop: asyncio.AbstractEventLoop, on_shutdown: Callable[[], None]
    ) -> Callable[[], None]:
        undo: list[Callable[[], object]] = []

        def on_signal(_signum: int, _frame: object) -> None:
            loop.call_soon_threadsafe(on_shutdown)

        for name in ("SIGBREAK", "SIGTERM"):
            sig = getattr(signal, name, None)
            if sig is None:
                continue
            with suppress(ValueError, OSError):
                undo.append(partial(signal.signal, sig, signal.signal(sig, on_signal)))

        undo.extend(_console_handler(ConsoleHandler(loop, on_shutdown)))

        def uninstall() -> None:
            for step in reversed(undo):
                with suppress(Exception):
                    step()

        return uninstall

    def _console_handler(handler: ConsoleHandler) -> list[Callable[[], None]]:
        """Register ``handler`` with ``SetConsoleCtrlHandler``; return how to remove it."""
        import ctypes
        from ctypes import wintypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        routine_type = ctypes.WINFUNCTYPE(wintypes.BOOL, wintypes.DWORD)
        routine = routine_type(lambda event: 1 if handler(int(event)) else 0)
        set_handler = kernel32.SetConsoleCtrlHandler
        set_handler.argtypes = (routine_type, wintypes.BOOL)
        set_handler.restype = wintypes.BOOL
        if not set_handler(routine, True):
            return []
        keep_alive.append(routine)  # ctypes must keep the callback alive while it is registered

        def remove() -> None:
            set_handler(routine, False)
            with suppress(ValueError):
                keep_alive.remove(routine)

        return [remove]
