"""Nothing typed is lost: the installed app in tmux, killed and signalled while typing."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.installed import clean_env
from tests.support.running import Running, draft, notes
from tests.support.tmux import Tmux

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(
        not Tmux.available(), reason="tmux is not installed (make test installs it)"
    ),
]


@pytest.fixture
def running(installed_bin: Path, tmp_path: Path) -> Iterator[Running]:
    app = Running(installed_bin, tmp_path / "data")
    try:
        app.term.wait_for("F1 Kontakt")
        yield app
    finally:
        app.term.close()


def test_kill_9_while_typing_loses_at_most_the_last_second(
    running: Running, installed_bin: Path
) -> None:
    first = "Veisøker vil bli sjåfør på Ærøy – "
    running.term.keys("F1")
    running.term.type("lagret notat")
    running.term.keys("Enter")
    running.term.type(first)
    time.sleep(1.3)  # more than a second before the kill
    running.term.type("og dette kan gå tapt")
    os.kill(running.pid(), signal.SIGKILL)
    running.term.wait_for("VEIVISER-EXIT=137")
    saved = draft(running.data)
    assert saved is not None and saved.startswith(first)  # byte for byte
    assert (first + "og dette kan gå tapt").startswith(saved)
    assert notes(running.data) == ["lagret notat"]
    # Start again: the session is offered, and continuing brings the text back.
    again = Tmux([str(installed_bin / "veiviser"), "--data-dir", str(running.data)],
                 env={"TERM": "xterm-256color"})  # fmt: skip
    try:
        again.wait_for("Uavsluttet samtale")
        again.keys("f")
        again.wait_for("lagret notat")
        again.wait_for("sjåfør på")  # the field shows the end of the resumed draft
    finally:
        again.close()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_and_sighup_save_everything_and_restore_the_terminal(
    running: Running, sig: signal.Signals
) -> None:
    running.term.type("skrevet rett før signalet")
    pid = running.pid()
    os.kill(pid, sig)  # well within the 0.4 s pause: only the handler can have saved it
    screen = running.term.wait_for("VEIVISER-EXIT=0")
    assert "F1 Kontakt" not in screen  # the app's screen is gone: the terminal is back
    assert draft(running.data) == "skrevet rett før signalet"


def test_closing_the_terminal_saves_everything(running: Running) -> None:
    running.term.type("vinduet lukkes nå")
    pid = running.pid()
    running.term.close()  # like closing the terminal window: SIGHUP
    assert running.gone(pid)
    assert draft(running.data) == "vinduet lukkes nå"


def test_ctrl_z_saves_before_suspending(running: Running) -> None:
    running.term.type("før pause")
    pid = running.pid()
    running.term.keys("C-z")
    deadline = time.monotonic() + 5
    while (
        Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").split()[2] != "T"
        and time.monotonic() < deadline
    ):
        time.sleep(0.05)
    assert Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").split()[2] == "T"  # stopped
    assert draft(running.data) == "før pause"
    os.kill(pid, signal.SIGCONT)


def test_a_second_instance_is_refused(running: Running, installed_bin: Path) -> None:
    result = subprocess.run(
        [str(installed_bin / "veiviser"), "--channel", "chat", "--data-dir", str(running.data)],
        capture_output=True, encoding="utf-8", env=clean_env(), timeout=30, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert result.returncode == 4
    assert "kjører allerede" in result.stderr and "Traceback" not in result.stderr


def test_closing_the_terminal_under_make_ends_the_app(installed_bin: Path, tmp_path: Path) -> None:
    """Started by `make run`, Veiviser got no SIGHUP when the window closed and spun on the dead
    terminal for good, holding the data folder. It now notices the terminal is gone."""
    data = tmp_path / "data"
    makefile = tmp_path / "Makefile"
    makefile.write_text(
        f"run:\n\t{installed_bin / 'veiviser'} --channel chat --data-dir {data}\n",
        encoding="utf-8",
    )
    term = Tmux(["make", "-s", "-f", str(makefile), "run"],
                env={"TERM": "xterm-256color", "TEXTUAL_ANIMATIONS": "none"})  # fmt: skip
    try:
        term.wait_for("F1 Kontakt")
        term.type("make lukker vinduet")
        found = subprocess.run(["pgrep", "-f", "--", f"--data-dir {data}"],
                               capture_output=True, encoding="utf-8").stdout.split()  # fmt: skip
        pids = [int(p) for p in found if b"python" in Path(f"/proc/{p}/cmdline").read_bytes()]
        assert pids
    finally:
        term.close()
    deadline = time.monotonic() + 4
    while time.monotonic() < deadline and any(Path(f"/proc/{p}").exists() for p in pids):
        time.sleep(0.1)
    alive = [p for p in pids if Path(f"/proc/{p}").exists()
             and Path(f"/proc/{p}/stat").read_text(encoding="utf-8").split()[2] != "Z"]  # fmt: skip
    for pid in alive:  # never leave a process behind, whatever the outcome
        os.kill(pid, signal.SIGKILL)
    assert not alive, "Veiviser kept running after its terminal closed"
    assert draft(data) == "make lukker vinduet"
