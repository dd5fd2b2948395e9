"""Snapshot tests: what the counsellor sees. Look at snapshot_report.html before updating."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.support.fakes import FakeClock
from tests.support.pilot import AppFactory


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


def with_tagged_note(clock: FakeClock) -> Callable[..., object]:
    """In Kommunikasjon with one note tagged Valg og tilfeldigheter (for the overview)."""

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("f3", "ctrl+t", "3")
        for char in "merket":
            await pilot.press(char)
        await pilot.press("enter")
        clock.advance(30)
        await pilot.press("ctrl+o")
        await pilot.pause()

    return run_before


class TestOverview:
    """The three rings: current phase, matched Kolb stages and used knapper solid (▶ ● ◆)."""

    @pytest.mark.parametrize("size", [(60, 20), (100, 32), (140, 44)], ids=str)
    def test_sizes(
        self, snap_compare, make_app: AppFactory, clock: FakeClock, size: tuple[int, int]
    ) -> None:  # type: ignore[no-untyped-def]
        assert snap_compare(make_app(), run_before=with_tagged_note(clock), terminal_size=size)

    @pytest.mark.parametrize(
        "theme", ["veiviser-mork", "veiviser-lys", "veiviser-kontrast", "veiviser-fargeblind"]
    )
    def test_themes(self, snap_compare, make_app: AppFactory, clock: FakeClock, theme: str) -> None:  # type: ignore[no-untyped-def]
        assert snap_compare(
            make_app(theme=theme), run_before=with_tagged_note(clock), terminal_size=(100, 32)
        )


class TestExplanations:
    """The explanation of the matched Kolb stage (F7), and English at 80×24."""

    def test_explain_kolb(self, snap_compare, make_app: AppFactory) -> None:  # type: ignore[no-untyped-def]
        assert snap_compare(make_app(), press=["f3", "f7"], terminal_size=(100, 32))

    def test_english_80x24(self, snap_compare, make_app: AppFactory, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
        from tui.core.base.paths import builtin_content_dir
        from tui.core.model.loader import load_content

        english = load_content(builtin_content_dir(), "en")
        assert snap_compare(
            make_app(content=english), run_before=walk_to("f2", clock), terminal_size=(80, 24)
        )

    def test_light_theme_main_screen(
        self, snap_compare, make_app: AppFactory, clock: FakeClock
    ) -> None:  # type: ignore[no-untyped-def]
        assert snap_compare(
            make_app(theme="veiviser-lys"), run_before=walk_to("f3", clock), terminal_size=(100, 32)
        )


class TestPractice:
    """«Min praksis» after twenty generated conversations, at the smallest usual window."""

    @staticmethod
    def _twenty(model, data_dir, clock) -> None:  # type: ignore[no-untyped-def]
        from tui.core.archive.store import Store
        from tui.core.outputs.demo import generate

        store = Store(data_dir, clock=clock).open()
        generate(store, model, 20, start=clock.now - 25 * 86400, seed=4)
        store.close()

    async def _open(self, pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("f12")
        await pilot.pause()

    def test_plots_80x24(self, snap_compare, make_app: AppFactory, model, data_dir, clock) -> None:  # type: ignore[no-untyped-def]
        self._twenty(model, data_dir, clock)
        assert snap_compare(make_app(), run_before=self._open, terminal_size=(80, 24))

    def test_knapper_without_colour(  # type: ignore[no-untyped-def]
        self, snap_compare, make_app: AppFactory, model, data_dir, clock, monkeypatch
    ) -> None:
        monkeypatch.setenv("NO_COLOR", "1")
        self._twenty(model, data_dir, clock)

        async def knapper(pilot) -> None:  # type: ignore[no-untyped-def]
            await self._open(pilot)
            await pilot.press("pagedown")
            await pilot.pause()

        assert snap_compare(make_app(), run_before=knapper, terminal_size=(80, 24))

    def test_table_80x24(self, snap_compare, make_app: AppFactory, model, data_dir, clock) -> None:  # type: ignore[no-untyped-def]
        self._twenty(model, data_dir, clock)

        async def table(pilot) -> None:  # type: ignore[no-untyped-def]
            await self._open(pilot)
            await pilot.press("t")
            await pilot.pause()

        assert snap_compare(make_app(), run_before=table, terminal_size=(80, 24))
