"""The team record: the little a team picture needs of one conversation, for a shared folder.

A reflection log holds notes, answers, exact times and the session id; none of that belongs in a
folder the whole team reads. ``veiviser teameksport DIR`` writes one record per saved
conversation instead: its ISO week and month, channel, whole minutes per phase, whether it reached
Konklusjon, renewals (3 meaning three or more), whether a karriereknapp was used, and whether
dagens knapp was used. No text, no date, no clock time, and an id that is a one-way hash of the
session id, so the same conversation exported twice is counted once and nothing in a case pack
points to it.

:class:`Signature` is what a case pack tells about its conversation in the same terms, and
:func:`could_be` says whether a record fits it: the pack is coarsened until several of the
counsellor's own conversations fit (:mod:`tui.core.outputs.casepack`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, field_validator

from tui.core.base.files import reason
from tui.core.model.content import PHASE_IDS, Channel
from tui.core.outputs.log import ReflectionLog

if TYPE_CHECKING:
    from tui.core.archive.store import Store

RECORD_KIND = "veiviser-team-record"
MAX_RENEWALS = 3
"""Renewals are counted up to this; more is written as this."""


class TeamRecord(BaseModel):
    """One conversation as the team picture sees it (schema version 1)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["veiviser-team-record"] = "veiviser-team-record"
    schema_version: Literal[1] = 1
    id: str = Field(pattern=r"^[0-9a-f]{16}$")
    week: str = Field(pattern=r"^[0-9]{4}-W(0[1-9]|[1-4][0-9]|5[0-3])$")
    month: str = Field(pattern=r"^[0-9]{4}-(0[1-9]|1[0-2])$")
    channel: Channel
    minutes: list[Annotated[int, Field(ge=0, le=1440)]] = Field(
        min_length=4, max_length=4, description="Whole minutes per phase"
    )
    konklusjon: StrictBool  # not "yes" or 1: a file says true or false
    renewals: int = Field(ge=0, le=MAX_RENEWALS, strict=True)
    knapp: StrictBool
    outcome: Literal["stille", "kort", "henvist"] | None = Field(
        default=None,
        description="Ended as a quiet chat, a quick information chat or referred on: counted "
        "apart from whole conversations; null for a whole conversation",
    )
    dagens_knapp: StrictBool | None = Field(
        default=None, description="Whether dagens knapp was used; null when there was none"
    )

    @field_validator("week")
    @classmethod
    def _a_real_week(cls, week: str) -> str:
        year, number = week.split("-W")
        date.fromisocalendar(int(year), int(number), 1)  # 2025-W53 does not exist
        return week


def record_id(session_id: str) -> str:
    """A one-way id: the same for every export of a conversation, useless for finding it."""
    return hashlib.sha256(f"veiviser-team-record\0{session_id}".encode()).hexdigest()[:16]


def week_of(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def record_of(log: ReflectionLog) -> TeamRecord:
    """The team record of a reflection log."""
    day = date.fromisoformat(log.date)
    seconds = {pt.phase: pt.seconds for pt in log.phase_times}
    return TeamRecord(
        id=record_id(log.session_id),
        week=week_of(day),
        month=f"{day.year}-{day.month:02d}",
        channel=log.channel,
        minutes=[round(seconds.get(p, 0.0) / 60) for p in PHASE_IDS],
        konklusjon=any(s.phase == "konklusjon" for s in log.timeline),
        renewals=min(log.renewals, MAX_RENEWALS),
        knapp=bool(log.knapper),
        dagens_knapp=None if log.dagens_knapp is None else log.dagens_knapp.used,
        outcome=log.outcome,
    )


def own_records(store: Store) -> list[TeamRecord]:
    """The team records of every saved conversation in the archive (unreadable ones skipped)."""
    from pydantic import ValidationError

    out: list[TeamRecord] = []
    for text in store.saved_logs():
        try:
            out.append(record_of(ReflectionLog.model_validate_json(text)))
        except ValidationError:
            continue
    return out


def write_records(folder: Path, records: list[TeamRecord]) -> int:
    """Write each record as ``<id>.json`` in ``folder`` (atomically, readable by the team);
    a record already there unchanged is left alone. Returns how many were written.

    Raises:
        ExportError: A file could not be written (the message names it).
    """
    import os
    import tempfile

    from tui.core.base.strings import t
    from tui.core.outputs.export import ExportError

    written = 0
    for rec in records:
        path = folder / f"{rec.id}.json"
        data = (rec.model_dump_json(indent=1) + "\n").encode()
        try:
            if path.is_file() and path.read_bytes() == data:
                continue
            fd, tmp = tempfile.mkstemp(prefix=".veiviser-", dir=folder)
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(data)
                    out.flush()
                    os.fsync(out.fileno())
                os.chmod(tmp, 0o644)  # the team reads it; it holds nothing personal
                os.replace(tmp, path)
            except BaseException:
                if os.path.exists(tmp):
                    os.unlink(tmp)
                raise
        except OSError as exc:
            raise ExportError(
                t("msg.export.could_not_write_2", path=path, strerror=reason(exc))
            ) from None
        written += 1
    return written


@dataclass(frozen=True)
class Signature:
    """What a case pack says about its conversation that a team record also says (None: the
    pack does not say it)."""

    week: str | None = None
    month: str | None = None
    channel: str | None = None
    minutes: tuple[int, int] | None = None
    """The total minutes lie in this range (both ends included)."""
    renewals: int | None = None
    renewed: bool | None = None
    konklusjon: bool | None = None
    knapp: bool | None = None
    """True when the pack shows a karriereknapp (a pack can't show that none was used)."""


def could_be(sig: Signature, rec: TeamRecord) -> bool:
    """Whether ``rec`` fits everything the pack says, read generously (a minute either way, as
    someone matching would)."""
    total = sum(rec.minutes)
    return not (
        (sig.week is not None and rec.week != sig.week)
        or (sig.month is not None and rec.month != sig.month)
        or (sig.channel is not None and rec.channel != sig.channel)
        or (sig.minutes is not None and not sig.minutes[0] - 1 <= total <= sig.minutes[1] + 1)
        or (sig.renewals is not None and rec.renewals != min(sig.renewals, MAX_RENEWALS))
        or (sig.renewed is not None and (rec.renewals > 0) != sig.renewed)
        or (sig.konklusjon is not None and rec.konklusjon != sig.konklusjon)
        or (sig.knapp and not rec.knapp)
    )
