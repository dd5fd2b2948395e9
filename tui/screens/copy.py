"""Copying a prompt: the key that picks it, the placeholders, and copying by hand."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Label, Static, TextArea

from tui import keys
from tui.bindings import bindings
from tui.clipboard import CopyMethod
from tui.context import Context
from tui.core.base.strings import shorten, t
from tui.core.model.content import Channel, PromptRef
from tui.messages import Written
from tui.screens.modal import KeyModal


class CopyKeyModal(KeyModal[PromptRef | None]):
    """The second keystroke of a copy: a digit for a question, a letter for a knapp prompt.

    Drawn as a one-line bar at the bottom so the guide stays readable behind it.
    """

    KEYS = keys.PICK
    BINDINGS: ClassVar[list[BindingType]] = list(bindings(KEYS))

    def __init__(self, targets: dict[str, PromptRef]) -> None:
        super().__init__()
        self.targets = targets

    def compose(self) -> ComposeResult:
        numbers = [k for k in self.targets if k.isdigit()]
        letters = [k for k in self.targets if not k.isdigit()]
        if letters:
            hint = self.hint("copy.keys", n=len(numbers), last=letters[-1])
        else:
            hint = self.hint("copy.keys_no_knapp", n=len(numbers))
        yield Static(Content.from_markup("[b $accent]$title:[/] ", title=t("copy.title")) + hint)

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character in self.targets:
            event.stop()
            self.dismiss(self.targets[event.character])
        elif event.character and event.character.isprintable():
            event.stop()
            self.notify(t("copy.none", key=event.character), severity="warning", timeout=2)
            self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)


class PlaceholderModal(KeyModal[str | None]):
    """Ask for each ``{placeholder}`` before copying; returns the filled text."""

    KEYS = keys.CLOSE
    BINDINGS: ClassVar[list[BindingType]] = list(bindings(KEYS))

    def __init__(self, ref: PromptRef, channel: Channel) -> None:
        super().__init__()
        self.ref = ref
        self.channel = channel
        self.names = ref.prompt.placeholders(channel)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("copy.placeholder_title"), classes="modal-title")
            yield Static(self.ref.prompt.text(self.channel), markup=False)
            for name in self.names:
                yield Label(name.replace("_", " ").capitalize())
                yield Input(id=f"ph-{name}", classes="placeholder")
            yield Static(self.hint("copy.placeholder_hint"), classes="modal-keys")

    @on(Input.Submitted)
    def _next_or_done(self, event: Input.Submitted) -> None:
        inputs = list(self.query(".placeholder").results(Input))
        index = inputs.index(event.input)
        if index + 1 < len(inputs) and not inputs[index + 1].value:
            inputs[index + 1].focus()
            return
        values = {name: inp.value for name, inp in zip(self.names, inputs, strict=True)}
        self.dismiss(self.ref.prompt.fill(self.channel, values))

    def action_close(self) -> None:
        self.dismiss(None)


class ManualCopyModal(KeyModal[None]):
    """No clipboard works here: show the text selected, for the terminal's own copy."""

    KEYS = keys.CLOSE
    BINDINGS: ClassVar[list[BindingType]] = list(bindings(KEYS))

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("copy.manual_title"), classes="modal-title")
            yield Static(t("copy.manual_body"))
            yield TextArea(self.text, read_only=True, soft_wrap=True, id="manual-text")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.select_all()

    def action_close(self) -> None:
        self.dismiss(None)


def copy_prompt(owner: Screen[Any], ctx: Context, ref: PromptRef | None) -> None:
    """Copy a prompt in the conversation's channel from ``owner`` (asking for placeholders
    first); the conversation records it and :attr:`Shared.conversation` says ``"copied"``."""
    if ref is None:
        return
    channel = ctx.conversation.session.channel
    if ref.prompt.placeholders(channel):

        def filled(text: str | None) -> None:
            if text is not None:
                deliver(owner, ctx, ref, text)

        owner.app.push_screen(PlaceholderModal(ref, channel), filled)
    else:
        deliver(owner, ctx, ref, ref.prompt.text(channel))


def deliver(owner: Screen[Any], ctx: Context, ref: PromptRef, text: str) -> CopyMethod:
    """Put ``text`` on a clipboard (or show it for copying by hand) and record the copy."""
    app = owner.app
    method = ctx.clipboard.copy(text, app.copy_to_clipboard)
    ctx.conversation.record_copy(ref.id, text)
    if method is CopyMethod.MANUAL:
        app.push_screen(ManualCopyModal(text))
    else:
        app.notify(t(f"copy.{method.value}"), title=shorten(text, 60), timeout=3, markup=False)
    ctx.shared.conversation.publish("copied")
    owner.post_message(Written())
    return method
