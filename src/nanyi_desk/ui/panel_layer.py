"""Drill-down panels in the player: the sheet over the dimmed slide, and its gestures.

It observes `PlayerState.panels` and the language, and sends requests back (open a deeper
panel, back, close); it never talks to the slide view. The sheet is painted by
`render.panel.paint_panel` into one image per change, so the opening animation only moves a
picture. Once the sheet is still, a live chart (`ChartCanvas`) is laid over the painted one.
"""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QEvent, QPointF, QRectF, Qt, QVariantAnimation
from PySide6.QtGui import QColor, QCursor, QImage, QKeyEvent, QMouseEvent, QPainter
from PySide6.QtWidgets import QWidget

from nanyi_desk.deck.drills import drills_of, panel_path
from nanyi_desk.layout.geometry import Letterbox, Rect
from nanyi_desk.playback.gestures import swipe
from nanyi_desk.playback.hits import meant
from nanyi_desk.render.context import DeckContext
from nanyi_desk.render.frame import Hotspot, blank_image
from nanyi_desk.render.panel import paint_panel, panel_rect
from nanyi_desk.render.sheet import PaintedPanel

from .hotspot_focus import BLANK_FILL, HotspotFocus
from .keys import event_action
from .state import PlayerState
from .warmer import Warmer

OPEN_MS = 180
"""The sheet's entrance: quick enough to feel direct, long enough to show where it came from."""
DIM = 0.5
"""How dark the slide behind an open panel gets."""
WARM_AFTER_MS = 400
"""After a slide arrives (and its neighbours are drawn), draw its panels' charts ahead."""


class PanelLayer(QWidget):
    """The open panel over the slide view; hidden when no panel is open."""

    def __init__(self, state: PlayerState, ctx: DeckContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.state = state
        self.ctx = ctx
        self.sheet: QImage | None = None
        self.painted: PaintedPanel | None = None
        self.focus = HotspotFocus(self)
        self.canvas = None  # the live chart (ChartCanvas), made when the chart is first touched
        self._settled_open = False
        self._press: QPointF | None = None
        self._closing = False
        self._anim = QVariantAnimation(self)
        self._anim.setDuration(OPEN_MS)
        self._anim.setStartValue(0.0)
        self._anim.setEndValue(1.0)
        self._anim.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._anim.valueChanged.connect(self.update)
        self._anim.finished.connect(self._settled)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        # A panel's chart takes matplotlib ~100 ms the first time: draw the charts of the
        # panels this slide opens while the presenter talks, so a tap opens within a frame.
        # An open panel's own drawing comes first.
        self.warmer = Warmer(self, WARM_AFTER_MS, busy=self.isVisible)
        state.panels_changed.connect(self._on_panels)
        state.language_changed.connect(self._on_language)
        state.slide_changed.connect(self._on_slide)
        state.blank_changed.connect(self._on_blank)
        state.was_reset.connect(self._on_reset)
        self.hide()

    def use(self, ctx: DeckContext) -> None:
        """Draw from another deck (it was reloaded); the state's panels signal follows."""
        self.ctx = ctx
        if self.isVisible() and self.state.panels and not self._closing:
            self._rebuild(animate=False)
        self._plan_warming()

    # -- geometry -------------------------------------------------------------------

    def transform(self) -> Letterbox:
        """Canvas → widget, letterboxed as the slide is."""
        return Letterbox.fit(self.ctx.size, self.width(), self.height())

    def to_widget(self, rect: QRectF) -> QRectF:
        """A canvas rectangle in widget px."""
        r = self.transform().to_view(Rect(rect.x(), rect.y(), rect.width(), rect.height()))
        return QRectF(r.x, r.y, r.w, r.h)

    def to_canvas(self, pos: QPointF) -> QPointF:
        """A widget position in canvas px."""
        return QPointF(*self.transform().to_canvas(pos.x(), pos.y()))

    # -- following the state --------------------------------------------------------

    @property
    def panel(self) -> str | None:
        """The innermost open panel."""
        return self.state.panels[-1] if self.state.panels else None

    def _on_language(self, _lang: str) -> None:
        self._rebuild(animate=False)
        self._plan_warming()

    def _on_slide(self, _index: int) -> None:
        self._plan_warming()

    def _on_blank(self, _blank: str) -> None:
        # A blank screen covers the panel too; the canvas is a native child and must hide.
        if self.canvas is not None:
            self.canvas.setVisible(not self.state.blank)
        self.update()

    def _on_reset(self) -> None:
        # The next visitor must not watch the last one's panel slide away.
        self._anim.stop()
        self._drop_canvas()
        self._closing = False
        self.hide()
        self.sheet = None
        self.painted = None

    def _on_panels(self, panels: tuple[str, ...]) -> None:
        if not panels:
            self._close()
            return
        opening = not self.isVisible() or self._closing
        self._rebuild(animate=opening)

    def _rebuild(self, animate: bool) -> None:
        if not self.state.panels:
            return
        self._drop_canvas()
        self._closing = False
        self.focus.clear()
        self.setGeometry(self.parentWidget().rect())
        self._paint_sheet()
        if not self.isVisible():
            self.show()
        self.raise_()
        self.setFocus()
        if animate:
            self._anim.setDirection(QVariantAnimation.Direction.Forward)
            self._anim.start()
        else:
            self._anim.stop()
            self._settled()
        self.update()

    def _plan_warming(self) -> None:
        slide = self.ctx.deck.slides[self.state.index]
        panels = self.ctx.deck.panels
        wanted = [p for p in dict.fromkeys(drills_of(slide)) if p in panels and panels[p].chart]
        self.warmer.plan(lambda p=p: self._warm(p) for p in wanted)

    def _warm(self, panel_id: str) -> None:
        parent = self.parentWidget()
        if parent is not None and self.size() != parent.size():
            self.setGeometry(parent.rect())
        self._paint_sheet(panel_id, (panel_id,), keep=False)

    def _paint_sheet(
        self, panel_id: str | None = None, trail: tuple[str, ...] = (), keep: bool = True
    ) -> None:
        panel_id = panel_id or self.state.panels[-1]
        trail = trail or self.state.panels
        dpr = self.devicePixelRatioF()
        image = blank_image(self.width(), self.height(), dpr, fill=None)
        scale, dx, dy = self.transform()
        painter = QPainter(image)
        painter.translate(dx, dy)
        painter.scale(scale, scale)
        painted = paint_panel(
            painter, self.ctx, panel_id, self.state.lang, panel_rect(self.ctx), scale * dpr, trail
        )
        painter.end()
        if keep:
            self.painted, self.sheet = painted, image

    def _close(self) -> None:
        self._drop_canvas()
        if not self.isVisible():
            return
        self._closing = True
        self._anim.setDirection(QVariantAnimation.Direction.Backward)
        if self._anim.state() != QVariantAnimation.State.Running:
            self._anim.start()
        parent = self.parentWidget()
        if parent is not None:
            parent.setFocus()

    def _settled(self) -> None:
        if self._closing:
            self._closing = False
            self.hide()
            self.sheet = None
            self.painted = None
            return
        self._settled_open = True
        # The live chart waits for a finger or pointer over it: until then the painted chart
        # is the same picture, and matplotlib need not load at all (issue 13).
        if self._pointer_on_chart():
            self._make_canvas()

    # -- the live chart -------------------------------------------------------------

    def _on_chart(self, pos: QPointF) -> bool:
        painted = self.painted
        if painted is None or painted.chart_rect is None:
            return False
        return self.to_widget(painted.chart_rect).contains(pos)

    def _pointer_on_chart(self) -> bool:
        return self.underMouse() and self._on_chart(QPointF(self.mapFromGlobal(QCursor.pos())))

    def _touch_chart(self, pos: QPointF) -> None:
        """A pointer or finger reached the chart: make it live, once the sheet is still."""
        if self.canvas is None and self._settled_open and not self._closing and self._on_chart(pos):
            self._make_canvas()

    def _make_canvas(self) -> None:
        if self.canvas is not None:
            return
        painted, panel_id = self.painted, self.panel
        if painted is None or painted.chart_rect is None or panel_id is None:
            return
        chart = self.ctx.deck.panels[panel_id].chart
        if chart is None:
            return
        from .chart_canvas import ChartCanvas  # matplotlib's Qt backend loads with the first chart

        rect = painted.chart_rect
        scale, _, _ = self.transform()
        size = (max(1, round(rect.width())), max(1, round(rect.height())))
        canvas = ChartCanvas(
            chart,
            self.state.lang,
            self.ctx.fallbacks(self.state.lang),
            self.ctx.theme,
            self._accent(),
            size,
            scale,
            self,
        )
        placed = self.to_widget(QRectF(rect.left(), rect.top(), size[0], size[1]))
        canvas.setGeometry(placed.toAlignedRect())
        canvas.drill.connect(self.state.open_panel)
        canvas.show()
        self.canvas = canvas

    def _accent(self) -> str:
        index, _ = panel_path(self.ctx.deck, self.panel or "")
        section = self.ctx.deck.slides[index].section if index is not None else None
        return self.ctx.theme.section_colour(section)

    def _drop_canvas(self) -> None:
        self._settled_open = False  # until the next sheet is still
        canvas, self.canvas = self.canvas, None
        if canvas is not None:
            canvas.release()
            canvas.hide()
            canvas.setParent(None)
            canvas.deleteLater()

    # -- painting -------------------------------------------------------------------

    def progress(self) -> float:
        """How far open the sheet is, 0–1."""
        if self._anim.state() == QVariantAnimation.State.Running:
            return float(self._anim.currentValue())
        return 0.0 if self._closing else 1.0

    def paintEvent(self, _event: QEvent) -> None:  # noqa: N802 - Qt's name
        if self.sheet is None:
            return
        painter = QPainter(self)
        t = self.progress()
        painter.fillRect(self.rect(), QColor(0, 0, 0, round(255 * DIM * t)))
        if self.ctx.portrait:
            # The sheet rises from the bottom edge.
            painter.translate(0, (1 - t) * self.to_widget(panel_rect(self.ctx)).height())
        else:
            painter.setOpacity(t)
            painter.translate(0, (1 - t) * 36)
        painter.drawImage(QPointF(0, 0), self.sheet)
        painter.setOpacity(1.0)
        if t >= 1.0:
            painter.resetTransform()
            self.focus.paint(painter, self.hotspots(), self.transform(), self._accent())
        if self.state.blank:
            painter.resetTransform()
            painter.fillRect(self.rect(), QColor(BLANK_FILL[self.state.blank]))

    def resizeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.isVisible() and self.state.panels and not self._closing:
            self._rebuild(animate=False)

    # -- input ----------------------------------------------------------------------

    def hotspots(self) -> list[Hotspot]:
        """What can be opened from the sheet, in reading order."""
        return list(self.painted.hotspots) if self.painted is not None else []

    def hit(self, pos: QPointF) -> tuple[str, str | None]:
        """What a touch at a widget position means: (what, panel id)."""
        painted = self.painted
        if painted is None:
            return "nothing", None
        point = self.to_canvas(pos)
        for name, rect in painted.controls.items():
            if rect.contains(point):
                return name, None
        hotspot = meant(painted.hotspots, point.x(), point.y())
        if hotspot is not None:
            return "open", hotspot.panel
        if painted.sheet is not None and not painted.sheet.contains(point):
            return "outside", None
        return "sheet", None

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._press = event.position()
        self._touch_chart(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        start, self._press = self._press, None
        if start is None or self._closing:
            return
        if self.state.blank:
            self.state.unblank()
            return
        if swipe(event.position().x() - start.x(), event.position().y() - start.y()) == "down":
            self.state.close_panels()  # pushed down and away
            return
        what, panel = self.hit(event.position())
        if what in ("close", "outside"):
            self.state.close_panels()
        elif what == "back":
            self.state.back()
        elif what == "open" and panel is not None:
            self.state.open_panel(panel)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._touch_chart(event.position())
        point = self.to_canvas(event.position())
        self.focus.hover(meant(self.hotspots(), point.x(), point.y()))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if self.state.blank:
            event.ignore()  # the slide view brings the slide back first
            return
        focused = self.focus.selected(self.hotspots())
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and focused is not None:
            self.state.open_panel(focused.panel)
            return
        action = event_action(event, in_panel=True)
        if action == "back":
            self.state.back()
        elif action in ("focus_next", "focus_previous"):
            self.focus.move(1 if action == "focus_next" else -1, self.hotspots())
        elif action == "language":
            self.state.cycle_language()
        elif action in ("next", "previous", "first", "last"):
            # A clicker's next while a panel is open puts the panels away; it does not jump.
            self.state.close_panels()
        else:
            event.ignore()  # help, overview, blank screens, full screen: the slide view's keys

    def focusNextPrevChild(self, _next: bool) -> bool:  # noqa: N802 - Tab walks the hotspots
        return False
