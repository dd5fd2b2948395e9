"""A whole chat conversation whose files work on every OS (run on Linux and on Windows).

F1, a note with æøå and a phone number, F3, F10, the privacy review, save: the exported names
are legal on NTFS, the Markdown has Unix line ends and both files are UTF-8, whatever the OS.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.support.pilot import AppFactory, type_text
from tui import cli
from tui.screens.reflection import ReflectionScreen
from tui.screens.review import PrivacyReviewModal, SavedModal

NTFS_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


async def test_a_conversation_exports_files_every_os_can_open(
    make_app: AppFactory, data_dir: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("f1")
        await type_text(pilot, "vil bli tømrer, æøå – ring 912 34 567")
        await pilot.press("enter")
        await pilot.press("f3")
        await pilot.press("f10", "enter")
        assert isinstance(app.screen, ReflectionScreen)
        await pilot.press("f10")
        assert isinstance(app.screen, PrivacyReviewModal)
        await pilot.press("m")
        assert isinstance(app.screen, SavedModal)
        paths = list(app.screen.paths)
        session_id = app.conversation.session_id
    assert [p.suffix for p in paths] == [".md", ".json"]
    for path in paths:
        assert not NTFS_FORBIDDEN.search(path.name), path.name
        raw = path.read_bytes()
        assert b"\r\n" not in raw  # never CRLF, on Windows either
        text = raw.decode("utf-8")  # UTF-8, not the console's code page
        assert "tømrer, æøå" in text and "912 34 567" not in text
    assert json.loads(paths[1].read_text(encoding="utf-8"))["channel"] == "chat"

    # The same log again from the command line: a second, numbered file; nothing overwritten.
    app.conversation.store.close()
    code = cli.main(["--data-dir", str(data_dir), "export", session_id[:8]])
    assert code == 0
    again = sorted((data_dir / "eksport").glob("*.md"))
    assert len(again) == 2 and not NTFS_FORBIDDEN.search(again[1].name)
    assert b"\r\n" not in again[1].read_bytes()
