"""Build the wheel and install it into a fresh venv: what `pip install .` gives a user."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

from tests.support import ROOT


def build_installed_copy(workdir: Path) -> Path:
    """Return the ``bin`` folder of a new venv with Veiviser installed from its wheel.

    The wheel is built without network (hatchling comes from the dev venv) and installed with
    ``--no-deps``; the venv then sees the dev venv's dependencies through a ``.pth`` line, so
    the test checks the packaging of Veiviser itself, not PyPI.
    """
    wheels = workdir / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(wheels), str(ROOT)],
        check=True, capture_output=True, encoding="utf-8", timeout=300,
    )  # fmt: skip
    (wheel,) = wheels.glob("veiviser-*.whl")
    venv = workdir / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
        check=True, capture_output=True, encoding="utf-8", timeout=300,
    )  # fmt: skip
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, encoding="utf-8",
    ).stdout.strip()  # fmt: skip
    (Path(site) / "_dev_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return venv / "bin"


def clean_env() -> dict[str, str]:
    """An environment without the repo on the path and without a display (no clipboard)."""
    env = {
        k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "DISPLAY", "WAYLAND_DISPLAY")
    }
    env["TERM"] = "xterm-256color"
    return env
