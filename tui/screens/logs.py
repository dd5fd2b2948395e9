"""The archive: past sessions, searchable by any word in their notes and reflections."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Input, Markdown, Static

from tui.core.log import Privacy, ReflectionLog, build_log, render_markdown
from tui.core.notes import clock_label
from tui.core.store import SessionSummary
from tui.strings import t, translate_bindings

if TYPE_CHECKING:
    from tui.app import VeiviserApp


class LogsScreen(Screen[None]):
    """Every session in the archive; type to search, Enter opens one read-only."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "logs.back", id="logs.back"),
        Binding("down", "focus_table", show=False),
    ]
    DEFAULT_CSS = """
    LogsScreen #logs-title { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    LogsScreen #logs-search { margin: 0 1; }
    LogsScreen #logs-table { height: 1fr; margin: 0 1; }
    LogsScreen #logs-empty { padding: 1 2; color: $text-muted; }
    """

    app: VeiviserApp

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)
        self._timer: Timer | None = None
        self.rows: list[SessionSummary] = []

    def compose(self) -> ComposeResult:
        yield Static(t("logs.title"), id="logs-title")
        yield Input(placeholder=t("logs.search"), id="logs-search")
        yield DataTable(id="logs-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="logs-empty")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label in ("logs.date", "logs.channel", "logs.duration", "logs.phases",
                      "logs.knapper", "logs.notes", "logs.pinned", "logs.status"):  # fmt: skip
            table.add_column(t(label))
        self.fill(None)
        self.query_one(Input).focus()

    def fill(self, query: str | None) -> None:
        """Show all sessions, or those matching ``query``."""
        store = self.app.store
        ids = store.search(query) if query else None
        self.rows = store.summaries(ids)
        table = self.query_one(DataTable)
        table.clear()
        model = self.app.model
        names: dict[str, str] = {p.id: p.name for p in model.phases}
        knapp_names = {k.id: k.name for k in model.knapper}
        for row in self.rows:
            table.add_row(
                datetime.fromtimestamp(row.created_at).strftime("%d.%m.%Y %H:%M"),
                t(f"channel.{row.channel}"),
                clock_label(row.duration),
                ", ".join(names.get(p, p)[:5] for p in row.phases),
                ", ".join(knapp_names.get(k, k) for k in row.knapper),
                str(row.notes),
                str(row.pinned),
                t(f"logs.status.{row.status}"),
                key=row.id,
            )
        empty = self.query_one("#logs-empty", Static)
        empty.display = not self.rows
        empty.update(t("logs.none_found", query=query) if query else t("logs.none"))

    @on(Input.Changed, "#logs-search")
    def _search_changed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        value = event.value.strip()
        self._timer = self.set_timer(0.2, lambda: self.fill(value or None))

    @on(Input.Submitted, "#logs-search")
    def _search_submitted(self) -> None:
        self.action_focus_table()

    def action_focus_table(self) -> None:
        if self.rows:
            self.query_one(DataTable).focus()

    @on(DataTable.RowSelected)
    def _open(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.app.push_screen(LogViewScreen(event.row_key.value))


class LogViewScreen(Screen[None]):
    """One session's log, read-only; it can be exported again (after the privacy review)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "logs.back", id="logview.back"),
        Binding("ctrl+e", "export", "logs.export", id="logview.export"),
    ]
    DEFAULT_CSS = """
    LogViewScreen Markdown { margin: 0 1; }
    """

    app: VeiviserApp

    def __init__(self, session_id: str) -> None:
        super().__init__()
        translate_bindings(self)
        self.session_id = session_id
        self.reflection_log = self._log()

    def _log(self) -> ReflectionLog:
        store = self.app.store
        saved = store.saved_log(self.session_id)
        if saved is not None:
            return ReflectionLog.model_validate_json(saved)
        loaded = store.load(self.session_id)
        return build_log(
            self.app.model,
            loaded.session(),
            self.session_id,
            loaded.answers,
            Privacy(masked=0, kept=0),
        )

    def compose(self) -> ComposeResult:
        yield Markdown(render_markdown(self.app.model, self.reflection_log), id="log-view")
        yield Footer()

    def action_export(self) -> None:
        def done(paths: list[Path], error: str | None) -> None:
            if error:
                self.notify(error, severity="error", timeout=8)
            else:
                self.notify(t("logs.exported", paths=", ".join(str(p) for p in paths)), timeout=8)

        self.app.review_and_save(self.reflection_log, self.session_id, done)
