"""A service's own content layered over the built-in content, without touching code."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support import ROOT
from tui.core.base.paths import builtin_content_dir
from tui.core.model.content import Content
from tui.core.model.loader import load_content
from tui.core.model.yamlreader import ContentError, merge, parse_text

OVERLAY = ROOT / "tests" / "data" / "overlay"


def test_overlay_adds_questions_renames_a_term_and_replaces_reflection(model: Content) -> None:
    layered = load_content(builtin_content_dir(), "nb", (OVERLAY,))
    base, ours = model.phase("kontrakt").questions, layered.phase("kontrakt").questions
    assert ours[: len(base)] == base
    assert [q.chat for q in ours[len(base) :]] == [
        "Har du vært i kontakt med oss før om dette?",
        "Hva ville vært et godt resultat av denne samtalen for deg?",
    ]
    assert layered.stage("refleksjon").plain == "Tenke etter"
    assert layered.stage("refleksjon").theory == model.stage("refleksjon").theory
    assert [q.id for q in layered.reflection] == ["hva-skjedde", "hva-laerte-jeg", "neste-gang"]
    assert layered.phase("kontakt") == model.phase("kontakt")  # the rest is untouched
    assert layered.copy_targets("kontrakt")["9"].prompt.chat.startswith("Hva ville vært")


def test_overlay_errors_name_the_overlay_file_and_line(tmp_path: Path) -> None:
    overlay = tmp_path / "tjeneste"
    shutil.copytree(OVERLAY, overlay)
    faser = overlay / "nb" / "faser.yaml"
    text = faser.read_text(encoding="utf-8").replace("type: sirkulær", "type: sirkulaer")
    faser.write_text(text, encoding="utf-8")
    line = text.split("\n").index("      - type: sirkulaer") + 1
    with pytest.raises(ContentError) as info:
        load_content(builtin_content_dir(), "nb", (overlay,))
    (problem,) = info.value.problems
    assert str(problem).startswith(f"{faser}:{line}: phases.1.questions.8.type: må være en av")


def test_too_many_questions_from_an_overlay_points_at_the_overlay(tmp_path: Path) -> None:
    overlay = tmp_path / "o"
    (overlay / "nb").mkdir(parents=True)
    extra = "".join(f"      - type: lineær\n        chat: Ekstra {n}?\n" for n in range(3))
    (overlay / "nb" / "faser.yaml").write_text(
        "phases:\n  - id: kommunikasjon\n    questions+:\n" + extra, encoding="utf-8"
    )
    with pytest.raises(ContentError) as info:
        load_content(builtin_content_dir(), "nb", (overlay,))
    assert any(
        str(p).startswith(str(overlay / "nb" / "faser.yaml")) and "kan ha høyst 9" in str(p)
        for p in info.value.problems
    ), info.value.problems


def test_overlay_adds_a_language(tmp_path: Path) -> None:
    overlay = tmp_path / "o"
    shutil.copytree(builtin_content_dir() / "en", overlay / "xx")
    ui = overlay / "xx" / "ui.yaml"
    ui.write_text(ui.read_text(encoding="utf-8").replace('"Notes"', '"Notizen"'), encoding="utf-8")
    layered = load_content(builtin_content_dir(), "xx", (overlay,))
    assert layered.lang == "xx" and layered.ui["notes.title"] == "Notizen"
    with pytest.raises(ContentError, match="mangler språkmappen «yy»"):
        load_content(builtin_content_dir(), "yy", (overlay,))


def test_merge_rules() -> None:
    base = parse_text("a: 1\nitems:\n  - id: x\n    v: 1\n    w: 5\nlist: [1, 2]\n", "base.yaml")
    over = parse_text(
        "a: 2\nitems:\n  - id: x\n    v: 3\n  - id: y\n    v: 4\nlist+: [3]\nnew: z\n",
        "over.yaml",
    )
    merged = merge(base, over)
    assert merged.data == {
        "a": 2,
        "items": [{"id": "x", "v": 3, "w": 5}, {"id": "y", "v": 4}],
        "list": [1, 2, 3],
        "new": "z",
    }
    assert merged.where(("items", 0, "v")) == ("over.yaml", 4)
    assert merged.where(("items", 0, "w")) == ("base.yaml", 5)
    assert merged.where(("items", 1, "v")) == ("over.yaml", 6)
    assert merged.where(("list", 2)) == ("over.yaml", 7)
    assert merged.where(("list", 0)) == ("base.yaml", 6)
    replaced = merge(base, parse_text("list!: [9]\n", "r.yaml"))
    assert replaced.data["list"] == [9] and replaced.where(("list", 0)) == ("r.yaml", 1)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('team.title: "Team {x}"', "team.title: plassholderen {x} finnes ikke her"),
        ('bar.session: "Samtale {tid}"', "plassholderen {tid} finnes ikke her"),
        ('retention.title: "Gamle {"', "ikke ha krøllparenteser"),
        ('retention.body: "{n:>99999999999} samtaler"', "plassholderen {n:>99999999999}"),
        ('retention.body: "{n} av {days} {oldest"', "en krøllparentes står alene"),
        ('retention.body: "{n.__class__} {days} {oldest}"', "plassholderen {n.__class__}"),
        ('retention.body: "{n!r} {days} {oldest}"', "plassholderen {n!r}"),
    ],
    ids=["unknown", "renamed", "lone-brace", "huge-width", "unclosed", "attribute", "conversion"],
)
def test_an_overlay_text_may_use_only_its_keys_placeholders(
    tmp_path: Path, line: str, expected: str
) -> None:
    """#21 item 8: check-content said OK, then `team` or the first note crashed."""
    overlay = tmp_path / "tjeneste" / "nb"
    overlay.mkdir(parents=True)
    (overlay / "ui.yaml").write_text(line + "\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(builtin_content_dir(), "nb", (overlay.parent,))
    (problem,) = caught.value.problems
    assert problem.line == 1 and expected in problem.message and "ui.yaml" in problem.file


def test_every_shipped_text_keeps_its_placeholders() -> None:
    """The English texts use the bokmål placeholders: what the app fills in exists."""
    for lang in ("nb", "en"):
        load_content(builtin_content_dir(), lang)  # raises on any mismatch
