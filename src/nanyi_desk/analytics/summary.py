"""What the visits database says, summed up: the numbers behind `nanyi-desk report`.

May import: the standard library and this package. No Qt, no matplotlib (the chart of a
summary is `nanyi_desk.charts.report`, imported only when a PNG is asked for).
"""

from __future__ import annotations

import sqlite3
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from . import store

TOP = 10
"""How many panels and slides the lists show."""


@dataclass(frozen=True)
class SlideDwell:
    """A slide's total time on screen over every session."""

    slide_index: int
    """0-based."""
    slide_id: str | None
    """The slide's id when the deck gives one."""
    total_s: float
    """Seconds, summed over every view."""
    views: int
    """How many times it was shown."""


@dataclass(frozen=True)
class Summary:
    """Every figure the report prints and draws."""

    sessions: int
    """How many visits."""
    first_day: str
    """The first visit's day (kiosk's local date, YYYY-MM-DD); empty with no visits."""
    last_day: str
    """The last visit's day."""
    decks: tuple[tuple[str, int], ...]
    """(deck, sessions), most first."""
    per_hour: tuple[int, ...]
    """Sessions started in each hour of the kiosk's day, 0 to 23."""
    per_day: tuple[tuple[str, int], ...]
    """(YYYY-MM-DD, sessions) for every day from the first to the last, empty days too."""
    median_length_s: float
    """The median session, first touch to last."""
    top_panels: tuple[tuple[str, int], ...]
    """(panel id, times opened), the TOP most opened."""
    panel_opens: int
    """Panels opened in all."""
    languages: tuple[tuple[str, int], ...]
    """(language, sessions that ended in it), most first."""
    language_switches: int
    """Times a visitor switched language."""
    top_slides: tuple[SlideDwell, ...]
    """The TOP slides by total dwell."""


def summarize(path: Path) -> Summary:
    """Read the database at `path` (read-only) and sum it up.

    Raises:
        sqlite3.Error: the file cannot be read or is not a visits database.
        store.SchemaTooNew: a newer nanyi-desk wrote it.
    """
    conn = store.connect_readonly(path)
    try:
        if store.schema_version(conn) == 0:
            # A file the kiosk created but never wrote a visit to.
            return _empty()
        return _summarize(conn)
    finally:
        conn.close()


def _empty() -> Summary:
    return Summary(0, "", "", (), (0,) * 24, (), 0.0, (), 0, (), 0, ())


def _summarize(conn: sqlite3.Connection) -> Summary:
    rows = conn.execute(
        "SELECT deck, started_utc, utc_offset_min, duration_s, lang_end FROM sessions"
    ).fetchall()
    if not rows:
        return _empty()
    per_hour = [0] * 24
    days: Counter[str] = Counter()
    for _deck, started, offset, _length, _lang in rows:
        # The kiosk's own wall clock: a museum's 10 o'clock, wherever the report runs.
        local = datetime.fromisoformat(started) + timedelta(minutes=offset)
        per_hour[local.hour] += 1
        days[local.date().isoformat()] += 1
    first, last = min(days), max(days)
    per_day: list[tuple[str, int]] = []
    day = datetime.fromisoformat(first).date()
    while day.isoformat() <= last:
        per_day.append((day.isoformat(), days[day.isoformat()]))
        day += timedelta(days=1)
    panels = conn.execute(
        "SELECT panel_id, COUNT(*) AS n FROM panel_opens GROUP BY panel_id"
        " ORDER BY n DESC, panel_id LIMIT ?",
        (TOP,),
    ).fetchall()
    (panel_opens,) = conn.execute("SELECT COUNT(*) FROM panel_opens").fetchone()
    (switches,) = conn.execute("SELECT COUNT(*) FROM language_changes").fetchone()
    slides = conn.execute(
        "SELECT slide_index, MAX(slide_id), SUM(dwell_s) AS total, COUNT(*) FROM slide_views"
        " GROUP BY slide_index ORDER BY total DESC, slide_index LIMIT ?",
        (TOP,),
    ).fetchall()
    return Summary(
        sessions=len(rows),
        first_day=first,
        last_day=last,
        decks=_most_first(Counter(r[0] for r in rows)),
        per_hour=tuple(per_hour),
        per_day=tuple(per_day),
        median_length_s=float(statistics.median(r[3] for r in rows)),
        top_panels=tuple((str(p), int(n)) for p, n in panels),
        panel_opens=int(panel_opens),
        languages=_most_first(Counter(r[4] for r in rows)),
        language_switches=int(switches),
        top_slides=tuple(SlideDwell(int(i), s, float(t), int(n)) for i, s, t, n in slides),
    )


def _most_first(counts: Counter[str]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def duration(seconds: float) -> str:
    """Seconds as a person reads them: 45 s, 3 min 20 s, 1 h 05 min."""
    s = round(seconds)
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min {s % 60:02d} s"
    return f"{s // 3600} h {s % 3600 // 60:02d} min"


def _cells(text: str) -> int:
    # A CJK character takes two columns of a terminal: ids like 外贸 must still line up.
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _cells(text))


def format_summary(summary: Summary, path: Path | str) -> str:
    """The report as plain text, one block per question."""
    if not summary.sessions:
        return f"{path}: no sessions recorded yet.\n"
    n = summary.sessions
    lines = [
        f"{path}: {n} session{'s' * (n != 1)}, {summary.first_day} to {summary.last_day}",
    ]
    if len(summary.decks) > 1:
        lines.append("decks: " + ", ".join(f"{d} ({k})" for d, k in summary.decks))
    lines.append(f"median session: {duration(summary.median_length_s)}")
    lines += ["", "sessions per hour of day (kiosk time):"]
    busiest = max(summary.per_hour)
    for hour, count in enumerate(summary.per_hour):
        if count:
            bar = "#" * max(1, round(30 * count / busiest))
            lines.append(f"  {hour:02d}:00  {count:5d}  {bar}")
    lines += ["", "sessions per day:"]
    lines += [f"  {day}  {count:5d}" for day, count in summary.per_day]
    lines += ["", f"most-opened panels ({summary.panel_opens} opened in all):"]
    if summary.top_panels:
        width = max(_cells(p) for p, _ in summary.top_panels)
        lines += [f"  {_pad(p, width)}  {k:5d}" for p, k in summary.top_panels]
    else:
        lines.append("  none")
    lines += [
        "",
        f"language share (the language each session ended in; "
        f"{summary.language_switches} switch{'es' * (summary.language_switches != 1)}):",
    ]
    lines += [f"  {lang:<8}  {k:5d}  {100 * k / n:5.1f} %" for lang, k in summary.languages]
    lines += ["", "most-viewed slides (total time on screen):"]
    for s in summary.top_slides:
        name = f"{s.slide_index + 1:>3} {s.slide_id or ''}".rstrip()
        lines.append(
            f"  {_pad(name, 28)} {duration(s.total_s):>14}  {s.views:5d} view{'s' * (s.views != 1)}"
        )
    return "\n".join(lines) + "\n"
