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
