"""Rehearsal: the seconds spent on each slide, recorded once and compared in the talk. Plain Python.

`present --rehearse` records; any later `present` of the same deck reads the record back and
the console shows, slide by slide, the rehearsed time beside the live one. The record is a
small JSON file beside the deck's main file (`deck.rehearsal.json`), never inside a deck file,
and written atomically; where the deck's folder is read-only (an installed deck), it goes to
the per-user data folder instead. Slides are matched by id, else by number, so a record
survives slides added or moved.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from nanyi_desk.atomic import write_atomically
from nanyi_desk.user_dirs import data_dir

FORMAT = 1


def slide_key(index: int, slide_id: str | None) -> str:
    """How a slide is named in the record: its id, else '#' and its 1-based number."""
    return slide_id if slide_id else f"#{index + 1}"


@dataclass
class SlideTimes:
    """Seconds of talk spent on each slide, measured on the talk clock (pauses left out)."""

    seconds: dict[str, float] = field(default_factory=dict)
    _on: str | None = field(default=None, init=False)
    _since: float = field(default=0.0, init=False)

    def enter(self, key: str, elapsed: float) -> None:
        """The talk reached slide `key` when the clock said `elapsed`."""
        self.settle(elapsed)
        self._on = key

    def settle(self, elapsed: float) -> None:
        """Add the time since the last mark to the slide being shown."""
        if self._on is not None:
            spent = max(0.0, elapsed - self._since)
            self.seconds[self._on] = self.seconds.get(self._on, 0.0) + spent
        self._since = elapsed


def record_path(deck_file: Path) -> Path:
    """Where the rehearsal of the deck whose main file is `deck_file` is kept beside it."""
    return deck_file.with_name(f"{deck_file.stem}.rehearsal.json")


def fallback_path(deck_file: Path) -> Path:
    """Where it goes when the deck's folder cannot be written (the per-user data folder)."""
    digest = hashlib.sha1(str(deck_file.resolve()).encode()).hexdigest()[:12]
    return data_dir() / "rehearsals" / f"{deck_file.stem}-{digest}.json"


def save(times: SlideTimes, deck_file: Path, title: str) -> Path:
    """Write the record beside the deck, or in the data folder if that fails; return where.

    Raises OSError when neither place can be written.
    """
    payload = json.dumps(
        {"format": FORMAT, "deck": title, "seconds": times.seconds},
        ensure_ascii=False,
        indent=1,
    )
    beside = record_path(deck_file)
    try:
        write_atomically(beside, payload)
        return beside
    except OSError:
        fallback = fallback_path(deck_file)
        fallback.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(fallback, payload)
        return fallback


def load(deck_file: Path) -> dict[str, float] | None:
    """The recorded seconds per slide key, or None when there is no readable record.

    A damaged or foreign file is ignored rather than trusted: a rehearsal is advice.
    """
    for path in (record_path(deck_file), fallback_path(deck_file)):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            continue
        seconds = data.get("seconds")
        if isinstance(seconds, dict):
            return {
                str(k): float(v)
                for k, v in seconds.items()
                if isinstance(v, (int, float)) and v >= 0
            }
    return None


def planned(record: dict[str, float], keys: Sequence[str]) -> list[float | None]:
    """The rehearsed seconds of each slide in deck order (None where none was recorded)."""
    return [record.get(key) for key in keys]


def behind(plan: Sequence[float | None], index: int, elapsed: float) -> float:
    """Seconds the talk is behind the rehearsal on slide `index` (negative: ahead).

    The rehearsal had reached the end of slide `index` at the sum of its times so far; a
    talk still on it later than that is behind.
    """
    return elapsed - sum(s or 0.0 for s in plan[: index + 1])
