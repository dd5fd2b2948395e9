"""The end of a conversation: the timeline summed up (the reflection log builds on this)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from tui.core.content import Content as Model
from tui.core.notes import clock_label
from tui.core.session import Session
from tui.strings import t


class SummaryScreen(Screen[None]):
    """Time per phase, renewals, rounds and what was noted and copied."""

    DEFAULT_CSS = """
    SummaryScreen { align: center top; }
    SummaryScreen > Vertical { width: 72; max-width: 100%; height: auto; padding: 1 2; }
    SummaryScreen .title { text-style: bold; color: $primary; margin-bottom: 1; }
    SummaryScreen DataTable { height: auto; width: auto; margin-bottom: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "app.quit", t("summary.quit"), id="summary.quit")
    ]

    def __init__(self, model: Model, session: Session) -> None:
        super().__init__()
        self.model = model
        self.session = session

    def compose(self) -> ComposeResult:
        s = self.session
        times = s.phase_seconds()
        variables = self.app.theme_variables
        table: DataTable[Text] = DataTable(cursor_type="none", zebra_stripes=True)
        table.add_column(t("summary.phase"), width=20)
        table.add_column(t("summary.time"), width=8)
        for phase in self.model.phases:
            table.add_row(
                Text(phase.name, style=variables.get(f"element-{phase.id}", "")),
                Text(clock_label(times[phase.id]), justify="right"),
            )
        table.add_row(
            Text(t("summary.total"), style="bold"),
            Text(clock_label(s.session_seconds()), style="bold", justify="right"),
        )
        tagged = sorted({n.knapp for n in s.notes if n.knapp})
        facts = [
            (t("summary.channel"), t(f"channel.{s.channel}")),
            (t("summary.renewals"), str(s.renewals)),
            (t("summary.rounds"), str(s.rounds)),
            (t("summary.notes"), str(len(s.notes))),
            (t("summary.copies"), str(len(s.copies))),
            (
                t("summary.tagged"),
                ", ".join(self.model.knapp(k).name for k in tagged) or t("summary.none"),
            ),
        ]
        width = max(len(k) for k, _ in facts)
        with Vertical():
            yield Static(t("summary.title"), classes="title")
            yield table
            yield Static(
                Content("\n").join(
                    Content.from_markup("[b]$k[/]  $v", k=k.ljust(width), v=v) for k, v in facts
                )
            )
        yield Footer()
