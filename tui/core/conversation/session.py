"""The 4K session machine: moves, the timeline, and what is derived from it.

A session is a list of timestamped moves; everything else (current state, time per phase,
contract renewals, rounds) is derived from that list, never stored twice. The model is
circular: going back to Kontrakt from Kommunikasjon or Konklusjon renews the contract, and a
new question after Konklusjon starts a new round at Kontrakt.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Literal, cast

from tui.core.conversation.notes import Copy, Note, Pin
from tui.core.model.content import PHASE_IDS, Channel, PhaseId

State = Literal["ikke-startet", "kontakt", "kontrakt", "kommunikasjon", "konklusjon", "avsluttet"]
NOT_STARTED: State = "ikke-startet"
FINISHED: State = "avsluttet"

Clock = Callable[[], float]


Outcome = Literal["stille", "kort", "henvist"]
"""How a conversation ended when not as a whole one: a chat that went quiet, a quick
information chat, or referred on. The figures count these apart."""
OUTCOMES: tuple[Outcome, ...] = ("stille", "kort", "henvist")


class MoveKind(StrEnum):
    """How a move came about (the timeline records it; renewals are derived from it)."""

    START = "start"
    NEXT = "next"
    BACK = "back"
    JUMP = "jump"
    NEW_ROUND = "new-round"
    FINISH = "finish"


class Refusal(StrEnum):
    """Why a move was refused; the UI turns each into words."""

    NOT_STARTED = "not-started"
    ALREADY_STARTED = "already-started"
    FINISHED = "finished"
    SAME_PHASE = "same-phase"
    NO_NEXT = "no-next"
    NO_BACK = "no-back"
    NEW_ROUND_OUTSIDE_KONKLUSJON = "new-round-outside-konklusjon"
    UNKNOWN_PHASE = "unknown-phase"


class InvalidMove(Exception):
    """A move the model does not allow; ``reason`` says why."""

    def __init__(self, reason: Refusal) -> None:
        self.reason = reason
        super().__init__(reason.value)


@dataclass(frozen=True)
class Move:
    """One step on the timeline."""

    at: float
    kind: MoveKind
    src: State
    dst: State

    @property
    def is_renewal(self) -> bool:
        """Entering Kontrakt again from later in the conversation renews the contract."""
        return (
            self.kind != MoveKind.NEW_ROUND
            and self.dst == "kontrakt"
            and self.src in ("kommunikasjon", "konklusjon")
        )


@dataclass(frozen=True)
class Segment:
    """A stretch of time spent in one phase."""

    phase: PhaseId
    round: int
    start: float
    end: float | None


Event = Move | Note | Copy | Pin
Listener = Callable[[Event], None]


@dataclass
class Session:
    """A guidance conversation in progress."""

    channel: Channel
    clock: Clock = time.time
    moves: list[Move] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    copies: list[Copy] = field(default_factory=list)
    _listeners: list[Listener] = field(default_factory=list, repr=False)

    # --- listening (the store subscribes here) -----------------------------------------

    def subscribe(self, listener: Listener) -> None:
        """Call ``listener`` with every move, note and copy as it happens."""
        self._listeners.append(listener)

    def _emit(self, event: Event) -> None:
        for listener in self._listeners:
            listener(event)

    def _now(self) -> float:
        # Wall clocks can jump back; the timeline must not.
        now = self.clock()
        last = self.moves[-1].at if self.moves else now
        return max(now, last)

    # --- state ------------------------------------------------------------------------

    @property
    def state(self) -> State:
        """The current state: not started, one of the four phases, or finished."""
        return self.moves[-1].dst if self.moves else NOT_STARTED

    @property
    def phase(self) -> PhaseId | None:
        """The current phase, or None before the start and after the finish."""
        state = self.state
        return None if state in (NOT_STARTED, FINISHED) else state  # type: ignore[return-value]

    @property
    def started(self) -> bool:
        """True once the first phase has been entered."""
        return bool(self.moves)

    @property
    def finished(self) -> bool:
        """True after the session was finished."""
        return self.state == FINISHED

    # --- moves ------------------------------------------------------------------------

    def _move(self, kind: MoveKind, dst: State) -> Move:
        move = Move(self._now(), kind, self.state, dst)
        self.moves.append(move)
        self._emit(move)
        return move

    def start(self, phase: PhaseId = "kontakt") -> Move:
        """Begin the conversation in ``phase`` (normally Kontakt)."""
        if self.finished:
            raise InvalidMove(Refusal.FINISHED)
        if self.started:
            raise InvalidMove(Refusal.ALREADY_STARTED)
        if phase not in PHASE_IDS:
            raise InvalidMove(Refusal.UNKNOWN_PHASE)
        return self._move(MoveKind.START, phase)

    def ensure_started(self) -> None:
        """Start at Kontakt if nothing has happened yet (a note or copy begins the clock)."""
        if not self.started:
            self.start()

    def _current(self) -> PhaseId:
        if self.finished:
            raise InvalidMove(Refusal.FINISHED)
        phase = self.phase
        if phase is None:
            raise InvalidMove(Refusal.NOT_STARTED)
        return phase

    def jump(self, phase: PhaseId) -> Move:
        """Go to any phase; before the start this starts the session there."""
        if phase not in PHASE_IDS:
            raise InvalidMove(Refusal.UNKNOWN_PHASE)
        if not self.started:
            return self.start(phase)
        if self._current() == phase:
            raise InvalidMove(Refusal.SAME_PHASE)
        return self._move(MoveKind.JUMP, phase)

    def next(self) -> Move:
        """Go to the following phase (Konklusjon has none: finish or start a new round)."""
        if not self.started:
            return self.start()
        index = PHASE_IDS.index(self._current())
        if index == len(PHASE_IDS) - 1:
            raise InvalidMove(Refusal.NO_NEXT)
        return self._move(MoveKind.NEXT, PHASE_IDS[index + 1])

    def back(self) -> Move:
        """Go to the previous phase."""
        index = PHASE_IDS.index(self._current())
        if index == 0:
            raise InvalidMove(Refusal.NO_BACK)
        return self._move(MoveKind.BACK, PHASE_IDS[index - 1])

    def new_round(self) -> Move:
        """A new question after Konklusjon: a new round begins at Kontrakt."""
        if self._current() != "konklusjon":
            raise InvalidMove(Refusal.NEW_ROUND_OUTSIDE_KONKLUSJON)
        return self._move(MoveKind.NEW_ROUND, "kontrakt")

    def finish(self, at: float | None = None) -> Move:
        """End the conversation (at ``at``, e.g. the last activity of a resumed session)."""
        self._current()
        if at is None:
            return self._move(MoveKind.FINISH, FINISHED)
        move = Move(max(at, self.moves[-1].at), MoveKind.FINISH, self.state, FINISHED)
        self.moves.append(move)
        self._emit(move)
        return move

    # --- notes and copies -------------------------------------------------------------

    def toggle_pin(self, note_id: int) -> Note:
        """Pin or unpin a saved note."""
        index = note_id - 1
        note = replace(self.notes[index], pinned=not self.notes[index].pinned)
        self.notes[index] = note
        self._emit(Pin(note_id, note.pinned))
        return note

    def add_note(self, text: str, knapp: str | None = None, pinned: bool = False,
                 at: float | None = None) -> Note | None:  # fmt: skip
        """Save a note stamped with the time (``at``, e.g. a resumed session's last activity, or
        now), phase and round; blank text saves nothing."""
        if not text.strip() or self.finished:
            return None
        self.ensure_started()
        note = Note(
            id=len(self.notes) + 1,
            at=self._now() if at is None else max(at, self.moves[-1].at),
            phase=self.phase,
            round=self.rounds,
            text=text,
            knapp=knapp,
            pinned=pinned,
        )
        self.notes.append(note)
        self._emit(note)
        return note

    def record_copy(self, prompt_id: str, text: str) -> Copy:
        """Record that a prompt was copied into the conversation."""
        if not self.finished:
            self.ensure_started()
        copy = Copy(at=self._now(), prompt_id=prompt_id, phase=self.phase, text=text)
        self.copies.append(copy)
        self._emit(copy)
        return copy

    # --- derived ----------------------------------------------------------------------

    @property
    def renewals(self) -> int:
        """How many times the contract was renewed."""
        return sum(1 for m in self.moves if m.is_renewal)

    @property
    def rounds(self) -> int:
        """How many rounds (questions taken through to Konklusjon and begun again)."""
        if not self.moves:
            return 0
        return 1 + sum(1 for m in self.moves if m.kind == MoveKind.NEW_ROUND)

    def segments(self) -> list[Segment]:
        """The timeline as stretches of time per phase; the last is open while running."""
        out: list[Segment] = []
        round_no = 0
        for i, move in enumerate(self.moves):
            if move.kind in (MoveKind.START, MoveKind.NEW_ROUND):
                round_no += 1
            if move.dst not in (NOT_STARTED, FINISHED):
                end = self.moves[i + 1].at if i + 1 < len(self.moves) else None
                out.append(Segment(cast(PhaseId, move.dst), round_no, move.at, end))
        return out

    def session_seconds(self, now: float | None = None) -> float:
        """Seconds from the start to the finish (or to ``now`` while running)."""
        if not self.moves:
            return 0.0
        end = self.moves[-1].at if self.finished else self._at(now)
        return end - self.moves[0].at

    def phase_seconds(self, now: float | None = None) -> dict[PhaseId, float]:
        """Total seconds spent in each phase; they add up to ``session_seconds``."""
        totals: dict[PhaseId, float] = dict.fromkeys(PHASE_IDS, 0.0)
        at = self._at(now)
        for seg in self.segments():
            totals[seg.phase] += (seg.end if seg.end is not None else at) - seg.start
        return totals

    def current_phase_seconds(self, now: float | None = None) -> float:
        """Seconds since the current phase was entered (0 when not in a phase)."""
        if self.phase is None:
            return 0.0
        return self._at(now) - self.moves[-1].at

    def round_reached_konklusjon(self) -> bool:
        """True if the current round has been in Konklusjon."""
        for move in reversed(self.moves):
            if move.dst == "konklusjon":
                return True
            if move.kind in (MoveKind.NEW_ROUND, MoveKind.START):
                return False
        return False

    def runs_long(self, limit_minutes: int, now: float | None = None) -> bool:
        """True when the session passed ``limit_minutes`` without reaching Konklusjon."""
        return (
            self.phase is not None
            and not self.round_reached_konklusjon()
            and self.session_seconds(now) >= limit_minutes * 60
        )

    def _at(self, now: float | None) -> float:
        at = self.clock() if now is None else now
        return max(at, self.moves[-1].at) if self.moves else at
