"""Run pytest on the Windows Python (under Wine), against this checkout.

The embeddable Python reads only its ``._pth`` file (PYTHONPATH is ignored), so this puts the
checkout on ``sys.path`` and writes a ``.pth`` file into the Windows Python's site-packages,
which lets the tests' subprocesses (``python.exe -m tui``) find it too.

Usage (from the Makefile): ``scripts/winpython.sh run scripts/wintest.py ROOT PYTEST-ARGS...``
"""

import os
import site
import sys
from pathlib import Path

root = Path(sys.argv[1]).resolve()
packages = Path(sys.prefix) / "Lib" / "site-packages"
packages.mkdir(parents=True, exist_ok=True)
(packages / "veiviser-checkout.pth").write_text(f"{root}\n", encoding="utf-8")
site.addsitedir(str(packages))
sys.path.insert(0, str(root))
os.chdir(root)

import pytest  # noqa: E402 - after the path is set

sys.exit(pytest.main(["-p", "no:cacheprovider", *sys.argv[2:]]))
