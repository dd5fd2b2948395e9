"""A crash names the error and where the session is saved, and never prints note text."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from tests.support import ROOT

SECRET = "Klient fnr 15108695088 tlf 91234567"

SCRIPT = textwrap.dedent(
    f"""
    import sys
    from pathlib import Path
    from tui.core.model.loader import load_content
    from tui.core.archive.store import Store
    from tui.core.model.themes import load_themes
    from tui.core.base.paths import builtin_content_dir, builtin_themes_dir
    from tui.app import build_app

    from tui.core.conversation.session import Session

    def broken_add_note(self, text, knapp=None, pinned=False, at=None):
        note_text = text  # a local holding the note, as real code would have
        raise RuntimeError("boom: " + note_text)

    Session.add_note = broken_add_note

    async def auto_pilot(pilot):
        for char in {SECRET!r}:
            await pilot.press("space" if char == " " else char)
        await pilot.press("enter")
        await pilot.pause(1)

    store = Store(Path(sys.argv[1])).open()
    app = build_app(store, model=load_content(builtin_content_dir()),
                    themes=load_themes(builtin_themes_dir()), channel="chat")
    app.run(headless=True, auto_pilot=auto_pilot)
    store.close()
    sys.exit(app.return_code)
    """
)


def test_crash_output_has_no_note_text(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(data)],
        capture_output=True, encoding="utf-8", cwd=ROOT, timeout=60,
    )  # fmt: skip
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Veiviser stoppet på grunn av en feil (RuntimeError" in output
    assert str(data) in output  # says where the session is saved
    for fragment in ("15108695088", "91234567", "Klient fnr", "note_text", "boom"):
        assert fragment not in output, fragment
    (crash_log,) = data.glob("krasj-*.log")
    assert oct(crash_log.stat().st_mode & 0o777) == "0o600"
    log_text = crash_log.read_text()
    assert "RuntimeError" in log_text and "15108695088" not in log_text and "boom" not in log_text
