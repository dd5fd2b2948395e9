"""Saving before the OS ends the process: POSIX signals, Windows console events."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
import time

import pytest

from tui.core.base import shutdown
from tui.core.base.shutdown import (
    CTRL_CLOSE_EVENT,
    CTRL_LOGOFF_EVENT,
    CTRL_SHUTDOWN_EVENT,
    ConsoleHandler,
)


async def test_console_close_waits_until_saved_in_the_loop() -> None:
    loop = asyncio.get_running_loop()
    ran_in: list[int] = []
    handler = ConsoleHandler(loop, lambda: ran_in.append(threading.get_ident()))
    results: list[bool] = []
    for event in (CTRL_CLOSE_EVENT, CTRL_LOGOFF_EVENT, CTRL_SHUTDOWN_EVENT):
        thread = threading.Thread(target=lambda e=event: results.append(handler(e)))
        thread.start()  # Windows calls the handler in a thread of its own
        while thread.is_alive():
            await asyncio.sleep(0.01)  # the loop runs on_shutdown while the handler waits
        thread.join()
    assert results == [True, True, True]
    assert ran_in == [threading.get_ident()] * 3  # in the loop's thread, not Windows'


def test_ctrl_c_and_ctrl_break_are_left_to_python() -> None:
    loop = asyncio.new_event_loop()
    try:
        called: list[int] = []
        handler = ConsoleHandler(loop, lambda: called.append(1))
        assert handler(0) is False and handler(1) is False  # Python raises its own signals
        assert called == []
    finally:
        loop.close()


def test_a_busy_loop_cannot_hold_the_close_forever() -> None:
    loop = asyncio.new_event_loop()  # never run: on_shutdown can never happen
    try:
        handler = ConsoleHandler(loop, lambda: None, wait=0.2)
        started = time.monotonic()
        assert handler(CTRL_CLOSE_EVENT) is True
        assert 0.15 < time.monotonic() - started < 5
    finally:
        loop.close()


def test_a_closed_loop_returns_at_once() -> None:
    loop = asyncio.new_event_loop()
    loop.close()
    handler = ConsoleHandler(loop, lambda: None, wait=30)
    started = time.monotonic()
    assert handler(CTRL_CLOSE_EVENT) is True
    assert time.monotonic() - started < 1


async def test_the_os_signal_for_ending_runs_on_shutdown_once_installed() -> None:
    loop = asyncio.get_running_loop()
    called = asyncio.Event()
    uninstall = shutdown.install(loop, called.set)
    try:
        if sys.platform == "win32":
            signal.raise_signal(signal.SIGBREAK)  # Ctrl+Break
        else:
            os.kill(os.getpid(), signal.SIGHUP)  # the terminal window was closed
        await asyncio.wait_for(called.wait(), timeout=5)
    finally:
        uninstall()


@pytest.mark.skipif(sys.platform != "win32", reason="the console handler exists on Windows only")
async def test_windows_registers_a_real_console_handler() -> None:  # pragma: no cover
    loop = asyncio.get_running_loop()
    saved: list[str] = []
    uninstall = shutdown.install(loop, lambda: saved.append("saved"))
    try:
        assert shutdown.keep_alive, "SetConsoleCtrlHandler refused the handler"
        routine = shutdown.keep_alive[-1]
        answer: list[int] = []
        # Call the registered ctypes routine as Windows would: from a thread of its own.
        thread = threading.Thread(target=lambda: answer.append(routine(CTRL_CLOSE_EVENT)))  # type: ignore[operator]
        thread.start()
        while thread.is_alive():
            await asyncio.sleep(0.01)
        assert answer == [1] and saved == ["saved"]
    finally:
        uninstall()
    assert not shutdown.keep_alive
