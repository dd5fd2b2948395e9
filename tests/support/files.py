"""Editing files in a test's copy of the content."""

from __future__ import annotations

from pathlib import Path


def edit(path: Path, old: str, new: str, occurrence: int = 1) -> int:
    """Replace the ``occurrence``-th line containing ``old``; return its 1-based line number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    seen = 0
    for i, line in enumerate(lines):
        if old in line:
            seen += 1
            if seen == occurrence:
                lines[i] = line.replace(old, new)
                path.write_text("\n".join(lines), encoding="utf-8")
                return i + 1
    raise AssertionError(f"{old!r} not found in {path}")
