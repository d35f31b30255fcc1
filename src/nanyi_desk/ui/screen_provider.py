"""The screens the presenter's two windows can go to, and word when one comes or goes.

The session asks a provider, never QGuiApplication directly, so tests plug and pull
projectors with a fake one (the offscreen platform has a single screen that never changes).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRect, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QScreen


class ScreenProvider(QObject):
    """The screens as the presenter session needs them; `changed` when the set changes."""

    changed = Signal()

    def count(self) -> int:
        """How many screens."""
        raise NotImplementedError

    def primary(self) -> int:
        """The primary (the laptop's) screen's index."""
        raise NotImplementedError

    def geometry(self, index: int) -> QRect:
        """A screen's area on the virtual desktop."""
        raise NotImplementedError

    def qscreen(self, index: int) -> QScreen | None:
        """Qt's screen, where there is a real one (a window is moved onto it first)."""
        return None


class QtScreens(ScreenProvider):
    """The machine's screens, followed as projectors are plugged in and pulled out."""

    def __init__(self, app: QGuiApplication) -> None:
        super().__init__(app)
        self._app = app
        # Qt reports a plugged projector in steps (added, then primary, then geometry): one
        # placement after the last of them, not one per step.
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(300)
        self._settle.timeout.connect(self.changed)
        app.screenAdded.connect(self._later)
        app.screenRemoved.connect(self._later)
        app.primaryScreenChanged.connect(self._later)

    def _later(self, *_args: object) -> None:
        self._settle.start()

    def count(self) -> int:  # noqa: D102
        return len(self._app.screens())

    def primary(self) -> int:  # noqa: D102
        screens = self._app.screens()
        primary = self._app.primaryScreen()
        return screens.index(primary) if primary in screens else 0

    def geometry(self, index: int) -> QRect:  # noqa: D102
        return self._app.screens()[index].geometry()

    def qscreen(self, index: int) -> QScreen | None:  # noqa: D102
        return self._app.screens()[index]
