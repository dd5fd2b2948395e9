"""Every word Veiviser says, by language: one catalogue (``content/<lang>/ui.yaml``), one call.

``t(key, **values)`` is the only way to a text, in the app, the core and the command line alike.
The table it reads from:

- once the content is loaded, the content's own ``ui.yaml`` with the service's overlays
  (``use``), so a service may reword anything;
- before that (the command line's help, a config or content error, an archive that will not
  open), the built-in ``ui.yaml`` of the language asked for (``use_language``; a language
  Veiviser does not ship falls back to bokmål). It is part of the package, so these messages
  exist even when the content being checked is broken. It comes from the compiled cache, so a
  start reads no YAML for it.

Keys starting ``msg.`` are the messages from before or without the app; the rest are the app's
own words. Binding descriptions are keys too, translated per screen when it is made
(``tui.textual_adapter.translate_bindings``). Textual-free.
"""

from __future__ import annotations

from collections.abc import Callable

DEFAULT_LANG = "nb"
"""The language of the words when none is chosen (Norwegian Bokmaal)."""

_table: dict[str, str] = {}
_lang = DEFAULT_LANG


def install_builtin(load: Callable[[str], dict[str, str]]) -> None:
    """Where the built-in words of a language come from before the content is loaded (the
    model's ``ui.yaml`` through the cache, :mod:`tui.core.model.words`; installed by the core's
    package). Given from above, so the words never import the YAML reader that speaks in them."""
    global _builtin
    _builtin = load


def _no_words(lang: str) -> dict[str, str]:
    raise RuntimeError("no built-in words installed (tui/core/__init__.py installs them)")


_builtin: Callable[[str], dict[str, str]] = _no_words


def use_language(lang: str) -> None:
    """The language of the words until the content is loaded (``--lang``, the config)."""
    global _lang
    if lang != _lang:
        _lang = lang
        _table.clear()


def use(table: dict[str, str]) -> None:
    """Make ``table`` (the loaded content's ui.yaml, overlays applied) the active one."""
    _table.clear()
    _table.update(table)


def table() -> dict[str, str]:
    """The active table (the built-in one of the language in use until ``use`` is called)."""
    if not _table:
        _table.update(_builtin(_lang))
    return _table


def t(string_id: str, /, **values: object) -> str:
    """Return the string ``string_id`` with ``values`` filled in."""
    text = table()[string_id]
    return text.format(**values) if values else text


def plural_key(table: dict[str, str], key: str, n: int) -> str:
    """``key``, or its ``.one`` form when ``n`` is 1 and the language has one («1 samtale»)."""
    return f"{key}.one" if n == 1 and f"{key}.one" in table else key


def tn(string_id: str, n: int, /, **values: object) -> str:
    """:func:`t` of ``string_id`` in the number ``n`` calls for (``n`` is among the values)."""
    return t(plural_key(table(), string_id, n), **values)


def translate(text: str | None) -> str | None:
    """``t(text)`` when ``text`` is a known key, else ``text`` unchanged."""
    if text is None:
        return None
    return t(text) if text in table() else text


def shorten(text: str, width: int) -> str:
    """``text`` in at most ``width`` characters, cut between words and ended with «…»."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    if " " in cut and not text[width - 1].isspace():
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:–-") + "…"
