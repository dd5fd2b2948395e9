"""The installed `veiviser` in a real terminal (tmux): keys, æøå and the screen."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.installed import clean_env
from tests.support.tmux import Tmux

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(
        not Tmux.available(), reason="tmux is not installed (make test installs it)"
    ),
]


@pytest.fixture
def terminal(installed_bin: Path, tmp_path: Path) -> Iterator[Tmux]:
    env = {
        "TERM": clean_env()["TERM"],
        "TEXTUAL_ANIMATIONS": "none",
        "VEIVISER_DATA_DIR": str(tmp_path / "data"),  # never the user's real archive
        "VEIVISER_CONFIG": str(tmp_path / "config.yaml"),
    }
    term = Tmux([str(installed_bin / "veiviser"), "--channel", "chat"], env=env)
    try:
        yield term
    finally:
        term.close()


def test_phase_keys_and_norwegian_note(terminal: Tmux) -> None:
    screen = terminal.wait_for("F1 Kontakt")
    assert "Ikke startet" in screen
    terminal.keys("F3")
    screen = terminal.wait_for("▶ F3 KOMMUNIKASJON")
    assert "Kommunikasjon – mål" in screen
    terminal.keys("F2")
    screen = terminal.wait_for("▶ F2 KONTRAKT")
    assert "Fornyet kontrakt 1×" in screen  # F3 → F2 renewed the contract
    terminal.type("Sjåfør på Ærøy")
    terminal.keys("Enter")
    screen = terminal.wait_for("Sjåfør på Ærøy")
    assert "Kontrakt Sjåfør på Ærøy" in screen  # stamped with the phase
    terminal.keys("C-q")
    deadline = time.monotonic() + 10
    while terminal.alive() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not terminal.alive()  # Ctrl+Q quit and the tmux session closed with it


def test_a_note_typed_fast_before_f10_is_saved_before_the_end(
    terminal: Tmux, tmp_path: Path
) -> None:
    """Keys typed in one burst arrive in order: the note, Enter, then F10 (a priority binding
    jumped the queue and ended the conversation before the note was saved)."""
    terminal.wait_for("F1 Kontakt")
    terminal.burst("F1", "vil bli tømrer", "Enter", "F10")
    terminal.wait_for("Avslutte samtalen")
    terminal.keys("Enter")
    terminal.wait_for("Refleksjon")
    terminal.burst("Rolig samtale", "F10")
    terminal.wait_for("Loggen er lagret")
    (md,) = (tmp_path / "data" / "eksport").glob("*.md")
    markdown = md.read_text(encoding="utf-8")
    assert "vil bli tømrer" in markdown and "Rolig samtale" in markdown
