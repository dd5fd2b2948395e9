"""Fakes for the clock and the clipboard."""

from __future__ import annotations

from tui.clipboard import Clipboard


class FakeClock:
    """A clock the test moves by hand (``clock.advance(60)``)."""

    def __init__(self, start: float = 1_700_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class RecordingClipboard(Clipboard):
    """Records what was copied; ``system`` decides whether the system clipboard works."""

    def __init__(self, system: bool = True, env: dict[str, str] | None = None) -> None:
        self.copied: list[str] = []
        self.terminal: list[str] = []

        def system_copy(text: str) -> None:
            if not system:
                raise RuntimeError("no clipboard")
            self.copied.append(text)

        super().__init__(system_copy, env=env if env is not None else {"TERM": "xterm"})
