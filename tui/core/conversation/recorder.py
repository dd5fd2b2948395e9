"""Writing a session to the store as it happens, keeping writes in memory while they fail."""

from __future__ import annotations

from collections.abc import Callable
from itertools import count

from tui.core.archive.store import Store, StoreWriteError
from tui.core.conversation.session import Event


class Recorder:
    """Commits every event at once. When a write fails (disk full, I/O error) the write waits in
    memory, ``error`` says why, and the next write or :meth:`flush` tries again, in order.
    Saves of the same draft are coalesced: only the newest text waits.
    """

    def __init__(self, store: Store, session_id: str) -> None:
        self.store = store
        self.session_id = session_id
        self.pending: dict[str, Callable[[], None]] = {}
        self.error: str | None = None
        self._seq = count()

    def __call__(self, event: Event) -> None:
        """Listener for :meth:`Session.subscribe`."""
        self.run(f"event:{next(self._seq)}", lambda: self.store.record(self.session_id, event))

    def draft(self, field_name: str, text: str) -> bool:
        """Save the text being typed in ``field_name``; True if it reached the disk."""
        return self.run(
            f"draft:{field_name}",
            lambda: self.store.save_draft(self.session_id, field_name, text),
        )

    def answer(self, question_id: str, text: str) -> bool:
        """Save a reflection answer; True if it reached the disk."""
        return self.run(
            f"answer:{question_id}",
            lambda: self.store.save_answer(self.session_id, question_id, text),
        )

    def run(self, key: str, write: Callable[[], None]) -> bool:
        """Queue ``write`` under ``key`` (replacing a waiting write with the same key) and flush."""
        self.pending.pop(key, None)
        self.pending[key] = write
        return self.flush()

    def flush(self) -> bool:
        """Try every waiting write in order; True when nothing is left waiting."""
        while self.pending:
            key = next(iter(self.pending))
            try:
                self.pending[key]()
            except StoreWriteError as exc:
                self.error = exc.reason  # in the app's words: «disken er full»

                return False
            del self.pending[key]
        self.error = None
        return True
