"""A strip of every slide as a thumbnail along the console's foot: click one to go there.

Thumbnails are drawn in the console's language, one per event-loop turn and only around what
is in view, with their own small chart cache (like the overview), so a 500-slide deck costs
nothing until it is scrolled to and never pushes the talk's charts out.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import QWidget

from nanyi_desk.render.context import DeckContext
from nanyi_desk.render.painter import render_image

from .warmer import Warmer

GAP = 10
"""Between thumbnails (px)."""
LABEL = 22
"""Room under each thumbnail for its number."""


class ThumbnailStrip(QWidget):
    """Every slide, small, in a row that scrolls; the current one outlined."""

    chosen = Signal(int)
    """The slide clicked (0-based)."""

    def __init__(self, ctx: DeckContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.current = 0
        self.lang = ctx.deck.languages[0]
        self.labels: dict[int, str] = {}
        self.offset = 0.0
        self.thumbs: dict[int, QImage] = {}
        self._key: tuple[object, ...] = ()
        self.warmer = Warmer(self)
        self.use(ctx)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setMinimumHeight(90)

    def use(self, ctx: DeckContext) -> None:
        """Show `ctx`'s deck (at start, and when it is reloaded)."""
        self.ctx = dataclasses.replace(ctx, charts=ctx.charts.sibling(budget_mb=2))
        self.thumbs.clear()
        self.current = min(self.current, self.count - 1)
        self._fill()

    @property
    def count(self) -> int:
        """How many slides."""
        return len(self.ctx.deck.slides)

    def set_language(self, lang: str) -> None:
        """Draw the thumbnails in `lang`."""
        if lang != self.lang:
            self.lang = lang
            self.thumbs.clear()
            self._fill()

    def set_current(self, index: int) -> None:
        """Outline slide `index` and scroll it into view."""
        self.current = index
        self.scroll_to(index)
        self.update()

    def set_labels(self, labels: dict[int, str]) -> None:
        """A short text under some thumbnails (the rehearsed time), beside the number."""
        self.labels = labels
        self.update()

    # -- geometry -------------------------------------------------------------------

    def thumb_size(self) -> tuple[int, int]:
        """A thumbnail's width and height at the strip's height."""
        height = max(20, self.height() - LABEL - GAP)
        w, h = self.ctx.size
        return max(20, round(height * w / h)), height

    def slot(self, index: int) -> QRectF:
        """Where thumbnail `index` is drawn, in widget px."""
        w, h = self.thumb_size()
        return QRectF(GAP + index * (w + GAP) - self.offset, GAP / 2, w, h)

    def index_at(self, x: float, y: float) -> int | None:
        """The thumbnail under a point, if any."""
        w, _ = self.thumb_size()
        index = int((x + self.offset - GAP) // (w + GAP))
        if 0 <= index < self.count and self.slot(index).adjusted(0, 0, 0, LABEL).contains(x, y):
            return index
        return None

    def _max_offset(self) -> float:
        w, _ = self.thumb_size()
        return max(0.0, GAP + self.count * (w + GAP) - self.width())

    def scroll_to(self, index: int) -> None:
        """Scroll so that `index` sits in the middle, where the strip can."""
        w, _ = self.thumb_size()
        middle = GAP + index * (w + GAP) + w / 2 - self.width() / 2
        self._scroll(middle)

    def _scroll(self, offset: float) -> None:
        self.offset = max(0.0, min(offset, self._max_offset()))
        self.update()
        self._fill()

    def visible(self) -> range:
        """The thumbnails at least partly in view."""
        w, _ = self.thumb_size()
        first = max(0, int((self.offset - GAP) // (w + GAP)))
        last = min(self.count, int((self.offset + self.width()) // (w + GAP)) + 1)
        return range(first, last)

    # -- drawing --------------------------------------------------------------------

    def _fill(self) -> None:
        key = (self.thumb_size(), self.devicePixelRatioF(), self.lang)
        if key != self._key:
            self._key = key
            self.thumbs.clear()
        shown = self.visible()
        # In view first, then a screen's width either side.
        around = range(max(0, shown.start - len(shown)), min(self.count, shown.stop + len(shown)))
        todo = [i for i in (*shown, *around) if i not in self.thumbs]
        self.warmer.plan((lambda i=i: self._draw(i, key) for i in dict.fromkeys(todo)), 0)

    def _draw(self, index: int, key: tuple[object, ...]) -> None:
        if key != self._key or index in self.thumbs:
            return
        w, h = self.thumb_size()
        image, _, _ = render_image(self.ctx, index, self.lang, w, h, self.devicePixelRatioF())
        self.thumbs[index] = image
        if index in self.visible():
            self.update(self.slot(index).toAlignedRect())

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)  # type: ignore[arg-type]
        self.scroll_to(self.current)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#0E1116"))
        font = QFont(self.font())
        font.setPixelSize(13)
        painter.setFont(font)
        accent = QColor(self.ctx.theme.colors.accent)
        for index in self.visible():
            box = self.slot(index)
            image = self.thumbs.get(index)
            if image is not None:
                painter.drawImage(box.topLeft(), image)
            else:
                painter.fillRect(box, QColor("#1B2029"))
            if index == self.current:
                painter.setPen(QPen(accent, 3))
                painter.drawRect(box.adjusted(-2, -2, 2, 2))
            painter.setPen(QColor("#FFFFFF" if index == self.current else "#9AA4B2"))
            label = str(index + 1)
            if index in self.labels:
                label += f"  ·  {self.labels[index]}"
            painter.drawText(
                QRectF(box.left(), box.bottom() + 2, box.width(), LABEL - 4),
                int(Qt.AlignmentFlag.AlignCenter),
                label,
            )

    # -- input ----------------------------------------------------------------------

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        index = self.index_at(event.position().x(), event.position().y())
        if index is not None:
            self.chosen.emit(index)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        delta = event.angleDelta()
        step = delta.x() if delta.x() else delta.y()
        self._scroll(self.offset - step)
