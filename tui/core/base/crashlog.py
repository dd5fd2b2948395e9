"""A crash log that names where the crash happened, and never any text the user typed."""

from __future__ import annotations

import os
import traceback
from datetime import datetime
from pathlib import Path

_BINARY = getattr(os, "O_BINARY", 0)
"""Windows opens files in text mode (\\n becomes \\r\\n) unless asked for binary."""


def where(error: BaseException | None) -> tuple[str, list[str]]:
    """``file:line`` of the innermost frame, and every frame, with no variables or values."""
    if error is None:
        return "?", []
    stack = traceback.extract_tb(error.__traceback__)
    frames = [f"{f.filename}:{f.lineno} in {f.name}" for f in stack]
    at = f"{Path(stack[-1].filename).name}:{stack[-1].lineno}" if stack else "?"
    return at, frames


def write_crash_log(directory: Path, name: str, frames: list[str]) -> Path | None:
    """Write ``krasj-<time>.log`` (0600, never over another); None, and no file, if it cannot be
    written whole."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path = directory / f"krasj-{stamp}.log"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, 0o600)
    except OSError:
        return None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(f"{name}\n" + "\n".join(frames) + "\n")
    except OSError:  # a full disk: no empty log left behind to puzzle anyone
        path.unlink(missing_ok=True)
        return None
    return path
