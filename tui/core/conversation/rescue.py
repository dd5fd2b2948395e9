"""The last way out for typed text when the archive cannot be written (a full disk): a file of
its own, for the owner only, in another folder that may still have room."""

from __future__ import annotations

import os
import tempfile
from datetime import datetime
from pathlib import Path

_BINARY = getattr(os, "O_BINARY", 0)


def rescue_path(folder: Path | None = None) -> Path:
    """Where :func:`write_rescue` writes: ``veiviser-ulagret-<time>.txt`` in the temp folder."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return (folder or Path(tempfile.gettempdir())) / f"veiviser-ulagret-{stamp}.txt"


def write_rescue(text: str, path: Path) -> bool:
    """Write ``text`` to ``path`` (0600, never over another file, flushed to the disk). False,
    and no file left behind, when it cannot be written whole."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, 0o600)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
    except OSError:
        path.unlink(missing_ok=True)
        return False
    return True
