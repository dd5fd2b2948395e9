"""A review sheet of every line's question kind, for a counsellor who knows Tomm (issue #10).

The guide labels each line it offers with one of Tomm's question types, or as metacommunication
or a plain utterance. A reviewer checks labels best side by side: every lineal question together,
every circular one together, and so on, with the definition above them. This module writes that
sheet from the content (both languages, line by line), so the sheet can never disagree with what
the app shows. ``make review-sheet`` writes it to ``docs/question-kinds.md``; a test fails when
the committed sheet is stale.
"""

from __future__ import annotations

from pathlib import Path

from tui.core.model.content import KINDS, Content, Question

SHEET = Path(__file__).resolve().parents[3] / "docs" / "question-kinds.md"


def _rows(model: Content) -> list[tuple[str, Question]]:
    """(where, line) for every typed line, in the order the guide shows them."""
    rows = [(p.name, q) for p in model.phases for q in p.questions]
    rows += [(s.name, q) for s in model.situations for q in s.questions]
    return rows


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def review_sheet(nb: Content, en: Content) -> str:
    """The sheet in Markdown: per kind its definition, then every line with that kind.

    ``nb`` and ``en`` must label the same lines in the same order (a content test holds them to
    it); the English line stands beside the Norwegian so a reviewer reads both at once.
    """
    nb_rows, en_rows = _rows(nb), _rows(en)
    if [q.type for _, q in nb_rows] != [q.type for _, q in en_rows]:
        raise ValueError("nb and en label their lines differently")
    out = [
        "# Spørsmålstypene i Veiviser – ark til gjennomlesning / Question kinds – review sheet",
        "",
        "<!-- Written by `make review-sheet` from content/nb and content/en/faser.yaml. "
        "Do not edit by hand: change the content and run it again. -->",
        "",
        "Hver linje guiden tilbyr, sortert etter typen den er merket med. Les én type om gangen "
        "og merk linjer du mener har feil type. / Every line the guide offers, sorted by its "
        "label. Read one kind at a time and mark any line whose label you disagree with.",
        "",
        "Tomm (1988): *lineære* spørsmål spør etter fakta og forklaringer (også «hvorfor»); "
        "*sirkulære* kartlegger sammenhenger, forskjeller og hvordan andre ser det; *strategiske* "
        "leder eller korrigerer (veilederens forslag i spørsmålsform); *refleksive* åpner for "
        "hypotetiske eller framtidige muligheter. 4K-modellens verktøykasse bygger på de lineære "
        "og sirkulære (oppgaven kap. 2.5.1); de to andre er vårt tillegg. Metakommunikasjon og "
        "ytringer er ikke spørsmål om veisøkerens sak og har ingen Tomm-type.",
        "",
    ]
    for kind_id in KINDS:
        nb_kind, en_kind = nb.kind(kind_id), en.kind(kind_id)
        lines = [
            (where, q, en_rows[i][1]) for i, (where, q) in enumerate(nb_rows) if q.type == kind_id
        ]
        origin = (
            "fra modellen / from the model"
            if nb_kind.seed
            else "vårt tillegg / our addition"
            if kind_id in ("strategisk", "refleksiv")
            else "ikke et spørsmål / not a question"
        )
        out += [
            f"## {nb_kind.name} / {en_kind.name} ({len(lines)}) – {origin}",
            "",
            f"- nb: {nb_kind.explain.short}",
            f"- en: {en_kind.explain.short}",
            "",
            "| Hvor / Where | nb | en | Merknad / Remark |",
            "| --- | --- | --- | --- |",
        ]
        out += [
            f"| {_cell(where)} | {_cell(q.chat)} | {_cell(e.chat)} |  |" for where, q, e in lines
        ]
        out.append("")
    return "\n".join(out)


def built_in_sheet() -> str:
    """The sheet of the built-in content."""
    from tui.core.base.paths import builtin_content_dir
    from tui.core.model.loader import load_content

    folder = builtin_content_dir()
    return review_sheet(load_content(folder, "nb"), load_content(folder, "en"))


def write(path: Path = SHEET) -> None:
    """Write the built-in content's sheet (``make review-sheet``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(built_in_sheet() + "\n", encoding="utf-8", newline="\n")
    print(f"wrote {path}")
