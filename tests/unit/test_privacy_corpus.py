"""The attack corpus (tests/data/privacy/): identifiers in every form a note may hold them, and
look-alikes that must stay. The pack review must find every identifier and pass every look-alike;
the log review's figures are printed for the README (``pytest -s -k corpus``)."""

from __future__ import annotations

from pathlib import Path

from tui.core.privacy import Hit, scan, scan_pack

DATA = Path(__file__).parent.parent / "data" / "privacy"


def _lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


IDENTIFIERS = [tuple(line.split(" ⟶ ")) for line in _lines("identifiers.txt")]
LOOKALIKES = _lines("lookalikes.txt")


def _covered(hits: list[Hit], text: str, ident: str) -> bool:
    start = text.index(ident)
    return any(h.start <= start and h.end >= start + len(ident) for h in hits)


def test_the_corpus_is_as_large_as_promised() -> None:
    assert len(IDENTIFIERS) >= 60
    assert len(LOOKALIKES) >= 30
    assert all(ident in text for text, ident in IDENTIFIERS)


def test_the_pack_review_finds_every_identifier_in_the_corpus() -> None:
    missed = [text for text, ident in IDENTIFIERS if not _covered(scan_pack(text), text, ident)]
    assert missed == []


def test_the_pack_review_passes_every_lookalike() -> None:
    flagged = {text: [h.text for h in scan_pack(text)] for text in LOOKALIKES}
    assert {text: hits for text, hits in flagged.items() if hits} == {}


def test_corpus_figures_for_the_readme() -> None:
    """The figures the README gives; the log review is meant to find the direct identifiers only
    (it guards the counsellor's own archive), so it misses names, places, dates and times."""
    pack_missed = sum(not _covered(scan_pack(t), t, i) for t, i in IDENTIFIERS)
    log_missed = sum(not _covered(scan(t), t, i) for t, i in IDENTIFIERS)
    pack_false = sum(bool(scan_pack(t)) for t in LOOKALIKES)
    log_false = sum(bool(scan(t)) for t in LOOKALIKES)
    print(
        f"\ncorpus: {len(IDENTIFIERS)} identifiers, {len(LOOKALIKES)} look-alikes; "
        f"pack review missed {pack_missed}, false alarms {pack_false}; "
        f"log review missed {log_missed}, false alarms {log_false}"
    )
    assert pack_missed == 0 and pack_false == 0
    assert log_false == 0
    assert log_missed < len(IDENTIFIERS)
