"""Kollegaveiledning: a case pack a group can work on, made from one archived conversation.

Anonymous by construction: it is made only from a reflection log whose privacy review is
complete (every hit masked or deliberately kept), times are minutes into the conversation, the
date is the ISO week, and nothing names the session, the machine, the user or a path. The
counsellor's name is in it only if they type it. The counsellor chooses what goes in: the pinned
moments with the notes around them, the timeline, the reflection answers.

The pack is a self-contained HTML page (inline CSS and SVG, no scripts, fonts or images from
elsewhere; prints on A4) and the same as Markdown.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date

from tui.core.content import Content
from tui.core.log import ReflectionLog
from tui.core.privacy import scan

NEIGHBOURS = 1
"""Notes shown on each side of a pinned moment."""


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
    minute: float
    phase: str
    text: str
    pinned: bool
    knapp: str | None = None


@dataclass(frozen=True)
class Mark:
    """Something that happened at a minute: a knapp tagged, or a line copied."""

    minute: float
    kind: str  # "knapp" or "copy"
    label: str


@dataclass(frozen=True)
class Pack:
    week: str
    channel: str
    minutes: float
    renewals: int
    rounds: int
    segments: list[tuple[str, str, float, float]] = field(default_factory=list)
    """(phase id, phase name, from minute, to minute)."""
    marks: list[Mark] = field(default_factory=list)
    moments: list[list[Moment]] = field(default_factory=list)
    """Each pinned moment with its neighbours, in order."""
    answers: list[tuple[str, str]] = field(default_factory=list)
    question: str = ""
    name: str = ""
    discussion: list[str] = field(default_factory=list)


def week_of(day: str) -> str:
    """``2026-11-29`` → ``2026-W48`` (the date is coarsened to its ISO week)."""
    year, week, _ = date.fromisoformat(day).isocalendar()
    return f"{year}-W{week:02d}"


def build_pack(model: Content, log: ReflectionLog, pending: int, choice: Choice) -> Pack:
    """The pack from a reviewed log (``pending``: privacy hits not yet decided).

    Raises:
        PackRefused: Hits are not reviewed, or the typed question or name holds one.
    """
    ui = model.ui
    if pending:
        raise PackRefused(ui["pakke.refused_review"].format(n=pending))
    for typed in (choice.question, choice.name):
        if scan(typed):
            raise PackRefused(ui["pakke.refused_typed"])
    names: dict[str, str] = {p.id: p.name for p in model.phases}
    knapp_names = {k.id: k.name for k in model.knapper}
    kinds = {r.id: getattr(r.prompt, "type", None) for r in model.all_prompts()}
    kind_names: dict[str, str] = {k.id: k.name for k in model.kinds}
    segments = (
        [(s.phase, names.get(s.phase, s.phase), s.start / 60, s.end / 60) for s in log.timeline]
        if choice.timeline
        else []
    )
    marks: list[Mark] = []
    if choice.timeline:
        marks += [
            Mark(n.offset / 60, "knapp", knapp_names.get(n.knapp, n.knapp))
            for n in log.notes
            if n.knapp
        ]
        for c in log.copies:
            head = c.prompt_id.split(".")[0]
            kind = kinds.get(c.prompt_id)
            label = knapp_names.get(head) or kind_names.get(kind or "", "") or c.prompt_id
            marks.append(Mark(c.offset / 60, "knapp" if head in knapp_names else "copy", label))
        marks.sort(key=lambda m: m.minute)
    moments: list[list[Moment]] = []
    if choice.moments:
        notes = log.notes
        for i, note in enumerate(notes):
            if note.pinned:
                around = notes[max(0, i - NEIGHBOURS) : i + NEIGHBOURS + 1]
                moments.append(
                    [
                        Moment(
                            n.offset / 60,
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
    discussion = [ui[f"pakke.discuss.{i}"] for i in range(1, 5)]
    return Pack(
        week=week_of(log.date),
        channel=log.channel,
        minutes=log.duration_seconds / 60,
        renewals=log.renewals,
        rounds=log.rounds,
        segments=segments,
        marks=marks,
        moments=moments,
        answers=answers,
        question=choice.question.strip(),
        name=choice.name.strip(),
        discussion=discussion,
    )


# --- Markdown --------------------------------------------------------------------------------


def render_markdown(model: Content, pack: Pack) -> str:
    ui = model.ui
    channel = ui["pakke.channel_chat"] if pack.channel == "chat" else ui["pakke.channel_phone"]
    out = [f"# {ui['pakke.title']}", ""]
    out.append(
        ui["pakke.facts"].format(
            week=pack.week,
            channel=channel,
            minutes=round(pack.minutes),
            renewals=pack.renewals,
            rounds=pack.rounds,
        )
    )
    if pack.name:
        out.append(ui["pakke.by"].format(name=pack.name))
    out.append("")
    if pack.question:
        out += [f"## {ui['pakke.question']}", "", pack.question, ""]
    if pack.segments:
        out += [f"## {ui['pakke.timeline']}", ""]
        for _phase, name, start, end in pack.segments:
            out.append(f"- {start:.0f}–{end:.0f} min: {name}")
        for mark in pack.marks:
            sign = "◆" if mark.kind == "knapp" else "›"
            out.append(f"  - {mark.minute:.0f} min {sign} {mark.label}")
        out.append("")
    if pack.moments:
        out += [f"## {ui['pakke.moments']}", ""]
        for i, group in enumerate(pack.moments, start=1):
            out.append(f"### {ui['pakke.moment'].format(n=i)}")
            out.append("")
            for m in group:
                star = "📌 " if m.pinned else ""
                tag = f" ◆ {m.knapp}" if m.knapp else ""
                out.append(f"- {m.minute:.0f} min, {m.phase}{tag}: {star}{m.text}")
            out.append("")
    if pack.answers:
        out += [f"## {ui['pakke.answers']}", ""]
        for q, a in pack.answers:
            out += [f"**{q}**", "", a, ""]
    out += [f"## {ui['pakke.discussion']}", ""]
    out += [f"{i}. {q}" for i, q in enumerate(pack.discussion, start=1)]
    out += ["", f"*{ui['pakke.footer']}*", ""]
    return "\n".join(out)


# --- HTML ------------------------------------------------------------------------------------

_CSS = """
body { font-family: system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem;
       color: #1d1d1d; background: #fff; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.2rem; margin-top: 1.6rem; }
.facts { color: #444; } .question { border-left: 4px solid #1f6feb; padding: .4rem .8rem;
         background: #f3f7ff; }
.moment { border: 1px solid #ddd; border-radius: 6px; padding: .3rem .8rem; margin: .6rem 0; }
.moment li.pinned { font-weight: 600; }
.timeline { width: 100%; height: auto; }
.her { display: inline-block; min-width: 6rem; border-bottom: 1px dotted #999; }
footer { color: #666; font-size: .85rem; margin-top: 2rem; }
@media print { body { margin: 0; max-width: none; } .moment { break-inside: avoid; }
               a { color: inherit; } }
@page { size: A4; margin: 18mm; }
"""

PHASE_FILL = {
    "kontakt": "#7aa6e8",
    "kontrakt": "#e8b86d",
    "kommunikasjon": "#79c28a",
    "konklusjon": "#c58ad6",
}
"""Phase colours in the pack (each band is also labelled: nothing is told by colour alone)."""


def timeline_svg(pack: Pack, width: int = 720) -> str:
    """The timeline as inline SVG: a band per phase stretch, marks for knapper and copies."""
    total = max([end for *_, end in pack.segments] + [m.minute for m in pack.marks] + [1.0])
    left, right, top = 10, 10, 24
    scale = (width - left - right) / total
    parts = [
        f'<svg class="timeline" viewBox="0 0 {width} 120" role="img" '
        f'xmlns="http://www.w3.org/2000/svg" aria-label="timeline">'
    ]
    for phase, name, start, end in pack.segments:
        x, w = left + start * scale, max(1.0, (end - start) * scale)
        fill = PHASE_FILL.get(phase, "#bbb")
        parts.append(
            f'<rect x="{x:.1f}" y="{top}" width="{w:.1f}" height="34" fill="{fill}" '
            f'stroke="#333" stroke-width="0.6"><title>{html.escape(name)}</title></rect>'
        )
        if w > len(name) * 6.5 + 8:  # a label only where it fits (the list below names all)
            parts.append(
                f'<text x="{x + 4:.1f}" y="{top + 21}" font-size="11">{html.escape(name)}</text>'
            )
    for mark in pack.marks:
        x = left + mark.minute * scale
        shape = ("◆", 70) if mark.kind == "knapp" else ("▲", 84)
        parts.append(
            f'<text x="{x - 4:.1f}" y="{shape[1]}" font-size="12">{shape[0]}'
            f"<title>{html.escape(mark.label)}</title></text>"
        )
    for minute in range(0, int(total) + 1, max(1, int(total) // 8 or 1)):
        x = left + minute * scale
        parts.append(f'<text x="{x:.1f}" y="112" font-size="10" fill="#555">{minute}</text>')
    parts.append(f'<text x="{left}" y="14" font-size="10" fill="#555">min</text></svg>')
    return "".join(parts)


def render_html(model: Content, pack: Pack) -> str:
    ui = model.ui
    e = html.escape
    channel = ui["pakke.channel_chat"] if pack.channel == "chat" else ui["pakke.channel_phone"]
    lang = "nb" if model.lang == "nb" else model.lang
    out = [
        f'<!doctype html><html lang="{e(lang)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(ui['pakke.title'])} – {e(pack.week)}</title><style>{_CSS}</style>",
        "</head><body>",
        f"<h1>{e(ui['pakke.title'])}</h1>",
    ]
    facts = ui["pakke.facts"].format(
        week=pack.week,
        channel=channel,
        minutes=round(pack.minutes),
        renewals=pack.renewals,
        rounds=pack.rounds,
    )
    out.append(f'<p class="facts">{e(facts)}</p>')
    if pack.name:
        out.append(f'<p class="facts">{e(ui["pakke.by"].format(name=pack.name))}</p>')
    if pack.question:
        out.append(f"<h2>{e(ui['pakke.question'])}</h2>")
        out.append(f'<p class="question">{e(pack.question)}</p>')
    if pack.segments:
        out.append(f"<h2>{e(ui['pakke.timeline'])}</h2>")
        out.append(
            f'<figure id="timeline">{timeline_svg(pack)}'
            f"<figcaption>{e(ui['pakke.legend'])}</figcaption></figure>"
        )
        out.append("<ul>")
        for mark in pack.marks:
            sign = "◆" if mark.kind == "knapp" else "▲"
            out.append(f"<li>{mark.minute:.0f} min {sign} {e(mark.label)}</li>")
        out.append("</ul>")
    if pack.moments:
        out.append(f"<h2>{e(ui['pakke.moments'])}</h2>")
        for i, group in enumerate(pack.moments, start=1):
            out.append(f'<section class="moment"><h3>{e(ui["pakke.moment"].format(n=i))}</h3><ul>')
            for m in group:
                tag = f" ◆ {e(m.knapp)}" if m.knapp else ""
                cls = ' class="pinned"' if m.pinned else ""
                pin = "📌 " if m.pinned else ""
                out.append(f"<li{cls}>{m.minute:.0f} min, {e(m.phase)}{tag}: {pin}{e(m.text)}</li>")
            out.append(f'<li>{e(ui["pakke.her"])} <span class="her"></span></li></ul></section>')
    if pack.answers:
        out.append(f"<h2>{e(ui['pakke.answers'])}</h2>")
        for q, a in pack.answers:
            out.append(f"<p><strong>{e(q)}</strong><br>{e(a)}</p>")
    out.append(f"<h2>{e(ui['pakke.discussion'])}</h2><ol>")
    out += [f"<li>{e(q)}</li>" for q in pack.discussion]
    out.append(f"</ol><footer>{e(ui['pakke.footer'])}</footer></body></html>")
    return "\n".join(out)
