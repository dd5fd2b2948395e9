"""The archive: past sessions, searchable by any word in their notes and reflections."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Input, Markdown, Static

from tui import keys
from tui.bindings import bindings
from tui.context import Context
from tui.core.archive.store import SessionSummary
from tui.core.base.strings import t
from tui.core.conversation.notes import clock_label
from tui.core.outputs.casepack import Choice, Pack
from tui.core.outputs.log import ReflectionLog, render_markdown
from tui.core.outputs.logflow import log_for
from tui.core.outputs.teamrecord import own_records
from tui.screens.base import KeyedScreen
from tui.textual_adapter import translate_bindings
from tui.widgets.footer import KeyFooter


class LogsScreen(KeyedScreen):
    """Every session in the archive; type to search, Enter opens one read-only."""

    KEYS = keys.LOGS
    """The keys of this screen, in the order the help (Ctrl+G) lists them."""
    BINDINGS: ClassVar[list[BindingType]] = list(bindings(KEYS))

    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx
        translate_bindings(self)
        self._timer: Timer | None = None
        self.rows: list[SessionSummary] = []

    def compose(self) -> ComposeResult:
        yield Static(t("logs.title"), id="logs-title")
        yield Input(placeholder=t("logs.search"), id="logs-search")
        yield DataTable(id="logs-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="logs-empty")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label in ("logs.date", "logs.channel", "logs.duration", "logs.phases",
                      "logs.knapper", "logs.notes", "logs.pinned", "logs.status"):  # fmt: skip
            table.add_column(t(label))
        self.fill(None)
        self.query_one(Input).focus()

    def fill(self, query: str | None) -> None:
        """Show all sessions, or those matching ``query``."""
        store = self.ctx.conversation.store
        ids = store.search(query) if query else None
        self.rows = store.summaries(ids)
        table = self.query_one(DataTable)
        table.clear()
        model = self.ctx.model
        names: dict[str, str] = {p.id: p.name for p in model.phases}
        knapp_names = {k.id: k.name for k in model.knapper}
        for row in self.rows:
            table.add_row(
                datetime.fromtimestamp(row.created_at).strftime("%d.%m.%Y %H:%M"),
                t(f"channel.{row.channel}"),
                clock_label(row.duration),
                " → ".join(names.get(p, p) for p in row.phases),
                ", ".join(knapp_names[k] for k in row.knapper if k in knapp_names),
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

    def action_open(self) -> None:
        """Enter: from the search field to the list; on the list, open the highlighted log."""
        table = self.query_one(DataTable)
        if not table.has_focus:
            self.action_focus_table()
        elif self.rows and table.cursor_row < len(self.rows):
            self.app.push_screen(LogViewScreen(self.ctx, self.rows[table.cursor_row].id))

    def action_export(self) -> None:
        """Ctrl+E: export the highlighted conversation's log again (after its review)."""
        table = self.query_one(DataTable)
        if self.rows and table.cursor_row < len(self.rows):
            export_again(self, self.ctx, self.rows[table.cursor_row].id)

    def action_focus_table(self) -> None:
        if self.rows:
            self.query_one(DataTable).focus()

    def action_pack(self) -> None:
        """Ctrl+K on the list: a kollegaveiledning pack of the highlighted conversation (in the
        search field, Ctrl+K keeps its editing meaning)."""
        table = self.query_one(DataTable)
        if self.rows and table.cursor_row < len(self.rows):
            make_pack(self, self.ctx, self.rows[table.cursor_row].id)

    @on(DataTable.RowSelected)
    def _open(self, event: DataTable.RowSelected) -> None:  # a click on a row
        if event.row_key.value:
            self.app.push_screen(LogViewScreen(self.ctx, event.row_key.value))


class LogViewScreen(KeyedScreen):
    """One session's log, read-only; it can be exported again (after the privacy review)."""

    KEYS = keys.LOG_VIEW
    """The keys of this screen, in the order the help (Ctrl+G) lists them."""
    BINDINGS: ClassVar[list[BindingType]] = list(bindings(KEYS))

    def __init__(self, ctx: Context, session_id: str) -> None:
        super().__init__()
        self.ctx = ctx
        translate_bindings(self)
        self.session_id = session_id
        self.reflection_log: ReflectionLog = log_for(ctx.model, ctx.conversation.store, session_id)

    def compose(self) -> ComposeResult:
        yield Markdown(render_markdown(self.ctx.model, self.reflection_log), id="log-view")
        yield KeyFooter()

    def action_export(self) -> None:
        export_again(self, self.ctx, self.session_id, self.reflection_log)

    def action_pack(self) -> None:
        """A kollegaveiledning pack of this conversation (Ctrl+K)."""
        make_pack(self, self.ctx, self.session_id)


def export_again(screen: Screen[None], ctx: Context, session_id: str,
                 log: ReflectionLog | None = None) -> None:  # fmt: skip
    """Export a saved conversation's log again, after its privacy review (Ctrl+E)."""

    def done(paths: list[Path], error: str | None, already: bool = False) -> None:
        if error:
            screen.notify(error, severity="error", timeout=8)
        else:
            screen.notify(t("logs.exported", paths=", ".join(str(p) for p in paths)), timeout=8)

    if log is None:
        log = log_for(ctx.model, ctx.conversation.store, session_id)
    from tui.screens.review import review_and_save

    review_and_save(screen, ctx, log, session_id, done)


def make_pack(screen: Screen[None], ctx: Context, session_id: str) -> None:
    """A kollegaveiledning pack of ``session_id``: only once its log review is complete (Ctrl+E
    in the log runs it); the counsellor chooses what goes in, then every text in the pack passes
    the pack review, then HTML and Markdown are written to the export folder."""
    from tui.core.outputs.casepack import PackRefused, build_pack, vocabulary
    from tui.core.outputs.review import pending
    from tui.screens.pack import PackModal, PackReviewModal

    store = ctx.conversation.store
    if store.saved_log(session_id) is None:  # still going, or not yet reflected and saved
        screen.notify(ctx.model.ui["pakke.refused_unsaved"], severity="warning", timeout=10)
        return
    log = log_for(ctx.model, store, session_id)
    todo = len(pending(log, list(store.load(session_id).decisions)))
    if todo:
        screen.notify(ctx.model.ui["pakke.refused_review"].format(n=todo), severity="warning",
                      timeout=10)  # fmt: skip
        return

    def reviewed(pack: Pack | None) -> None:
        if pack is not None:
            write_pack(screen, ctx, pack)

    def chosen(choice: Choice | None) -> None:
        if choice is None:
            return
        try:
            pack = build_pack(ctx.model, log, 0, choice, own_records(store))
        except PackRefused as exc:
            screen.notify(str(exc), severity="warning", timeout=10)
            return
        screen.app.push_screen(PackReviewModal(pack, vocabulary(ctx.model)), reviewed)

    screen.app.push_screen(PackModal(), chosen)


def write_pack(screen: Screen[Any], ctx: Context, pack: Pack) -> None:
    """A reviewed pack as HTML and Markdown in the export folder, and where it went."""
    from tui.core.outputs import formats
    from tui.core.outputs.export import ExportError, write_pair

    model = ctx.model
    target = ctx.export_dir / f"kollegaveiledning-{pack.week or pack.month or 'pakke'}.html"
    try:
        page, text = write_pair(
            target,
            {f".{f.suffix}": f.encode(model, pack) for f in formats.PACK.values()},
        )
    except ExportError as exc:
        screen.notify(str(exc), severity="error", timeout=10)
        return
    screen.notify(t("pack.written", paths=f"{page}, {text}"), timeout=10)
