"""The Textual app: start-up, navigation, shared state and lifecycle (:mod:`tui.app.app`), what
is asked before a conversation (:mod:`tui.app.startup`) and when text is written
(:mod:`tui.app.saving`). :func:`build_app` is the one way to make it."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tui.app.app import VeiviserApp
from tui.clipboard import Clipboard
from tui.core.archive.store import Store
from tui.core.model.config import Config
from tui.core.model.content import Channel, Content
from tui.core.model.themes import ThemeFile

if TYPE_CHECKING:
    from tui.core.chat.transcript import Transcript
    from tui.core.model.team import Focus

__all__ = ["VeiviserApp", "build_app"]


def build_app(store: Store, *, model: Content | None = None,
              themes: list[ThemeFile] | None = None, channel: Channel | None = None,
              config: Config | None = None, config_path: Path | None = None,
              theme: str | None = None, team_dir: Path | None = None,
              clock: Callable[[], float] = time.time, clipboard: Clipboard | None = None,
              export_dir: Path | None = None, focus: Focus | None = None,
              notices: list[str] | None = None,
              verksted: str | None = None,
              chat: Transcript | None = None) -> VeiviserApp:  # fmt: skip
    """Veiviser on an open ``store``: the built-in content and themes (from the compiled cache)
    unless given, and today's knapp from the team folder's file (a broken one is said in a
    notice, never in the way). The command line, the tests and the benchmarks all build it
    here. ``focus`` and ``notices`` stand in for a team folder's (tests)."""
    from tui.core.base.paths import builtin_content_dir, builtin_themes_dir
    from tui.core.model import compiled

    if model is None:
        model = compiled.content(builtin_content_dir())
    if themes is None:
        themes = compiled.themes(builtin_themes_dir())
    if team_dir is not None:
        focus, notices = team_focus(team_dir, model)
    return VeiviserApp(model, themes, store, channel=channel, clock=clock, clipboard=clipboard,
                       config=config, export_dir=export_dir, theme=theme,
                       config_path=config_path, focus=focus, notices=notices,
                       verksted=verksted, chat=chat)  # fmt: skip


def team_focus(team_dir: Path | None, model: Content) -> tuple[Focus | None, list[str]]:
    """Today's knapp from the team file, and what to say about a broken one."""
    from datetime import date

    from tui.core.base.problems import ContentError
    from tui.core.base.strings import t
    from tui.core.model import compiled
    from tui.core.model.team import focus_on

    if team_dir is None:
        return None, []
    try:
        return focus_on(compiled.team(team_dir, model), date.today()), []
    except ContentError as exc:
        return None, [t("msg.cli.team_file_dagens_knapp"), *(str(p) for p in exc.problems)]
