"""The widget that shows the current slide: a cached image, letterboxed, and the keys.

It renders through `render.cache.SlideCache`, pre-renders the neighbours after each change
(so the next change only paints a pixmap), moves between slides by the slide's transition,
counts key figures up, and turns keys, clicks, wheel and swipes into requests on
`PlayerState`. The overview and help are overlays it owns; Tab walks the slide's hotspots.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QKeyEvent, QMouseEvent, QPainter, QPen, QWheelEvent
from PySide6.QtWidgets import QWidget

from nanyi_desk.deck.model import KpisSlide
from nanyi_desk.playback.hits import meant
from nanyi_desk.playback.keymap import action_for
from nanyi_desk.render.cache import SlideCache
from nanyi_desk.render.painter import Hotspot, render_image

from .help_overlay import HelpOverlay
from .motion import Motion, paint_transition
from .overview import Overview
from .panel_layer import PanelLayer
from .state import PlayerState


class SlideView(QWidget):
    """Shows the state's current slide; sends the user's requests to the state."""

    hotspot_activated = Signal(str)
    """A panel id, when a hotspot is clicked, tapped or chosen with Enter."""
    fullscreen_requested = Signal()
    """F / F11 was pressed."""
    escape_requested = Signal()
    """Esc with nothing left to close here: the window decides (leave full screen, or not)."""

    def __init__(
        self, state: PlayerState, cache: SlideCache, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.cache = cache
        self.blank: str | None = None  # "black" | "white" | None
        self.typed = ""
        self.focused: int | None = None  # index into the current slide's hotspots (Tab)
        self.hovered: Hotspot | None = None
        self._last_image: QImage | None = None  # what was painted last: a transition's start
        self._shown_index = state.index
        self._count_frame: tuple[float, QImage] | None = None
        self._press: QPointF | None = None
        self.motion = Motion(self, self.update)
        self.motion.count.finished.connect(self._count_done)
        self._prerender = QTimer(self)
        self._prerender.setSingleShot(True)
        self._prerender.timeout.connect(self._render_neighbours)
        self.overview = Overview(state, cache.ctx, self)
        self.overview.chosen.connect(self._overview_chosen)
        self.overview.closed.connect(self._close_overlays)
        self.help = HelpOverlay(state, cache.ctx.theme, self)
        self.help.closed.connect(self._close_overlays)
        self.panels = PanelLayer(state, cache.ctx, self)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setMinimumSize(320, 180)
        self.setMouseTracking(True)
        state.slide_changed.connect(self._on_slide_changed)
        state.language_changed.connect(lambda _lang: self._changed(animate=False))

    # -- rendering ------------------------------------------------------------------

    def current(self) -> tuple[QImage, list[Hotspot], tuple[float, float, float]]:
        """The current slide's image, hotspots and canvas→widget transform."""
        image, painted, transform = self.cache.get(
            self.state.index, self.state.lang, self.width(), self.height(), self.devicePixelRatioF()
        )
        return image, painted.hotspots, transform

    def _on_slide_changed(self, index: int) -> None:
        self._changed(animate=True, direction=1 if index >= self._shown_index else -1)
        self._shown_index = index

    def _changed(self, animate: bool, direction: int = 1) -> None:
        slide = self.cache.ctx.deck.slides[self.state.index]
        self.focused = None
        self.hovered = None
        self._count_frame = None
        if animate and self.isVisible() and not self.blank:
            self.motion.begin(
                slide.transition or "fade",
                self._last_image,
                direction,
                counts=isinstance(slide, KpisSlide),
            )
        else:
            self.motion.stop()
        self.update()
        self._prerender.start(0)

    def _render_neighbours(self) -> None:
        size = (self.width(), self.height(), self.devicePixelRatioF())
        for index in (self.state.index + 1, self.state.index - 1):
            if 0 <= index < self.state.nav.count:
                self.cache.get(index, self.state.lang, *size)

    def _counting_image(self, image: QImage) -> QImage:
        # Counting frames are drawn fresh (a kpis slide has no chart: a few ms) and never cached.
        progress = self.motion.counted
        if progress >= 1.0:
            return image
        if self._count_frame is None or self._count_frame[0] != progress:
            frame, _, _ = render_image(
                self.cache.ctx,
                self.state.index,
                self.state.lang,
                self.width(),
                self.height(),
                self.devicePixelRatioF(),
                count=progress,
            )
            self._count_frame = (progress, frame)
        return self._count_frame[1]

    def _count_done(self) -> None:
        self._count_frame = None
        self.update()

    def paintEvent(self, _event: QEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        if self.blank:
            painter.fillRect(self.rect(), QColor("#000000" if self.blank == "black" else "#FFFFFF"))
            return
        image, hotspots, transform = self.current()
        shown = self._counting_image(image)
        motion = self.motion
        paint_transition(
            painter,
            motion.kind,
            motion.start_image,
            shown,
            motion.progress,
            motion.direction,
            self.width(),
        )
        if motion.progress >= 1.0:
            if self.hovered is not None and self.hovered in hotspots:
                self._paint_focus(painter, self.hovered, transform, strong=False)
            if self.focused is not None and self.focused < len(hotspots):
                self._paint_focus(painter, hotspots[self.focused], transform)
        if self.typed:
            painter.setPen(QColor("#FFFFFF"))
            box = QRectF(self.width() - 180, 20, 160, 60)
            painter.fillRect(box, QColor(0, 0, 0, 160))
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), self.typed)
        self._last_image = image

    def _paint_focus(
        self,
        painter: QPainter,
        hotspot: Hotspot,
        transform: tuple[float, float, float],
        strong: bool = True,
    ) -> None:
        scale, dx, dy = transform
        rect = QRectF(
            dx + hotspot.x * scale, dy + hotspot.y * scale, hotspot.w * scale, hotspot.h * scale
        ).adjusted(-5, -5, 5, 5)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        accent = QColor(
            self.cache.ctx.theme.section_colour(
                self.cache.ctx.deck.slides[self.state.index].section
            )
        )
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if strong:  # the keyboard's focus: unmistakable on a projector
            painter.setPen(QPen(QColor("#FFFFFF"), 7))
            painter.drawRoundedRect(rect, 14, 14)
            painter.setPen(QPen(accent, 3.5))
        else:  # the mouse's hover: a hint
            accent.setAlphaF(0.45)
            painter.setPen(QPen(accent, 3))
        painter.drawRoundedRect(rect, 14, 14)

    def resizeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.motion.stop()
        self._count_frame = None
        for overlay in (self.overview, self.help, self.panels):
            if overlay.isVisible():
                overlay.setGeometry(self.rect())
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
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.focused is not None:
            self.activate_focused()
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

    def act(self, action: str) -> None:  # noqa: C901 - one branch per action, as the keymap
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
            self.motion.stop()
            self.update()
        elif action == "language":
            self.state.cycle_language()
        elif action == "fullscreen":
            self.fullscreen_requested.emit()
        elif action == "overview":
            self.motion.stop()
            self.overview.open()
        elif action == "help":
            self.help.open()
        elif action in ("focus_next", "focus_previous"):
            self.move_focus(1 if action == "focus_next" else -1)
        elif action == "escape":
            if self.focused is not None:
                self.focused = None
                self.update()
                return
            self.escape_requested.emit()

    def _close_overlays(self) -> None:
        self.overview.close_overlay()
        self.help.hide()
        (self.panels if self.panels.isVisible() else self).setFocus()
        self.update()

    def _overview_chosen(self, index: int) -> None:
        self._close_overlays()
        self.motion.stop()
        self._last_image = None  # a jump from the overview needs no transition
        self.state.goto(index)

    def focusNextPrevChild(self, _next: bool) -> bool:  # noqa: N802 - Tab walks the hotspots
        return False

    def move_focus(self, step: int) -> None:
        """Select the next (or previous) hotspot, round and round."""
        _, hotspots, _ = self.current()
        if not hotspots:
            self.focused = None
            return
        if self.focused is None:
            self.focused = 0 if step > 0 else len(hotspots) - 1
        else:
            self.focused = (self.focused + step) % len(hotspots)
        self.update()

    def activate_focused(self) -> None:
        """Open the selected hotspot's panel."""
        _, hotspots, _ = self.current()
        if self.focused is not None and self.focused < len(hotspots):
            self.activate(hotspots[self.focused])

    def activate(self, hotspot: Hotspot) -> None:
        """Open a hotspot's panel."""
        self.hotspot_activated.emit(hotspot.panel)
        self.state.open_panel(hotspot.panel)

    def canvas_point(self, pos: QPointF) -> QPointF:
        """A widget position in the slide's canvas coordinates."""
        _, _, (scale, dx, dy) = self.current()
        return QPointF((pos.x() - dx) / scale, (pos.y() - dy) / scale)

    def hotspot_at(self, pos: QPointF) -> Hotspot | None:
        """The hotspot under a widget position, if any."""
        point = self.canvas_point(pos)
        _, hotspots, _ = self.current()
        return meant(hotspots, point.x(), point.y())

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._press = event.position()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.buttons() != Qt.MouseButton.NoButton:
            return  # a drag (a swipe in the making), not a hover
        hovered = self.hotspot_at(event.position())
        if hovered != self.hovered:
            self.hovered = hovered
            self.setCursor(
                Qt.CursorShape.PointingHandCursor if hovered else Qt.CursorShape.ArrowCursor
            )
            self.update()

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
            self.activate(hotspot)
        elif event.button() == Qt.MouseButton.RightButton:
            self.state.previous()
        else:
            self.state.next()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if event.angleDelta().y() < 0:
            self.state.next()
        elif event.angleDelta().y() > 0:
            self.state.previous()
