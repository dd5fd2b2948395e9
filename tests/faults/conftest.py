"""The fault suite's real full disk, and its tally: faults tried, survived, text lost.

A small tmpfs is mounted for each test (root on Linux: ``make test`` runs so on CI) and filled
to the last byte, so SQLite, the exporter and the pack writer meet the ``ENOSPC`` a full disk
really gives, not a stand-in. Each case adds to the tally, printed at the end of the run
(``make faults``) and quoted in the README.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest


@dataclass
class Tally:
    tried: list[str] = field(default_factory=list)
    survived: list[str] = field(default_factory=list)
    typed: int = 0
    lost: int = 0

    def case(self, name: str, survived: bool, typed: list[str] = (), kept: str = "") -> None:  # type: ignore[assignment]
        """One fault tried; ``typed`` texts must all be found in ``kept``."""
        self.tried.append(name)
        if survived:
            self.survived.append(name)
        self.typed += len(typed)
        self.lost += sum(1 for text in typed if text not in kept)


TALLY = Tally()


@pytest.fixture
def tally() -> Tally:
    return TALLY


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if TALLY.tried:
        terminalreporter.write_line(
            f"Fault suite: {len(TALLY.tried)} faults tried, {len(TALLY.survived)} survived, "
            f"{TALLY.lost} of {TALLY.typed} typed texts lost"
        )


class Disk:
    """A small real file system that can be filled to the last byte and freed again."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._filler = root / ".filler"

    def fill(self) -> None:
        fd = os.open(self._filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            for size in (1 << 16, 4096, 1):  # then the last partial block, to the last byte
                block = b"\0" * size
                try:
                    while os.write(fd, block):
                        pass
                except OSError:
                    pass
        finally:
            os.close(fd)

    def free(self) -> None:
        self._filler.unlink(missing_ok=True)

    def files(self) -> list[str]:
        return sorted(str(p.relative_to(self.root)) for p in self.root.rglob("*")
                      if p != self._filler and p.is_file())  # fmt: skip


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Disk]:
    if sys.platform != "linux" or os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("a real full disk needs a tmpfs: root on Linux (as on CI)")
    root = tmp_path / "disk"
    root.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", str(root)],
        capture_output=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"tmpfs refused here: {mounted.stderr!r}")
    try:
        yield Disk(root)
    finally:
        subprocess.run(["umount", "-l", str(root)], check=False)
