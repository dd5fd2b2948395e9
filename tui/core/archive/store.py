"""The session archive: one SQLite database that loses nothing.

Every phase move, saved note, copied prompt, pin and reflection answer is committed when it
happens, and the note being typed is saved as a draft (debounced by the UI). WAL with
``synchronous=FULL`` makes each commit durable; SQLite's atomic commit means a SIGKILL loses at
most the write in progress. The data folder is 0700 and the files 0600 whatever the umask; a lock
file keeps a second instance out; a corrupt database or one from a newer Veiviser is refused with
a clear message and never written to.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import stat
import sys
import threading
import time
import unicodedata
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tui.core.archive.lock import AlreadyLocked, ProcessLock
from tui.core.base.files import reason
from tui.core.base.strings import t
from tui.core.conversation.notes import Copy, Note, Pin
from tui.core.conversation.session import FINISHED, Clock, Event, Move, MoveKind, Session, State
from tui.core.model.content import Channel, PhaseId

SCHEMA_VERSION = 4
DB_NAME = "veiviser.sqlite3"
LOCK_NAME = "veiviser.lock"
EXPORT_FOLDER = "eksport"
"""The default export folder, inside the data folder."""
TEMP_PREFIX = ".veiviser-tmp-"
"""Temporary export files start with this; any left by a kill are swept at start."""

_SCHEMA_V1 = """
CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    created_at REAL NOT NULL,
    channel TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open',      -- open, finished, saved
    updated_at REAL NOT NULL
);
CREATE TABLE moves (
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    at REAL NOT NULL,
    kind TEXT NOT NULL,
    src TEXT NOT NULL,
    dst TEXT NOT NULL,
    PRIMARY KEY (session_id, seq)
);
CREATE TABLE notes (
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    no INTEGER NOT NULL,
    at REAL NOT NULL,
    phase TEXT,
    round INTEGER NOT NULL,
    text TEXT NOT NULL,
    knapp TEXT,
    pinned INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (session_id, no)
);
CREATE TABLE copies (
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    at REAL NOT NULL,
    prompt_id TEXT NOT NULL,
    phase TEXT,
    text TEXT NOT NULL,
    PRIMARY KEY (session_id, seq)
);
CREATE TABLE drafts (
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    field TEXT NOT NULL,
    text TEXT NOT NULL,
    updated_at REAL NOT NULL,
    PRIMARY KEY (session_id, field)
);
CREATE TABLE answers (
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    text TEXT NOT NULL,
    updated_at REAL NOT NULL,
    PRIMARY KEY (session_id, question_id)
);
CREATE TABLE privacy_decisions (
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    kind TEXT NOT NULL,
    start INTEGER NOT NULL,
    length INTEGER NOT NULL,
    decision TEXT NOT NULL,                   -- mask, keep
    decided_at REAL NOT NULL
);
CREATE TABLE logs (
    session_id TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
    saved_at REAL NOT NULL,
    json TEXT NOT NULL
);
CREATE VIRTUAL TABLE search USING fts5(
    session_id UNINDEXED, source UNINDEXED, text, tokenize = 'unicode61 remove_diacritics 0'
);
"""

_SCHEMA_V2 = """
ALTER TABLE sessions ADD COLUMN outcome TEXT
"""
"""How a conversation ended, when not as a whole conversation: ``stille`` (a chat that went
quiet), ``kort`` (a quick information chat) or ``henvist`` (referred on); NULL otherwise."""

_SCHEMA_V3 = """
ALTER TABLE sessions ADD COLUMN focus_knapp TEXT;
ALTER TABLE sessions ADD COLUMN focus_message TEXT
"""
"""The vaktleder's knapp in focus on the day the conversation began, and the line with it,
kept with the conversation so its log says the same whenever and however it is written."""

_SCHEMA_V4 = """
CREATE TABLE analyses (
    id TEXT PRIMARY KEY,
    created_at REAL NOT NULL,
    log TEXT NOT NULL
)
"""
"""Chats looked back on through the model (``veiviser chat``): the analysis log only, as JSON,
after the pack review (roles instead of names, identifiers masked). Kept as long as the
conversations (``retention_days``)."""

MIGRATIONS: dict[int, str] = {1: _SCHEMA_V1, 2: _SCHEMA_V2, 3: _SCHEMA_V3, 4: _SCHEMA_V4}
"""Schema version → the SQL that brings the previous version to it."""


def _first_problem(conn: sqlite3.Connection) -> str:
    """``ok``, or the first thing ``PRAGMA quick_check`` found (it can list hundreds)."""
    lines = [line for line in str(conn.execute("PRAGMA quick_check(1)").fetchone()[0]).splitlines()
             if line.strip() and not line.startswith("***")]  # fmt: skip
    return lines[0] if lines else "ok"


def has_table(conn: sqlite3.Connection, name: str) -> bool:
    """Whether the archive on ``conn`` has table ``name`` (an older one read as it is may not)."""
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,))
    return row.fetchone() is not None


class StoreError(Exception):
    """A problem with the data folder or database, said plainly (``str()`` is the message)."""

    exit_code = 3


class StoreLocked(StoreError):
    """Another Veiviser is running with the same data folder."""

    exit_code = 4


class StoreNotFound(StoreError):
    """No session matches the id given."""

    exit_code = 1


class StoreWriteError(StoreError):
    """A write failed (disk full, I/O error); the caller keeps the text in memory.

    ``reason`` says why in the app's own words (:func:`write_failure`), never the system's
    English («database or disk is full»).
    """

    def __init__(self, message: str, reason: str = "") -> None:
        super().__init__(message)
        self.reason = reason or message


def write_failure(exc: BaseException) -> str:
    """Why a write failed, in the app's language: the disk is full, the folder is read-only,
    no permission, or (else) the system's own words after a plain lead."""
    text = str(exc).lower()
    number = getattr(exc, "errno", None)
    code = getattr(exc, "sqlite_errorcode", None)
    if number == errno.ENOSPC or code == 13 or "disk is full" in text or "no space" in text:
        return t("msg.archive.reason_full")
    if number == errno.EROFS or code == 8 or "readonly" in text or "read-only" in text:
        return t("msg.archive.reason_read_only")
    if number in (errno.EACCES, errno.EPERM) or "permission" in text:
        return t("msg.archive.reason_permission")
    return t("msg.archive.reason_other", exc=exc)


def fold(text: str) -> str:
    """Fold text for search: case and accents (é → e, ü → u), but keep æ, ø and å distinct."""
    out: list[str] = []
    for char in unicodedata.normalize("NFC", text).casefold():
        if char in "æøå":
            out.append(char)
            continue
        out.extend(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    return "".join(out)


@dataclass(frozen=True)
class SessionSummary:
    """A row in the logs list."""

    id: str
    created_at: float
    channel: Channel
    status: str
    duration: float
    phases: tuple[str, ...]
    knapper: tuple[str, ...]
    notes: int
    pinned: int


@dataclass
class Loaded:
    """Everything stored about one session."""

    id: str
    channel: Channel
    status: str
    created_at: float
    moves: list[Move] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    copies: list[Copy] = field(default_factory=list)
    drafts: dict[str, str] = field(default_factory=dict)
    answers: dict[str, str] = field(default_factory=dict)
    decisions: list[tuple[str, str, int, int, str]] = field(default_factory=list)
    last_activity: float = 0.0
    outcome: str | None = None
    """How it ended when not as a whole conversation (``stille``, ``kort``, ``henvist``)."""
    focus: tuple[str, str | None] | None = None
    """The vaktleder's knapp in focus the day it began, and the line with it."""

    def session(self, clock: Clock | None = None) -> Session:
        """Rebuild the Session (no events are emitted while rebuilding)."""
        s = Session(self.channel) if clock is None else Session(self.channel, clock=clock)
        s.moves.extend(self.moves)
        s.notes.extend(self.notes)
        s.copies.extend(self.copies)
        return s


def _private_dir(path: Path) -> None:
    """Create ``path`` as 0700, or tighten an existing folder that others can read."""
    if path.exists() and not path.is_dir():
        raise StoreError(t("msg.archive.not_folder_choose_another", path=path))
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            t("msg.archive.cannot_create_data_folder", path=path, strerror=reason(exc))
        ) from None
    if not path.is_dir():
        raise StoreError(t("msg.archive.not_folder_choose_another", path=path))
    # On Windows the mode bits mean nothing (only "read-only"): the folder is private because it
    # lies in the user's own profile (%LOCALAPPDATA%), whose ACL lets in only that user, the
    # administrators and SYSTEM. A warning there could not be acted on, so none is given.
    if on_read_only_disk(path):  # chmod or «give yourself access» cannot help there
        raise StoreError(t("msg.archive.data_folder_read_only", path=path))
    mode = stat.S_IMODE(path.stat().st_mode)
    if os.name != "nt" and mode & 0o077:
        try:
            path.chmod(0o700)
        except OSError:
            raise StoreError(
                t("msg.archive.data_folder_readable_by", path=path, mode=mode)
            ) from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise StoreError(t("msg.archive.cannot_write_data_folder", path=path))


def on_read_only_disk(path: Path) -> bool:
    """True when ``path`` lies on a file system mounted read-only (a CD, a read-only share or
    snapshot): nothing can be written there, whatever its permissions say."""
    statvfs = getattr(os, "statvfs", None)
    if statvfs is None:  # Windows: a read-only share refuses the write itself
        return False
    try:
        return bool(statvfs(path).f_flag & getattr(os, "ST_RDONLY", 1))
    except OSError:
        return False


def sweep_temp_files(*folders: Path) -> int:
    """Remove temporary export files left by a kill; return how many were removed."""
    removed = 0
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in folder.glob(f"{TEMP_PREFIX}*"):
            try:
                path.unlink()
                removed += 1
            except OSError:
                pass
    return removed


class Store:
    """The archive. Open with :meth:`open`; one connection; every write commits at once."""

    def __init__(self, directory: Path, clock: Clock = time.time) -> None:
        self.directory = directory
        self.path = directory / DB_NAME
        self.clock = clock
        self._conn: sqlite3.Connection | None = None
        self._lock: ProcessLock | None = None
        self.swept = 0
        self.read_only = False
        self._check: threading.Thread | None = None
        self._check_result = "ok"
        self._damaged: StoreError | None = None
        """What :meth:`verify` found, said again every time the archive is reached."""

    # --- opening and closing ----------------------------------------------------------

    def open(self, read_only: bool = False, check_later: bool = False) -> Store:
        """Prepare the folder, take the lock, open and migrate the database.

        With ``check_later`` the integrity check (``PRAGMA quick_check``, which grows with the
        archive) runs in a thread while the app starts; nothing is read or written through
        the store until :meth:`verify` has its answer (every access waits for it), so a
        damaged archive is still refused before anything is written.

        With ``read_only`` (``veiviser logs`` and ``export`` while a conversation is open): no
        lock, no writes, and the database is read as it is (WAL lets a reader in beside the
        writer). An archive that does not exist yet is opened writable, to be made.
        """
        if read_only and self.path.exists():
            self._connect_read_only()
            self.read_only = True
            return self
        _private_dir(self.directory)
        self._take_lock()
        try:
            self._connect(check_later)
        except BaseException:
            self._release_lock()
            raise
        self.swept = sweep_temp_files(self.directory, self.directory / EXPORT_FOLDER)
        return self

    def _take_lock(self) -> None:
        lock = ProcessLock(self.directory / LOCK_NAME)
        try:
            lock.acquire()
        except AlreadyLocked as exc:
            raise StoreLocked(
                t(
                    "msg.archive.veiviser_already_running_with",
                    directory=self.directory,
                    owner=exc.owner,
                )
            ) from None
        self._lock = lock

    def _release_lock(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def _connect_read_only(self) -> None:
        # On a read-only disk SQLite cannot make the WAL index it reads through: the file is
        # then read as it stands (immutable), which is all a read-only disk can hold anyway.
        frozen = "&immutable=1" if on_read_only_disk(self.directory) else ""
        try:
            conn = sqlite3.connect(
                f"{self.path.resolve().as_uri()}?mode=ro{frozen}", uri=True,
                check_same_thread=False,
            )  # fmt: skip
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            check = _first_problem(conn)
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                t("msg.archive.database_damaged_or_not", path=self.path, exc=exc)
            ) from None
        if check != "ok":  # damaged: the same words as the app's start-up
            conn.close()
            raise StoreError(
                t("msg.archive.database_damaged_it_unchanged", path=self.path,
                  _check_result=check)
            )  # fmt: skip
        if not 1 <= version <= SCHEMA_VERSION:
            conn.close()
            raise StoreError(
                t(
                    "msg.archive.database_cannot_be_read",
                    path=self.path,
                    version=version,
                    check=check,
                )
            )
        if version < SCHEMA_VERSION:
            # Made before conversations had an outcome or kept the day's focus (and not opened
            # by this Veiviser's app yet, which would migrate it): read as if none had one,
            # changing nothing on disk.
            missing = ["NULL AS outcome"] if version < 2 else []
            missing += ["NULL AS focus_knapp", "NULL AS focus_message"] if version < 3 else []
            if missing:  # (schema 4 only added a table: analyses() finds it missing)
                conn.execute(f"CREATE TEMP VIEW sessions AS SELECT *, {', '.join(missing)} "
                             "FROM main.sessions")  # fmt: skip
        self._conn = conn

    def _connect(self, check_later: bool = False) -> None:
        new = not self.path.exists()
        if new:
            # Create the file ourselves so it is 0600 whatever the umask; SQLite gives its WAL
            # and shared-memory files the same mode as the database.
            os.close(os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600))
        else:
            os.chmod(self.path, 0o600)
        try:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                conn.close()
                raise StoreError(
                    t(
                        "msg.archive.database_was_made_by",
                        path=self.path,
                        version=version,
                        SCHEMA_VERSION=SCHEMA_VERSION,
                    )
                )
            if check_later and not new and version == SCHEMA_VERSION:
                # Made by this Veiviser: already WAL, nothing to migrate, so nothing below
                # writes. The check runs beside the start-up; verify() waits for it.
                self._check = threading.Thread(target=self._check_in_background, daemon=True)
                self._check.start()
            elif not new:
                check = _first_problem(conn)
                if check != "ok":
                    conn.close()
                    raise sqlite3.DatabaseError(check)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA secure_delete=ON")
            self._migrate(conn, version)
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                t("msg.archive.database_damaged_or_not", path=self.path, exc=exc)
            ) from None
        self._conn = conn

    def _check_in_background(self) -> None:
        # Behind the start-up it runs beside: on a machine of two cores the check (≈ 90 ms for
        # 10,000 conversations) took CPU from the first frame. Linux niceness is per thread.
        if sys.platform != "win32":
            with contextlib.suppress(AttributeError, OSError):
                os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
        try:
            conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
            try:
                self._check_result = _first_problem(conn)
            finally:
                conn.close()
        except sqlite3.Error as exc:
            self._check_result = str(exc)

    def verify(self) -> None:
        """Wait for the integrity check started by ``open(check_later=True)``.

        Raises:
            StoreError: The archive is damaged; it is closed, unchanged.
        """
        if self._damaged is not None:  # asked again: the same answer, never a closed store
            raise self._damaged
        check, self._check = self._check, None
        if check is None:
            return
        check.join()
        if self._check_result != "ok":
            self.close()
            self._damaged = StoreError(
                t(
                    "msg.archive.database_damaged_it_unchanged",
                    path=self.path,
                    _check_result=self._check_result,
                )
            )
            raise self._damaged

    @staticmethod
    def _migrate(conn: sqlite3.Connection, version: int) -> None:
        for target in range(version + 1, SCHEMA_VERSION + 1):
            conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in MIGRATIONS[target].split(";\n"):
                    if statement.strip():
                        conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {target}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise

    def close(self) -> None:
        """Close the database and release the lock (safe to call twice)."""
        if self._check is not None:  # let the check's own connection finish first
            self._check.join()
            self._check = None
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        self._release_lock()

    @property
    def conn(self) -> sqlite3.Connection:
        """The open connection (once the integrity check has said it is sound)."""
        if self._check is not None or self._damaged is not None:
            self.verify()
        if self._conn is None:
            raise StoreError(t("msg.archive.archive_not_open"))
        return self._conn

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction, committed durably; failures become StoreWriteError."""
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        except (sqlite3.OperationalError, OSError) as exc:
            reason = write_failure(exc)
            raise StoreWriteError(t("msg.archive.could_not_save", exc=reason), reason) from exc

    # --- sessions ---------------------------------------------------------------------

    def create_session(self, channel: Channel,
                       focus: tuple[str, str | None] | None = None) -> str:  # fmt: skip
        """Start a new session row (with the day's knapp in focus, if any); return its id."""
        session_id = uuid.uuid4().hex
        now = self.clock()
        knapp, message = focus if focus is not None else (None, None)
        with self._write() as conn:
            conn.execute(
                "INSERT INTO sessions (id, created_at, channel, updated_at, focus_knapp,"
                " focus_message) VALUES (?, ?, ?, ?, ?, ?)",
                (session_id, now, channel, now, knapp, message),
            )
        return session_id

    def _touch(self, conn: sqlite3.Connection, session_id: str) -> None:
        conn.execute("UPDATE sessions SET updated_at = ? WHERE id = ?", (self.clock(), session_id))

    def record(self, session_id: str, event: Event) -> None:
        """Commit one move, note, pin or copy."""
        if isinstance(event, Pin):
            self.set_pinned(session_id, event.note_id, event.pinned)
            return
        with self._write() as conn:
            if isinstance(event, Move):
                seq = conn.execute(
                    "SELECT COUNT(*) FROM moves WHERE session_id = ?", (session_id,)
                ).fetchone()[0]
                conn.execute(
                    "INSERT INTO moves VALUES (?, ?, ?, ?, ?, ?)",
                    (session_id, seq + 1, event.at, event.kind.value, event.src, event.dst),
                )
                if event.dst == FINISHED:
                    conn.execute(
                        "UPDATE sessions SET status = 'finished' WHERE id = ? AND status = 'open'",
                        (session_id,),
                    )
            elif isinstance(event, Note):
                conn.execute(
                    "INSERT INTO notes VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (session_id, event.id, event.at, event.phase, event.round, event.text,
                     event.knapp, int(event.pinned)),
                )  # fmt: skip
                conn.execute(
                    "INSERT INTO search VALUES (?, ?, ?)",
                    (session_id, f"note:{event.id}", fold(event.text)),
                )
            else:
                seq = conn.execute(
                    "SELECT COUNT(*) FROM copies WHERE session_id = ?", (session_id,)
                ).fetchone()[0]
                conn.execute(
                    "INSERT INTO copies VALUES (?, ?, ?, ?, ?, ?)",
                    (session_id, seq + 1, event.at, event.prompt_id, event.phase, event.text),
                )
            self._touch(conn, session_id)

    def set_pinned(self, session_id: str, note_no: int, pinned: bool) -> None:
        """Pin or unpin a saved note."""
        with self._write() as conn:
            conn.execute(
                "UPDATE notes SET pinned = ? WHERE session_id = ? AND no = ?",
                (int(pinned), session_id, note_no),
            )
            self._touch(conn, session_id)

    def replace_note_text(self, session_id: str, note_no: int, text: str) -> None:
        """Store a masked note text (after the privacy review)."""
        with self._write() as conn:
            conn.execute(
                "UPDATE notes SET text = ? WHERE session_id = ? AND no = ?",
                (text, session_id, note_no),
            )
            conn.execute(
                "UPDATE search SET text = ? WHERE session_id = ? AND source = ?",
                (fold(text), session_id, f"note:{note_no}"),
            )

    def replace_text(self, session_id: str, source: str, text: str) -> None:
        """Store a masked text by its log source (``note:3``, ``answer:id``, ``copy:2``)."""
        kind, _, key = source.partition(":")
        if kind == "note":
            self.replace_note_text(session_id, int(key), text)
        elif kind == "answer":
            self.save_answer(session_id, key, text)
        else:
            with self._write() as conn:
                conn.execute(
                    "UPDATE copies SET text = ? WHERE session_id = ? AND seq = ?",
                    (text, session_id, int(key)),
                )

    def save_draft(self, session_id: str, field_name: str, text: str) -> None:
        """Upsert the text being typed in ``field_name`` (empty text removes the draft)."""
        with self._write() as conn:
            if text:
                conn.execute(
                    "INSERT INTO drafts VALUES (?, ?, ?, ?) ON CONFLICT (session_id, field) "
                    "DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
                    (session_id, field_name, text, self.clock()),
                )
            else:
                conn.execute(
                    "DELETE FROM drafts WHERE session_id = ? AND field = ?",
                    (session_id, field_name),
                )
            self._touch(conn, session_id)

    def save_answer(self, session_id: str, question_id: str, text: str) -> None:
        """Upsert a reflection answer and its search entry."""
        source = f"answer:{question_id}"
        with self._write() as conn:
            conn.execute(
                "INSERT INTO answers VALUES (?, ?, ?, ?) ON CONFLICT (session_id, question_id) "
                "DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
                (session_id, question_id, text, self.clock()),
            )
            conn.execute(
                "DELETE FROM search WHERE session_id = ? AND source = ?", (session_id, source)
            )
            if text.strip():
                conn.execute(
                    "INSERT INTO search VALUES (?, ?, ?)", (session_id, source, fold(text))
                )
            self._touch(conn, session_id)

    def record_decision(
        self, session_id: str, source: str, kind: str, start: int, length: int, decision: str
    ) -> None:
        """Record a privacy decision (mask or keep) for a hit."""
        with self._write() as conn:
            conn.execute(
                "INSERT INTO privacy_decisions VALUES (?, ?, ?, ?, ?, ?, ?)",
                (session_id, source, kind, start, length, decision, self.clock()),
            )

    # --- chats looked back on ---------------------------------------------------------------

    def save_analysis(self, log: str, created_at: float) -> str:
        """Keep a reviewed chat analysis (its JSON log); returns its id."""
        analysis_id = uuid.uuid4().hex
        with self._write() as conn:
            conn.execute("INSERT INTO analyses (id, created_at, log) VALUES (?, ?, ?)",
                         (analysis_id, created_at, log))  # fmt: skip
        return analysis_id

    def analyses(self, since: float = 0.0) -> list[tuple[str, float, str]]:
        """The chats looked back on since ``since``: (id, created_at, log), newest last."""
        if not self._has_analyses():
            return []
        return list(self.conn.execute(
            "SELECT id, created_at, log FROM analyses WHERE created_at >= ? ORDER BY created_at",
            (since,)))  # fmt: skip

    def drop_analyses_before(self, cutoff: float) -> int:
        """Remove the analyses older than ``cutoff`` (retention); how many went."""
        if self.read_only or not self._has_analyses():
            return 0
        old = self.conn.execute("SELECT 1 FROM analyses WHERE created_at < ? LIMIT 1", (cutoff,))
        if old.fetchone() is None:  # the usual start: a read, no write
            return 0
        with self._write() as conn:
            return conn.execute("DELETE FROM analyses WHERE created_at < ?", (cutoff,)).rowcount

    def _has_analyses(self) -> bool:
        """An archive read as it is (schema < 4, read-only) has no table for them."""
        return has_table(self.conn, "analyses")

    def set_outcome(self, session_id: str, outcome: str | None) -> None:
        """How the conversation ended (None: as a whole conversation)."""
        with self._write() as conn:
            conn.execute("UPDATE sessions SET outcome = ? WHERE id = ?", (outcome, session_id))

    def save_log(self, session_id: str, log_json: str) -> None:
        """Archive the finished log and mark the session saved."""
        with self._write() as conn:
            conn.execute(
                "INSERT INTO logs VALUES (?, ?, ?) ON CONFLICT (session_id) "
                "DO UPDATE SET saved_at = excluded.saved_at, json = excluded.json",
                (session_id, self.clock(), log_json),
            )
            conn.execute("UPDATE sessions SET status = 'saved' WHERE id = ?", (session_id,))
            conn.execute("DELETE FROM drafts WHERE session_id = ?", (session_id,))

    def discard(self, session_id: str) -> None:
        """Delete a session and everything about it."""
        with self._write() as conn:
            conn.execute("DELETE FROM search WHERE session_id = ?", (session_id,))
            conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))

    # --- reading ----------------------------------------------------------------------

    def unfinished(self) -> list[str]:
        """Ids of sessions not yet saved to the archive, newest first (not the empty ones)."""
        rows = self.conn.execute(
            "SELECT s.id FROM sessions s WHERE s.status != 'saved' AND ("
            " EXISTS (SELECT 1 FROM moves m WHERE m.session_id = s.id) OR"
            " EXISTS (SELECT 1 FROM notes n WHERE n.session_id = s.id) OR"
            " EXISTS (SELECT 1 FROM drafts d WHERE d.session_id = s.id))"
            " ORDER BY s.updated_at DESC"
        ).fetchall()
        return [r[0] for r in rows]

    _EMPTY = (
        "status = 'open' AND"
        " NOT EXISTS (SELECT 1 FROM moves m WHERE m.session_id = sessions.id) AND"
        " NOT EXISTS (SELECT 1 FROM notes n WHERE n.session_id = sessions.id) AND"
        " NOT EXISTS (SELECT 1 FROM drafts d WHERE d.session_id = sessions.id)"
    )

    def drop_empty(self) -> None:
        """Remove sessions where nothing happened (opened and closed without a note).

        Looked for first with a read: at most starts there is none, and a write transaction
        costs a durable commit (an fsync) on the way to the first frame."""
        if self.conn.execute(f"SELECT 1 FROM sessions WHERE {self._EMPTY} LIMIT 1").fetchone():
            with self._write() as conn:
                conn.execute(f"DELETE FROM sessions WHERE {self._EMPTY}")

    def load(self, session_id: str) -> Loaded:
        """Read everything about one session."""
        conn = self.conn
        row = conn.execute(
            "SELECT channel, status, created_at, updated_at, outcome, focus_knapp, focus_message"
            " FROM sessions WHERE id = ?",
            (session_id,),
        ).fetchone()
        if row is None:
            raise StoreError(t("msg.archive.no_session_with_id", session_id=session_id))
        focus = None if row[5] is None else (row[5], row[6])
        loaded = Loaded(session_id, row[0], row[1], row[2], last_activity=row[3], outcome=row[4],
                        focus=focus)  # fmt: skip
        for at, kind, src, dst in conn.execute(
            "SELECT at, kind, src, dst FROM moves WHERE session_id = ? ORDER BY seq", (session_id,)
        ):
            loaded.moves.append(Move(at, MoveKind(kind), _state(src), _state(dst)))
        for no, at, phase, rnd, text, knapp, pinned in conn.execute(
            "SELECT no, at, phase, round, text, knapp, pinned FROM notes WHERE session_id = ?"
            " ORDER BY no",
            (session_id,),
        ):
            loaded.notes.append(Note(no, at, _phase(phase), rnd, text, knapp, bool(pinned)))
        for at, prompt_id, phase, text in conn.execute(
            "SELECT at, prompt_id, phase, text FROM copies WHERE session_id = ? ORDER BY seq",
            (session_id,),
        ):
            loaded.copies.append(Copy(at, prompt_id, _phase(phase), text))
        loaded.drafts = dict(
            conn.execute("SELECT field, text FROM drafts WHERE session_id = ?", (session_id,))
        )
        loaded.answers = dict(
            conn.execute(
                "SELECT question_id, text FROM answers WHERE session_id = ?", (session_id,)
            )
        )
        loaded.decisions = list(
            conn.execute(
                "SELECT source, kind, start, length, decision FROM privacy_decisions"
                " WHERE session_id = ? ORDER BY decided_at",
                (session_id,),
            )
        )
        return loaded

    def saved_log(self, session_id: str) -> str | None:
        """The archived log JSON for a session, if it was saved."""
        row = self.conn.execute(
            "SELECT json FROM logs WHERE session_id = ?", (session_id,)
        ).fetchone()
        return None if row is None else str(row[0])

    def saved_logs(self) -> list[str]:
        """Every archived log JSON (for the case pack's check that it matches several)."""
        return [str(row[0]) for row in self.conn.execute("SELECT json FROM logs")]

    def find(self, prefix: str) -> str:
        """Resolve a session id from its first characters (as shown by ``veiviser logs``)."""
        rows = self.conn.execute(
            "SELECT id FROM sessions WHERE id LIKE ? || '%'", (prefix.lower(),)
        ).fetchall()
        if len(rows) != 1:
            raise StoreNotFound(
                t("msg.archive.no_session_starts_with", prefix=prefix)
                if not rows
                else t("msg.archive.fits_several_sessions_type", prefix=prefix)
            )
        return str(rows[0][0])

    def search(self, text: str) -> list[str]:
        """Session ids whose notes or answers contain every word of ``text`` (prefix match)."""
        words = [w for w in fold(text).replace('"', " ").split() if w]
        if not words:
            return []
        query = " ".join(f'"{w}"*' for w in words)
        rows = self.conn.execute(
            "SELECT DISTINCT session_id FROM search WHERE search MATCH ?", (query,)
        ).fetchall()
        return [r[0] for r in rows]

    def summaries(self, ids: list[str] | None = None) -> list[SessionSummary]:
        """Summaries of the given sessions (all when None), newest first.

        One query per table for all of them (not one load per session): the archive of a
        year opens at once.
        """
        where, args = "", tuple[str, ...]()
        if ids is not None:
            if not ids:
                return []
            where = f"WHERE id IN ({','.join('?' * len(ids))})"
            args = tuple(ids)
        conn = self.conn
        chosen = f"SELECT id FROM sessions {where}"
        moves: dict[str, list[Move]] = {}
        for sid, at, kind, src, dst in conn.execute(
            f"SELECT session_id, at, kind, src, dst FROM moves WHERE session_id IN ({chosen})"
            " ORDER BY session_id, seq",
            args,
        ):
            moves.setdefault(sid, []).append(Move(at, MoveKind(kind), _state(src), _state(dst)))
        counts: dict[str, tuple[int, int]] = {}
        knapper: dict[str, list[str]] = {}
        for sid, knapp, pinned in conn.execute(
            f"SELECT session_id, knapp, pinned FROM notes WHERE session_id IN ({chosen})"
            " ORDER BY session_id, no",
            args,
        ):
            n, p = counts.get(sid, (0, 0))
            counts[sid] = (n + 1, p + bool(pinned))
            if knapp:
                knapper.setdefault(sid, []).append(knapp)
        copied: dict[str, list[str]] = {}
        for sid, prompt_id in conn.execute(
            f"SELECT session_id, prompt_id FROM copies WHERE session_id IN ({chosen})"
            " ORDER BY session_id, seq",
            args,
        ):
            if prompt_id.count(".") == 2:  # a knapp's prompt: <knapp>.<phase>.<n>
                copied.setdefault(sid, []).append(prompt_id.split(".")[0])
        out: list[SessionSummary] = []
        for sid, created, channel, status, updated in conn.execute(
            f"SELECT id, created_at, channel, status, updated_at FROM sessions {where}"
            " ORDER BY created_at DESC",
            args,
        ):
            session = Session(channel)
            session.moves.extend(moves.get(sid, []))
            # An unfinished conversation ends at its last activity, not now (as when resumed).
            duration = (
                session.session_seconds()
                if session.finished
                else session.session_seconds(now=updated)
            )
            phases = tuple(dict.fromkeys(m.dst for m in session.moves if m.dst != FINISHED))
            used = tuple(dict.fromkeys(knapper.get(sid, []) + copied.get(sid, [])))
            n_notes, n_pinned = counts.get(sid, (0, 0))
            out.append(
                SessionSummary(
                    sid, created, channel, status, duration, phases, used, n_notes, n_pinned
                )
            )
        return out

    def older_than(self, cutoff: float) -> list[str]:
        """Ids of sessions created before ``cutoff`` (for the retention period)."""
        rows = self.conn.execute(
            "SELECT id FROM sessions WHERE created_at < ? ORDER BY created_at", (cutoff,)
        ).fetchall()
        return [r[0] for r in rows]


def _state(value: str) -> State:
    return value  # type: ignore[return-value]


def _phase(value: str | None) -> PhaseId | None:
    return value  # type: ignore[return-value]
