"""The counsellor's marks on a chat they look back on, and the log it ends as.

Each turn may carry: the start of a 4K phase (F1–F4), a karriereknapp, and for the counsellor's
own questions a Tomm type; a «HER» moment carries a note («her kunne jeg ha …»). For each of
the counsellor's questions the nearest lines of the guide are found (rapidfuzz's token-set
ratio against every question and knapp prompt of the content) and *suggested*: the phase and
type of the nearest line, shown as a suggestion until accepted or changed. Nothing is scored.

Before anything is kept, every turn has passed the pack review: names, places, dates, clock
times and every identifier form are masked (:func:`review`).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field, replace
from typing import Any

from tui.core.chat.transcript import COUNSELLOR, Transcript, Turn
from tui.core.model.content import TOMM_TYPES, Content
from tui.core.privacy import mask, scan_pack

SCHEMA = "veiviser.chat-analysis/1"
"""The analysis log's JSON schema id (``tui/schema/chat-analysis.v1.schema.json``)."""
SUGGEST_FROM = 60
"""The least similarity (0–100) for a guide line to be suggested at all."""


def review(transcript: Transcript,
           vocabulary: frozenset[str] = frozenset()) -> tuple[Transcript, int]:  # fmt: skip
    """Every turn through the pack review, every hit masked; and how many were masked. The only
    way a transcript reaches :class:`Analysis` (and so the disk). Clock times go too: a turn
    keeps only its seconds from the chat's first message (a time of day would point to the chat
    in Zendesk)."""
    masked = 0
    turns = []
    start = next((turn.at for turn in transcript.turns if turn.at is not None), None)
    for turn in transcript.turns:
        text, found = reviewed(turn.text, vocabulary)
        masked += found
        at = None if turn.at is None or start is None else (turn.at - start) % 86400
        turns.append(replace(turn, text=text, at=at))
    return Transcript(tuple(turns), transcript.speakers, transcript.form), masked


def reviewed(text: str, vocabulary: frozenset[str] = frozenset()) -> tuple[str, int]:
    """``text`` with every pack-review hit masked, and how many there were."""
    hits = scan_pack(text, vocabulary)
    return (mask(text, hits) if hits else text), len(hits)


@dataclass(frozen=True)
class Suggestion:
    """The guide line nearest a counsellor's question, and what it says about the question."""

    phase: str | None
    kind: str | None
    knapp: str | None
    line: str
    score: float


class Suggester:
    """The guide's own lines, ready to be compared with a counsellor's question."""

    def __init__(self, model: Content) -> None:
        self.lines: list[str] = []
        """Every phase question and knapp prompt, case-folded for comparing."""
        self.shown: list[str] = []
        """The same lines as the guide writes them."""
        self.meta: list[tuple[str | None, str | None, str | None]] = []
        for ref in model.all_prompts():
            if ref.phase is None:
                continue
            kind = getattr(ref.prompt, "type", None)
            self.shown.append(ref.prompt.text("chat"))
            self.lines.append(self.shown[-1].casefold())
            self.meta.append((ref.phase, kind, ref.knapp))

    def suggest(self, text: str) -> Suggestion | None:
        from rapidfuzz import fuzz, process  # loaded when a chat is first looked at

        best = process.extractOne(text.casefold(), self.lines, scorer=fuzz.token_set_ratio,
                                  score_cutoff=SUGGEST_FROM)  # fmt: skip
        if best is None:
            return None
        _, score, index = best
        phase, kind, knapp = self.meta[index]
        return Suggestion(phase, kind, knapp, self.shown[index], float(score))


def is_question(turn: Turn) -> bool:
    return turn.speaker == COUNSELLOR and "?" in turn.text


@dataclass
class Analysis:
    """A reviewed transcript (roles, masked) and the counsellor's marks, by turn index."""

    transcript: Transcript
    masked: int = 0
    phases: dict[int, str] = field(default_factory=dict)
    knapper: dict[int, str] = field(default_factory=dict)
    kinds: dict[int, str] = field(default_factory=dict)
    her: dict[int, str] = field(default_factory=dict)
    suggestions: dict[int, Suggestion] = field(default_factory=dict)
    created_at: float = field(default_factory=time.time)

    @property
    def turns(self) -> tuple[Turn, ...]:
        return self.transcript.turns

    def suggest_all(self, suggester: Suggester) -> None:
        """A suggestion for every counsellor question (shown as such until accepted)."""
        for index, turn in enumerate(self.turns):
            if is_question(turn):
                found = suggester.suggest(turn.text)
                if found is not None:
                    self.suggestions[index] = found

    def phase_at(self, index: int) -> str | None:
        """The phase a turn is in: the last one marked at or before it."""
        starts = [i for i in self.phases if i <= index]
        return self.phases[max(starts)] if starts else None

    def mark_phase(self, index: int, phase: str) -> None:
        if self.phases.get(index) == phase:
            del self.phases[index]  # the same key again takes it away
        else:
            self.phases[index] = phase

    def tag_knapp(self, index: int, knapp: str | None) -> None:
        if knapp is None:
            self.knapper.pop(index, None)
        else:
            self.knapper[index] = knapp

    def set_kind(self, index: int, kind: str | None) -> None:
        if kind is None:
            self.kinds.pop(index, None)
        elif kind in TOMM_TYPES and self.turns[index].speaker == COUNSELLOR:
            self.kinds[index] = kind

    def accept(self, index: int) -> bool:
        """Take the suggestion for a turn: its type, and its phase if none is marked there yet
        and the turn is not already in that phase. False when there is none."""
        found = self.suggestions.get(index)
        if found is None:
            return False
        if found.kind in TOMM_TYPES:
            self.kinds[index] = found.kind
        if found.knapp is not None and index not in self.knapper:
            self.knapper[index] = found.knapp
        if found.phase is not None and self.phase_at(index) != found.phase:
            self.phases[index] = found.phase
        return True

    def mark_her(self, index: int, note: str, vocabulary: frozenset[str] = frozenset()) -> None:
        """A «HER» note on a turn, through the pack review like the turns (a name typed in it is
        masked before it is kept); an empty note takes it away."""
        if note.strip():
            text, found = reviewed(note.strip(), vocabulary)
            self.masked += found
            self.her[index] = text
        else:
            self.her.pop(index, None)

    # --- out ------------------------------------------------------------------------------

    def to_json(self, model: Content) -> str:
        """The analysis log (``SCHEMA``): only roles, masked text and the marks."""
        turns = []
        for index, turn in enumerate(self.turns):
            row: dict[str, Any] = {"role": turn.speaker, "text": turn.text}
            if turn.at is not None:
                row["at"] = turn.at
            if index in self.phases:
                row["phase"] = self.phases[index]
            if index in self.knapper:
                row["knapp"] = self.knapper[index]
            if index in self.kinds:
                row["type"] = self.kinds[index]
            if index in self.her:
                row["her"] = self.her[index]
            turns.append(row)
        data = {
            "schema": SCHEMA,
            "date": time.strftime("%Y-%m-%d", time.localtime(self.created_at)),
            "lang": model.lang,
            "masked": self.masked,
            "counts": self.counts(),
            "turns": turns,
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    def counts(self) -> dict[str, Any]:
        questions = [i for i, turn in enumerate(self.turns) if is_question(turn)]
        kinds: dict[str, int] = {}
        for kind in self.kinds.values():
            kinds[kind] = kinds.get(kind, 0) + 1
        return {
            "turns": len(self.turns),
            "questions": len(questions),
            "typed": len(self.kinds),
            "kinds": dict(sorted(kinds.items())),
            "phases": [self.phases[i] for i in sorted(self.phases)],
            "knapper": sorted(set(self.knapper.values())),
            "her": len(self.her),
        }


def from_json(text: str) -> Analysis:
    """An analysis log read back (the archive keeps it as JSON)."""
    data = json.loads(text)
    turns = tuple(Turn(row["role"], row["text"], row.get("at"), 0) for row in data["turns"])
    from tui.core.chat.transcript import VEISOKER

    analysis = Analysis(Transcript(turns, (COUNSELLOR, VEISOKER), "log"), data["masked"])
    for index, row in enumerate(data["turns"]):
        if "phase" in row:
            analysis.phases[index] = row["phase"]
        if "knapp" in row:
            analysis.knapper[index] = row["knapp"]
        if "type" in row:
            analysis.kinds[index] = row["type"]
        if "her" in row:
            analysis.her[index] = row["her"]
    return analysis
