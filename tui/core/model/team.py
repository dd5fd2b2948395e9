"""The team file: the vaktleder's «dagens knapp», one karriereknapp in focus for a day or a week.

A service puts ``team.yaml`` in a shared folder (``team_dir`` in the config, or ``--team DIR``)::

    dagens_knapp:
      - dato: "2026-11-30"            # one day …
        knapp: valg-og-tilfeldigheter
        melding: Spør etter tilfeldigheter som har betydd noe.
      - uke: "2026-W49"               # … or a whole ISO week
        knapp: meg-i-kontekst

A missing folder or file, or no entry for today, is silent. A broken file is reported as
``file:line: message`` and never stops the app.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated

from tui.core.base.problems import ContentError, Problem
from tui.core.base.strings import t
from tui.core.model.content import Content
from tui.core.model.rules import Checked, Id, Rule, Str, Text, validate

TEAM_FILE = "team.yaml"
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_WEEK = re.compile(r"^([0-9]{4})-W([0-9]{2})$")


@dataclass(frozen=True, kw_only=True)
class Focus(Checked):
    """One entry: a knapp in focus on a date or for a week, with an optional line."""

    dato: Str | None = None
    """The day, ``YYYY-MM-DD`` (in quotes)."""
    uke: Str | None = None
    """Or the ISO week, ``YYYY-Www`` (e.g. ``2026-W49``)."""
    knapp: Id
    """The knapp's id, as in content (e.g. ``valg-og-tilfeldigheter``)."""
    melding: Text | None = None
    """A line from the vaktleder, shown with the knapp."""

    def covers(self, day: date) -> bool:
        if self.dato is not None:
            return self.dato == day.isoformat()
        year, week, _ = day.isocalendar()
        return self.uke == f"{year}-W{week:02d}"


@dataclass(frozen=True, kw_only=True)
class TeamFile(Checked):
    """team.yaml."""

    dagens_knapp: Annotated[list[Focus], Rule(min_length=1)]
    """The knapper in focus, by day or week; a day wins over its week."""


def load_team(folder: Path, model: Content) -> TeamFile | None:
    """The team file in ``folder``; None when there is none.

    Raises:
        ContentError: With ``file:line: message`` for each problem.
    """
    path = folder / TEAM_FILE
    if not path.is_file():
        return None
    from pydantic import ValidationError

    from tui.core.model.loader import located
    from tui.core.model.yamlreader import read_file

    doc = read_file(path)
    try:
        team = validate(TeamFile, doc.data)
    except ValidationError as exc:
        raise ContentError(located(doc, exc)) from None
    known = {k.id for k in model.knapper}
    problems = []
    for i, focus in enumerate(team.dagens_knapp):
        file, line = doc.where(("dagens_knapp", i))
        if (focus.dato is None) == (focus.uke is None):
            problems.append(Problem(file, line, t("msg.team.give_either_dato_or")))
        if focus.dato is not None and not _valid_date(focus.dato):
            problems.append(Problem(file, line, t("msg.team.not_date_write_e", dato=focus.dato)))
        if focus.uke is not None and not _valid_week(focus.uke):
            problems.append(Problem(file, line, t("msg.team.not_week_write_e", uke=focus.uke)))
        if focus.knapp not in known:
            names = ", ".join(sorted(known))
            problems.append(
                Problem(
                    *doc.where(("dagens_knapp", i, "knapp")),
                    t("msg.team.unknown_knapp_there_are", knapp=focus.knapp, names=names),
                )
            )
    if problems:
        raise ContentError(problems)
    return team


def _valid_week(text: str) -> bool:
    """``2026-W49``: a week that exists (not W00, not W54, not W53 of a 52-week year)."""
    match = _WEEK.match(text)
    if match is None:
        return False
    try:
        date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
    except ValueError:
        return False
    return True


def _valid_date(text: str) -> bool:
    if not _DATE.match(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def focus_on(team: TeamFile | None, day: date) -> Focus | None:
    """The knapp in focus on ``day``: a day's entry before its week's; None when none."""
    if team is None:
        return None
    for wanted in ("dato", "uke"):
        for focus in team.dagens_knapp:
            if getattr(focus, wanted) is not None and focus.covers(day):
                return focus
    return None
