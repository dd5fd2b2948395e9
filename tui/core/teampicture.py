"""The team picture: how a team uses the model, from the JSON logs counsellors export into a
shared folder. It never shows a figure per counsellor (the logs carry no counsellor at all), and
any cell built from fewer than :data:`THRESHOLD` conversations is suppressed, as is the count of
a period that small, so no single conversation can be singled out.

Logs that do not validate against the reflection-log schema are listed with the reason and
skipped; nothing stops the picture.
"""

from __future__ import annotations

import html
import statistics
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tui.core.content import PHASE_IDS, Content

THRESHOLD = 5
"""Cells from fewer conversations than this are suppressed."""
HIDDEN = "<5"


@dataclass
class Period:
    key: str
    n: int = 0
    minutes: dict[str, list[float]] = field(default_factory=lambda: {p: [] for p in PHASE_IDS})
    konklusjon: int = 0
    renewals: int = 0
    with_knapp: int = 0
    focus_days: int = 0
    focus_used: int = 0


@dataclass
class Picture:
    by: str
    periods: list[Period]
    skipped: list[tuple[str, str]]
    """(file name, why) for each file that was not a valid log."""
    read: int


def _period(day: str, by: str) -> str:
    d = date.fromisoformat(day)
    if by == "month":
        return f"{d.year}-{d.month:02d}"
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def gather(folder: Path, by: str = "month") -> Picture:
    """Read every ``*.json`` under ``folder`` and aggregate by ``week`` or ``month``."""
    from pydantic import ValidationError

    from tui.core.log import ReflectionLog

    periods: dict[str, Period] = {}
    skipped: list[tuple[str, str]] = []
    read = 0
    for path in sorted(folder.rglob("*.json")):
        name = str(path.relative_to(folder))
        try:
            log = ReflectionLog.model_validate_json(path.read_bytes())
        except OSError as exc:
            skipped.append((name, exc.strerror or str(exc)))
            continue
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "(root)"
            skipped.append((name, f"{where}: {first['msg']}"))
            continue
        read += 1
        key = _period(log.date, by)
        period = periods.setdefault(key, Period(key))
        period.n += 1
        for pt in log.phase_times:
            if pt.phase in period.minutes and pt.seconds > 0:
                period.minutes[pt.phase].append(pt.seconds / 60)
        period.konklusjon += any(s.phase == "konklusjon" for s in log.timeline)
        period.renewals += log.renewals
        period.with_knapp += bool(log.knapper)
        if log.dagens_knapp is not None:
            period.focus_days += 1
            period.focus_used += log.dagens_knapp.used
    return Picture(by, [periods[k] for k in sorted(periods)], skipped, read)


def _share(part: int, whole: int) -> str:
    return HIDDEN if whole < THRESHOLD else f"{part / whole * 100:.0f} %"


def _median(values: list[float]) -> str:
    return HIDDEN if len(values) < THRESHOLD else f"{statistics.median(values):.1f}"


def rows(model: Content, picture: Picture) -> tuple[list[str], list[list[str]]]:
    """The table: a header and one row per period (suppressed cells say ``<5``)."""
    ui = model.ui
    names = [p.name for p in model.phases]
    head = [
        ui["team.period"],
        ui["team.n"],
        *[f"{n} (min)" for n in names],
        ui["team.konklusjon"],
        ui["team.renewals"],
        ui["team.knapper"],
        ui["team.focus"],
    ]
    out = []
    for p in picture.periods:
        small = p.n < THRESHOLD
        out.append(
            [
                p.key,
                HIDDEN if small else str(p.n),
                *[HIDDEN if small else _median(p.minutes[ph]) for ph in PHASE_IDS],
                _share(p.konklusjon, p.n),
                HIDDEN if small else f"{p.renewals / p.n:.2f}",
                _share(p.with_knapp, p.n),
                "–" if p.focus_days == 0 else _share(p.focus_used, p.focus_days),
            ]
        )
    return head, out


def render_text(model: Content, picture: Picture) -> str:
    ui = model.ui
    head, body = rows(model, picture)
    widths = [max(len(r[i]) for r in (head, *body)) for i in range(len(head))]
    lines = [ui["team.title"].format(n=picture.read), ui["team.private"], ""]
    for r in (head, *body):
        lines.append(
            "  ".join(
                c.rjust(w) if i else c.ljust(w)
                for i, (c, w) in enumerate(zip(r, widths, strict=True))
            )
        )
    lines += ["", ui["team.suppressed"].format(k=THRESHOLD)]
    if picture.skipped:
        lines += ["", ui["team.skipped"].format(n=len(picture.skipped))]
        lines += [f"  {name}: {why}" for name, why in picture.skipped]
    return "\n".join(lines)


def render_html(model: Content, picture: Picture) -> str:
    """A page for a team meeting: the table, and bars of conversations and of Konklusjon."""
    ui = model.ui
    e = html.escape
    head, body = rows(model, picture)
    bars = []
    visible = [p for p in picture.periods if p.n >= THRESHOLD]
    most = max([p.n for p in visible] + [1])
    for i, p in enumerate(visible):
        y = 10 + i * 22
        w = 300 * p.n / most
        k = 300 * p.konklusjon / p.n
        bars.append(
            f'<text x="0" y="{y + 12}" font-size="11">{e(p.key)}</text>'
            f'<rect x="90" y="{y}" width="{w:.1f}" height="8" fill="#7aa6e8"/>'
            f'<rect x="90" y="{y + 9}" width="{k:.1f}" height="8" fill="#c58ad6"/>'
            f'<text x="{95 + w:.1f}" y="{y + 8}" font-size="10">{p.n}</text>'
        )
    svg = (
        f'<svg viewBox="0 0 460 {20 + 22 * len(visible)}" xmlns="http://www.w3.org/2000/svg" '
        f'role="img" aria-label="{e(ui["team.plot"])}">{"".join(bars)}</svg>'
    )
    table = "".join(f"<th>{e(h)}</th>" for h in head)
    table_rows = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in r) + "</tr>" for r in body)
    skipped = "".join(f"<li>{e(n)}: {e(w)}</li>" for n, w in picture.skipped)
    return (
        f'<!doctype html><html lang="{e(model.lang)}"><head><meta charset="utf-8">'
        f"<title>{e(ui['team.title'].format(n=picture.read))}</title><style>"
        "body{font-family:system-ui,sans-serif;margin:2rem;color:#1d1d1d}"
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem;"
        "text-align:right}td:first-child,th:first-child{text-align:left}"
        "@media print{body{margin:0}}</style></head><body>"
        f"<h1>{e(ui['team.title'].format(n=picture.read))}</h1><p>{e(ui['team.private'])}</p>"
        f"<table><tr>{table}</tr>{table_rows}</table>"
        f"<p>{e(ui['team.suppressed'].format(k=THRESHOLD))}</p>"
        f"<h2>{e(ui['team.plot'])}</h2>{svg}"
        + (
            f"<h2>{e(ui['team.skipped'].format(n=len(picture.skipped)))}</h2><ul>{skipped}</ul>"
            if picture.skipped
            else ""
        )
        + "</body></html>"
    )
