"""A progress bar on the terminal for an export that takes more than a moment.

Silent for the first second (a quick export prints only its result), silent when the
stream is not a terminal (logs and pipes get no carriage returns), and erased when done.
Plain Python with an injected clock, so it is tested without waiting.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

DELAY_S = 1.0
WIDTH = 30


class TerminalProgress:
    """Draws `[#####.....] 12/40 what` on one line of `stream`, rewritten in place."""

    def __init__(
        self,
        stream: TextIO,
        clock: Callable[[], float] = time.monotonic,
        delay: float = DELAY_S,
    ) -> None:
        self._stream = stream
        self._clock = clock
        self._start = clock()
        self._delay = delay
        self._shown = False
        self._live = stream.isatty()

    def update(self, done: int, total: int, what: str = "") -> None:
        """Show `done` of `total` steps, once the export has run longer than the delay."""
        if not self._live or self._clock() - self._start < self._delay:
            return
        filled = round(WIDTH * done / total) if total else WIDTH
        bar = "#" * filled + "." * (WIDTH - filled)
        line = f"[{bar}] {done}/{total} {what}"[:79]
        self._stream.write("\r" + line.ljust(79))
        self._stream.flush()
        self._shown = True

    def finish(self) -> None:
        """Erase the bar, so the result is printed on a clean line."""
        if self._shown:
            self._stream.write("\r" + " " * 79 + "\r")
            self._stream.flush()
            self._shown = False
