"""The overview: every slide as a thumbnail, to jump from (O). An overlay over the slide view.

Thumbnails are rendered one per event-loop turn, so the grid opens at once and fills in; they
use their own chart cache, so opening the overview never pushes the talk's charts out.
"""

from __future__ import annotations

import dataclasses
import math

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QImage, QKeyEvent, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QWidget

from nanyi_desk.render.context import ChartImages, DeckContext
from nanyi_desk.render.painter import render_image

from .state import PlayerState

GAP = 18
"""Logical px between thumbnails."""
HEADER = 64
"""Room for the overview's heading."""


def grid_columns(count: int, width: float, height: float, aspect: float) -> int:
    """The number of columns that makes `count` thumbnails of `aspect` (w/h) largest."""
    best, best_w = 1, 0.0
    for cols in range(1, count + 1):
        rows = math.ceil(count / cols)
        cell_w = (width - GAP * (cols + 1)) / cols
        cell_h = (height - GAP * (rows + 1)) / rows - 26  # a line for the number
        thumb_w = min(cell_w, cell_h * aspect)
        if thumb_w > best_w:
            best, best_w = cols, thumb_w
    return best


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
        self.ctx = dataclasses.replace(ctx, charts=ChartImages(budget_mb=2))
        self.selected = state.index
        self.thumbs: dict[int, QImage] = {}
        self._key: tuple | None = None
        self._filler = QTimer(self)
        self._filler.setInterval(0)
        self._filler.timeout.connect(self._render_one)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        state.language_changed.connect(lambda _lang: self._restart())
        self.hide()

    # -- geometry -------------------------------------------------------------------

    @property
    def count(self) -> int:
        """How many slides."""
        return len(self.ctx.deck.slides)

    def _aspect(self) -> float:
        w, h = self.ctx.size
        return w / h

    def columns(self) -> int:
        """Columns of the grid at the current size."""
        area = self._area()
        return grid_columns(self.count, area.width(), area.height(), self._aspect())

    def _area(self) -> QRectF:
        return QRectF(0, HEADER, self.width(), max(1, self.height() - HEADER))

    def cell(self, index: int) -> QRectF:
        """Where thumbnail `index` sits, in widget px."""
        area, cols = self._area(), self.columns()
        rows = math.ceil(self.count / cols)
        cell_w = (area.width() - GAP * (cols + 1)) / cols
        cell_h = (area.height() - GAP * (rows + 1)) / rows
        thumb_w = min(cell_w, (cell_h - 26) * self._aspect())
        thumb_h = thumb_w / self._aspect()
        grid_w = cols * thumb_w + (cols - 1) * GAP
        grid_h = rows * (thumb_h + 26) + (rows - 1) * GAP
        left = area.left() + (area.width() - grid_w) / 2
        top = area.top() + max(GAP, (area.height() - grid_h) / 2)
        row, col = divmod(index, cols)
        return QRectF(
            left + col * (thumb_w + GAP), top + row * (thumb_h + 26 + GAP), thumb_w, thumb_h
        )

    def index_at(self, pos: QPointF) -> int | None:
        """The thumbnail under a widget position."""
        for index in range(self.count):
            if self.cell(index).adjusted(-GAP / 2, -GAP / 2, GAP / 2, 26 + GAP / 2).contains(pos):
                return index
        return None

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
        elif key in (Qt.Key.Key_Escape, Qt.Key.Key_O):
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
