"""The knappeverksted (seed ch. 4.3.3): one knapp at a time on a shared screen, its meaning and
dilemma, then invented cases the group works through, and a summary for the team.

For each case the group types what they put into the knapp here and which questions they would
ask; the guide's own questions (with their Tomm types) are revealed after. A per-case clock the
leader can pause. The summary is written as a self-contained HTML page and Markdown, after every
typed text has passed the pack review (names, places, dates, numbers are masked): the workshop
is about the model, never about a person.
"""

from __future__ import annotations

import html
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from tui.core.base.strings import plural_key
from tui.core.model.content import Content, Knapp, VerkstedCase
from tui.core.outputs.casepack import PAGE_CSS, md_text, vocabulary
from tui.core.privacy import mask, scan_pack

CASE_MINUTES = 10
"""The time a case is planned for; the clock shows it and turns when it is past."""


@dataclass
class CaseWork:
    """What the group did with one case."""

    case: VerkstedCase
    meaning: str = ""
    """What we put into the knapp here (typed by the group)."""
    questions: str = ""
    """The questions we would ask (typed by the group, one a line)."""
    revealed: bool = False
    """The guide's own questions are shown."""
    seconds: float = 0.0
    """Time spent on the case while the clock ran."""


@dataclass
class Workshop:
    """A knappeverksted for one knapp, with its cases in order. ``clock`` is monotonic time."""

    knapp: Knapp
    cases: list[CaseWork]
    clock: Callable[[], float] = time.monotonic
    index: int = 0
    running_since: float | None = None
    """When the clock last started (None: paused)."""
    started_at: float = field(default_factory=time.time)
    """Wall clock of the start, for the summary's date."""

    @classmethod
    def for_knapp(cls, model: Content, knapp_id: str,
                  clock: Callable[[], float] = time.monotonic) -> Workshop:  # fmt: skip
        """The workshop of ``knapp_id`` with every case the content has for it."""
        knapp = next(k for k in model.knapper if k.id == knapp_id)
        work = cls(knapp, [CaseWork(case) for case in model.cases(knapp_id)], clock)
        work.start_clock()
        return work

    @property
    def current(self) -> CaseWork:
        return self.cases[self.index]

    # --- the clock ------------------------------------------------------------------------

    def start_clock(self) -> None:
        if self.running_since is None:
            self.running_since = self.clock()

    def pause_clock(self) -> None:
        if self.running_since is not None:
            self.current.seconds += self.clock() - self.running_since
            self.running_since = None

    def toggle_clock(self) -> bool:
        """Pause or go on; True when the clock now runs."""
        if self.running_since is None:
            self.start_clock()
            return True
        self.pause_clock()
        return False

    def elapsed(self, work: CaseWork | None = None) -> float:
        """Seconds spent on a case (the current one by default), the running stretch included."""
        work = work or self.current
        running = self.running_since is not None and work is self.current
        return work.seconds + (self.clock() - self.running_since if running else 0.0)  # type: ignore[operator]

    # --- moving through the cases -------------------------------------------------------

    def go(self, step: int) -> bool:
        """To the next (1) or previous (-1) case; the clock goes with it. False at an end."""
        target = self.index + step
        if not 0 <= target < len(self.cases):
            return False
        running = self.running_since is not None
        self.pause_clock()
        self.index = target
        if running:
            self.start_clock()
        return True

    def reveal(self) -> None:
        self.current.revealed = True

    def finish(self) -> None:
        self.pause_clock()


# --- the summary -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    """What the summary says: every typed text already through the pack review."""

    knapp: Knapp
    date: str
    cases: list[tuple[VerkstedCase, str, list[str], float]]
    """Each case worked on: the case, what we put into the knapp, our questions, minutes."""
    masked: int
    """How many names, places, dates or numbers the review masked in what was typed."""


def summarise(model: Content, work: Workshop) -> Summary:
    """The workshop as the summary tells it: cases the group worked on (typed in, or given
    time), each text masked where the pack review finds an identifier."""
    vocab = vocabulary(model) | {w.casefold() for w in work.knapp.name.split()}
    masked = 0

    def reviewed(text: str) -> str:
        nonlocal masked
        hits = scan_pack(text, vocab)
        masked += len(hits)
        return mask(text, hits) if hits else text

    cases = []
    for case_work in work.cases:
        minutes = work.elapsed(case_work) / 60
        meaning = reviewed(case_work.meaning.strip())
        questions = [reviewed(q.strip()) for q in case_work.questions.splitlines() if q.strip()]
        if meaning or questions or case_work.revealed or minutes >= 0.5:
            cases.append((case_work.case, meaning, questions, minutes))
    date = time.strftime("%d.%m.%Y", time.localtime(work.started_at))
    return Summary(work.knapp, date, cases, masked)


def _facts(model: Content, summary: Summary) -> str:
    """The date and how many cases («1 case», «3 caser»)."""
    n = len(summary.cases)
    key = plural_key(model.ui, "verksted.summary_facts", n)
    return model.ui[key].format(date=summary.date, n=n)


def _minutes(model: Content, minutes: float) -> str:
    return model.ui["verksted.minutes"].format(n=f"{minutes:.0f}" if minutes >= 0.5 else "<1")


def render_markdown(model: Content, summary: Summary) -> str:
    ui = model.ui
    knapp = summary.knapp
    out = [f"# {md_text(ui['verksted.summary_title'].format(knapp=knapp.name))}", ""]
    out += [md_text(_facts(model, summary)), ""]
    out += [f"**{md_text(knapp.meaning)}**", "", md_text(knapp.dilemma), ""]
    for case, meaning, questions, minutes in summary.cases:
        out += [f"## {md_text(case.title)}", "", f"*{md_text(case.situation)}*", ""]
        out += [md_text(f"{ui['verksted.meaning']} ({_minutes(model, minutes)})"), ""]
        out += [md_text(meaning) if meaning else f"*{md_text(ui['verksted.none'])}*", ""]
        out += [f"**{md_text(ui['verksted.ours'])}**", ""]
        out += [f"- {md_text(q)}" for q in questions] or [f"*{md_text(ui['verksted.none'])}*"]
        out += ["", f"**{md_text(ui['verksted.guide'])}**", ""]
        out += [f"- {md_text(q.text)} ({md_text(ui[f'tomm.{q.type}'])})" for q in case.questions]
        out.append("")
    out += [f"*{md_text(ui['verksted.footer'].format(masked=summary.masked))}*", ""]
    return "\n".join(out)


_CSS = (
    PAGE_CSS
    + """
.knapp { border-left: 4px solid #1f6feb; padding: .4rem .8rem; background: #f3f7ff; }
.case { border: 1px solid #ddd; border-radius: 6px; padding: .3rem .9rem; margin: .8rem 0; }
.situation { font-style: italic; } .type { color: #555; font-size: .9em; }
@media print { .case { break-inside: avoid; } }
"""
)


def render_html(model: Content, summary: Summary) -> str:
    ui = model.ui
    e = html.escape
    knapp = summary.knapp
    title = ui["verksted.summary_title"].format(knapp=knapp.name)
    out = [
        f'<!doctype html><html lang="{e(model.lang)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{e(title)}</h1>",
        f'<p class="facts">{e(_facts(model, summary))}</p>',
        f'<div class="knapp"><p><strong>{e(knapp.meaning)}</strong></p><p>{e(knapp.dilemma)}</p></div>',  # noqa: E501
    ]
    for case, meaning, questions, minutes in summary.cases:
        out.append(f'<section class="case"><h2>{e(case.title)}</h2>')
        out.append(f'<p class="situation">{e(case.situation)}</p>')
        out.append(f"<h3>{e(ui['verksted.meaning'])} ({e(_minutes(model, minutes))})</h3>")
        out.append(
            f"<p>{e(meaning)}</p>" if meaning else f"<p><em>{e(ui['verksted.none'])}</em></p>"
        )
        out.append(f"<h3>{e(ui['verksted.ours'])}</h3>")
        items = "".join(f"<li>{e(q)}</li>" for q in questions)
        out.append(f"<ul>{items}</ul>" if items else f"<p><em>{e(ui['verksted.none'])}</em></p>")
        out.append(f"<h3>{e(ui['verksted.guide'])}</h3><ul>")
        for q in case.questions:
            out.append(
                f'<li>{e(q.text)} <span class="type">({e(ui[f"tomm.{q.type}"])})</span></li>'
            )
        out.append("</ul></section>")
    out.append(f"<footer>{e(ui['verksted.footer'].format(masked=summary.masked))}</footer>")
    out.append("</body></html>")
    return "\n".join(out)
