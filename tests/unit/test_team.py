"""The vaktleder's team file: dagens knapp by day or week; missing is silent, broken is located."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

from tui.core.base.problems import ContentError
from tui.core.model.content import Content
from tui.core.model.team import focus_on, load_team

DAY = date(2026, 11, 30)  # a Monday of ISO week 49


def write(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "team.yaml").write_text(text, encoding="utf-8")
    return folder


def test_a_day_wins_over_its_week(tmp_path: Path, model: Content) -> None:
    folder = write(tmp_path, (
        'dagens_knapp:\n'
        '  - uke: "2026-W49"\n    knapp: meg-i-kontekst\n'
        '  - dato: "2026-12-01"\n    knapp: valg-og-tilfeldigheter\n    melding: Spør om flaks.\n'
    ))  # fmt: skip
    team = load_team(folder, model)
    assert focus_on(team, DAY).knapp == "meg-i-kontekst"  # type: ignore[union-attr]
    tuesday = focus_on(team, date(2026, 12, 1))
    assert tuesday is not None and tuesday.knapp == "valg-og-tilfeldigheter"
    assert tuesday.melding == "Spør om flaks."
    assert focus_on(team, date(2026, 12, 8)) is None  # stale: silent


def test_no_folder_or_no_file_is_silent(tmp_path: Path, model: Content) -> None:
    assert load_team(tmp_path / "nowhere", model) is None
    assert load_team(tmp_path, model) is None
    assert focus_on(None, DAY) is None


@pytest.mark.parametrize(
    ("body", "line", "says"),
    [
        ('  - dato: "2026-13-01"\n    knapp: meg-i-kontekst\n', 2, "ingen dato"),
        ('  - uke: "uke 49"\n    knapp: meg-i-kontekst\n', 2, "ingen uke"),
        ('  - dato: "2026-11-30"\n    knapp: flaks\n', 3, "ukjent knapp «flaks»"),
        ("  - knapp: meg-i-kontekst\n", 2, "enten «dato» eller «uke»"),
        ('  - dato: "2026-11-30"\n    knap: meg-i-kontekst\n', 3, "ukjent felt «knap»"),
    ],
)
def test_a_broken_file_is_located(
    tmp_path: Path, model: Content, body: str, line: int, says: str
) -> None:
    folder = write(tmp_path, "dagens_knapp:\n" + body)
    with pytest.raises(ContentError) as info:
        load_team(folder, model)
    text = str(info.value)
    assert f"team.yaml:{line}:" in text and says in text, text


def test_the_command_line_turns_the_team_file_into_todays_focus_or_a_notice(
    tmp_path: Path, model: Content
) -> None:
    from tui.app import team_focus as _team_focus

    assert _team_focus(None, model) == (None, [])
    assert _team_focus(tmp_path / "nowhere", model) == (None, [])
    today = date.today().isoformat()
    folder = write(
        tmp_path / "ok", f'dagens_knapp:\n  - dato: "{today}"\n    knapp: meg-i-kontekst\n'
    )
    for _ in range(2):  # the second start reads the checked file from the cache
        focus, notices = _team_focus(folder, model)
        assert focus is not None and focus.knapp == "meg-i-kontekst" and notices == []
    broken = write(tmp_path / "broken", f'dagens_knapp:\n  - dato: "{today}"\n    knapp: flaks\n')
    focus, notices = _team_focus(broken, model)
    assert focus is None and notices[0].startswith("Teamfilen")
    assert any("team.yaml:3:" in n and "ukjent knapp «flaks»" in n for n in notices)


def test_escape_sequences_in_the_team_file_never_reach_a_terminal(
    model: Content, tmp_path: Path
) -> None:
    """A vaktleder's line with a title-setting OSC, a colour and an OSC 52 clipboard write:
    the escapes are gone, the words stay."""
    from datetime import date

    from tui.core.model.team import focus_on, load_team

    (tmp_path / "team.yaml").write_text(
        "dagens_knapp:\n"
        '  - dato: "2026-11-30"\n'
        "    knapp: meg-i-kontekst\n"
        '    melding: "\\e]0;HACKED\\a\\e[31mRED \\e]52;c;ZWNobyBoaQ==\\a\\x9b2J ok"\n',
        encoding="utf-8",
    )
    focus = focus_on(load_team(tmp_path, model), date(2026, 11, 30))
    assert focus is not None and focus.melding is not None
    assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in focus.melding)
    assert "HACKED" in focus.melding and focus.melding.endswith("ok")


def test_an_integer_of_5000_digits_is_a_located_problem_not_a_traceback(
    model: Content, tmp_path: Path
) -> None:
    from tui.core.base.problems import ContentError
    from tui.core.model.team import load_team

    (tmp_path / "team.yaml").write_text(
        f'dagens_knapp:\n  - uke: "2026-W49"\n    knapp: {"9" * 5000}\n', encoding="utf-8"
    )
    with pytest.raises(ContentError) as caught:
        load_team(tmp_path, model)
    assert any(p.line == 3 for p in caught.value.problems)


@pytest.mark.parametrize("week", ["2026-W00", "2026-W54", "2025-W53", "２０２６-W49"])
def test_a_week_that_does_not_exist_is_a_located_problem(
    model: Content, tmp_path: Path, week: str
) -> None:
    (tmp_path / "team.yaml").write_text(
        f'dagens_knapp:\n  - uke: "{week}"\n    knapp: meg-i-kontekst\n', encoding="utf-8"
    )
    with pytest.raises(ContentError) as caught:
        load_team(tmp_path, model)
    assert [p.line for p in caught.value.problems] == [2]


@pytest.mark.skipif(
    sys.platform == "win32", reason="Windows refuses control characters in file names"
)
def test_a_file_name_with_an_escape_is_shown_not_acted_on(model: Content, tmp_path: Path) -> None:
    from tui.core.outputs.teampicture import gather, render_text

    (tmp_path / "\x1b]0;HACKED\x07.json").write_text("{}", encoding="utf-8")
    text = render_text(model, gather(tmp_path, "week"))
    assert "\x1b" not in text and "\x07" not in text and "HACKED" in text
