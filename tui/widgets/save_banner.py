"""The «not saved» banner at the top of a screen that takes text."""

from __future__ import annotations

from textual.widgets import Static

from tui.core.base.strings import t
from tui.shared import SaveState, Shared


class SaveBanner(Static):
    """Hidden while everything is saved; else why not, and (on the reflection) that the log
    waits too. Follows :attr:`Shared.saving`; never a notice over what is being typed."""

    def __init__(self, shared: Shared, log: bool = False) -> None:
        super().__init__(classes="save-banner -log" if log else "save-banner")
        self.shared = shared
        self.for_log = log

    def on_mount(self) -> None:
        self.shared.saving.subscribe(self, self.show_state)
        self.show_state(self.shared.save_state)

    def show_state(self, state: SaveState) -> None:
        self.display = state.error is not None
        if state.error is not None:
            waits = f" {t('banner.log_waits')}" if self.for_log else ""
            quits = f"\n{state.quit_said}" if state.quit_said else ""
            self.update(t("banner.unsaved", error=state.error) + waits + quits)
