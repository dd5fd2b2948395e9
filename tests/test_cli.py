"""The command line: exit codes and messages, never a traceback; the core stays Textual-free."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT
from tests.test_content import edit
from tui import __version__
from tui.cli import main


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def test_check_content_ok(capsys: object) -> None:
    assert main(["check-content"]) == 0


def test_check_content_reports_file_line_and_exits_1(content_copy: Path) -> None:
    line = edit(content_copy / "nb" / "faser.yaml", "type: lineær", "type: lineaer")
    result = run("check-content", str(content_copy))
    assert result.returncode == 1
    assert f"nb/faser.yaml:{line}: phases.0.questions.0.type: må være en av" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_app_refuses_broken_content_with_exit_2(content_copy: Path) -> None:
    edit(content_copy / "nb" / "kolb.yaml", "theory: Konkret erfaring", "theory: [")
    result = run("--channel", "chat", "--content", str(content_copy))
    assert result.returncode == 2
    assert "kolb.yaml:" in result.stderr and "YAML-syntaksfeil" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_version_and_help() -> None:
    assert run("--version").stdout.strip() == f"veiviser {__version__}"
    help_text = run("--help").stdout
    assert "--channel" in help_text and "check-content" in help_text and "--content" in help_text


def test_bad_channel_is_a_usage_error() -> None:
    result = run("--channel", "fax")
    assert result.returncode == 2 and "invalid choice" in result.stderr


def test_core_imports_no_textual() -> None:
    code = (
        "import sys, pkgutil, importlib, tui.core\n"
        "for m in pkgutil.iter_modules(tui.core.__path__):\n"
        "    importlib.import_module('tui.core.' + m.name)\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in ('textual', 'rich'))\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
