"""Core paths the app tests reach only through subprocesses: config writing, --mask-all,
exports on file systems without hard links."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from tests.support.archive import the_log
from tests.support.fakes import FakeClock
from tui.core.model.config import Config, load_config, save_setting
from tui.core.model.content import Content
from tui.core.model.yamlreader import ContentError
from tui.core.outputs.export import ExportError, write_new
from tui.core.outputs.log import with_text
from tui.core.outputs.review import counted, mask_all, pending


def test_save_setting_keeps_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "cfg" / "config.yaml"
    save_setting(path, "theme", "veiviser-lys")  # the folder is made
    path.write_text(path.read_text() + "retention_days: 30\n", encoding="utf-8")
    save_setting(path, "plain_words", False)
    config = load_config(path)
    assert config == Config(theme="veiviser-lys", retention_days=30, plain_words=False)
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".config-")]


def test_config_errors(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("keymap:\n  help: q\n  finish: 'ctrl+'\nretention_days: 0\n", encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_config(path, {"help", "finish"})
    text = str(info.value)
    assert f"{path}:4: retention_days:" in text
    path.write_text("keymap:\n  help: q\n  finish: 'ctrl+'\n", encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_config(path, {"help", "finish"})
    found = [str(p) for p in info.value.problems]
    assert found[0].startswith(f"{path}:2: keymap: «q» er en bokstav")
    assert found[1].startswith(f"{path}:3: keymap: finish: «ctrl+» er ikke en tast")
    assert load_config(tmp_path / "missing.yaml") == Config()


@pytest.mark.parametrize(
    ("key", "why"),
    [
        ("ctlr+e", "ukjent tillegg «ctlr»"),
        ("ctrl+banana", "er ikke en tast"),
        ("f99", "bare F1–F12"),
        ("ctrl+1", "kan ikke sendes av vanlige terminaler"),
        ("ctrl+shift+e", "skiller ikke Ctrl+Shift+bokstav"),
        ("ctrl+i", "kommer fram som Tab"),
    ],
)
def test_keys_a_terminal_cannot_send_are_refused_with_the_line(
    tmp_path: Path, key: str, why: str
) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(f"lang: nb\nkeymap:\n  help: '{key}'\n", encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_config(path, {"help"})
    (problem,) = [str(p) for p in info.value.problems]
    assert problem.startswith(f"{path}:3: keymap: help: «{key}»") and why in problem, problem


def test_keys_written_as_the_app_shows_them_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("keymap:\n  help: F12\n  finish: Ctrl+E\n  refl.save: 'F10,Ctrl+S'\n",
                    encoding="utf-8")  # fmt: skip
    config = load_config(path, {"help", "finish", "refl.save"})
    assert config.keymap == {"help": "f12", "finish": "ctrl+e", "refl.save": "f10,ctrl+s"}


def test_mask_all_and_counting(model: Content, clock: FakeClock) -> None:
    log = the_log(model, clock)
    log = with_text(log, "note:1", "ring 912 34 567 eller ola@eksempel.no")
    log = with_text(log, "copy:1", "Hva sa 22 33 44 55?")
    assert len(pending(log, [])) == 3
    masked, decisions, texts = mask_all(log, [])
    assert pending(masked, decisions) == []
    assert texts == {
        "note:1": "ring [TELEFON] eller [E-POST]",
        "copy:1": "Hva sa [TELEFON]?",
    }
    assert counted(masked, decisions).privacy.masked == 3


def test_export_without_hard_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_links(src: str, dst: str) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    first = write_new(tmp_path / "a.md", b"1")
    second = write_new(tmp_path / "a.md", b"2")
    assert (first.name, second.name) == ("a.md", "a-2.md")
    assert first.read_bytes() == b"1"
    with pytest.raises(ExportError, match="finnes allerede"):
        write_new(first, b"3", numbered=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-2.md", "a.md"]


def test_export_into_an_unwritable_place(tmp_path: Path) -> None:
    blocker = tmp_path / "fil"
    blocker.write_text("x")
    with pytest.raises(ExportError, match="Kunne ikke skrive"):
        write_new(blocker / "ut" / "a.md", b"1")


def test_bars_are_drawn_to_scale_in_eighths_and_read_back() -> None:
    from tui.core.outputs.bars import bar, length, nice_top

    assert nice_top(10.67) == 20.0 and nice_top(4) == 5.0 and nice_top(0) == 1.0
    assert nice_top(35, limit=100) == 100
    assert [nice_top(v) for v in (1, 2, 2.4, 7, 0.3)] == [1.0, 2.0, 2.5, 10.0, 0.5]
    for value in (0, 1, 3.3, 10, 35, 40, 99.9, 100):
        drawn = bar(value, 100, 45)
        assert abs(length(drawn) - value / 100 * 45) <= 1 / 16
    assert len(bar(1, 10, 50)) * 10 == len(bar(10, 10, 50))
    assert length(bar(35, 100, 45)) < length(bar(40, 100, 45))
    assert bar(150, 100, 10) == "█" * 10 and bar(-3, 100, 10) == ""


def test_a_copy_notice_is_cut_between_words_with_an_ellipsis() -> None:
    from tui.core.base.strings import shorten

    text = "Hvis ingen andre hadde meninger om det – hva ville du valgt da, og hvorfor det?"
    short = shorten(text, 60)
    assert len(short) <= 60 and short.endswith("…")
    assert text.startswith(short[:-1]) and text[len(short) - 1] == " "  # a whole word
    assert shorten("Kort.", 60) == "Kort."
