"""The key footer: one widget that draws the keys in force as one line of text.

Textual's ``Footer`` is a container of one widget per key, composed again after the first
refresh whenever the bindings change. With a dozen keys that second compose cost about a fifth
of Veiviser's start-up (measured: first frame 1.37× a bare app with it, 1.16× without), and in
a narrow window its keys ran together (``FaseCtrl+G``) or were cut by the docked palette key.

This footer draws the same thing in ``render``, so it is in the first frame, and it decides what
fits itself: keys in order of importance, each shown whole or not at all (the help key, first,
lists them all), a space between every two, the palette key (Ctrl+P) on the right behind a thin
line. A click on a key presses it, as in Textual's footer; hovering one shows its tooltip.

Styles come from Textual's footer variables (``$footer-key-foreground`` …), so every theme that
colours Textual's footer colours this one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.reactive import reactive
from textual.widget import Widget


@dataclass(frozen=True)
class Item:
    """One thing the footer shows: a key (or a group of keys) and its words."""

    keys: tuple[tuple[str, str], ...]  # (key, how it is written) per key; one unless a group
    description: str
    enabled: bool = True
    tooltip: str = ""
    palette: bool = False


@dataclass(frozen=True)
class Placed:
    """An item where it is drawn: cells ``start`` to ``end`` (end exclusive)."""

    item: Item
    start: int
    end: int
    parts: tuple[tuple[str, str], ...]  # (text, component class) in order


class KeyFooter(Widget, can_focus=False):
    """The keys in force, on one line at the bottom of the screen."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-footer--key",
        "key-footer--description",
        "key-footer--line",
        "key-footer--hover",
    }
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        .key-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .key-footer--line { color: $foreground 20%; }
        .key-footer--hover { background: $block-hover-background; }
    }
    """

    compact = reactive(False)
    """Narrow windows: no padding inside a key, one space between keys."""

    _hover: int | None = None
    _shown: tuple[Item, ...] = ()

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: object) -> None:
        if self.items() != self._shown:  # redrawn only when what it shows changes
            self.refresh()

    # --- what is shown ---------------------------------------------------------------

    def items(self) -> tuple[Item, ...]:
        """The keys in force in the screen's order, grouped as their bindings say; the
        palette key last."""
        if not self.is_attached:
            return ()
        active = self.screen.active_bindings
        by_action: dict[str, tuple[Binding, bool, str]] = {}
        for _node, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in by_action:
                by_action[binding.action] = (binding, enabled, tooltip)
        out: list[Item] = []
        app = self.app
        for group, members in groupby(by_action.values(), lambda m: m[0].group):
            bunch = list(members)
            if group is not None and len(bunch) > 1:
                keys = tuple((b.key, app.get_key_display(b)) for b, _, _ in bunch)
                out.append(Item(keys, group.description, any(e for _, e, _ in bunch)))
            else:
                out += [
                    Item(((b.key, app.get_key_display(b)),), b.description, e, t or "")
                    for b, e, t in bunch
                ]
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            _node, binding, enabled, tooltip = active[app.COMMAND_PALETTE_BINDING]
            key = ((binding.key, app.get_key_display(binding)),)
            tip = binding.tooltip or binding.description
            out.append(Item(key, binding.description, enabled, tip, palette=True))
        return tuple(out)

    def place(self, width: int, items: tuple[Item, ...] | None = None) -> list[Placed]:
        """Where each shown item (``items``, else the keys in force) goes in ``width`` cells.
        The palette key sits at the right edge after a thin line; the others follow from the
        left, in order, while they fit whole in front of it; the rest are not shown."""
        items = self.items() if items is None else items
        palette = [i for i in items if i.palette]
        placed: list[Placed] = []
        edge = width
        if palette:
            parts = (("▏", "key-footer--line"), *self._parts(palette[0]))
            size = sum(len(text) for text, _ in parts)
            if size <= width:
                edge = width - size
                placed.append(Placed(palette[0], edge, width, parts))
        x = 0
        for item in (i for i in items if not i.palette):
            parts = self._parts(item)
            size = sum(len(text) for text, _ in parts)
            if x + size > edge:
                break
            placed.append(Placed(item, x, x + size, parts))
            x += size + (1 if self.compact else 0)
        return sorted(placed, key=lambda p: p.start)

    def _parts(self, item: Item) -> tuple[tuple[str, str], ...]:
        """An item as (text, component class) pieces, spaced as Textual's footer spaces them."""
        key_class, words_class = "key-footer--key", "key-footer--description"
        if len(item.keys) > 1:  # a group: its keys side by side, then its name
            keys = tuple((shown, key_class) for _, shown in item.keys)
            return ((" ", ""), *keys, (" ", ""), (f"{item.description} ", words_class))
        shown = item.keys[0][1]
        if self.compact:
            return ((shown, key_class), (f" {item.description}", words_class))
        return ((f" {shown} ", key_class), (f"{item.description} ", words_class))

    # --- drawing ---------------------------------------------------------------------

    def render(self) -> Text:
        self._shown = self.items()
        out = Text(no_wrap=True, overflow="crop", end="")
        x = 0
        for n, place in enumerate(self.place(self.size.width, self._shown)):
            if place.start > x:
                out.append(" " * (place.start - x))
            extra = Style(dim=True) if not place.item.enabled else Style()
            if n == self._hover:
                extra += self.get_component_rich_style("key-footer--hover", partial=True)
            for text, component in place.parts:
                style = self.get_component_rich_style(component) if component else Style()
                out.append(text, style + extra)
            x = place.end
        return out

    # --- the mouse -------------------------------------------------------------------

    def _at(self, x: int) -> tuple[int, Placed] | None:
        for n, place in enumerate(self.place(self.size.width)):
            if place.start <= x < place.end:
                return n, place
        return None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        found = self._at(event.x)
        hover = found[0] if found else None
        if hover != self._hover:
            self._hover = hover
            self.tooltip = found[1].item.tooltip or None if found else None
            self.refresh()

    def on_leave(self, _event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.tooltip = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        found = self._at(event.x)
        if found is None:
            return
        place = found[1]
        if not place.item.enabled:
            self.app.bell()
            return
        x, keys = place.start, iter(place.item.keys)
        for text, component in place.parts:  # the key under the pointer, in a group too
            key = next(keys, None) if component == "key-footer--key" else None
            if key is not None and x <= event.x < x + len(text):
                self.app.simulate_key(key[0])
                return
            x += len(text)
        self.app.simulate_key(place.item.keys[0][0])  # on the words: the (first) key

    def watch_compact(self) -> None:
        self.refresh()

    def shown(self) -> Iterator[str]:
        """The words of what is shown now, left to right (for tests and the help)."""
        for place in self.place(self.size.width):
            yield "".join(text for text, _ in place.parts).strip()
