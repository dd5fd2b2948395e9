"""The team picture, attacked as someone with its outputs and a spreadsheet would: total minus
rows, two groupings, one file removed, copies, the dagens-knapp column. Each attack is run many
times over invented folders and must not recover a small group's count or a conversation's fact
much better than a guess; each is also run with the noise switched off, to show that the same
attack does succeed on exact figures (so the test can fail)."""

from __future__ import annotations

import json
import math
import os
import random
import sys
from collections import Counter
from pathlib import Path

import pytest

from tui.core.model.content import Content
from tui.core.outputs.teampicture import (
    EPSILON,
    SHOWN_FROM,
    Picture,
    discrete_laplace,
    gather,
    render_html,
    render_text,
    rows,
)
from tui.core.outputs.teamrecord import TeamRecord, record_id

WEEKS = {  # ISO week → its month (the Thursday's)
    "2026-W40": "2026-10",
    "2026-W41": "2026-10",
    "2026-W42": "2026-10",
    "2026-W43": "2026-10",
}


def record(rng: random.Random, week: str, month: str, **fixed: object) -> TeamRecord:
    values: dict[str, object] = {
        "id": f"{rng.getrandbits(64):016x}",
        "week": week,
        "month": month,
        "channel": rng.choice(("chat", "phone")),
        "minutes": [rng.randint(0, 5), rng.randint(0, 6), rng.randint(0, 25), rng.randint(0, 6)],
        "konklusjon": rng.random() < 0.6,
        "renewals": rng.choice((0, 0, 1, 2)),
        "knapp": rng.random() < 0.5,
        "dagens_knapp": None,
    }
    values.update(fixed)
    return TeamRecord.model_validate(values)


def folder_of(path: Path, records: list[TeamRecord]) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    for old in path.glob("*.json"):
        old.unlink()
    for rec in records:
        (path / f"{rec.id}.json").write_text(rec.model_dump_json(), encoding="utf-8")
    return path


def figures(model: Content, picture: Picture) -> tuple[int, dict[str, list[str]]]:
    """What the attacker reads: the total and each row's cells, as printed."""
    total, _, body = rows(model, picture)
    return total, {r[0]: r[1:] for r in body}


def count(cells: list[str]) -> int | None:
    return None if not cells[0].isdigit() else int(cells[0])


def share(cell: str) -> float:
    return float(cell.rstrip(" %")) / 100


def run(model: Content, folder: Path, by: str, noise: bool) -> tuple[int, dict[str, list[str]]]:
    picture = gather(folder, by)
    picture.noise = noise
    return figures(model, picture)


def test_the_mechanism_is_the_discrete_laplace_it_claims() -> None:
    """20,000 draws: centred on 0, and P(k)/P(k+1) = e^(1/scale), the ratio ε rests on."""
    scale = 1 / EPSILON
    draws = Counter(discrete_laplace(f"s{i}".encode(), scale) for i in range(20_000))
    mean = sum(k * n for k, n in draws.items()) / 20_000
    assert abs(mean) < 0.1
    for k in (0, 1, 2):
        ratio = draws[k] / draws[k + 1]
        assert abs(ratio - math.exp(1 / scale)) < 0.25 * math.exp(1 / scale), (k, ratio)
        assert abs(draws[-k] - draws[k]) < 0.12 * draws[k]  # symmetric
    assert discrete_laplace(b"same", scale) == discrete_laplace(b"same", scale)


def test_the_same_folder_always_gives_the_same_figures(model: Content, tmp_path: Path) -> None:
    rng = random.Random(1)
    folder = folder_of(tmp_path / "f", [record(rng, "2026-W41", "2026-10") for _ in range(40)])
    first = render_text(model, gather(folder, "week"))
    assert all(render_text(model, gather(folder, "week")) == first for _ in range(5))
    assert render_html(model, gather(folder, "week")) == render_html(model, gather(folder, "week"))


def test_total_minus_the_shown_rows_does_not_give_the_hidden_period(
    model: Content, tmp_path: Path
) -> None:
    exact = {True: 0, False: 0}
    trials = 150
    for trial in range(trials):
        rng = random.Random(trial)
        records = [record(rng, "2026-W40", "2026-10") for _ in range(30)]
        records += [record(rng, "2026-W41", "2026-10") for _ in range(25)]
        records += [record(rng, "2026-W42", "2026-10") for _ in range(3)]
        folder = folder_of(tmp_path / "f", records)
        for noise in (True, False):
            total, table = run(model, folder, "week", noise)
            shown = [count(cells) for cells in table.values()]
            if None in shown:  # the small week is withheld: the attack is the subtraction
                guess = total - sum(n for n in shown if n is not None)
                exact[noise] += guess == 3
    assert exact[False] == trials  # on exact figures the subtraction always works
    assert exact[True] / trials < 0.3, exact


def test_two_groupings_do_not_give_the_days_a_week_shares_with_another_month(
    model: Content, tmp_path: Path
) -> None:
    """Week 44 of 2026 runs from 26 October to 1 November: October minus weeks 40–43, or week
    44 minus November, would be the conversations of a few days."""
    exact = {True: 0, False: 0}
    trials = 150
    for trial in range(trials):
        rng = random.Random(1000 + trial)
        records = [record(rng, w, "2026-10") for w in WEEKS for _ in range(12)]
        records += [record(rng, "2026-W44", "2026-10") for _ in range(2)]  # 26–31 October
        records += [record(rng, "2026-W44", "2026-11") for _ in range(14)]  # 1 November
        records += [record(rng, "2026-W45", "2026-11") for _ in range(12)]
        folder = folder_of(tmp_path / "f", records)
        for noise in (True, False):
            _, weeks = run(model, folder, "week", noise)
            _, months = run(model, folder, "month", noise)
            october = count(months["2026-10"])
            before = [count(weeks[w]) for w in WEEKS]
            if october is not None and None not in before:
                guess = october - sum(n for n in before if n is not None)
                exact[noise] += guess == 2
    assert exact[False] == trials
    assert exact[True] / trials < 0.3, exact


def test_one_file_removed_does_not_tell_that_conversations_facts(
    model: Content, tmp_path: Path
) -> None:
    """The folder before and after one conversation is removed: the attacker guesses from the
    change in the period's figures whether it reached Konklusjon and whether a knapp was used.
    ε = 0.5 per figure bounds the best guess near e^0.5 / (1 + e^0.5) ≈ 62 %."""
    right = {True: Counter(), False: Counter()}
    trials = 200
    for trial in range(trials):
        rng = random.Random(5000 + trial)
        records = [record(rng, "2026-W41", "2026-10") for _ in range(40)]
        gone = records[rng.randrange(len(records))]
        before_dir = folder_of(tmp_path / "before", records)
        after_dir = folder_of(tmp_path / "after", [r for r in records if r is not gone])
        for noise in (True, False):
            _, before = run(model, before_dir, "week", noise)
            _, after = run(model, after_dir, "week", noise)
            b, a = before["2026-W41"], after["2026-W41"]
            nb, na = count(b), count(a)
            assert nb is not None and na is not None
            konklusjon = share(b[5]) * nb - share(a[5]) * na > 0.5
            knapp = share(b[7]) * nb - share(a[7]) * na > 0.5
            right[noise]["konklusjon"] += konklusjon == gone.konklusjon
            right[noise]["knapp"] += knapp == gone.knapp
    assert right[False]["konklusjon"] == trials and right[False]["knapp"] == trials
    for fact in ("konklusjon", "knapp"):
        assert right[True][fact] / trials < 0.72, (fact, right[True])


def test_copies_and_the_full_log_of_a_record_count_once(model: Content, tmp_path: Path) -> None:
    from tui.core.archive.store import Store
    from tui.core.outputs.demo import generate
    from tui.core.outputs.log import ReflectionLog
    from tui.core.outputs.teamrecord import record_of

    store = Store(tmp_path / "gen").open()
    generate(store, model, 12, start=1_780_000_000.0)
    logs = [ReflectionLog.model_validate_json(js) for js in store.saved_logs()]
    store.close()
    folder = tmp_path / "delt"
    folder_of(folder, [record_of(log) for log in logs])
    for n in range(5):  # the same log five times, and exported twice as a full log
        (folder / f"kopi-{n}.json").write_text(record_of(logs[0]).model_dump_json(), "utf-8")
    (folder / "logg.json").write_text(logs[0].model_dump_json(), "utf-8")
    (folder / "logg-2.json").write_text(logs[0].model_dump_json(), "utf-8")
    picture = gather(folder, "month")
    assert len(picture.ids) == 12 and picture.copies == 7 and picture.full_logs == 2
    assert record_id(logs[0].session_id) in picture.ids
    text = render_text(model, picture)
    assert "7 filer var kopier" in text and "2 filer er hele refleksjonslogger" in text


def test_a_withheld_period_looks_the_same_whatever_is_in_it(model: Content, tmp_path: Path) -> None:
    """Every cell of a small period is the same mark: the dagens-knapp column no more tells
    whether any of its conversations had one («–» against «<5» did)."""
    rng = random.Random(7)
    big = [record(rng, "2026-W40", "2026-10", dagens_knapp=True) for _ in range(40)]
    small = [record(rng, "2026-W41", "2026-10") for _ in range(3)]
    plain = figures(model, gather(folder_of(tmp_path / "a", big + small), "week"))[1]
    focused = [replace_focus(r) for r in small]
    other = figures(model, gather(folder_of(tmp_path / "b", big + focused), "week"))[1]
    hidden = model.ui["team.hidden"]
    assert plain["2026-W41"] == [hidden] * len(plain["2026-W41"])
    assert other["2026-W41"] == plain["2026-W41"]


def replace_focus(rec: TeamRecord) -> TeamRecord:
    return rec.model_copy(update={"dagens_knapp": True})


def test_a_period_is_shown_only_from_about_ten_conversations(
    model: Content, tmp_path: Path
) -> None:
    rng = random.Random(3)
    records = [record(rng, "2026-W40", "2026-10") for _ in range(60)]
    records += [record(rng, "2026-W41", "2026-10") for _ in range(2)]
    _, table = figures(model, gather(folder_of(tmp_path / "f", records), "week"))
    assert count(table["2026-W41"]) is None
    shown = count(table["2026-W40"])
    assert shown is not None and abs(shown - 60) < 15 and SHOWN_FROM == 10
    assert "," in table["2026-W40"][1]  # minutes with a decimal comma in bokmål


# --- Hostile and broken files ----------------------------------------------------------------


def test_hostile_files_are_listed_and_skipped_never_waited_on(
    model: Content, tmp_path: Path
) -> None:
    rng = random.Random(9)
    folder = folder_of(tmp_path / "delt", [record(rng, "2026-W40", "2026-10") for _ in range(12)])
    good = record(rng, "2026-W40", "2026-10")
    (folder / "bom.json").write_bytes(b"\xef\xbb\xbf" + good.model_dump_json().encode())
    base = json.loads(good.model_dump_json())
    cases = {
        "uke.json": dict(base, id="a" * 16, week="2026-W54"),
        "mnd.json": dict(base, id="b" * 16, month="2026-13"),
        "stor.json": dict(base, id="c" * 16, minutes=[10**400, 0, 0, 0]),
        "inf.json": dict(base, id="d" * 16, minutes=[1e400, 0, 0, 0]),
        "sifre.json": dict(base, id="e" * 16, week="２０２６-W40"),
        "arabisk.json": dict(base, id="f" * 16, month="٢٠٢٦-10"),
        "w53.json": dict(base, id="0" * 16, week="2025-W53"),
        "ja.json": dict(base, id="1" * 16, konklusjon="yes"),
        "e40.json": dict(base, id="2" * 16, renewals=1e40),
    }
    for name, data in cases.items():
        (folder / name).write_text(json.dumps(data), encoding="utf-8")
    (folder / "dato.json").write_text(
        '{"schema_version": 1, "session_id": "x", "date": "2026-02-30"}', encoding="utf-8"
    )
    (folder / "enorm.json").write_bytes(b" " * 2_000_001)
    (folder / "sifferlang.json").write_text(
        json.dumps(dict(base, id="3" * 16))[:-1] + ', "renewals": ' + "9" * 5000 + "}",
        encoding="utf-8",
    )
    if sys.platform != "win32":
        os.mkfifo(folder / "fifo.json")
        (folder / "null.json").symlink_to("/dev/zero")
    picture = gather(folder, "week")
    assert len(picture.ids) == 13  # the twelve and the one with a BOM
    reasons = dict(picture.skipped)
    assert set(cases) | {"dato.json", "enorm.json", "sifferlang.json"} <= set(reasons)
    for reason in reasons.values():  # said in the app's language, not pydantic's English
        assert "Input should" not in reason and "Value error" not in reason, reason
    assert "finnes ikke i kalenderen" in reasons["dato.json"]
    if sys.platform != "win32":
        assert "fifo.json" in reasons and "null.json" in reasons
    text = render_text(model, picture)
    assert "Traceback" not in text and "inf" not in text.split("hoppet over")[0]


def test_an_unreadable_subfolder_is_listed(
    model: Content, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "delt"
    (folder / "lukket").mkdir(parents=True)
    if sys.platform == "win32" or os.geteuid() == 0:  # root reads anything: the OS says no
        real = os.scandir

        def scandir(path: object) -> object:
            if Path(str(path)).name == "lukket":
                raise PermissionError(13, "Permission denied")
            return real(path)  # type: ignore[call-overload]

        monkeypatch.setattr(os, "scandir", scandir)
    else:
        (folder / "lukket").chmod(0)
    try:
        picture = gather(folder, "week")
    finally:
        (folder / "lukket").chmod(0o700)
    assert [name for name, _ in picture.skipped] == ["lukket"]


def test_team_export_writes_records_with_nothing_personal(model: Content, tmp_path: Path) -> None:
    from tui.core.archive.store import Store
    from tui.core.outputs.demo import generate
    from tui.core.outputs.teamrecord import own_records, write_records

    store = Store(tmp_path / "data").open()
    ids = generate(store, model, 15, start=1_780_000_000.0)
    records = own_records(store)
    store.close()
    folder = tmp_path / "delt"
    folder.mkdir()
    assert write_records(folder, records) == 15
    assert write_records(folder, records) == 0  # unchanged: left alone
    for path in folder.iterdir():
        data = json.loads(path.read_text("utf-8"))
        assert set(data) == {
            "kind", "schema_version", "id", "week", "month", "channel", "minutes",
            "konklusjon", "renewals", "knapp", "dagens_knapp", "outcome",
        }  # fmt: skip
        assert not any(sid in path.read_text("utf-8") for sid in ids)
    assert len(gather(folder, "month").ids) == 15
