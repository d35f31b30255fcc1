"""The kiosk's decisions: attract loop, idle reset, and the PIN that lets staff out.

When the loop moves on, when an idle kiosk starts over, whether a PIN is right. Plain Python with the time passed in, so every rule is tested
with a fake clock; a QTimer in `ui.kiosk` only asks these objects what to do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Mode = Literal["attract", "interactive"]

EXIT_CHORD = "Ctrl+Alt+Shift+E"
"""The staff's key chord to leave the kiosk (then the PIN, when one is set)."""
LONG_PRESS_S = 3.0
"""A press this long in the top-left corner also asks to leave."""
CORNER = 120.0
"""The corner's size in logical px."""
MAX_WRONG_PINS = 5
LOCKOUT_S = 60.0


@dataclass
class KioskSchedule:
    """Attract loop and idle reset."""

    advance: float
    """Seconds a slide stays in the attract loop unless it sets its own duration."""
    idle_reset: float
    """Seconds without input before the kiosk starts over."""
    durations: tuple[float | None, ...]
    """Each slide's own `duration`, or None."""
    mode: Mode = "attract"
    index: int = 0
    shown_at: float = 0.0
    last_input: float = 0.0

    def start(self, now: float, index: int = 0) -> None:
        """The attract loop begins (at start-up, and after every idle reset)."""
        self.mode = "attract"
        self.index = index
        self.shown_at = now
        self.last_input = now

    def slide_shown(self, index: int, now: float) -> None:
        """A slide came on screen (by the loop or by a visitor)."""
        self.index = index
        self.shown_at = now

    def dwell(self, index: int) -> float:
        """How long slide `index` stays in the attract loop."""
        own = self.durations[index] if 0 <= index < len(self.durations) else None
        return own if own is not None else self.advance

    def input(self, now: float) -> bool:
        """A touch, click or key; True when it only woke the kiosk (the input is used up)."""
        self.last_input = now
        if self.mode == "attract":
            self.mode = "interactive"
            return True
        return False

    def tick(self, now: float) -> Literal["advance", "reset"] | None:
        """What is due now: the loop's next slide, an idle reset, or nothing."""
        if self.mode == "attract":
            return "advance" if now - self.shown_at >= self.dwell(self.index) else None
        return "reset" if now - self.last_input >= self.idle_reset else None

    def next_index(self, count: int) -> int:
        """The slide after the current one, round and round."""
        return (self.index + 1) % max(1, count)


@dataclass
class PinGate:
    """The staff PIN: five wrong tries lock the keypad for a minute."""

    pin: str | None
    wrong: int = 0
    locked_until: float = 0.0

    @property
    def required(self) -> bool:
        """False when no PIN is set: the exit chord alone lets staff out."""
        return bool(self.pin)

    def locked_for(self, now: float) -> float:
        """Seconds left of a lockout (0 when the keypad is open)."""
        return max(0.0, self.locked_until - now)

    def check(self, entered: str, now: float) -> Literal["ok", "wrong", "locked"]:
        """Try a PIN."""
        if self.locked_for(now) > 0:
            return "locked"
        if not self.required or entered == self.pin:
            self.wrong = 0
            return "ok"
        self.wrong += 1
        if self.wrong >= MAX_WRONG_PINS:
            self.wrong = 0
            self.locked_until = now + LOCKOUT_S
            return "locked"
        return "wrong"


def in_corner(x: float, y: float) -> bool:
    """True for a point in the top-left corner where a long press asks to leave."""
    return 0 <= x <= CORNER and 0 <= y <= CORNER
