"""The visit recorder: what a visitor does between first touch and idle reset, into SQLite.

May import: the standard library and this package. No Qt, no matplotlib: the Qt observer
(`nanyi_desk.ui.visits`) feeds it, and tests drive it with a fake clock.

A visit is kept in memory while it lasts and written in one short transaction when it ends.
While it lasts, a timer (never a key press) asks for a `checkpoint`: the visit so far is
written as a session whose end_reason is "open", replaced by each later checkpoint and by the
visit's end. A player that crashes, or is killed as hung, so loses at most the seconds since
the last checkpoint; the next recorder on the file marks what was left "open" as "crashed".
Nothing here ever raises into the show: a locked, read-only, full or corrupt database is
logged, counted, and the finished visits wait in a bounded queue for the next attempt.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from . import store

log = logging.getLogger("nanyi_desk.analytics")

SQLITE_NOTADB = 26
"""sqlite3's result code for "file is not a database"."""
OPEN = "open"
"""The end_reason of a visit still under way (written by a checkpoint)."""
CRASHED = "crashed"
"""The end_reason of a visit its player never ended: an "open" one found by the next start."""
REFRESH_S = 30.0
"""A checkpoint with nothing new still writes after this long, so that the dwell on the slide
being read is kept to within this much."""
BACKOFF_S = 120.0
"""After a checkpoint failed, none is tried for this long: a locked file costs the show its
half-second busy wait at most every two minutes, not at every checkpoint."""


@dataclass
class _SlideView:
    index: int
    slide_id: str | None
    entered: float
    dwell: float = 0.0


@dataclass
class _Visit:
    """One session, first touch to its end, as rows waiting to be written."""

    started: float
    utc_offset_min: int
    lang_start: str
    lang: str
    views: list[_SlideView] = field(default_factory=list)
    panels: list[tuple[str, int, float, int]] = field(default_factory=list)
    """(panel id, slide index, opened at, depth)."""
    languages: list[tuple[str, float]] = field(default_factory=list)
    """(language, at)."""
    ended: float = 0.0
    reason: str = ""
    session_id: int | None = None
    """The session's row once a checkpoint wrote it: later writes replace that row."""
    changed: bool = True
    """Something happened since the last checkpoint."""
    saved_at: float = 0.0
    """When the last checkpoint wrote it."""

    def rows(self) -> int:
        return 1 + len(self.views) + len(self.panels) + len(self.languages)


@dataclass
class RecorderStats:
    """What the recorder did since it started: for the log, the kiosk's status and tests."""

    sessions_written: int = 0
    """Visits safely in the database."""
    write_failures: int = 0
    """Attempts to write that failed (each is logged)."""
    sessions_dropped: int = 0
    """Visits given up because the queue of unwritten ones was full."""
    events_dropped: int = 0
    """Events beyond a single visit's limit (a visitor playing for hours)."""
    pending: int = 0
    """Finished visits waiting to be written."""
    last_error: str = ""
    """The last failure's message, empty after a success."""


class Recorder:
    """Records visits to a deck into the SQLite file at `path`; never raises.

    Args:
        path: The database (see `store.default_path()`); created on first write.
        deck: The deck's name, stored with each visit so that one file can hold several.
        clock: Seconds since the epoch; dwell and session length come from it.
        connect: Opens the database for writing (tests pass one that fails).
        utc_offset_min: The kiosk's offset from UTC in minutes, stored with each visit so
            that the report counts visitors by the kiosk's own hours; None reads it from the
            local time zone at each visit's start.
        max_pending_rows: How many rows of finished, unwritten visits to keep in memory
            while the database cannot be written; the oldest visits go first.
        max_events: The most rows one visit writes (its session row and first slide count).
    """

    def __init__(
        self,
        path: Path,
        deck: str,
        clock: Callable[[], float] = time.time,
        *,
        connect: store.Connect = store.connect,
        utc_offset_min: int | None = None,
        max_pending_rows: int = 50_000,
        max_events: int = 5_000,
    ) -> None:
        self.path = Path(path)
        self.deck = deck
        self._clock = clock
        self._connect = connect
        self._utc_offset_min = utc_offset_min
        self._max_pending_rows = max_pending_rows
        self._max_events = max_events
        self._visit: _Visit | None = None
        self._pending: deque[_Visit] = deque()
        self._pending_rows = 0
        self._conn: sqlite3.Connection | None = None
        self._recovered = False
        self._no_checkpoint_until = float("-inf")
        self.stats = RecorderStats()

    @property
    def active(self) -> bool:
        """True between `begin` and `end`."""
        return self._visit is not None

    # ------------------------------------------------------------------ events

    def begin(self, lang: str, slide_index: int, slide_id: str | None = None) -> None:
        """A visitor touched the screen: a session starts on this slide, in this language."""
        now = self._clock()
        if self._visit is not None:
            # The kiosk missed an idle reset: close the old visit rather than merge two people.
            self.end("restarted")
        offset = self._utc_offset_min
        if offset is None:
            offset = (time.localtime(now).tm_gmtoff or 0) // 60
        self._visit = _Visit(started=now, utc_offset_min=offset, lang_start=lang, lang=lang)
        self._visit.views.append(_SlideView(slide_index, slide_id, now))

    def slide(self, index: int, slide_id: str | None = None) -> None:
        """The visitor moved to slide `index` (0-based)."""
        visit = self._visit
        if visit is None or (visit.views and visit.views[-1].index == index):
            return
        if not self._room(visit):
            return
        now = self._clock()
        if visit.views:
            last = visit.views[-1]
            last.dwell = max(0.0, now - last.entered)
        visit.views.append(_SlideView(index, slide_id, now))
        visit.changed = True

    def panel(self, panel_id: str, slide_index: int, depth: int) -> None:
        """The visitor opened a panel; depth 1 is opened from the slide itself."""
        visit = self._visit
        if visit is None or not self._room(visit):
            return
        visit.panels.append((panel_id, slide_index, self._clock(), depth))
        visit.changed = True

    def language(self, lang: str) -> None:
        """The visitor switched language."""
        visit = self._visit
        if visit is None or lang == visit.lang or not self._room(visit):
            return
        visit.lang = lang
        visit.languages.append((lang, self._clock()))
        visit.changed = True

    def checkpoint(self) -> bool:
        """Write the visit under way as it stands, as an "open" session; True if written.

        For a timer, every few seconds of a visit: it writes only when something happened
        since the last checkpoint, or `REFRESH_S` passed. Skipped while finished visits wait
        for a disk that refused them (the end of this one will queue it with them), and
        for `BACKOFF_S` after a checkpoint failed.
        """
        visit = self._visit
        if visit is None or self._pending:
            return False
        now = self._clock()
        if now < self._no_checkpoint_until:
            return False
        if not visit.changed and now - visit.saved_at < REFRESH_S:
            return False
        visit.ended, visit.reason = max(now, visit.started), OPEN
        if visit.views:
            last = visit.views[-1]
            last.dwell = max(0.0, now - last.entered)
        try:
            visit.session_id = _write(self._connection(), self.deck, visit)
        except Exception as exc:  # whatever the disk says, the show goes on
            self._failed(exc)
            self._no_checkpoint_until = now + BACKOFF_S
            return False
        visit.changed, visit.saved_at = False, now
        return True

    def recover(self) -> None:
        """Mark the visits a crashed player left "open" as "crashed" (at start; never raises)."""
        try:
            self._connection()
        except Exception as exc:
            self._failed(exc)

    def end(self, reason: str, idle_s: float = 0.0) -> None:
        """The session ends ("idle", "exit", ...) and is written.

        Args:
            reason: Why it ended, stored as is.
            idle_s: How long nobody has touched the screen already (the idle-reset delay),
                so that the wait counts neither as the last slide's dwell nor as session
                length. Seconds rather than a time: the caller's clock may not be ours.
        """
        visit = self._visit
        if visit is None:
            return
        self._visit = None
        ended = max(self._clock() - max(0.0, idle_s), visit.started)
        visit.ended, visit.reason = ended, reason
        if visit.views:
            last = visit.views[-1]
            last.dwell = max(0.0, ended - last.entered)
        self._queue(visit)
        self.flush()

    def close(self) -> None:
        """End an open session as "closed", write what waits, and close the file."""
        self.end("closed")
        self._drop_connection()

    def _drop_connection(self) -> None:
        if self._conn is not None:
            # Closing a broken connection can fail too; there is nothing left to save in it.
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None

    # ------------------------------------------------------------------ writing

    def flush(self) -> bool:
        """Write every finished visit that waits; True when none is left.

        Each visit is one transaction, so a failure half-way keeps the visits not yet
        written and never leaves half a visit in the file.
        """
        while self._pending:
            visit = self._pending[0]
            try:
                conn = self._connection()
                _write(conn, self.deck, visit)
            except Exception as exc:  # whatever the disk says, the show goes on
                self._failed(exc)
                return False
            self._pending.popleft()
            self._pending_rows -= visit.rows()
            self.stats.sessions_written += 1
            self.stats.last_error = ""
        self.stats.pending = 0
        return True

    def _queue(self, visit: _Visit) -> None:
        self._pending.append(visit)
        self._pending_rows += visit.rows()
        # Memory is bounded: while the disk refuses, the oldest visits go first, counted.
        while self._pending_rows > self._max_pending_rows and len(self._pending) > 1:
            old = self._pending.popleft()
            self._pending_rows -= old.rows()
            self.stats.sessions_dropped += 1
            log.warning(
                "visits database %s: dropped an unwritten visit (%d so far)",
                self.path,
                self.stats.sessions_dropped,
            )
        self.stats.pending = len(self._pending)

    def _room(self, visit: _Visit) -> bool:
        if visit.rows() < self._max_events:
            return True
        self.stats.events_dropped += 1
        return False

    def _connection(self) -> sqlite3.Connection:
        if self._conn is not None:
            return self._conn
        try:
            self._conn = self._connect(self.path)
        except sqlite3.DatabaseError as exc:
            if getattr(exc, "sqlite_errorcode", None) != SQLITE_NOTADB:
                raise
            # Not a database (a crash mid-copy, a stray file): keep it for whoever wants to
            # look, and record into a fresh file rather than into nothing for weeks.
            aside = self._move_aside()
            log.error("visits database %s is not a database; moved it to %s", self.path, aside)
            self._conn = self._connect(self.path)
        if not self._recovered:
            self._recover_open(self._conn)
        return self._conn

    def _recover_open(self, conn: sqlite3.Connection) -> None:
        # Once per recorder, before it writes a visit of its own: any "open" visit of this
        # deck is one a player never ended. (A second kiosk on the same file and deck would
        # see its visit so marked until its next checkpoint writes it "open" again.)
        cur = conn.execute(
            "UPDATE sessions SET end_reason = ? WHERE end_reason = ? AND deck = ?",
            (CRASHED, OPEN, self.deck),
        )
        self._recovered = True
        if cur.rowcount:
            log.warning(
                "visits database %s: %d visit(s) cut short by a crash", self.path, cur.rowcount
            )

    def _move_aside(self) -> Path:
        stamp = datetime.fromtimestamp(self._clock(), timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        self.path.replace(aside)
        for suffix in ("-wal", "-shm"):
            # The journal of a file that is not a database belongs to nothing.
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        return aside

    def _failed(self, exc: BaseException) -> None:
        self.stats.write_failures += 1
        self.stats.pending = len(self._pending)
        self.stats.last_error = f"{type(exc).__name__}: {exc}"
        log.warning(
            "visits database %s: cannot write (%s); %d visit(s) kept in memory to retry, "
            "%d failure(s) so far",
            self.path,
            self.stats.last_error,
            len(self._pending),
            self.stats.write_failures,
        )
        # Open afresh next time: the file may have been replaced, unlocked or freed.
        self._drop_connection()


def _utc(t: float) -> str:
    return datetime.fromtimestamp(t, timezone.utc).isoformat(timespec="milliseconds")


def _write(conn: sqlite3.Connection, deck: str, visit: _Visit) -> int:
    """One visit in one transaction: all of it or nothing; returns its session's id.

    A visit a checkpoint wrote before replaces its rows (the session's delete cascades).
    """
    # IMMEDIATE takes the write lock up front, so a busy file fails here, before any row.
    conn.execute("BEGIN IMMEDIATE")
    try:
        if visit.session_id is not None:
            conn.execute("DELETE FROM sessions WHERE id = ?", (visit.session_id,))
        cur = conn.execute(
            "INSERT INTO sessions (id, deck, started_utc, ended_utc, duration_s, utc_offset_min,"
            " end_reason, lang_start, lang_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                visit.session_id,
                deck,
                _utc(visit.started),
                _utc(visit.ended),
                visit.ended - visit.started,
                visit.utc_offset_min,
                visit.reason,
                visit.lang_start,
                visit.lang,
            ),
        )
        sid = visit.session_id if visit.session_id is not None else cur.lastrowid
        assert sid is not None
        conn.executemany(
            "INSERT INTO slide_views (session_id, slide_index, slide_id, entered_utc, dwell_s)"
            " VALUES (?, ?, ?, ?, ?)",
            [(sid, v.index, v.slide_id, _utc(v.entered), v.dwell) for v in visit.views],
        )
        conn.executemany(
            "INSERT INTO panel_opens (session_id, panel_id, slide_index, opened_utc, depth)"
            " VALUES (?, ?, ?, ?, ?)",
            [(sid, p, i, _utc(t), d) for p, i, t, d in visit.panels],
        )
        conn.executemany(
            "INSERT INTO language_changes (session_id, lang, at_utc) VALUES (?, ?, ?)",
            [(sid, lang, _utc(t)) for lang, t in visit.languages],
        )
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return sid
