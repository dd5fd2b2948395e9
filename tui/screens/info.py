"""Showing one element of the model (a Kolb stage or a knapp), and the key overview."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.core.content import Channel, Knapp, KolbStage, PromptRef
from tui.screens.choice import MODAL_CSS
from tui.strings import t


class InfoModal(ModalScreen[PromptRef | None]):
    """A Kolb stage or a knapp: what it means, then its prompts; a digit copies one."""

    DEFAULT_CSS = (
        MODAL_CSS.format(name="InfoModal")
        + """
    InfoModal > Vertical { max-width: 90; }
    """
    )

    def __init__(self, element: KolbStage | Knapp, refs: list[PromptRef], channel: Channel) -> None:
        super().__init__()
        self.element = element
        self.refs = refs[:9]
        self.channel = channel

    def compose(self) -> ComposeResult:
        el = self.element
        colour = f"$element-{el.id}"
        lines: list[Content] = []
        if isinstance(el, Knapp):
            title = Content.from_markup(f"[b {colour}]◆ $name[/]", name=el.name)
            lines += [
                Content.from_markup("[b]$h[/]", h=t("info.meaning")),
                Content(el.meaning),
                Content(""),
                Content.from_markup("[b]$h[/]", h=t("info.dilemma")),
                Content(el.dilemma),
            ]
        else:
            title = Content.from_markup(
                f"[b {colour}]● $plain[/] [dim]($theory)[/]", plain=el.plain, theory=el.theory
            )
            lines += [Content.from_markup("[b]$h[/]", h=t("info.plain")), Content(el.explanation)]
        lines += [Content(""), Content.from_markup("[b]$h[/]", h=t("info.prompts"))]
        for n, ref in enumerate(self.refs, start=1):
            lines.append(
                Content.from_markup(
                    f"[b {colour}]$n[/] $text", n=str(n), text=ref.prompt.text(self.channel)
                )
            )
        with Vertical():
            yield Static(title, classes="modal-title")
            yield Static(Content("\n").join(lines))
            yield Static(
                Content.from_markup(t("info.keys", n=len(self.refs))), classes="modal-keys"
            )

    def on_key(self, event: events.Key) -> None:
        if event.key == "escape":
            event.stop()
            self.dismiss(None)
        elif event.character and event.character.isdigit():
            event.stop()
            index = int(event.character) - 1
            if 0 <= index < len(self.refs):
                self.dismiss(self.refs[index])


class HelpModal(ModalScreen[None]):
    """Every key in force, read from the bindings themselves (so a remapped key shows)."""

    DEFAULT_CSS = (
        MODAL_CSS.format(name="HelpModal")
        + """
    HelpModal VerticalScroll { height: auto; max-height: 24; }
    """
    )
    BINDINGS: ClassVar = [Binding("escape", "close", show=False)]

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        width = max(len(key) for key, _ in self.rows)
        lines = [
            Content.from_markup("[b $accent]$key[/]  $desc", key=key.ljust(width), desc=desc)
            for key, desc in self.rows
        ]
        with Vertical():
            yield Static(t("help.title"), classes="modal-title")
            with VerticalScroll():
                yield Static(Content("\n").join(lines))
            yield Static(Content.from_markup(t("help.keys")), classes="modal-keys")

    def action_close(self) -> None:
        self.dismiss(None)
