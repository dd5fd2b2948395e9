"""Content, themes and settings as the app starts with them: from the compiled cache when no
file has changed (no YAML read, no validator built), else read and checked by the loaders,
which report every problem as ``file:line: message``.

``veiviser check-content`` and ``check-config`` always check the files themselves.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from tui.core.base.paths import builtin_content_dir
from tui.core.base.strings import DEFAULT_LANG
from tui.core.model.cache import remember
from tui.core.model.content import REFERENCE_LANG, SETTINGS_FILE

if TYPE_CHECKING:
    from tui.core.model.config import Config
    from tui.core.model.content import Content
    from tui.core.model.team import TeamFile
    from tui.core.model.themes import ThemeFile


def content(root: Path, lang: str = DEFAULT_LANG, overlays: tuple[Path, ...] = ()) -> Content:
    """:func:`tui.core.model.loader.load_content`, from the cache when no file it reads changed."""

    def build() -> Content:
        from tui.core.model.loader import load_content

        return load_content(root, lang, overlays)

    files = [
        path
        for base in (root, *overlays)
        for path in (*sorted((base / lang).glob("*.yaml")), base / SETTINGS_FILE)
    ]
    files.append(builtin_content_dir() / REFERENCE_LANG / "ui.yaml")  # the keys every ui.yaml has
    where = "\0".join(str(p.resolve()) for p in (root, *overlays))
    from tui.core.model.content import Content

    return remember(f"content-{lang}-{_short(where)}", files, build, Content)


def themes(directory: Path) -> list[ThemeFile]:
    """:func:`tui.core.model.themes.load_themes`, from the cache when no theme file changed."""

    def build() -> list[ThemeFile]:
        from tui.core.model.themes import load_themes

        return load_themes(directory)

    files = sorted(directory.glob("*.yaml"))
    from tui.core.model.themes import ThemeFile

    return remember(f"themes-{_short(str(directory.resolve()))}", files, build, list[ThemeFile])


def config(
    path: Path,
    binding_ids: set[str] | None = None,
    letter_ids: frozenset[str] = frozenset(),
    groups: tuple[dict[str, str], ...] = (),
) -> Config:
    """:func:`tui.core.model.config.load_config`, from the cache when the file is unchanged (no file
    means the defaults)."""
    from tui.core.model.config import Config, load_config

    if not path.exists():
        return Config()
    ids = (
        f"{sorted(binding_ids) if binding_ids is not None else None}|{sorted(letter_ids)}|{groups}"
    )
    return remember(
        f"config-{_short(str(path.resolve()))}",
        [path],
        lambda: load_config(path, binding_ids, letter_ids, groups),
        Config,
        extra=ids,
    )


def team(folder: Path, model: Content) -> TeamFile | None:
    """:func:`tui.core.model.team.load_team`, from the cache when team.yaml is unchanged (a start
    with a team folder then imports no pydantic); no file means None, read from nothing."""
    from tui.core.model.team import TEAM_FILE, TeamFile, load_team

    path = folder / TEAM_FILE
    if not path.is_file():
        return None
    knapper = ",".join(k.id for k in model.knapper)  # the file is checked against these
    return remember(f"team-{_short(str(path.resolve()))}", [path],
                    lambda: load_team(folder, model), TeamFile | None, extra=knapper)  # fmt: skip


def _short(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:8]
