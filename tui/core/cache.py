"""A compiled cache of checked files, so a start reads no YAML and builds no validator.

:func:`remember` returns what ``build`` made from some files the last time those exact bytes
were checked by this exact code; otherwise it calls ``build`` (which reads, validates and may
raise with ``file:line`` errors; nothing is cached then) and keeps the result. The key is a
SHA-256 of the files' names and bytes, the code's files (name, size, time) and ``extra``, so
editing content, an overlay, the config or Veiviser itself means the next start checks again.

The cache holds content, themes and settings, never a conversation. It is a pickle read
with an unpickler that builds only Veiviser's own core types and Python's plain data. A cache
that cannot be read or written is ignored: the app then checks the files as before.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import TypeVar

from tui.core.paths import cache_dir

T = TypeVar("T")
_CODE = Path(__file__).resolve().parent.parent
FORMAT = 1


class _CoreOnly(pickle.Unpickler):
    """Refuses every class that is not one of Veiviser's core types."""

    def find_class(self, module: str, name: str) -> object:
        if module.startswith("tui.core.") and not name.startswith("_"):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"not a Veiviser type: {module}.{name}")


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
    digest = hashlib.sha256(code_fingerprint())
    digest.update(f"{name}\0{extra}\0".encode())
    for path in files:
        digest.update(f"{path}\0".encode())
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"\0missing\0")
    return digest.hexdigest()[:40]


def remember(name: str, files: Iterable[Path], build: Callable[[], T], extra: str = "") -> T:
    """What ``build`` returns for these files, from the cache when they are unchanged."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{key_of(name, files, extra)}.pickle"
    try:
        data = path.read_bytes()
    except OSError:
        pass
    else:
        try:
            value: T = _CoreOnly(io.BytesIO(data)).load()
            return value
        except Exception:
            pass
    value = build()
    _store(folder, name, path, value)
    return value


def _store(folder: Path, name: str, path: Path, value: object) -> None:
    """Write atomically and drop this name's older entries; on any error keep nothing."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}-", dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        for old in folder.glob(f"{name}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError):
        pass
