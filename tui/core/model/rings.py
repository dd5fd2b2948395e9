"""The model as three concentric rings, laid out on a grid of terminal cells.

4K is the outer ring (four sectors, clockwise from the top: Kontakt, Kontrakt, Kommunikasjon,
Konklusjon, as the circular model goes round), Kolb the middle ring, the karriereknapper the inner
disc. Terminal cells are about twice as tall as wide, so the rings are ellipses in cell units.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

OUTER = (0.67, 1.0)
MIDDLE = (0.36, 0.63)
INNER = (0.0, 0.32)
"""Radii (as fractions of the half-size) of the three rings; the gaps separate them."""


@dataclass(frozen=True)
class Cell:
    """What one cell shows: which ring (0 outer, 1 middle, 2 inner) and which sector."""

    ring: int
    sector: int


@dataclass(frozen=True)
class Label:
    """Where a sector's label goes: centred on (x, y), at most ``width`` cells wide."""

    ring: int
    sector: int
    x: int
    y: int
    width: int


def layout(width: int, height: int, sectors: tuple[int, int, int]) -> list[list[Cell | None]]:
    """Assign each cell of a ``width`` × ``height`` grid to a ring sector (None: outside)."""
    grid: list[list[Cell | None]] = []
    cx, cy = width / 2, height / 2
    rings = (OUTER, MIDDLE, INNER)
    for y in range(height):
        row: list[Cell | None] = []
        for x in range(width):
            dx = (x + 0.5 - cx) / cx
            dy = (y + 0.5 - cy) / cy
            r = math.hypot(dx, dy)
            angle = math.atan2(dx, -dy) % (2 * math.pi)  # 0 at the top, clockwise
            cell = None
            for ring, (low, high) in enumerate(rings):
                if low <= r < high:
                    count = sectors[ring]
                    cell = Cell(ring, int(angle / (2 * math.pi / count)) % count)
                    break
            row.append(cell)
        grid.append(row)
    return grid


def labels(width: int, height: int, sectors: tuple[int, int, int]) -> list[Label]:
    """The label position of every sector: the middle of its arc, on the ring's middle."""
    out: list[Label] = []
    cx, cy = width / 2, height / 2
    for ring, (low, high) in enumerate((OUTER, MIDDLE, INNER)):
        count = sectors[ring]
        radius = (low + high) / 2 if ring < 2 else 0.19
        for sector in range(count):
            angle = (sector + 0.5) * 2 * math.pi / count
            x = cx + math.sin(angle) * radius * cx
            y = cy - math.cos(angle) * radius * cy
            arc = 2 * math.pi * radius * cx / count  # the arc's length in cells
            span = (high - low) * cx * 1.6 if ring < 2 else arc
            out.append(Label(ring, sector, int(x), int(y), max(3, int(min(arc, span + arc) * 0.9))))
    return out


def label_lines(ring: int, height: int) -> int:
    """How many lines a sector's label may take: the phases one, the inner rings two (more
    would run into the neighbouring sector's label)."""
    if ring == 0 or height < 20:
        return 1
    return 2


def fit_label(text: str, width: int, lines: int = 2) -> list[str]:
    """``text`` in at most ``lines`` lines of at most ``width`` cells, broken between words.

    A name that does not fit is shortened deliberately, never cut mid-word: a pair
    ("Hva er mulig – og hva stopper meg?") keeps its first half, anything else its first
    words, and ``…`` says that more follows. Only a single word wider than the label is cut
    (with ``…``). The legend beside the rings has every name in full.
    """
    width, lines = max(2, width), max(1, lines)
    wrapped = _wrap(text, width)
    if len(wrapped) <= lines and not any(line.endswith("…") for line in wrapped):
        return wrapped
    head = text.split(" – ")[0].rstrip(" ?:")
    if head != text:
        shorter = _wrap(head + "…", width)
        if len(shorter) <= lines:
            return shorter
    kept = _wrap(text, width)[:lines]
    last = kept[-1]
    if not last.endswith("…"):
        last = last if len(last) < width else last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        last = last.rstrip(" –-:,") + "…"
    return [*kept[:-1], last]


def _wrap(text: str, width: int) -> list[str]:
    """Words into lines of at most ``width`` cells; a longer word is cut and marked ``…``."""
    out: list[str] = []
    line = ""
    for word in text.split():
        if len(word) > width:
            word = word[: width - 1] + "…"
        if line and len(line) + 1 + len(word) <= width:
            line = f"{line} {word}"
        else:
            if line:
                out.append(line)
            line = word
    if line:
        out.append(line)
    return out


def best_label(names: list[str], width: int, lines: int) -> list[str]:
    """The first of ``names`` that fits whole; else the one that keeps most of itself.

    A knapp's plain name ("Hva skal endres – og hva skal stå fast?") may shrink to one word in
    a small window, where its theory name ("Endring og stabilitet") still says something.
    """
    fitted = [fit_label(name, width, lines) for name in names]
    for name, rows in zip(names, fitted, strict=True):
        if " ".join(rows) == " ".join(name.split()):
            return rows

    def kept(pair: tuple[str, list[str]]) -> float:
        """The share of the name shown in whole words (a cut word counts for nothing)."""
        name, rows = pair
        whole = set(name.split())
        shown = [w.rstrip("…") for row in rows for w in row.split()]
        if any(w not in whole for w in shown):
            return -1.0  # a word cut in the middle: only if every name needs one
        return sum(len(w) for w in shown) / max(1, len(name))

    return max(zip(names, fitted, strict=True), key=kept)[1]


def free_start(taken: list[tuple[int, int]], want: int, length: int, width: int) -> int | None:
    """Where a label line of ``length`` cells can start near ``want`` on a row, keeping one
    blank cell from the labels already on it (``taken``: their [start, end) spans); None when
    no place within three cells of ``want`` is free."""
    for shift in (0, 1, -1, 2, -2, 3, -3):
        start = max(0, min(width - length, want + shift))
        if all(start + length + 1 <= a or b + 1 <= start for a, b in taken):
            return start
    return None
