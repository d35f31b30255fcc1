"""The live preview's error bar: what is wrong with the deck as last saved, over the last good one.

Lists the problems exactly as `validate` prints them (`file:line:col: level: message`), across
the bottom of the view, in the talk's language. A click copies them all (to paste into an
editor's "go to line" or a message); the next good save takes the bar away.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QGuiApplication, QMouseEvent, QPainter
from PySide6.QtWidgets import QWidget

from .words import ui_word

MAX_LINES = 6
"""Problems shown at once; the rest are counted (and copied)."""

WORDS = {
    "title": {
        "zh": "讲稿保存后有错误，仍在显示上一个正确版本（点击复制）",
        "en": "The deck as saved has errors; the last good version stays on screen (click to copy)",
    },
    "more": {"zh": "另有 {n} 条", "en": "{n} more"},
    "copied": {"zh": "已复制", "en": "Copied"},
}


def _word(key: str, lang: str, **values: object) -> str:
    return ui_word(WORDS[key], lang, **values)


class ErrorBar(QWidget):
    """A band across the bottom of its parent listing the deck's errors."""

    def __init__(self, parent: QWidget, font_family: str) -> None:
        super().__init__(parent)
        self.lines: list[str] = []
        self.lang = "en"
        self.copied = False
        self._family = font_family
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.hide()

    def show_errors(self, lines: list[str], lang: str) -> None:
        """Show `lines` (validate's own words) in a bar in `lang`."""
        self.lines, self.lang, self.copied = lines, lang, False
        self._place()
        self.show()
        self.raise_()
        self.update()

    def set_language(self, lang: str) -> None:
        """The bar's own words in `lang` (the problems stay as validate wrote them)."""
        self.lang = lang
        self.update()

    def clear(self) -> None:
        """The deck is good again."""
        self.lines = []
        self.hide()

    def text(self) -> str:
        """Everything the bar holds, as copied."""
        return "\n".join(self.lines)

    def _font(self, px: int, bold: bool = False) -> QFont:
        font = QFont(self._family)
        font.setPixelSize(px)
        font.setBold(bold)
        return font

    def _line_px(self) -> int:
        return max(13, min(18, self.parentWidget().height() // 45))

    def _place(self) -> None:
        parent = self.parentWidget()
        px = self._line_px()
        shown = min(len(self.lines), MAX_LINES) + (len(self.lines) > MAX_LINES)
        height = round((shown + 1) * px * 1.5 + 20)
        self.setGeometry(0, parent.height() - height, parent.width(), height)

    def resize_to_parent(self) -> None:
        """Follow the parent's size (its resizeEvent calls this)."""
        if self.isVisible():
            self._place()

    def paintEvent(self, _event: object) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(140, 20, 28, 235))
        px = self._line_px()
        step = px * 1.5
        x, y, width = 16.0, 10.0, self.width() - 32.0
        painter.setPen(QColor("#FFFFFF"))
        painter.setFont(self._font(px, bold=True))
        title = _word("copied", self.lang) if self.copied else _word("title", self.lang)
        title = QFontMetricsF(painter.font()).elidedText(title, Qt.TextElideMode.ElideRight, width)
        painter.drawText(QRectF(x, y, width, step), int(Qt.AlignmentFlag.AlignVCenter), title)
        painter.setFont(self._font(px))
        metrics = QFontMetricsF(painter.font())
        for line in self.lines[:MAX_LINES]:
            y += step
            elided = metrics.elidedText(line, Qt.TextElideMode.ElideMiddle, width)
            painter.drawText(QRectF(x, y, width, step), int(Qt.AlignmentFlag.AlignVCenter), elided)
        if len(self.lines) > MAX_LINES:
            y += step
            more = _word("more", self.lang, n=len(self.lines) - MAX_LINES)
            painter.drawText(QRectF(x, y, width, step), int(Qt.AlignmentFlag.AlignVCenter), more)

    def mouseReleaseEvent(self, _event: QMouseEvent) -> None:  # noqa: N802
        QGuiApplication.clipboard().setText(self.text())
        self.copied = True
        self.update()
