"""Installing Veiviser as an application, the way the README tells counsellors to: `uv tool`.

Offline: the dependencies come from a local folder of wheels (`make wheelhouse` fills it), and
the tool folders live in a temporary home, so nothing of the user's is touched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT

pytestmark = pytest.mark.slow

WHEELHOUSE = Path(
    os.environ.get("VEIVISER_WHEELHOUSE")
    or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "veiviser" / "wheelhouse"
)
UV = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")


@pytest.mark.skipif(UV is None, reason="uv is not installed (make setup installs it)")
@pytest.mark.skipif(
    not any(WHEELHOUSE.glob("textual-*.whl")), reason=f"no wheels in {WHEELHOUSE}: make wheelhouse"
)
def test_uv_tool_install_from_the_wheel_offline(tmp_path: Path) -> None:
    assert UV is not None
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path / "dist"), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    (wheel,) = (tmp_path / "dist").glob("veiviser-*.whl")
    home = tmp_path / "home"
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "UV_TOOL_DIR": str(home / "tools"),
        "UV_TOOL_BIN_DIR": str(home / "bin"),
        "UV_CACHE_DIR": str(home / "cache"),
        "UV_OFFLINE": "1",
        "UV_NO_CONFIG": "1",
        "VEIVISER_DATA_DIR": str(home / "data"),
    }

    def uv(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [UV, *args], env=env, capture_output=True, encoding="utf-8", timeout=300
        )

    installed = uv(
        "tool", "install", "--no-index", "--find-links", str(WHEELHOUSE),
        "--python", sys.executable, str(wheel),
    )  # fmt: skip
    assert installed.returncode == 0, installed.stderr
    veiviser = home / "bin" / "veiviser"
    version = subprocess.run(
        [str(veiviser), "--version"], env=env, capture_output=True, encoding="utf-8", timeout=60
    )
    assert version.returncode == 0 and version.stdout.startswith("veiviser "), version.stderr
    checked = subprocess.run(
        [str(veiviser), "check-content"], env=env, capture_output=True, encoding="utf-8",
        timeout=60, cwd=tmp_path,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stderr
    assert str(home / "tools") in checked.stdout  # its own content, inside the tool's venv

    # Upgrading is installing a newer wheel over it; uninstalling removes the command.
    again = uv(
        "tool", "install", "--force", "--no-index", "--find-links", str(WHEELHOUSE),
        "--python", sys.executable, str(wheel),
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    removed = uv("tool", "uninstall", "veiviser")
    assert removed.returncode == 0, removed.stderr
    assert not veiviser.exists()
