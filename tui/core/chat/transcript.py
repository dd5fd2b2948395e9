"""A chat transcript as the counsellor gets it, read into speaker turns.

Accepted, one format a file (the first turn decides):

- **Zendesk Chat** as it is put in a ticket or mailed: ``(14:32:05) Navn: tekst`` (also
  ``(02:32:05 PM)``, ``[14:32]``); lines like ``*** Navn joined the chat ***`` and a header
  (``Chat started: …``) are left out; a line without a prefix continues the turn before it.
- **Named lines** without times: ``Navn: tekst``.
- **Plain alternating lines**: one message a line (or a paragraph, with blank lines between),
  speakers taking turns. The counsellor says which of the two they were.

The speakers' names are identifiers: they are never kept. Once the counsellor has said which
speaker they were, turns carry only a role (:data:`COUNSELLOR` or :data:`VEISOKER`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path

from tui.core.base.files import NotRegular, TooLarge, read_regular, reason
from tui.core.base.problems import ContentError, Problem
from tui.core.base.strings import t

MAX_BYTES = 2_000_000
"""A chat of several hours is ~100 kB; anything this large is not a transcript."""
MAX_TURNS = 5_000

COUNSELLOR = "veileder"
VEISOKER = "veisoker"
"""Role ids (ASCII, like every id): shown in the app's words (``chat.role.*``)."""

_CLOCK = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp][Mm])?"
_TIME = rf"(?:\((?P<t1>{_CLOCK})\)|\[(?P<t2>{_CLOCK})\])"
_TIMED = re.compile(rf"^\s*{_TIME}\s*(?P<rest>.*)$")
_NAMED = re.compile(r"^(?P<name>[^:\n]{1,60}?):\s(?P<text>.*)$")
_SYSTEM = re.compile(r"^\s*\*{3}.*\*{3}\s*$")
_HEADER = re.compile(r"^\s*(chat started|chat startet|conversation with|samtale med)\b", re.I)


@dataclass(frozen=True)
class Turn:
    """One message: who wrote it (a name until the roles are set, then a role), when (seconds
    into the day as read; after the review, seconds from the chat's first message), and what."""

    speaker: str
    text: str
    at: float | None = None
    line: int = 0
    """Where it starts in the file (1-based), for messages about it."""


@dataclass(frozen=True)
class Transcript:
    turns: tuple[Turn, ...]
    speakers: tuple[str, ...]
    """The speakers in the order they first wrote (names, or «1» and «2» for plain lines)."""
    form: str
    """``zendesk``, ``named`` or ``plain``."""

    def with_counsellor(self, speaker: str) -> Transcript:
        """Names replaced by roles: ``speaker`` is the counsellor, everyone else the veisøker."""
        turns = tuple(replace(turn, speaker=COUNSELLOR if turn.speaker == speaker else VEISOKER)
                      for turn in self.turns)  # fmt: skip
        return Transcript(turns, (COUNSELLOR, VEISOKER), self.form)


def _seconds(stamp: str) -> float:
    clock = stamp.strip().upper()
    pm, am = clock.endswith("PM"), clock.endswith("AM")
    parts = [int(p) for p in clock.rstrip("APM ").split(":")]
    hours, minutes, seconds = [*parts, 0][:3]
    if pm and hours < 12:
        hours += 12
    if am and hours == 12:
        hours = 0
    return float(hours * 3600 + minutes * 60 + seconds)


def read(path: Path) -> Transcript:
    """The transcript in ``path``. Raises :class:`ContentError` with ``file:line`` and what to
    do when it is not one."""
    label = str(path)
    try:
        data = read_regular(path, MAX_BYTES)
    except TooLarge:
        said = t("chat.error.too_large", max=MAX_BYTES // 1_000_000)
        raise ContentError([Problem(label, None, said)]) from None
    except (NotRegular, OSError) as exc:
        said = t("chat.error.unreadable", error=reason(exc))
        raise ContentError([Problem(label, None, said)]) from None
    if b"\0" in data:
        raise ContentError([Problem(label, None, t("chat.error.binary"))])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # Notepad's «ANSI» on a Norwegian PC
    return parse(text, label)


def parse(text: str, label: str = "<innlimt>") -> Transcript:
    """Turns from a transcript's text (pasted, or read from a file named ``label``)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()
                  and not _SYSTEM.match(line) and not _HEADER.match(line)), None)  # fmt: skip
    if first is None:
        raise ContentError([Problem(label, None, t("chat.error.empty"))])
    if _TIMED.match(lines[first]):
        transcript = _prefixed(lines, label, timed=True)
    elif _NAMED.match(lines[first]):
        transcript = _prefixed(lines, label, timed=False)
    else:
        transcript = _plain(lines)
    if len(transcript.turns) > MAX_TURNS:
        raise ContentError([Problem(label, None, t("chat.error.too_many", max=MAX_TURNS))])
    if len(transcript.speakers) < 2:
        raise ContentError([Problem(label, transcript.turns[0].line, t("chat.error.one_speaker"))])
    return transcript


def _prefixed(lines: list[str], label: str, timed: bool) -> Transcript:
    turns: list[Turn] = []
    speakers: list[str] = []
    problems: list[Problem] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or _SYSTEM.match(line) or (not turns and _HEADER.match(line)):
            continue
        at: float | None = None
        rest = line
        if timed:
            stamp = _TIMED.match(line)
            if stamp is None:
                if turns:  # a message of several lines
                    last = turns[-1]
                    turns[-1] = replace(last, text=f"{last.text}\n{line.strip()}")
                continue
            at = _seconds(stamp.group("t1") or stamp.group("t2"))
            rest = stamp.group("rest")
            if _SYSTEM.match(rest):
                continue
        named = _NAMED.match(rest)
        if named is None:
            if timed:
                problems.append(Problem(label, number, t("chat.error.no_speaker")))
            elif turns:
                last = turns[-1]
                turns[-1] = replace(last, text=f"{last.text}\n{line.strip()}")
            continue
        name = named.group("name").strip()
        if name not in speakers:
            speakers.append(name)
        turns.append(Turn(name, named.group("text").strip(), at, number))
    if problems:
        raise ContentError(problems[:20])
    return Transcript(tuple(turns), tuple(speakers), "zendesk" if timed else "named")


def _plain(lines: list[str]) -> Transcript:
    """One message a line, or a paragraph a message when the text has blank lines between."""
    paragraphs = any(not line.strip() for line in lines[1:-1]) and any(
        a.strip() and b.strip() for a, b in pairwise(lines)
    )
    turns: list[Turn] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate([*lines, ""], start=1):
        if line.strip() and paragraphs:
            if not current:
                start = number
            current.append(line.strip())
            continue
        if line.strip():
            current, start = [line.strip()], number
        if current:
            turns.append(Turn(str(len(turns) % 2 + 1), "\n".join(current), None, start))
            current = []
    speakers = tuple(dict.fromkeys(turn.speaker for turn in turns))
    return Transcript(tuple(turns), speakers, "plain")
