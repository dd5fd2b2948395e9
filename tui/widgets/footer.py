"""Textual's footer, with keys that never run together and never show half a key.

In compact mode (narrow windows) Textual's footer puts a group's label right against the next
key (``FaseCtrl+G``), and a key that does not fit is cut by the docked Ctrl+P key, leaving a
stray ``Ctrl`` at the right edge. Here the label keeps a space after it, and whatever does not
fit whole is hidden: the keys come in order of importance, and the help key (first) lists them
all.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer


class FittingFooter(Footer):
    """A footer that shows only the keys that fit whole."""

    _recompose_queued = False
    _shown: tuple[object, ...] | None = None

    def bindings_changed(self, screen: Screen[Any]) -> None:
        """As Textual's footer, but rebuilt only when what it shows changes, and once for any
        number of changes before the rebuild runs: at start the bindings change several times
        (focus moving into the note field among them) without a visible difference, and each
        rebuild of a dozen keys costs about as much as drawing the rest of the first frame."""
        self._bindings_ready = True
        if not screen.app.app_focus or self._recompose_queued:
            return
        if self.is_attached and screen is self.screen:
            self._recompose_queued = True
            self.call_after_refresh(self._recompose_once)

    async def _recompose_once(self) -> None:
        self._recompose_queued = False
        shown = tuple(
            (key, active.binding.description, active.binding.tooltip, active.enabled)
            for key, active in self.screen.active_bindings.items()
            if active.binding.show
        )
        if shown != self._shown or not self.children:
            self._shown = shown
            await self.recompose()

    def on_resize(self, event: events.Resize) -> None:
        self.refit()

    def on_mount(self) -> None:
        self.refit()

    async def recompose(self) -> None:
        await super().recompose()
        self.refit()

    def refit(self) -> None:
        """Show the keys that fit whole, in order, and hide the rest.

        Widths are worked out from what each key renders (not from the last layout, which may
        be stale while the footer is being rebuilt).
        """
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        if not self.is_attached:
            return
        palette = [c for c in self.children if c.has_class("-command-palette")]
        edge = self.size.width
        if palette and palette[0].region.width:
            edge = palette[0].region.x - self.region.x  # docked: laid out when on screen
        elif palette:  # behind a modal the footer is not laid out: work it out (+ its border)
            edge -= _width(palette[0]) + 1
        x, cut = 0, False
        for child in self.children:
            if child.has_class("-command-palette"):
                continue
            width = _width(child)
            # A key's trailing blank may sit under the palette key's border line.
            cut = cut or x + width - _trailing_blank(child) > edge
            x += width
            child.display = not cut


def _width(widget: Widget) -> int:
    """The cells a footer item takes: what it renders, its padding and its margins."""
    margin = widget.styles.margin
    if widget.children:
        inner = sum(_width(child) for child in widget.children)
    else:
        rendered = widget.render()
        inner = rendered.cell_len if isinstance(rendered, Text) else len(str(rendered))
        padding = widget.styles.padding
        inner += padding.left + padding.right
    return inner + margin.left + margin.right


def _trailing_blank(widget: Widget) -> int:
    """1 when the item ends in a blank cell (its description's right padding), else 0."""
    if widget.children or widget.styles.margin.right:
        return 0
    rendered = widget.render()
    return 1 if str(rendered).endswith(" ") else 0
