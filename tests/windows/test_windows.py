"""Veiviser on Windows: run by `make test-windows` on the real Windows CPython under Wine.

What only Windows can show: the wheel installed and run there, one instance per data folder with
Windows' own locks, and the same words as on Linux when a second start is refused. The rest of
the Windows suite is the unit tests and the Pilot conversations, run unchanged.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT

pytestmark = pytest.mark.skipif(
    sys.platform != "win32", reason="runs on Windows (make test-windows)"
)

HOLD_THE_ARCHIVE = (
    "import sys, time\n"
    "from pathlib import Path\n"
    "from tui.core.archive.store import Store\n"
    "Store(Path(sys.argv[1])).open()\n"
    "print('open', flush=True)\n"
    "time.sleep(120)\n"
)


def veiviser(*args: str, site: str | None = None) -> subprocess.CompletedProcess[str]:
    """``veiviser ARGS`` on this Python: from the checkout, or from an installed wheel."""
    code = "import sys\nfrom tui.cli import main\nsys.exit(main(sys.argv[1:]))\n"
    if site is not None:
        code = f"import sys\nsys.path.insert(0, {site!r})\n" + code
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True, encoding="utf-8", timeout=120, cwd=ROOT, stdin=subprocess.PIPE,
    )  # fmt: skip


def test_the_installed_wheel_starts_and_checks_its_own_content(tmp_path: Path) -> None:
    site = os.environ.get("VEIVISER_WHEEL_SITE")
    if not site:
        pytest.skip("VEIVISER_WHEEL_SITE is not set (make test-windows installs the wheel)")
    version = veiviser("--version", site=site)
    assert version.returncode == 0, version.stderr
    assert version.stdout.startswith("veiviser ")
    checked = veiviser("check-content", site=site)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("OK: ")
    # The content came from inside the installed wheel, not from this checkout.
    assert str(Path(site) / "tui" / "_builtin" / "content") in checked.stdout
    english = veiviser("--lang", "en", "--data-dir", str(tmp_path / "d"), "logs", site=site)
    assert english.returncode == 0 and "No conversations" in english.stdout


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("nb", "Veiviser kjører allerede med datamappen"),
        ("en", "Veiviser is already running with the data folder"),
    ],
)
def test_a_second_start_is_refused_with_the_same_words_as_on_linux(
    tmp_path: Path, lang: str, words: str
) -> None:
    data = tmp_path / "data"
    first = subprocess.Popen(
        [sys.executable, "-c", HOLD_THE_ARCHIVE, str(data)],
        stdout=subprocess.PIPE, stdin=subprocess.PIPE, cwd=ROOT, encoding="utf-8",
    )  # fmt: skip
    try:
        assert first.stdout is not None and first.stdout.readline().strip() == "open"
        second = veiviser("--lang", lang, "--data-dir", str(data), "--channel", "chat")
        assert second.returncode == 4
        assert f"{words} {data} (PID {first.pid})" in second.stderr
        assert "Traceback" not in second.stderr
    finally:
        first.kill()
        first.wait(timeout=30)
    # Killed (TerminateProcess, no clean-up): Windows released the lock with the process.
    after = veiviser("--data-dir", str(data), "logs")
    assert after.returncode == 0, after.stderr


def test_the_data_folder_is_in_the_users_local_profile(monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.core.base.paths import data_dir

    monkeypatch.delenv("VEIVISER_DATA_DIR", raising=False)
    local = Path(os.environ["LOCALAPPDATA"])
    assert data_dir().is_relative_to(local)  # protected by the profile's ACL, not by modes
