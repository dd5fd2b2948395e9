"""The installed app running in tmux, and what it has saved."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import time
from pathlib import Path

from tests.support.tmux import Tmux


class Running:
    """The installed veiviser inside ``sh -c`` in tmux, so the shell reports how it ended."""

    def __init__(self, installed_bin: Path, data: Path) -> None:
        self.data = data
        command = (
            f"{installed_bin / 'veiviser'} --channel chat --data-dir {data}; "
            "echo VEIVISER-EXIT=$?; sleep 600"
        )
        self.term = Tmux(["sh", "-c", command], env={"TERM": "xterm-256color",
                                                     "TEXTUAL_ANIMATIONS": "none"})  # fmt: skip

    def pid(self) -> int:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            found = subprocess.run(
                ["pgrep", "-f", "--", f"--data-dir {self.data}"],
                capture_output=True,
                encoding="utf-8",
            ).stdout.split()
            pids = [int(p) for p in found if int(p) != os.getpid()]
            # The python process, not the sh wrapper.
            pythons = [p for p in pids if b"python" in Path(f"/proc/{p}/cmdline").read_bytes()]
            if pythons:
                return pythons[0]
            time.sleep(0.1)
        raise AssertionError("veiviser did not start")

    def gone(self, pid: int, timeout: float = 5.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return True
            stat = Path(f"/proc/{pid}/stat")
            if stat.exists() and stat.read_text(encoding="utf-8").split()[2] == "Z":
                return True
            time.sleep(0.05)
        return False


def draft(data: Path) -> str | None:
    conn = sqlite3.connect(data / "veiviser.sqlite3")
    try:
        row = conn.execute("SELECT text FROM drafts WHERE field = 'note'").fetchone()
    finally:
        conn.close()
    return None if row is None else str(row[0])


def notes(data: Path) -> list[str]:
    conn = sqlite3.connect(data / "veiviser.sqlite3")
    try:
        return [r[0] for r in conn.execute("SELECT text FROM notes ORDER BY no")]
    finally:
        conn.close()
