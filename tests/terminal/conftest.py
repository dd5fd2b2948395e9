"""The terminal suites start real processes: none may outlive the suite."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.tmux import running


def left_behind(base: Path) -> list[int]:
    """Processes still running whose command line names this test run's temporary folder."""
    mine = os.getpid()
    found: list[int] = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        pid = int(cmdline.parent.name)
        try:
            args = cmdline.read_bytes().decode("utf-8", "replace")
        except OSError:
            continue
        if pid != mine and str(base) in args and "veiviser" in args and running(pid):
            found.append(pid)
    return found


@pytest.fixture(scope="session", autouse=True)
def _no_process_left_behind(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    yield
    base = tmp_path_factory.getbasetemp()
    stray = left_behind(base)
    for pid in stray:
        os.kill(pid, signal.SIGKILL)
    assert not stray, f"processes left behind by the terminal tests: {stray}"
