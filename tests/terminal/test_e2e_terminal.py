"""End to end in a real terminal (tmux): the installed veiviser through a whole conversation,
plus NO_COLOR/TERM=dumb and signals in a loop during typing and during export."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.installed import clean_env
from tests.support.running import Running, draft
from tests.support.tmux import Tmux

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(
        not Tmux.available(), reason="tmux is not installed (make test installs it)"
    ),
]


def start(installed_bin: Path, data: Path, env: dict[str, str] | None = None) -> Tmux:
    base = {"TERM": "xterm-256color", "TEXTUAL_ANIMATIONS": "none",
            "VEIVISER_CONFIG": str(data.parent / "config.yaml")}  # fmt: skip
    return Tmux(
        [str(installed_bin / "veiviser"), "--channel", "chat", "--data-dir", str(data)],
        env={**base, **(env or {})},
    )


@pytest.fixture
def term(installed_bin: Path, tmp_path: Path) -> Iterator[Tmux]:
    t = start(installed_bin, tmp_path / "data")
    try:
        yield t
    finally:
        t.close()


def test_a_whole_conversation_in_a_real_terminal(term: Tmux, tmp_path: Path) -> None:
    data = tmp_path / "data"
    term.wait_for("F1 Kontakt")
    term.keys("F1")
    term.type("Vil bli sjåfør 🚚 på Ærøy")
    term.keys("Enter")
    term.wait_for("Vil bli sjåfør")
    term.keys("C-y", "1")  # no $DISPLAY: copied through the terminal (OSC 52)
    term.wait_for("OSC 52")
    term.keys("F2", "C-t", "2")
    term.type("ring 912 34 567")
    term.keys("Enter", "F3")
    term.wait_for("▶ F3 KOMMUNIKASJON")
    term.keys("C-y", "2")  # a placeholder: asked for before copying
    term.wait_for("Fyll inn før kopiering")
    term.type("mor")
    term.keys("Enter")
    term.wait_for("Hva tror du mor tenker")
    term.keys("F2", "F4", "F10", "Enter")
    term.wait_for("Refleksjon")
    term.type("Kontrakten ble fornyet da målet endret seg")
    term.keys("F10")
    screen = term.wait_for("Personvernsjekk 1 av 1")
    assert "912 34 567" in screen
    term.keys("m")
    screen = term.wait_for("Loggen er lagret")
    (md,) = (data / "eksport").glob("*.md")
    (js,) = (data / "eksport").glob("*.json")
    markdown = md.read_text(encoding="utf-8")
    assert "Vil bli sjåfør 🚚 på Ærøy" in markdown and "ring [TELEFON]" in markdown
    assert "Kontrakten ble fornyet da målet endret seg" in markdown
    log = json.loads(js.read_text(encoding="utf-8"))
    assert log["renewals"] == 1 and [c["prompt_id"] for c in log["copies"]] == [
        "kontakt.1", "kommunikasjon.2",
    ]  # fmt: skip
    assert log["knapper"] == ["muligheter-og-begrensninger"]
    term.keys("C-q")


def test_resize_to_40x12_and_back(term: Tmux) -> None:
    term.wait_for("F1 Kontakt")
    term.keys("F3")
    term.type("halvskrevet")
    term.wait_for("halvskrevet")
    term.resize(40, 12)
    term.wait_for("Vinduet er for lite")
    term.resize(100, 32)
    screen = term.wait_for("halvskrevet")  # nothing typed is lost
    assert "▶ F3 KOMMUNIKASJON" in screen


def test_resizing_works_even_with_columns_and_lines_exported(
    installed_bin: Path, tmp_path: Path
) -> None:
    t = start(installed_bin, tmp_path / "data", {"COLUMNS": "80", "LINES": "24"})
    try:
        t.wait_for("F1 Kontakt")
        t.resize(60, 20)
        t.resize(40, 12)
        t.wait_for("Vinduet er for lite (40×12)")
    finally:
        t.close()


def test_no_color_and_a_dumb_terminal(installed_bin: Path, tmp_path: Path) -> None:
    # tmux sets TERM for its panes, so the dumb terminal is asked for inside the pane.
    t = Tmux(
        ["env", "TERM=dumb", "NO_COLOR=1", str(installed_bin / "veiviser"), "--channel", "chat",
         "--data-dir", str(tmp_path / "data")],
        env={"VEIVISER_CONFIG": str(tmp_path / "config.yaml")},
    )  # fmt: skip
    try:
        t.wait_for("F1 Kontakt")
        t.keys("F3")
        t.wait_for("▶ F3 KOMMUNIKASJON")  # the marker, not only a colour
        t.keys("C-y", "1")  # TERM=dumb: no clipboard at all, so the text is shown to copy
        t.wait_for("Kopier for hånd")
        t.keys("Escape", "C-q")
    finally:
        t.close()


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGHUP])
def test_signals_in_a_loop_while_typing(
    installed_bin: Path, tmp_path: Path, sig: signal.Signals
) -> None:
    rng = random.Random(int(sig))
    data = tmp_path / "data"
    typed = ""
    for round_no in range(3):
        app = Running(installed_bin, data)
        try:
            screen = app.term.wait_for("F1 Kontakt" if round_no == 0 else "Uavsluttet samtale")
            if "Uavsluttet samtale" in screen:
                app.term.keys("f")
                app.term.wait_for("F1 Kontakt")
            piece = f"runde {round_no} æøå "
            app.term.type(piece)
            typed += piece
            time.sleep(1.2 if sig == signal.SIGKILL else rng.uniform(0.0, 0.3))
            os.kill(app.pid(), sig)
            app.term.wait_for("VEIVISER-EXIT=")
        finally:
            app.term.close()
        saved = draft(data)
        assert saved == typed, (sig, round_no, saved)
        conn = sqlite3.connect(data / "veiviser.sqlite3")
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGHUP])
def test_signals_in_a_loop_during_export(
    installed_bin: Path, tmp_path: Path, sig: signal.Signals
) -> None:
    """Each export is absent or complete, never partial; temp files are swept at next start."""
    from tests.support.archive import archived_session
    from tui.core.archive.store import TEMP_PREFIX, Store

    data = tmp_path / "data"
    sid = archived_session(data, "stor logg " + "x" * 200)
    store = Store(data).open()
    for i in range(3000):
        store.save_answer(sid, f"q{i}", "svar " * 20)
    store.close()
    out = tmp_path / "ut"
    out.mkdir()
    complete = None
    rng = random.Random(int(sig))
    for n in range(12):
        target = out / f"logg-{n}.json"
        proc = subprocess.Popen(
            [str(installed_bin / "veiviser"), "--data-dir", str(data), "export", sid[:8],
             "--format", "json", "-o", str(target)],
            env=clean_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(rng.uniform(0.05, 0.6))
        proc.send_signal(sig)
        proc.wait()
        if target.exists():
            text = target.read_text(encoding="utf-8")
            json.loads(text)  # complete, or it would not parse
            complete = complete or text
            assert text == complete
    leftovers = [p for p in out.iterdir() if p.name.startswith(TEMP_PREFIX)]
    from tui.core.archive.store import sweep_temp_files

    assert sweep_temp_files(out) == len(leftovers)
    assert not [p for p in out.iterdir() if p.name.startswith(TEMP_PREFIX)]
