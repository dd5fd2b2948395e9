"""«Min praksis»: how the counsellor has used the model across their own conversations.

Plots (textual-plotext, in the app's theme; bars are drawn with block characters, so they read
without colour too) or the same figures as a table, one key apart. Each figure comes with a
question to think about. Private: read from the counsellor's own archive, shown only here.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static
from textual_plotext import PlotextPlot

from tui import keys
from tui.bindings import bindings
from tui.context import Context
from tui.core.practice import (
    CHANNEL_FILTERS,
    PERIODS,
    TRENDS,
    Practice,
    number,
    percent,
    period_label,
    practice,
    table_rows,
    trend,
)
from tui.core.strings import t
from tui.textual_adapter import translate_bindings
from tui.widgets.footer import KeyFooter

PLOT_HEIGHT = 9


class PracticeScreen(Screen[None]):
    """Figures from the archive, as plots or as a table; keys choose period, channel, measure."""

    KEYS = keys.PRACTICE
    """The keys of this screen, in the order the help (Ctrl+G) lists them."""
    BINDINGS: ClassVar[list[BindingType]] = list(bindings(KEYS))

    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx
        translate_bindings(self)
        self.period = 0
        self.channel = 0
        self.measure = 0
        self.table = False

    def compose(self) -> ComposeResult:
        yield Static(id="praksis-head")
        yield VerticalScroll(id="praksis-body")
        yield KeyFooter()

    async def on_mount(self) -> None:
        await self.fill()

    # --- keys --------------------------------------------------------------------------------

    async def action_period(self) -> None:
        self.period = (self.period + 1) % len(PERIODS)
        await self.fill()

    async def action_channel(self) -> None:
        self.channel = (self.channel + 1) % len(CHANNEL_FILTERS)
        await self.fill()

    async def action_view(self) -> None:
        self.table = not self.table
        await self.fill()

    async def action_measure(self) -> None:
        self.measure = (self.measure + 1) % len(TRENDS)
        await self.fill()

    def action_scroll(self, pages: int) -> None:
        body = self.query_one("#praksis-body", VerticalScroll)
        body.scroll_to(y=body.scroll_y + pages * max(1, body.size.height - 2), animate=False)

    # --- the figures -------------------------------------------------------------------------

    async def fill(self) -> None:
        """Aggregate for the chosen period and channel, and show plots or the table."""
        model = self.ctx.model
        conversation = self.ctx.conversation
        result = practice(
            conversation.store.conn,
            model,
            days=PERIODS[self.period],
            channel=CHANNEL_FILTERS[self.channel],
            now=conversation.clock(),
        )
        channel = t(f"praksis.channel_{result.channel}")
        view = t("praksis.view_table" if self.table else "praksis.view_plots")
        self.query_one("#praksis-head", Static).update(
            f"[b]{t('praksis.title')}[/b] · "
            + t(
                "praksis.count",
                n=result.conversations,
                period=period_label(model, result),
                channel=channel,
            )
            + f" · {view}\n[dim]{t('praksis.private')}[/]"
        )
        body = self.query_one("#praksis-body", VerticalScroll)
        await body.remove_children()
        if not result.conversations:
            await body.mount(Static(t("praksis.none"), classes="praksis-text"))
        elif self.table:
            await body.mount(self._table(result))
        else:
            await body.mount_all(self._plots(result))
        body.scroll_home(animate=False)

    def _table(self, result: Practice) -> DataTable[str]:
        table: DataTable[str] = DataTable(id="praksis-table", zebra_stripes=True, cursor_type="row")
        table.add_columns(t("praksis.col.measure"), t("praksis.col.value"),
                          t("praksis.col.question"))  # fmt: skip
        for row in table_rows(self.ctx.model, result):
            table.add_row(*row)
        return table

    def _plots(self, result: Practice) -> list[Any]:
        model = self.ctx.model
        phases = [p.name for p in model.phases]
        spreads = list(result.phase_minutes.values())
        knapp_names = {k.id: k.name for k in model.knapper}  # short enough to label a bar
        knapp_labels = [
            knapp_names[k.id] + (f" ({t('praksis.rarely')})" if k.rarely else "")
            for k in result.knapper
        ]
        kinds: dict[str, str] = {k.id: k.name for k in model.kinds}
        measure = TRENDS[self.measure]
        weekly = trend(result.weeks, measure)
        summary = (
            t("praksis.konklusjon", share=percent(result.konklusjon_share)) + "\n"
            + t("praksis.renewals", mean=number(model, result.renewals_mean, 2))
        )  # fmt: skip
        return [
            _caption(t("praksis.phases"), t("praksis.q.phases")),
            _bars(
                phases,
                [s.median for s in spreads],
                labels=[
                    f"{number(model, s.median)} ({number(model, s.q1)}–{number(model, s.q3)})"
                    for s in spreads
                ],
            ),
            _caption(summary, t("praksis.q.konklusjon") + " " + t("praksis.q.renewals")),
            _caption(t("praksis.knapper"), t("praksis.q.knapper")),
            _bars(
                knapp_labels,
                [k.share * 100 for k in result.knapper],
                labels=[percent(k.share) for k in result.knapper],
                limit=100,
            ),
            _caption(t("praksis.kolb"), t("praksis.q.kolb")),
            _bars([s.plain for s in model.stages], [float(n) for n in result.kolb.values()]),
            _caption(t("praksis.kinds"), t("praksis.q.kinds")),
            _bars(
                [kinds.get(k, k) for k in result.kinds], [float(n) for n in result.kinds.values()]
            ),
            _caption(
                t("praksis.trend", measure=t(f"praksis.trend.{measure}")), t("praksis.q.trend")
            ),
            _line([w for w, _ in weekly], [v for _, v in weekly]),
        ]


def _caption(title: str, question: str) -> Static:
    return Static(f"[b]{title}[/b]\n[i]{question}[/i]", classes="praksis-text")


def _bars(names: list[str], values: list[float], labels: list[str] | None = None,
          limit: float | None = None) -> PlotextPlot:  # fmt: skip
    """Horizontal bars, one per name; the value is written on the bar (not told by colour)."""
    plot = PlotextPlot(classes="praksis-plot")
    plot.styles.height = len(names) + 3  # a row per bar, the frame, the axis and its numbers
    plt = plot.plt
    ticks = [f"{n}  {v}" for n, v in zip(names, labels, strict=True)] if labels else names
    # Plotext draws the first bar at the bottom: reversed, the list reads from the top.
    plt.bar(list(reversed(ticks)), list(reversed(values)), orientation="horizontal", width=0.6,
            marker="█")  # fmt: skip
    if limit is not None:
        plt.xlim(0, limit)
    return plot


def _line(weeks: list[str], values: list[float | None]) -> PlotextPlot:
    """The chosen measure week by week; weeks without a value are gaps, not zeros."""
    plot = PlotextPlot(classes="praksis-plot")
    plot.styles.height = PLOT_HEIGHT + 1
    plt = plot.plt
    points = [(i + 1, v) for i, v in enumerate(values) if v is not None]
    if points:
        plt.plot([x for x, _ in points], [y for _, y in points], marker="●")
    step = max(1, len(weeks) // 6)
    plt.xticks(list(range(1, len(weeks) + 1, step)), [w[5:] for w in weeks][::step])
    return plot
