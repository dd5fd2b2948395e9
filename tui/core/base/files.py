"""Reading a file that someone else may have put there: only a regular file, and only so much.

A FIFO named ``config.yaml`` would make a plain ``open()`` wait for a writer for ever, and a
link to ``/dev/zero`` would be read until memory runs out. Here the file is opened without
waiting, looked at through its own handle (no swap between a check and the read), and read up
to a limit.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from tui.core.base.strings import t

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


class NotRegular(OSError):
    """The name leads to something other than a regular file (a FIFO, a device, a socket)."""


class TooLarge(OSError):
    """The file is larger than the limit; ``size`` says how large."""

    def __init__(self, size: int) -> None:
        super().__init__(errno.EFBIG, "too large")
        self.size = size


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes.

    Raises:
        NotRegular: It is a FIFO, a device or a socket (never waited on, never read).
        TooLarge: It is larger than ``limit``.
        OSError: It cannot be opened or read (missing, no permission, a folder).
    """
    fd = os.open(path, _FLAGS)
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
        if not stat.S_ISREG(st.st_mode):
            raise NotRegular(errno.EINVAL, "not a regular file", str(path))
        if st.st_size > limit:
            raise TooLarge(st.st_size)
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:  # it grew while being read
        raise TooLarge(len(data))
    return data


def reason(exc: OSError) -> str:
    """Why a file could not be written or read, in the app's language: a full disk, a
    read-only disk, no permission, or the system's own words."""
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return t("msg.file.full")
    if exc.errno == errno.EROFS:
        return t("msg.file.read_only")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return t("msg.file.permission")
    return exc.strerror or str(exc)
