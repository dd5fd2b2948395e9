"""Small one-key modals: choose the channel, tag a note with a knapp, confirm a step."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.core.content import Channel
from tui.core.content import Content as Model
from tui.strings import t

MODAL_CSS = """
{name} {{ align: center middle; background: $background 60%; }}
{name} > Vertical {{
    width: auto; min-width: 40; max-width: 90%; height: auto;
    padding: 1 2; border: thick $primary; background: $surface;
}}
{name} .modal-title {{ text-style: bold; color: $primary; margin-bottom: 1; }}
{name} .modal-keys {{ margin-top: 1; color: $text-muted; }}
"""


class ChannelModal(ModalScreen[Channel | None]):
    """Asked at start when ``--channel`` was not given: one key each."""

    DEFAULT_CSS = MODAL_CSS.format(name="ChannelModal")

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("channel.title"), classes="modal-title")
            yield Static(t("channel.question"))
            yield Static(Content.from_markup(t("channel.keys")), classes="modal-keys")

    def on_key(self, event: events.Key) -> None:
        choice: dict[str, Channel] = {"c": "chat", "t": "phone"}
        if event.key in choice:
            event.stop()
            self.dismiss(choice[event.key])
        elif event.key == "escape":
            event.stop()
            self.dismiss(None)


class TagModal(ModalScreen[str | None]):
    """Choose the knapp for the next note: a digit per knapp, 0 for none."""

    DEFAULT_CSS = MODAL_CSS.format(name="TagModal")

    def __init__(self, model: Model, current: str | None) -> None:
        super().__init__()
        self.model = model
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("tag.title"), classes="modal-title")
            lines = [Content.from_markup("[b]0[/]  $none", none=t("tag.none"))]
            for n, knapp in enumerate(self.model.knapper[:9], start=1):
                mark = "●" if knapp.id == self.current else "◆"
                lines.append(
                    Content.from_markup(
                        f"[b]$n[/]  [$element-{knapp.id}]$mark $name[/]",
                        n=str(n),
                        mark=mark,
                        name=knapp.name,
                    )
                )
            yield Static(Content("\n").join(lines))
            yield Static(Content.from_markup(t("tag.keys")), classes="modal-keys")

    def on_key(self, event: events.Key) -> None:
        event.stop()
        if event.key == "escape":
            self.dismiss(self.current)
        elif event.key == "0":
            self.dismiss(None)
        elif event.key.isdigit() and 1 <= int(event.key) <= min(9, len(self.model.knapper)):
            self.dismiss(self.model.knapper[int(event.key) - 1].id)


class ConfirmModal(ModalScreen[bool]):
    """Enter confirms, Esc cancels."""

    DEFAULT_CSS = MODAL_CSS.format(name="ConfirmModal")

    def __init__(self, title: str, body: str, keys: str) -> None:
        super().__init__()
        self.title_text = title
        self.body = body
        self.keys = keys

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, classes="modal-title")
            yield Static(self.body)
            yield Static(Content.from_markup(self.keys), classes="modal-keys")

    def on_key(self, event: events.Key) -> None:
        if event.key in ("enter", "escape"):
            event.stop()
            self.dismiss(event.key == "enter")
