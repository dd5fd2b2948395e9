"""«Min praksis»: how a counsellor has used the model across their own conversations.

Private and local: read from the counsellor's own archive, shown only to them, framed as
reflection (each measure comes with a question from content), never as a score. Aggregated in
SQL, one query per table over the conversations in the period; no log is loaded.

A *conversation* here is a session that was started (has a move) and was finished or saved.
"""

from __future__ import annotations

import sqlite3
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from tui.core.conversation.session import OUTCOMES
from tui.core.model.content import KINDS, PHASE_IDS, Content

ChannelFilter = Literal["alle", "chat", "phone"]
CHANNEL_FILTERS: tuple[ChannelFilter, ...] = ("alle", "chat", "phone")
PERIODS: tuple[int | None, ...] = (30, 90, None)
"""Days back: 30, 90, or everything (None)."""
RARELY = 0.1
"""A knapp used in fewer than this share of conversations counts as rarely used."""
TRENDS: tuple[str, ...] = ("samtaler", "konklusjon", "kontrakt", "fornyelser", "knapper")
"""The measures the weekly trend can show."""


@dataclass(frozen=True)
class Spread:
    """Median and quartiles of a measure (minutes), over the conversations that had it."""

    n: int
    median: float
    q1: float
    q3: float


@dataclass(frozen=True)
class KnappUse:
    id: str
    conversations: int
    """Conversations where the knapp was tagged on a note or one of its prompts was copied."""
    share: float
    rarely: bool
    """Never used, or in fewer than 10 % of the conversations."""


@dataclass(frozen=True)
class Week:
    week: str
    """ISO week, e.g. ``2026-W48``."""
    conversations: int
    konklusjon_share: float
    kontrakt_minutes: float | None
    """Median minutes in Kontrakt that week (None when no conversation had a Kontrakt)."""
    renewals: float
    """Contract renewals per conversation."""
    knapper: float
    """Knapper used per conversation."""


@dataclass(frozen=True)
class Practice:
    """Every figure of the screen and of ``veiviser praksis --json``."""

    days: int | None
    channel: ChannelFilter
    since: float | None
    conversations: int
    phase_minutes: dict[str, Spread]
    konklusjon_share: float
    """Of the conversations ended as whole ones (a quiet chat, a quick information chat or a
    referral is counted apart, in ``outcomes``)."""
    renewals_mean: float
    renewals_median: float
    knapper: list[KnappUse]
    kolb: dict[str, int]
    """Copied prompts per Kolb stage (prompts that belong to a stage)."""

    kinds: dict[str, int]
    """Copied questions per question kind (Tomm's types, metakommunikasjon, ytring)."""
    weeks: list[Week] = field(default_factory=list)
    outcomes: dict[str, int] = field(default_factory=dict)
    """How many ended otherwise than as whole conversations, by how (``stille``, ``kort``,
    ``henvist``)."""
    analysed: int = 0
    """Chats looked back on through the model in the period (``veiviser chat``), counted apart
    from the conversations guided with Veiviser (any channel filter: they are chats)."""


def _spread(values: list[float]) -> Spread:
    if not values:
        return Spread(0, 0.0, 0.0, 0.0)
    ordered = sorted(values)
    if len(ordered) == 1:
        return Spread(1, ordered[0], ordered[0], ordered[0])
    q1, median, q3 = statistics.quantiles(ordered, n=4, method="inclusive")
    return Spread(len(ordered), round(median, 2), round(q1, 2), round(q3, 2))


def iso_week(at: float) -> str:
    year, week, _ = date.fromtimestamp(at).isocalendar()
    return f"{year}-W{week:02d}"


def practice(
    conn: sqlite3.Connection,
    model: Content,
    days: int | None = 30,
    channel: ChannelFilter = "alle",
    now: float | None = None,
) -> Practice:
    """Aggregate the archive on ``conn`` for the last ``days`` (None: all) and ``channel``."""
    now = time.time() if now is None else now
    since = None if days is None else now - days * 86400
    where = ["s.status IN ('finished', 'saved')",
             "EXISTS (SELECT 1 FROM moves x WHERE x.session_id = s.id)"]  # fmt: skip
    args: list[object] = []
    if since is not None:
        where.append("s.created_at >= ?")
        args.append(since)
    if channel != "alle":
        where.append("s.channel = ?")
        args.append(channel)
    chosen = f"SELECT s.id FROM sessions s WHERE {' AND '.join(where)}"

    created = dict(
        conn.execute(
            f"SELECT s.id, s.created_at FROM sessions s WHERE s.id IN ({chosen})", args
        ).fetchall()
    )
    total = len(created)

    # Time per phase: each move's stretch lasts until the next move.
    phase_rows = conn.execute(
        f"""SELECT session_id, dst, SUM(nxt - at) FROM (
              SELECT session_id, dst, at,
                     LEAD(at) OVER (PARTITION BY session_id ORDER BY seq) AS nxt
              FROM moves WHERE session_id IN ({chosen}))
            WHERE nxt IS NOT NULL GROUP BY session_id, dst""",
        args,
    ).fetchall()
    per_phase: dict[str, dict[str, float]] = {p: {} for p in PHASE_IDS}
    for sid, phase, seconds in phase_rows:
        if phase in per_phase:
            per_phase[phase][sid] = seconds / 60

    move_rows = conn.execute(
        f"""SELECT session_id,
                   SUM(dst = 'konklusjon') > 0,
                   SUM(kind != 'new-round' AND dst = 'kontrakt'
                       AND src IN ('kommunikasjon', 'konklusjon'))
            FROM moves WHERE session_id IN ({chosen}) GROUP BY session_id""",
        args,
    ).fetchall()
    ended_otherwise = dict(
        conn.execute(
            f"SELECT id, outcome FROM sessions WHERE outcome IS NOT NULL AND id IN ({chosen})",
            args,
        ).fetchall()
    )
    whole = total - len(ended_otherwise)
    reached = {sid for sid, konklusjon, _ in move_rows
               if konklusjon and sid not in ended_otherwise}  # fmt: skip
    renewals = {sid: int(n) for sid, _, n in move_rows}

    knapp_ids = [k.id for k in model.knapper]
    used: dict[str, set[str]] = {k: set() for k in knapp_ids}
    for sid, knapp in conn.execute(
        f"SELECT DISTINCT session_id, knapp FROM notes WHERE knapp IS NOT NULL "
        f"AND session_id IN ({chosen})",
        args,
    ):
        if knapp in used:
            used[knapp].add(sid)
    copies = conn.execute(
        f"SELECT session_id, prompt_id FROM copies WHERE session_id IN ({chosen})", args
    ).fetchall()
    refs = {ref.id: ref for ref in model.all_prompts()}
    kolb = {s.id: 0 for s in model.stages}
    kinds: dict[str, int] = dict.fromkeys(KINDS, 0)
    for sid, prompt_id in copies:
        head = prompt_id.split(".")[0]
        if head in used:
            used[head].add(sid)
        ref = refs.get(prompt_id)
        if ref is None:
            continue
        if ref.kolb is not None:
            kolb[ref.kolb] += 1
        kind = getattr(ref.prompt, "type", None)
        if kind in kinds:
            kinds[kind] += 1

    knapper = [
        KnappUse(
            k,
            len(used[k]),
            round(len(used[k]) / total, 3) if total else 0.0,
            (len(used[k]) / total if total else 0.0) < RARELY,
        )
        for k in knapp_ids
    ]
    counts = list(renewals.values())
    weeks = _weeks(created, per_phase["kontrakt"], reached, renewals, used)
    return Practice(
        days=days,
        channel=channel,
        since=since,
        conversations=total,
        phase_minutes={p: _spread(list(per_phase[p].values())) for p in PHASE_IDS},
        konklusjon_share=round(len(reached) / whole, 3) if whole else 0.0,
        renewals_mean=round(sum(counts) / total, 2) if total else 0.0,
        renewals_median=statistics.median(counts) if counts else 0.0,
        knapper=knapper,
        kolb=kolb,
        kinds=kinds,
        weeks=weeks,
        outcomes={o: sum(v == o for v in ended_otherwise.values()) for o in OUTCOMES},
        analysed=_analysed(conn, since),
    )


def _analysed(conn: sqlite3.Connection, since: float | None) -> int:
    """Chats looked back on since ``since`` (an archive from before schema 4 has none)."""
    from tui.core.archive.store import has_table

    if not has_table(conn, "analyses"):
        return 0
    row = conn.execute("SELECT COUNT(*) FROM analyses WHERE created_at >= ?", (since or 0.0,))
    return int(row.fetchone()[0])


def _weeks(
    created: dict[str, float],
    kontrakt: dict[str, float],
    reached: set[str],
    renewals: dict[str, int],
    used: dict[str, set[str]],
) -> list[Week]:
    """One row per ISO week from the first conversation to the last (empty weeks included)."""
    if not created:
        return []
    by_week: dict[str, list[str]] = {}
    for sid, at in created.items():
        by_week.setdefault(iso_week(at), []).append(sid)
    first, last = min(created.values()), max(created.values())
    day = date.fromtimestamp(first)
    day -= timedelta(days=day.weekday())
    out: list[Week] = []
    while day <= date.fromtimestamp(last):
        year, week, _ = day.isocalendar()
        key = f"{year}-W{week:02d}"
        sids = by_week.get(key, [])
        n = len(sids)
        minutes = [kontrakt[s] for s in sids if s in kontrakt]
        out.append(
            Week(
                week=key,
                conversations=n,
                konklusjon_share=round(sum(s in reached for s in sids) / n, 3) if n else 0.0,
                kontrakt_minutes=round(statistics.median(minutes), 2) if minutes else None,
                renewals=round(sum(renewals.get(s, 0) for s in sids) / n, 2) if n else 0.0,
                knapper=round(sum(s in u for u in used.values() for s in sids) / n, 2)
                if n
                else 0.0,
            )
        )
        day += timedelta(days=7)
    return out


def trend(weeks: list[Week], measure: str) -> list[tuple[str, float | None]]:
    """The weekly values of one of :data:`TRENDS`."""
    picks: dict[str, Callable[[Week], float | None]] = {
        "samtaler": lambda w: float(w.conversations),
        "konklusjon": lambda w: w.konklusjon_share * 100 if w.conversations else None,
        "kontrakt": lambda w: w.kontrakt_minutes,
        "fornyelser": lambda w: w.renewals if w.conversations else None,
        "knapper": lambda w: w.knapper if w.conversations else None,
    }
    pick = picks[measure]
    return [(w.week, pick(w)) for w in weeks]


def as_dict(result: Practice) -> dict[str, object]:
    """The figures as plain JSON data (``veiviser praksis --json``; schema in ``tui/schema/``)."""
    from dataclasses import asdict

    return {"schema_version": 1, **asdict(result)}


def words(model: Content, key: str, **values: object) -> str:
    """A UI text of the content's language (ui.yaml), filled in."""
    return model.ui[f"praksis.{key}"].format(**values)


def period_label(model: Content, result: Practice) -> str:
    if result.days is None:
        return words(model, "period_all")
    return words(model, "period_days", n=result.days)


def number(model: Content, value: float, digits: int = 1) -> str:
    """A decimal number as the language writes it (3,5 in Norwegian, 3.5 in English)."""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if model.lang == "nb" else text


def percent(share: float) -> str:
    return f"{share * 100:.0f} %"


def table_rows(model: Content, result: Practice) -> list[tuple[str, str, str]]:
    """The table view, one row per figure: measure, value, and the question to think about."""
    rows: list[tuple[str, str, str]] = []
    phases: dict[str, str] = {p.id: p.name for p in model.phases}
    for i, (phase, spread) in enumerate(result.phase_minutes.items()):
        value = (f"{number(model, spread.median)} ({number(model, spread.q1)}–"
                 f"{number(model, spread.q3)}), n={spread.n}" if spread.n else "–")  # fmt: skip
        rows.append((phases[phase], value, words(model, "q.phases") if i == 0 else ""))
    rows.append((words(model, "label.konklusjon"), percent(result.konklusjon_share),
                 words(model, "q.konklusjon")))  # fmt: skip
    rows.append((words(model, "label.renewals"), number(model, result.renewals_mean, 2),
                 words(model, "q.renewals")))  # fmt: skip
    names = {k.id: k.name for k in model.knapper}
    for i, use in enumerate(result.knapper):
        mark = f" · {words(model, 'rarely')}" if use.rarely else ""
        rows.append((names[use.id], f"{percent(use.share)} ({use.conversations}){mark}",
                     words(model, "q.knapper") if i == 0 else ""))  # fmt: skip
    stages = {s.id: s.plain for s in model.stages}
    for i, (stage, n) in enumerate(result.kolb.items()):
        rows.append((stages[stage], str(n), words(model, "q.kolb") if i == 0 else ""))
    kinds: dict[str, str] = {k.id: k.name for k in model.kinds}
    for i, (kind, n) in enumerate(result.kinds.items()):
        rows.append((kinds.get(kind, kind), str(n), words(model, "q.kinds") if i == 0 else ""))
    return rows


def text_report(model: Content, result: Practice) -> str:
    """``veiviser praksis``: the table view as plain text."""
    channel = words(model, f"channel_{result.channel}")
    lines = [
        words(model, "title"),
        words(
            model,
            "count",
            n=result.conversations,
            period=period_label(model, result),
            channel=channel,
        ),
        words(model, "private"),
        words(model, "analysed", n=result.analysed),
        "",
    ]
    if not result.conversations:
        lines.append(words(model, "none"))
        return "\n".join(lines)
    rows = table_rows(model, result)
    head = (words(model, "col.measure"), words(model, "col.value"), words(model, "col.question"))
    width = [max(len(r[i]) for r in (*rows, head)) for i in range(2)]
    for measure, value, question in (head, *rows):
        lines.append(f"{measure:<{width[0]}}  {value:<{width[1]}}  {question}".rstrip())
    return "\n".join(lines)


def json_schema() -> dict[str, object]:
    """The JSON Schema of ``veiviser praksis --json``, as shipped in ``tui/schema/``."""
    from pydantic import TypeAdapter

    schema: dict[str, object] = TypeAdapter(Practice).json_schema()
    properties = schema["properties"]
    assert isinstance(properties, dict)
    schema["properties"] = {"schema_version": {"const": 1, "type": "integer"}, **properties}
    schema["required"] = ["schema_version", *schema.get("required", [])]  # type: ignore[misc]
    schema["additionalProperties"] = False
    schema["$id"] = "https://veiviser.invalid/schema/practice.v1.schema.json"
    return schema


@dataclass(frozen=True)
class Nudge:
    """A gentle suggestion in Kommunikasjon: a knapp not used in the last ``last`` conversations."""

    knapp: str
    last: int


def nudge_for(conn: sqlite3.Connection, model: Content, last: int | None) -> Nudge | None:
    """The nudge for the next conversation (``nudge_after`` in the config; None: off)."""
    if not last:
        return None
    unused = unused_knapper(conn, model, last)
    return Nudge(unused[0], last) if unused else None


def unused_knapper(conn: sqlite3.Connection, model: Content, last: int) -> list[str]:
    """Knapper neither tagged nor copied in the ``last`` conversations (none until there have
    been that many), in the model's order: what the gentle nudge may suggest."""
    recent = [sid for (sid,) in conn.execute(
        "SELECT s.id FROM sessions s WHERE s.status IN ('finished', 'saved') AND EXISTS "
        "(SELECT 1 FROM moves m WHERE m.session_id = s.id) ORDER BY s.created_at DESC LIMIT ?",
        (last,),
    )]  # fmt: skip
    if len(recent) < last:
        return []
    marks = ",".join("?" * len(recent))
    used = {k for (k,) in conn.execute(
        f"SELECT DISTINCT knapp FROM notes WHERE knapp IS NOT NULL AND session_id IN ({marks})",
        recent,
    )}  # fmt: skip
    used |= {p.split(".")[0] for (p,) in conn.execute(
        f"SELECT DISTINCT prompt_id FROM copies WHERE session_id IN ({marks})", recent
    )}  # fmt: skip
    return [k.id for k in model.knapper if k.id not in used]
