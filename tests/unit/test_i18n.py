"""Both languages have every UI key and every question; no UI string is hard-coded."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.support import ROOT
from tui.core.base.paths import builtin_content_dir
from tui.core.model.content import PLACEHOLDER, Content
from tui.core.model.loader import load_content

CONTENT = builtin_content_dir()


@pytest.fixture(scope="module")
def nb() -> Content:
    return load_content(CONTENT, "nb")


@pytest.fixture(scope="module")
def en() -> Content:
    return load_content(CONTENT, "en")


def test_same_ui_keys(nb: Content, en: Content) -> None:
    assert set(en.ui) == set(nb.ui)
    for key in nb.ui:  # the same placeholders are filled in
        assert set(re.findall(r"{(\w+)}", en.ui[key])) == set(re.findall(r"{(\w+)}", nb.ui[key])), (
            key
        )


def test_same_model_in_both_languages(nb: Content, en: Content) -> None:
    assert [p.id for p in en.phases] == [p.id for p in nb.phases]
    for a, b in zip(nb.phases, en.phases, strict=True):
        assert [q.type for q in a.questions] == [q.type for q in b.questions], a.id
        assert a.kolb == b.kolb
        assert len(a.approaches) == len(b.approaches)
        for qa, qb in zip(a.questions, b.questions, strict=True):
            assert bool(PLACEHOLDER.search(qa.chat)) == bool(PLACEHOLDER.search(qb.chat))
    assert [s.id for s in en.stages] == [s.id for s in nb.stages]
    assert [len(s.prompts) for s in en.stages] == [len(s.prompts) for s in nb.stages]
    assert [k.id for k in en.knapper] == [k.id for k in nb.knapper]
    for a, b in zip(nb.knapper, en.knapper, strict=True):
        assert {p: len(v) for p, v in a.prompts.items()} == {
            p: len(v) for p, v in b.prompts.items()
        }
    assert [q.id for q in en.reflection] == [q.id for q in nb.reflection]
    # Actually translated, not copied.
    assert en.phases[0].questions[0].chat != nb.phases[0].questions[0].chat


def test_every_key_the_code_uses_exists(nb: Content) -> None:
    used: set[str] = set()
    for path in (ROOT / "tui").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"""\bt\(\s*"([a-z_.-]+)"\s*[,)]""", text))
        used |= set(
            re.findall(r"""Binding\([^)]*?"((?:key|refl|logs|overview)\.[a-z_.-]+)\"""", text)
        )
    used = {u for u in used if "." in u}
    assert used, "the scan found no keys: the pattern is broken"
    missing = sorted(u for u in used if u not in nb.ui)
    assert not missing, missing


# Files whose Norwegian literals are data, not words shown to someone: the model's ids and
# Tomm's type names, invented demo notes, the bilingual review sheet, the privacy patterns and
# the search's letters.
NORWEGIAN_DATA = {"content.py", "demo.py", "kindsheet.py", "scanner.py", "rules.py", "store.py"}


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the docstring nodes of a module, its classes and functions."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                out.add(id(body[0].value))
    return out


def test_no_norwegian_literals_in_the_code() -> None:
    """Every word lives in ui.yaml: no module (app, core or command line) has a string literal
    with æ/ø/å, apart from the data files above and the command line's option names."""
    offenders = []
    for path in sorted((ROOT / "tui").rglob("*.py")):
        if path.name in NORWEGIAN_DATA:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docs
                and re.search(r"[æøåÆØÅ]", node.value)
                and not node.value.startswith("--")
            ):
                offenders.append(f"{path.name}:{node.lineno}: {node.value[:60]}")
    assert offenders == []


def test_unknown_and_missing_ui_keys_are_located(tmp_path: Path) -> None:
    import shutil

    from tui.core.model.yamlreader import ContentError

    root = tmp_path / "c"
    shutil.copytree(CONTENT, root)
    ui = root / "en" / "ui.yaml"
    text = ui.read_text(encoding="utf-8").replace('help.title: "Keys"', 'help.titel: "Keys"')
    ui.write_text(text, encoding="utf-8")
    line = text.split("\n").index('help.titel: "Keys"') + 1
    with pytest.raises(ContentError) as info:
        load_content(root, "en")
    found = [str(p) for p in info.value.problems]
    assert f"{ui}:{line}: ukjent nøkkel «help.titel» (skrivefeil?)" in found
    assert any("mangler 1 nøkler: help.title" in p for p in found)


def test_keys_the_code_builds_at_run_time_exist(nb: Content, en: Content) -> None:
    from typing import get_args

    from tui.clipboard import CopyMethod
    from tui.core.conversation.session import Refusal
    from tui.core.model.content import CHANNELS, PHASE_IDS, TommType
    from tui.core.model.loader import _FIELD_WORDS, _LIST_WORDS

    built = (
        [f"logs.status.{s}" for s in ("open", "finished", "saved")]
        + [f"move.{r.value}" for r in Refusal]
        + [f"copy.{m.value}" for m in CopyMethod if m is not CopyMethod.MANUAL]
        + [f"channel.{c}" for c in CHANNELS]
        + [f"tomm.{t}" for t in get_args(TommType)]
        + [f"key.{p}" for p in PHASE_IDS]
        + [f"msg.check.item.{k}" for k in _LIST_WORDS]
        + [f"msg.check.field.{k}" for k in _FIELD_WORDS]
        + [f"msg.cli.pack_without.{k}" for k in ("moments", "timeline", "answers")]
    )
    for table in (nb.ui, en.ui):
        assert [k for k in built if k not in table] == []


def test_one_is_said_in_the_singular() -> None:
    """#22 item 11: «1 notater», «1 filer», "1 conversations"."""
    from tui.core.base.strings import t, tn, use_language

    try:
        use_language("nb")
        assert tn("praksis.count", 1, n=1, period="p", channel="c").startswith("1 samtale (")
        assert tn("praksis.count", 2, n=2, period="p", channel="c").startswith("2 samtaler (")
        assert "1 notat" in tn("resume.facts", 1, date="d", time="t", channel="c", where="w",
                                notes=1) and "1 notater" not in t("resume.facts.one", date="d",
                                time="t", channel="c", where="w", notes=1)  # fmt: skip
        use_language("en")
        assert tn("team.skipped", 1, n=1) == "1 file was skipped:"
        assert tn("praksis.count", 1, n=1, period="p", channel="c").startswith("1 conversation (")
    finally:
        use_language("nb")
