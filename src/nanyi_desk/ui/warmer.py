"""Work done ahead of need: one piece per event-loop turn, after a pause, never while busy.

The slide view draws the neighbours of the slide just shown, the panel layer the charts of the
panels that slide can open; both through this, so a key press or a touch always finds the
event loop free within one piece of work.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QTimer


class Warmer(QObject):
    """A queue of jobs run one per turn of the event loop."""

    def __init__(
        self, parent: QObject, delay_ms: int = 0, busy: Callable[[], bool] = lambda: False
    ) -> None:
        super().__init__(parent)
        self.delay_ms = delay_ms
        self._busy = busy
        self._jobs: list[Callable[[], object]] = []
        # An attribute of self, so that the garbage collector won't take it mid-run.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._one)

    def plan(self, jobs: Iterable[Callable[[], object]], delay_ms: int | None = None) -> None:
        """Replace what is waiting with `jobs`, to start after `delay_ms`.

        Without `delay_ms`, the warmer's own pause.
        """
        self._jobs = list(jobs)
        self._timer.start(self.delay_ms if delay_ms is None else delay_ms)

    def cancel(self) -> None:
        """Drop what is waiting."""
        self._jobs = []
        self._timer.stop()

    @property
    def pending(self) -> int:
        """Jobs still waiting."""
        return len(self._jobs)

    def _one(self) -> None:
        if not self._jobs or self._busy():
            self._jobs = []  # busy: the work in hand comes first; the next change plans anew
            return
        self._jobs.pop(0)()
        if self._jobs:
            self._timer.start(0)
