"""#23 item 2: one path for a log. The app's reflection and `veiviser export` write the same
bytes for the same conversation, dagens knapp included, saved first either way round; and the
day's focus is kept with the conversation, so a log written later still says it."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.pilot import AppFactory, type_text, wait_until
from tui import cli
from tui.core.model.team import Focus
from tui.screens.choice import ResumeModal
from tui.screens.reflection import ReflectionScreen
from tui.screens.review import PrivacyReviewModal, SavedModal

FOCUS = Focus(dato="2026-11-30", knapp="valg-og-tilfeldigheter", melding="Spør om flaks.")


def cli_export(data_dir: Path, session_id: str, suffix: str, out: Path) -> bytes:
    code = cli.main(["--data-dir", str(data_dir), "export", session_id[:8], "--mask-all",
                     "--format", suffix, "-o", str(out)])  # fmt: skip
    assert code == 0
    return out.read_bytes()


async def a_conversation(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("f1")
    await type_text(pilot, "ringte fra 912 34 567")
    await pilot.press("enter", "f3")
    await type_text(pilot, "vil bli tomrer")
    await pilot.press("enter", "f10", "enter")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ReflectionScreen))
    await type_text(pilot, "gikk fint")


async def save(pilot) -> list[Path]:  # type: ignore[no-untyped-def]
    app = pilot.app
    await pilot.press("f10")
    await wait_until(pilot, lambda: isinstance(app.screen, SavedModal | PrivacyReviewModal))
    while isinstance(app.screen, PrivacyReviewModal):
        await pilot.press("m")
    await wait_until(pilot, lambda: isinstance(app.screen, SavedModal))
    return list(app.screen.paths)


async def test_the_app_and_the_command_line_write_the_same_log(
    make_app: AppFactory, data_dir: Path, tmp_path: Path
) -> None:
    app = make_app(focus=FOCUS)
    async with app.run_test(size=(120, 40)) as pilot:
        await a_conversation(pilot)
        paths = await save(pilot)
        session_id = app.conversation.session_id
    app.conversation.store.close()
    assert [p.suffix for p in paths] == [".md", ".json"]
    written = {p.suffix[1:]: p.read_bytes() for p in paths}
    assert json.loads(written["json"])["dagens_knapp"]["knapp"] == FOCUS.knapp
    for suffix, data in written.items():
        assert cli_export(data_dir, session_id, suffix, tmp_path / f"cli.{suffix}") == data


async def test_a_log_exported_before_the_app_saves_it_is_the_one_the_app_saves(
    make_app: AppFactory, data_dir: Path, tmp_path: Path
) -> None:
    """Ended but never saved: `veiviser export --mask-all` first, then the app (started on
    another day, with no focus) saves it: the same bytes, and the focus of its own day."""
    app = make_app(focus=FOCUS)
    async with app.run_test(size=(120, 40)) as pilot:
        await a_conversation(pilot)
        await pilot.pause(1.1)  # the answer is saved within a second
        session_id = app.conversation.session_id
    app.conversation.store.close()
    first = {s: cli_export(data_dir, session_id, s, tmp_path / f"cli.{s}") for s in ("md", "json")}
    assert json.loads(first["json"])["dagens_knapp"]["message"] == FOCUS.melding

    again = make_app()  # no team file today
    async with again.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(again.screen, ResumeModal))
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(again.screen, ReflectionScreen))
        paths = await save(pilot)
    assert {p.suffix[1:]: p.read_bytes() for p in paths} == first
