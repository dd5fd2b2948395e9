"""The model overview: three concentric rings, with where the conversation stands now."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from tui import keys
from tui.bindings import bindings
from tui.context import Context
from tui.core.base.strings import t
from tui.core.model.content import Content as Model
from tui.core.model.rings import best_label, free_start, label_lines, labels, layout
from tui.screens.base import KeyedScreen
from tui.textual_adapter import translate_bindings
from tui.widgets.footer import KeyFooter

MARKERS = ("▶", "●", "◆")
"""What marks a highlighted element in each ring (so nothing is told by colour alone)."""


class Rings(Widget):
    """Draws the rings to fit its size; highlighted sectors are solid, the others shaded."""

    def __init__(self, model: Model, lit: tuple[set[str], set[str], set[str]], plain: bool) -> None:
        super().__init__(id="rings")
        self.model = model
        self.lit = lit
        self.plain = plain

    def ids(self) -> tuple[list[str], list[str], list[str]]:
        """Element ids of each ring, in sector order."""
        model = self.model
        return (
            [p.id for p in model.phases],
            [s.id for s in model.stages],
            [k.id for k in model.knapper],
        )

    def sector_names(self, ring: int, element_id: str) -> list[str]:
        """A sector's label in the words chosen (plain words or theory terms, never the
        other): the inner rings fall back on their tag in the legend when it does not fit."""
        if ring == 0:
            return [self.model.phase(element_id).name]
        return [self.model.label(element_id, self.plain)]

    _cache: tuple[tuple[int, int, str], Text] | None = None

    def render(self) -> Text:
        width, height = self.size.width, self.size.height
        if width < 8 or height < 4:
            return Text("")
        key = (width, height, self.app.theme)
        if self._cache is not None and self._cache[0] == key:
            return self._cache[1]
        ids = self.ids()
        sectors = (len(ids[0]), len(ids[1]), len(ids[2]))
        variables = self.app.theme_variables
        background = variables.get("background", "")
        cells = layout(width, height, sectors)
        chars = [[" "] * width for _ in range(height)]
        styles = [[""] * width for _ in range(height)]
        for y, row in enumerate(cells):
            for x, cell in enumerate(row):
                if cell is None:
                    continue
                element = ids[cell.ring][cell.sector]
                colour = variables.get(f"element-{element}", "")
                lit = element in self.lit[cell.ring]
                chars[y][x] = "█" if lit else "░"
                styles[y][x] = colour if lit else f"{colour} dim"
        taken: list[list[tuple[int, int]]] = [[] for _ in range(height)]
        for label in labels(width, height, sectors):
            element = ids[label.ring][label.sector]
            lit = element in self.lit[label.ring]
            names = self.sector_names(label.ring, element)
            if label.ring == 0:
                names = [name.upper() for name in names] if lit else names
            if lit:
                names = [f"{MARKERS[label.ring]} {name}" for name in names]
            colour = variables.get(f"element-{element}", "")
            style = f"bold {background} on {colour}" if lit else f"{colour} on {background}"
            rows = best_label(names, label.width, label_lines(label.ring, height))
            if label.ring and " ".join(rows) != " ".join(names[0].split()):
                # Cut, it would say less than its tag: the legend beside says the whole name.
                tag = legend_tag(label.ring, label.sector)
                rows = [f"{MARKERS[label.ring]} {tag}" if lit else tag]
            top = label.y - (len(rows) - 1) // 2
            for offset, line in enumerate(rows):
                line_y = top + offset
                if not 0 <= line_y < height:
                    continue
                start = free_start(taken[line_y], label.x - len(line) // 2, len(line), width)
                if start is None:
                    continue  # no room beside the neighbouring label: the legend has it
                taken[line_y].append((start, start + len(line)))
                for i, char in enumerate(line):
                    chars[line_y][start + i] = char
                    styles[line_y][start + i] = style
        # Append runs of equal style, not single cells: a 140×44 picture is ~6,000 cells.
        out = Text()
        for y in range(height):
            row_chars, row_styles = chars[y], styles[y]
            start = 0
            for x in range(1, width + 1):
                if x == width or row_styles[x] != row_styles[start]:
                    out.append("".join(row_chars[start:x]), style=row_styles[start] or None)
                    start = x
            if y < height - 1:
                out.append("\n")
        self._cache = (key, out)
        return out


def legend_tag(ring: int, sector: int) -> str:
    """A sector's short tag: Kolb's stages a–d, the knapper 1–5 (the phases need none)."""
    return "abcdefgh"[sector] if ring == 1 else str(sector + 1)


class OverviewScreen(KeyedScreen):
    """The whole model at a glance: 4K outside, Kolb in the middle, the knapper inside."""

    KEYS = keys.OVERVIEW
    """The keys of this screen, in the order the help (Ctrl+G) lists them."""
    BINDINGS: ClassVar[list[BindingType]] = list(bindings(KEYS))

    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx
        translate_bindings(self)

    def _lit(self) -> tuple[set[str], set[str], set[str]]:
        model, session = self.ctx.model, self.ctx.conversation.session
        phase = session.phase or self.ctx.shown_phase
        knapp_ids = {k.id for k in model.knapper}
        used = {n.knapp for n in session.notes if n.knapp}
        used |= {c.prompt_id.split(".")[0] for c in session.copies} & knapp_ids
        return {phase}, set(model.phase(phase).kolb), used

    def compose(self) -> ComposeResult:
        lit = self._lit()
        yield Static(t("overview.title"), id="overview-title")
        with Horizontal(id="overview-body"):
            yield Rings(self.ctx.model, lit, self.ctx.plain_words)
            with VerticalScroll(id="legend", can_focus=False):
                yield Static(self._legend(lit))
        yield KeyFooter()

    def _legend(self, lit: tuple[set[str], set[str], set[str]]) -> Text:
        model, plain = self.ctx.model, self.ctx.plain_words
        variables = self.app.theme_variables
        rings: list[tuple[str, list[tuple[str, str]]]] = [
            (t("overview.outer"), [(p.id, p.name) for p in model.phases]),
            (
                model.ring_label("kolb", plain),
                [(s.id, model.label(s.id, plain)) for s in model.stages],
            ),
            (
                model.ring_label("knapper", plain),
                [(k.id, model.label(k.id, plain) + self._focus_mark(k.id)) for k in model.knapper],
            ),
        ]
        out = Text()
        for ring, (title, items) in enumerate(rings):
            out.append(f"{title}\n", style="bold")
            for sector, (element, name) in enumerate(items):
                on = element in lit[ring]
                out.append(f"{MARKERS[ring] if on else '·'} ", style="bold" if on else "dim")
                if ring:  # the tag a sector shows when its name does not fit there
                    out.append(f"{legend_tag(ring, sector)} ", style="bold")
                out.append(f"{name}\n", style=variables.get(f"element-{element}", "")
                           + (" bold" if on else ""))  # fmt: skip
        out.append(t("overview.hint"), style="dim")
        return out

    def _focus_mark(self, knapp_id: str) -> str:
        focus = self.ctx.focus
        return f" ★ {t('guide.focus_mark')}" if focus and focus.knapp == knapp_id else ""

    def on_mount(self) -> None:
        self.set_class(self.app.size.width < 90, "-narrow")
        self.call_after_refresh(self._say_if_it_scrolls)

    def on_resize(self) -> None:
        self.set_class(self.app.size.width < 90, "-narrow")
        self.call_after_refresh(self._say_if_it_scrolls)

    def _say_if_it_scrolls(self) -> None:
        """The legend says, at its foot, when more of it is below."""
        legend = self.query_one("#legend", VerticalScroll)
        below = legend.max_scroll_y > 0 and legend.scroll_y < legend.max_scroll_y
        legend.set_class(legend.max_scroll_y > 0, "-scrolls")
        legend.border_subtitle = t("overview.scroll") if below else ""

    def action_scroll_legend(self, direction: int) -> None:
        """PgDn/PgUp (and the arrows): the legend, when it is longer than the window."""
        legend = self.query_one("#legend", VerticalScroll)
        if direction > 0:
            legend.scroll_page_down(animate=False)
        else:
            legend.scroll_page_up(animate=False)
        self.call_after_refresh(self._say_if_it_scrolls)
