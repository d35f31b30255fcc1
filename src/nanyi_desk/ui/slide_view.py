"""The widget that shows the current slide: a cached image, letterboxed, and the keys.

It draws what `PlayerState` says — slide, language, blank screen, overlay — and turns keys,
clicks, wheel and swipes into requests on that state; it sets nothing of its own that another
view would need. It renders through `render.cache.SlideCache`, draws the neighbours ahead
(so a slide change only paints a pixmap), moves between slides by the slide's transition and
counts key figures up. The overview, help and panel layer are its children, each following
the state too.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QKeyEvent, QMouseEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QWidget

from nanyi_desk.deck.model import KpisSlide
from nanyi_desk.layout.geometry import Letterbox
from nanyi_desk.playback.gestures import swipe
from nanyi_desk.playback.hits import meant
from nanyi_desk.render.cache import SlideCache
from nanyi_desk.render.context import DeckContext
from nanyi_desk.render.frame import Hotspot
from nanyi_desk.render.painter import render_image

from .help_overlay import HelpOverlay
from .hotspot_focus import BLANK_FILL, HotspotFocus
from .keys import event_action
from .motion import Motion, paint_transition
from .overview import Overview
from .panel_layer import PanelLayer
from .state import PlayerState
from .warmer import Warmer


class SlideView(QWidget):
    """Shows the state's current slide; sends the user's requests to the state."""

    fullscreen_requested = Signal()
    """F / F11 was pressed: full screen is the window's business, not the state's."""
    escape_requested = Signal()
    """Esc with nothing left to close here: the window decides (leave full screen, or not)."""

    def __init__(
        self, state: PlayerState, cache: SlideCache, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.cache = cache
        self.typed = ""
        self.blank_caption = ""
        """Said over a blank screen (the console's "Black screen — B brings it back"); the
        audience's view leaves it empty."""
        self.focus = HotspotFocus(self)
        self._last_image: QImage | None = None  # what was painted last: a transition's start
        self._shown_index = state.index
        self._count_frame: tuple[float, QImage] | None = None
        self._press: QPointF | None = None
        self.motion = Motion(self, self.update)
        self.motion.count.finished.connect(self._count_done)
        self.warmer = Warmer(self)
        self.overview = Overview(state, cache.ctx, self)
        self.overview.chosen.connect(self._overview_chosen)
        self.overview.closed.connect(state.close_overlay)
        self.help = HelpOverlay(state, cache.ctx.theme, self)
        self.help.closed.connect(self._help_closed)
        self.private_help = False
        """The help opens on this view only, not through the state (the presenter console's:
        the audience never sees the key list)."""
        self.panels = PanelLayer(state, cache.ctx, self)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setMinimumSize(320, 180)
        self.setMouseTracking(True)
        # Bound methods, not lambdas: Qt drops the connection when this widget goes.
        state.slide_changed.connect(self._on_slide_changed)
        state.language_changed.connect(self._on_language)
        state.blank_changed.connect(self._on_blank)
        state.overlay_changed.connect(self._on_overlay)
        state.was_reset.connect(self._on_reset)
        state.deck_changed.connect(self._on_deck)

    @property
    def ctx(self) -> DeckContext:
        """The deck being shown."""
        return self.cache.ctx

    # -- rendering ------------------------------------------------------------------

    def current(self) -> tuple[QImage, list[Hotspot], Letterbox]:
        """The current slide's image, hotspots and canvas→widget transform."""
        image, painted, transform = self.cache.get(
            self.state.index, self.state.lang, self.width(), self.height(), self.devicePixelRatioF()
        )
        return image, painted.hotspots, Letterbox(*transform)

    def _on_slide_changed(self, index: int) -> None:
        self._changed(animate=True, direction=1 if index >= self._shown_index else -1)

    def _on_language(self, _lang: str) -> None:
        self._changed(animate=False)

    def _changed(self, animate: bool, direction: int = 1) -> None:
        slide = self.ctx.deck.slides[self.state.index]
        self._shown_index = self.state.index
        self.focus.clear()
        self._count_frame = None
        if animate and self.isVisible() and not self.state.blank:
            self.motion.begin(
                slide.transition or "fade",
                self._last_image,
                direction,
                counts=isinstance(slide, KpisSlide),
            )
        else:
            self.motion.stop()
        self.update()
        self._warm_neighbours(0)

    def _warm_neighbours(self, delay_ms: int) -> None:
        size = (self.width(), self.height(), self.devicePixelRatioF())
        index, lang = self.state.index, self.state.lang
        self.warmer.plan(
            (
                lambda i=i: self.cache.get(i, lang, *size)
                for i in (index + 1, index - 1)
                if 0 <= i < self.state.count
            ),
            delay_ms,
        )

    def _on_reset(self) -> None:
        # The next visitor sees the first slide at once, not a transition from the last one.
        self.motion.stop()
        self._last_image = None
        self.setFocus()
        self.update()

    def _on_deck(self, ctx: DeckContext) -> None:
        self.cache = SlideCache(ctx)
        self.overview.use(ctx)
        self.help.theme = ctx.theme
        self.panels.use(ctx)
        self.motion.stop()
        self._last_image = None
        self._changed(animate=False)

    def _counting_image(self, image: QImage) -> QImage:
        # Counting frames are drawn fresh (a kpis slide has no chart: a few ms) and never cached.
        progress = self.motion.counted
        if progress >= 1.0:
            return image
        if self._count_frame is None or self._count_frame[0] != progress:
            frame, _, _ = render_image(
                self.ctx,
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
        if self.state.blank:
            painter.fillRect(self.rect(), QColor(BLANK_FILL[self.state.blank]))
            if self.blank_caption:
                font = painter.font()
                font.setPixelSize(max(16, self.height() // 24))
                painter.setFont(font)
                painter.setPen(QColor("#8A93A0"))
                painter.drawText(
                    QRectF(self.rect()), int(Qt.AlignmentFlag.AlignCenter), self.blank_caption
                )
            return
        image, hotspots, box = self.current()
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
            self.focus.paint(painter, hotspots, box, self._accent())
        if self.typed:
            painter.setPen(QColor("#FFFFFF"))
            typed_box = QRectF(self.width() - 180, 20, 160, 60)
            painter.fillRect(typed_box, QColor(0, 0, 0, 160))
            painter.drawText(typed_box, int(Qt.AlignmentFlag.AlignCenter), self.typed)
        self._last_image = image

    def _accent(self) -> str:
        return self.ctx.theme.section_colour(self.ctx.deck.slides[self.state.index].section)

    def resizeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.motion.stop()
        self._count_frame = None
        for overlay in (self.overview, self.help, self.panels):
            if overlay.isVisible():
                overlay.setGeometry(self.rect())
        self._warm_neighbours(50)

    # -- following the state's blank screen and overlays ----------------------------

    def _on_blank(self, _blank: str) -> None:
        self.motion.stop()
        self.update()

    def _on_overlay(self, overlay: str) -> None:
        if overlay == "overview":
            self.motion.stop()
            self.help.hide()
            self.overview.open()
            return
        if overlay == "help":
            self.overview.close_overlay()
            self.help.open()
            return
        self.overview.close_overlay()
        self.help.hide()
        (self.panels if self.panels.isVisible() else self).setFocus()
        self.update()

    def _help_closed(self) -> None:
        if self.private_help:
            self.help.hide()
            (self.panels if self.panels.isVisible() else self).setFocus()
        else:
            self.state.close_overlay()

    def _overview_chosen(self, index: int) -> None:
        self.motion.stop()
        self._last_image = None  # a jump from the overview needs no transition
        self.state.close_overlay()
        self.state.goto(index)

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
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.focus.focused is not None:
            self.activate_focused()
            return
        action = event_action(event)
        if action is None:
            super().keyPressEvent(event)
            return
        self.typed = ""
        self.act(action)

    def act(self, action: str) -> None:
        """Carry out a keymap action (keys, and on-screen controls that mean the same)."""
        state = self.state
        if state.blank and action not in ("blackout", "whiteout"):
            # As in PowerPoint: the first key after a blank screen only brings the slide back.
            state.unblank()
        elif action in ("next", "previous", "first", "last"):
            getattr(state, action)()
        elif action in ("blackout", "whiteout"):
            state.toggle_blank("black" if action == "blackout" else "white")
        elif action == "language":
            state.cycle_language()
        elif action == "fullscreen":
            self.fullscreen_requested.emit()
        elif action == "help" and self.private_help:
            self.help.open()
        elif action in ("overview", "help"):
            state.show_overlay(action)
        elif action in ("focus_next", "focus_previous"):
            self.focus.move(1 if action == "focus_next" else -1, self.current()[1])
        elif action == "escape":
            if self.focus.focused is not None:
                self.focus.clear()
                self.update()
            else:
                self.escape_requested.emit()

    def focusNextPrevChild(self, _next: bool) -> bool:  # noqa: N802 - Tab walks the hotspots
        return False

    def activate_focused(self) -> None:
        """Open the selected hotspot's panel."""
        hotspot = self.focus.selected(self.current()[1])
        if hotspot is not None:
            self.state.open_panel(hotspot.panel)

    def hotspot_at(self, pos: QPointF) -> Hotspot | None:
        """The hotspot under a widget position, if any."""
        _, hotspots, box = self.current()
        return meant(hotspots, *box.to_canvas(pos.x(), pos.y()))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._press = event.position()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.buttons() != Qt.MouseButton.NoButton:
            return  # a drag (a swipe in the making), not a hover
        self.focus.hover(self.hotspot_at(event.position()))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        start, self._press = self._press, None
        if start is None:
            return
        gesture = swipe(event.position().x() - start.x(), event.position().y() - start.y())
        if self.state.blank:
            self.state.unblank()
        elif gesture in ("left", "right"):
            self.state.next() if gesture == "left" else self.state.previous()
        elif (hotspot := self.hotspot_at(event.position())) is not None:
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
