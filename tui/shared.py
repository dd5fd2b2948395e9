"""What screens share while Veiviser runs, as Textual Signals a screen or widget subscribes to.

The app owns one :class:`Shared` and publishes; nothing reaches into a screen to tell it. A
screen subscribes in ``on_mount`` and is unsubscribed by Textual when it goes.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.dom import DOMNode
from textual.signal import Signal


@dataclass(frozen=True)
class SaveState:
    """Whether everything typed is on the disk: ``error`` says why not (a full disk …);
    ``quit_said`` is the answer to a Ctrl+Q refused while text waits."""

    error: str | None = None
    quit_said: str | None = None


class Shared:
    """The shared state of one running Veiviser, and the signals that say it changed."""

    def __init__(self, owner: DOMNode) -> None:
        self.save_state = SaveState()
        self.saving: Signal[SaveState] = Signal(owner, "saving")
        """The save state changed: the banners show or hide it."""
        self.words: Signal[bool] = Signal(owner, "words")
        """Plain words were switched on (True) or off."""
        self.conversation: Signal[str] = Signal(owner, "conversation")
        """The running conversation changed outside its screen: ``"copied"`` (a prompt was
        copied from a modal or the palette) or ``"saved"`` (the log was archived, masks and
        all: what is shown must be what was saved)."""
        self.flush: Signal[None] = Signal(owner, "flush")
        """Take what the fields show into the conversation now (quit, a signal, a crash).
        Subscribed with ``immediate=True``: it runs before the publisher goes on."""

    def set_save_state(self, state: SaveState) -> None:
        self.save_state = state
        self.saving.publish(state)
