"""One running Veiviser per data folder, on Linux, macOS and Windows.

The lock is an operating-system lock on a file in the data folder, so the OS releases it when the
process dies, however it dies (kill -9, a closed terminal, a crash): a stale lock file never
blocks a start. The file also holds the owner's PID, for the "already running" message.

- POSIX: ``fcntl.flock`` on the whole file.
- Windows: ``msvcrt.locking`` on one byte far past the PID. Windows locks are mandatory, so a
  lock on the bytes that hold the PID would stop the second instance from reading them.

Why not a library: ``filelock`` truncates the file it locks and ``portalocker`` locks from the
start of the file, so neither lets the refused instance read the owner's PID. The platform code
is the two calls below; the tests run it on both (Windows under Wine).
"""

from __future__ import annotations

import os
import sys

_BINARY = getattr(os, "O_BINARY", 0)
_WINDOWS_LOCK_OFFSET = 1 << 20
"""Where the Windows lock byte lies: past the PID, so the PID stays readable."""


class AlreadyLocked(Exception):
    """Another process holds the lock; ``owner`` is its PID as it wrote it ("?" if unknown)."""

    def __init__(self, owner: str) -> None:
        super().__init__(owner)
        self.owner = owner


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import errno
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                return False
            raise
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def _read_owner(fd: int) -> str:
    os.lseek(fd, 0, os.SEEK_SET)
    try:
        raw = os.read(fd, 32)
    except OSError:
        return "?"
    return raw.decode("ascii", "replace").strip("\0 \r\n") or "?"


class ProcessLock:
    """An exclusive, non-blocking lock on ``path`` held until :meth:`release` or exit."""

    def __init__(self, path: os.PathLike[str] | str) -> None:
        self.path = os.fspath(path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock or raise :class:`AlreadyLocked` at once (never waits)."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | _BINARY, 0o600)
        try:
            locked = _try_lock(fd)
        except BaseException:
            os.close(fd)
            raise
        if not locked:
            owner = _read_owner(fd)
            os.close(fd)
            raise AlreadyLocked(owner)
        pid = str(os.getpid()).encode()
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, pid.ljust(16))  # fixed width: no truncate, which Windows refuses on a lock
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock(fd)
        finally:
            os.close(fd)
