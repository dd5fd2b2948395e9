"""Where Veiviser finds and keeps its files. One place decides every path."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_cache_path, user_config_path, user_data_path

APP_NAME = "veiviser"
_PACKAGE = Path(__file__).resolve().parents[2]  # tui/


def _builtin(name: str) -> Path:
    """Return a built-in data folder: inside the installed package, else the source checkout."""
    installed = _PACKAGE / "_builtin" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def builtin_content_dir() -> Path:
    """Return the built-in content folder (the model as YAML)."""
    return _builtin("content")


def builtin_themes_dir() -> Path:
    """Return the built-in themes folder."""
    return _builtin("themes")


def data_dir(override: Path | None = None) -> Path:
    """Return the data folder: ``--data-dir``, else ``$VEIVISER_DATA_DIR``, else the platform's.

    Not created here: the store creates it with mode 0700.
    """
    if override is not None:
        return override
    env = os.environ.get("VEIVISER_DATA_DIR")
    if env:
        return Path(env)
    return user_data_path(APP_NAME, appauthor=False, ensure_exists=False)


def config_file() -> Path:
    """Return the config file: ``$VEIVISER_CONFIG``, else ``config.yaml`` in the config folder."""
    env = os.environ.get("VEIVISER_CONFIG")
    if env:
        return Path(env)
    return user_config_path(APP_NAME, appauthor=False, ensure_exists=False) / "config.yaml"


def cache_dir() -> Path | None:
    """The compiled-content cache: ``$VEIVISER_CACHE_DIR``, else the platform's cache folder.

    ``VEIVISER_CACHE_DIR=off`` (or an empty value) turns the cache off.
    """
    env = os.environ.get("VEIVISER_CACHE_DIR")
    if env is not None:
        return None if env in ("", "off") else Path(env)
    return user_cache_path(APP_NAME, appauthor=False, ensure_exists=False)
