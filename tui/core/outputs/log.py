"""The reflection log: built from a session, rendered as Markdown and JSON (with a JSON Schema).

A log carries what a counsellor needs to reflect and to discuss with a colleague, and nothing
that identifies anyone: no username, hostname or path, and its texts have passed the privacy
review before they get here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from tui.core.conversation.notes import clock_label
from tui.core.conversation.session import Outcome, Session
from tui.core.model.content import Channel, Content

SCHEMA_VERSION = 1
SCHEMA_ID = "https://veiviser.invalid/schema/reflection-log.v1.schema.json"


def local_time(timestamp: float) -> datetime:
    """The wall-clock time of ``timestamp`` on this machine (one place, so tests can fix it)."""
    return datetime.fromtimestamp(timestamp)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PhaseTime(_Model):
    """Time spent in one phase."""

    phase: str
    name: str
    seconds: float = Field(ge=0)


class Segment(_Model):
    """A stretch of the timeline (offsets in seconds from the start)."""

    phase: str
    round: int = Field(ge=1)
    start: float = Field(ge=0)
    end: float = Field(ge=0)


class LogNote(_Model):
    """A note from the conversation."""

    no: int
    offset: float = Field(ge=0, description="Seconds from the start of the conversation")
    phase: str | None
    round: int
    text: str
    knapp: str | None = None
    pinned: bool = False


class LogCopy(_Model):
    """A prompt copied into the conversation."""

    offset: float = Field(ge=0)
    prompt_id: str
    phase: str | None
    text: str


class Answer(_Model):
    """A reflection question and the counsellor's answer."""

    question_id: str
    question: str
    answer: str


class Privacy(_Model):
    """What the privacy review decided."""

    masked: int = Field(ge=0)
    kept: int = Field(ge=0)


class DagensKnapp(_Model):
    """The knapp the vaktleder put in focus for the day of the conversation."""

    knapp: str
    used: bool
    message: str | None = None


class ReflectionLog(_Model):
    """One reflection log (schema version 1)."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        json_schema_extra={
            "$id": SCHEMA_ID,
            "$schema": "https://json-schema.org/draft/2020-12/schema",
        },
    )

    schema_version: Literal[1] = 1
    session_id: str
    date: str = Field(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
    start_time: str = Field(pattern=r"^[0-9]{2}:[0-9]{2}$")
    channel: Channel
    duration_seconds: float = Field(ge=0)
    renewals: int = Field(ge=0)
    rounds: int = Field(ge=0)
    phase_times: list[PhaseTime]
    timeline: list[Segment]
    kolb_stages: list[str] = Field(description="Kolb stages whose prompts were copied")
    kolb_by_phase: list[str] = Field(description="Kolb stages matched to the phases visited")
    knapper: list[str] = Field(description="Knapper tagged on notes or whose prompts were copied")
    dagens_knapp: DagensKnapp | None = Field(
        default=None, description="The vaktleder's knapp in focus that day, and whether it was used"
    )
    outcome: Outcome | None = Field(
        default=None,
        description="How it ended when not as a whole conversation: a chat that went quiet "
        "(stille), a quick information chat (kort) or referred on (henvist)",
    )
    notes: list[LogNote]
    copies: list[LogCopy]
    answers: list[Answer]
    privacy: Privacy

    @field_validator("date")
    @classmethod
    def _a_real_date(cls, day: str) -> str:
        date.fromisoformat(day)  # «2026-02-30» has the form, not the day
        return day


def json_schema() -> dict[str, object]:
    """The JSON Schema of the log, as shipped in ``tui/schema/``."""
    return ReflectionLog.model_json_schema()


def build_log(
    model: Content,
    session: Session,
    session_id: str,
    answers: dict[str, str],
    privacy: Privacy,
    focus: tuple[str, str | None] | None = None,
    outcome: Outcome | None = None,
) -> ReflectionLog:
    """Gather the log of a (finished) session (``focus``: the day's knapp and its message)."""
    start = session.moves[0].at if session.moves else session.clock()
    end_of = start + session.session_seconds()
    times = session.phase_seconds()
    visited = [seg.phase for seg in session.segments()]
    prompted_kolb = {c.prompt_id.split(".")[0] for c in session.copies}
    knapp_ids = {k.id for k in model.knapper}
    used_knapper = [n.knapp for n in session.notes if n.knapp] + [
        c.prompt_id.split(".")[0] for c in session.copies if c.prompt_id.split(".")[0] in knapp_ids
    ]
    started = local_time(start)
    return ReflectionLog(
        session_id=session_id,
        date=started.strftime("%Y-%m-%d"),
        start_time=started.strftime("%H:%M"),
        channel=session.channel,
        duration_seconds=session.session_seconds(),
        renewals=session.renewals,
        rounds=session.rounds,
        phase_times=[PhaseTime(phase=p.id, name=p.name, seconds=times[p.id]) for p in model.phases],
        timeline=[
            Segment(
                phase=seg.phase,
                round=seg.round,
                start=seg.start - start,
                end=(seg.end if seg.end is not None else end_of) - start,
            )
            for seg in session.segments()
        ],
        kolb_stages=[s.id for s in model.stages if s.id in prompted_kolb],
        kolb_by_phase=[
            s.id for s in model.stages if any(s.id in model.phase(p).kolb for p in visited)
        ],
        knapper=[k.id for k in model.knapper if k.id in used_knapper],
        dagens_knapp=None
        if focus is None
        else DagensKnapp(knapp=focus[0], used=focus[0] in used_knapper, message=focus[1]),
        outcome=outcome,
        notes=[
            LogNote(
                no=n.id,
                offset=max(0.0, n.at - start),
                phase=n.phase,
                round=n.round,
                text=n.text,
                knapp=n.knapp,
                pinned=n.pinned,
            )
            for n in session.notes
        ],
        copies=[
            LogCopy(
                offset=max(0.0, c.at - start), prompt_id=c.prompt_id, phase=c.phase, text=c.text
            )
            for c in session.copies
        ],
        answers=[
            Answer(question_id=q.id, question=q.text, answer=answers.get(q.id, ""))
            for q in model.reflection
        ],
        privacy=privacy,
    )


# --- rendering ---------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LEADING_MARKDOWN = re.compile(r"^(\s*)([#>*+|`=-]|\d+[.)])", re.MULTILINE)


_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]|^\s*(?:[#>*+|`=-]|\d+[.)])", re.MULTILINE)


def inert(text: str) -> str:
    """Make text safe to ``cat`` and to read as Markdown: control characters (ESC, OSC…) are
    written as visible ``\\x1b`` escapes, and lines cannot start a heading, list or quote."""
    if not _UNSAFE.search(text):  # the common case: one scan, no copy
        return text
    text = _CONTROL.sub(lambda m: f"\\x{ord(m.group(0)):02x}", text)
    return _LEADING_MARKDOWN.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def render_json(log: ReflectionLog) -> str:
    """The log as JSON (control characters are escaped by JSON itself)."""
    return log.model_dump_json(indent=2) + "\n"


def render_markdown(model: Content, log: ReflectionLog) -> str:
    """The log as Markdown, readable as is: pinned notes first, then notes per phase. Its words
    are the content's (``log.md.*`` in ui.yaml), so an English app writes an English log."""
    ui = model.ui
    names: dict[str, str] = {p.id: p.name for p in model.phases}
    knapp_names = {k.id: k.name for k in model.knapper}
    stage_names = {s.id: f"{s.plain} ({s.theory})" for s in model.stages}
    channel = ui["channel.chat" if log.channel == "chat" else "channel.phone"].lower()
    day = datetime.strptime(log.date, "%Y-%m-%d").strftime("%d.%m.%Y")
    before_start, none = ui["log.md.before_start"], ui["log.md.none"]

    def note_line(note: LogNote, with_phase: bool) -> str:
        head = clock_label(note.offset)
        if with_phase:
            head += " · " + names.get(note.phase or "", before_start.lower())
        if note.knapp:
            head += " · ◆ " + knapp_names.get(note.knapp, note.knapp)
        pin = "📌 " if note.pinned and not with_phase else ""
        return f"- {pin}{head}: {inert(note.text)}"

    def listed(ids: Iterable[str], table: dict[str, str]) -> str:
        return ", ".join(table.get(i, i) for i in ids) or none

    # Whole seconds at every boundary, and every figure from them: the «Forløp» stretches add
    # up to their phase's row, and the rows to the whole («1:01 + 0:42» is never «1:44»).
    stretches = [(s.phase, int(s.end) - int(s.start)) for s in log.timeline]
    phase_seconds = {t.phase: 0 for t in log.phase_times}
    for stretch_phase, seconds in stretches:
        phase_seconds[stretch_phase] = phase_seconds.get(stretch_phase, 0) + seconds
    whole_seconds = sum(phase_seconds.values()) if stretches else int(log.duration_seconds)
    duration = clock_label(whole_seconds)
    out = [
        "# " + ui["log.md.title"].format(day=day, time=log.start_time, channel=channel),
        "",
        ui["log.md.facts"].format(
            duration=duration, rounds=log.rounds, renewals=log.renewals, notes=len(log.notes)
        ),
        "",
        *(
            [ui["log.md.outcome"].format(outcome=ui[f"outcome.{log.outcome}"]), ""]
            if log.outcome
            else []
        ),
        f"## {ui['log.md.timeline']}",
        "",
        f"| {ui['log.md.phase']} | {ui['log.md.time']} |",
        "| --- | ---: |",
        *(
            f"| {t.name} | {clock_label(phase_seconds[t.phase] if stretches else t.seconds)} |"
            for t in log.phase_times
        ),
        f"| **{ui['log.md.whole']}** | **{duration}** |",
        "",
    ]
    if len(log.timeline) > 1:
        steps = " → ".join(f"{names.get(p, p)} ({clock_label(secs)})" for p, secs in stretches)
        out += [ui["log.md.course"].format(steps=steps), ""]
    pinned = [n for n in log.notes if n.pinned]
    if pinned:
        out += [f"## {ui['log.md.pinned']}", ""]
        out += [note_line(n, with_phase=True) for n in pinned]
        out.append("")
    out += [f"## {ui['log.md.notes']}", ""]
    by_phase: dict[str | None, list[LogNote]] = {}
    for note in log.notes:
        by_phase.setdefault(note.phase, []).append(note)
    phase_order: list[str | None] = [None, *names]
    for phase in phase_order:
        notes = by_phase.get(phase, [])
        if notes:
            out += [f"### {names.get(phase or '', before_start)}", ""]
            out += [note_line(n, with_phase=False) for n in notes]
            out.append("")
    if not log.notes:
        out += [f"*{ui['log.md.no_notes']}*", ""]
    out += [f"## {ui['log.md.model']}", ""]
    out.append("- " + ui["log.md.kolb_phases"].format(names=listed(log.kolb_by_phase, stage_names)))
    out.append("- " + ui["log.md.kolb_copied"].format(names=listed(log.kolb_stages, stage_names)))
    out.append("- " + ui["log.md.knapper"].format(names=listed(log.knapper, knapp_names)))
    if log.dagens_knapp is not None:
        focus = log.dagens_knapp
        used = ui["log.md.used" if focus.used else "log.md.not_used"]
        name = knapp_names.get(focus.knapp, focus.knapp)
        out.append("- " + ui["log.md.focus"].format(name=name, used=used))
    if log.copies:
        out += ["", ui["log.md.copies"], ""]
        out += [
            f"- {clock_label(c.offset)} · {names.get(c.phase or '', '')}: {inert(c.text)}"
            for c in log.copies
        ]
    out += ["", f"## {ui['log.md.reflection']}", ""]
    for answer in log.answers:
        out += [f"### {answer.question}", ""]
        text = answer.answer.strip()
        # Keep the counsellor's line breaks (Markdown would join single lines into one).
        out += [
            "  \n".join(inert(text).split("\n")) if text else f"*{ui['log.md.unanswered']}*",
            "",
        ]
    out += [
        "---",
        "",
        ui["log.md.privacy"].format(masked=log.privacy.masked, kept=log.privacy.kept),
        "",
    ]
    return "\n".join(out)


# --- privacy review over a log -----------------------------------------------------------


def log_texts(log: ReflectionLog) -> dict[str, str]:
    """Every free text in a log by source: ``note:<no>``, ``answer:<id>``, ``copy:<n>``."""
    texts = {f"note:{n.no}": n.text for n in log.notes}
    texts.update({f"answer:{a.question_id}": a.answer for a in log.answers})
    texts.update({f"copy:{i}": c.text for i, c in enumerate(log.copies, start=1)})
    return texts


def with_text(log: ReflectionLog, source: str, text: str) -> ReflectionLog:
    """A copy of ``log`` with the text at ``source`` replaced (after masking)."""
    kind, _, key = source.partition(":")
    if kind == "note":
        notes = [n.model_copy(update={"text": text}) if str(n.no) == key else n for n in log.notes]
        return log.model_copy(update={"notes": notes})
    if kind == "answer":
        answers = [
            a.model_copy(update={"answer": text}) if a.question_id == key else a
            for a in log.answers
        ]
        return log.model_copy(update={"answers": answers})
    copies = [
        c.model_copy(update={"text": text}) if str(i) == key else c
        for i, c in enumerate(log.copies, start=1)
    ]
    return log.model_copy(update={"copies": copies})
