"""A real full disk at every kind of write (#21): the note, the draft, the reflection, quitting,
the export, the case pack, the team export and the team page. Nothing typed is lost, the app
never ends with text unsaved, and a command line output is whole or not there at all."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.faults.conftest import Disk, Tally
from tests.support import ROOT
from tests.support.pilot import AppFactory, type_text, wait_until
from tui.screens.reflection import ReflectionScreen
from tui.screens.review import SavedModal


@pytest.fixture
def data_dir(disk: Disk) -> Path:
    """The app's data folder on the small disk."""
    return disk.root / "data"


def banner(app: object) -> str:
    from textual.widgets import Static

    shown = app.screen.query(".save-banner").results(Static)  # type: ignore[attr-defined]
    return " ".join(str(b.content) for b in shown if b.display)


def archived(app: object) -> str:
    """Everything the archive holds about the running conversation, as one text."""
    conversation = app.conversation  # type: ignore[attr-defined]
    loaded = conversation.store.load(conversation.session_id)
    saved = conversation.store.saved_log(conversation.session_id) or ""
    return "\n".join([*(n.text for n in loaded.notes), *loaded.drafts.values(),
                      *loaded.answers.values(), saved])  # fmt: skip


async def test_notes_and_a_draft_typed_on_a_full_disk(
    make_app: AppFactory, disk: Disk, tally: Tally
) -> None:
    app = make_app()
    typed = ["skrevet på full disk", "et notat til", "halvskrevet"]
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("f1")
        disk.fill()
        for text in typed[:2]:
            await type_text(pilot, text)
            await pilot.press("enter")
        await type_text(pilot, typed[2])
        await wait_until(pilot, lambda: "disken er full" in banner(app))
        survived = app.is_running and [n.text for n in app.conversation.session.notes] == typed[:2]
        disk.free()
        await wait_until(pilot, lambda: banner(app) == "")
        await pilot.pause(1.2)  # the draft's own save
        kept = archived(app)
    tally.case("note and draft", survived, typed, kept)
    assert survived and all(text in kept for text in typed)


async def test_a_reflection_answer_on_a_full_disk(
    make_app: AppFactory, disk: Disk, tally: Tally
) -> None:
    app = make_app()
    typed = ["notatet", "svaret mitt på full disk"]
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("f1")
        await type_text(pilot, typed[0])
        await pilot.press("enter", "f10", "enter")
        assert isinstance(app.screen, ReflectionScreen)
        disk.fill()
        await type_text(pilot, typed[1])
        await pilot.press("f10")
        await wait_until(pilot, lambda: "disken er full" in banner(app))
        survived = app.is_running and isinstance(app.screen, ReflectionScreen)
        survived = survived and app.focused.text == typed[1]  # type: ignore[union-attr]
        disk.free()
        await wait_until(pilot, lambda: banner(app) == "")
        await pilot.press("f10", "m")
        await wait_until(pilot, lambda: isinstance(app.screen, SavedModal))
        kept = archived(app)
    tally.case("reflection answer", survived, typed, kept)
    assert survived and all(text in kept for text in typed)


async def test_quit_on_a_full_disk(
    make_app: AppFactory, disk: Disk, tally: Tally, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    elsewhere = tmp_path / "temp"  # another disk, with room
    elsewhere.mkdir()
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(elsewhere))
    app = make_app()
    typed = ["notat før Ctrl+Q", "det siste"]
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("f1")
        disk.fill()
        await type_text(pilot, typed[0])
        await pilot.press("enter")
        await type_text(pilot, typed[1])
        await pilot.press("ctrl+q")
        await pilot.pause(0.2)
        refused = app.is_running and "Ikke avsluttet" in banner(app)
        await pilot.press("ctrl+q")
        await pilot.pause(0.2)
    rescued = app.autosave.rescued
    kept = rescued.read_text(encoding="utf-8") if rescued else ""
    tally.case("quit", refused and rescued is not None, typed, kept)
    assert refused and rescued is not None and all(text in kept for text in typed)


def cli(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", "--data-dir", str(data), *args], capture_output=True,
        encoding="utf-8", cwd=ROOT, timeout=120, stdin=subprocess.DEVNULL,
        env={**os.environ, "VEIVISER_CACHE_DIR": "off"},
    )  # fmt: skip


@pytest.fixture
def archive(tmp_path: Path) -> tuple[Path, str]:
    """Twenty invented conversations on a disk with room, and the id of one."""
    data = tmp_path / "arkiv"
    assert cli("demo", "20", data=data).returncode == 0
    listed = cli("logs", data=data).stdout.splitlines()
    return data, listed[1].split()[0]


@pytest.mark.parametrize(
    "output",
    ["export", "pakke", "team-html", "teameksport"],
)
def test_an_output_on_a_full_disk_is_whole_or_not_there(
    disk: Disk, tally: Tally, archive: tuple[Path, str], tmp_path: Path, output: str
) -> None:
    data, sid = archive
    out = disk.root / "ut"
    out.mkdir()
    team = tmp_path / "team"
    team.mkdir()
    assert cli("teameksport", str(team), data=data).returncode == 0
    args = {
        "export": ("export", sid, "--mask-all", "-o", str(out / "logg.md")),
        "pakke": ("pakke", sid, "--mask-all", "-o", str(out / "pakke.html")),
        "team-html": ("team", str(team), "--html", str(out / "team.html")),
        "teameksport": ("teameksport", str(out)),
    }[output]
    disk.fill()
    result = cli(*args, data=data)
    left = disk.files()
    said = "disken er full" in result.stderr and "Traceback" not in result.stderr
    tally.case(f"{output} output", result.returncode != 0 and said and left == [])
    assert result.returncode != 0 and said, result.stderr
    assert left == []  # no half file, no half pair
    disk.free()
    again = cli(*args, data=data)
    assert again.returncode == 0, again.stderr
    assert disk.files()  # with room, the same command writes it
