"""A full disk while the conversation ends (#21 item 1): nothing typed is lost, the banner speaks
the app's language, the app keeps trying, and it never ends while text waits unsaved."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.support.pilot import AppFactory, type_text, wait_until
from tui.core.archive.store import Store
from tui.screens.reflection import ReflectionScreen
from tui.screens.review import SavedModal


class Disk:
    """A disk that can be made full and freed again, under the store."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.full = False
        real = Store._write

        @contextmanager
        def write(store: Store) -> Iterator[sqlite3.Connection]:
            if self.full:
                # What SQLite raises, routed through the store's own error handling.
                with real(store) as conn:
                    raise sqlite3.OperationalError("database or disk is full")
            with real(store) as conn:
                yield conn

        monkeypatch.setattr(Store, "_write", write)


def banner_text(app: object) -> str:
    from textual.widgets import Static

    banners = list(app.screen.query(".save-banner").results(Static))  # type: ignore[attr-defined]
    return " ".join(str(b.content) for b in banners if b.display)


async def test_a_full_disk_while_saving_the_reflection_loses_nothing(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk = Disk(monkeypatch)
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("f1")
        await type_text(pilot, "notat")
        await pilot.press("enter", "f10", "enter")
        assert isinstance(app.screen, ReflectionScreen)
        disk.full = True
        await type_text(pilot, "svaret mitt")
        await pilot.press("f10")
        await wait_until(pilot, lambda: banner_text(app) != "")
        assert app.return_code is None  # still running
        assert isinstance(app.screen, ReflectionScreen)  # no review while the answer waits
        assert app.focused.text == "svaret mitt"  # type: ignore[union-attr]
        shown = banner_text(app)
        assert "disken er full" in shown.lower() and "database or disk" not in shown
        await pilot.press("ctrl+q")  # the answer waits: Veiviser does not end
        await pilot.pause(0.1)
        assert app.return_code is None and app.is_running
        disk.full = False
        await wait_until(pilot, lambda: banner_text(app) == "")  # the retry every two seconds
        await pilot.press("f10", "m")
        await wait_until(pilot, lambda: isinstance(app.screen, SavedModal))
        sid = app.conversation.session_id
        saved = app.conversation.store.saved_log(sid)
        assert saved is not None and "svaret mitt" in saved


async def test_quit_twice_on_a_full_disk_writes_a_rescue_file(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import tempfile

    rescue_dir = tmp_path / "temp"
    rescue_dir.mkdir()
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(rescue_dir))
    disk = Disk(monkeypatch)
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("f1")
        disk.full = True
        await type_text(pilot, "viktig notat")
        await pilot.press("enter")
        await type_text(pilot, "halvt")
        await pilot.press("ctrl+q")
        await pilot.pause(0.1)
        assert app.is_running and "Ikke avsluttet" in banner_text(app)
        await pilot.press("ctrl+q")
        await pilot.pause(0.1)
    assert app.autosave.rescued is not None
    text = app.autosave.rescued.read_text(encoding="utf-8")
    assert "viktig notat" in text and "halvt" in text
    if sys.platform != "win32":
        assert app.autosave.rescued.stat().st_mode & 0o777 == 0o600


async def test_quit_twice_when_nothing_can_be_written_does_not_end(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import tempfile

    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path / "no-such-folder"))
    disk = Disk(monkeypatch)
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        disk.full = True
        await type_text(pilot, "notat")
        await pilot.press("enter", "ctrl+q", "ctrl+q")
        await pilot.pause(0.1)
        assert app.is_running and app.autosave.rescued is None
        assert "kan ikke lagres noe sted" in banner_text(app)
        disk.full = False
        await wait_until(pilot, lambda: not app.conversation.unsaved)
        await pilot.press("ctrl+q")
        await pilot.pause(0.1)
    assert app.conversation.store.load(app.conversation.session_id).notes[0].text == "notat"


def test_a_crash_log_on_a_full_disk_is_none_not_an_empty_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from tui.core.base import crashlog

    real = os.fdopen

    class Full:
        def __init__(self, fd: int, *args: object, **kwargs: object) -> None:
            self.fh = real(fd, "w")

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *exc: object) -> None:
            self.fh.close()

        def write(self, text: str) -> int:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fdopen", Full)
    assert crashlog.write_crash_log(tmp_path, "StoreWriteError", ["a.py:1 in f"]) is None
    assert list(tmp_path.iterdir()) == []
