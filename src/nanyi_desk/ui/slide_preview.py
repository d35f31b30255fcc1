"""One slide drawn small, in a language of its own: the console's "next slide".

It paints only from its cache; a slide not drawn yet is drawn one event-loop turn later,
so a key press never waits here for a chart (the audience view comes first).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from nanyi_desk.render.cache import SlideCache

from .warmer import Warmer


class SlidePreview(QWidget):
    """Shows slide `index` in `lang`, letterboxed; a message where there is no slide."""

    def __init__(self, cache: SlideCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cache = cache
        self.index: int | None = None
        self.lang = cache.ctx.deck.languages[0]
        self.message = ""
        self.warmer = Warmer(self)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setMinimumSize(160, 90)

    def show_slide(self, index: int | None, lang: str, message: str = "") -> None:
        """Show slide `index` (None: `message` instead) in `lang`; neighbours are drawn ahead."""
        self.index, self.lang, self.message = index, lang, message
        self.update()
        count = len(self.cache.ctx.deck.slides)
        if index is None:
            return
        size = self._size()
        ahead = [i for i in (index, index + 1, index - 1) if 0 <= i < count]
        self.warmer.plan(
            (lambda i=i: self._draw_ahead(i, lang, size) for i in ahead),
            delay_ms=0,
        )

    def _size(self) -> tuple[int, int, float]:
        return (self.width(), self.height(), self.devicePixelRatioF())

    def _draw_ahead(self, index: int, lang: str, size: tuple[int, int, float]) -> None:
        if size != self._size():
            return  # resized since: the next show_slide plans again
        fresh = not self.cache.has(index, lang, *size)
        self.cache.get(index, lang, *size)
        if fresh and index == self.index:
            self.update()

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)  # type: ignore[arg-type]
        self.show_slide(self.index, self.lang, self.message)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#000000"))
        size = self._size()
        if self.index is not None and self.cache.has(self.index, self.lang, *size):
            image, _, _ = self.cache.get(self.index, self.lang, *size)
            painter.drawImage(0, 0, image)
            return
        if self.index is None and self.message:  # not yet drawn: stay dark, say nothing
            font = QFont(self.font())
            font.setPixelSize(max(14, self.height() // 10))
            painter.setFont(font)
            painter.setPen(QColor("#9AA4B2"))
            painter.drawText(QRectF(self.rect()), int(Qt.AlignmentFlag.AlignCenter), self.message)
