"""`pip install .` (not editable) gives a working `veiviser` that finds its content and themes."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.support.installed import clean_env

pytestmark = pytest.mark.slow


def test_installed_copy_checks_its_builtin_content(installed_bin: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [str(installed_bin / "veiviser"), "check-content"],
        capture_output=True, encoding="utf-8", cwd=tmp_path, env=clean_env(), timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: ")
    # The content came from inside the installed package, not from this checkout.
    assert "site-packages/tui/_builtin/content" in result.stdout


def test_installed_copy_finds_its_themes_and_version(installed_bin: Path, tmp_path: Path) -> None:
    code = (
        "import tui, tui.core.base.paths\n"
        "from tui.core.model.themes import load_themes\n"
        "print(tui.__file__)\n"
        "print([t.name for t in load_themes(tui.core.base.paths.builtin_themes_dir())])\n"
    )
    result = subprocess.run(
        [str(installed_bin / "python"), "-c", code],
        capture_output=True, encoding="utf-8", cwd=tmp_path, env=clean_env(), timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    module_path, names = result.stdout.splitlines()
    assert str(installed_bin.parent) in module_path
    assert "veiviser-mork" in names
    version = subprocess.run(
        [str(installed_bin / "veiviser"), "--version"], capture_output=True, encoding="utf-8",
        cwd=tmp_path, env=clean_env(), timeout=60,
    )  # fmt: skip
    assert version.stdout.startswith("veiviser ")
