"""Key names in a keymap: what Textual can deliver, and what an ordinary terminal can send.

Textual-free, so ``check-config`` and the app's start check the same thing. Keys may be written
as Veiviser shows them (``F12``, ``Ctrl+E``, ``PgUp``) or as Textual names them (``f12``,
``ctrl+e``, ``pageup``); they are kept in Textual's form.
"""

from __future__ import annotations

from string import ascii_lowercase, digits

from tui.core.base.strings import t

MODIFIERS = ("ctrl", "shift", "alt")
NAMED = {
    "escape", "enter", "tab", "space", "backspace", "delete", "insert", "home", "end",
    "pageup", "pagedown", "up", "down", "left", "right",
}  # fmt: skip
ALIASES = {
    "esc": "escape",
    "pgup": "pageup",
    "pgdn": "pagedown",
    "return": "enter",
    "del": "delete",
}
FUNCTION_KEYS = {f"f{n}" for n in range(1, 13)}
"""F1–F12: what keyboards have and terminals send (F13 and above rarely exist)."""
SAME_AS = {"ctrl+i": "Tab", "ctrl+m": "Enter", "ctrl+h": "Backspace", "ctrl+j": "Enter"}
"""Control keys a terminal sends as the same bytes as another key."""


class KeyNameError(ValueError):
    """A key name that cannot be used; the message says why and what to write instead."""


def normalise(key: str) -> str:
    """``Ctrl+E`` → ``ctrl+e``, ``PgUp`` → ``pageup``, ``F12`` → ``f12``."""
    parts = [p.strip().lower() for p in key.split("+")]
    return "+".join(ALIASES.get(p, p) for p in parts)


def check(key: str) -> str:
    """The key in Textual's form, or :class:`KeyNameError` saying what is wrong with it."""
    name = normalise(key)
    *mods, base = name.split("+")
    bad_mod = [m for m in mods if m not in MODIFIERS]
    if bad_mod or not base or len(set(mods)) != len(mods):
        raise KeyNameError(
            t("msg.keys.not_key_unknown_modifier", key=key, modifier="+".join(bad_mod) or "+")
        )
    known = (
        base in NAMED
        or base in FUNCTION_KEYS
        or (len(base) == 1 and base in ascii_lowercase + digits)
    )
    if not known:
        if base.startswith("f") and base[1:].isdigit():
            raise KeyNameError(t("msg.keys.keyboards_have_f1f12_only", key=key))
        raise KeyNameError(t("msg.keys.not_key_write_e", key=key))
    if "ctrl" in mods and len(base) == 1 and base in digits:
        raise KeyNameError(t("msg.keys.cannot_be_sent_by", key=key))
    if "ctrl" in mods and "shift" in mods and len(base) == 1:
        raise KeyNameError(t("msg.keys.ordinary_terminals_do_not", key=key))
    if name in SAME_AS:
        raise KeyNameError(t("msg.keys.arrives_as_terminal_choose", key=key, same=SAME_AS[name]))
    return name


def check_keys(keys: str) -> str:
    """Several keys separated by commas (``f10,ctrl+s``), each checked; in Textual's form."""
    return ",".join(check(k) for k in keys.split(","))
