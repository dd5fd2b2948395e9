"""The word lists the pack review reads (``data/``): names, places, everyday words, allowed
proper nouns. Each is read once, when a pack is first reviewed."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_DATA = Path(__file__).parent / "data"


@cache
def _read(name: str) -> frozenset[str]:
    out: set[str] = set()
    for line in (_DATA / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.add(line.casefold())
    return frozenset(out)


def names() -> frozenset[str]:
    """Common Norwegian first names and surnames."""
    return _read("first_names.txt") | _read("surnames.txt")


def ambiguous() -> frozenset[str]:
    """Names that are also everyday words («Per», «Liv», «Berg»)."""
    return _read("ambiguous.txt")


def places() -> frozenset[str]:
    """Towns and well-known places, for a place written in lower case."""
    return _read("places.txt")


def common() -> frozenset[str]:
    """Words written in lower case (scripts/make_common_words.py)."""
    return _read("common_words.txt")


def allowed() -> frozenset[str]:
    """Proper nouns that may stand in a pack: national services, the model's terms."""
    return _read("allowed.txt")


def house_number_words() -> frozenset[str]:
    """Capitalised words a number may follow without being an address («Vg 2», «Uke 46»)."""
    return _read("numbered_words.txt")
