"""Drive a program in a real terminal with tmux (its own server socket, no user config)."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import time
import uuid
from collections.abc import Sequence
from pathlib import Path


class Tmux:
    """One tmux session running one command."""

    def __init__(self, command: Sequence[str], width: int = 100, height: int = 32,
                 env: dict[str, str] | None = None) -> None:  # fmt: skip
        self.socket = f"veiviser-test-{uuid.uuid4().hex[:8]}"
        self.name = "v"
        self._run(
            "-f", "/dev/null", "new-session", "-d", "-s", self.name, "-x", str(width),
            "-y", str(height), *self._env_args(env), *command,
        )  # fmt: skip
        self.pane_pid = int(self._run("display-message", "-p", "-t", self.name, "#{pane_pid}"))
        self.resize(width, height)  # -x/-y are not always honoured without a client tty

    def resize(self, width: int, height: int) -> None:
        """Resize the window (the app gets SIGWINCH, as when a user drags the window).

        Two steps, as a dragged window gives several: a single SIGWINCH that arrives while the
        app is busy right after start-up was seen to be missed by Textual now and then.
        """
        for w, h in ((width + 1, height + 1), (width, height)):
            self._run("resize-window", "-t", self.name, "-x", str(w), "-y", str(h))
            time.sleep(0.5)

    @staticmethod
    def available() -> bool:
        return shutil.which("tmux") is not None

    @staticmethod
    def _env_args(env: dict[str, str] | None) -> list[str]:
        args: list[str] = []
        for key, value in (env or {}).items():
            args += ["-e", f"{key}={value}"]
        return args

    def _run(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, encoding="utf-8", timeout=20
        )
        return result.stdout

    def keys(self, *keys: str) -> None:
        """Send tmux key names (``F3``, ``C-y``, ``Enter``)."""
        for key in keys:
            self._run("send-keys", "-t", self.name, key)
            time.sleep(0.15)

    def burst(self, *keys: str) -> None:
        """Send text and keys in one go, as a fast typist or a paste does (no pause between)."""
        self._run("send-keys", "-t", self.name, *keys)
        time.sleep(0.2)

    def type(self, text: str) -> None:
        """Type literal text."""
        self._run("send-keys", "-t", self.name, "-l", text)
        time.sleep(0.2)

    def screen(self) -> str:
        return self._run("capture-pane", "-t", self.name, "-p")

    def wait_for(self, text: str, timeout: float = 15.0, fail: bool = True) -> str:
        """Wait until ``text`` is on the screen; return the screen."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        if not fail:
            return screen
        raise AssertionError(f"{text!r} never appeared on screen:\n{screen}")

    def alive(self) -> bool:
        return (
            subprocess.run(
                ["tmux", "-L", self.socket, "has-session", "-t", self.name], capture_output=True
            ).returncode
            == 0
        )

    def close(self, grace: float = 4.0) -> None:
        """Close the terminal (the program gets SIGHUP, as when the window closes), then make
        sure nothing it started is left: whatever outlives ``grace`` seconds is killed."""
        tree = descendants(self.pane_pid) | {self.pane_pid}
        for pid in tree:  # a suspended program (Ctrl+Z) cannot act on the hang-up
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGCONT)
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline and any(running(p) for p in tree):
            time.sleep(0.1)
        for pid in tree:
            if running(pid):
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)


def running(pid: int) -> bool:
    """True while ``pid`` exists and is not a zombie."""
    try:
        return Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").split(") ")[1][0] != "Z"
    except (OSError, IndexError):
        return False


def descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (from /proc)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text(encoding="utf-8").rsplit(") ", 1)[1].split()
        except (OSError, IndexError):
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found
