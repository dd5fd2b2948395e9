"""The reflection log: JSON against its shipped schema, Markdown golden file, safe exports."""

from __future__ import annotations

import getpass
import json
import os
import socket
import stat
from datetime import datetime, timedelta, timezone
from pathlib import Path

import jsonschema
import pytest

from tests.support import ROOT
from tests.support.archive import the_log
from tests.support.fakes import FakeClock
from tui.core.model.content import Content
from tui.core.outputs.export import ExportError, write_new
from tui.core.outputs.log import (
    json_schema,
    render_json,
    render_markdown,
)

SCHEMA_FILE = ROOT / "tui" / "schema" / "reflection-log.v1.schema.json"
GOLDEN = ROOT / "tests" / "data" / "golden-log.md"


OSLO_WINTER = timezone(timedelta(hours=1))


@pytest.fixture(autouse=True)
def oslo_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Local time is Oslo's (winter, UTC+1) on every OS: Windows has no TZ variable."""
    monkeypatch.setattr(
        "tui.core.outputs.log.local_time", lambda ts: datetime.fromtimestamp(ts, OSLO_WINTER)
    )


def test_json_validates_against_the_shipped_schema(model: Content, clock: FakeClock) -> None:
    shipped = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert shipped == json_schema(), "regenerate tui/schema/ (see README): the models changed"
    data = json.loads(render_json(the_log(model, clock)))
    jsonschema.validate(data, shipped)
    assert data["schema_version"] == 1 and data["renewals"] == 1 and data["rounds"] == 1
    assert data["knapper"] == ["valg-og-tilfeldigheter", "endring-og-stabilitet"]
    assert data["kolb_stages"] == ["refleksjon"]
    broken = dict(data, channel="fax")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, shipped)


def test_markdown_matches_the_golden_file(model: Content, clock: FakeClock) -> None:
    markdown = render_markdown(model, the_log(model, clock))
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(markdown, encoding="utf-8")
    assert markdown == GOLDEN.read_text(encoding="utf-8")


def test_an_english_app_writes_an_english_log(model: Content, clock: FakeClock) -> None:
    """The log's words come from the content's ui.yaml, like every other word (issue #9)."""
    from tui.core.base.paths import builtin_content_dir
    from tui.core.model.loader import load_content

    english = load_content(builtin_content_dir(), "en")
    markdown = render_markdown(english, the_log(model, clock))
    headings = [line for line in markdown.splitlines() if line.startswith("#")]
    assert headings[0].startswith("# Reflection log ") and headings[0].endswith("(chat)")
    for heading in ("## Timeline", "## Notes by phase", "## The model in the conversation",
                    "## Reflection"):  # fmt: skip
        assert heading in headings, heading
    assert "Learning stages suggested for the phases: " in markdown
    assert "Privacy check: " in markdown
    norwegian = GOLDEN.read_text(encoding="utf-8")
    for word in (
        "Refleksjonslogg",
        "Tidslinje",
        "Notater per fase",
        "Personvernsjekk",
        "Ikke besvart",
    ):
        assert word in norwegian and word not in markdown, word


def test_exports_are_inert_and_carry_nothing_about_the_machine(
    model: Content, clock: FakeClock
) -> None:
    log = the_log(model, clock)
    for text in (render_markdown(model, log), render_json(log)):
        assert "\x1b" not in text and "\x07" not in text
        for secret in (getpass.getuser(), socket.gethostname(), str(Path.home()), str(ROOT)):
            assert secret not in text
    markdown = render_markdown(model, log)
    assert "\\x1b]52;c;aGVp\\x07" in markdown
    assert "\n# ikke" not in markdown and "\\# ikke en overskrift" in markdown
    assert "\n- ikke en liste" not in markdown


def test_pinned_notes_lead_the_log(model: Content, clock: FakeClock) -> None:
    markdown = render_markdown(model, the_log(model, clock))
    pinned = markdown.index("## Festet til kollegaveiledning")
    assert pinned < markdown.index("## Notater per fase")
    assert "Hvorfor nå: skade i ryggen" in markdown[pinned : markdown.index("## Notater per fase")]


# --- atomic export -------------------------------------------------------------------------


def test_export_is_private_and_never_overwrites(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        first = write_new(tmp_path / "ut" / "logg.md", b"en")
        second = write_new(tmp_path / "ut" / "logg.md", b"to")
    finally:
        os.umask(old)
    assert first.name == "logg.md" and second.name == "logg-2.md"
    assert first.read_bytes() == b"en" and second.read_bytes() == b"to"
    if os.name != "nt":  # Windows has no modes: the profile folder's ACL protects the data
        assert stat.S_IMODE(first.stat().st_mode) == 0o600
        assert stat.S_IMODE((tmp_path / "ut").stat().st_mode) == 0o700
    with pytest.raises(ExportError, match="finnes allerede"):
        write_new(first, b"tre", numbered=False)
    assert first.read_bytes() == b"en"
    assert sorted(p.name for p in (tmp_path / "ut").iterdir()) == ["logg-2.md", "logg.md"]


def test_fsync_file_before_link_and_folder_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real_fsync, real_link = os.fsync, os.link

    def fsync(fd: int) -> None:
        calls.append("fsync-dir" if stat.S_ISDIR(os.fstat(fd).st_mode) else "fsync-file")
        real_fsync(fd)

    def link(src: str, dst: str) -> None:
        calls.append("link")
        real_link(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "link", link)
    write_new(tmp_path / "a.json", b"{}")
    # Windows cannot open a folder to fsync it (NTFS journals the new name itself).
    assert calls == ["fsync-file", "link"] + (["fsync-dir"] if os.name != "nt" else [])


@pytest.mark.parametrize("step", ["write", "fsync", "link"])
def test_a_fault_at_any_step_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    existing = write_new(tmp_path / "logg.md", b"gammel")

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, step, fail)
    with pytest.raises(ExportError, match="disken er full"):
        write_new(tmp_path / "logg.md", b"ny")
    monkeypatch.undo()
    assert existing.read_bytes() == b"gammel"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["logg.md"]  # no temp file, no half file


def test_the_course_adds_up_to_the_phase_rows_and_the_whole(model: Content) -> None:
    """#22 item 5: «Forløp» stretches rounded one by one did not add up to their phase."""
    import re

    from tests.support.fakes import FakeClock
    from tui.core.conversation.session import Session
    from tui.core.outputs.log import Privacy, build_log, render_markdown

    clock = FakeClock()
    session = Session("chat", clock=clock)
    session.start()
    for phase, seconds in [("kontrakt", 61.6), ("kommunikasjon", 42.7), ("kontrakt", 30.9),
                           ("kommunikasjon", 59.8), ("konklusjon", 20.45)]:  # fmt: skip
        clock.advance(seconds)
        session.jump(phase)  # type: ignore[arg-type]
    clock.advance(10.7)
    session.finish()
    text = render_markdown(
        model, build_log(model, session, "x" * 32, {}, Privacy(masked=0, kept=0))
    )

    def seconds(label: str) -> int:
        m, s = label.split(":")
        return int(m) * 60 + int(s)

    rows = dict(re.findall(r"^\| ([A-ZÆØÅa-zæøå]+) \| ([0-9]+:[0-9]{2}) \|$", text, re.M))
    course = re.search(r"Forløp: (.*)", text)
    assert course is not None
    summed: dict[str, int] = {}
    for name, label in re.findall(r"([A-Za-zæøå]+) \(([0-9]+:[0-9]{2})\)", course.group(1)):
        summed[name] = summed.get(name, 0) + seconds(label)
    assert {k: seconds(v) for k, v in rows.items() if k in summed} == summed
    whole = re.search(r"\| \*\*[^*]+\*\* \| \*\*([0-9]+:[0-9]{2})\*\* \|", text)
    assert whole is not None and seconds(whole.group(1)) == sum(seconds(v) for v in rows.values())
