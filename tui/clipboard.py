"""Copying to the clipboard: the system clipboard, else the terminal (OSC 52), else by hand.

pyperclip raises when there is no clipboard (no $DISPLAY, no xclip); OSC 52 never raises but
cannot confirm it worked, and some terminals ignore it. So: try the system clipboard, fall back
to OSC 52 where the terminal may support it, and otherwise tell the caller to show the text for
copying by hand. Nothing here may raise into the app.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from enum import StrEnum


class CopyMethod(StrEnum):
    """How a text reached (or should reach) the clipboard."""

    SYSTEM = "system"
    TERMINAL = "terminal"
    MANUAL = "manual"


def osc52_possible(env: Mapping[str, str]) -> bool:
    """Return False where OSC 52 is known not to work (dumb terminals, macOS Terminal)."""
    term = env.get("TERM", "")
    return term not in ("", "dumb") and env.get("TERM_PROGRAM") != "Apple_Terminal"


def _pyperclip_copy(text: str) -> None:
    import pyperclip  # imported on first copy: keeps start-up lean

    pyperclip.copy(text)


class Clipboard:
    """Copies text by the best method that works here, remembering a failed system clipboard."""

    def __init__(
        self,
        system_copy: Callable[[str], None] | None = _pyperclip_copy,
        env: Mapping[str, str] | None = None,
    ) -> None:
        self._system_copy = system_copy
        self._env = os.environ if env is None else env
        self._system_ok: bool | None = None if system_copy else False

    def copy(self, text: str, terminal_copy: Callable[[str], None]) -> CopyMethod:
        """Copy ``text``; return the method used (MANUAL: show it to be copied by hand)."""
        if self._system_ok is not False and self._system_copy is not None:
            try:
                self._system_copy(text)
            except Exception:  # pyperclip raises its own and OS errors; never crash a copy
                self._system_ok = False
            else:
                self._system_ok = True
                return CopyMethod.SYSTEM
        if osc52_possible(self._env):
            try:
                terminal_copy(text)
            except Exception:
                return CopyMethod.MANUAL
            return CopyMethod.TERMINAL
        return CopyMethod.MANUAL
