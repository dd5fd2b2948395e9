"""Textual bindings from the key registry (:mod:`tui.keys`), in the active language."""

from __future__ import annotations

from textual.binding import Binding

from tui.keys import Key


def bindings(keys: tuple[Key, ...]) -> list[Binding]:
    """The registry's keys as Textual bindings (descriptions are UI-string ids until
    :func:`tui.textual_adapter.translate_bindings` fills them in)."""
    groups: dict[str, Binding.Group] = {}
    out: list[Binding] = []
    for key in keys:
        group = None
        if key.group is not None:
            group = groups.setdefault(key.group, Binding.Group(key.group, compact=True))
        out.append(
            Binding(
                key.keys,
                key.action,
                key.description,
                show=key.show,
                priority=key.priority,
                id=key.id,
                group=group,
                tooltip=key.description if key.tooltip else "",
            )
        )
    return out
