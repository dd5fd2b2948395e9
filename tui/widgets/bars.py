"""A horizontal bar chart drawn to scale with block glyphs (readable without colour), each bar
with its value written beside its name, on one axis from 0 that says its unit."""

from __future__ import annotations

from rich.text import Text
from textual.geometry import Size
from textual.widgets import Static

from tui.core.outputs.bars import bar, nice_top


class BarChart(Static):
    """Bars for ``names`` and ``values``; ``labels`` are the values as the language writes
    them, ``unit`` names the axis, ``axis`` formats its end points."""

    DEFAULT_CSS = """
    BarChart { height: auto; padding: 0 1; }
    """

    def __init__(self, names: list[str], values: list[float], labels: list[str], unit: str,
                 axis: list[str] | None = None, limit: float | None = None,
                 classes: str = "") -> None:  # fmt: skip
        super().__init__(classes=classes)
        self.names, self.values, self.labels, self.unit = names, values, labels, unit
        self.top = nice_top(max(values, default=0.0), limit)
        self.axis = axis
        """How the axis's 0 and top are written (the language's numbers); else plain."""

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """A row per bar, the axis, its numbers and its unit: whatever the width."""
        return len(self.values) + 3

    def render(self) -> Text:
        width = max(self.size.width, 40)
        heads = [f"{name}  {label}" for name, label in zip(self.names, self.labels, strict=True)]
        left = max((len(h) for h in heads), default=0)
        cells = max(10, width - left - 3)
        out = Text()
        for head, value in zip(heads, self.values, strict=True):
            out.append(head.rjust(left) + " │")
            out.append(bar(value, self.top, cells), style="bold")
            out.append("\n")
        low, high = self.axis or ["0", f"{self.top:g}"]
        scale = " " * (left + 1) + "└" + "─" * cells
        ends = " " * (left + 2) + low + high.rjust(cells - len(low))
        out.append(scale + "\n" + ends + "\n", style="dim")
        out.append(" " * (left + 2) + self.unit, style="dim italic")
        return out
