"""Hostile and broken files met by the real command line and app start (#21 items 4–7, 9): a
damaged archive, a team folder of every broken kind, a FIFO and /dev/zero among them, a YAML
integer of 5,000 digits, and escape sequences. Each is said with its file, never a traceback,
never a hang, and no escape sequence reaches the terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.faults.conftest import Tally
from tests.support import ROOT
from tests.support.archive import archived_session, damage_one_page

POSIX = sys.platform != "win32"


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args], capture_output=True, encoding="utf-8", cwd=ROOT,
        timeout=60, stdin=subprocess.DEVNULL,
        env={**os.environ, "VEIVISER_CACHE_DIR": "off", **(env or {})},
    )  # fmt: skip


def clean(result: subprocess.CompletedProcess[str]) -> bool:
    out = result.stdout + result.stderr
    return "Traceback" not in out and "\x1b" not in out and "\x07" not in out


def test_a_damaged_archive_at_start(tmp_path: Path, tally: Tally) -> None:
    data = tmp_path / "data"
    for n in range(30):
        archived_session(data, f"notat {n} " * 50)
    damage_one_page(data / "veiviser.sqlite3")
    before = (data / "veiviser.sqlite3").read_bytes()
    runs = [cli("--data-dir", str(data), "logs"), cli("--data-dir", str(data), "praksis")]
    ok = all(r.returncode == 3 and "er skadet" in r.stderr and clean(r) for r in runs)
    ok = ok and (data / "veiviser.sqlite3").read_bytes() == before
    ok = ok and not list(data.glob("krasj-*.log"))
    tally.case("damaged archive", ok)
    assert ok, [r.stderr for r in runs]


def hostile_team_folder(folder: Path) -> list[str]:
    """Every broken kind of team file in #21 items 5–7 and 9; returns the names."""
    base = {"kind": "veiviser-team-record", "schema_version": 1, "week": "2026-W40",
            "month": "2026-10", "channel": "chat", "minutes": [1, 2, 3, 1],
            "konklusjon": True, "renewals": 0, "knapp": False, "dagens_knapp": None}  # fmt: skip
    cases = {
        "feb30.json": {"schema_version": 1, "session_id": "x", "date": "2026-02-30"},
        "1345.json": {"schema_version": 1, "session_id": "x", "date": "2026-13-45"},
        "aar0.json": {"schema_version": 1, "session_id": "x", "date": "0000-01-01"},
        "fullbredde.json": dict(base, id="a" * 16, week="２０２６-W40"),
        "arabisk.json": dict(base, id="b" * 16, month="٢٠٢٦-10"),
        "fornyelser.json": dict(base, id="c" * 16, renewals=10**400),
        "e40.json": dict(base, id="d" * 16, minutes=[1e40, 0, 0, 0]),
        "esc.json": dict(base, id="e" * 16, week="\x1b]0;HACKED\x07"),
    }
    for name, data in cases.items():
        (folder / name).write_text(json.dumps(data), encoding="utf-8")
    (folder / "inf.json").write_text(
        json.dumps(dict(base, id="f" * 16)).replace('"renewals": 0', '"renewals": Infinity')
    )
    (folder / "sifre.json").write_text(
        json.dumps(dict(base, id="0" * 16))[:-1] + ', "x": ' + "9" * 5000 + "}"
    )
    names = [*cases, "inf.json", "sifre.json"]
    if POSIX:
        os.mkfifo(folder / "fifo.json")
        (folder / "null.json").symlink_to("/dev/zero")
        (folder / "\x1b[31mrod.json").write_text("{}", encoding="utf-8")
        names += ["fifo.json", "null.json", "␛[31mrod.json"]
    return names


def test_a_team_folder_of_hostile_files(tmp_path: Path, tally: Tally) -> None:
    folder = tmp_path / "delt"
    folder.mkdir()
    names = hostile_team_folder(folder)
    start = time.perf_counter()
    result = cli("team", str(folder), "--html", str(tmp_path / "team.html"))
    quick = time.perf_counter() - start < 30
    listed = all(name in result.stdout for name in names)
    ok = result.returncode == 0 and clean(result) and listed and quick
    tally.case("hostile team folder", ok)
    assert ok, result.stdout + result.stderr
    page = (tmp_path / "team.html").read_text(encoding="utf-8")
    assert "\x1b" not in page and "\x07" not in page


@pytest.mark.parametrize("where", ["team.yaml", "config.yaml", "overlay"])
def test_escapes_and_a_5000_digit_number_in_yaml(tmp_path: Path, tally: Tally, where: str) -> None:
    text = 'melding: "\\e]0;HACKED\\a\\e[31mRØD \\e]52;c;aGVp\\a"'
    huge = "9" * 5000
    env: dict[str, str] = {}
    args: list[str] = ["--data-dir", str(tmp_path / "d")]
    if where == "team.yaml":
        team = tmp_path / "team"
        team.mkdir()
        (team / "team.yaml").write_text(
            f'dagens_knapp:\n  - uke: "2026-W40"\n    knapp: meg-i-kontekst\n    {text}\n'
            f"  - uke: {huge}\n    knapp: meg-i-kontekst\n",
            encoding="utf-8",
        )
        args += ["--team", str(team), "praksis"]
    elif where == "config.yaml":
        config = tmp_path / "config.yaml"
        config.write_text(f"retention_days: {huge}\n", encoding="utf-8")
        env["VEIVISER_CONFIG"] = str(config)
        args += ["logs"]
    else:
        overlay = tmp_path / "tjeneste" / "nb"
        overlay.mkdir(parents=True)
        (overlay.parent / "innstillinger.yaml").write_text(
            f"long_session_minutes: {huge}\n", "utf-8"
        )
        args += ["--overlay", str(overlay.parent), "check-content"]
    result = cli(*args, env=env)
    ok = clean(result) and result.returncode in (0, 1, 2)
    if where != "team.yaml":  # a broken team file is a notice; the others stop with file:line
        ok = ok and result.returncode in (1, 2) and ":1:" in result.stderr
    tally.case(f"escapes and a huge number in {where}", ok)
    assert ok, result.stdout + result.stderr
