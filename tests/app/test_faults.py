"""The fault suite (reliability.md §5, what the earlier suites do not cover): hostile YAML in
content, overlays, themes and the config; huge pastes; disk full at each write step; escape
sequences in notes; and a whole session with the network made to fail."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from textual import events

from tests.support import ROOT
from tests.support.fakes import FakeClock, RecordingClipboard
from tests.support.pilot import AppFactory, type_text
from tui.core.archive.store import Store, StoreWriteError
from tui.core.base.paths import builtin_content_dir, builtin_themes_dir
from tui.core.conversation.recorder import Recorder
from tui.core.conversation.session import Session
from tui.core.model.themes import load_theme
from tui.core.model.yamlreader import ContentError
from tui.screens.review import SavedModal


def alias_bomb() -> bytes:
    text = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
    for i, name in enumerate("bcdefghi"):
        text += f"{name}: &{name} [" + ",".join([f"*{'abcdefghi'[i]}"] * 9) + "]\n"
    return text.encode()


HOSTILE: dict[str, tuple[bytes, str]] = {
    "alias-bomb": (alias_bomb(), "ankere og aliaser"),
    "deep-nesting": (b"[" * 100_000 + b"]" * 100_000, "for dyp nøsting"),
    "not-utf8": ("navn: blåbær\n".encode("latin-1"), "ikke gyldig UTF-8"),
    "ten-megabytes": (b"a: " + b"x" * 10_000_000 + b"\n", "større enn 1 MB"),
    "python-tag": (b"x: !!python/object/apply:os.system ['touch /tmp/pwned']\n", "YAML-tagger"),
}


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run(
        [sys.executable, "-m", "tui", *args], capture_output=True, encoding="utf-8", cwd=ROOT,
        timeout=60, stdin=subprocess.DEVNULL, env={**os.environ, **(env or {})},
    )  # fmt: skip


@pytest.mark.parametrize("kind", HOSTILE)
def test_hostile_content_file(tmp_path: Path, kind: str) -> None:
    data, message = HOSTILE[kind]
    root = tmp_path / "content"
    shutil.copytree(builtin_content_dir(), root)
    (root / "nb" / "kolb.yaml").write_bytes(data)
    start = time.perf_counter()
    result = run_cli("check-content", str(root))
    assert result.returncode == 1
    assert f"{root / 'nb' / 'kolb.yaml'}:" in result.stderr and message in result.stderr
    assert "Traceback" not in result.stderr
    assert time.perf_counter() - start < 30  # no alias expansion, no parse of 10 MB
    app = run_cli("--content", str(root), "--channel", "chat", "--data-dir", str(tmp_path / "d"))
    assert app.returncode == 2 and message in app.stderr and "Traceback" not in app.stderr
    assert not Path("/tmp/pwned").exists()


@pytest.mark.parametrize("kind", HOSTILE)
def test_hostile_overlay(tmp_path: Path, kind: str) -> None:
    data, message = HOSTILE[kind]
    overlay = tmp_path / "tjeneste" / "nb"
    overlay.mkdir(parents=True)
    (overlay / "faser.yaml").write_bytes(data)
    result = run_cli("--overlay", str(overlay.parent), "check-content")
    assert result.returncode == 1
    assert f"{overlay / 'faser.yaml'}:" in result.stderr and message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("kind", HOSTILE)
def test_hostile_theme(tmp_path: Path, kind: str) -> None:
    data, message = HOSTILE[kind]
    path = tmp_path / "tema.yaml"
    path.write_bytes(data)
    with pytest.raises(ContentError, match=message):
        load_theme(path)


@pytest.mark.parametrize("kind", HOSTILE)
def test_hostile_config(tmp_path: Path, kind: str) -> None:
    data, message = HOSTILE[kind]
    config = tmp_path / "config.yaml"
    config.write_bytes(data)
    result = run_cli(
        "--data-dir", str(tmp_path / "d"), "logs", env={"VEIVISER_CONFIG": str(config)}
    )
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_every_shipped_theme_still_loads() -> None:
    assert len(list(builtin_themes_dir().glob("*.yaml"))) == 4


# --- pastes and escape sequences -------------------------------------------------------------


async def test_a_one_megabyte_paste_is_refused_with_a_message(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await type_text(pilot, "før")
        app.post_message(events.Paste("x" * 1_000_000))
        await pilot.pause()
        field = app.screen.query_one("#note-input")
        assert field.value == "før"  # type: ignore[attr-defined]
        assert any("for lang for et notat" in str(n.message) for n in app._notifications)


async def test_a_multi_line_paste_keeps_every_line(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        app.post_message(events.Paste("første linje\nandre linje\n\ntredje"))
        await pilot.pause()
        await pilot.press("enter")
        assert app.conversation.session.notes[-1].text == "første linje / andre linje / tredje"


async def test_escape_sequences_in_a_note_are_inert_on_screen(make_app: AppFactory) -> None:
    app = make_app()
    hostile = "før \x1b[2J\x1b]52;c;aGVp\x07 etter"

    def screen_text() -> str:
        return "".join(
            segment.text
            for line in app.screen._compositor.render_update(full=True).strips  # type: ignore[union-attr]
            for segment in line
        )

    async with app.run_test(size=(100, 32)) as pilot:
        app.post_message(events.Paste(hostile))
        await pilot.pause()
        while_typing = screen_text()  # in the note field
        await pilot.press("enter")
        assert (
            app.conversation.session.notes[-1].text == "før ␛[2J␛]52;c;aGVp␇ etter"
        )  # visible, not lost
        saved = screen_text()  # in the notes list
        for text in (while_typing, saved):
            assert "\x1b" not in text and "\x07" not in text
        assert "␛[2J" in saved and "␇" in saved


# --- disk full at every write step -----------------------------------------------------------


def scripted_session(session: Session, clock: FakeClock) -> None:
    session.start()
    clock.advance(10)
    session.add_note("en", knapp="meg-i-kontekst")
    session.jump("kommunikasjon")
    session.record_copy("kommunikasjon.1", "Hva tenker du?")
    session.add_note("to")
    session.toggle_pin(2)
    session.jump("kontrakt")
    session.jump("konklusjon")
    session.add_note("tre")
    session.finish()


def stored_view(store: Store, sid: str) -> tuple[object, ...]:
    loaded = store.load(sid)
    return (loaded.moves, loaded.notes, loaded.copies)


@pytest.mark.parametrize("persistent", [False, True], ids=["one-failure", "failing-from-then-on"])
def test_disk_full_at_each_write_step(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, persistent: bool
) -> None:
    """As SQLite's I/O error tests: fail write N for N = 1, 2, … until the script runs clean;
    whatever failed waits in memory, and once the disk works everything is stored, in order."""
    real = Store._write
    n = 1
    while True:
        clock = FakeClock()
        store = Store(tmp_path / f"run-{n}-{persistent}", clock=clock).open()
        sid = store.create_session("chat")
        calls = {"count": 0}

        def write(self: Store, _n: int = n, _calls: dict[str, int] = calls):  # type: ignore[no-untyped-def]
            _calls["count"] += 1
            if _calls["count"] == _n or (persistent and _calls["count"] > _n):
                raise StoreWriteError("Kunne ikke lagre: database or disk is full")
            return real(self)

        monkeypatch.setattr(Store, "_write", write)
        session = Session("chat", clock=clock)
        recorder = Recorder(store, sid)
        session.subscribe(recorder)
        scripted_session(session, clock)  # never raises into the session
        failed = calls["count"] >= n
        monkeypatch.setattr(Store, "_write", real)
        assert recorder.flush(), recorder.error
        assert stored_view(store, sid) == (session.moves, session.notes, session.copies)
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        store.close()
        if not failed:
            break
        n += 1
    assert n > 10  # the loop really went through every write of the script


# --- no network ------------------------------------------------------------------------------


async def test_a_whole_session_without_network(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("Veiviser tried to use the network")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    app = make_app(clipboard=RecordingClipboard(system=False))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("f1")
        await type_text(pilot, "tlf 912 34 567")
        await pilot.press("enter", "ctrl+y", "1", "f3", "ctrl+o", "escape", "f7", "escape")
        await pilot.press("f10", "enter")
        await type_text(pilot, "svar")
        await pilot.press("f10", "m")
        assert isinstance(app.screen, SavedModal)
        assert all(path.exists() for path in app.screen.paths)


async def test_escape_sequences_in_an_answer_are_inert(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await type_text(pilot, "notat")
        await pilot.press("enter", "f10", "enter")
        app.post_message(events.Paste("linje en\n\x1b[2Jlinje to\x07"))
        await pilot.pause()
        area = app.focused
        assert area.text == "linje en\n␛[2Jlinje to␇"  # type: ignore[union-attr]
        text = "".join(
            segment.text
            for line in app.screen._compositor.render_update(full=True).strips  # type: ignore[union-attr]
            for segment in line
        )
        assert "\x1b" not in text and "\x07" not in text


# --- files that are not files (#21 item 6) ---------------------------------------------------


def _not_a_file(path: Path, kind: str) -> None:
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero are POSIX")
@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_a_content_file_that_is_not_a_file_is_named_never_waited_on(
    tmp_path: Path, kind: str
) -> None:
    root = tmp_path / "content"
    shutil.copytree(builtin_content_dir(), root)
    (root / "nb" / "kolb.yaml").unlink()
    _not_a_file(root / "nb" / "kolb.yaml", kind)
    start = time.perf_counter()
    result = run_cli("check-content", str(root), env={"VEIVISER_CACHE_DIR": "off"})
    assert result.returncode == 1 and "ikke en vanlig fil" in result.stderr
    assert f"{root / 'nb' / 'kolb.yaml'}" in result.stderr and "Traceback" not in result.stderr
    app = run_cli("--content", str(root), "--channel", "chat", "--data-dir", str(tmp_path / "d"))
    assert app.returncode == 2 and "ikke en vanlig fil" in app.stderr
    assert time.perf_counter() - start < 30


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero are POSIX")
@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_a_config_that_is_not_a_file_is_named_never_waited_on(tmp_path: Path, kind: str) -> None:
    config = tmp_path / "config.yaml"
    _not_a_file(config, kind)
    env = {"VEIVISER_CONFIG": str(config)}
    checked = run_cli("check-config", env=env)
    assert checked.returncode != 0 and "ikke en vanlig fil" in checked.stderr
    listed = run_cli("--data-dir", str(tmp_path / "d"), "logs", env=env)
    assert listed.returncode == 2 and "ikke en vanlig fil" in listed.stderr
    assert "Traceback" not in checked.stderr + listed.stderr
