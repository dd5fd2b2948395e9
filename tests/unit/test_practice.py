"""«Min praksis»: the SQL aggregation agrees with the same figures worked out one conversation
at a time from the archive, over generated archives of any size, period and channel."""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core.archive.store import Store
from tui.core.conversation.session import Session
from tui.core.model.content import PHASE_IDS, Content
from tui.core.outputs.demo import generate
from tui.core.outputs.practice import CHANNEL_FILTERS, practice, trend

NOW = 1_790_000_000.0
DAY = 86400.0


def reference(store: Store, model: Content, days: int | None, channel: str) -> dict[str, object]:
    """The figures, the slow and obvious way: load every conversation and ask the Session."""
    rows = store.conn.execute("SELECT id FROM sessions").fetchall()
    sessions: list[tuple[object, Session]] = []
    for (sid,) in rows:
        loaded = store.load(sid)
        if not loaded.moves or loaded.status not in ("finished", "saved"):
            continue
        if days is not None and loaded.created_at < NOW - days * DAY:
            continue
        if channel != "alle" and loaded.channel != channel:
            continue
        session = Session(loaded.channel)
        session.moves[:] = loaded.moves
        sessions.append((loaded, session))
    used = {k.id: 0 for k in model.knapper}
    for loaded, _ in sessions:
        tagged = {n.knapp for n in loaded.notes if n.knapp}  # type: ignore[attr-defined]
        copied = {c.prompt_id.split(".")[0] for c in loaded.copies}  # type: ignore[attr-defined]
        for knapp in used:
            used[knapp] += knapp in tagged | copied
    phase_minutes = {}
    for phase in PHASE_IDS:
        values = [s.phase_seconds()[phase] / 60 for _, s in sessions
                  if any(m.dst == phase for m in s.moves)]  # fmt: skip
        phase_minutes[phase] = statistics.median(values) if values else 0.0
    n = len(sessions)
    return {
        "conversations": n,
        "konklusjon": sum(any(m.dst == "konklusjon" for m in s.moves) for _, s in sessions),
        "renewals": sum(s.renewals for _, s in sessions),
        "phase_minutes": phase_minutes,
        "knapper": used,
    }


@pytest.fixture
def archive(tmp_path: Path, model: Content) -> Store:
    store = Store(tmp_path / "data").open()
    yield store  # type: ignore[misc]
    store.close()


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    count=st.integers(0, 30),
    seed=st.integers(0, 10_000),
    days=st.sampled_from([30, 90, None]),
    channel=st.sampled_from(CHANNEL_FILTERS),
)
def test_sql_figures_equal_the_per_conversation_reference(
    tmp_path_factory: pytest.TempPathFactory, model: Content, count: int, seed: int,
    days: int | None, channel: str,
) -> None:  # fmt: skip
    store = Store(tmp_path_factory.mktemp("p") / "data").open()
    try:
        generate(store, model, count, start=NOW - 120 * DAY, seed=seed)
        got = practice(store.conn, model, days=days, channel=channel, now=NOW)  # type: ignore[arg-type]
        want = reference(store, model, days, channel)
        assert got.conversations == want["conversations"]
        n = got.conversations
        assert got.konklusjon_share == pytest.approx(want["konklusjon"] / n if n else 0, abs=1e-3)  # type: ignore[operator]
        assert got.renewals_mean == pytest.approx(want["renewals"] / n if n else 0, abs=1e-2)  # type: ignore[operator]
        for phase, minutes in want["phase_minutes"].items():  # type: ignore[attr-defined]
            assert got.phase_minutes[phase].median == pytest.approx(minutes, abs=0.01)
        assert {k.id: k.conversations for k in got.knapper} == want["knapper"]
        assert sum(w.conversations for w in got.weeks) == n
    finally:
        store.close()


def test_a_never_used_knapp_is_marked_and_the_others_are_not(
    archive: Store, model: Content
) -> None:
    generate(archive, model, 20, start=NOW - 25 * DAY, seed=3)
    result = practice(archive.conn, model, days=30, now=NOW)
    assert result.conversations == 20
    marked = {k.id for k in result.knapper if k.rarely}
    assert "valg-og-tilfeldigheter" in marked
    assert marked != {k.id for k in model.knapper}
    assert sum(result.kinds.values()) > 0 and sum(result.kolb.values()) > 0


def test_the_period_and_the_channel_narrow_the_count(archive: Store, model: Content) -> None:
    generate(archive, model, 30, start=NOW - 200 * DAY, seed=5)
    everything = practice(archive.conn, model, days=None, now=NOW).conversations
    recent = practice(archive.conn, model, days=30, now=NOW).conversations
    chat = practice(archive.conn, model, days=None, channel="chat", now=NOW).conversations
    phone = practice(archive.conn, model, days=None, channel="phone", now=NOW).conversations
    assert everything == 30 and recent < everything and chat + phone == everything


def test_an_open_or_empty_session_is_not_a_conversation(archive: Store, model: Content) -> None:
    archive.create_session("chat")  # never started
    result = practice(archive.conn, model, days=None, now=NOW)
    assert result.conversations == 0 and result.weeks == []
    assert all(k.rarely for k in result.knapper)  # nothing used yet: every knapp is unused


def test_the_weekly_trend_has_every_week_and_each_measure(archive: Store, model: Content) -> None:
    generate(archive, model, 12, start=NOW - 60 * DAY, seed=9)
    result = practice(archive.conn, model, days=None, now=NOW)
    weeks = [w.week for w in result.weeks]
    assert weeks == sorted(weeks) and len(set(weeks)) == len(weeks)
    for measure in ("samtaler", "konklusjon", "kontrakt", "fornyelser", "knapper"):
        values = trend(result.weeks, measure)
        assert len(values) == len(weeks)
    counts = [v for _, v in trend(result.weeks, "samtaler")]
    assert sum(c or 0 for c in counts) == 12


SCHEMA_FILE = Path(__file__).resolve().parents[2] / "tui" / "schema" / "practice.v1.schema.json"


def test_the_cli_json_validates_against_the_shipped_schema(tmp_path: Path, model: Content) -> None:
    import json
    import subprocess
    import sys

    import jsonschema

    from tui.core.outputs.practice import json_schema

    shipped = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert shipped == json_schema(), "regenerate tui/schema/ (see README): the figures changed"
    data = tmp_path / "data"
    root = Path(__file__).resolve().parents[2]

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "tui", "--data-dir", str(data), *args],
                              capture_output=True, text=True, cwd=root, encoding="utf-8")  # fmt: skip

    made = cli("demo", "12")
    assert made.returncode == 0, made.stderr
    again = cli("demo", "3")  # never into an archive with conversations
    assert again.returncode == 2 and "har samtaler allerede" in again.stderr
    out = cli("praksis", "--json")
    assert out.returncode == 0, out.stderr
    figures = json.loads(out.stdout)
    jsonschema.validate(figures, shipped)
    assert figures["conversations"] == 12 and figures["schema_version"] == 1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**figures, "konklusjon_share": "most"}, shipped)
    text = cli("praksis", "--days", "30")
    assert text.returncode == 0 and "Min praksis" in text.stdout
    assert cli("praksis", "--days", "0").returncode == 2


def test_the_nudge_names_a_knapp_unused_in_the_last_n(archive: Store, model: Content) -> None:
    from tui.core.outputs.practice import nudge_for, unused_knapper

    assert nudge_for(archive.conn, model, 5) is None  # fewer than five conversations yet
    generate(archive, model, 8, start=NOW - 20 * DAY, seed=2)
    unused = unused_knapper(archive.conn, model, 5)
    assert "valg-og-tilfeldigheter" in unused  # the generator never uses it
    nudge = nudge_for(archive.conn, model, 5)
    assert nudge is not None and nudge.knapp == unused[0] and nudge.last == 5
    assert nudge_for(archive.conn, model, None) is None  # off unless configured
    generate(archive, model, 5, start=NOW - 5 * DAY, seed=3, skip_knapper=())
    every = [archive.load(sid) for (sid,) in archive.conn.execute("SELECT id FROM sessions")]
    assert len(every) == 13
    last = sorted(every, key=lambda loaded: loaded.created_at)[-5:]
    used = {n.knapp for x in last for n in x.notes if n.knapp}
    used |= {c.prompt_id.split(".")[0] for x in last for c in x.copies}
    assert unused_knapper(archive.conn, model, 5) == [k.id for k in model.knapper
                                                       if k.id not in used]  # fmt: skip
