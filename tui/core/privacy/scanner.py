"""Finding identifying data in notes and answers before anything leaves the archive.

The service is anonymous, so a log must not carry a fødselsnummer, a phone number, an e-mail
address or a home address. No off-the-shelf detector knows Norwegian identifiers, so this is a
small scanner of our own (../shared/design/reliability.md §2.2). It errs on the side of a hit: a
false positive costs the counsellor one key, a miss leaks an identifier.

Two strengths:

- :func:`scan`, the *log review*: the direct identifiers (fødselsnummer, also one with a wrong
  check digit, phone, e-mail, street address, postcode). The log stays on the counsellor's PC.
- :func:`scan_pack`, the *pack review*, for what a colleague group will read: besides those, likely
  names and places, dates and clock times, and any run of digits that could be an identifier in
  any grouping.

Both read the text as NFKC with zero-width characters removed, every kind of digit as 0–9, every
dash as ``-`` and a few Cyrillic and Greek look-alikes as the Latin letter, so «９１２３ ４５６７»,
«kari＠skole.no» or «15‑03‑07 10026» are found; each hit points back at the original text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from tui.core.base.strings import t
from tui.core.privacy import words


class Kind(StrEnum):
    """What a hit looks like; the value is the mask written in its place."""

    FODSELSNUMMER = "FØDSELSNUMMER"
    LIGNER_FODSELSNUMMER = "LIGNER FØDSELSNUMMER"
    TELEFON = "TELEFON"
    EPOST = "E-POST"
    ADRESSE = "ADRESSE"
    POSTNUMMER = "POSTNUMMER"
    DATO = "DATO"
    KLOKKESLETT = "KLOKKESLETT"
    NUMMER = "NUMMER"
    NAVN = "NAVN"
    STED = "STED"
    BRUKERNAVN = "BRUKERNAVN"

    @property
    def mask(self) -> str:
        """The text that replaces a masked hit, in the app's language (``[TELEFON]``,
        ``[PHONE]``)."""
        return f"[{t(f'privacy.mask.{self.name}')}]"

    @property
    def label(self) -> str:
        """What the hit is called in a review («telefon», «phone number»)."""
        return t(f"privacy.kind.{self.name}")


@dataclass(frozen=True)
class Hit:
    """Something that looks identifying, at ``start:end`` in the original text."""

    kind: Kind
    start: int
    end: int
    text: str


_ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e"}
_DASHES = {"\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "\ufe63"}
_LOOK_ALIKE = str.maketrans(
    # Cyrillic and Greek letters drawn like Latin ones («Kаri» with a Cyrillic а).
    "аеорсхуіјѕԁһӏАВЕКМНОРСТХІЈЅοαιкмнтвΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "aeopcxyijsdhlABEKMHOPCTXIJSoaikmhtbABEZHIKMNOPTYX",
)

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
    r"gata|gaten|gate|gt\.|veien|vegen|vei|veg|vn\.|alléen|alleen|allé|alle|plassen|plass|"
    r"stien|sti|bakken|bakke|torget|tunet|tun|lia|haugen|kroken|ringen|svingen|brygga|bryggen|"
    r"kaia|kaien|kai|promenaden|parken|terrassen|løkka|jordet|åsen|vollen|myra|lina"
)
_STREET = re.compile(
    # Up to three capitalised words ("Karl Johans"), then a word ending in a street suffix in
    # any case ("Storgata", "kirkeveien", "gate"), then a house number and maybe a letter.
    rf"(?<![\w])(?:[A-ZÆØÅ][\wæøåÆØÅ'-]*\s){{0,3}}[\wæøåÆØÅ'-]*(?i:{_STREET_SUFFIX})"
    r"\s+\d{1,4}(?:\s?[A-Za-z](?![\wæøåÆØÅ]))?(?!\d)"
)
_YEARS = re.compile(r"^(?:19|20)\d{2}\s?[-/]\s?(?:(?:19|20)\d{2}|\d{2})$")
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
    if not looks_like_fodselsnummer(digits):
        return False
    d = [int(c) for c in digits]
    if (sum(w * x for w, x in zip(_K1, d, strict=False)) + d[9]) % 11 not in (0, 1, 2, 3):
        return False
    return (sum(w * x for w, x in zip(_K2, d, strict=False)) + d[10]) % 11 == 0


def looks_like_fodselsnummer(digits: str) -> bool:
    """Eleven digits that start with a date (DDMMYY, D- or H-nummer), whatever the check digits:
    a typo in someone's number is still that person's number."""
    if len(digits) != 11 or not digits.isdigit():
        return False
    return _valid_date(int(digits[0:2]), int(digits[2:4]))


def _fold_char(char: str) -> str:
    if char in _ZERO_WIDTH:
        return ""
    if char in _DASHES:
        return "-"
    if char.isdecimal() and not char.isascii():  # Arabic-Indic, full-width … digits
        return str(unicodedata.decimal(char))
    folded = unicodedata.normalize("NFKC", char)
    if folded.isdecimal() and not folded.isascii():
        return "".join(str(unicodedata.decimal(c, 0)) for c in folded)
    return folded.translate(_LOOK_ALIKE)


def _normalise(text: str) -> tuple[str, list[int], list[int]]:
    """The text as the patterns read it, with a map from each character back to the original.

    NFKC (full-width letters and digits, no-break spaces, «＠»), no zero-width characters, every
    dash ``-``, every decimal digit 0–9, Cyrillic and Greek look-alikes as Latin letters.
    """
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and unicodedata.combining(text[j]):
            j += 1
        cluster = unicodedata.normalize("NFC", text[i:j])
        folded = "".join(_fold_char(c) for c in cluster)
        folded = unicodedata.normalize("NFC", folded)
        for char in folded:
            out.append(char)
            starts.append(i)
            ends.append(j)
        i = j
    return "".join(out), starts, ends


def _direct(norm: str) -> list[tuple[int, int, Kind]]:
    """The direct identifiers, as the log review finds them."""
    found: list[tuple[int, int, Kind]] = []
    for match in _FNR.finditer(norm):
        digits = match.group(1) + match.group(2)
        if is_fodselsnummer(digits):
            found.append((match.start(), match.end(), Kind.FODSELSNUMMER))
        elif looks_like_fodselsnummer(digits):
            found.append((match.start(), match.end(), Kind.LIGNER_FODSELSNUMMER))
    for match in _EMAIL.finditer(norm):
        found.append((match.start(), match.end(), Kind.EPOST))
    for match in _PHONE.finditer(norm):
        if not _YEARS.match(match.group()):  # «2024-2025» is a school year
            found.append((match.start(), match.end(), Kind.TELEFON))
    for match in _STREET.finditer(norm):
        found.append((match.start(), match.end(), Kind.ADRESSE))
    for match in _POSTCODE.finditer(norm):
        if 1 <= int(match.group(1)) <= 9991:
            found.append((match.start(), match.end(), Kind.POSTNUMMER))
    return found


def _resolve(
    text: str, norm: str, starts: list[int], ends: list[int], found: list[tuple[int, int, Kind]]
) -> list[Hit]:
    # Earlier first; at the same place the longer one; the first kind listed wins a tie.
    order = {kind: n for n, kind in enumerate(Kind)}
    found.sort(key=lambda f: (f[0], -(f[1] - f[0]), order[f[2]]))
    hits: list[Hit] = []
    spans: list[tuple[int, int, Kind]] = []
    for start, end, kind in found:
        # Never end a hit on blanks.
        while end > start + 1 and norm[end - 1] in " \t":
            end -= 1
        if end <= start:
            continue
        if spans and start < spans[-1][1]:  # overlapping hits are one: «den 1.» + «1. mars»
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]), spans[-1][2])
            continue
        spans.append((start, end, kind))
    for start, end, kind in spans:
        o_start, o_end = starts[start], ends[end - 1]
        hits.append(Hit(kind, o_start, o_end, text[o_start:o_end]))
    return hits


def scan(text: str) -> list[Hit]:
    """The log review: direct identifiers in ``text``, in order, not overlapping."""
    norm, starts, ends = _normalise(text)
    found = _direct(norm)
    # Phone and fødselsnummer in any grouping («15.03.07.10026», «912/34/567»), e-mail spelled out.
    direct = (Kind.FODSELSNUMMER, Kind.LIGNER_FODSELSNUMMER, Kind.TELEFON)
    found += [f for f in _numbers(norm) if f[2] in direct]
    found += [(m.start(), m.end(), Kind.EPOST) for m in _EMAIL_SPELLED.finditer(norm)]
    return _resolve(text, norm, starts, ends, found)


# --- The pack review ----------------------------------------------------------------------------

_MONTHS = (
    "januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember|"
    "january|february|march|june|july|october|december|"
    "jan|feb|mar|apr|jun|jul|aug|sept|sep|okt|oct|nov|des|dec"
)
_ORDINAL_WORDS = (
    "første|andre|tredje|fjerde|femte|sjette|sjuende|syvende|åttende|niende|tiende|ellevte|"
    "tolvte|trettende|fjortende|femtende|sekstende|syttende|attende|nittende|tjuende|tyvende|"
    "tjueførste|tjueandre|tjuetredje|tjuefjerde|tjuefemte|tjuesjette|tjuesjuende|tjueåttende|"
    "tjueniende|tjuesyvende|trettiende|trettiførste|tredevte"
)
_DATES = [
    # «3. mars 2026», «3 mars», «3.mars -26», «den 3. i 3.», English «3rd of March»
    re.compile(
        rf"(?i)(?<![\w])\d{{1,2}}(?:\.|st|nd|rd|th)?\s*(?:of\s+)?(?:{_MONTHS})\b\.?"
        r"(?:\s*-?\s*(?:\d{4}|\d{2})(?!\d))?"
    ),
    # «March 3, 2026», «mars 3.»
    re.compile(rf"(?i)\b(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th|\.)?(?:,?\s*\d{{4}})?(?!\d)"),
    # «tredje mars»
    re.compile(rf"(?i)\b(?:{_ORDINAL_WORDS})\s+(?:{_MONTHS})\b(?:\s+\d{{2,4}})?"),
    # «18 i mai»
    re.compile(rf"(?i)(?<![\w])\d{{1,2}}\.?\s+i\s+(?:{_MONTHS})\b"),
    # «den 3.», «den 03.»
    re.compile(r"(?i)\bden\s+\d{1,2}\.(?!\d)"),
    # ISO «2026-03-03»
    re.compile(r"(?<!\d)(?:19|20)\d{2}-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])(?!\d)"),
]
_NUMERIC_DATE = re.compile(
    # «03.03.2026», «3.3.26», «3/3-26», «3/3», «03-03-2026»
    r"(?<![\d.,/-])(\d{1,2})\s?[./-]\s?(\d{1,2})(?:\s?[./-]\s?(\d{4}|\d{2}))?(?![\d]|[.,/-]\d)"
)
_CLOCK = [
    re.compile(r"(?i)\b(?:kl|klokka|klokken|kloka)\.?\s*\d{1,2}(?:\s?[:.]\s?\d{2}){0,2}(?!\d)"),
    re.compile(r"(?<![\d.,:])(?:[01]?\d|2[0-3])\s?:\s?[0-5]\d(?:\s?:\s?[0-5]\d)?(?!\d)"),
    re.compile(r"(?i)(?<![\d.,])(?:[01]?\d|2[0-3])[.:][0-5]\d\s*(?:am|pm)\b"),
]
_NUMBER_RUN = re.compile(r"(?<![\w])\d+(?:[ ./-]\d+)*(?![\w])")
_MONEY_BEFORE = re.compile(r"(?i)(?:kr|nok|kroner|€|\$|£|eur|usd)\.?\s*$")
_MONEY_AFTER = re.compile(r"(?i)^\s*(?:kr\b|kroner|nok|,-|mill|milliarder|euro|€|%|prosent)")
_THOUSANDS = re.compile(r"^\d{1,3}(?:( )\d{3})+$|^\d{1,3}(?:(\.)\d{3})+$")
_EMAIL_SPELLED = re.compile(
    r"(?i)[\w.+-]+\s*(?:@|\(\s*at\s*\)|\[\s*at\s*\]|\{\s*at\s*\}|\(\s*a\s*\)|\s+at\s+|"
    r"\s+alfakrøll\s+|\s+krøllalfa\s+)\s*[\w-]+"
    r"(?:\s*(?:\.|\(\s*dot\s*\)|\[\s*dot\s*\]|\s+dot\s+|\s+punktum\s+)\s*[\w-]+)+"
)
_HANDLE = re.compile(
    r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?"
    # «kari_n_2009»: letters and an underscore, or letters running into digits after a letter
    r"|(?<![\w@.])[^\W\d_]+[0-9]*_[\w]+"
    r"|(?i:(?<=snap\s)|(?<=snap:\s)|(?<=insta\s)|(?<=insta:\s)|(?<=brukernavn\s)|"
    r"(?<=brukernavn:\s)|(?<=discord\s)|(?<=tiktok\s))[\w.]+"
)
_TOKEN = re.compile(r"(?<![\w])(?:[^\W\d_][\w'’.-]*[^\W_]|[^\W\d_](?![\w]))")
_SCHOOL = re.compile(
    r"(?i)(?<![\w])((?:[^\W\d_][\w'-]*\s+){1,3})"
    r"(vgs|v\.g\.s\.|videregående(?:\s+skole)?|vidaregåande(?:\s+skule)?|ungdomsskole|"
    r"ungdomsskule|barneskole|skole|skule|folkehøgskole|gymnas|kulturskole)\b"
)
_SCHOOL_COMPOUND = re.compile(
    r"(?i)(?<![\w])[^\W\d_]{3,}(?:skolen|skole|skulen|skule|gymnas)(?![\w])"
)
_PLACE_SUFFIX = re.compile(
    # A capitalised word ending in a school or street word names one place: «Katedralskolen»,
    # «Fjordalléen», «Brattørkaia».
    rf"(?<![\w])[A-ZÆØÅ][\wæøå'-]*(?i:skolen|skole|gymnas|{_STREET_SUFFIX})(?![\w])"
)
_HOUSE_NUMBER = re.compile(
    r"(?<![\w])([A-ZÆØÅ][\wæøåÆØÅ'-]+)\s+\d{1,3}(?:\s?[A-Za-z](?![\wæøåÆØÅ]))?(?![\d,./-]\d|\w)"
)
_TRIGGERS = re.compile(
    r"(?i)\b(?:heter|kalles|navnet\s+(?:mitt\s+|hans\s+|hennes\s+)?er|bor\s+(?:i|på)|"
    r"jobber\s+(?:hos|på|i)|går\s+på|elev\s+(?:ved|på)|studerer\s+(?:ved|på)|kommer\s+fra|"
    r"flyttet\s+(?:til|fra)|named|lives\s+in|works\s+at)\s+"
)
_STOP = frozenset(
    # Words that never name a school or a place: «på vgs», «en skole», «bor hjemme».
    [
        "en",
        "et",
        "ei",
        "den",
        "det",
        "de",
        "min",
        "mitt",
        "mine",
        "hans",
        "hennes",
        "sin",
        "sitt",
        "sine",
        "vår",
        "våre",
        "deres",
        "dette",
        "denne",
        "disse",
        "hjemme",
        "ute",
        "inne",
        "skolen",
        "skole",
        "jobb",
        "jobben",
        "butikk",
        "butikken",
        "en-to",
        "noe",
        "noen",
        "ikke",
        "jeg",
        "du",
        "han",
        "hun",
        "vi",
        "dere",
        "meg",
        "deg",
        "ham",
        "henne",
        "oss",
        "seg",
        "på",
        "i",
        "til",
        "fra",
        "ved",
        "og",
        "eller",
        "som",
        "om",
        "the",
        "a",
        "an",
        "my",
        "his",
        "her",
        "their",
    ]
)
_SENTENCE_END = set(".!?:;…\n\r•·*")


def _digits(run: str) -> str:
    return "".join(c for c in run if c.isdigit())


def _numbers(norm: str) -> list[tuple[int, int, Kind]]:
    """Every run of digits that could be an identifier, whatever its grouping or separators."""
    found: list[tuple[int, int, Kind]] = []
    for match in _NUMBER_RUN.finditer(norm):
        run = match.group()
        digits = _digits(run)
        n = len(digits)
        before, after = norm[: match.start()], norm[match.end() :]
        plus = before.endswith("+")
        if n < 5 or _YEARS.match(run):
            continue
        money = bool(_MONEY_BEFORE.search(before[-8:]) or _MONEY_AFTER.match(after[:12]))
        start = match.start() - 1 if plus else match.start()
        if n == 11 and looks_like_fodselsnummer(digits):
            kind = Kind.FODSELSNUMMER if is_fodselsnummer(digits) else Kind.LIGNER_FODSELSNUMMER
        elif (n == 8 and digits[0] in "23456789" and not money) or (
            (n == 10 and digits.startswith("47") and plus)
            or (n == 12 and digits.startswith("0047"))
            or (n == 13 and digits.startswith("00") and plus)
        ):
            kind = Kind.TELEFON
        elif money or (n <= 7 and _THOUSANDS.match(run)):
            continue
        else:
            kind = Kind.NUMMER
        found.append((start, match.end(), kind))
    return found


def _dates_and_times(norm: str) -> list[tuple[int, int, Kind]]:
    found: list[tuple[int, int, Kind]] = []
    for pattern in _DATES:
        found += [(m.start(), m.end(), Kind.DATO) for m in pattern.finditer(norm)]
    for m in _NUMERIC_DATE.finditer(norm):
        day, month = int(m.group(1)), int(m.group(2))
        if 1 <= day <= 31 and 1 <= month <= 12:
            found.append((m.start(), m.end(), Kind.DATO))
    for pattern in _CLOCK:
        found += [(m.start(), m.end(), Kind.KLOKKESLETT) for m in pattern.finditer(norm)]
    return found


def _sentence_start(norm: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and norm[i] in " \t\"'«»“”‘’([{-–":
        if norm[i] == "-" and i > 0 and norm[i - 1] not in " \n":
            break
        i -= 1
    return i < 0 or norm[i] in _SENTENCE_END


@cache
def _known_words(extra: frozenset[str]) -> frozenset[str]:
    return words.common() | words.allowed() | extra


def _names_and_places(norm: str, vocabulary: frozenset[str]) -> list[tuple[int, int, Kind]]:
    """Likely names and places: names from the name lists, capitalised words inside a sentence
    that are not everyday words or the model's own, school and street words with what names
    them, and the word after «heter», «bor i», «jobber hos» …"""
    found: list[tuple[int, int, Kind]] = []
    known = _known_words(vocabulary)
    names, ambiguous, places = words.names(), words.ambiguous(), words.places()
    tokens = list(_TOKEN.finditer(norm))
    flagged: list[tuple[int, int, Kind]] = []
    for i, tok in enumerate(tokens):
        word = tok.group().rstrip(".")
        if any(c.isdigit() for c in word):  # «REA3022», «Vg1»: codes, not names
            continue
        low = word.casefold()
        capital = word[0].isupper()
        initial = _sentence_start(norm, tok.start())
        end = tok.start() + len(word)
        if low in names and (low not in ambiguous or (capital and not initial)):
            flagged.append((tok.start(), end, Kind.NAVN))
        elif low in ambiguous and capital and initial and i + 1 < len(tokens):
            nxt = tokens[i + 1].group().rstrip(".").casefold()
            if nxt in names and nxt not in ambiguous:  # «Per Hansen» at the start
                flagged.append((tok.start(), end, Kind.NAVN))
        elif capital and not initial and low not in known and word.lower() not in known:
            kind = Kind.STED if low in places else Kind.NAVN
            flagged.append((tok.start(), end, kind))
        elif low in places and not initial and capital:
            flagged.append((tok.start(), end, Kind.STED))
    # A name followed by more names or capitalised words is one hit («Kari Nordmann»).
    merged: list[tuple[int, int, Kind]] = []
    for start, end, kind in flagged:
        if merged and kind == merged[-1][2] and norm[merged[-1][1] : start].strip() == "":
            merged[-1] = (merged[-1][0], end, kind)
        else:
            merged.append((start, end, kind))
    found += merged
    for m in _SCHOOL.finditer(norm):
        # «på vgs», «en skole» are no school's name; «Kongsberg vgs», «Ullern videregående» are:
        # the words right before the school word, back to the first everyday word.
        named = 0
        for w in reversed(m.group(1).split()):
            if w.casefold() in _STOP or w.casefold() in known:
                break
            named += 1
        if named:
            head = m.group(1).split()
            first = m.start(1) + m.group(1).find(head[len(head) - named])
            found.append((first, m.end(), Kind.STED))
    for m in _SCHOOL_COMPOUND.finditer(norm):
        if m.group().casefold() not in known:  # «katedralskole», not «ungdomsskolen»
            found.append((m.start(), m.end(), Kind.STED))
    found += [(m.start(), m.end(), Kind.STED) for m in _PLACE_SUFFIX.finditer(norm)]
    for m in _HOUSE_NUMBER.finditer(norm):
        word = m.group(1).casefold()
        if word not in words.house_number_words() and word not in vocabulary:
            found.append((m.start(), m.end(), Kind.ADRESSE))
    for m in _TRIGGERS.finditer(norm):
        after = _TOKEN.match(norm, m.end())
        if after is None:
            continue
        follower = after.group().rstrip(".")
        low = follower.casefold()
        if low in _STOP or (low in known and not follower[0].isupper() and low not in places):
            continue
        kind = Kind.STED if low in places else Kind.NAVN
        found.append((after.start(), after.start() + len(follower), kind))
    # A postcode with a place in lower case («0159 oslo»), or any postcode starting with 0.
    for m in re.finditer(r"(?<![\d,.-])(\d{4})\s+([^\W\d_][\w-]*)", norm):
        if m.group(2).casefold() in places or m.group(1).startswith("0"):
            found.append((m.start(), m.end(), Kind.POSTNUMMER))
    return _merge_names(found)


def _merge_names(found: list[tuple[int, int, Kind]]) -> list[tuple[int, int, Kind]]:
    """Names and places next to each other are one hit («Kari Nordmann», «Rema Tøyen», «hamar
    katedralskole»), a place if any part is one."""
    spans = sorted(f for f in found if f[2] in (Kind.NAVN, Kind.STED))
    rest = [f for f in found if f[2] not in (Kind.NAVN, Kind.STED)]
    merged: list[tuple[int, int, Kind]] = []
    for start, end, kind in spans:
        if merged and start <= merged[-1][1] + 1:
            m_start, m_end, m_kind = merged[-1]
            both = Kind.STED if Kind.STED in (kind, m_kind) else Kind.NAVN
            merged[-1] = (m_start, max(end, m_end), both)
        else:
            merged.append((start, end, kind))
    return rest + merged


def _masks() -> re.Pattern[str]:
    """A mask in either the built-in words or the app's language's (a text masked in bokmål
    and reviewed again in English)."""
    words = {k.value for k in Kind} | {t(f"privacy.mask.{k.name}") for k in Kind}
    return _masks_of(frozenset(words))


@cache
def _masks_of(words: frozenset[str]) -> re.Pattern[str]:
    return re.compile(r"\[(?:" + "|".join(re.escape(w) for w in sorted(words)) + r")\]")


_NUMBER_WORD = (
    r"null|en|ett|to|tre|fire|fem|seks|sju|syv|åtte|ni"
    r"|zero|one|two|three|four|five|six|seven|eight|nine"
)
_SPELLED_NUMBER = re.compile(
    rf"(?i)(?<![\w])(?:(?:{_NUMBER_WORD}|\d+)(?:[\s.,/-]+(?=\w)|(?![\w]))){{3,}}"
)
"""A number partly or wholly in words: «ni en to 34 567», «fire-to-seks …»."""
_DIGIT_INSIDE = re.compile(r"(?<![\w])[^\W\d_]+\d+[^\W\d_][\w]*")
"""A word with a digit between its letters: «n0rdmann», «l1llehammer» (a code is letters then
digits, «REA3022», «vg2», and is left alone)."""


def _odd_spellings(norm: str) -> list[tuple[int, int, Kind]]:
    """What a young person writes when a number or a name is spelled oddly: digits as words
    among digits (six or more in all), and letters with digits inside them."""
    found: list[tuple[int, int, Kind]] = []
    for match in _SPELLED_NUMBER.finditer(norm):
        parts = re.findall(rf"(?i){_NUMBER_WORD}|\d+", match.group())
        digits = sum(len(p) if p.isdigit() else 1 for p in parts)
        if digits >= 6 and any(not p.isdigit() for p in parts):
            kind = Kind.TELEFON if digits == 8 else Kind.NUMMER
            found.append((match.start(), match.start() + len(match.group().rstrip(" .,/-")), kind))
    found += [(m.start(), m.end(), Kind.NAVN) for m in _DIGIT_INSIDE.finditer(norm)]
    return found


def scan_pack(text: str, vocabulary: frozenset[str] = frozenset()) -> list[Hit]:
    """The pack review: everything :func:`scan` finds, and likely names and places, dates, clock
    times, any identifier-like run of digits and e-mail or user names written out.

    ``vocabulary``: the model's own words (lower case), never taken for names.
    """
    norm, starts, ends = _normalise(text)
    found = _direct(norm)
    found += [(m.start(), m.end(), Kind.EPOST) for m in _EMAIL_SPELLED.finditer(norm)]
    found += [(m.start(), m.end(), Kind.BRUKERNAVN) for m in _HANDLE.finditer(norm)]
    found += _dates_and_times(norm)
    found += _numbers(norm)
    found += _names_and_places(norm, vocabulary)
    found += _odd_spellings(norm)
    # A mask already in the text («[TELEFON]») is no name.
    masks = [(m.start(), m.end()) for m in _masks().finditer(norm)]
    found = [f for f in found if not any(a <= f[0] and f[1] <= b for a, b in masks)]
    return _resolve(text, norm, starts, ends, found)


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
