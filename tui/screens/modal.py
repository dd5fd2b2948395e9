"""The base of every modal: its keys come from the key registry, so each has an id, can be moved
by the keymap, and the hint line shows the key in force (never a key that was moved away)."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.content import Content
from textual.screen import ModalScreen

from tui.core.base.strings import t
from tui.keys import Key, default_key
from tui.textual_adapter import translate_bindings

ResultType = TypeVar("ResultType")


class KeyModal(ModalScreen[ResultType]):
    """A modal whose ``BINDINGS`` come from :mod:`tui.keys`. Styled by ``.modal`` in app.tcss.

    Subclasses set ``KEYS`` and ``BINDINGS = bindings(KEYS)``.
    """

    DEFAULT_CLASSES = "modal"
    KEYS: ClassVar[tuple[Key, ...]] = ()

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)

    def key(self, binding_id: str) -> str:
        """The key in force for one of this modal's bindings, as the user reads it."""
        found = [a.binding for a in self.active_bindings.values() if a.binding.id == binding_id]
        if not found:
            return ""
        first = default_key(binding_id)  # the registry's first key, unless the keymap moved it
        chosen = next((b for b in found if b.key == first), found[0])
        return self.app.get_key_display(chosen)

    def hint(self, string_id: str, **values: object) -> Content:
        """A UI string of key hints whose ``{id}`` placeholders become the keys in force.

        Placeholders are binding ids with ``.`` and ``-`` written ``_`` (``{confirm_yes}``).
        """
        keys = {k.id.replace(".", "_").replace("-", "_"): self.key(k.id) for k in self.KEYS}
        return Content.from_markup(t(string_id, **keys, **values))
