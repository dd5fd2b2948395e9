"""Closing the terminal at any moment, start-up included, ends Veiviser within 2 s (issue #11).

Textual's shutdown used to block writing to the closed terminal, so an early close hung the
process for good and it kept the data-folder lock: the next start said "already running".
``VEIVISER_EARLY_CLOSE_REPEATS`` repeats each delay (``make early-close`` runs it 50 times).
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.support.tmux import Tmux, descendants, running
from tui.core.archive.lock import ProcessLock
from tui.core.archive.store import LOCK_NAME

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(
        not Tmux.available(), reason="tmux is not installed (make test installs it)"
    ),
]

REPEATS = int(os.environ.get("VEIVISER_EARLY_CLOSE_REPEATS", "2"))
DELAYS = (0.1, 0.3, 0.6, 1.0)


def _alive(pid: int) -> bool:
    if not running(pid):
        return False
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text(encoding="utf-8").split()[2] != "Z"


def _using(data: Path) -> set[int]:
    """Processes whose command line names ``data``."""
    found: set[int] = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if str(data).encode() in command:
                found.add(int(entry.name))
    return found


@pytest.mark.parametrize("delay", DELAYS)
def test_closing_the_terminal_early_ends_the_app_and_frees_the_folder(
    installed_bin: Path, tmp_path: Path, delay: float
) -> None:
    for attempt in range(REPEATS):
        data = tmp_path / f"data-{attempt}"
        term = Tmux([str(installed_bin / "veiviser"), "--channel", "chat", "--data-dir", str(data)],
                    env={"TERM": "xterm-256color"})  # fmt: skip
        time.sleep(delay)
        tree = descendants(term.pane_pid) | {term.pane_pid}
        subprocess.run(["tmux", "-L", term.socket, "kill-server"], capture_output=True)
        closed = time.monotonic()

        def running_here(tree: set[int] = tree, data: Path = data) -> set[int]:
            # The tree as it was at the close, and any process on this data folder: the shell
            # may not have started Veiviser yet when the tree was read.
            return {p for p in tree | _using(data) if _alive(p)}

        while time.monotonic() - closed < 2.0 and running_here():
            time.sleep(0.05)
        left = sorted(running_here())
        for pid in left:  # never leave a process behind, whatever the outcome
            os.kill(pid, signal.SIGKILL)
        assert not left, (
            f"still running {delay} s after start + 2 s after the close (try {attempt})"
        )
        if data.exists():  # the next start must not be refused: the lock is free
            lock = ProcessLock(data / LOCK_NAME)
            lock.acquire()
            lock.release()
