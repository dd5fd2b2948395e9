"""The team picture: how a team uses the model, from a shared folder of team records.

**Method: differential privacy (the discrete Laplace mechanism), with noise that is the same for
the same conversations.** No figure is exact. Each figure of a period is worked out from counts
and sums to which noise is added, drawn from the two-sided geometric distribution with
ε = :data:`EPSILON` per figure (for a sum, scaled by the most one conversation can add to it).
The noise is drawn from a hash of the grouping, the figure and the ids of the period's own
conversations, so:

- running the picture again over the same folder gives the very same figures: nothing is won by
  running it a hundred times and averaging;
- when a conversation is added to or removed from a period, that period's noise is drawn anew
  (the other periods keep theirs), and the two outputs differ by noise on top of the real
  difference: for any one yes/no fact about that conversation (did it reach Konklusjon, was a
  knapp used, was dagens knapp used) the two outputs together make it at most e^0.5 ≈ 1.65 times
  more likely than before, and about e^1 with the other grouping's two outputs as well;
- the total, the rows, a week and a month are all noisy, so neither subtraction nor two groupings
  give an exact count of a small group;
- a period whose noisy count is under :data:`SHOWN_FROM` shows no figure at all, every cell the
  same mark, so the dagens-knapp column cannot tell whether a small period had one.

Every conversation is counted once, by its record id (the one-way hash of its session id), however
many files carry it: a record and the full log it came from included. The folder should hold team
records (``veiviser teameksport``), which carry no text and no exact time; full logs are read
too, and the picture says how many there were, since they do not belong in a shared folder.

Files that are not records or logs are listed with the reason and skipped; only regular files of
at most :data:`MAX_FILE` bytes are read (a FIFO or a link to a device is skipped, never waited on).
"""

from __future__ import annotations

import hashlib
import html
import math
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from tui.core.base.files import reason
from tui.core.base.strings import plural_key, t
from tui.core.conversation.notes import visible
from tui.core.model.content import PHASE_IDS, Content
from tui.core.outputs.teamrecord import MAX_RENEWALS, TeamRecord

EPSILON = 0.5
"""The privacy budget of one figure of one period."""
SHOWN_FROM = 10
"""A period is shown only if its noisy count is at least this."""
CLIP_MINUTES = 20
"""One conversation adds at most this many minutes to a phase's sum."""
MAX_FILE = 1_000_000
"""A file larger than this is no record or log: skipped unread."""


@dataclass
class Period:
    """The true counts and sums of one period (never shown as they are)."""

    key: str
    ids: list[str] = field(default_factory=list)
    minutes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PHASE_IDS, 0))
    konklusjon: int = 0
    whole: int = 0
    """Conversations ended as whole ones: the share reaching Konklusjon is of these only."""
    renewals: int = 0
    with_knapp: int = 0
    focus_days: int = 0
    focus_used: int = 0

    @property
    def n(self) -> int:
        return len(self.ids)


@dataclass
class Picture:
    by: str
    periods: list[Period]
    skipped: list[tuple[str, str]]
    """(file name, why) for each file that was not a record or a valid log."""
    ids: list[str]
    """Every conversation counted, once."""
    full_logs: int = 0
    """Files that were whole reflection logs (with notes): they do not belong in the folder."""
    copies: int = 0
    """Files that carried a conversation already counted."""
    noise: bool = True
    """False only in tests that show what an attacker would get without the noise."""


def _period(rec: TeamRecord, by: str) -> str:
    return rec.month if by == "month" else rec.week


def _read(path: Path) -> tuple[TeamRecord, bool]:
    """One file as a team record (a full log is turned into one), and whether it was a full
    log.

    Raises:
        ValueError: With the reason, for anything that is not a record or a valid log.
    """
    from pydantic import ValidationError

    from tui.core.base.files import read_regular
    from tui.core.outputs.log import ReflectionLog
    from tui.core.outputs.teamrecord import record_of

    data = read_regular(path, MAX_FILE)  # never waits on a FIFO swapped in after the listing
    if data.startswith(b"\xef\xbb\xbf"):  # a BOM from a Windows editor
        data = data[3:]
    try:
        if b'"veiviser-team-record"' in data:
            return TeamRecord.model_validate_json(data), False
        return record_of(ReflectionLog.model_validate_json(data)), True
    except ValidationError as exc:
        from tui.core.model.loader import message_for

        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or t("msg.check.whole_file")
        raise ValueError(f"{where}: {message_for(first)}") from None


def _files(folder: Path, skipped: list[tuple[str, str]]) -> list[Path]:
    """The regular ``*.json`` files under ``folder``; everything else that matches is listed."""
    found: list[Path] = []

    def walk(directory: Path) -> None:
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            skipped.append((str(directory.relative_to(folder)) or ".", reason(exc)))
            return
        for entry in entries:
            path = Path(entry.path)
            name = str(path.relative_to(folder))
            try:
                st = path.stat()  # follows a link: what the name leads to
            except OSError as exc:
                skipped.append((name, reason(exc)))
                continue
            if stat.S_ISDIR(st.st_mode):
                if not entry.is_symlink():
                    walk(path)
                continue
            if not entry.name.endswith(".json"):
                continue
            if not stat.S_ISREG(st.st_mode):
                skipped.append((name, t("team.not_regular")))
            elif st.st_size > MAX_FILE:
                skipped.append((name, t("team.too_large", size=st.st_size)))
            else:
                found.append(path)

    walk(folder)
    return found


def gather(folder: Path, by: str = "month") -> Picture:
    """Read every record and log under ``folder``, count each conversation once, and sum by
    ``week`` or ``month``."""
    periods: dict[str, Period] = {}
    skipped: list[tuple[str, str]] = []
    seen: set[str] = set()
    full_logs = copies = 0
    for path in _files(folder, skipped):
        name = str(path.relative_to(folder))
        try:
            rec, full = _read(path)
        except OSError as exc:
            skipped.append((name, reason(exc)))
            continue
        except ValueError as exc:
            skipped.append((name, str(exc)))
            continue
        full_logs += full
        if rec.id in seen:
            copies += 1
            continue
        seen.add(rec.id)
        key = _period(rec, by)
        period = periods.setdefault(key, Period(key))
        period.ids.append(rec.id)
        for phase, minutes in zip(PHASE_IDS, rec.minutes, strict=True):
            period.minutes[phase] += min(minutes, CLIP_MINUTES)
        if rec.outcome is None:  # a quiet chat, a quick one or a referral is counted apart
            period.whole += 1
            period.konklusjon += rec.konklusjon
        period.renewals += min(rec.renewals, MAX_RENEWALS)
        period.with_knapp += rec.knapp
        if rec.dagens_knapp is not None:
            period.focus_days += 1
            period.focus_used += rec.dagens_knapp
    # A file's name is the folder's, not ours: shown as visible symbols (␛) in text and HTML.
    shown = [(visible(name), visible(why)) for name, why in skipped]
    return Picture(
        by, [periods[k] for k in sorted(periods)], shown, sorted(seen), full_logs, copies
    )


# --- The noise ---------------------------------------------------------------------------------


def discrete_laplace(seed: bytes, scale: float) -> int:
    """A draw from the two-sided geometric distribution, P(k) ∝ exp(−|k|/scale), decided by
    ``seed``: the difference of two geometric draws from two uniform numbers from its hash."""
    digest = hashlib.sha256(seed).digest()
    p = math.exp(-1.0 / scale)
    draws = []
    for part in (digest[:8], digest[8:16]):
        u = (int.from_bytes(part, "big") + 0.5) / 2.0**64  # in (0, 1), never 0
        draws.append(math.floor(math.log(u) / math.log(p)))
    return draws[0] - draws[1]


def _noisy(picture: Picture, ids: list[str], figure: str, value: int, sensitivity: int) -> int:
    if not picture.noise:
        return value
    who = hashlib.sha256("\n".join(sorted(ids)).encode()).hexdigest()
    seed = f"veiviser-team\0{picture.by}\0{figure}\0{who}".encode()
    return value + discrete_laplace(seed, sensitivity / EPSILON)


@dataclass(frozen=True)
class Shown:
    """The figures of one period as published (None: not shown)."""

    key: str
    n: int | None
    minutes: dict[str, float | None]
    konklusjon: float | None
    renewals: float | None
    with_knapp: float | None
    focus: float | None


def published(picture: Picture) -> tuple[int, list[Shown]]:
    """The noisy total and the noisy figures of each period."""
    total = max(0, _noisy(picture, picture.ids, "total", len(picture.ids), 1))
    out = []
    for p in picture.periods:

        def noisy(figure: str, value: int, sensitivity: int = 1, ids: list[str] = p.ids) -> int:
            return _noisy(picture, ids, figure, value, sensitivity)

        n = noisy("n", p.n)
        if n < SHOWN_FROM:
            out.append(Shown(p.key, None, dict.fromkeys(PHASE_IDS), None, None, None, None))
            continue

        def share(part: int, whole: int = n) -> float:
            return min(1.0, max(0.0, part / whole))

        minutes: dict[str, float | None] = {
            ph: max(0.0, noisy(f"min-{ph}", p.minutes[ph], CLIP_MINUTES) / n) for ph in PHASE_IDS
        }
        whole = noisy("whole", p.whole)
        reached = share(noisy("konklusjon", p.konklusjon), whole) if whole >= SHOWN_FROM else None
        focus_days = noisy("focus-days", p.focus_days)
        focus = (
            min(1.0, max(0.0, noisy("focus-used", p.focus_used) / focus_days))
            if focus_days >= SHOWN_FROM
            else None
        )
        out.append(
            Shown(
                p.key,
                n,
                minutes,
                reached,
                max(0.0, noisy("renewals", p.renewals, MAX_RENEWALS) / n),
                share(noisy("knapp", p.with_knapp)),
                focus,
            )
        )
    return total, out


# --- Rendering ---------------------------------------------------------------------------------


def _number(model: Content, value: float, decimals: int) -> str:
    text = f"{value:.{decimals}f}"
    return text.replace(".", ",") if model.lang == "nb" else text


def rows(model: Content, picture: Picture) -> tuple[int, list[str], list[list[str]]]:
    """The noisy total, the header, and one row per period (a period not shown says so in
    every cell, the same way whatever its figures)."""
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
    total, shown = published(picture)
    hidden = ui["team.hidden"]

    def pct(value: float | None) -> str:
        return hidden if value is None else f"{value * 100:.0f} %"

    out = []
    for s in shown:
        if s.n is None:
            out.append([s.key] + [hidden] * (len(head) - 1))
            continue
        out.append(
            [
                s.key,
                str(s.n),
                *[_number(model, s.minutes[ph] or 0.0, 1) for ph in PHASE_IDS],
                pct(s.konklusjon),
                _number(model, s.renewals or 0.0, 1),
                pct(s.with_knapp),
                pct(s.focus),
            ]
        )
    return total, head, out


def _notes(model: Content, picture: Picture) -> list[str]:
    ui = model.ui
    lines = [ui["team.method"].format(k=SHOWN_FROM, hidden=ui["team.hidden"])]
    if picture.full_logs:
        lines.append(
            ui[plural_key(ui, "team.full_logs", picture.full_logs)].format(n=picture.full_logs)
        )
    if picture.copies:
        lines.append(_say(ui, "team.copies", picture.copies))
    return lines


def _say(ui: dict[str, str], key: str, n: int) -> str:
    """``key`` with ``n`` filled in, in the number ``n`` calls for («1 fil», «2 filer»)."""
    return ui[plural_key(ui, key, n)].format(n=n)


def render_text(model: Content, picture: Picture) -> str:
    ui = model.ui
    total, head, body = rows(model, picture)
    widths = [max(len(r[i]) for r in (head, *body)) for i in range(len(head))]
    lines = [_say(ui, "team.title", total), ui["team.private"], ""]
    for r in (head, *body):
        lines.append(
            "  ".join(
                c.rjust(w) if i else c.ljust(w)
                for i, (c, w) in enumerate(zip(r, widths, strict=True))
            )
        )
    lines += ["", *_notes(model, picture)]
    if picture.skipped:
        lines += ["", _say(ui, "team.skipped", len(picture.skipped))]
        # A file name may hold anything, an escape sequence too: shown, never acted on.
        lines += [f"  {visible(name)}: {visible(why)}" for name, why in picture.skipped]
    return "\n".join(lines)


def render_html(model: Content, picture: Picture) -> str:
    """A page for a team meeting: the table, and bars of conversations and of Konklusjon."""
    ui = model.ui
    e = html.escape
    total, head, body = rows(model, picture)
    _, shown = published(picture)
    visible = [s for s in shown if s.n is not None]
    bars = []
    most = max([s.n or 0 for s in visible] + [1])
    for i, s in enumerate(visible):
        y = 30 + i * 22
        n = s.n or 0
        w = 300 * n / most
        k = w * (s.konklusjon or 0.0)  # the share of the same bar: one axis
        bars.append(
            f'<text x="0" y="{y + 12}" font-size="11">{e(s.key)}</text>'
            f'<rect x="90" y="{y}" width="{w:.1f}" height="8" fill="#7aa6e8"/>'
            f'<rect x="90" y="{y + 9}" width="{k:.1f}" height="8" fill="#c58ad6"/>'
            f'<text x="{95 + w:.1f}" y="{y + 8}" font-size="10">{n}</text>'
        )
    legend = (
        f'<rect x="0" y="4" width="10" height="8" fill="#7aa6e8"/>'
        f'<text x="14" y="12" font-size="10">{e(ui["team.n"])}</text>'
        f'<rect x="150" y="4" width="10" height="8" fill="#c58ad6"/>'
        f'<text x="164" y="12" font-size="10">{e(ui["team.konklusjon"])}</text>'
    )
    svg = (
        f'<svg viewBox="0 0 460 {40 + 22 * len(visible)}" xmlns="http://www.w3.org/2000/svg" '
        f'role="img" aria-label="{e(ui["team.plot"])}">{legend}{"".join(bars)}</svg>'
    )
    table = "".join(f"<th>{e(h)}</th>" for h in head)
    table_rows = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in r) + "</tr>" for r in body)
    skipped = "".join(f"<li>{e(n)}: {e(w)}</li>" for n, w in picture.skipped)
    notes = "".join(f"<p>{e(line)}</p>" for line in _notes(model, picture))
    return (
        f'<!doctype html><html lang="{e(model.lang)}"><head><meta charset="utf-8">'
        f"<title>{e(_say(ui, 'team.title', total))}</title><style>"
        "body{font-family:system-ui,sans-serif;margin:2rem;color:#1d1d1d}"
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem;"
        "text-align:right}td:first-child,th:first-child{text-align:left}"
        "@media print{body{margin:0}}</style></head><body>"
        f"<h1>{e(_say(ui, 'team.title', total))}</h1><p>{e(ui['team.private'])}</p>"
        f"<table><tr>{table}</tr>{table_rows}</table>{notes}"
        f"<h2>{e(ui['team.plot'])}</h2>{svg}"
        + (
            f"<h2>{e(_say(ui, 'team.skipped', len(picture.skipped)))}</h2><ul>{skipped}</ul>"
            if picture.skipped
            else ""
        )
        + "</body></html>"
    )
