"""What screens and widgets ask of the app. They post these; the app handles each with ``@on``.

Screens never import the app: they read and change the conversation through their
:class:`~tui.context.Context` and do their own work (notes, moves, copies, the reflection and
its review); they post one of these only for what the app owns: another screen, the help,
plain words, and what comes after a saved log.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

from tui.core.model.content import PromptRef
from tui.keys import Key

if TYPE_CHECKING:  # the chat's modules load when a chat is first opened, not at start
    from tui.core.chat.transcript import Transcript


class ExplainKind(StrEnum):
    """What F6, F7 and F8 explain."""

    PHASE = "phase"
    KOLB = "kolb"
    KNAPP = "knapp"


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


@dataclass
class HelpRequested(Message):
    """Show every key in force on the screen that asks (its ``keys``), then the app's own."""

    keys: tuple[Key, ...]


class AboutRequested(Message):
    """Show «Om modellen»: where the rings come from, and what Veiviser suggests."""


class LogsRequested(Message):
    """Open the archive of past conversations."""


class PracticeRequested(Message):
    """Open «Min praksis»: how the model has been used across conversations."""


@dataclass
class VerkstedRequested(Message):
    """Open a knappeverksted for ``knapp`` (an id), or ask which knapp first (None)."""

    knapp: str | None = None


@dataclass
class ChatRequested(Message):
    """Look back at a chat: the one read from a file (``veiviser chat FILE``), or pasted."""

    transcript: Transcript | None = None


class PlainWordsToggled(Message):
    """Switch between plain words and theory terms."""


@dataclass
class FinishRequested(Message):
    """Finish the conversation (if it is not; at ``at``, else now) and open the reflection;
    ``outcome`` when it ended otherwise than as a whole conversation (counted apart)."""

    at: float | None = None
    outcome: str | None = None


@dataclass
class LogSaved(Message):
    """The reflection's log is archived and exported (or was already, ``already``): the app
    says where, and offers what comes next."""

    paths: list[Path]
    error: str | None
    already: bool = False
