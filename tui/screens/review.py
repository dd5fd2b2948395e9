"""The privacy review before a log leaves the archive, and what was saved where."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar, Protocol

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from tui import keys
from tui.bindings import bindings
from tui.context import Context
from tui.core.base.strings import t
from tui.core.conversation.notes import visible
from tui.core.outputs.log import ReflectionLog
from tui.core.outputs.review import Decision, Finding, counted, pending
from tui.messages import Written
from tui.screens.modal import KeyModal


class Done(Protocol):
    """Told where a saved log's files are (``already``: saved before, nothing new written)."""

    def __call__(self, paths: list[Path], error: str | None, already: bool = False) -> None: ...


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


def review_and_save(owner: Screen[Any], ctx: Context, log: ReflectionLog | None,
                    session_id: str | None, done: Done) -> None:  # fmt: skip
    """Privacy review, then archive and export (the running conversation's log by default).

    ``done(paths, error, already=False)`` is told where the files are. When the log was
    archived, :attr:`Shared.conversation` says ``"saved"``: screens then show the saved texts,
    masks and all."""
    from tui.core.outputs import logflow

    conversation = ctx.conversation
    conversation.save_everything()
    if conversation.unsaved:  # the disk is full: the review waits, the text stays where it is
        not_saved(owner)
        return
    sid = session_id or conversation.session_id
    if log is None:
        log = logflow.running_log(conversation)
        if logflow.saved_unchanged(conversation.store, sid, log):
            # F10 again on a saved conversation (back from the logs, say): nothing new to
            # export. Say where it is, and offer what comes next; no second pair of files.
            paths = logflow.export_paths(ctx.export_dir, log, sid)
            done([p for p in paths if p.exists()], None, already=True)
            return
    decisions = list(conversation.store.load(sid).decisions)

    def decide(current: ReflectionLog, finding: Finding,
               decision: str) -> tuple[ReflectionLog, Decision]:  # fmt: skip
        return logflow.decide(conversation, sid, current, finding, decision)

    def reviewed(final: ReflectionLog | None) -> None:
        if final is None:
            return
        try:
            paths, error = logflow.save_and_export(conversation, sid, final, ctx.export_dir)
        except logflow.NotArchived:
            not_saved(owner)
            return
        owner.post_message(Written())
        ctx.shared.conversation.publish("saved")
        done(paths, error)

    modal = PrivacyReviewModal(log, decisions, decide, source_label(ctx))
    owner.app.push_screen(modal, reviewed)


def not_saved(owner: Screen[Any]) -> None:
    """The log cannot be saved yet: a bell, and the banner (with its retry) at once. It says
    so at the top, never in a notice over the answers."""
    owner.post_message(Written())
    owner.app.bell()


def source_label(ctx: Context) -> Callable[[str], str]:
    """How the privacy review names where a hit is: the note, the answer or the copy."""

    def label(source: str) -> str:
        kind, _, key = source.partition(":")
        if kind == "note":
            notes = ctx.conversation.session.notes
            note = next((n for n in notes if str(n.id) == key), None)
            phase = ctx.model.phase(note.phase).name if note and note.phase else "–"
            return t("review.note", no=key, phase=phase)
        if kind == "answer":
            question = next((q.text for q in ctx.model.reflection if q.id == key), key)
            return t("review.answer", question=question)
        return t("review.copy", no=key)

    return label
