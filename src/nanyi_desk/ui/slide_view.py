"""The widget that shows the current slide: a cached image, letterboxed, and the keys.

It renders through `render.cache.SlideCache`, pre-renders the neighbours after each change
(so the next change only paints a pixmap), fades between slides, and turns keys, clicks,
wheel and swipes into requests on `PlayerState`.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEasingCurve,
    QEvent,
    QPointF,
    QRectF,
    Qt,
    QTimer,
    QVariantAnimation,
    Signal,
)
from PySide6.QtGui import QColor, QImage, QKeyEvent, QMouseEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QWidget

from nanyi_desk.playback.keymap import action_for
from nanyi_desk.render.cache import SlideCache
from nanyi_desk.render.painter import Hotspot

from .state import PlayerState

TRANSITION_MS = 260


class SlideView(QWidget):
    """Shows the state's current slide; sends the user's requests to the state."""

    hotspot_activated = Signal(str)
    """A panel id, when a hotspot is clicked or tapped."""
    fullscreen_requested = Signal()
    """F / F11 was pressed."""

    def __init__(
        self, state: PlayerState, cache: SlideCache, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.cache = cache
        self.blank: str | None = None  # "black" | "white" | None
        self.typed = ""
        self._previous: QImage | None = None
        self._last_image: QImage | None = None  # what was painted last: the fade's start
        self._press: QPointF | None = None
        self._fade = QVariantAnimation(self)  # an attribute, so it is not garbage-collected mid-run
        self._fade.setDuration(TRANSITION_MS)
        self._fade.setStartValue(0.0)
        self._fade.setEndValue(1.0)
        self._fade.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._fade.valueChanged.connect(self.update)
        self._prerender = QTimer(self)
        self._prerender.setSingleShot(True)
        self._prerender.timeout.connect(self._render_neighbours)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setMinimumSize(320, 180)
        state.slide_changed.connect(self._on_slide_changed)
        state.language_changed.connect(lambda _lang: self._changed(fade=False))

    # -- rendering ------------------------------------------------------------------

    def current(self) -> tuple[QImage, list[Hotspot], tuple[float, float, float]]:
        """The current slide's image, hotspots and canvas→widget transform."""
        image, painted, transform = self.cache.get(
            self.state.index, self.state.lang, self.width(), self.height(), self.devicePixelRatioF()
        )
        return image, painted.hotspots, transform

    def _on_slide_changed(self, _index: int) -> None:
        self._changed(fade=True)

    def _changed(self, fade: bool) -> None:
        slide = self.cache.ctx.deck.slides[self.state.index]
        if fade and slide.transition != "none" and self.isVisible():
            self._previous = self._last_image
            self._fade.stop()
            self._fade.start()
        self.update()
        self._prerender.start(0)

    def _render_neighbours(self) -> None:
        size = (self.width(), self.height(), self.devicePixelRatioF())
        for index in (self.state.index + 1, self.state.index - 1):
            if 0 <= index < self.state.nav.count:
                self.cache.get(index, self.state.lang, *size)

    def paintEvent(self, _event: QEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        if self.blank:
            painter.fillRect(self.rect(), QColor("#000000" if self.blank == "black" else "#FFFFFF"))
            return
        image, _, _ = self.current()
        progress = (
            self._fade.currentValue()
            if self._fade.state() == QVariantAnimation.State.Running
            else 1.0
        )
        if self._previous is not None and progress < 1.0:
            painter.drawImage(QPointF(0, 0), self._previous)
            painter.setOpacity(float(progress))
        painter.drawImage(QPointF(0, 0), image)
        painter.setOpacity(1.0)
        if self.typed:
            painter.setPen(QColor("#FFFFFF"))
            box = QRectF(self.width() - 180, 20, 160, 60)
            painter.fillRect(box, QColor(0, 0, 0, 160))
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), self.typed)
        self._last_image = image

    def resizeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._previous = None
        self._prerender.start(50)

    # -- input ---------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
            self.typed += chr(key)
            self.update()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.typed:
            self.state.goto(int(self.typed) - 1)
            self.typed = ""
            self.update()
            return
        name = (
            Qt.Key(key).name.removeprefix("Key_")
            if isinstance(key, int)
            else key.name.removeprefix("Key_")
        )
        action = action_for(name)
        if action is None:
            super().keyPressEvent(event)
            return
        self.typed = ""
        self.act(action)

    def act(self, action: str) -> None:
        """Carry out a keymap action."""
        if self.blank and action not in ("blackout", "whiteout"):
            # As in PowerPoint: the first key after a blank screen only brings the slide back.
            self.blank = None
            self.update()
            return
        if action in ("next", "previous", "first", "last"):
            getattr(self.state, action)()
        elif action in ("blackout", "whiteout"):
            wanted = "black" if action == "blackout" else "white"
            self.blank = None if self.blank == wanted else wanted
            self.update()
        elif action == "language":
            self.state.cycle_language()
        elif action == "fullscreen":
            self.fullscreen_requested.emit()
        elif action == "escape":
            window = self.window()
            if window.isFullScreen():
                window.showNormal()

    def focusNextPrevChild(self, _next: bool) -> bool:  # noqa: N802 - Tab is ours (overview)
        return False

    def canvas_point(self, pos: QPointF) -> QPointF:
        """A widget position in the slide's canvas coordinates."""
        _, _, (scale, dx, dy) = self.current()
        return QPointF((pos.x() - dx) / scale, (pos.y() - dy) / scale)

    def hotspot_at(self, pos: QPointF) -> Hotspot | None:
        """The hotspot under a widget position, if any."""
        point = self.canvas_point(pos)
        _, hotspots, _ = self.current()
        under = [h for h in hotspots if h.contains(point.x(), point.y())]
        # Pie slices' boxes overlap near the centre: the smallest box is the one meant.
        return min(under, key=lambda h: h.w * h.h, default=None)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._press = event.position()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        start, self._press = self._press, None
        if start is None:
            return
        dx = event.position().x() - start.x()
        dy = event.position().y() - start.y()
        if abs(dx) > 80 and abs(dx) > 2 * abs(dy):  # a swipe
            self.state.next() if dx < 0 else self.state.previous()
            return
        hotspot = self.hotspot_at(event.position())
        if hotspot is not None:
            self.hotspot_activated.emit(hotspot.panel)
            self.state.open_panel(hotspot.panel)
        elif event.button() == Qt.MouseButton.RightButton:
            self.state.previous()
        else:
            self.state.next()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if event.angleDelta().y() < 0:
            self.state.next()
        elif event.angleDelta().y() > 0:
            self.state.previous()
