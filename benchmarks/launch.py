"""Start a whole program in a pseudo-terminal and time its first frame, as a person would see it.

The clock starts just before ``fork`` and stops when the terminal has received every text that
marks the finished first frame: for Veiviser a word from the footer and words from the guide and
the notes pane, so a frame drawn before the screen is filled does not count. The
program is then asked to quit; shutdown is not in the time. Peak memory comes from
``wait4``'s rusage of that one child, so nothing is inherited from the bench process.

POSIX only (pty, fork); ``make bench`` runs on Linux and macOS.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import struct
import termios
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Launch:
    first_frame: float  # seconds from fork to the marker on the terminal
    peak_rss_mb: float  # the child's own ru_maxrss
    output: bytes


def first_frame(
    argv: list[str],
    marker: bytes | tuple[bytes, ...],
    env: dict[str, str] | None = None,
    size: tuple[int, int] = (120, 40),
    timeout: float = 20.0,
    cwd: str | None = None,
) -> Launch:
    """Run ``argv`` in a fresh pty of ``size`` (columns, rows); time until ``marker`` (every
    one of them, when several) has appeared."""
    markers = (marker,) if isinstance(marker, bytes) else marker
    columns, rows = size
    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: become the program
        try:
            if cwd:
                os.chdir(cwd)
            os.execvpe(argv[0], argv, {**os.environ, **(env or {}), "TERM": "xterm-256color"})
        finally:
            os._exit(127)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    seen = bytearray()
    found: float | None = None
    deadline = t0 + timeout
    try:
        while found is None and time.perf_counter() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
            if all(m in seen for m in markers):
                found = time.perf_counter() - t0
    finally:
        rss = _stop(pid, fd)
    if found is None:
        tail = bytes(seen[-400:]).decode("utf-8", "replace")
        raise RuntimeError(f"{argv!r}: no {marker!r} within {timeout} s; last output: {tail!r}")
    return Launch(found, rss, bytes(seen))


def _stop(pid: int, fd: int) -> float:
    """Quit the child (SIGTERM, the same for both apps), drain its output, reap it: peak MB."""
    os.kill(pid, signal.SIGTERM)
    deadline = time.perf_counter() + 10
    while True:
        done, _status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        if time.perf_counter() > deadline:
            os.kill(pid, signal.SIGKILL)
            _, _status, usage = os.wait4(pid, 0)
            break
        ready, _, _ = select.select([fd], [], [], 0.02)
        if ready:
            with contextlib.suppress(OSError):
                os.read(fd, 65536)
    os.close(fd)
    # ru_maxrss is in KiB on Linux, bytes on macOS.
    return usage.ru_maxrss / (1024 * 1024 if os.uname().sysname == "Darwin" else 1024)
