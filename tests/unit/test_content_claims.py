"""The content says what the model says, and marks what is ours (issue #10).

These read the built-in content in both languages; each can fail on a single wrong label.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tui.core.base.paths import builtin_content_dir
from tui.core.model.content import KINDS, TOMM_TYPES, Content
from tui.core.model.loader import load_content

LANGS = ("nb", "en")


@pytest.fixture(scope="module", params=LANGS)
def content(request: pytest.FixtureRequest) -> Content:
    return load_content(builtin_content_dir(), request.param)


def _lines(model: Content) -> list[tuple[str, str, str]]:
    """(where, kind, chat text) for every typed line: the phases' and the situations'."""
    out = [(p.id, q.type, q.chat) for p in model.phases for q in p.questions]
    out += [(s.id, q.type, q.chat) for s in model.situations for q in s.questions]
    return out


def test_every_line_has_a_defined_kind_and_every_kind_is_explained(content: Content) -> None:
    assert {k.id for k in content.kinds} == set(KINDS)
    for where, kind, text in _lines(content):
        assert kind in KINDS, (where, kind, text)


def test_a_line_without_a_question_mark_carries_no_tomm_type(content: Content) -> None:
    """In both wordings: the phone line «Fortell mer om {tema}.» carried lineær (#22 item 12)."""
    lines = [(p.id, q.type, text) for p in content.phases for q in p.questions
             for text in (q.chat, q.phone) if text]  # fmt: skip
    lines += [(s.id, q.type, text) for s in content.situations for q in s.questions
              for text in (q.chat, q.phone) if text]  # fmt: skip
    for where, kind, text in lines:
        if "?" not in text:
            assert kind not in TOMM_TYPES, f"{where}: «{text}» is not a question but is {kind}"


def test_the_seed_names_lineal_and_circular_and_the_others_are_ours(content: Content) -> None:
    seed = {k.id for k in content.kinds if k.seed}
    assert {"lineær", "sirkulær"} <= seed
    assert not {"strategisk", "refleksiv"} & seed


def test_each_phase_has_six_lines_with_lineal_and_circular_questions(content: Content) -> None:
    for phase in content.phases:
        kinds = [q.type for q in phase.questions]
        assert len(kinds) >= 6, phase.id
        assert "lineær" in kinds and "sirkulær" in kinds, (phase.id, kinds)


def test_both_languages_label_the_same_lines_alike() -> None:
    nb, en = (load_content(builtin_content_dir(), lang) for lang in LANGS)
    assert [k for _, k, _ in _lines(nb)] == [k for _, k, _ in _lines(en)]


@pytest.mark.parametrize(
    ("chat", "kind"),
    [
        ("Hvorfor er dette viktig for deg nå?", "lineær"),  # a why is lineal
        ("Hvis denne samtalen blir nyttig for deg, hvordan vil du merke det?", "refleksiv"),
        ("Skjønner du hvor jeg vil med dette?", "metakommunikasjon"),  # a check on the talk
        ("Et øyeblikk – jeg finner et godt svar til deg.", "metakommunikasjon"),
        (
            "Er det greit at jeg sender noen lenker, så kan vi se på dem sammen?",
            "metakommunikasjon",
        ),
        ("Hva tror du {person} tenker om dette?", "sirkulær"),  # a real person: circular
        (
            "Kort oppsummert har vi snakket om {oppsummering}. Stemmer det for deg?",
            "metakommunikasjon",
        ),
        (
            "Hvis du ser det fra en annen side – hva ville en som kjenner deg godt sagt?",
            "refleksiv",
        ),
    ],
)
def test_the_labels_the_review_found_wrong_are_right(chat: str, kind: str) -> None:
    nb = load_content(builtin_content_dir(), "nb")
    found = [k for _, k, text in _lines(nb) if text == chat]
    assert found == [kind]


def _texts(lang: str) -> str:
    return "\n".join(
        p.read_text(encoding="utf-8") for p in (builtin_content_dir() / lang).glob("*.yaml")
    )


def _unquoted(text: str) -> str:
    """The text outside «…»: inside, the veisøker may speak of someone else («like her»)."""
    return re.sub(r"«[^»]*»", "", text)


def test_the_veisoker_is_hen_in_bokmal_and_they_in_english() -> None:
    assert not re.search(r"\b(hun|henne|hennes)\b", _unquoted(_texts("nb")), re.IGNORECASE)
    english = _unquoted(_texts("en"))
    assert not re.search(r"\b(she|herself|hers)\b", english, re.IGNORECASE)
    assert not re.search(r"\bher (limit|own|choice)\b", english)


def test_english_says_lineal_not_linear() -> None:
    en = load_content(builtin_content_dir(), "en")
    assert en.ui["tomm.lineær"] == "lineal"
    assert "linear" not in _texts("en").replace("lineal", "")


@pytest.mark.parametrize("lang", LANGS)
def test_no_text_claims_our_mapping_belongs_to_the_model(lang: str) -> None:
    text = _texts(lang)
    for claim in ("hører til denne fasen", "hører til fasen", "belongs to this phase",
                  "matching Kolb", "er ofte det samme som å velge en karriereknapp",
                  "is often the same as choosing"):  # fmt: skip
        assert claim not in text, claim
    model = load_content(builtin_content_dir(), lang)
    readme = (builtin_content_dir().parent / "README.md").read_text(encoding="utf-8")
    for claim in ("matching Kolb", "stages that belong to the phase", "belongs to this phase"):
        assert claim not in readme, f"README: {claim}"
    assert any(w in model.ui["guide.kolb_hint"] for w in ("foreslått", "suggested"))
    assert any(w in model.ui["guide.knapper"] for w in ("forslag", "suggested"))
    assert any(w in model.ui["refl.kolb_suggested"] for w in ("foreslått", "suggested"))
    assert any(w in model.ui["log.md.kolb_phases"] for w in ("foreslått", "suggested"))


@pytest.mark.parametrize("lang", LANGS)
def test_the_middle_ring_is_kolbs_learning_cycle(lang: str) -> None:
    model = load_content(builtin_content_dir(), lang)
    assert model.kolb_ring.theory in ("Kolbs læringssirkel", "Kolb's learning cycle")
    assert "episode" not in model.kolb_ring.plain.lower()
    hint = next(q.hint for q in model.reflection if q.id == "laeringsepisode")
    assert hint and len(hint) > 40  # the word is defined where it is used


@pytest.mark.parametrize("lang", LANGS)
def test_the_practices_the_seed_describes_are_in_the_guide(lang: str) -> None:
    model = load_content(builtin_content_dir(), lang)
    ids = {s.id for s in model.situations}
    assert {"kort-infochat", "stille-chat", "be-om-hjelp", "ik", "chatlogg", "utfordre"} <= ids
    konklusjon = " ".join(q.chat for q in model.phase("konklusjon").questions)
    assert any(w in konklusjon for w in ("finner dette igjen", "find this again"))
    about = model.ui["about.body"]
    for source in ("UddannelsesGuiden", "Rogers", "Egan", "Kolb", "Bakke", "Karriereveiledning.no",
                   "Tomm"):  # fmt: skip
        assert source in about, source


def test_an_example_speaks_to_the_main_users() -> None:
    """55 % are under 25, mostly choosing upper-secondary programmes or studies (seed ch. 1.4)."""
    text = _texts("nb")
    assert re.search(r"\bvg[123]\b", text)
    assert "Samordna opptak" in text


def test_appending_a_tenth_question_points_at_replacing_the_list(tmp_path: Path) -> None:
    from tui.core.model.yamlreader import ContentError

    overlay = tmp_path / "overlay" / "nb"
    overlay.mkdir(parents=True)
    (overlay / "faser.yaml").write_text(
        "phases:\n  - id: kommunikasjon\n    questions+:\n"
        "      - type: lineær\n        chat: Hva mer?\n        phone: Mer?\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as caught:
        load_content(builtin_content_dir(), "nb", overlays=[tmp_path / "overlay"])
    assert "questions!" in str(caught.value)


# A check that the two understand each other is about the talk, not the veisøker's matter.
UNDERSTANDING_CHECK = re.compile(
    r"har jeg forstått|stemmer det|skjønner du|henger du med"
    r"|have I understood|sound right|see where I'm going|are you following",
    re.IGNORECASE,
)


def test_a_check_that_you_understand_each_other_is_metacommunication(content: Content) -> None:
    checks = [(w, k, text) for w, k, text in _lines(content) if UNDERSTANDING_CHECK.search(text)]
    assert len(checks) >= 3  # the summary, the short chat's check, "do you see where I'm going"
    for where, kind, text in checks:
        assert kind == "metakommunikasjon", f"{where}: «{text}» checks understanding but is {kind}"


def test_the_review_sheet_is_the_content_as_it_is() -> None:
    from tui.core.outputs.kindsheet import SHEET, built_in_sheet

    sheet = built_in_sheet()
    assert SHEET.read_text(encoding="utf-8") == sheet + "\n", "run `make review-sheet`"
    nb = load_content(builtin_content_dir(), "nb")
    for _, kind, text in _lines(nb):  # every line is on the sheet, under its own kind
        section = sheet.split(f"## {nb.kind(kind).name} /")[1].split("\n## ")[0]
        assert f"| {text} |" in section, (kind, text)


def test_the_review_sheet_refuses_languages_that_disagree() -> None:
    from dataclasses import replace

    from tui.core.outputs.kindsheet import review_sheet

    nb, en = (load_content(builtin_content_dir(), lang) for lang in LANGS)
    first = en.phases[0]
    wrong = replace(first.questions[1], type="sirkulær")
    en = replace(
        en,
        phases=(
            replace(first, questions=[first.questions[0], wrong, *first.questions[2:]]),
            *en.phases[1:],
        ),
    )
    with pytest.raises(ValueError, match="differently"):
        review_sheet(nb, en)
