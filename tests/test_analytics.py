"""Visit analytics: the recorder (fake clock), its failures, the Qt observer."""

from __future__ import annotations

import logging
import sqlite3
import time
from pathlib import Path

import pytest

from nanyi_desk.analytics import SCHEMA_VERSION, Recorder, SchemaTooNew, store

T0 = 1_780_000_000.0  # 2026-05-28 20:26:40 UTC; 04:26:40 the next day at UTC+8


class Clock:
    """A clock that moves only when told."""

    def __init__(self, t: float = T0) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t

    def tick(self, seconds: float) -> None:
        self.t += seconds


def rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "visits.sqlite3"


def recorder(db: Path, clock: Clock, **kw) -> Recorder:  # noqa: ANN003
    return Recorder(db, "nanyi", clock=clock, utc_offset_min=480, **kw)


def one_visit(rec: Recorder, clock: Clock) -> None:
    """Cover 10 s, slide 2 for 25.5 s with a panel inside a panel, English, slide 3 4 s."""
    rec.begin("zh", 0, "cover")
    clock.tick(10)
    rec.slide(2, "growth")
    clock.tick(5)
    rec.panel("panel-a", 2, 1)
    clock.tick(0.5)
    rec.panel("panel-b", 2, 2)
    clock.tick(20)
    rec.language("en")
    rec.slide(3, None)
    clock.tick(4)
    rec.end("idle")


# ----------------------------------------------------------------------------- recording


def test_a_visit_becomes_rows_with_exact_dwell(db: Path, clock: Clock) -> None:
    rec = recorder(db, clock)
    one_visit(rec, clock)
    assert rows(db, "SELECT deck, started_utc, ended_utc, duration_s, utc_offset_min,"
                " end_reason, lang_start, lang_end FROM sessions") == [
        ("nanyi", "2026-05-28T20:26:40.000+00:00", "2026-05-28T20:27:19.500+00:00",
         39.5, 480, "idle", "zh", "en"),
    ]  # fmt: skip
    assert rows(db, "SELECT slide_index, slide_id, dwell_s FROM slide_views ORDER BY rowid") == [
        (0, "cover", 10.0),
        (2, "growth", 25.5),
        (3, None, 4.0),
    ]
    assert rows(db, "SELECT panel_id, slide_index, depth, opened_utc FROM panel_opens") == [
        ("panel-a", 2, 1, "2026-05-28T20:26:55.000+00:00"),
        ("panel-b", 2, 2, "2026-05-28T20:26:55.500+00:00"),
    ]
    assert rows(db, "SELECT lang, at_utc FROM language_changes") == [
        ("en", "2026-05-28T20:27:15.500+00:00")
    ]
    assert rec.stats.sessions_written == 1
    assert rec.stats.write_failures == 0


def test_nothing_is_recorded_outside_a_session(db: Path, clock: Clock) -> None:
    rec = recorder(db, clock)
    rec.slide(4, "x")
    rec.panel("p", 4, 1)
    rec.language("en")
    rec.end("idle")
    assert not rec.active
    assert not db.exists()  # not even a file until there is a visit to write
    rec.begin("zh", 1, "b")
    assert rec.active
    clock.tick(3)
    rec.slide(1, "b")  # the same slide again is not a new view
    rec.language("zh")  # nor is the language it already has
    rec.end("idle")
    rec.slide(2, "c")
    assert rows(db, "SELECT slide_index, dwell_s FROM slide_views") == [(1, 3.0)]
    assert rows(db, "SELECT COUNT(*) FROM language_changes") == [(0,)]


def test_the_idle_wait_counts_neither_as_dwell_nor_as_length(db: Path, clock: Clock) -> None:
    rec = recorder(db, clock)
    rec.begin("zh", 0, "cover")
    clock.tick(12)
    last_touch = clock()
    clock.tick(90)  # the idle timeout
    rec.end("idle", at=last_touch)
    assert rows(db, "SELECT duration_s FROM sessions") == [(12.0,)]
    assert rows(db, "SELECT dwell_s FROM slide_views") == [(12.0,)]


def test_a_second_begin_closes_the_first_visit(db: Path, clock: Clock) -> None:
    rec = recorder(db, clock)
    rec.begin("zh", 0, "cover")
    clock.tick(7)
    rec.begin("en", 0, "cover")
    clock.tick(2)
    rec.close()
    assert rows(db, "SELECT end_reason, duration_s, lang_start FROM sessions ORDER BY id") == [
        ("restarted", 7.0, "zh"),
        ("closed", 2.0, "en"),
    ]


def test_the_file_is_in_wal_mode_at_the_current_schema(db: Path, clock: Clock) -> None:
    one_visit(recorder(db, clock), clock)
    assert rows(db, "PRAGMA journal_mode") == [("wal",)]
    assert rows(db, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    tables = {r[0] for r in rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"sessions", "slide_views", "panel_opens", "language_changes"}


def test_migrate_refuses_a_newer_file_and_leaves_it_alone(
    db: Path, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    conn = sqlite3.connect(db)
    with pytest.raises(SchemaTooNew, match="newer nanyi-desk"):
        store.migrate(conn, db)
    conn.close()
    rec = recorder(db, clock)
    with caplog.at_level(logging.WARNING, logger="nanyi_desk.analytics"):
        one_visit(rec, clock)
    assert rec.stats.write_failures == 1
    assert rec.stats.pending == 1
    assert "newer nanyi-desk" in caplog.text
    assert rows(db, "SELECT name FROM sqlite_master") == []
    assert rows(db, "PRAGMA user_version") == [(SCHEMA_VERSION + 1,)]


def test_migrate_is_a_no_op_at_the_current_version(db: Path) -> None:
    store.connect(db).close()
    conn = sqlite3.connect(db)
    assert store.migrate(conn, db) == SCHEMA_VERSION
    conn.close()


def test_default_path_follows_the_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NANYI_DESK_DATA_DIR", str(tmp_path / "data"))
    assert store.default_path() == tmp_path / "data" / "visits.sqlite3"


# ----------------------------------------------------------------------------- failures


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_a_locked_database_costs_half_a_second_and_the_visit_waits(
    db: Path, clock: Clock, journal: str, caplog: pytest.LogCaptureFixture
) -> None:
    if journal == "wal":
        store.connect(db).close()  # the kiosk's own file, then someone takes the write lock
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    rec = recorder(db, clock)
    started = time.perf_counter()
    with caplog.at_level(logging.WARNING, logger="nanyi_desk.analytics"):
        one_visit(rec, clock)
    blocked = time.perf_counter() - started
    assert blocked < 1.6  # the busy timeout (0.5 s) per statement tried, never a freeze
    assert rec.stats.write_failures == 1
    assert rec.stats.pending == 1
    assert "locked" in rec.stats.last_error
    assert "cannot write" in caplog.text
    holder.execute("ROLLBACK")
    holder.close()
    one_visit(rec, clock)  # the next visit writes both
    assert rec.stats.sessions_written == 2
    assert rec.stats.pending == 0
    assert rows(db, "SELECT COUNT(*) FROM sessions") == [(2,)]


def test_a_read_only_database_never_stops_the_show(db: Path, clock: Clock) -> None:
    store.connect(db).close()

    def read_only(path: Path) -> sqlite3.Connection:
        # What a read-only file or medium gives: chmod cannot, for tests that run as root.
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, isolation_level=None)
        conn.execute("PRAGMA user_version")
        return conn

    rec = recorder(db, clock, connect=read_only)
    one_visit(rec, clock)
    assert rec.stats.write_failures == 1
    assert "readonly" in rec.stats.last_error
    assert rows(db, "SELECT COUNT(*) FROM sessions") == [(0,)]


def test_an_unwritable_folder_never_stops_the_show(tmp_path: Path, clock: Clock) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be")
    rec = recorder(blocker / "visits.sqlite3", clock)
    one_visit(rec, clock)
    one_visit(rec, clock)
    assert rec.stats.write_failures == 2
    assert rec.stats.pending == 2
    assert "unable to open" in rec.stats.last_error


def test_a_corrupt_file_is_moved_aside_and_recording_goes_on(
    db: Path, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    junk = b"this is not a database, it is junk\n" * 200
    db.write_bytes(junk)
    rec = recorder(db, clock)
    with caplog.at_level(logging.ERROR, logger="nanyi_desk.analytics"):
        one_visit(rec, clock)
    assert rec.stats.write_failures == 0
    assert rows(db, "SELECT COUNT(*) FROM sessions") == [(1,)]
    (aside,) = db.parent.glob("visits.sqlite3.corrupt-*")
    assert aside.read_bytes() == junk
    assert "is not a database" in caplog.text


def test_a_full_disk_keeps_the_visit_and_writes_it_when_there_is_room(
    db: Path, clock: Clock
) -> None:
    store.connect(db).close()
    full = True

    def connect(path: Path) -> sqlite3.Connection:
        conn = store.connect(path)
        if full:
            # A real SQLITE_FULL: the file may not grow by a single page.
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    rec = recorder(db, clock, connect=connect)
    rec.begin("zh", 0, "cover")
    for i in range(300):  # enough rows to need a new page
        clock.tick(1)
        rec.panel(f"panel-{i}", 0, 1)
    rec.end("idle")
    assert rec.stats.write_failures == 1
    assert "full" in rec.stats.last_error
    assert rows(db, "SELECT COUNT(*) FROM panel_opens") == [(0,)]  # no half visit
    full = False
    one_visit(rec, clock)
    assert rows(db, "SELECT COUNT(*) FROM panel_opens") == [(302,)]


class _FullDisk(sqlite3.Connection):
    def executemany(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN204
        raise sqlite3.OperationalError("database or disk is full")


def test_a_failing_insert_rolls_back_and_is_counted(db: Path, clock: Clock) -> None:
    def connect(path: Path) -> sqlite3.Connection:
        conn = sqlite3.connect(path, isolation_level=None, factory=_FullDisk)
        store.migrate(conn, path)
        return conn

    rec = recorder(db, clock, connect=connect)
    one_visit(rec, clock)
    one_visit(rec, clock)
    assert rec.stats.write_failures == 2
    assert rec.stats.last_error == "OperationalError: database or disk is full"
    assert rows(db, "SELECT COUNT(*) FROM sessions") == [(0,)]  # rolled back


def test_unwritten_visits_are_bounded_in_memory(tmp_path: Path, clock: Clock) -> None:
    def never(path: Path) -> sqlite3.Connection:
        raise sqlite3.OperationalError("disk I/O error")

    rec = recorder(tmp_path / "v.sqlite3", clock, connect=never, max_pending_rows=50)
    for _ in range(20):
        one_visit(rec, clock)  # 7 rows each: 7 visits fit in 50
    assert rec.stats.write_failures == 20
    assert rec.stats.pending == 7
    assert rec.stats.sessions_dropped == 13


def test_one_visit_is_bounded_too(db: Path, clock: Clock) -> None:
    rec = recorder(db, clock, max_events=10)
    rec.begin("zh", 0, "cover")
    for i in range(100):
        rec.panel(f"p{i}", 0, 1)
    rec.end("idle")
    assert rec.stats.events_dropped == 92  # 10 rows: the session, its first slide, 8 panels
    assert rows(db, "SELECT COUNT(*) FROM panel_opens") == [(8,)]


# ----------------------------------------------------------------------------- Qt observer


def test_the_observer_records_only_between_begin_and_end(qapp, db: Path, clock: Clock) -> None:  # noqa: ANN001
    from nanyi_desk.playback.navigator import Navigator
    from nanyi_desk.ui.state import PlayerState
    from nanyi_desk.ui.visits import VisitObserver

    state = PlayerState(Navigator(count=5, languages=("zh", "en")))
    rec = recorder(db, clock)
    observer = VisitObserver(state, rec, ["cover", None, "c", "d", "e"])
    state.goto(3)  # the attract loop: nobody's visit
    state.open_panel("attract")
    state.goto(0)
    observer.begin()
    assert observer.recording
    clock.tick(4)
    state.goto(2)
    clock.tick(1)
    state.open_panel("p1")
    state.open_panel("p2")
    state.back()  # closing opens nothing
    state.open_panel("p3")
    state.cycle_language()
    clock.tick(5)
    state.goto(1)  # panels close with the slide
    clock.tick(2)
    observer.end("idle")
    assert not observer.recording
    state.goto(4)
    state.open_panel("after")
    state.set_language("zh")
    observer.end("idle")  # a second end is nothing
    assert rows(db, "SELECT slide_index, slide_id, dwell_s FROM slide_views ORDER BY rowid") == [
        (0, "cover", 4.0),
        (2, "c", 6.0),
        (1, None, 2.0),
    ]
    assert rows(db, "SELECT panel_id, slide_index, depth FROM panel_opens ORDER BY rowid") == [
        ("p1", 2, 1),
        ("p2", 2, 2),
        ("p3", 2, 2),
    ]
    assert rows(db, "SELECT lang FROM language_changes") == [("en",)]
    assert rows(db, "SELECT end_reason, duration_s, lang_end FROM sessions") == [
        ("idle", 12.0, "en")
    ]
