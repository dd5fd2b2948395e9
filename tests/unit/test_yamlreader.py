"""The strict YAML reader: each kind of hostile or broken input gives file:line and a message."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tui.core.model.yamlreader import MAX_BYTES, ContentError, parse_text, read_file


def problems_of(text: str) -> list[str]:
    with pytest.raises(ContentError) as info:
        parse_text(text, "f.yaml")
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\nb: [unclosed\n", "f.yaml:3: YAML-syntaksfeil"),
        ("a:\n\tb: 1\n", "f.yaml:2: YAML-syntaksfeil"),
        (
            "id: a\nname: x\nid: b\n",
            "f.yaml:3: nøkkelen «id» står to ganger (første gang på linje 1)",
        ),
        ("x: &a [1, 2]\ny: *a\n", "f.yaml:1: ankere og aliaser"),
        ("y: !!python/object/apply:os.system ['echo hi']\n", "f.yaml:1: YAML-tagger"),
        ("y: !!str 5\n", "f.yaml:1: YAML-tagger"),
        ("", "f.yaml: filen er tom"),
        ("# bare en kommentar\n", "f.yaml: filen er tom"),
        ("a: 1\n---\nb: 2\n", "f.yaml:3: bare ett YAML-dokument"),
        ("[" * 100 + "]" * 100, "f.yaml:1: for dyp nøsting"),
    ],
    ids=[
        "unclosed",
        "tab",
        "dup-key",
        "alias",
        "python-tag",
        "str-tag",
        "empty",
        "only-comment",
        "two-docs",
        "deep",
    ],
)
def test_broken_yaml_is_located(text: str, expected: str) -> None:
    assert any(p.startswith(expected) for p in problems_of(text)), problems_of(text)


def test_unclosed_bracket_names_where_it_opened() -> None:
    (problem,) = problems_of("a: 1\nb: [1,\n  2\n")
    assert "linje 2" in problem


@pytest.mark.parametrize(
    ("yaml_text", "value"),
    [
        ("v: no", "no"),
        ("v: NO", "NO"),
        ("v: on", "on"),
        ("v: 0150", "0150"),
        ("v: 1:30", "1:30"),
        ("v: 2024-03-01", "2024-03-01"),
        ("v: 0o17", "0o17"),
        ("v: 0x1F", "0x1F"),
        ("v: 20", 20),
        ("v: -3", -3),
        ("v: 1.5", 1.5),
        ("v: true", True),
        ("v: false", False),
        ("v: ~", None),
        ('v: "20"', "20"),
        ("v: 'true'", "true"),
    ],
)
def test_no_silent_yaml_11_coercion(yaml_text: str, value: object) -> None:
    assert parse_text(yaml_text, "f.yaml").data == {"v": value}


def test_lines_are_recorded_for_nested_values() -> None:
    doc = parse_text("a:\n  - x: 1\n    y: [2, 3]\n  - z: 4\n", "f.yaml")
    assert doc.line_of(("a", 0, "y", 1)) == 3
    assert doc.line_of(("a", 1, "z")) == 4
    assert doc.line_of(("a", 1, "missing")) == 4  # falls back to the parent


def test_deep_nesting_is_refused_without_recursion_error() -> None:
    text = "[" * 100_000 + "]" * 100_000
    assert any("for dyp nøsting" in p for p in problems_of(text))


def test_alias_bomb_is_refused_fast() -> None:
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for i, name in enumerate("bcdefgh"):
        prev = "abcdefgh"[i]
        bomb += f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]\n"
    start = time.perf_counter()
    assert any("ankere og aliaser" in p for p in problems_of(bomb))
    assert time.perf_counter() - start < 1.0  # generous: this is a safety bound, not a benchmark


def test_file_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("a: 1\nb: 2\nc: blåbær\n".encode("latin-1"))
    with pytest.raises(ContentError) as info:
        read_file(path, "latin1.yaml")
    assert str(info.value).startswith("latin1.yaml:3: ikke gyldig UTF-8")


def test_utf16_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "u16.yaml"
    path.write_bytes("a: 1\n".encode("utf-16"))
    with pytest.raises(ContentError, match="UTF-16"):
        read_file(path)


def test_bom_and_crlf_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\r\nb: \xc3\xa6\xc3\xb8\xc3\xa5\r\n")
    assert read_file(path).data == {"a": 1, "b": "æøå"}


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: " + b"x" * (10 * MAX_BYTES) + b"\n")
    start = time.perf_counter()
    with pytest.raises(ContentError, match="større enn"):
        read_file(path)
    assert time.perf_counter() - start < 1.0


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="finnes ikke"):
        read_file(tmp_path / "nope.yaml")
    with pytest.raises(ContentError, match="er en mappe"):
        read_file(tmp_path)
