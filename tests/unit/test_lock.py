"""One Veiviser per data folder, on every OS: the lock, its owner's PID, and release on death."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support import ROOT
from tui.core.archive.lock import AlreadyLocked, ProcessLock

HOLDER = (
    "import sys, time\n"
    "from tui.core.archive.lock import ProcessLock\n"
    "ProcessLock(sys.argv[1]).acquire()\n"
    "print('held', flush=True)\n"
    "time.sleep(120)\n"
)


def test_a_second_lock_is_refused_with_the_owners_pid(tmp_path: Path) -> None:
    first = ProcessLock(tmp_path / "veiviser.lock")
    first.acquire()
    try:
        with pytest.raises(AlreadyLocked) as refused:
            ProcessLock(tmp_path / "veiviser.lock").acquire()
        assert refused.value.owner == str(os.getpid())
    finally:
        first.release()
    again = ProcessLock(tmp_path / "veiviser.lock")
    again.acquire()  # free once released
    assert again.held
    again.release()
    assert not again.held


def test_a_stale_lock_file_never_blocks(tmp_path: Path) -> None:
    # What a killed Veiviser leaves behind: the file, with a PID that no longer runs.
    (tmp_path / "veiviser.lock").write_bytes(b"999999          ")
    lock = ProcessLock(tmp_path / "veiviser.lock")
    lock.acquire()
    assert (tmp_path / "veiviser.lock").read_bytes().split()[0] == str(os.getpid()).encode()
    lock.release()


def test_the_os_releases_the_lock_when_the_owner_is_killed(tmp_path: Path) -> None:
    path = tmp_path / "veiviser.lock"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdout=subprocess.PIPE, stdin=subprocess.PIPE, cwd=ROOT, encoding="utf-8",
    )  # fmt: skip
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(AlreadyLocked) as refused:
            ProcessLock(path).acquire()
        assert refused.value.owner == str(holder.pid)
        holder.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: no clean-up runs
        holder.wait(timeout=30)
        deadline = time.monotonic() + 10
        while True:
            try:
                ProcessLock(path).acquire()
                break
            except AlreadyLocked:
                assert time.monotonic() < deadline, "the lock outlived its owner"
                time.sleep(0.1)
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait(timeout=30)
