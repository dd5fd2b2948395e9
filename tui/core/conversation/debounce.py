"""When to save text being typed: after a short pause, and at least every so often."""

from __future__ import annotations

from dataclasses import dataclass

IDLE = 0.4
"""Seconds without typing before the text is saved."""
MAX_WAIT = 1.0
"""Longest time typing may go on without a save (so a kill loses at most this)."""


@dataclass
class Debounce:
    """Tracks unsaved changes to one field; the UI asks :meth:`due_at` and calls :meth:`saved`."""

    idle: float = IDLE
    max_wait: float = MAX_WAIT
    first: float | None = None
    last: float | None = None

    def changed(self, now: float) -> None:
        """Record a change at ``now``."""
        if self.first is None:
            self.first = now
        self.last = now

    @property
    def dirty(self) -> bool:
        """True while a change waits to be saved."""
        return self.first is not None

    def due_at(self) -> float | None:
        """When the waiting change should be saved (None when nothing waits)."""
        if self.first is None or self.last is None:
            return None
        return min(self.last + self.idle, self.first + self.max_wait)

    def saved(self) -> None:
        """The waiting change was saved."""
        self.first = self.last = None
