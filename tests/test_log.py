"""The reflection log: JSON against its shipped schema, Markdown golden file, safe exports."""

from __future__ import annotations

import getpass
import json
import os
import socket
import stat
import time
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import ROOT, FakeClock
from tui.core.content import Content
from tui.core.export import ExportError, write_new
from tui.core.log import (
    Privacy,
    ReflectionLog,
    build_log,
    json_schema,
    render_json,
    render_markdown,
)
from tui.core.session import Session

SCHEMA_FILE = ROOT / "tui" / "schema" / "reflection-log.v1.schema.json"
GOLDEN = ROOT / "tests" / "data" / "golden-log.md"


@pytest.fixture(autouse=True)
def oslo_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Europe/Oslo")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def a_conversation(clock: FakeClock) -> Session:
    clock.now = 1_764_163_920.0  # 2025-11-26 14:32 in Oslo
    s = Session("chat", clock=clock)
    s.start()
    clock.advance(70)
    s.add_note("Vil bytte fra bygg til helse")
    s.record_copy("kontakt.1", "Hei, og velkommen! Fortell gjerne litt om hva du lurer på.")
    s.next()
    clock.advance(95)
    s.add_note("Hvorfor nå: skade i ryggen", knapp="endring-og-stabilitet", pinned=True)
    s.jump("kommunikasjon")
    clock.advance(200)
    s.record_copy("refleksjon.1", "Når du ser tilbake på det nå, hva legger du merke til?")
    s.add_note("# ikke en overskrift \x1b]52;c;aGVp\x07 \x1b[2J")
    s.jump("kontrakt")
    clock.advance(30)
    s.jump("konklusjon")
    clock.advance(45)
    s.add_note("Neste steg: snakke med rådgiver", knapp="valg-og-tilfeldigheter")
    s.finish()
    return s


def the_log(model: Content, clock: FakeClock) -> ReflectionLog:
    answers = {
        "bruk-av-modellen": "Fornyet kontrakten da det kom et nytt spørsmål.",
        "gikk-bra": "Kontakten – veisøkeren åpnet seg.\n- ikke en liste",
    }
    return build_log(model, a_conversation(clock), "abc123", answers, Privacy(masked=1, kept=0))


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
    assert calls == ["fsync-file", "link", "fsync-dir"]


@pytest.mark.parametrize("step", ["write", "fsync", "link"])
def test_a_fault_at_any_step_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    existing = write_new(tmp_path / "logg.md", b"gammel")

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, step, fail)
    with pytest.raises(ExportError, match="No space left"):
        write_new(tmp_path / "logg.md", b"ny")
    monkeypatch.undo()
    assert existing.read_bytes() == b"gammel"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["logg.md"]  # no temp file, no half file
