"""The case-pack modals: what goes into a kollegaveiledning pack, and the pack's own review."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Checkbox, Input, Label, Static

from tui import keys
from tui.bindings import bindings
from tui.core.base.strings import t
from tui.core.conversation.notes import visible
from tui.core.outputs.casepack import Choice, Kept, Pack, decide, pack_findings
from tui.core.privacy import Kind
from tui.screens.modal import KeyModal


class PackModal(KeyModal[Choice | None]):
    """Moments, timeline, answers (each can be left out), a question for the group and,
    only if typed, the counsellor's name. Enter in a field (or Ctrl+S) makes the pack."""

    KEYS = keys.PACK
    BINDINGS: ClassVar[list[BindingType]] = list(bindings(KEYS))

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("pack.title"), classes="modal-title")
            yield Static(t("pack.body"))
            yield Checkbox(t("pack.moments"), value=True, id="pack-moments")
            yield Checkbox(t("pack.timeline"), value=True, id="pack-timeline")
            yield Checkbox(t("pack.answers"), value=True, id="pack-answers")
            yield Label(t("pack.question"))
            yield Input(id="pack-question")
            yield Label(t("pack.name"))
            yield Input(id="pack-name", placeholder=t("pack.name_hint"))
            yield Static(self.hint("pack.keys"), classes="modal-keys")

    def on_mount(self) -> None:
        self.query_one("#pack-question", Input).focus()

    @on(Input.Submitted)
    def action_make(self) -> None:
        def ticked(box: str) -> bool:
            return self.query_one(f"#pack-{box}", Checkbox).value

        self.dismiss(
            Choice(
                moments=ticked("moments"),
                timeline=ticked("timeline"),
                answers=ticked("answers"),
                question=self.query_one("#pack-question", Input).value,
                name=self.query_one("#pack-name", Input).value,
            )
        )

    def action_close(self) -> None:
        self.dismiss(None)


class PackReviewModal(KeyModal[Pack | None]):
    """The pack review: each hit in the pack's texts, in context. ``m`` masks it, ``r`` rewrites
    it (what is typed in the field replaces the hit), ``b`` keeps it with a reason typed in the
    field. Esc in the field goes back to the hit; Esc on the hit cancels the pack. Dismisses
    with the reviewed pack, or None."""

    KEYS = keys.PACK_REVIEW
    BINDINGS: ClassVar[list[BindingType]] = list(bindings(KEYS))
    AUTO_FOCUS = ""  # the field is for a rewrite or a reason only: letters are keys until then

    def __init__(self, pack: Pack, vocab: frozenset[str]) -> None:
        super().__init__()
        self.pack = pack
        self.vocab = vocab
        self.kept: list[Kept] = []
        self.findings = pack_findings(pack, vocab)
        self.decided = 0
        self.mode: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(id="packreview-title", classes="modal-title")
            yield Static(t("packreview.body"))
            yield Static(id="packreview-where")
            yield Static(id="packreview-hit")
            yield Label("", id="packreview-label")
            yield Input(id="packreview-input", select_on_focus=False)
            yield Static(self.hint("packreview.keys"), classes="modal-keys")

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        field = self.query_one("#packreview-input", Input)
        field.can_focus = self.mode is not None  # until r or b, letters are the keys
        if self.mode is None:
            self.query_one("#packreview-label", Label).update("")
        if not self.findings:
            self.dismiss(self.pack)
            return
        finding = self.findings[0]
        kind = finding.hit.kind
        name = t(f"packreview.kind.{kind.name}") if kind in (Kind.NAVN, Kind.STED) else kind.label
        total = self.decided + len(self.findings)  # a rewrite may bring a new hit
        self.query_one("#packreview-title", Static).update(
            t("packreview.title", n=self.decided + 1, total=total, kind=name.lower())
        )
        self.query_one("#packreview-where", Static).update(_source_label(finding.source))
        hit = finding.hit
        before = finding.text[max(0, hit.start - 40) : hit.start]
        after = finding.text[hit.end : hit.end + 40]
        line = Text()
        line.append(("…" if hit.start > 40 else "") + visible(before))
        line.append(f"⟦{visible(hit.text)}⟧", style="bold reverse")
        line.append(visible(after) + ("…" if hit.end + 40 < len(finding.text) else ""))
        self.query_one("#packreview-hit", Static).update(line)

    def action_decide(self, decision: str) -> None:
        if not self.findings or self.mode is not None:
            return
        self.pack, _ = decide(self.pack, self.findings[0], decision)
        self._next()

    def action_begin(self, mode: str) -> None:
        if not self.findings or self.mode is not None:
            return
        self.mode = mode
        field = self.query_one("#packreview-input", Input)
        field.value = ""  # the hit stands above; what is typed replaces it
        self.query_one("#packreview-label", Label).update(t(f"packreview.{mode}_label"))
        self._show()
        self.set_focus(field)  # now, not later: the keys typed straight after go into it

    @on(Input.Submitted, "#packreview-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.mode is None or not self.findings:
            return
        value = event.value
        if self.mode == "keep" and not value.strip():
            return  # a kept hit needs a reason; the field stays open
        self.pack, key = decide(self.pack, self.findings[0], self.mode, value)
        if key is not None:
            self.kept.append(key)
        self.mode = None
        self.query_one("#packreview-input", Input).value = ""
        self.set_focus(None)
        self._next()

    def _next(self) -> None:
        self.decided += 1
        self.findings = pack_findings(self.pack, self.vocab, self.kept)
        self._show()

    def action_cancel(self) -> None:
        if self.mode is not None:  # Esc in the field: back to the hit
            self.mode = None
            self.query_one("#packreview-input", Input).value = ""
            self._show()
            self.set_focus(None)
            return
        self.dismiss(None)


def _source_label(source: str) -> str:
    kind, *index = source.split(".")
    if kind in ("question", "name"):
        return t(f"packreview.source.{kind}")
    return t(f"packreview.source.{kind}", n=int(index[0]) + 1)
