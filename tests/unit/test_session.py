"""The 4K session machine: moves, refusals, derived times, renewals and rounds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.fakes import FakeClock
from tui.core.conversation.notes import Copy, Note, clock_label
from tui.core.conversation.session import InvalidMove, Move, MoveKind, Refusal, Session
from tui.core.model.content import PHASE_IDS


def test_a_conversation_with_one_renewal_and_a_new_round(clock: FakeClock) -> None:
    s = Session("chat", clock=clock)
    assert s.state == "ikke-startet" and s.phase is None and s.rounds == 0
    s.start()
    clock.advance(60)
    s.next()  # kontrakt
    clock.advance(120)
    s.jump("kommunikasjon")
    clock.advance(300)
    renewal = s.jump("kontrakt")  # the conversation changed direction
    assert renewal.is_renewal
    clock.advance(30)
    s.next()  # kommunikasjon
    clock.advance(200)
    s.next()  # konklusjon
    clock.advance(40)
    new_round = s.new_round()
    assert new_round.dst == "kontrakt" and not new_round.is_renewal
    clock.advance(10)
    s.finish()
    assert s.finished and s.phase is None
    assert s.renewals == 1
    assert s.rounds == 2
    assert s.phase_seconds() == {
        "kontakt": 60,
        "kontrakt": 120 + 30 + 10,
        "kommunikasjon": 300 + 200,
        "konklusjon": 40,
    }
    assert s.session_seconds() == 760
    clock.advance(1000)  # time after the finish does not count
    assert s.session_seconds() == 760


def test_renewal_from_konklusjon_by_jump(clock: FakeClock) -> None:
    s = Session("phone", clock=clock)
    s.jump("konklusjon")
    assert s.jump("kontrakt").is_renewal
    assert s.renewals == 1 and s.rounds == 1


@pytest.mark.parametrize(
    ("moves", "call", "reason"),
    [
        ([], ("back",), Refusal.NOT_STARTED),
        ([], ("finish",), Refusal.NOT_STARTED),
        ([], ("new_round",), Refusal.NOT_STARTED),
        ([("start",)], ("start",), Refusal.ALREADY_STARTED),
        ([("start",)], ("jump", "kontakt"), Refusal.SAME_PHASE),
        ([("start",)], ("back",), Refusal.NO_BACK),
        ([("jump", "konklusjon")], ("next",), Refusal.NO_NEXT),
        ([("jump", "kommunikasjon")], ("new_round",), Refusal.NEW_ROUND_OUTSIDE_KONKLUSJON),
        ([("start",), ("finish",)], ("next",), Refusal.FINISHED),
        ([("start",), ("finish",)], ("jump", "kontrakt"), Refusal.FINISHED),
        ([("start",), ("finish",)], ("start",), Refusal.FINISHED),
        ([], ("jump", "avslutning"), Refusal.UNKNOWN_PHASE),
    ],
)
def test_invalid_moves_are_refused_with_a_reason(
    clock: FakeClock, moves: list[tuple[str, ...]], call: tuple[str, ...], reason: Refusal
) -> None:
    s = Session("chat", clock=clock)
    for name, *args in moves:
        getattr(s, name)(*args)
    before = list(s.moves)
    with pytest.raises(InvalidMove) as info:
        getattr(s, call[0])(*call[1:])
    assert info.value.reason is reason
    assert s.moves == before  # a refused move changes nothing


def test_next_before_start_starts_at_kontakt(clock: FakeClock) -> None:
    s = Session("chat", clock=clock)
    assert s.next().dst == "kontakt"


def test_clock_going_backwards_keeps_the_timeline_monotonic(clock: FakeClock) -> None:
    s = Session("chat", clock=clock)
    s.start()
    clock.advance(-3600)  # e.g. a wall-clock correction
    move = s.next()
    assert move.at == s.moves[0].at
    assert s.session_seconds() >= 0


def test_notes_are_stamped_and_start_the_session(clock: FakeClock) -> None:
    s = Session("chat", clock=clock)
    events: list[object] = []
    s.subscribe(events.append)
    assert s.add_note("   ") is None
    note = s.add_note("vil bytte studie", knapp="endring-og-stabilitet")
    assert note is not None and note.phase == "kontakt" and note.round == 1 and note.id == 1
    assert s.started
    s.jump("kommunikasjon")
    second = s.add_note("mor mener lærer")
    assert second is not None and second.phase == "kommunikasjon" and second.id == 2
    copy = s.record_copy("kommunikasjon.2", "Hva ville mor sagt?")
    assert copy.phase == "kommunikasjon"
    kinds = [type(e) for e in events]
    assert kinds == [Move, Note, Move, Note, Copy]
    s.finish()
    assert s.add_note("etter slutt") is None


def test_runs_long_until_konklusjon(clock: FakeClock) -> None:
    s = Session("chat", clock=clock)
    s.start()
    clock.advance(19 * 60)
    assert not s.runs_long(20)
    clock.advance(60)
    assert s.runs_long(20)
    s.jump("konklusjon")
    assert not s.runs_long(20)
    s.new_round()  # a new question: the cue can come back
    assert s.runs_long(20)


def test_clock_label() -> None:
    assert clock_label(0) == "0:00"
    assert clock_label(65.9) == "1:05"
    assert clock_label(3600 + 61) == "1:01:01"
    assert clock_label(-5) == "0:00"


# --- properties over random move sequences ---------------------------------------------

MOVE = st.one_of(
    st.tuples(st.just("jump"), st.sampled_from(PHASE_IDS)),
    st.tuples(st.sampled_from(["next", "back", "new_round", "finish", "start"])),
)
STEP = st.tuples(MOVE, st.floats(min_value=-5, max_value=600, allow_nan=False))


def play(steps: list[tuple[tuple[str, ...], float]]) -> tuple[Session, FakeClock, int, int]:
    """Apply moves; count renewals and new rounds independently of the Session's logic."""
    clock = FakeClock()
    s = Session("chat", clock=clock)
    renewals = rounds = 0
    for (name, *args), dt in steps:
        clock.advance(dt)
        before = s.state
        try:
            move = getattr(s, name)(*args)
        except InvalidMove:
            continue
        if rounds == 0:
            rounds = 1
        if name == "new_round":
            rounds += 1
        elif move.dst == "kontrakt" and before in ("kommunikasjon", "konklusjon"):
            renewals += 1
    return s, clock, renewals, rounds


@settings(max_examples=300, deadline=None)
@given(st.lists(STEP, max_size=40))
def test_timeline_is_monotonic(steps: list[tuple[tuple[str, ...], float]]) -> None:
    s, _, _, _ = play(steps)
    times = [m.at for m in s.moves]
    assert times == sorted(times)
    kinds = [m.kind for m in s.moves]
    assert kinds.count(MoveKind.START) <= 1 and (not kinds or kinds[0] is MoveKind.START)
    assert MoveKind.FINISH not in kinds[:-1]  # nothing after the finish


@settings(max_examples=300, deadline=None)
@given(st.lists(STEP, max_size=40), st.floats(min_value=0, max_value=3600))
def test_phase_times_add_up_to_session_time(
    steps: list[tuple[tuple[str, ...], float]], later: float
) -> None:
    s, clock, _, _ = play(steps)
    clock.advance(later)
    total = sum(s.phase_seconds().values())
    assert total == pytest.approx(s.session_seconds(), abs=1e-6)
    assert all(v >= 0 for v in s.phase_seconds().values())


@settings(max_examples=300, deadline=None)
@given(st.lists(STEP, max_size=40))
def test_renewals_and_rounds_counted_exactly(steps: list[tuple[tuple[str, ...], float]]) -> None:
    s, _, renewals, rounds = play(steps)
    assert s.renewals == renewals
    assert s.rounds == rounds
