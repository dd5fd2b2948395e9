"""Clipboard fallback: system clipboard, else OSC 52, else by hand; never an exception."""

from __future__ import annotations

import pytest

from tui.clipboard import Clipboard, CopyMethod, osc52_possible


class Recorder:
    def __init__(self, fail: bool = False) -> None:
        self.texts: list[str] = []
        self.calls = 0
        self.fail = fail

    def __call__(self, text: str) -> None:
        self.calls += 1
        if self.fail:
            raise RuntimeError("no clipboard mechanism")
        self.texts.append(text)


def test_system_clipboard_first() -> None:
    system, terminal = Recorder(), Recorder()
    assert Clipboard(system, env={"TERM": "xterm"}).copy("hei", terminal) is CopyMethod.SYSTEM
    assert system.texts == ["hei"] and terminal.texts == []


def test_falls_back_to_osc52_and_remembers_the_failure() -> None:
    system, terminal = Recorder(fail=True), Recorder()
    clip = Clipboard(system, env={"TERM": "xterm-256color"})
    assert clip.copy("en", terminal) is CopyMethod.TERMINAL
    assert clip.copy("to", terminal) is CopyMethod.TERMINAL
    assert terminal.texts == ["en", "to"]
    assert system.calls == 1  # not retried on every copy


def test_pyperclip_exception_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    import pyperclip

    def broken(text: str) -> None:
        raise pyperclip.PyperclipException("Pyperclip could not find a copy/paste mechanism")

    monkeypatch.setattr(pyperclip, "copy", broken)
    terminal = Recorder()
    assert Clipboard(env={"TERM": "xterm"}).copy("x", terminal) is CopyMethod.TERMINAL


@pytest.mark.parametrize(
    "env", [{"TERM": "dumb"}, {}, {"TERM": "xterm", "TERM_PROGRAM": "Apple_Terminal"}]
)
def test_manual_when_neither_can_work(env: dict[str, str]) -> None:
    system, terminal = Recorder(fail=True), Recorder()
    assert not osc52_possible(env)
    assert Clipboard(system, env=env).copy("x", terminal) is CopyMethod.MANUAL
    assert terminal.texts == []


def test_manual_when_the_terminal_write_fails() -> None:
    assert (
        Clipboard(Recorder(fail=True), env={"TERM": "xterm"}).copy("x", Recorder(fail=True))
        is CopyMethod.MANUAL
    )
