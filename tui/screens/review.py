"""The privacy review before a log leaves the archive, and what was saved where."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Static

from tui import keys
from tui.bindings import bindings
from tui.core.log import ReflectionLog
from tui.core.notes import visible
from tui.core.review import Decision, Finding, counted, pending
from tui.core.strings import t
from tui.screens.modal import KeyModal

Decide = Callable[[ReflectionLog, Finding, str], tuple[ReflectionLog, Decision]]


class PrivacyReviewModal(KeyModal[ReflectionLog | None]):
    """Each hit in context: ``m`` masks it, ``b`` keeps it on purpose. Esc goes back."""

    KEYS = keys.REVIEW
    BINDINGS: ClassVar[list[BindingType]] = list(bindings(KEYS))

    def __init__(self, log: ReflectionLog, decisions: list[Decision], decide: Decide,
                 source_label: Callable[[str], str]) -> None:  # fmt: skip
        super().__init__()
        self.reflection_log = log
        self.decisions = list(decisions)
        self.decide = decide
        self.source_label = source_label
        self.findings = pending(log, self.decisions)
        self.total = len(self.findings)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(id="review-title", classes="modal-title")
            yield Static(id="review-where")
            yield Static(id="hit")
            yield Static(self.hint("review.keys"), classes="modal-keys")

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        if not self.findings:
            self.dismiss(counted(self.reflection_log, self.decisions))
            return
        finding = self.findings[0]
        done = self.total - len(self.findings) + 1
        self.query_one("#review-title", Static).update(
            t("review.title", n=done, total=self.total, kind=finding.hit.kind.label)
        )
        self.query_one("#review-where", Static).update(self.source_label(finding.source))
        hit = finding.hit
        before = finding.text[max(0, hit.start - 40) : hit.start]
        after = finding.text[hit.end : hit.end + 40]
        line = Text()
        line.append(("…" if hit.start > 40 else "") + visible(before))
        line.append(f"⟦{visible(hit.text)}⟧", style="bold reverse")
        line.append(visible(after) + ("…" if hit.end + 40 < len(finding.text) else ""))
        self.query_one("#hit", Static).update(line)

    def action_decide(self, decision: str) -> None:
        if not self.findings:
            return
        self.reflection_log, record = self.decide(self.reflection_log, self.findings[0], decision)
        self.decisions.append(record)
        self.findings = pending(self.reflection_log, self.decisions)
        self._show()

    def action_cancel(self) -> None:
        self.dismiss(None)


class SavedModal(KeyModal[str | None]):
    """The log is saved: where, and what next (new conversation, the logs, quit)."""

    KEYS = keys.SAVED
    BINDINGS: ClassVar[list[BindingType]] = list(bindings(KEYS))

    def __init__(self, paths: list[Path], error: str | None, quit_key: str = "Ctrl+Q",
                 already: bool = False) -> None:  # fmt: skip
        super().__init__()
        self.already = already
        """Saved before, and unchanged since: nothing was exported again."""
        self.paths = paths
        self.error = error
        self.quit_key = quit_key

    def compose(self) -> ComposeResult:
        body = t("saved.body") + "\n" + "\n".join(f"  {p}" for p in self.paths)
        if self.error:
            body = t("saved.archive_only", error=self.error)
        with Vertical():
            yield Static(t("saved.already" if self.already else "saved.title"),
                         classes="modal-title")  # fmt: skip
            yield Static(body, markup=False)
            yield Static(self.hint("saved.keys", quit=self.quit_key), classes="modal-keys")

    def action_choose(self, choice: str | None) -> None:
        self.dismiss(choice)
