"""Shared fixtures: the built-in model, a controllable clock, an isolated app."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support.fakes import FakeClock, RecordingClipboard
from tui.clipboard import Clipboard
from tui.core.archive.store import Store
from tui.core.base.paths import builtin_content_dir, builtin_themes_dir
from tui.core.model.config import Config
from tui.core.model.content import Content
from tui.core.model.loader import load_content
from tui.core.model.team import Focus
from tui.core.model.themes import ThemeFile, load_themes


@pytest.fixture(scope="session")
def model() -> Content:
    return load_content(builtin_content_dir())


@pytest.fixture(scope="session")
def themes() -> list[ThemeFile]:
    return load_themes(builtin_themes_dir())


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A writable copy of the built-in content, to break one thing at a time."""
    target = tmp_path / "content"
    shutil.copytree(builtin_content_dir(), target)
    return target


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty data folder for one test."""
    return tmp_path / "data"


@pytest.fixture
def make_app(
    model: Content, themes: list[ThemeFile], clock: FakeClock, data_dir: Path
) -> Iterator[Callable[..., object]]:
    """Build a VeiviserApp with the fake clock, a recording clipboard and its own archive."""
    from tui.app import VeiviserApp, build_app

    stores: list[Store] = []

    def factory(
        channel: str | None = "chat",
        clipboard: Clipboard | None = None,
        config: Config | None = None,
        theme: str | None = None,
        content: Content | None = None,
        focus: Focus | None = None,
        notices: list[str] | None = None,
        verksted: str | None = None,
    ) -> VeiviserApp:
        for old in stores:  # a second app in the same test: the first one has quit
            old.close()
        store = Store(data_dir, clock=clock).open()
        stores.append(store)
        return build_app(
            store,
            model=content or model,
            themes=themes,
            channel=channel,  # type: ignore[arg-type]
            clock=clock,
            clipboard=clipboard or RecordingClipboard(),
            config=config,
            theme=theme,
            config_path=data_dir.parent / "config.yaml",
            focus=focus,
            notices=notices,
            verksted=verksted,
        )

    yield factory
    for store in stores:
        store.close()
    from tui.core.base.strings import use

    use(model.ui)  # an English test must not leave English behind for the next one


@pytest.fixture(autouse=True)
def _isolated_user_files(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test may read or write the user's real archive or config."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("VEIVISER_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("VEIVISER_CONFIG", str(home / "config.yaml"))
    monkeypatch.setenv("VEIVISER_CACHE_DIR", str(home / "cache"))


@pytest.fixture(autouse=True)
def _no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor makes snapshots flaky."""
    from textual.widgets import Input, TextArea

    monkeypatch.setattr(Input, "cursor_blink", False, raising=False)
    monkeypatch.setattr(TextArea, "cursor_blink", False, raising=False)


@pytest.fixture(scope="session")
def installed_bin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv with Veiviser installed from its wheel (built once per test run)."""
    from tests.support.installed import build_installed_copy

    return build_installed_copy(tmp_path_factory.mktemp("installed"))


@pytest.fixture(autouse=True)
def _messages_in_bokmal() -> Iterator[None]:
    """A test that runs the CLI with --lang en must not leave English behind for the next."""
    yield
    from tui.core.base.strings import use_language

    use_language("nb")
