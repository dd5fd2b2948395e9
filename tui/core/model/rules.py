"""Validation rules written on plain dataclasses, read by pydantic only when a file is checked.

The content, theme and config types are stdlib dataclasses, so starting the app costs no
pydantic import and no schema build (a compiled cache holds the checked content; see
:mod:`tui.core.model.cache`). Their fields carry a :class:`Rule` in ``Annotated[...]``;
pydantic calls :meth:`Rule.__get_pydantic_core_schema__` when :func:`validate` builds a
validator, and the errors keep pydantic's types (``too_short``, ``string_pattern_mismatch``
…), which the loader turns into ``file:line: message``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable

T = TypeVar("T")

_SCALARS = frozenset(("str", "int", "bool"))
_KEYS = ("min_length", "max_length", "pattern", "ge", "le")


@dataclass(frozen=True, slots=True)
class Rule:
    """Constraints on one field. Scalars are always strict: ``2024`` is not text."""

    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    ge: int | None = None
    le: int | None = None
    strip: bool = False

    def __get_pydantic_core_schema__(self, source: Any, handler: Callable[[Any], Any]) -> Any:
        schema = handler(source)
        kind = schema.get("type")
        if kind not in (*_SCALARS, "list", "dict"):
            raise TypeError(f"Rule cannot constrain a {kind!r} schema ({source!r})")
        for key in _KEYS:
            value = getattr(self, key)
            if value is not None:
                schema[key] = value
        if self.strip:
            schema["strip_whitespace"] = True
        if kind in _SCALARS:
            schema["strict"] = True
        return schema


class Checked:
    """Base of the validated dataclasses: unknown fields are errors (a typo is never ignored)."""

    __pydantic_config__ = {"extra": "forbid"}  # noqa: RUF012 (read by pydantic, never mutated)


Str = Annotated[str, Rule()]
Int = Annotated[int, Rule()]
Bool = Annotated[bool, Rule()]
Text = Annotated[str, Rule(strip=True, min_length=1)]
"""Text that is not blank; surrounding whitespace is removed."""
Id = Annotated[str, Rule(pattern=r"^[a-z0-9æøå]+(-[a-z0-9æøå]+)*$")]
"""A stable id: lower-case letters and digits with hyphens."""


@cache
def _adapter(cls: type[Any]) -> Any:
    from pydantic import TypeAdapter  # only when a file is checked, never on a cached start

    return TypeAdapter(cls)


def validate(cls: type[T], data: object) -> T:
    """Validate ``data`` as ``cls``.

    Raises:
        pydantic.ValidationError: With one entry per problem.
    """
    adapter = _adapter(cls)  # type: ignore[arg-type]  # a class is hashable
    result: T = adapter.validate_python(data)
    return result
