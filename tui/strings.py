"""The app's own words, by language (``content/<lang>/ui.yaml``). Widgets call ``t(key)``.

The active table is set once at start from the loaded content (``use``); until then the
built-in bokmål is used, so importing a screen never needs a language. Binding descriptions are
string keys, translated per screen when it is made (``tui.textual_adapter.translate_bindings``),
so the footer and the help follow the language and the keymap in force. Textual-free.
"""

from __future__ import annotations

_table: dict[str, str] = {}


def _builtin() -> dict[str, str]:
    from tui.core.paths import builtin_content_dir
    from tui.core.yamlreader import read_file

    data = read_file(builtin_content_dir() / "nb" / "ui.yaml").data
    return {str(k): str(v) for k, v in data.items()}


def use(table: dict[str, str]) -> None:
    """Make ``table`` (a language's ui.yaml) the active one."""
    _table.clear()
    _table.update(table)


def table() -> dict[str, str]:
    """The active table (the built-in bokmål until ``use`` is called)."""
    if not _table:
        _table.update(_builtin())
    return _table


def t(string_id: str, /, **values: object) -> str:
    """Return the UI string ``string_id`` with ``values`` filled in."""
    text = table()[string_id]
    return text.format(**values) if values else text


def translate(text: str | None) -> str | None:
    """``t(text)`` when ``text`` is a known key, else ``text`` unchanged."""
    if text is None:
        return None
    return t(text) if text in table() else text
