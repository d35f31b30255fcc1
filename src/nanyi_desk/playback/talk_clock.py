"""The talk's clock: elapsed time, the countdown to the time allowed, pause. Plain Python.

The clock reads time through an injected `now` (monotonic seconds), so tests drive it with a
fake clock and a suspended laptop or a changed wall clock cannot make it jump. It never resets
itself: only `reset()` does, and the console asks before calling it.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

Phase = Literal["none", "normal", "amber", "over"]
"""How the countdown looks: no duration set, plenty left, the last 20 %, over time."""

AMBER_SHARE = 0.2
"""The countdown turns amber when this share of the time allowed is left."""

_PART = re.compile(r"(\d+(?:\.\d+)?)([hms])")


def parse_duration(text: str) -> float:
    """Seconds in a duration such as '20m', '1h30m', '90s', '1.5h' or '45' (minutes).

    Raises ValueError with a message that says what to write instead.
    """
    spoken = text.strip().lower().replace(" ", "")
    hint = f"{text!r} is not a duration: write minutes (20, 20m), 1h30m or 90s"
    if re.fullmatch(r"\d+(\.\d+)?", spoken):
        seconds = float(spoken) * 60
    else:
        parts = _PART.findall(spoken)
        if not parts or "".join(n + u for n, u in parts) != spoken:
            raise ValueError(hint)
        units = [u for _, u in parts]
        if len(set(units)) != len(units) or units != sorted(units, key="hms".index):
            raise ValueError(hint)
        seconds = sum(float(n) * {"h": 3600, "m": 60, "s": 1}[u] for n, u in parts)
    if not 0 < seconds <= 24 * 3600:
        raise ValueError(f"{text!r}: a talk lasts more than nothing and at most 24 hours")
    return seconds


def format_clock(seconds: float) -> str:
    """'4:05', '1:02:03', '−0:42' for time over: minutes and seconds, hours when needed."""
    sign = "−" if seconds < 0 else ""
    whole = int(abs(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"


@dataclass
class TalkClock:
    """Elapsed time since the talk started, less pauses, and what is left of `duration`."""

    duration: float | None = None
    """The time allowed in seconds, or None for no countdown."""
    now: Callable[[], float] = time.monotonic
    """Monotonic seconds (a fake in tests)."""
    _started: float | None = field(default=None, init=False)
    _paused_at: float | None = field(default=None, init=False)
    _paused_total: float = field(default=0.0, init=False)

    @property
    def started(self) -> bool:
        """True once the talk has begun."""
        return self._started is not None

    @property
    def paused(self) -> bool:
        """True while paused (P)."""
        return self._paused_at is not None

    def start(self) -> None:
        """Begin counting, if not already counting."""
        if self._started is None:
            self._started = self.now()

    def toggle_pause(self) -> None:
        """Pause, or go on from where it paused (a talk not yet started starts)."""
        if self._started is None:
            self.start()
        elif self._paused_at is None:
            self._paused_at = self.now()
        else:
            self._paused_total += self.now() - self._paused_at
            self._paused_at = None

    def reset(self) -> None:
        """Back to zero and not counting: only ever on the presenter's confirmed request."""
        self._started = self._paused_at = None
        self._paused_total = 0.0

    @property
    def elapsed(self) -> float:
        """Seconds of talk so far, pauses left out."""
        if self._started is None:
            return 0.0
        until = self._paused_at if self._paused_at is not None else self.now()
        return max(0.0, until - self._started - self._paused_total)

    @property
    def remaining(self) -> float | None:
        """Seconds left of the time allowed (negative when over), or None with no duration."""
        return None if self.duration is None else self.duration - self.elapsed

    @property
    def phase(self) -> Phase:
        """How the countdown should look now."""
        remaining = self.remaining
        if remaining is None or self.duration is None:
            return "none"
        if remaining < 0:
            return "over"
        if remaining <= AMBER_SHARE * self.duration:
            return "amber"
        return "normal"
