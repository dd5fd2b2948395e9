"""The case-pack modal: the counsellor chooses what goes into a kollegaveiledning pack."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Checkbox, Input, Label, Static

from tui import keys
from tui.bindings import bindings
from tui.core.casepack import Choice
from tui.core.strings import t
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
