"""A compiled cache of checked files, so a start reads no YAML and builds no validator.

:func:`remember` returns what ``build`` made from some files the last time those exact bytes
were checked by this exact code; otherwise it calls ``build`` (which reads, validates and may
raise with ``file:line`` errors; nothing is cached then) and keeps the result. The key is a
SHA-256 of the files' names and bytes, the code's files (name, size, time) and ``extra``, so
editing content, an overlay, the config or Veiviser itself means the next start checks again.

The cache holds content, themes and settings, never a conversation. It is MessagePack data
(msgspec) decoded into the one type the caller names: data cannot run code, and an entry of the
wrong shape or type is a miss, checked again from the files. The folder is the owner's alone
(0700 whatever the umask). A cache that cannot be read or written is ignored: the app then
checks the files as before.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar, cast

from tui.core.base.paths import cache_dir

T = TypeVar("T")
_CODE = Path(__file__).resolve().parents[2]  # tui/
FORMAT = 2
"""2 is MessagePack; format 1 entries (another suffix) are dropped, never read."""
SUFFIX = ".msgpack"
MAX_KEYED = 1_000_000
"""Largest file read for a key (the YAML reader's own limit: a larger file is refused anyway)."""
MAX_ENTRY = 8_000_000
"""Largest cache entry read (the built-in content is about 60 kB)."""


@cache
def code_fingerprint() -> bytes:
    """Names, sizes and times of Veiviser's own Python files: a change of code is a miss."""
    digest = hashlib.sha256(f"format {FORMAT}".encode())
    for path in sorted(_CODE.rglob("*.py")):
        stat = path.stat()
        digest.update(f"{path.relative_to(_CODE)}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.digest()


def key_of(name: str, files: Iterable[Path], extra: str = "") -> str:
    """The cache key for ``files`` (a missing file counts, as missing) under this code."""
    from tui.core.base.files import read_regular

    digest = hashlib.sha256(code_fingerprint())
    digest.update(f"{name}\0{extra}\0".encode())
    for path in files:
        digest.update(f"{path}\0".encode())
        try:  # a FIFO or a device is never waited on: the loader then says what it is
            digest.update(read_regular(path, MAX_KEYED))
        except OSError:
            digest.update(b"\0missing\0")
    return digest.hexdigest()[:40]


def remember(
    name: str, files: Iterable[Path], build: Callable[[], T], kind: Any, extra: str = ""
) -> T:
    """What ``build`` returns for these files, from the cache when they are unchanged.

    ``kind`` is the type ``build`` returns (e.g. ``Content``, ``list[ThemeFile]``): the entry is
    decoded into it and into nothing else.
    """
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{key_of(name, files, extra)}{SUFFIX}"
    cached = _load(path, kind)
    if cached is not None:
        return cast(T, cached)  # decoded as ``kind``, which is T
    value = build()
    _store(folder, name, path, value)
    return value


def _load(path: Path, kind: Any) -> object | None:
    """The entry at ``path`` as a ``kind``, or None (missing, damaged, foreign, wrong type)."""
    import msgspec

    from tui.core.base.files import read_regular

    try:
        data = read_regular(path, MAX_ENTRY)
        return msgspec.msgpack.decode(data, type=kind)  # type: ignore[no-any-return]
    except (OSError, msgspec.DecodeError, msgspec.ValidationError):
        return None
    except Exception:  # a decoder bug or a type it cannot build: a miss, never a crash
        return None


def private_folder(folder: Path) -> None:
    """Make ``folder`` (and its missing parents) and leave it 0700, whatever the umask."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name != "nt":
        folder.chmod(0o700)


def _store(folder: Path, name: str, path: Path, value: object) -> None:
    """Write atomically and drop this name's older entries; on any error keep nothing."""
    import msgspec

    try:
        data = msgspec.msgpack.encode(value)
        private_folder(folder)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}-", dir=folder)  # 0600
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        for old in folder.glob(f"{name}-*"):  # this name's older entries, of either format
            if old != path and not old.name.startswith("."):
                old.unlink(missing_ok=True)
    except (OSError, TypeError, msgspec.EncodeError):
        pass
