"""The private Textual API Veiviser relies on, all of it in tui/textual_adapter.py: these fail
when a Textual upgrade changes any of it."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingsMap
from textual.screen import Screen

from tui.strings import t
from tui.textual_adapter import crash_error, replace_crash_report, translate_bindings


class _Screen(Screen[None]):
    BINDINGS: ClassVar = [Binding("f1", "noop", "key.kontakt", id="x", tooltip="key.kontakt")]


def test_bindings_are_translated_in_place() -> None:
    screen = _Screen()
    assert isinstance(screen._bindings, BindingsMap)
    translate_bindings(screen)
    (binding,) = screen._bindings.key_to_bindings["f1"]
    assert binding.description == t("key.kontakt") != "key.kontakt"
    assert binding.tooltip == t("key.kontakt") and binding.id == "x"


async def test_the_crash_report_can_be_replaced() -> None:
    app: App[None] = App()
    async with app.run_test():
        assert crash_error(app) is None
        assert isinstance(app._exit_renderables, list)
        replace_crash_report(app, "Veiviser stoppet")
        assert [str(r) for r in app._exit_renderables] == ["Veiviser stoppet"]
