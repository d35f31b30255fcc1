"""What a kiosk does with input before the slides see it.

An application-wide event filter: no context menus anywhere; the pointer hidden when nobody
moves a mouse (always, on a touch-only screen); the staff's way out (Ctrl+Alt+Shift+E, or a
long press in the top-left corner); and the first touch of a visit, which wakes the kiosk and
does nothing else. What an input means for the schedule is the controller's call (`on_input`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QCursor, QGuiApplication, QInputDevice, QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from nanyi_desk.playback.kiosk import LONG_PRESS_S, in_corner

CURSOR_HIDE_MS = 3000
INPUTS = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
}


def is_exit_chord(event: QKeyEvent) -> bool:
    """Ctrl+Alt+Shift+E: the staff's way out (playback.kiosk.EXIT_CHORD)."""
    wanted = (
        Qt.KeyboardModifier.ControlModifier
        | Qt.KeyboardModifier.AltModifier
        | Qt.KeyboardModifier.ShiftModifier
    )
    return event.key() == Qt.Key.Key_E and (event.modifiers() & wanted) == wanted


def touch_only() -> bool:
    """True when the machine has a touch screen and no mouse or touchpad."""
    kinds = {device.type() for device in QInputDevice.devices()}
    pointers = {QInputDevice.DeviceType.Mouse, QInputDevice.DeviceType.TouchPad}
    return QInputDevice.DeviceType.TouchScreen in kinds and not kinds & pointers


class KioskInput(QObject):
    """The kiosk window's event filter; see the module docstring."""

    exit_requested = Signal()
    """The staff's chord or corner long press."""

    def __init__(self, window: QWidget, on_input: Callable[[], bool]) -> None:
        super().__init__(window)
        self.window = window
        self.on_input = on_input
        """Called for each visitor input; True swallows it (the touch that wakes the kiosk)."""
        self._last_input: tuple[int, int, int] | None = None
        self.hider = QTimer(self)
        self.hider.setSingleShot(True)
        self.hider.setInterval(CURSOR_HIDE_MS)
        self.hider.timeout.connect(self.hide_cursor)
        self.long_press = QTimer(self)
        self.long_press.setSingleShot(True)
        self.long_press.setInterval(round(LONG_PRESS_S * 1000))
        self.long_press.timeout.connect(self.exit_requested)

    def install(self) -> None:
        """Filter the whole application's events; hide the pointer soon (at once on touch)."""
        QApplication.instance().installEventFilter(self)
        self.hider.start()
        if touch_only():
            self.hide_cursor()

    def remove(self) -> None:
        """Stop filtering and give the pointer back."""
        self.hider.stop()
        self.long_press.stop()
        QApplication.instance().removeEventFilter(self)
        QGuiApplication.restoreOverrideCursor()

    def hide_cursor(self) -> None:
        """No pointer on a kiosk that nobody is moving a mouse on."""
        if QGuiApplication.overrideCursor() is None:
            QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))

    def _show_cursor(self) -> None:
        if touch_only():
            return
        while QGuiApplication.overrideCursor() is not None:
            QGuiApplication.restoreOverrideCursor()
        self.hider.start()

    def _ours(self, watched: QObject) -> bool:
        if isinstance(watched, QWidget):
            return watched.window() is self.window
        return watched is self.window.windowHandle()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if not self._ours(watched):
            return False
        if kind == QEvent.Type.ContextMenu:
            return True  # no menus for visitors, anywhere
        if kind == QEvent.Type.MouseMove and isinstance(watched, QWidget) and watched.isWindow():
            self._show_cursor()
        if kind == QEvent.Type.KeyPress and is_exit_chord(event):  # type: ignore[arg-type]
            self.exit_requested.emit()
            return True
        if kind in (QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd):
            self.long_press.stop()
        if kind not in INPUTS:
            return False
        # One input passes the filter at its window and again at each widget it bubbles to.
        seen = (int(kind), event.timestamp(), id(event))  # type: ignore[attr-defined]
        if seen == self._last_input:
            return False
        self._last_input = seen
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin):
            point = self._window_point(event)
            if point is not None and in_corner(point.x(), point.y()):
                self.long_press.start()
        return self.on_input()

    def _window_point(self, event: QEvent) -> QPointF | None:
        if hasattr(event, "points") and event.points():  # touch
            return self.window.mapFromGlobal(event.points()[0].globalPosition())
        if hasattr(event, "globalPosition"):
            return self.window.mapFromGlobal(event.globalPosition())
        return None
