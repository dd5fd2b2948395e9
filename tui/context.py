"""What every screen is given: the model, the conversation, the keys in force and the words.

Handed to screens when they are made, so that a screen never needs the app (and never imports
it). Textual-free.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tui import keys as registry
from tui.clipboard import Clipboard
from tui.core.conversation.conversation import Conversation
from tui.core.model.content import Content, PhaseId

if TYPE_CHECKING:
    from tui.core.model.team import Focus
    from tui.core.outputs.practice import Nudge
    from tui.shared import Shared


@dataclass
class Context:
    """Shared, live state of one running Veiviser."""

    model: Content
    conversation: Conversation
    export_dir: Path
    config_path: Path
    shared: Shared
    """The app's shared state and the signals that say it changed."""
    clipboard: Clipboard = field(default_factory=Clipboard)
    keymap: dict[str, str] = field(default_factory=dict)
    """The config's ``keymap:``: binding id → key(s)."""
    plain_words: bool = True
    shown_phase: PhaseId = "kontakt"
    """The phase the guide shows (Kontakt before the start)."""
    focus: Focus | None = None
    """The vaktleder's knapp in focus today (from the team file), if any."""
    nudge: Nudge | None = None
    """A knapp not used lately, suggested in Kommunikasjon until dismissed (``nudge_after``)."""

    def raw_key(self, binding_id: str) -> str | None:
        """The Textual key name in force for a binding (``f1``), to compare with key events."""
        default = registry.default_key(binding_id)
        return None if default is None else self.keymap.get(binding_id, default).split(",")[0]

    def key(self, binding_id: str) -> str:
        """The key in force for a binding as the user reads it (``F1``, ``Ctrl+Y``)."""
        key = self.raw_key(binding_id)
        return "" if key is None else registry.display(key)

    def keys(self, ids: list[str]) -> dict[str, str]:
        """Labels for several binding ids."""
        return {i: self.key(i) for i in ids}
