"""The model as content: the built-in YAML is valid, and every kind of mistake is located."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.files import edit
from tui.core.model.content import PHASE_IDS, Content
from tui.core.model.loader import load_content
from tui.core.model.yamlreader import ContentError


def errors(root: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_content(root)
    return [str(p) for p in info.value.problems]


def test_builtin_content_is_valid(model: Content) -> None:
    assert [p.id for p in model.phases] == list(PHASE_IDS)
    assert all(len(p.questions) >= 6 for p in model.phases)
    assert {q.type for p in model.phases for q in p.questions} == {
        "lineær",
        "sirkulær",
        "strategisk",
        "refleksiv",
        "metakommunikasjon",
        "ytring",
    }
    assert len(model.stages) == 4
    assert [k.name for k in model.knapper] == [
        "Meg i kontekst",
        "Muligheter og begrensninger",
        "Valg og tilfeldigheter",
        "Endring og stabilitet",
        "Tilpasning og motstand",
    ]
    assert model.kolb_ring.plain == "Læringssirkelen"
    assert len(model.reflection) >= 6
    for phase in model.phases:
        assert phase.tips.chat and phase.tips.phone


def test_prompt_ids_are_unique(model: Content) -> None:
    ids = [ref.id for ref in model.all_prompts()]
    assert len(ids) == len(set(ids))


def test_channel_wording_and_placeholders(model: Content) -> None:
    question = model.phase("kontakt").questions[4]
    assert question.placeholders("chat") == ["tema"]
    assert question.fill("chat", {"tema": "sykepleie"}) == (
        "Du nevner sykepleie. Kan du fortelle litt mer om det?"
    )
    assert question.fill("phone", {"tema": "sykepleie"}) == "Kan du fortelle mer om sykepleie?"
    # An empty answer keeps the placeholder visible rather than copying a broken sentence.
    assert "{tema}" in question.fill("chat", {"tema": "  "})


def test_copy_targets_number_questions_and_letter_knapp_prompts(model: Content) -> None:
    targets = model.copy_targets("kommunikasjon")
    questions = model.phase("kommunikasjon").questions
    assert [k for k in targets if k.isdigit()] == [str(n) for n in range(1, len(questions) + 1)]
    assert targets["1"].prompt == questions[0]
    knapp_keys = [k for k in targets if k.isalpha()]
    assert knapp_keys == list("abcdefgh")[: len(model.knapp_prompts("kommunikasjon"))]
    assert targets["a"].knapp == "meg-i-kontekst"


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        ("nb/faser.yaml", "name: Kontakt", "colour: red\n    name: Kontakt", "phases.0.colour: ukjent felt «colour»"),
        ("nb/faser.yaml", "name: Kontakt", "name: 2024", "phases.0.name: skal være tekst (sett verdien i anførselstegn"),
        ("nb/faser.yaml", "type: ytring", "type: lineaer", "phases.0.questions.0.type: må være en av"),
        ("nb/faser.yaml", "kolb: [konkret-erfaring]", "kolb: [ukjent-trinn]", "ukjent Kolb-trinn «ukjent-trinn»"),
        ("nb/faser.yaml", "chat: Hva tar du med deg fra denne samtalen?", "chat: Hva tar du {med deg?", "ugyldig plassholder"),
        ("nb/faser.yaml", "id: kontrakt", "id: konklusjon", "fase 2 skal være «kontrakt»"),
        ("nb/knapper.yaml", "id: valg-og-tilfeldigheter", "id: meg-i-kontekst", "id «meg-i-kontekst» er brukt før"),
        ("nb/knapper.yaml", "id: valg-og-tilfeldigheter", "id: Valg og tilfeldigheter", "id skal være små bokstaver"),
        ("nb/knapper.yaml", "      kontakt:", "      kontakt: []\n      kontakt_gammel:", "knapper.0.prompts.kontakt: må ha minst 1"),
        ("nb/knapper.yaml", "      konklusjon:", "      slutt:", "knapper.2.prompts.slutt: må være en av"),
        ("nb/kolb.yaml", "plain: Læringssirkelen", "plain:", "ring.plain: skal være tekst"),
        ("nb/refleksjon.yaml", "id: gikk-bra", "id: bruk-av-modellen", "id «bruk-av-modellen» er brukt før"),
        ("innstillinger.yaml", "long_session_minutes: 20", "long_session_minutes: 0150", "long_session_minutes: skal være et heltall"),
        ("innstillinger.yaml", "long_session_minutes: 20", "long_session_minutes: 0", "long_session_minutes: må være minst 1"),
    ],
    ids=[
        "unknown-key", "wrong-type", "bad-tomm-type", "dangling-kolb-ref", "bad-placeholder",
        "phase-order", "duplicate-knapp-id", "bad-id", "empty-prompt-list", "unknown-phase-key",
        "null-text", "duplicate-reflection-id", "octal-looking-number", "out-of-range",
    ],
)  # fmt: skip
def test_each_mistake_names_file_and_line(
    content_copy: Path, file: str, old: str, new: str, expected: str
) -> None:
    line = edit(content_copy / file, old, new)
    found = errors(content_copy)
    label = str(content_copy / file)
    assert any(e.startswith(f"{label}:{line}: ") and expected in e for e in found), (
        f"wanted {label}:{line}: …{expected}… in {found}"
    )


def test_missing_field_points_at_its_parent(content_copy: Path) -> None:
    path = content_copy / "nb" / "faser.yaml"
    parent_line = edit(path, "- id: kontakt", "- id: kontakt")
    edit(path, "goal: Skap og hold relasjonen", "# goal removed")
    assert f"{path}:{parent_line}: phases.0.goal: mangler feltet «goal» – fase «Kontakt», goal" in (
        errors(content_copy)
    )


def test_too_few_questions(content_copy: Path) -> None:
    path = content_copy / "nb" / "faser.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("      - type: lineær\n        chat: Hvordan har du det")
    end = text.index("    tips:", start)
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    assert any("phases.0.questions: må ha minst 6 (har 3)" in e for e in errors(content_copy))


def test_all_problems_in_all_files_are_reported_together(content_copy: Path) -> None:
    edit(content_copy / "nb" / "faser.yaml", "name: Kontakt", "name: Kontakt\n    x: 1")
    edit(content_copy / "nb" / "kolb.yaml", "theory: Konkret erfaring", "theory: 5")
    found = errors(content_copy)
    assert any("faser.yaml" in e for e in found) and any("kolb.yaml" in e for e in found)


def test_missing_language_folder(tmp_path: Path) -> None:
    (tmp_path / "c").mkdir()
    assert any("mangler språkmappen «nb»" in e for e in errors(tmp_path / "c"))


def test_missing_content_dir(tmp_path: Path) -> None:
    assert any("innholdsmappen finnes ikke" in e for e in errors(tmp_path / "nope"))


def test_broken_syntax_in_one_file_is_reported_with_its_line(content_copy: Path) -> None:
    line = edit(content_copy / "nb" / "kolb.yaml", "  plain: Læringssirkelen", "  plain: [Lærings")
    found = errors(content_copy)
    assert any(
        e.startswith(f"{content_copy / 'nb' / 'kolb.yaml'}:") and "YAML-syntaksfeil" in e
        for e in found
    ), found
    assert line > 0


def test_errors_name_the_place_in_the_authors_words(content_copy: Path) -> None:
    line = edit(content_copy / "nb" / "faser.yaml", "type: ytring", "type: lineaer")
    (problem,) = errors(content_copy)
    assert f"faser.yaml:{line}: phases.0.questions.0.type: må være en av" in problem
    assert problem.endswith(" – fase «Kontakt», spørsmål 1, spørsmålstype")


def test_describe_counts_from_one_and_names_items() -> None:
    from tui.core.model.loader import describe

    data = {"phases": [{"id": "kontakt"}, {"id": "kontrakt", "name": "Kontrakt",
                                           "questions": [{}] * 8}]}  # fmt: skip
    assert describe(("phases", 1, "questions", 7, "chat"), data) == (
        "fase «Kontrakt», spørsmål 8, chat-ordlyd"
    )
    assert describe(("phases", 0, "goal"), data) == "fase «kontakt», goal"
