"""Finding identifying data in notes and answers before anything leaves the archive.

The service is anonymous, so a log must not carry a fødselsnummer, a phone number, an e-mail
address or a home address. No off-the-shelf detector knows Norwegian identifiers, so this is a
small scanner of our own (../shared/design/reliability.md §2.2). It errs on the side of a hit: a
false positive costs the counsellor one key, a miss leaks an identifier.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """What a hit looks like; the value is the mask written in its place."""

    FODSELSNUMMER = "FØDSELSNUMMER"
    TELEFON = "TELEFON"
    EPOST = "E-POST"
    ADRESSE = "ADRESSE"
    POSTNUMMER = "POSTNUMMER"

    @property
    def mask(self) -> str:
        """The text that replaces a masked hit."""
        return f"[{self.value}]"


@dataclass(frozen=True)
class Hit:
    """Something that looks identifying, at ``start:end`` in the original text."""

    kind: Kind
    start: int
    end: int
    text: str


_ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}

_K1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_K2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)

_FNR = re.compile(r"(?<![\d-])(\d{6})[ -]?(\d{5})(?![\d-])")
_PHONE = re.compile(
    r"(?<![\d+])(?:(?:\+|00)47[ .-]?)?"
    r"([2-9]\d{7}|[2-9]\d(?:[ .-]\d{2}){3}|[2-9]\d{2}[ .-]\d{2}[ .-]\d{3}|[2-9]\d{3}[ .-]\d{4})"
    r"(?![\d])(?![.,]\d)"
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_STREET_SUFFIX = (
    r"gata|gaten|gate|gt\.|veien|vegen|vei|veg|vn\.|allé|alle|plassen|plass|stien|sti|"
    r"bakken|bakke|torget|tunet|tun|lia|haugen|kroken|ringen|svingen|brygga|bryggen"
)
_STREET = re.compile(
    # Up to three capitalised words ("Karl Johans"), then a word ending in a street suffix in
    # any case ("Storgata", "kirkeveien", "gate"), then a house number and maybe a letter.
    rf"(?<![\w])(?:[A-ZÆØÅ][\wæøåÆØÅ'-]*\s){{0,3}}[\wæøåÆØÅ'-]*(?i:{_STREET_SUFFIX})"
    r"\s+\d{1,4}(?:\s?[A-Za-z](?![\wæøåÆØÅ]))?(?!\d)"
)
_POSTCODE = re.compile(r"(?<![\d,.-])(\d{4})\s+([A-ZÆØÅ][a-zæøåA-ZÆØÅ-]+)")


def _valid_date(day: int, month: int) -> bool:
    if day > 40:  # D-nummer: day + 40
        day -= 40
    if month > 40:  # H-nummer: month + 40
        month -= 40
    return 1 <= month <= 12 and 1 <= day <= 31


def is_fodselsnummer(digits: str) -> bool:
    """True for a valid fødselsnummer, D- or H-nummer, by the current or the 2032 rule.

    From 2032 the first check digit may leave a remainder of 0–3 (Skatteetaten); the second is
    unchanged. Either century is accepted and the individual number is not checked, on purpose.
    """
    if len(digits) != 11 or not digits.isdigit():
        return False
    d = [int(c) for c in digits]
    if not _valid_date(d[0] * 10 + d[1], d[2] * 10 + d[3]):
        return False
    if (sum(w * x for w, x in zip(_K1, d, strict=False)) + d[9]) % 11 not in (0, 1, 2, 3):
        return False
    return (sum(w * x for w, x in zip(_K2, d, strict=False)) + d[10]) % 11 == 0


def _normalise(text: str) -> tuple[str, list[int], list[int]]:
    """NFC without zero-width characters, with a map from each character back to the original."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and unicodedata.combining(text[j]):
            j += 1
        if text[i] not in _ZERO_WIDTH:
            for char in unicodedata.normalize("NFC", text[i:j]):
                out.append(char)
                starts.append(i)
                ends.append(j)
        i = j
    return "".join(out), starts, ends


def scan(text: str) -> list[Hit]:
    """Return the identifying-looking parts of ``text``, in order, not overlapping."""
    norm, starts, ends = _normalise(text)
    found: list[tuple[int, int, Kind]] = []
    for match in _FNR.finditer(norm):
        if is_fodselsnummer(match.group(1) + match.group(2)):
            found.append((match.start(), match.end(), Kind.FODSELSNUMMER))
    for match in _EMAIL.finditer(norm):
        found.append((match.start(), match.end(), Kind.EPOST))
    for match in _PHONE.finditer(norm):
        found.append((match.start(), match.end(), Kind.TELEFON))
    for match in _STREET.finditer(norm):
        found.append((match.start(), match.end(), Kind.ADRESSE))
    for match in _POSTCODE.finditer(norm):
        if 1 <= int(match.group(1)) <= 9991:
            found.append((match.start(), match.end(), Kind.POSTNUMMER))
    # Earlier first; at the same place the longer one; the first kind found wins an overlap.
    order = {kind: n for n, kind in enumerate(Kind)}
    found.sort(key=lambda f: (f[0], -(f[1] - f[0]), order[f[2]]))
    hits: list[Hit] = []
    taken_until = -1
    for start, end, kind in found:
        if start < taken_until:
            continue
        o_start, o_end = starts[start], ends[end - 1]
        hits.append(Hit(kind, o_start, o_end, text[o_start:o_end]))
        taken_until = end
    return hits


def mask(text: str, hits: list[Hit]) -> str:
    """Replace each hit with its mask (``[TELEFON]`` …)."""
    for hit in sorted(hits, key=lambda h: h.start, reverse=True):
        text = text[: hit.start] + hit.kind.mask + text[hit.end :]
    return text


def context(text: str, hit: Hit, width: int = 30) -> tuple[str, str, str]:
    """The hit with up to ``width`` characters either side, for showing it in context."""
    before = text[max(0, hit.start - width) : hit.start]
    after = text[hit.end : hit.end + width]
    return (
        ("…" if hit.start > width else "") + before,
        hit.text,
        after + ("…" if hit.end + width < len(text) else ""),
    )
