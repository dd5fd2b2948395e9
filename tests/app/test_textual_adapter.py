"""The private Textual API Veiviser relies on, all of it in tui/textual_adapter.py: these fail
when a Textual upgrade changes any of it."""

from __future__ import annotations

from typing import ClassVar

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingsMap
from textual.css.stylesheet import Stylesheet
from textual.screen import Screen
from textual.theme import Theme
from textual.widgets import Static

from tests.support.pilot import AppFactory
from tui.core.base.strings import t
from tui.textual_adapter import (
    crash_error,
    preset_theme,
    replace_crash_report,
    switch_bottom_screen,
    translate_bindings,
)


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


async def test_a_preset_theme_is_the_one_parsed_first_and_never_reparsed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    light = Theme(name="proof-light", primary="#004488", background="#fafafa", dark=False)

    class _App(App[None]):
        CSS = "Static { color: $primary; }"

        def __init__(self) -> None:
            super().__init__()
            self.register_theme(light)
            preset_theme(self, "proof-light")

        def compose(self) -> ComposeResult:
            yield Static("x")

    reparsed: list[bool] = []
    original = Stylesheet.reparse
    monkeypatch.setattr(Stylesheet, "reparse", lambda self: (reparsed.append(True), original(self)))
    app = _App()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == "proof-light" and app.current_theme is light
        assert app.has_class("-light-mode", "-theme-proof-light") and not app.has_class(
            "-dark-mode"
        )
        assert app.theme_variables["primary"] == "#004488"
        assert app.query_one(Static).styles.color.hex == "#004488"
    assert reparsed == []  # setting App.theme would have queued a reparse of everything


class _Named(Screen[None]):
    def __init__(self, name: str) -> None:
        super().__init__(name=name)


class _OpensOnAScreen(App[None]):
    def get_default_screen(self) -> Screen[None]:
        return _Named("first")


async def test_the_bottom_screen_can_be_switched() -> None:
    app = _OpensOnAScreen()
    async with app.run_test() as pilot:
        first = app.screen
        assert first.name == "first" and not first._result_callbacks  # Textual never pushed it
        with pytest.raises(IndexError):  # what the adapter is for: Textual's own call fails
            app.switch_screen(_Named("plain"))
    app = _OpensOnAScreen()
    async with app.run_test() as pilot:
        switch_bottom_screen(app, _Named("second"))
        await pilot.pause()
        assert [s.name for s in app.screen_stack] == ["second"]


async def test_the_palette_speaks_the_apps_language(make_app: AppFactory) -> None:
    """#22 item 11: «Search for commands…» and «No matches found» in the Norwegian app."""
    from textual.command import CommandInput, CommandList, CommandPalette

    from tests.support.pilot import type_text, wait_until

    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: CommandPalette.is_open(app))
        search = app.screen.query_one(CommandInput)
        assert search.placeholder.startswith("Søk etter")
        await type_text(pilot, "qqxqqz")

        def said() -> str:
            options = app.screen.query_one(CommandList)._options
            return " ".join(str(o.prompt.renderable) for o in options if o.disabled)

        await wait_until(pilot, lambda: "Ingen treff" in said())
        assert "No matches" not in said()
