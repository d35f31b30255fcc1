"""Visit analytics: the recorder (fake clock), its failures, the Qt observer, the report."""

from __future__ import annotations

import logging
import sqlite3
import struct
import time
from pathlib import Path

import pytest

from nanyi_desk.analytics import SCHEMA_VERSION, Recorder, SchemaTooNew, store, summarize
from nanyi_desk.cli import main

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
    clock.tick(90)  # the idle timeout
    rec.end("idle", idle_s=90)
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


def test_the_observer_follows_a_reloaded_deck(qapp, db: Path, clock: Clock) -> None:  # noqa: ANN001
    from types import SimpleNamespace

    from nanyi_desk.playback.navigator import Navigator
    from nanyi_desk.ui.state import PlayerState
    from nanyi_desk.ui.visits import VisitObserver

    state = PlayerState(Navigator(count=3, languages=("zh", "en"), ids=("a", "b", "c")))
    rec = recorder(db, clock)
    observer = VisitObserver(state, rec, ["a", "b", "c"])
    observer.begin()
    clock.tick(2)
    slides = [SimpleNamespace(id="x"), SimpleNamespace(id="y")]
    new_deck = SimpleNamespace(slides=slides, languages=("zh", "en"), panels={})
    # The deck changes under the same state: a visit under way ends, its numbers meant the old.
    state.replace_deck(SimpleNamespace(deck=new_deck))
    assert not observer.recording
    observer.begin()
    clock.tick(3)
    state.goto(1)
    clock.tick(1)
    observer.end("idle")
    assert rows(db, "SELECT end_reason FROM sessions ORDER BY id") == [("reload",), ("idle",)]
    assert rows(db, "SELECT slide_id, dwell_s FROM slide_views ORDER BY rowid") == [
        ("a", 2.0),
        ("x", 3.0),
        ("y", 1.0),
    ]


# ----------------------------------------------------------------------------- report


@pytest.fixture
def fixture_db(db: Path, clock: Clock) -> Path:
    """Three visits at UTC+8: two on 05-29 at 04:xx, one on 05-30 at 10:xx."""
    rec = recorder(db, clock)
    one_visit(rec, clock)  # 39.5 s, zh → en, panels a and b
    clock.tick(600)
    rec.begin("zh", 0, "cover")
    clock.tick(60)
    rec.panel("panel-a", 0, 1)
    clock.tick(60)
    rec.end("idle")  # 120 s, zh
    clock.t = T0 + 86400 + 6 * 3600
    rec.begin("en", 2, "growth")
    clock.tick(300)
    rec.end("quit")  # 300 s, en
    rec.close()
    return db


def test_summary_numbers(fixture_db: Path) -> None:
    s = summarize(fixture_db)
    assert s.sessions == 3
    assert (s.first_day, s.last_day) == ("2026-05-29", "2026-05-30")
    assert s.per_hour[4] == 2
    assert s.per_hour[10] == 1
    assert sum(s.per_hour) == 3
    assert s.per_day == (("2026-05-29", 2), ("2026-05-30", 1))
    assert s.median_length_s == 120.0
    assert s.top_panels == (("panel-a", 2), ("panel-b", 1))
    assert s.languages == (("en", 2), ("zh", 1))
    assert s.top_slides[0].slide_id == "growth"
    assert s.top_slides[0].total_s == 325.5
    assert s.top_slides[0].views == 2


def test_report_prints_the_summary(fixture_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(fixture_db)]) == 0
    out = capsys.readouterr().out
    assert "3 sessions, 2026-05-29 to 2026-05-30" in out
    assert "median session: 2 min 00 s" in out
    assert "  04:00      2" in out
    assert "  10:00      1" in out
    assert "  2026-05-29      2" in out
    assert "panel-a      2" in out
    assert "en            2   66.7 %" in out
    assert "1 switch)" in out
    assert "3 growth" in out
    assert "5 min 26 s      2 views" in out
    assert "4 s      1 view\n" in out


def test_report_of_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "none.sqlite3"
    assert main(["report", str(missing)]) == 2
    err = capsys.readouterr().err
    assert "no visits recorded yet at" in err
    assert "the kiosk writes it while it runs" in err
    assert not missing.exists()  # reading never creates


def test_report_defaults_to_the_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NANYI_DESK_DATA_DIR", str(tmp_path))
    assert main(["report"]) == 2
    assert "visits.sqlite3" in capsys.readouterr().err


@pytest.mark.parametrize("how", ["schema only", "zero bytes"])
def test_report_of_an_empty_database(
    db: Path, how: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if how == "zero bytes":
        db.touch()
    else:
        store.connect(db).close()
    assert main(["report", str(db)]) == 0
    assert "no sessions recorded yet" in capsys.readouterr().out


def test_report_of_a_corrupt_or_newer_file(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db.write_bytes(b"junk" * 1000)
    assert main(["report", str(db)]) == 1
    assert "not a database" in capsys.readouterr().err
    db.unlink()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    assert main(["report", str(db)]) == 1
    assert "newer nanyi-desk" in capsys.readouterr().err


def test_report_reads_while_the_kiosk_holds_the_write_lock(fixture_db: Path) -> None:
    holder = sqlite3.connect(fixture_db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        assert summarize(fixture_db).sessions == 3  # WAL: readers never wait for the writer
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_report_draws_a_png_atomically(
    fixture_db: Path, tmp_path: Path, recwarn: pytest.WarningsRecorder
) -> None:
    from nanyi_desk.charts.report import SIZE_PX, SOFTWARE

    out = tmp_path / "out" / "report.png"
    out.parent.mkdir()
    assert main(["report", str(fixture_db), "-o", str(out)]) == 0
    assert _png_size(out) == SIZE_PX
    assert out.stat().st_size > 20_000
    assert SOFTWARE.encode() in out.read_bytes()[:4096]
    assert not [str(w.message) for w in recwarn if "Glyph" in str(w.message)]
    assert main(["report", str(fixture_db), "-o", str(out)]) == 0  # ours: may be replaced
    assert [p.name for p in out.parent.iterdir()] == ["report.png"]  # no temp file left


def test_report_never_overwrites_another_file(
    fixture_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "notes.png"
    out.write_text("my notes")
    assert main(["report", str(fixture_db), "-o", str(out)]) == 2
    assert "not a chart written by nanyi-desk report" in capsys.readouterr().err
    assert out.read_text() == "my notes"


def _as_on_read_only_media(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """sqlite as on a locked USB stick: a plain read-only open of a WAL file cannot make its
    -shm index and fails as it does there; nothing may be created beside the file."""
    opened: list[str] = []
    real = sqlite3.connect

    def connect(database, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        opened.append(str(database))
        if "mode=ro" in str(database) and "immutable=1" not in str(database):
            raise sqlite3.OperationalError("unable to open database file")
        return real(database, *args, **kwargs)

    monkeypatch.setattr(store.sqlite3, "connect", connect)
    return opened


def test_report_reads_a_database_on_read_only_media(
    tmp_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    media = tmp_path / "usb"
    media.mkdir()
    closed = media / "visits.sqlite3"
    rec = recorder(closed, clock)
    one_visit(rec, clock)
    rec.close()
    assert sorted(p.name for p in media.iterdir()) == ["visits.sqlite3"]
    # A copy taken while the kiosk ran (or after a crash): its last visits are in the -wal.
    running = recorder(tmp_path / "kiosk.sqlite3", clock)
    one_visit(running, clock)
    one_visit(running, clock)
    copied = media / "copied.sqlite3"
    for suffix in ("", "-wal"):
        (media / f"copied.sqlite3{suffix}").write_bytes(
            (tmp_path / f"kiosk.sqlite3{suffix}").read_bytes()
        )
    running.close()
    before = {p.name: p.read_bytes() for p in media.iterdir()}
    opened = _as_on_read_only_media(monkeypatch)
    assert summarize(closed).sessions == 1
    assert summarize(copied).sessions == 2
    assert any("immutable=1" in uri for uri in opened)
    assert {p.name: p.read_bytes() for p in media.iterdir()} == before  # nothing written
    assert main(["report", str(copied)]) == 0


# ----------------------------------------------------------------------------- a visit under way


def test_a_visit_in_progress_survives_a_crash_of_the_player(db: Path, clock: Clock) -> None:
    from nanyi_desk.analytics import recorder as recorder_module

    rec = recorder(db, clock)
    rec.begin("zh", 0, "cover")
    clock.tick(10)
    rec.slide(2, "growth")
    rec.panel("panel-a", 2, 1)
    assert rec.checkpoint()
    clock.tick(5)
    assert not rec.checkpoint()  # nothing new: nothing written
    rec.language("en")
    clock.tick(3)
    assert rec.checkpoint()
    assert rows(db, "SELECT end_reason, duration_s, lang_end FROM sessions") == [
        ("open", 18.0, "en")
    ]
    clock.tick(recorder_module.REFRESH_S)  # a long read: the dwell is kept up to date
    assert rec.checkpoint()
    assert rows(db, "SELECT dwell_s FROM slide_views ORDER BY rowid") == [
        (10.0,),
        (8.0 + recorder_module.REFRESH_S,),
    ]
    # The player dies here (kill -9: nothing more is written). Its successor starts.
    clock.tick(2)
    after = recorder(db, clock)
    after.recover()
    assert rows(db, "SELECT end_reason, duration_s FROM sessions") == [
        ("crashed", 18.0 + recorder_module.REFRESH_S)
    ]
    assert rows(db, "SELECT panel_id FROM panel_opens") == [("panel-a",)]
    assert rows(db, "SELECT lang FROM language_changes") == [("en",)]
    one_visit(after, clock)
    after.close()
    assert rows(db, "SELECT end_reason FROM sessions ORDER BY id") == [("crashed",), ("idle",)]
    assert summarize(db).sessions == 2


def test_a_checkpointed_visit_ends_in_its_own_row(db: Path, clock: Clock) -> None:
    rec = recorder(db, clock)
    rec.begin("zh", 0, "cover")
    clock.tick(4)
    assert rec.checkpoint()
    rec.slide(1, None)
    clock.tick(6)
    rec.end("idle")
    assert rows(db, "SELECT end_reason, duration_s FROM sessions") == [("idle", 10.0)]
    assert rows(db, "SELECT slide_index, dwell_s FROM slide_views ORDER BY rowid") == [
        (0, 4.0),
        (1, 6.0),
    ]
    rec.recover()  # its own ended visit is nothing to recover
    assert rows(db, "SELECT end_reason FROM sessions") == [("idle",)]


def test_the_observer_checkpoints_a_visit_by_timer(
    qtbot, db: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:  # noqa: ANN001
    from nanyi_desk.playback.navigator import Navigator
    from nanyi_desk.ui import visits
    from nanyi_desk.ui.state import PlayerState

    monkeypatch.setattr(visits, "CHECKPOINT_MS", 20)
    state = PlayerState(Navigator(count=5, languages=("zh", "en")))
    rec = recorder(db, clock)
    observer = visits.VisitObserver(state, rec, ["cover", None, "c", "d", "e"])
    observer.begin()
    clock.tick(3)
    state.goto(2)  # nothing is written on the page turn itself

    def reasons() -> list[tuple]:
        # Read-only: reading must not create the file, and may come before the recorder.
        try:
            conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
        except sqlite3.OperationalError:
            return []
        try:
            return conn.execute("SELECT end_reason FROM sessions").fetchall()
        except sqlite3.OperationalError:
            return []
        finally:
            conn.close()

    assert reasons() == []
    qtbot.waitUntil(lambda: reasons() == [("open",)])
    assert rows(db, "SELECT slide_index FROM slide_views ORDER BY rowid") == [(0,), (2,)]
    observer.end("idle")
    assert rows(db, "SELECT end_reason FROM sessions") == [("idle",)]


def test_a_locked_file_is_not_retried_at_every_checkpoint(db: Path, clock: Clock) -> None:
    from nanyi_desk.analytics import recorder as recorder_module

    store.connect(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    rec = recorder(db, clock)
    rec.begin("zh", 0, "cover")
    clock.tick(5)
    assert not rec.checkpoint()  # locked: one busy wait
    assert rec.stats.write_failures == 1
    for _ in range(10):  # the next checkpoints do not wait on the lock again
        clock.tick(5)
        rec.slide(int(clock.t) % 5)
        assert not rec.checkpoint()
    assert rec.stats.write_failures == 1
    holder.execute("ROLLBACK")
    holder.close()
    clock.tick(recorder_module.BACKOFF_S)
    assert rec.checkpoint()
    rec.end("idle")
    assert rows(db, "SELECT end_reason FROM sessions") == [("idle",)]
