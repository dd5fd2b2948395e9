"""Helpers for driving the app with Textual's Pilot."""

from __future__ import annotations

import io
from collections.abc import Callable

from rich.console import Console
from textual.content import Content as TextualContent
from textual.widgets import Input, Static

from tui.app import VeiviserApp

AppFactory = Callable[..., VeiviserApp]


def notes_input(app: VeiviserApp) -> Input:
    return app.screen.query_one("#note-input", Input)


def text_of(widget: Static) -> str:
    """The plain text a Static shows (Content, str or a Rich renderable)."""
    content = widget.content
    if isinstance(content, str | TextualContent):
        return str(content)
    console = Console(width=200, file=io.StringIO(), record=True)
    console.print(content)
    return console.export_text()


async def wait_until(pilot, condition: Callable[[], bool], timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    """Let the app run until ``condition`` holds (for async work such as palette searches)."""
    for _ in range(int(timeout / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("condition never became true")


def messages(app: VeiviserApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def type_text(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    for char in text:
        await pilot.press("space" if char == " " else char)


def burst(app: VeiviserApp, keys: list[str]) -> None:
    """Keys as a terminal delivers fast typing (or a laggy remote desktop a backlog): all queued
    before any is handled. ``Pilot.press`` waits for each key in turn, which hides the race."""
    from textual import events

    for key in keys:
        name = "space" if key == " " else key
        if len(key) == 1:
            char: str | None = key
        elif key.startswith("ctrl+") and len(key) == 6:
            char = chr(ord(key[-1]) - 96)
        else:
            char = {"enter": "\r", "tab": "\t", "escape": "\x1b"}.get(key)
        event = events.Key(name, char)
        event.set_sender(app)
        app._driver.send_message(event)  # type: ignore[union-attr]  # no wait in between
