"""The overview: every slide as a thumbnail, to jump from (O). An overlay over the slide view.

Thumbnails are rendered one per event-loop turn, so the grid opens at once and fills in; they
use their own chart cache, so opening the overview never pushes the talk's charts out.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QImage, QKeyEvent, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QWidget

from nanyi_desk.layout.geometry import Rect
from nanyi_desk.layout.thumbnail_grid import GAP, ThumbnailGrid
from nanyi_desk.render.context import DeckContext
from nanyi_desk.render.painter import render_image

from .keys import event_action
from .state import PlayerState

HEADER = 64
"""Room for the overview's heading."""


class Overview(QWidget):
    """A grid of thumbnails over the slide view; choosing one jumps there."""

    chosen = Signal(int)
    """The slide picked (0-based)."""
    closed = Signal()
    """Left without choosing."""

    def __init__(self, state: PlayerState, ctx: DeckContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.state = state
        # Thumbnails share the deck and theme but not the chart cache (see module docstring).
        self.ctx = dataclasses.replace(ctx, charts=ctx.charts.sibling(budget_mb=2))
        self.selected = state.index
        self.thumbs: dict[int, QImage] = {}
        self._key: tuple | None = None
        self._filler = QTimer(self)
        self._filler.setInterval(0)
        self._filler.timeout.connect(self._render_one)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        state.language_changed.connect(self._on_language)
        self.hide()

    def use(self, ctx: DeckContext) -> None:
        """Show another deck (it was reloaded); its thumbnails are drawn anew."""
        self.ctx = dataclasses.replace(ctx, charts=ctx.charts.sibling(budget_mb=2))
        self._key, self.thumbs = None, {}
        self.selected = min(self.selected, self.count - 1)
        self._restart()

    def _on_language(self, _lang: str) -> None:
        self._restart()

    # -- geometry -------------------------------------------------------------------

    @property
    def count(self) -> int:
        """How many slides."""
        return len(self.ctx.deck.slides)

    def _aspect(self) -> float:
        w, h = self.ctx.size
        return w / h

    def grid(self) -> ThumbnailGrid:
        """The thumbnails' places at the current size."""
        area = Rect(0, HEADER, self.width(), max(1, self.height() - HEADER))
        return ThumbnailGrid(self.count, area, self._aspect())

    def columns(self) -> int:
        """Columns of the grid at the current size."""
        return self.grid().columns

    def cell(self, index: int) -> QRectF:
        """Where thumbnail `index` sits, in widget px."""
        c = self.grid().cell(index)
        return QRectF(c.x, c.y, c.w, c.h)

    def index_at(self, pos: QPointF) -> int | None:
        """The thumbnail under a widget position."""
        return self.grid().index_at(pos.x(), pos.y())

    # -- showing --------------------------------------------------------------------

    def open(self) -> None:
        """Cover the parent and take the keys."""
        self.selected = self.state.index
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()
        self.setFocus()
        self._restart()

    def close_overlay(self) -> None:
        """Hide and stop rendering."""
        self._filler.stop()
        self.hide()

    def _restart(self) -> None:
        if not self.isVisible():
            return
        first = self.cell(0)
        key = (
            self.state.lang,
            round(first.width()),
            round(first.height()),
            self.devicePixelRatioF(),
        )
        if key != self._key:
            self._key, self.thumbs = key, {}
        self._filler.start()
        self.update()

    def _render_one(self) -> None:
        missing = [i for i in self._order() if i not in self.thumbs]
        if not missing or self._key is None:
            self._filler.stop()
            return
        index = missing[0]
        lang, w, h, dpr = self._key
        image, _, _ = render_image(self.ctx, index, lang, w, h, dpr)
        self.thumbs[index] = image
        self.update(self.cell(index).toAlignedRect().adjusted(-4, -4, 4, 4))

    def _order(self) -> list[int]:
        # The slides near the current one first: those are the likeliest picks.
        return sorted(range(self.count), key=lambda i: abs(i - self.state.index))

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        super().resizeEvent(event)
        self._restart()

    # -- painting -------------------------------------------------------------------

    def paintEvent(self, _event) -> None:  # noqa: ANN001, N802
        theme = self.ctx.theme
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(theme.colors.ink))
        font = QFont(theme.font)
        font.setPixelSize(24)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("#FFFFFF"))
        heading = "总览" if self.state.lang.startswith("zh") else "Overview"
        hint = (
            "方向键选择 · Enter 跳转 · Esc 返回"
            if self.state.lang.startswith("zh")
            else ("Arrows to choose · Enter to go · Esc to return")
        )
        painter.drawText(
            QRectF(GAP * 2, 0, self.width(), HEADER), int(Qt.AlignmentFlag.AlignVCenter), heading
        )
        font.setBold(False)
        font.setPixelSize(16)
        painter.setFont(font)
        painter.setPen(QColor(255, 255, 255, 170))
        painter.drawText(
            QRectF(0, 0, self.width() - GAP * 2, HEADER),
            int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight),
            hint,
        )
        for index in range(self.count):
            self._paint_cell(painter, index, font)

    def _paint_cell(self, painter: QPainter, index: int, font: QFont) -> None:
        theme = self.ctx.theme
        rect = self.cell(index)
        image = self.thumbs.get(index)
        if image is not None:
            painter.drawImage(rect.topLeft(), image)
        else:
            painter.fillRect(rect, QColor(255, 255, 255, 28))
        slide = self.ctx.deck.slides[index]
        accent = QColor(theme.section_colour(slide.section))
        if index == self.state.index:
            painter.setPen(QPen(accent, 4))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(-2, -2, 2, 2))
        if index == self.selected and self.hasFocus():
            painter.setPen(QPen(QColor("#FFFFFF"), 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(-7, -7, 7, 7), 6, 6)
        font.setPixelSize(15)
        font.setBold(index == self.state.index)
        painter.setFont(font)
        painter.setPen(QColor(255, 255, 255, 230 if index == self.selected else 150))
        label = f"{index + 1}  {self.ctx.text(slide.title, self.state.lang)}"
        painter.drawText(
            QRectF(rect.left(), rect.bottom() + 4, rect.width(), 22),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            painter.fontMetrics().elidedText(label, Qt.TextElideMode.ElideRight, int(rect.width())),
        )

    # -- input ----------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key, cols = event.key(), self.columns()
        moves = {
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Up: -cols,
            Qt.Key.Key_Down: cols,
            Qt.Key.Key_PageUp: -cols,
            Qt.Key.Key_PageDown: cols,
        }
        if key in moves:
            self.selected = max(0, min(self.count - 1, self.selected + moves[key]))
        elif key == Qt.Key.Key_Home:
            self.selected = 0
        elif key == Qt.Key.Key_End:
            self.selected = self.count - 1
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.chosen.emit(self.selected)
            return
        elif event_action(event) in ("escape", "overview"):
            self.closed.emit()
            return
        else:
            return
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        index = self.index_at(event.position())
        if index is not None:
            self.chosen.emit(index)
        elif event.position().y() < HEADER:
            self.closed.emit()
