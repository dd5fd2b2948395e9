"""What screens and widgets ask of the app. They post these; the app handles each with ``@on``.

Screens never import the app: they read and change the conversation through their
:class:`~tui.context.Context`, and post a message for anything that opens another screen,
touches the clipboard or leaves the machine.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

from tui.core.content import PromptRef

if TYPE_CHECKING:
    from tui.core.log import ReflectionLog


class ExplainKind(StrEnum):
    """What F6, F7 and F8 explain."""

    PHASE = "phase"
    KOLB = "kolb"
    KNAPP = "knapp"


@dataclass
class TextChanged(Message):
    """The note field or a reflection answer changed (it is saved after a short pause)."""

    field: str
    text: str


class Written(Message):
    """Something was written to the archive: show or hide the "not saved" banner."""


@dataclass
class CopyRequested(Message):
    """Copy a prompt in the conversation's channel (asking for placeholders first)."""

    ref: PromptRef | None


@dataclass
class ExplainRequested(Message):
    """Explain the current phase, its suggested Kolb stage or its knapper."""

    kind: ExplainKind


@dataclass
class ElementRequested(Message):
    """Explain one Kolb stage or knapp (from the palette)."""

    element_id: str


class OverviewRequested(Message):
    """Show the three rings."""


class HelpRequested(Message):
    """Show every key in force."""


class AboutRequested(Message):
    """Show «Om modellen»: where the rings come from, and what Veiviser suggests."""


class LogsRequested(Message):
    """Open the archive of past conversations."""


class PracticeRequested(Message):
    """Open «Min praksis»: how the model has been used across conversations."""


class PlainWordsToggled(Message):
    """Switch between plain words and theory terms."""


@dataclass
class FinishRequested(Message):
    """Finish the conversation (if it is not; at ``at``, else now) and open the reflection;
    ``outcome`` when it ended otherwise than as a whole conversation (counted apart)."""

    at: float | None = None
    outcome: str | None = None


@dataclass
class SaveRequested(Message):
    """Review privacy, then archive and export a log: the running one when ``log`` is None."""

    log: ReflectionLog | None = None
    session_id: str | None = None
    done: Callable[[list[Path], str | None], None] | None = None
