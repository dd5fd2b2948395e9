"""The privacy review: every hit in a log must be masked or deliberately kept before export."""

from __future__ import annotations

from dataclasses import dataclass

from tui.core.outputs.log import Privacy, ReflectionLog, log_texts, with_text
from tui.core.privacy import Hit, mask, scan

Decision = tuple[str, str, int, int, str]
"""(source, kind, start, length, "mask" | "keep"), as the store keeps them."""


@dataclass(frozen=True)
class Finding:
    """A hit not yet decided, with where it is."""

    source: str
    hit: Hit
    text: str
    """The whole text the hit is in (for context)."""


def _key(source: str, hit: Hit) -> tuple[str, str, int, int]:
    return (source, hit.kind.value, hit.start, hit.end - hit.start)


def pending(log: ReflectionLog, decisions: list[Decision]) -> list[Finding]:
    """Hits in ``log`` without a decision. Masked hits are gone from the text, so only hits
    deliberately kept have a matching decision."""
    kept = {(s, k, st, ln) for s, k, st, ln, d in decisions if d == "keep"}
    out: list[Finding] = []
    for source, text in log_texts(log).items():
        for hit in scan(text):
            if _key(source, hit) not in kept:
                out.append(Finding(source, hit, text))
    return out


def apply(
    log: ReflectionLog, finding: Finding, decision: str
) -> tuple[ReflectionLog, Decision, str]:
    """Apply a decision; returns the new log, the decision record and the source's new text."""
    hit = finding.hit
    record: Decision = (finding.source, hit.kind.value, hit.start, hit.end - hit.start, decision)
    if decision == "keep":
        return log, record, finding.text
    new_text = mask(finding.text, [hit])
    return with_text(log, finding.source, new_text), record, new_text


def counted(log: ReflectionLog, decisions: list[Decision]) -> ReflectionLog:
    """The log with its privacy summary counted from the decisions."""
    masked = sum(1 for d in decisions if d[4] == "mask")
    kept = sum(1 for d in decisions if d[4] == "keep")
    return log.model_copy(update={"privacy": Privacy(masked=masked, kept=kept)})


def mask_all(
    log: ReflectionLog, decisions: list[Decision]
) -> tuple[ReflectionLog, list[Decision], dict[str, str]]:
    """Mask every pending hit (``veiviser export --mask-all``); returns new texts by source."""
    new_decisions: list[Decision] = []
    texts: dict[str, str] = {}
    while True:
        todo = pending(log, decisions + new_decisions)
        if not todo:
            return log, new_decisions, texts
        log, record, text = apply(log, todo[0], "mask")
        new_decisions.append(record)
        texts[todo[0].source] = text
