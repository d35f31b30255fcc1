"""The kiosk supervisor's decisions: restart, show the fallback screen, or stop.

Fed with events (a child started, beat, exited) and the time from a monotonic clock the
caller owns, so every rule is tested without processes or sleeping. Plain Python.
"""

from __future__ import annotations

import enum
import signal
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass

_REASON_CHARS = 300


@dataclass(frozen=True)
class PolicyConfig:
    """The supervisor's timings; the defaults are issue #6's."""

    heartbeat_timeout: float = 15.0
    """Seconds without a beat after which a running child counts as hung."""
    startup_grace: float = 30.0
    """Seconds a new child has for its first beat (Qt, fonts and the deck load first)."""
    start_window: float = 10.0
    """A child that dies this soon after starting crashed on start."""
    crash_limit: int = 3
    """This many crashes on start within `crash_period` bring up the fallback screen."""
    crash_period: float = 60.0
    """The window the crashes on start are counted in."""
    crash_delay: float = 1.0
    """The pause before restarting after a crash on start (no pause after other deaths)."""
    fallback_max_delay: float = 60.0
    """The longest pause between attempts when even the fallback screen cannot start."""
    hang_limit: int = 3
    """This many hangs within `hang_period` bring up the fallback screen, like crashes."""
    hang_period: float = 900.0
    """The window hangs are counted in. Longer than `crash_period`: a hang is seen only
    `heartbeat_timeout` after it began, and a deck may hang on the tenth slide of its loop;
    a kiosk that hangs once a day is still just restarted."""
    late_crash_limit: int = 5
    """This many crashes of a player that was up (past `start_window`, and beating) within
    `late_crash_period` bring up the fallback screen too. More than `hang_limit`: a crash
    costs a second of black screen and resumes on the same slide, a hang fifteen frozen
    seconds; a player that crashes now and then is better restarted than retired."""
    late_crash_period: float = 600.0
    """The window crashes after running are counted in: a deck that crashes on the tenth
    slide of a two-minute loop reaches the fallback screen in about ten minutes."""


class Action(enum.Enum):
    """What the supervisor does next."""

    START_DECK = "start the deck"
    START_FALLBACK = "start the fallback screen"
    STOP = "stop"


@dataclass(frozen=True)
class Decision:
    """One decision of the policy."""

    action: Action
    """What to do."""
    reason: str
    """Why, for the log: the way the child died, or what changed."""
    delay: float = 0.0
    """Seconds to wait before doing it."""
    fallback: str | None = None
    """For START_FALLBACK: the reason the fallback screen shows."""


def describe_exit(returncode: int) -> str:
    """`exit code 3` or `killed by SIGKILL`, from a `Popen.returncode`."""
    if returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = f"signal {-returncode}"
        return f"killed by {name}"
    return f"exit code {returncode}"


def meaningful_line(lines: Iterable[str]) -> str:
    """The line of a crashed child's stderr that says what went wrong, or "".

    The last non-blank line that is not part of a traceback's frames: for a Python crash,
    the exception and its message (`ValueError: slide 3: unknown chart type`).
    """
    found = ""
    for raw in lines:
        line = raw.rstrip()
        if not line.strip() or line[0].isspace():
            continue  # blank, or a traceback frame / source line / ^^^^ marker
        if line.startswith(
            ("Traceback (most recent call last)", "During handling of", "The above exception")
        ):
            continue
        if set(line) <= set("^~ "):
            continue
        found = line
    return _shorten(found)


def _forget_before(times: deque[float], oldest: float) -> None:
    while times and times[0] < oldest:
        times.popleft()


def _shorten(reason: str) -> str:
    return reason if len(reason) <= _REASON_CHARS else reason[: _REASON_CHARS - 1] + "…"


class RestartPolicy:
    """Decides what follows each event in a child's life; one instance per kiosk.

    Call `started` when a child starts, `beat` when its heartbeat file changed, `hung` on
    every poll while it runs, `exited` once it is gone, `deck_changed` when the deck's files
    change. All times are seconds from the same monotonic clock.
    """

    def __init__(self, config: PolicyConfig | None = None) -> None:
        self.config = config or PolicyConfig()
        self.fallback_reason: str | None = None
        """The reason on the fallback screen while it is up; None while the deck plays."""
        self._started_at: float | None = None
        self._last_beat: float | None = None
        self._early_deaths: deque[float] = deque()
        self._hangs: deque[float] = deque()
        self._late_crashes: deque[float] = deque()
        self._fallback_delay = 0.0
        self._fallback_streak = 0

    @property
    def in_fallback(self) -> bool:
        """True while the fallback screen is what should be running."""
        return self.fallback_reason is not None

    def started(self, now: float) -> None:
        """A child (deck or fallback, as decided) has just been started."""
        self._started_at = now
        self._last_beat = None

    def beat(self, now: float) -> None:
        """The running child's heartbeat file changed."""
        self._last_beat = now

    def hung(self, now: float) -> str | None:
        """Why the running child counts as hung (kill it and call `exited`), or None."""
        if self._started_at is None:
            return None
        if self._last_beat is None:
            if now - self._started_at > self.config.startup_grace:
                return f"no heartbeat within {self.config.startup_grace:g} s of starting"
            return None
        silent = now - self._last_beat
        if silent > self.config.heartbeat_timeout:
            return f"no heartbeat for {silent:.1f} s (hung)"
        return None

    def exited(
        self, now: float, returncode: int, last_line: str = "", hung: str | None = None
    ) -> Decision:
        """The child is gone; what next.

        Args:
            now: When its end was seen.
            returncode: `Popen.returncode` (negative: the signal that ended it).
            last_line: The meaningful line of its stderr (`meaningful_line`), or "".
            hung: The reason from `hung` when the supervisor killed it for that.

        Returns:
            STOP for an exit code 0 the child chose; otherwise what to start, and when.
        """
        if returncode == 0 and hung is None:
            return Decision(Action.STOP, "the player exited on purpose (exit code 0)")
        cause = hung or describe_exit(returncode)
        started = self._started_at if self._started_at is not None else now
        # A child that never beat was never up, even if it took longer than the window to die.
        early = now - started < self.config.start_window or (
            hung is not None and self._last_beat is None
        )
        self._started_at = None
        if early:
            self._early_deaths.append(now)
        # A player that was up and then froze or died is not a crash on start, but a deck
        # that does it every time would otherwise be restarted forever (issue 17).
        elif hung is None:
            self._late_crashes.append(now)
        else:
            self._hangs.append(now)
        _forget_before(self._early_deaths, now - self.config.crash_period)
        _forget_before(self._hangs, now - self.config.hang_period)
        _forget_before(self._late_crashes, now - self.config.late_crash_period)
        if not self.in_fallback:
            return self._after_deck(now, cause, last_line, early=early, hung=hung)
        # Even the static screen cannot start (no display?): keep trying, ever more slowly,
        # rather than spin; a kiosk with a supervisor that gave up stays black for good.
        # Counted in a row, not per minute: long pauses must not reset the back-off.
        self._fallback_streak = self._fallback_streak + 1 if early else 0
        if self._fallback_streak >= self.config.crash_limit:
            self._fallback_delay = min(
                max(2 * self._fallback_delay, 5.0), self.config.fallback_max_delay
            )
            delay = self._fallback_delay
        else:
            self._fallback_delay = 0.0
            delay = self.config.crash_delay if early else 0.0
        return Decision(Action.START_FALLBACK, cause, delay=delay, fallback=self.fallback_reason)

    def _after_deck(
        self, now: float, cause: str, last_line: str, *, early: bool, hung: str | None
    ) -> Decision:
        """What follows the deck's player's death: restart it, or retire it for the fallback.

        A crash loop on start wins over the other counts: its reason is the most direct.
        """
        said = f"{cause}; last said: {last_line}" if last_line else cause
        if early and len(self._early_deaths) >= self.config.crash_limit:
            count = len(self._early_deaths)
            self._forget_failures()
            return self._retire(
                last_line or cause,
                f"{cause}; crashed on start {count} times within {self.config.crash_period:g} s",
            )
        if hung is not None and not early and len(self._hangs) >= self.config.hang_limit:
            count = len(self._hangs)
            self._forget_failures()
            return self._retire(
                f"the player hung {count} times: {said}",
                f"{cause}; hung {count} times within {self.config.hang_period:g} s",
            )
        if hung is None and not early and len(self._late_crashes) >= self.config.late_crash_limit:
            count = len(self._late_crashes)
            self._forget_failures()
            return self._retire(
                f"the player crashed {count} times while running: {last_line or cause}",
                f"{cause}; crashed {count} times while running within "
                f"{self.config.late_crash_period:g} s",
            )
        return Decision(Action.START_DECK, cause, delay=self.config.crash_delay if early else 0.0)

    def _retire(self, shown: str, logged: str) -> Decision:
        self.fallback_reason = _shorten(shown)
        return Decision(Action.START_FALLBACK, logged, fallback=self.fallback_reason)

    def _forget_failures(self) -> None:
        self._early_deaths.clear()
        self._hangs.clear()
        self._late_crashes.clear()

    def deck_changed(self) -> Decision | None:
        """The deck's files changed: during the fallback, try the deck again; else None."""
        if not self.in_fallback:
            return None
        self.fallback_reason = None
        self._forget_failures()
        self._fallback_delay = 0.0
        self._fallback_streak = 0
        return Decision(Action.START_DECK, "the deck's files changed; trying the deck again")
