"""Start a whole program inside a real terminal emulator (tmux) and time until its first
complete screen is *visible there*, as a person at the terminal would see it.

The clock starts just before tmux is told to run the command in a pane of ``size`` and stops
when ``tmux capture-pane`` shows every marker text (polled every few milliseconds; tmux itself
answers the program's terminal queries, parses its output and keeps the screen, so what is
timed is what tmux would show). The program is then killed; shutdown is not in the time.

Used by ``make bench`` beside the pseudo-terminal row (:mod:`launch`), which times the bytes
arriving rather than the screen a terminal has made of them.
"""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

POLL = 0.004
"""Between two looks at the screen. Each look runs ``tmux capture-pane`` (a process): looking
without a pause took a whole core from the program being timed (this machine may have two)."""


class Tmux:
    """One private tmux server with one window of ``size``, for a series of starts."""

    def __init__(self, size: tuple[int, int] = (120, 30)) -> None:
        self.socket = f"vbench-{uuid.uuid4().hex[:8]}"
        self.size = size

    def tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True,
                              text=True, check=False).stdout  # fmt: skip

    def start(self) -> None:
        columns, rows = self.size
        self.tmux("-f", "/dev/null", "new-session", "-d", "-s", "b", "-x", str(columns),
                  "-y", str(rows), "sleep 86400")  # fmt: skip
        self.tmux("set-option", "-g", "remain-on-exit", "on")
        self.tmux("set-option", "-g", "escape-time", "0")

    def stop(self) -> None:
        self.tmux("kill-server")

    def first_screen(self, argv: list[str], markers: tuple[str, ...], env: dict[str, str],
                     timeout: float = 20.0) -> float:  # fmt: skip
        """Seconds from telling tmux to run ``argv`` until the pane shows every marker."""
        command = " ".join(
            [*(f"{k}={shlex.quote(v)}" for k, v in env.items()), *map(shlex.quote, argv)]
        )
        t0 = time.perf_counter()
        self.tmux("respawn-pane", "-k", "-t", "b:0.0", f"exec env {command}")
        pid = int(self.tmux("display-message", "-p", "-t", "b:0.0", "#{pane_pid}").strip())
        deadline = t0 + timeout
        elapsed: float | None = None
        screen = ""
        while elapsed is None and time.perf_counter() < deadline:
            screen = self.tmux("capture-pane", "-p", "-t", "b:0.0")
            if all(marker in screen for marker in markers):
                elapsed = time.perf_counter() - t0
            else:
                time.sleep(POLL)
        self.tmux("respawn-pane", "-k", "-t", "b:0.0", "sleep 86400")
        gone(pid)  # the next start must not find this one still holding its data folder
        if elapsed is None:
            raise TimeoutError(f"{argv[0]}: no {markers} within {timeout} s:\n{screen}")
        return elapsed


def gone(pid: int, timeout: float = 10.0) -> None:
    """Wait until process ``pid`` has ended (a killed Veiviser still saves and unlocks)."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.005)
    os.kill(pid, signal.SIGKILL)


@contextmanager
def tmux(size: tuple[int, int] = (120, 30)) -> Iterator[Tmux]:
    server = Tmux(size)
    server.start()
    try:
        yield server
    finally:
        server.stop()
