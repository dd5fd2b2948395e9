"""Snapshot tests: what the counsellor sees. Look at snapshot_report.html before updating."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import FakeClock
from tui.app import VeiviserApp

AppFactory = Callable[..., VeiviserApp]


def walk_to(phase_key: str, clock: FakeClock) -> Callable[..., object]:
    """Start the session, save a tagged note, then go to ``phase_key`` a few minutes later."""

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("f1")
        clock.advance(95)
        await pilot.press("ctrl+t", "4")
        for char in "vil bytte studie":
            await pilot.press("space" if char == " " else char)
        await pilot.press("enter")
        clock.advance(150)
        if phase_key != "f1":
            await pilot.press(phase_key)
            clock.advance(42)
        await pilot.press(*"notat i arbeid")
        app = pilot.app
        app.screen.query_one("#phase-bar").refresh()
        await pilot.pause()

    return run_before


class TestPhases:
    """Each phase at 100×32: phase bar with clocks, guide for that phase, notes with one note."""

    @pytest.mark.parametrize("key", ["f1", "f2", "f3", "f4"])
    def test_phase(self, snap_compare, make_app: AppFactory, clock: FakeClock, key: str) -> None:  # type: ignore[no-untyped-def]
        assert snap_compare(make_app(), run_before=walk_to(key, clock), terminal_size=(100, 32))


class TestSizes:
    """The smallest supported window stacks notes under the guide; below it, a clear message."""

    def test_60x20(self, snap_compare, make_app: AppFactory, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
        assert snap_compare(make_app(), run_before=walk_to("f3", clock), terminal_size=(60, 20))

    def test_80x24_phone(self, snap_compare, make_app: AppFactory, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
        assert snap_compare(
            make_app(channel="phone"), run_before=walk_to("f2", clock), terminal_size=(80, 24)
        )

    def test_too_small(self, snap_compare, make_app: AppFactory) -> None:  # type: ignore[no-untyped-def]
        assert snap_compare(make_app(), terminal_size=(50, 16))


class TestModals:
    """The channel question at start, the copy bar, and the reflection after F10."""

    def test_channel_question(self, snap_compare, make_app: AppFactory) -> None:  # type: ignore[no-untyped-def]
        assert snap_compare(make_app(channel=None), terminal_size=(100, 32))

    def test_copy_bar(self, snap_compare, make_app: AppFactory, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
        assert snap_compare(make_app(), press=["f3", "ctrl+y"], terminal_size=(100, 32))

    def test_reflection(self, snap_compare, make_app: AppFactory, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
        async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
            await walk_to("f3", clock)(pilot)
            await pilot.press("f2")
            clock.advance(61)
            await pilot.press("f4", "f10", "enter")
            pilot.app.clear_notifications()  # toasts time out: keep the picture deterministic
            await pilot.pause()

        assert snap_compare(make_app(), run_before=run_before, terminal_size=(100, 32))
