"""Writing exports atomically, never over an existing file.

temp file in the same folder (0600) → write → fsync → hard link to the final name (fails if the
name is taken, so nothing is overwritten) → remove the temp name → fsync the folder. A SIGKILL
at any point leaves either no file or the complete one, plus at most a temp file that the store
sweeps at the next start.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from tui.core.archive.store import TEMP_PREFIX
from tui.core.base.files import reason
from tui.core.base.strings import t


class ExportError(Exception):
    """An export could not be written; the message names the path and what to do."""


def _fsync_dir(directory: Path) -> None:
    if os.name == "nt":  # Windows cannot open a folder as a file; NTFS journals the new name
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_temp(directory: Path, data: bytes) -> str:
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=directory)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        os.unlink(tmp)
        raise
    os.close(fd)
    return tmp


def write_new(path: Path, data: bytes, numbered: bool = True) -> Path:
    """Write ``data`` to ``path`` atomically. If the name is taken: with ``numbered`` use
    ``name-2.ext``, ``name-3.ext``…; without, refuse. Returns the path written."""
    directory = path.parent
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = _write_temp(directory, data)
    except OSError as exc:
        raise ExportError(
            t("msg.export.could_not_write", directory=directory, strerror=reason(exc))
        ) from None
    try:
        n = 1
        while True:
            target = path if n == 1 else path.with_name(f"{path.stem}-{n}{path.suffix}")
            try:
                os.link(tmp, target)
                break
            except FileExistsError:
                if not numbered:
                    raise ExportError(
                        t("msg.export.already_exists_choose_another", path=path)
                    ) from None
                n += 1
            except OSError as exc:
                if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EINVAL):
                    raise
                # No hard links here (some network or FAT file systems): create exclusively.
                if target.exists():
                    if not numbered:
                        raise ExportError(t("msg.export.already_exists", path=path)) from None
                    n += 1
                    continue
                os.replace(tmp, target)
                break
        if os.path.exists(tmp):
            os.unlink(tmp)
        _fsync_dir(directory)
    except ExportError:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    except OSError as exc:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise ExportError(
            t("msg.export.could_not_write_2", path=path, strerror=reason(exc))
        ) from None
    return target


def write_pair(path: Path, parts: dict[str, bytes], numbered: bool = True) -> list[Path]:
    """Write files that belong together (``name.html`` and ``name.md``) under one free name, each
    atomically: with ``numbered``, ``name-2.*`` … when any of them is taken; without, refuse.
    If one cannot be written, none is left behind. Returns the paths, in the order given."""
    n = 1
    while True:
        stem = path.stem if n == 1 else f"{path.stem}-{n}"
        written: list[Path] = []
        try:
            for suffix, data in parts.items():
                written.append(write_new(path.with_name(stem + suffix), data, numbered=False))
            return written
        except ExportError:
            for done in written:
                done.unlink(missing_ok=True)
            taken = any(path.with_name(stem + s).exists() for s in parts)
            if not (numbered and taken):
                raise
            n += 1
