"""Where Veiviser finds its files. One place decides every path."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


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
