"""Bars drawn to scale: the arithmetic of a horizontal bar chart, without any drawing.

Every bar starts at 0 on one axis shared by the chart, and its length in cells is its value
times (width ÷ top), drawn in eighths of a cell: a bar is never more than 1/8 cell from its
true length, so 1 is a tenth of 10 and 35 % is shorter than 40 %.
"""

from __future__ import annotations

import math

EIGHTHS = " ▏▎▍▌▋▊▉"
"""A cell's left part, in eighths (index 0 is empty); a full cell is █."""
FULL = "█"


def nice_top(largest: float, limit: float | None = None) -> float:
    """The axis's end: ``limit`` if given, else the next 1, 2, 2.5 or 5 × 10ⁿ at or above
    ``largest`` (1 when everything is 0)."""
    if limit is not None:
        return limit
    if largest <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(largest))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= largest - 1e-9:
            return float(step * power)
    return 10.0 * power  # pragma: no cover - the loop always returns


def bar(value: float, top: float, width: int) -> str:
    """``value`` as a bar of at most ``width`` cells on an axis from 0 to ``top``."""
    eighths = round(max(0.0, min(value, top)) / top * width * 8) if top > 0 else 0
    full, part = divmod(eighths, 8)
    return FULL * full + (EIGHTHS[part] if part else "")


def length(drawn: str) -> float:
    """A bar's length in cells, read back from its glyphs (the inverse of :func:`bar`)."""
    return sum(1.0 if ch == FULL else EIGHTHS.index(ch) / 8 for ch in drawn if ch in EIGHTHS[1:]
               or ch == FULL)  # fmt: skip
