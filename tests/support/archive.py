"""Conversations made the way the app makes them, for tests of the log and the archive."""

from __future__ import annotations

from pathlib import Path

from tests.support.fakes import FakeClock
from tui.core.conversation.session import Session
from tui.core.model.content import Content
from tui.core.outputs.log import Privacy, ReflectionLog, build_log


def archived_session(data: Path, note: str) -> str:
    """Make a finished session in ``data`` with one note, the way the app would."""
    from tui.core.archive.store import Store
    from tui.core.conversation.recorder import Recorder
    from tui.core.conversation.session import Session

    store = Store(data).open()
    sid = store.create_session("phone")
    session = Session("phone")
    session.subscribe(Recorder(store, sid))
    session.add_note(note)
    session.finish()
    store.save_answer(sid, "gikk-bra", "Rolig samtale")
    store.close()
    return sid


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


def damage_one_page(db: Path, page: int = 5) -> None:
    """Overwrite one page of a SQLite file with garbage (the header stays sound): the kind of
    damage a bad sector or a half-copied file leaves, found by ``quick_check`` only."""
    import sqlite3

    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    assert conn.execute("PRAGMA page_count").fetchone()[0] > page
    conn.close()
    data = bytearray(db.read_bytes())
    data[(page - 1) * size : page * size] = b"\xde\xad\xbe\xef" * (size // 4)
    db.write_bytes(bytes(data))
