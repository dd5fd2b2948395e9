"""«Min praksis»: how the counsellor has used the model across their own conversations.

Bars drawn to scale from 0 with block glyphs, each value beside its name
(:mod:`tui.core.outputs.bars`, so they read without colour too), and the weekly trend as a
plotext line; or the same figures as a table, one key apart. Each figure comes with a question
to think about. Private: read from the counsellor's own archive, shown only here.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static
from textual_plotext import PlotextPlot

from tui import keys
from tui.bindings import bindings
from tui.context import Context
from tui.core.base.strings import t, tn
from tui.core.outputs.bars import nice_top
from tui.core.outputs.practice import (
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
from tui.screens.base import KeyedScreen
from tui.textual_adapter import translate_bindings
from tui.widgets.bars import BarChart
from tui.widgets.footer import KeyFooter

PLOT_HEIGHT = 9


class PracticeScreen(KeyedScreen):
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
            + tn(
                "praksis.count",
                result.conversations,
                n=result.conversations,
                period=period_label(model, result),
                channel=channel,
            )
            + (f" · {t('praksis.analysed', n=result.analysed)}" if result.analysed else "")
            + f" · {view}"
            + f"\n[dim]{t('praksis.private')}[/]"
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
        """The figures as rows. The question wraps in its column (rows grow to fit), and the
        table never takes the focus: PgUp/PgDn scroll the page at once, as in the plots."""
        rows = table_rows(self.ctx.model, result)
        table: DataTable[str] = DataTable(id="praksis-table", zebra_stripes=True,
                                          cursor_type="none")  # fmt: skip
        table.can_focus = False
        width = self.app.size.width
        measure_w = min(max(len(r[0]) for r in rows), 24 if width >= 100 else 18)
        value_w = min(max(len(r[1]) for r in rows), 22 if width >= 100 else 14)
        question_w = max(12, width - measure_w - value_w - 11)  # cell padding, scrollbar
        table.add_column(t("praksis.col.measure"), width=measure_w)
        table.add_column(t("praksis.col.value"), width=value_w)
        table.add_column(t("praksis.col.question"), width=question_w)
        for row in rows:  # every cell wraps in its column; the row grows to fit
            cells = [Text(cell, overflow="fold") for cell in row]
            table.add_row(*cells, height=None)  # type: ignore[arg-type]
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
            + outcomes_line(result)
            + t("praksis.renewals", mean=number(model, result.renewals_mean, 2))
        )  # fmt: skip
        whole = [str(int(n)) for n in result.kolb.values()]
        return [
            _caption(t("praksis.phases"), t("praksis.q.phases")),
            self._bars(
                phases,
                [s.median for s in spreads],
                [
                    f"{number(model, s.median)} ({number(model, s.q1)}–{number(model, s.q3)})"
                    for s in spreads
                ],
                t("praksis.unit.minutes"),
            ),
            _caption(summary, t("praksis.q.konklusjon") + " " + t("praksis.q.renewals")),
            _caption(t("praksis.knapper"), t("praksis.q.knapper")),
            self._bars(
                knapp_labels,
                [k.share * 100 for k in result.knapper],
                [percent(k.share) for k in result.knapper],
                t("praksis.unit.share"),
                limit=100,
            ),
            _caption(t("praksis.kolb"), t("praksis.q.kolb")),
            self._bars(
                [s.plain for s in model.stages],
                [float(n) for n in result.kolb.values()],
                whole,
                t("praksis.unit.lines"),
            ),
            _caption(t("praksis.kinds"), t("praksis.q.kinds")),
            self._bars(
                [kinds.get(k, k) for k in result.kinds],
                [float(n) for n in result.kinds.values()],
                [str(int(n)) for n in result.kinds.values()],
                t("praksis.unit.lines"),
            ),
            _caption(
                t("praksis.trend", measure=t(f"praksis.trend.{measure}")), t("praksis.q.trend")
            ),
            _line([w for w, _ in weekly], [v for _, v in weekly], model),
        ]

    def _bars(self, names: list[str], values: list[float], labels: list[str], unit: str,
              limit: float | None = None) -> BarChart:  # fmt: skip
        """Bars to scale from 0, each value written beside its name, the axis in the language's
        numbers with its unit."""
        model = self.ctx.model
        top = nice_top(max(values, default=0.0), limit)
        digits = 0 if float(top).is_integer() else 1
        axis = ["0", number(model, top, digits)]
        return BarChart(names, values, labels, unit, axis=axis, limit=limit,
                        classes="praksis-plot")  # fmt: skip


def outcomes_line(result: Practice) -> str:
    """The conversations counted apart (a quiet chat, a quick one, a referral), or ''."""
    counted = [tn(f"outcome.count.{o}", n, n=n) for o, n in result.outcomes.items() if n]
    return t("praksis.apart", which=", ".join(counted)) + "\n" if counted else ""


def _caption(title: str, question: str) -> Static:
    return Static(f"[b]{title}[/b]\n[i]{question}[/i]", classes="praksis-text")


def _line(weeks: list[str], values: list[float | None], model: Any) -> PlotextPlot:
    """The chosen measure week by week; weeks without a value are gaps, not zeros. The axis
    from 0, its numbers as the language writes them (whole where the values are whole)."""
    plot = PlotextPlot(classes="praksis-plot")
    plot.styles.height = PLOT_HEIGHT + 1
    plt = plot.plt
    points = [(i + 1, v) for i, v in enumerate(values) if v is not None]
    if points:
        plt.plot([x for x, _ in points], [y for _, y in points], marker="●")
    top = nice_top(max((v for _, v in points), default=0.0))
    whole = all(float(v).is_integer() for _, v in points)
    steps = [0.0, top / 2, top]
    digits = 0 if all(float(y).is_integer() for y in steps) else 1
    plt.ylim(0, top)
    plt.yticks(steps, [number(model, y, digits if whole or digits else 0) for y in steps])
    step = max(1, len(weeks) // 6)
    plt.xticks(list(range(1, len(weeks) + 1, step)), [w[5:] for w in weeks][::step])
    return plot
