"""What every full screen has: its keys as data, and Ctrl+G showing them."""

from __future__ import annotations

from typing import ClassVar

from textual.screen import Screen

from tui.keys import Key
from tui.messages import HelpRequested


class KeyedScreen(Screen[None]):
    """A full screen whose keys the help lists (modals have :class:`tui.screens.modal.KeyModal`)."""

    KEYS: ClassVar[tuple[Key, ...]] = ()
    """The keys of this screen, in the order the help (Ctrl+G) lists them."""

    def action_help(self) -> None:
        """Ctrl+G: every key in force here, then the app's own."""
        self.post_message(HelpRequested(self.KEYS))
