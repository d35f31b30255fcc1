"""The visits database: its file, its schema, and the migration that brings a file up to date.

May import: the standard library (sqlite3) and nanyi_desk.user_dirs. No Qt, no matplotlib:
the recorder runs on the kiosk's GUI thread and the report reads the same file.

Schema version 1 (``PRAGMA user_version``); every time is ISO 8601 in UTC, every duration
in seconds, and slides are 0-based:

- ``sessions``: one row per visit, first touch to idle reset (or quit).
- ``slide_views``: each slide shown in a session, in order, with how long it stayed.
- ``panel_opens``: each drill-down panel opened, with the slide under it and its depth
  (1 = opened from the slide, 2 = from inside a panel, ...).
- ``language_changes``: each switch of language during a session.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

from nanyi_desk.user_dirs import data_dir

FILE_NAME = "visits.sqlite3"
"""The database's name inside the data folder."""

SCHEMA_VERSION = 1
"""The newest schema this code reads and writes."""

BUSY_TIMEOUT_S = 0.5
"""How long a statement waits for another connection's lock before giving up.

Writes happen on the GUI thread: a reader holding the file (someone running `report` on the
kiosk, a backup) must cost the show half a second at most, never a freeze.
"""

_MIGRATIONS: dict[int, str] = {
    # Version N's script takes a file from N-1 to N. Never edit a released script: add one.
    1: """
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        deck TEXT NOT NULL,
        started_utc TEXT NOT NULL,
        ended_utc TEXT NOT NULL,
        duration_s REAL NOT NULL,
        utc_offset_min INTEGER NOT NULL,
        end_reason TEXT NOT NULL,
        lang_start TEXT NOT NULL,
        lang_end TEXT NOT NULL
    );
    CREATE TABLE slide_views (
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        slide_index INTEGER NOT NULL,
        slide_id TEXT,
        entered_utc TEXT NOT NULL,
        dwell_s REAL NOT NULL
    );
    CREATE TABLE panel_opens (
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        panel_id TEXT NOT NULL,
        slide_index INTEGER NOT NULL,
        opened_utc TEXT NOT NULL,
        depth INTEGER NOT NULL
    );
    CREATE TABLE language_changes (
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        lang TEXT NOT NULL,
        at_utc TEXT NOT NULL
    );
    CREATE INDEX sessions_started ON sessions(started_utc);
    CREATE INDEX slide_views_session ON slide_views(session_id);
    CREATE INDEX panel_opens_session ON panel_opens(session_id);
    CREATE INDEX language_changes_session ON language_changes(session_id);
    """,
}


class SchemaTooNew(sqlite3.DatabaseError):
    """The file was written by a newer nanyi-desk; this one must not write to it."""


Connect = Callable[[Path], sqlite3.Connection]
"""Opens the database for writing (the recorder takes one, so tests can break it)."""


def default_path() -> Path:
    """``visits.sqlite3`` in the data folder (moved with NANYI_DESK_DATA_DIR)."""
    return data_dir() / FILE_NAME


def connect(path: Path) -> sqlite3.Connection:
    """Open `path` for writing, made with its folder: WAL, short busy timeout, schema up to date.

    Raises:
        sqlite3.Error: the file cannot be opened, is not a database, or is locked.
        SchemaTooNew: a newer nanyi-desk wrote it.
    """
    # The folder is made here, by the writer: the report only reads and must leave no
    # trace. If it cannot be made, sqlite's "unable to open" below says so.
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
    # isolation_level=None: we say BEGIN ourselves, so each transaction is exactly as short
    # as the code around it reads.
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    try:
        # WAL: the report (a reader) never blocks the kiosk (the writer), and a commit is one
        # append; synchronous=NORMAL then loses at most the last visits on power loss,
        # never the file.
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        migrate(conn, path)
    except BaseException:
        conn.close()
        raise
    return conn


def connect_readonly(path: Path) -> sqlite3.Connection:
    """Open `path` for reading only: the report never creates, migrates or changes a file.

    A WAL database opened read-only still needs its `-shm` index beside it, which read-only
    media (a USB stick locked, a CD, a read-only share) cannot hold: sqlite then says
    "unable to open database file". So a file that cannot be opened as it is is read
    `immutable` (no locks, no index) when it has no journal waiting beside it; one with a
    `-wal` journal (a kiosk that crashed, or a copy taken while it ran) is copied with its
    journal into a temporary folder, read into memory from there, and the copy removed, so
    its last visits are counted too.

    Raises:
        sqlite3.Error: the file cannot be read or is not a database.
        SchemaTooNew: a newer nanyi-desk wrote it.
    """
    uri = path.resolve().as_uri()
    try:
        conn = _checked(sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=2.0), path)
    except sqlite3.OperationalError:
        if not path.is_file():
            raise
        conn = _read_from_elsewhere(path, uri)
    return conn


def _checked(conn: sqlite3.Connection, path: Path) -> sqlite3.Connection:
    try:
        version = schema_version(conn)  # the first read: a file that cannot be read fails here
        if version > SCHEMA_VERSION:
            raise SchemaTooNew(_too_new(path, version))
    except BaseException:
        conn.close()
        raise
    return conn


def _read_from_elsewhere(path: Path, uri: str) -> sqlite3.Connection:
    journal = Path(f"{path}-wal")
    if not journal.is_file() or journal.stat().st_size == 0:
        return _checked(sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True), path)
    import shutil
    import tempfile

    memory = sqlite3.connect(":memory:")
    try:
        with tempfile.TemporaryDirectory(prefix="nanyi-desk-report-") as folder:
            copy = Path(folder) / path.name
            shutil.copyfile(path, copy)
            shutil.copyfile(journal, Path(f"{copy}-wal"))
            source = sqlite3.connect(copy)
            try:
                _checked(source, path).backup(memory)
            finally:
                source.close()
    except BaseException:
        memory.close()
        raise
    return memory


def schema_version(conn: sqlite3.Connection) -> int:
    """The file's schema version (0 for a new, empty file)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, path: Path | str = "the visits database") -> int:
    """Bring the file's schema up to SCHEMA_VERSION, one version per transaction.

    Returns:
        The version the file had before.

    Raises:
        SchemaTooNew: the file is newer than this code; nothing was changed.
    """
    before = schema_version(conn)
    if before > SCHEMA_VERSION:
        raise SchemaTooNew(_too_new(path, before))
    for version in range(before + 1, SCHEMA_VERSION + 1):
        # BEGIN IMMEDIATE: two kiosks starting at once on one file cannot both create tables.
        conn.execute("BEGIN IMMEDIATE")
        try:
            if schema_version(conn) < version:
                for statement in _MIGRATIONS[version].split(";"):
                    if statement.strip():
                        conn.execute(statement)
                # PRAGMA takes no parameters; version is our own int.
                conn.execute(f"PRAGMA user_version = {version:d}")
            conn.execute("COMMIT")
        except BaseException:
            # Some errors (a full disk) have already rolled back: a second ROLLBACK would
            # raise and hide the first error.
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return before


def _too_new(path: Path | str, version: int) -> str:
    return (
        f"{path} has visits schema version {version}, but this nanyi-desk knows versions up "
        f"to {SCHEMA_VERSION}: it was written by a newer nanyi-desk. Upgrade, or move the "
        f"file aside to start a new one."
    )
