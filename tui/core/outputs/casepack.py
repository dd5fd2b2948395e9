"""Kollegaveiledning: a case pack a group can work on, made from one archived conversation.

What leaves the PC here is read by colleagues, so the pack is built to say as little as it can
about who the veisøker was:

- it is made only from a log whose privacy review is complete, and then **every text in it**
  (notes, answers, the question to the group, the name) passes the stricter *pack review*
  (:func:`tui.core.privacy.scan_pack`): each hit is masked, rewritten or kept with a reason. A
  «keep» from the log's review does not carry over;
- the timeline is the order of the phases with the knapper and questions in them, no clock and
  no minutes; moments carry their phase, not their minute;
- what the pack says that a team record also says (week, channel, length, renewals …) is
  coarsened until at least :data:`K` of the counsellor's own saved conversations fit it, so no
  record in a team folder can be picked out as this one (:mod:`tui.core.outputs.teamrecord`).

The pack is a self-contained HTML page (inline CSS and SVG, no scripts, fonts or images from
elsewhere; prints on A4) and the same as Markdown, in which everything typed is escaped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from tui.core.model.content import Content
from tui.core.outputs.log import ReflectionLog
from tui.core.outputs.teamrecord import Signature, TeamRecord, could_be, record_of
from tui.core.privacy import Hit, Kind, mask, scan_pack

NEIGHBOURS = 1
"""Notes shown on each side of a pinned moment."""
K = 3
"""A pack is coarsened until at least this many of the counsellor's conversations fit it."""


class PackRefused(Exception):
    """The pack cannot be made yet (``str()`` says why and what to do)."""


@dataclass(frozen=True)
class Choice:
    """What the counsellor puts in the pack."""

    moments: bool = True
    timeline: bool = True
    answers: bool = True
    question: str = ""
    """The counsellor's question for the group."""
    name: str = ""
    """The counsellor's name, only if they want it there."""


@dataclass(frozen=True)
class Moment:
    phase: str
    text: str
    pinned: bool
    knapp: str | None = None


@dataclass(frozen=True)
class Mark:
    """Something that happened in a step: a knapp tagged, or a line copied."""

    kind: str  # "knapp" or "copy"
    label: str


@dataclass(frozen=True)
class Step:
    """One stretch of the conversation in one phase, with what happened in it."""

    phase: str
    name: str
    marks: tuple[Mark, ...] = ()


@dataclass(frozen=True)
class Review:
    """What the pack review decided."""

    masked: int = 0
    edited: int = 0
    kept: int = 0
    reasons: tuple[str, ...] = ()
    """The reasons given for each kept hit (shown to the counsellor, not written in the pack)."""


@dataclass(frozen=True)
class Pack:
    channel: str | None
    week: str | None = None
    month: str | None = None
    minutes: tuple[int, int] | None = None
    """The conversation lasted between these minutes (a band, not the length)."""
    renewals: int | None = None
    """Renewals, where the steps show them one by one; None when the steps are merged."""
    renewed: bool | None = None
    """Whether the contract was renewed, where the steps are merged."""
    steps: list[Step] = field(default_factory=list)
    moments: list[list[Moment]] = field(default_factory=list)
    """Each pinned moment with its neighbours, in order."""
    answers: list[tuple[str, str]] = field(default_factory=list)
    question: str = ""
    name: str = ""
    discussion: list[str] = field(default_factory=list)
    level: int = 0
    """How far the pack was coarsened (0: week, length ±2½ min and the steps as they were)."""
    matches: int = 0
    """How many of the counsellor's own conversations fit what the pack says."""
    review: Review = field(default_factory=Review)
    source: str = "log"
    """``log`` (a guided conversation) or ``chat`` (a chat looked back on: no date, no length,
    nothing to link it to a day, so no coarsening either)."""


def week_of(day: str) -> str:
    """``2026-11-29`` → ``2026-W48`` (the date is coarsened to its ISO week)."""
    year, week, _ = date.fromisoformat(day).isocalendar()
    return f"{year}-W{week:02d}"


# --- Building, coarsened until several conversations fit ----------------------------------------

LEVELS = (
    # (period, minutes band, steps: one by one / merged / left out, channel)
    ("week", 5, "all", True),
    ("week", 15, "all", True),
    ("month", 15, "merged", True),
    ("month", None, "merged", True),
    (None, None, "merged", True),
    (None, None, "merged", False),
    (None, None, "none", True),
    (None, None, "none", False),
)
"""From the most a pack says to the least; the first level that K conversations fit is used."""


def _band(minutes: float, width: int | None) -> tuple[int, int] | None:
    if width is None:
        return None
    low = int(minutes // width) * width
    return (low, low + width)


def _steps(model: Content, log: ReflectionLog) -> list[Step]:
    names: dict[str, str] = {p.id: p.name for p in model.phases}
    knapp_names = {k.id: k.name for k in model.knapper}
    kinds = {r.id: getattr(r.prompt, "type", None) for r in model.all_prompts()}
    kind_names: dict[str, str] = {k.id: k.name for k in model.kinds}
    stage_names = {s.id: f"{s.plain} ({model.ring_label('kolb', True)})" for s in model.stages}
    events: list[tuple[float, Mark]] = [
        (n.offset, Mark("knapp", knapp_names.get(n.knapp, n.knapp))) for n in log.notes if n.knapp
    ]
    for c in log.copies:
        head = c.prompt_id.split(".")[0]
        if head in knapp_names:
            events.append((c.offset, Mark("knapp", knapp_names[head])))
        else:
            # The question's type; a line of no type (a situation's, a reflection question's)
            # is named as a line, never by an id or by a phase it may not belong to.
            label = kind_names.get(kinds.get(c.prompt_id) or "", "") or stage_names.get(head, "")
            events.append((c.offset, Mark("copy", label or model.ui["pakke.copied_line"])))
    steps: list[Step] = []
    for i, seg in enumerate(log.timeline):
        last = i == len(log.timeline) - 1
        inside = tuple(
            m for at, m in sorted(events, key=lambda e: e[0])
            if seg.start <= at < seg.end or (last and at >= seg.start)
        )  # fmt: skip
        if steps and steps[-1].phase == seg.phase:
            steps[-1] = replace(steps[-1], marks=steps[-1].marks + inside)
        else:
            steps.append(Step(seg.phase, names.get(seg.phase, seg.phase), inside))
    return steps


def _merged(steps: list[Step]) -> list[Step]:
    """Each phase once, in the order first met, with all its marks: renewals no longer show."""
    out: dict[str, Step] = {}
    for step in steps:
        if step.phase in out:
            out[step.phase] = replace(out[step.phase], marks=out[step.phase].marks + step.marks)
        else:
            out[step.phase] = step
    return list(out.values())


def signature(pack: Pack, konklusjon_id: str = "konklusjon") -> Signature:
    """What the pack says that a team record also says."""
    shown_phases = {s.phase for s in pack.steps}
    knapp = any(m.kind == "knapp" for s in pack.steps for m in s.marks) or any(
        m.knapp for group in pack.moments for m in group
    )
    konklusjon: bool | None = None
    if pack.steps:
        konklusjon = konklusjon_id in shown_phases
    elif any(m.phase == konklusjon_id for group in pack.moments for m in group):
        konklusjon = True
    return Signature(
        week=pack.week,
        month=pack.month,
        channel=pack.channel,
        minutes=pack.minutes,
        renewals=pack.renewals,
        renewed=pack.renewed,
        konklusjon=konklusjon,
        knapp=True if knapp else None,
    )


def build_pack(
    model: Content,
    log: ReflectionLog,
    pending: int,
    choice: Choice,
    archive: Iterable[TeamRecord] = (),
) -> Pack:
    """The pack from a reviewed log (``pending``: log-review hits not yet decided), coarsened
    until at least :data:`K` of ``archive`` (the counsellor's own saved conversations as team
    records; this one is counted in) fit it. The pack review comes after: see
    :func:`pack_findings`.

    Raises:
        PackRefused: Hits are not reviewed, or even the barest pack fits fewer than K.
    """
    ui = model.ui
    if pending:
        raise PackRefused(ui["pakke.refused_review"].format(n=pending))
    records = list(archive)
    own = record_of(log)
    if all(r.id != own.id for r in records):
        records.append(own)
    names: dict[str, str] = {p.id: p.name for p in model.phases}
    knapp_names = {k.id: k.name for k in model.knapper}
    moments: list[list[Moment]] = []
    if choice.moments:
        notes = log.notes
        for i, note in enumerate(notes):
            if note.pinned:
                around = notes[max(0, i - NEIGHBOURS) : i + NEIGHBOURS + 1]
                moments.append(
                    [
                        Moment(
                            names.get(n.phase or "", "–"),
                            n.text,
                            n.pinned,
                            knapp_names.get(n.knapp) if n.knapp else None,
                        )
                        for n in around
                    ]
                )
    answers = (
        [(a.question, a.answer) for a in log.answers if a.answer.strip()] if choice.answers else []
    )
    steps = _steps(model, log) if choice.timeline else []
    base = Pack(
        channel=log.channel,
        moments=moments,
        answers=answers,
        question=choice.question.strip(),
        name=choice.name.strip(),
        discussion=[ui[f"pakke.discuss.{i}"] for i in range(1, 5)],
    )
    day = date.fromisoformat(log.date)
    for level, (period, width, shown, channel) in enumerate(LEVELS):
        one_by_one = shown == "all"
        pack = replace(
            base,
            channel=log.channel if channel else None,
            week=week_of(log.date) if period == "week" else None,
            month=f"{day.year}-{day.month:02d}" if period == "month" else None,
            minutes=_band(log.duration_seconds / 60, width),
            renewals=log.renewals if steps and one_by_one else None,
            renewed=(log.renewals > 0) if steps and shown == "merged" else None,
            steps=steps if one_by_one else _merged(steps) if shown == "merged" else [],
            level=level,
        )
        sig = signature(pack)
        fits = sum(could_be(sig, r) for r in records)
        if fits >= K:
            return replace(pack, matches=fits)
    raise PackRefused(ui["pakke.refused_few"].format(k=K))


# --- The pack review ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PackFinding:
    """A hit in one of the pack's texts, not yet decided."""

    source: str
    hit: Hit
    text: str


def texts(pack: Pack) -> dict[str, str]:
    """Every text the counsellor typed that goes into the pack, by source."""
    out = {"question": pack.question, "name": pack.name}
    for i, group in enumerate(pack.moments):
        for j, m in enumerate(group):
            out[f"moment.{i}.{j}"] = m.text
    for i, (_q, a) in enumerate(pack.answers):
        out[f"answer.{i}"] = a
    return {k: v for k, v in out.items() if v}


def with_text(pack: Pack, source: str, text: str) -> Pack:
    """The pack with one of its texts replaced."""
    if source == "question":
        return replace(pack, question=text)
    if source == "name":
        return replace(pack, name=text)
    kind, *index = source.split(".")
    if kind == "moment":
        i, j = int(index[0]), int(index[1])
        group = list(pack.moments[i])
        group[j] = replace(group[j], text=text)
        moments = list(pack.moments)
        moments[i] = group
        return replace(pack, moments=moments)
    i = int(index[0])
    answers = list(pack.answers)
    answers[i] = (answers[i][0], text)
    return replace(pack, answers=answers)


def vocabulary(model: Content) -> frozenset[str]:
    """The model's own words (phases, knapper, Kolb stages, question kinds): never names."""
    found: set[str] = set()
    for name in (
        [p.name for p in model.phases]
        + [k.name for k in model.knapper]
        + [k.name for k in model.kinds]
        + [s.theory for s in model.stages]
        + [s.plain for s in model.stages]
    ):
        found.update(w.casefold() for w in re.findall(r"[^\W\d_]+", name))
    return frozenset(found)


Kept = tuple[str, str, int, int]
"""(source, kind, start, length) of a hit kept on purpose in this pack."""


def pack_findings(
    pack: Pack, vocab: frozenset[str], kept: Iterable[Kept] = ()
) -> list[PackFinding]:
    """Hits in the pack's texts not yet decided. The name field is the counsellor's own name,
    so a name there is not a hit (a number or an address still is)."""
    keep = set(kept)
    out: list[PackFinding] = []
    for source, text in texts(pack).items():
        for hit in scan_pack(text, vocab):
            if source == "name" and hit.kind == Kind.NAVN:
                continue
            if (source, hit.kind.value, hit.start, hit.end - hit.start) not in keep:
                out.append(PackFinding(source, hit, text))
    return out


def decide(
    pack: Pack, finding: PackFinding, decision: str, value: str = ""
) -> tuple[Pack, Kept | None]:
    """Mask the hit, replace it with ``value`` (``edit``) or keep it with ``value`` as the reason.

    Returns the new pack and, for a keep, what to remember so it is not asked again.
    """
    hit = finding.hit
    review = pack.review
    if decision == "keep":
        if not value.strip():
            raise ValueError("a kept hit needs a reason")
        review = replace(review, kept=review.kept + 1, reasons=(*review.reasons, value.strip()))
        key: Kept = (finding.source, hit.kind.value, hit.start, hit.end - hit.start)
        return replace(pack, review=review), key
    if decision == "edit":
        new = finding.text[: hit.start] + value + finding.text[hit.end :]
        review = replace(review, edited=review.edited + 1)
    else:
        new = mask(finding.text, [hit])
        review = replace(review, masked=review.masked + 1)
    return replace(with_text(pack, finding.source, new), review=review), None


def mask_all(pack: Pack, vocab: frozenset[str]) -> Pack:
    """Every hit of the pack review masked (``veiviser pakke --mask-all``)."""
    while todo := pack_findings(pack, vocab):
        pack, _ = decide(pack, todo[0], "mask")
    return pack


# --- Markdown --------------------------------------------------------------------------------

_MD_PUNCT = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~&=$])")


def md_text(text: str) -> str:
    """Typed text as CommonMark that renders as that text and nothing else: every character that
    can start markup backslash-escaped (raw HTML, links, images, emphasis, code, entities, list,
    heading, quote and table markers, «$» for math), no indentation (no code block), each line
    its own hard-broken line."""
    lines = [_MD_PUNCT.sub(r"\\\1", line.strip()) for line in text.splitlines()]
    return "\\\n".join(line for line in lines if line) or ""


def facts(model: Content, pack: Pack) -> str:
    """The pack's facts line: only what was kept after coarsening."""
    ui = model.ui
    parts: list[str] = []
    if pack.week:
        year, week = pack.week.split("-W")
        parts.append(ui["pakke.fact_week"].format(week=int(week), year=year))
    elif pack.month:
        parts.append(ui["pakke.fact_month"].format(month=pack.month))
    if pack.channel:
        parts.append(
            ui["pakke.channel_chat"] if pack.channel == "chat" else ui["pakke.channel_phone"]
        )
    if pack.minutes:
        parts.append(ui["pakke.fact_minutes"].format(low=pack.minutes[0], high=pack.minutes[1]))
    if pack.renewed is not None:
        parts.append(ui["pakke.fact_renewed" if pack.renewed else "pakke.fact_not_renewed"])
    return " · ".join(parts)


def footer(model: Content, pack: Pack) -> str:
    r = pack.review
    if pack.source == "chat":
        return model.ui["pakke.footer_chat"].format(masked=r.masked, edited=r.edited, kept=r.kept)
    return model.ui["pakke.footer"].format(masked=r.masked, edited=r.edited, kept=r.kept, k=K)


def render_markdown(model: Content, pack: Pack) -> str:
    ui = model.ui
    out = [f"# {ui['pakke.title']}", ""]
    out.append(md_text(facts(model, pack)))
    if pack.name:
        out.append("")
        out.append(md_text(ui["pakke.by"].format(name=pack.name)))
    out.append("")
    if pack.question:
        out += [f"## {ui['pakke.question']}", "", md_text(pack.question), ""]
    if pack.steps:
        out += [f"## {ui['pakke.timeline']}", "", md_text(ui["pakke.legend"]), ""]
        for n, step in enumerate(pack.steps, start=1):
            out.append(f"{n}\\. {md_text(step.name)}")
            for mark in step.marks:
                sign = "◆" if mark.kind == "knapp" else "▲"
                out.append(f"    - {sign} {md_text(mark.label)}")
        out.append("")
    if pack.moments:
        out += [f"## {ui['pakke.moments']}", ""]
        for i, group in enumerate(pack.moments, start=1):
            out.append(f"### {ui['pakke.moment'].format(n=i)}")
            out.append("")
            for m in group:
                star = "▶ " if m.pinned else ""
                tag = f" ◆ {md_text(m.knapp)}" if m.knapp else ""
                out.append(f"- {md_text(m.phase)}{tag}: {star}{md_text(m.text)}")
            out.append(f"- {md_text(ui['pakke.her'])} \\_\\_\\_\\_\\_\\_")
            out.append("")
    if pack.answers:
        out += [f"## {ui['pakke.answers']}", ""]
        for q, a in pack.answers:
            out += [f"**{md_text(q)}**", "", md_text(a), ""]
    out += [f"## {ui['pakke.discussion']}", ""]
    out += [f"{i}. {md_text(q)}" for i, q in enumerate(pack.discussion, start=1)]
    out += ["", f"*{md_text(footer(model, pack))}*", ""]
    return "\n".join(out)


# --- HTML ------------------------------------------------------------------------------------

PAGE_CSS = """
body { font-family: system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem;
       color: #1d1d1d; background: #fff; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.2rem; margin-top: 1.6rem; }
.facts { color: #444; }
footer { color: #666; font-size: .85rem; margin-top: 2rem; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; } }
@page { size: A4; margin: 18mm; }
"""
"""The look every page Veiviser writes for a team shares (a pack, a workshop's summary): plain,
inline, readable offline and on A4."""

_CSS = (
    PAGE_CSS
    + """
.question { border-left: 4px solid #1f6feb; padding: .4rem .8rem; background: #f3f7ff; }
.moment { border: 1px solid #ddd; border-radius: 6px; padding: .3rem .8rem; margin: .6rem 0; }
.moment li.pinned { font-weight: 600; }
.timeline { width: 100%; height: auto; }
.her { display: inline-block; min-width: 6rem; border-bottom: 1px dotted #999; }
@media print { .moment { break-inside: avoid; } }
"""
)

PHASE_FILL = {
    "kontakt": "#7aa6e8",
    "kontrakt": "#e8b86d",
    "kommunikasjon": "#79c28a",
    "konklusjon": "#c58ad6",
}
"""Phase colours in the pack (each band is also labelled: nothing is told by colour alone)."""


def timeline_svg(pack: Pack, width: int = 720) -> str:
    """The steps as inline SVG: a band per step, in order, equally wide (no clock, no minutes),
    with a diamond per karriereknapp and a triangle per copied question inside the step."""
    n = max(1, len(pack.steps))
    left, right, top = 10, 10, 14
    step_w = (width - left - right) / n
    parts = [
        f'<svg class="timeline" viewBox="0 0 {width} 96" role="img" '
        f'xmlns="http://www.w3.org/2000/svg" aria-label="timeline">'
    ]
    for i, step in enumerate(pack.steps):
        x = left + i * step_w
        fill = PHASE_FILL.get(step.phase, "#bbb")
        parts.append(
            f'<rect x="{x:.1f}" y="{top}" width="{step_w - 2:.1f}" height="34" fill="{fill}" '
            f'stroke="#333" stroke-width="0.6"><title>{html.escape(step.name)}</title></rect>'
        )
        if step_w > len(step.name) * 6.5 + 8:  # a label only where it fits (the list names all)
            parts.append(
                f'<text x="{x + 4:.1f}" y="{top + 21}" font-size="11">'
                f"{html.escape(step.name)}</text>"
            )
        for j, mark in enumerate(step.marks):
            cx = x + 8 + j * 14
            if cx > x + step_w - 8:
                break
            label = html.escape(mark.label)
            if mark.kind == "knapp":
                parts.append(
                    f'<path d="M{cx:.1f} 58 l6 7 l-6 7 l-6 -7 z" fill="#333">'
                    f"<title>{label}</title></path>"
                )
            else:
                parts.append(
                    f'<path d="M{cx:.1f} 76 l6 10 l-12 0 z" fill="#555">'
                    f"<title>{label}</title></path>"
                )
    parts.append("</svg>")
    return "".join(parts)


def render_html(model: Content, pack: Pack) -> str:
    ui = model.ui
    e = html.escape
    lang = "nb" if model.lang == "nb" else model.lang
    out = [
        f'<!doctype html><html lang="{e(lang)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(ui['pakke.title'])}</title><style>{_CSS}</style>",
        "</head><body>",
        f"<h1>{e(ui['pakke.title'])}</h1>",
    ]
    out.append(f'<p class="facts">{e(facts(model, pack))}</p>')
    if pack.name:
        out.append(f'<p class="facts">{e(ui["pakke.by"].format(name=pack.name))}</p>')
    if pack.question:
        out.append(f"<h2>{e(ui['pakke.question'])}</h2>")
        out.append(f'<p class="question">{e(pack.question)}</p>')
    if pack.steps:
        out.append(f"<h2>{e(ui['pakke.timeline'])}</h2>")
        out.append(
            f'<figure id="timeline">{timeline_svg(pack)}'
            f"<figcaption>{e(ui['pakke.legend'])}</figcaption></figure>"
        )
        out.append("<ol>")
        for step in pack.steps:
            marks = "".join(
                f"<li>{'◆' if m.kind == 'knapp' else '▲'} {e(m.label)}</li>" for m in step.marks
            )
            out.append(f"<li>{e(step.name)}" + (f"<ul>{marks}</ul>" if marks else "") + "</li>")
        out.append("</ol>")
    if pack.moments:
        out.append(f"<h2>{e(ui['pakke.moments'])}</h2>")
        for i, group in enumerate(pack.moments, start=1):
            out.append(f'<section class="moment"><h3>{e(ui["pakke.moment"].format(n=i))}</h3><ul>')
            for m in group:
                tag = f" ◆ {e(m.knapp)}" if m.knapp else ""
                cls = ' class="pinned"' if m.pinned else ""
                pin = "▶ " if m.pinned else ""  # a glyph every system font has
                out.append(f"<li{cls}>{e(m.phase)}{tag}: {pin}{e(m.text)}</li>")
            out.append(f'<li>{e(ui["pakke.her"])} <span class="her"></span></li></ul></section>')
    if pack.answers:
        out.append(f"<h2>{e(ui['pakke.answers'])}</h2>")
        for q, a in pack.answers:
            out.append(f"<p><strong>{e(q)}</strong><br>{e(a)}</p>")
    out.append(f"<h2>{e(ui['pakke.discussion'])}</h2><ol>")
    out += [f"<li>{e(q)}</li>" for q in pack.discussion]
    out.append(f"</ol><footer>{e(footer(model, pack))}</footer></body></html>")
    return "\n".join(out)
