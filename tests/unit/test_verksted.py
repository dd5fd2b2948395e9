"""#24 part 2, the knappeverksted's core: its cases are content (checked with file:line, at least
three per knapp in nb and en), the workshop's clock and order, and a summary that holds no
identifier and no markup from what the group typed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.fakes import FakeClock
from tui.core.base.paths import builtin_content_dir
from tui.core.base.problems import ContentError
from tui.core.model.content import Content
from tui.core.model.loader import load_content
from tui.core.outputs.verksted import Workshop, render_html, render_markdown, summarise

KNAPP = "meg-i-kontekst"


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_every_knapp_has_at_least_three_cases_in_both_languages(lang: str) -> None:
    model = load_content(builtin_content_dir(), lang)
    for knapp in model.knapper:
        cases = model.cases(knapp.id)
        assert len(cases) >= 3, (lang, knapp.id)
        for case in cases:
            assert len(case.questions) >= 2
            assert {q.type for q in case.questions} <= {"lineær", "sirkulær", "strategisk",
                                                         "refleksiv"}  # fmt: skip
    nb = load_content(builtin_content_dir(), "nb")
    assert [c.id for c in model.verksted] == [c.id for c in nb.verksted]  # the same cases


def test_a_case_for_an_unknown_knapp_is_named_with_file_and_line(tmp_path: Path) -> None:
    overlay = tmp_path / "tjeneste"
    (overlay / "nb").mkdir(parents=True)
    (overlay / "nb" / "verksted.yaml").write_text(
        "cases:\n"
        "  - id: egen-case\n"
        "    knapp: meg-i-kontkest\n"
        "    title: En egen case\n"
        "    situation: En 18-åring lurer på noe.\n"
        "    questions:\n"
        "      - {text: Hva tenker du?, type: lineær}\n"
        "      - {text: Hva tror andre?, type: sirkulær}\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as caught:
        load_content(builtin_content_dir(), "nb", (overlay,))
    said = "\n".join(str(p) for p in caught.value.problems)
    assert "verksted.yaml:3" in said and "meg-i-kontkest" in said


def test_the_clock_runs_per_case_and_pauses(model: Content) -> None:
    clock = FakeClock()
    work = Workshop.for_knapp(model, KNAPP, clock=clock)
    clock.advance(90)
    assert work.elapsed() == pytest.approx(90)
    assert work.go(1) and work.index == 1
    clock.advance(30)
    assert work.elapsed() == pytest.approx(30) and work.elapsed(work.cases[0]) == pytest.approx(90)
    assert work.toggle_clock() is False  # paused
    clock.advance(600)
    assert work.elapsed() == pytest.approx(30)
    assert not work.go(-2) and work.index == 1  # no case before the first
    assert work.go(-1) and work.elapsed() == pytest.approx(90)


def test_the_summary_masks_what_identifies_and_escapes_what_was_typed(model: Content) -> None:
    work = Workshop.for_knapp(model, KNAPP, clock=FakeClock())
    work.current.meaning = "Familien <script>alert(1)</script> **forventer** mye"
    work.current.questions = "Hva sier Kari Nordmann på Lillehammer?\nRing 912 34 567\n\n"
    work.reveal()
    summary = summarise(model, work)
    case, meaning, questions, _ = summary.cases[0]
    assert len(summary.cases) == 1  # the cases nobody worked on are left out
    assert meaning.startswith("Familien <script>")  # kept as typed; escaped when written
    assert questions[0] == "Hva sier [NAVN] på [STED]?"
    assert (
        "912" not in questions[1] and "[" in questions[1]
    )  # the pack review errs on the safe side
    assert summary.masked >= 3
    page = render_html(model, summary)
    text = render_markdown(model, summary)
    for out in (page, text):
        assert "Kari" not in out and "Lillehammer" not in out and "912" not in out
        assert case.questions[0].text in out  # the guide's own questions, revealed
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "· 1 case · oppdiktet case" in text  # one case, not «1 caser»
    assert "**forventer**" not in text and "\\*\\*forventer\\*\\*" in text


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
NEEDS_BROWSER = bool(os.environ.get("CI")) and sys.platform.startswith("linux")


@pytest.mark.skipif(CHROMIUM is None and not NEEDS_BROWSER,
                    reason="chromium is not installed (make test installs it)")  # fmt: skip
def test_the_summary_opens_in_a_real_browser(model: Content, tmp_path: Path) -> None:
    assert CHROMIUM is not None, "CI must have chromium (make test installs it)"
    work = Workshop.for_knapp(model, KNAPP, clock=FakeClock())
    for n in range(3):
        work.current.meaning = f"Det vi la i knappen, case {n + 1}"
        work.reveal()
        work.go(1)
    page = tmp_path / "verksted.html"
    page.write_text(render_html(model, summarise(model, work)), encoding="utf-8")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", f"--user-data-dir={tmp_path / 'profile'}"]  # fmt: skip
    dom = subprocess.run([CHROMIUM, *flags, "--dump-dom", page.as_uri()], capture_output=True,
                         text=True, timeout=120, check=True).stdout  # fmt: skip
    assert dom.count('<section class="case">') == 3
    assert "Det vi la i knappen, case 3" in dom and "Knappeverksted: Meg i kontekst" in dom
    shot = tmp_path / "shot.png"
    subprocess.run([CHROMIUM, *flags, f"--screenshot={shot}", "--window-size=900,1400",
                    page.as_uri()], capture_output=True, timeout=120, check=True)  # fmt: skip
    assert shot.stat().st_size > 10_000  # a page was drawn, not a blank
