"""Notes typed during the conversation, and the prompts copied into it."""

from __future__ import annotations

from dataclasses import dataclass

from tui.core.model.content import PhaseId


@dataclass(frozen=True)
class Note:
    """A saved note, stamped with when and where in the conversation it was written."""

    id: int
    at: float
    phase: PhaseId | None
    round: int
    text: str
    knapp: str | None = None
    """The karriereknapp the counsellor tagged the note with, if any."""
    pinned: bool = False
    """Marked as a moment worth discussing with a colleague; pinned notes lead the log."""


@dataclass(frozen=True)
class Pin:
    """A note was pinned or unpinned."""

    note_id: int
    pinned: bool


@dataclass(frozen=True)
class Copy:
    """A prompt copied into the conversation (which question was used, and when)."""

    at: float
    prompt_id: str
    phase: PhaseId | None
    text: str
    """The text as copied, placeholders filled in."""


_CONTROLS = {c: chr(0x2400 + c) for c in range(0x20)} | {0x7F: "\u2421"}
_CONTROLS.update({c: "\ufffd" for c in range(0x80, 0xA0)})


_KEEP_LINES = {k: v for k, v in _CONTROLS.items() if k not in (0x09, 0x0A)}


def visible(text: str, lines: bool = False) -> str:
    """Text safe to draw in a terminal: control characters (ESC, BEL, …) become visible
    symbols (␛, ␇), so a pasted escape sequence cannot clear or take over the screen.
    With ``lines``, newlines and tabs are kept (multi-line answers)."""
    return text.translate(_KEEP_LINES if lines else _CONTROLS)


def clock_label(seconds: float) -> str:
    """Format a duration as ``m:ss`` or ``h:mm:ss``."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"
