"""The archive: durable writes, private files, one instance, clear refusals, search."""

from __future__ import annotations

import os
import sqlite3
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.fakes import FakeClock
from tui.core.archive.store import (
    DB_NAME,
    SCHEMA_VERSION,
    TEMP_PREFIX,
    Store,
    StoreError,
    StoreLocked,
    StoreWriteError,
    fold,
)
from tui.core.conversation.notes import Pin
from tui.core.conversation.recorder import Recorder
from tui.core.conversation.session import Session


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def store(tmp_path: Path, clock: FakeClock) -> Iterator[Store]:
    s = Store(tmp_path / "data", clock=clock).open()
    yield s
    s.close()


def recorded_session(store: Store, clock: FakeClock) -> tuple[str, Session]:
    sid = store.create_session("chat")
    session = Session("chat", clock=clock)
    session.subscribe(Recorder(store, sid))
    return sid, session


def test_everything_is_committed_as_it_happens(store: Store, clock: FakeClock) -> None:
    sid, s = recorded_session(store, clock)
    s.start()
    clock.advance(10)
    s.add_note("første notat æøå", knapp="meg-i-kontekst")
    s.jump("kommunikasjon")
    s.record_copy("kommunikasjon.1", "Hva tenker du?")
    s.toggle_pin(1)
    store.save_draft(sid, "note", "halvskrevet")
    store.save_answer(sid, "gikk-bra", "Kontrakten ble tydelig")
    # A second connection (as after a crash) sees it all.
    other = sqlite3.connect(store.path)
    assert other.execute("SELECT COUNT(*) FROM moves").fetchone()[0] == 2
    other.close()
    loaded = store.load(sid)
    assert [m.dst for m in loaded.moves] == ["kontakt", "kommunikasjon"]
    assert loaded.notes[0].text == "første notat æøå" and loaded.notes[0].pinned
    assert loaded.notes[0].knapp == "meg-i-kontekst"
    assert loaded.copies[0].prompt_id == "kommunikasjon.1"
    assert loaded.drafts == {"note": "halvskrevet"}
    assert loaded.answers == {"gikk-bra": "Kontrakten ble tydelig"}
    rebuilt = loaded.session(clock)
    assert rebuilt.phase == "kommunikasjon" and rebuilt.notes == s.notes


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes; on Windows the profile ACL protects")
def test_permissions_whatever_the_umask(tmp_path: Path, clock: FakeClock) -> None:
    old = os.umask(0)
    try:
        store = Store(tmp_path / "open", clock=clock).open()
        store.create_session("chat")
    finally:
        os.umask(old)
    assert mode(store.directory) == 0o700
    for name in (DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm", "veiviser.lock"):
        assert mode(store.directory / name) == 0o600, name
    store.close()


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes; on Windows the profile ACL protects")
def test_a_looser_existing_folder_is_tightened(tmp_path: Path, clock: FakeClock) -> None:
    folder = tmp_path / "loose"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    Store(folder, clock=clock).open().close()
    assert mode(folder) == 0o700


def test_second_instance_is_refused_clearly(store: Store, clock: FakeClock) -> None:
    with pytest.raises(StoreLocked, match=f"PID {os.getpid()}"):
        Store(store.directory, clock=clock).open()
    store.close()
    Store(store.directory, clock=clock).open().close()  # free again after close


def test_corrupt_database_is_refused_and_not_touched(tmp_path: Path, clock: FakeClock) -> None:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    db = folder / DB_NAME
    garbage = b"dette er ikke en database" * 100
    db.write_bytes(garbage)
    with pytest.raises(StoreError, match="skadet") as info:
        Store(folder, clock=clock).open()
    assert info.value.exit_code == 3
    assert db.read_bytes() == garbage
    with pytest.raises(StoreError, match="skadet"):  # the lock was released: same answer again
        Store(folder, clock=clock).open()


def test_database_from_a_newer_version_is_refused(tmp_path: Path, clock: FakeClock) -> None:
    folder = tmp_path / "data"
    Store(folder, clock=clock).open().close()
    conn = sqlite3.connect(folder / DB_NAME)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = (folder / DB_NAME).read_bytes()
    with pytest.raises(StoreError, match="nyere Veiviser"):
        Store(folder, clock=clock).open()
    assert (folder / DB_NAME).read_bytes() == before


def test_read_only_folder(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o500)
    # Root writes anywhere, and Windows ignores the mode: make the OS say no as it would.
    if os.name == "nt" or os.geteuid() == 0:
        real_access = os.access
        monkeypatch.setattr(
            os, "access", lambda p, m: False if Path(p) == folder else real_access(p, m)
        )
    with pytest.raises(StoreError, match="Kan ikke skrive til datamappen"):
        Store(folder, clock=clock).open()


@pytest.fixture
def read_only_disk(tmp_path: Path) -> Iterator[Path]:
    """A folder with a saved conversation on a read-only mount (a real one: root on Linux)."""
    import shutil
    import subprocess

    from tests.support.archive import archived_session

    source, mount = tmp_path / "src", tmp_path / "mnt"
    archived_session(source, "hei")
    mount.mkdir()
    if sys.platform != "linux" or os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("a read-only mount needs root on Linux")
    made = subprocess.run(["mount", "--bind", str(source), str(mount)], capture_output=True)
    if made.returncode != 0:
        pytest.skip(f"mount refused here: {made.stderr!r}")
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(mount)], check=True)
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_a_read_only_disk_is_named_as_such(read_only_disk: Path, clock: FakeClock) -> None:
    """#21 item 12: chmod cannot help on a read-only disk; say so, and let logs read it."""
    with pytest.raises(StoreError) as caught:
        Store(read_only_disk, clock=clock).open()
    assert "bare kan leses" in str(caught.value) and "chmod 700" not in str(caught.value)
    reader = Store(read_only_disk, clock=clock).open(read_only=True)
    assert [s.notes for s in reader.summaries()] == [1]
    reader.close()


def test_a_read_only_disk_is_found_from_its_mount_flags(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.core.archive import store as store_module

    if not hasattr(os, "statvfs"):
        assert not store_module.on_read_only_disk(tmp_path)
        return
    real = os.statvfs
    assert not store_module.on_read_only_disk(tmp_path)

    class Flags:
        f_flag = getattr(os, "ST_RDONLY", 1)

    monkeypatch.setattr(os, "statvfs", lambda p: Flags() if Path(p) == tmp_path else real(p))
    assert store_module.on_read_only_disk(tmp_path)


def test_unwritable_location(tmp_path: Path, clock: FakeClock) -> None:
    blocker = tmp_path / "fil"
    blocker.write_text("ikke en mappe")
    with pytest.raises(StoreError, match="datamappen"):
        Store(blocker / "data", clock=clock).open()
    with pytest.raises(StoreError, match="ikke en mappe"):
        Store(blocker, clock=clock).open()


def test_missing_folder_is_created(tmp_path: Path, clock: FakeClock) -> None:
    store = Store(tmp_path / "a" / "b", clock=clock).open()
    assert store.path.exists()
    store.close()


def test_stray_temp_files_are_swept(tmp_path: Path, clock: FakeClock) -> None:
    folder = tmp_path / "data"
    (folder / "eksport").mkdir(parents=True)
    (folder / f"{TEMP_PREFIX}abc.md").write_text("halv")
    (folder / "eksport" / f"{TEMP_PREFIX}def.json").write_text("{")
    (folder / "eksport" / "behold.md").write_text("ferdig")
    store = Store(folder, clock=clock).open()
    assert store.swept == 2
    assert sorted(p.name for p in (folder / "eksport").iterdir()) == ["behold.md"]
    store.close()


def test_unfinished_sessions_and_discard(store: Store, clock: FakeClock) -> None:
    empty = store.create_session("chat")
    sid, s = recorded_session(store, clock)
    s.add_note("noe")
    assert store.unfinished() == [sid]  # the empty one is not offered
    store.drop_empty()
    assert empty not in [x.id for x in store.summaries()]
    store.save_log(sid, "{}")
    assert store.unfinished() == []
    store.discard(sid)
    assert store.summaries() == [] and store.search("noe") == []


def test_search_folds_case_and_accents_but_keeps_norwegian_letters(
    store: Store, clock: FakeClock
) -> None:
    sid, s = recorded_session(store, clock)
    s.add_note("Vil studere på NTNU, café-jobb")
    store.save_answer(sid, "gikk-bra", "Kontrakten ble fornyet")
    other, s2 = recorded_session(store, clock)
    s2.add_note("Vil studere pa dagtid")
    assert store.search("cafe") == [sid]
    assert store.search("CAFÉ") == [sid]
    assert store.search("på") == [sid]  # å is its own letter, not a
    assert store.search("pa") == [other]
    assert sorted(store.search("studer")) == sorted([sid, other])  # prefix
    assert store.search("fornyet") == [sid]
    assert store.search('"') == []
    assert fold("ÆØÅ é ü") == "æøå e u"


def test_find_by_prefix(store: Store, clock: FakeClock) -> None:
    sid = store.create_session("chat")
    assert store.find(sid[:6]) == sid
    with pytest.raises(StoreError, match="Fant ingen"):
        store.find("zzzz")


def test_summaries(store: Store, clock: FakeClock) -> None:
    sid, s = recorded_session(store, clock)
    s.start()
    clock.advance(300)
    s.add_note("a", knapp="valg-og-tilfeldigheter", pinned=True)
    s.jump("konklusjon")
    s.record_copy("endring-og-stabilitet.konklusjon.1", "x")
    clock.advance(60)
    s.finish()
    (summary,) = store.summaries()
    assert summary.id == sid and summary.duration == 360
    assert summary.phases == ("kontakt", "konklusjon")
    assert summary.knapper == ("valg-og-tilfeldigheter", "endring-og-stabilitet")
    assert summary.pinned == 1 and summary.status == "finished"


def test_an_unfinished_conversation_lasts_until_its_last_activity(
    store: Store, clock: FakeClock
) -> None:
    """A 13-second conversation left open showed 51:23 in `veiviser logs` an hour later."""
    sid, s = recorded_session(store, clock)
    s.start()
    clock.advance(13)
    s.add_note("siste")
    clock.advance(3083)  # the app was closed; the archive is read later
    (summary,) = store.summaries()
    assert summary.id == sid and summary.status == "open"
    assert summary.duration == 13


def test_disk_full_keeps_writes_in_memory_until_they_succeed(
    store: Store, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    sid = store.create_session("chat")
    recorder = Recorder(store, sid)
    s = Session("chat", clock=clock)
    s.subscribe(recorder)
    real_write = Store._write
    failing = {"on": True}

    def full_disk(self: Store):  # type: ignore[no-untyped-def]
        if failing["on"]:
            raise StoreWriteError("Kunne ikke lagre: database or disk is full")
        return real_write(self)

    monkeypatch.setattr(Store, "_write", full_disk)
    s.add_note("skrevet mens disken var full")
    assert not recorder.draft("note", "v1")
    assert not recorder.draft("note", "v2")
    assert recorder.error and "full" in recorder.error
    assert len(recorder.pending) == 3  # move, note, and one (the newest) draft
    failing["on"] = False
    assert recorder.flush() and recorder.error is None
    loaded = store.load(sid)
    assert [n.text for n in loaded.notes] == ["skrevet mens disken var full"]
    assert loaded.drafts == {"note": "v2"}


def test_pin_event_is_stored(store: Store, clock: FakeClock) -> None:
    sid = store.create_session("chat")
    s = Session("chat", clock=clock)
    s.subscribe(Recorder(store, sid))
    s.add_note("viktig")
    s.toggle_pin(1)
    assert store.load(sid).notes[0].pinned
    s.toggle_pin(1)
    assert not store.load(sid).notes[0].pinned
    store.record(sid, Pin(1, True))
    assert store.load(sid).notes[0].pinned


def _damage_pages(db: Path) -> None:
    """Overwrite the middle of the file: the header is fine, the b-tree pages are not."""
    data = bytearray(db.read_bytes())
    page = 4096
    for at in range(2 * page, len(data) - page, page):
        data[at + 8 : at + 400] = b"\xa5" * 392
    db.write_bytes(bytes(data))


def test_damage_found_by_the_background_check_refuses_before_any_write(
    tmp_path: Path, clock: FakeClock
) -> None:
    folder = tmp_path / "data"
    store = Store(folder, clock=clock).open()
    sid = store.create_session("chat")
    rows = [(sid, n, n, "kontakt", 1, f"notat {n} " * 20, None) for n in range(1, 400)]
    store.conn.executemany("INSERT INTO notes VALUES (?, ?, ?, ?, ?, ?, ?, 0)", rows)
    store.close()
    db = folder / DB_NAME
    _damage_pages(db)
    before = db.read_bytes()
    later = Store(folder, clock=clock).open(check_later=True)
    with pytest.raises(StoreError, match="skadet") as info:
        later.verify()
    assert info.value.exit_code == 3
    assert db.read_bytes() == before
    Store(folder, clock=clock).open(check_later=True).close()  # the lock was released


def test_every_access_waits_for_the_background_check(tmp_path: Path, clock: FakeClock) -> None:
    folder = tmp_path / "data"
    Store(folder, clock=clock).open().close()
    store = Store(folder, clock=clock).open(check_later=True)
    assert store._check is not None  # the check runs beside the caller
    sid = store.create_session("chat")  # waits for the answer (sound), then writes
    assert store._check is None
    assert sid in {s.id for s in store.summaries()}
    store.close()


@pytest.mark.parametrize("version", [1, 2])
def test_an_archive_from_before_outcomes_is_read_as_it_is_and_migrated_by_the_app(
    tmp_path: Path, clock: FakeClock, version: int
) -> None:
    """Schema 2 added the conversation's outcome, 3 the day's focus: `logs`, `praksis` and
    `pakke` (read-only) must still read an older archive, changing nothing; the app's own open
    migrates it."""
    from tests.support.archive import archived_session

    data = tmp_path / "data"
    sid = archived_session(data, "et notat")
    conn = sqlite3.connect(data / DB_NAME)
    conn.execute("DROP TABLE analyses")
    conn.execute("ALTER TABLE sessions DROP COLUMN focus_knapp")
    conn.execute("ALTER TABLE sessions DROP COLUMN focus_message")
    if version == 1:
        conn.execute("ALTER TABLE sessions DROP COLUMN outcome")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()
    before = (data / DB_NAME).read_bytes()
    reader = Store(data, clock=clock).open(read_only=True)
    loaded = reader.load(sid)
    assert loaded.outcome is None and loaded.focus is None
    assert [s.id for s in reader.summaries()] == [sid]
    reader.close()
    assert (data / DB_NAME).read_bytes() == before
    writer = Store(data, clock=clock).open()
    assert writer.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    writer.set_outcome(sid, "kort")
    assert writer.load(sid).outcome == "kort"
    assert writer.analyses() == []  # schema 4's table is there, empty
    writer.close()


def test_chats_looked_back_on_go_with_the_retention(tmp_path: Path, clock: FakeClock) -> None:
    store = Store(tmp_path / "data", clock=clock).open()
    old = store.save_analysis('{"x": 1}', clock() - 200 * 86400)
    new = store.save_analysis('{"x": 2}', clock())
    assert [a[0] for a in store.analyses()] == [old, new]
    assert store.drop_analyses_before(clock() - 180 * 86400) == 1
    assert [a[0] for a in store.analyses()] == [new]
    assert store.drop_analyses_before(clock() - 180 * 86400) == 0  # nothing old: no write
    store.close()
