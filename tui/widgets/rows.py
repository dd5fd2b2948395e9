"""Rows of narrow fixed cells, then text that wraps under itself with a hanging indent.

What the guide used ``rich.table.Table.grid`` for, without a table's cost: a table measures
every cell of every row to lay out its columns, twice or more per frame, and the guide's
sections (about a hundred rows) took a fifth of Veiviser's first frame that way. Here the
columns are known (1 cell for a number or a bullet, 10 for a question type), so each row is one
wrap of its last cell. The output is the same as the table's (a test compares them).
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text, TextType


class Rows:
    """Like ``Table.grid(padding=(0, 1))`` with ``widths`` as no-wrap columns and a last column
    that takes the rest of the width."""

    def __init__(self, *widths: int) -> None:
        self.widths = widths
        self.rows: list[tuple[TextType, ...]] = []

    def add_row(self, *cells: TextType) -> None:
        if len(cells) != len(self.widths) + 1:
            raise ValueError(f"{len(self.widths) + 1} cells expected, got {len(cells)}")
        self.rows.append(cells)

    @property
    def indent(self) -> int:
        return sum(width + 1 for width in self.widths)

    def _widest(self) -> int:
        """The widest last cell, unwrapped (a table is no wider than its content)."""
        return max((Text(c).cell_len if isinstance(c, str) else c.cell_len
                    for *_, c in self.rows), default=1)  # fmt: skip

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(self.indent + 1, min(options.max_width, self.indent + self._widest()))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        rest = max(1, min(options.max_width - self.indent, self._widest()))
        blank = Text(" " * self.indent)
        for cells in self.rows:
            *fixed, last = (Text(c) if isinstance(c, str) else c for c in cells)
            prefix = Text()
            for cell_width, cell in zip(self.widths, fixed, strict=True):
                cell = cell.copy()
                cell.truncate(cell_width, overflow="ellipsis", pad=True)
                prefix.append_text(cell)
                prefix.append(" ")
            lines = last.wrap(console, rest, overflow="fold") if last.plain else [Text()]
            for number, line in enumerate(lines):
                line.pad_right(rest - line.cell_len)
                yield from _segments(console, prefix if number == 0 else blank)
                yield from _segments(console, line)
                yield Segment.line()


def _segments(console: Console, text: Text) -> Iterable[Segment]:
    """``text`` as segments with its own style under its spans (``Text.render`` leaves the base
    style out when there are no spans; a table cell has it)."""
    if text.spans or not text.style:
        return text.render(console)
    return [Segment(text.plain, console.get_style(text.style))]
