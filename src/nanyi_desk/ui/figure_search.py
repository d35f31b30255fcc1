"""Figures at hand: the presenter console's search over every figure, title and note (Ctrl+F).

An overlay the console lays over itself: a field and, under it, the hits of
`deck.search.FigureIndex`, each with its figure, label, source sentence and place. It never
touches the player's state: it says which hit was chosen and the console acts on it.
Imports QtWidgets, `nanyi_desk.deck.search`, `nanyi_desk.theme` and the bundled fonts.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QKeyEvent, QPainter, QTextLayout
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from nanyi_desk.deck.model import Deck
from nanyi_desk.deck.search import FigureIndex, Hit
from nanyi_desk.render.fonts import register_fonts
from nanyi_desk.theme import Theme, load_theme

from .words import ui_word

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
"""The model's role that holds a row's Hit."""

WORDS = {
    "placeholder": {"zh": "搜索数字、标题、备注…", "en": "Search figures, titles, notes…"},
    "hint": {
        "zh": "↑↓ 选择 · Enter 投到屏幕 · Esc 关闭",
        "en": "↑↓ to choose · Enter to show · Esc to close",
    },
    "count": {"zh": "{n} 条结果", "en": "{n} results"},
    "one": {"zh": "1 条结果", "en": "1 result"},
    "none": {"zh": "没有找到", "en": "Nothing found"},
}
KINDS = {
    "card": {"zh": "卡片", "en": "Card"},
    "event": {"zh": "大事", "en": "Event"},
    "bullet": {"zh": "要点", "en": "Point"},
    "row": {"zh": "表格", "en": "Table"},
    "quotation": {"zh": "引语", "en": "Quote"},
    "slide": {"zh": "幻灯片", "en": "Slide"},
    "note": {"zh": "备注", "en": "Notes"},
    "panel": {"zh": "详情", "en": "Panel"},
}
"""What a hit without a figure shows in the figure's place."""

PAD = 12
VALUE_W = 210
SIZES = {"value": 24, "label": 17, "quote": 14, "place": 13}
"""Pixel sizes of the row's texts: the figure reads first, from the lectern."""


def word(table: dict[str, dict[str, str]], key: str, lang: str) -> str:
    """A UI word in `lang` (`ui.words`)."""
    return ui_word(table[key], lang)


class HitModel(QAbstractListModel):
    """The hits of the last search, in the order the index ranked them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hits: list[Hit] = []
        self.lang = "zh"

    def show(self, hits: list[Hit]) -> None:
        """Replace the rows."""
        self.beginResetModel()
        self.hits = hits
        self.endResetModel()

    def set_language(self, lang: str) -> None:
        """Show every row in `lang`."""
        self.lang = lang
        if self.hits:
            self.dataChanged.emit(self.index(0), self.index(len(self.hits) - 1))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.hits):
            return None
        hit = self.hits[index.row()]
        if role == HIT_ROLE:
            return hit
        if role == Qt.ItemDataRole.DisplayRole:
            return " ".join(filter(None, (hit.figure(self.lang), hit.text("label", self.lang))))
        return None


class HitDelegate(QStyledItemDelegate):
    """Paints a hit: the figure large on the left; label, source sentence and place beside it."""

    def __init__(self, theme: Theme, model: HitModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.model = model
        self.fonts = {
            name: self._font(px, name in ("value", "label")) for name, px in SIZES.items()
        }

    def _font(self, px: int, bold: bool) -> QFont:
        font = QFont(self.theme.font)
        font.setPixelSize(px)
        font.setBold(bold)
        return font

    def _line(self, name: str) -> float:
        return QFontMetricsF(self.fonts[name]).height()

    def sizeHint(self, _option: QStyleOptionViewItem, _index: QModelIndex) -> QSize:  # noqa: N802
        height = self._line("label") + 2 * self._line("quote") + self._line("place") + PAD * 2 + 8
        return QSize(400, round(height))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if not isinstance(hit, Hit):
            return
        lang = self.model.lang
        rect = QRectF(option.rect)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if selected:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(self.theme.colors.accent))
            painter.drawRoundedRect(rect.adjusted(2, 2, -2, -2), 8, 8)
        white = QColor("#FFFFFF")
        dim = QColor(255, 255, 255, 190 if selected else 150)
        left = QRectF(rect.left() + PAD, rect.top() + PAD, VALUE_W - PAD, rect.height() - 2 * PAD)
        figure = hit.figure(lang)
        if figure:
            self._text(painter, left, figure, "value", white, 2)
        else:
            self._text(painter, left, word(KINDS, hit.kind, lang), "quote", dim, 1)
        x = rect.left() + VALUE_W + PAD
        width = rect.right() - PAD - x
        top = rect.top() + PAD
        secondary = hit.text("quote", lang) or hit.text("body", lang)
        label_lines = 1 if secondary else 3
        top = self._text(
            painter,
            QRectF(x, top, width, rect.bottom() - top),
            hit.text("label", lang),
            "label",
            white,
            label_lines,
        )
        if secondary:
            top = self._text(painter, QRectF(x, top + 2, width, 1e6), secondary, "quote", dim, 2)
        place = QColor(self.theme.colors.accent).lighter(200) if not selected else white
        bottom = rect.bottom() - PAD - self._line("place")
        self._text(
            painter,
            QRectF(x, max(top + 4, bottom), width, 1e6),
            hit.text("place", lang),
            "place",
            place,
            1,
        )
        painter.restore()

    def _text(
        self, painter: QPainter, box: QRectF, text: str, name: str, colour: QColor, lines: int
    ) -> float:
        """Draw `text` wrapped to at most `lines` lines in `box`, the last elided; return the bottom."""
        font = self.fonts[name]
        metrics = QFontMetricsF(font)
        painter.setFont(font)
        painter.setPen(colour)
        # A source sentence has line breaks between sentences; here it reads as one run.
        text = " ".join(text.split())
        layout = QTextLayout(text, font)
        layout.beginLayout()
        y = box.top()
        shown = 0
        while shown < lines:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(box.width())
            start = line.textStart()
            rest = text[start:]
            last = shown == lines - 1 and start + line.textLength() < len(text)
            piece = (
                metrics.elidedText(rest, Qt.TextElideMode.ElideRight, box.width())
                if last
                else text[start : start + line.textLength()]
            )
            # At a baseline: the rect overload word-wraps a line that ends in a space.
            painter.drawText(QPointF(box.left(), y + metrics.ascent()), piece.rstrip())
            y += metrics.height()
            shown += 1
        layout.endLayout()
        return y


class FigureSearch(QWidget):
    """The search overlay: type, move with ↑↓, Enter to choose, Esc to leave.

    It hides itself when a hit is chosen or on Esc, then says so with `chosen` or `closed`.
    """

    chosen = Signal(object)
    """The Hit picked (Enter, or a click on its row): show hit.slide, open hit.panels."""
    closed = Signal()
    """Left without choosing (Esc)."""

    def __init__(
        self, parent: QWidget | None = None, theme: Theme | None = None, lang: str = "zh"
    ) -> None:
        super().__init__(parent)
        register_fonts()
        # The deck's theme gives the colours; without one, the deck format's default theme.
        self.theme = theme if theme is not None else load_theme(Deck.model_fields["theme"].default)
        self.index = FigureIndex((), (lang,))
        self.lang = lang
        self.model = HitModel(self)
        self.sheet = QWidget(self)
        self.sheet.setObjectName("sheet")
        self.field = QLineEdit(self.sheet)
        self.field.setClearButtonEnabled(True)
        self.status = QLabel(self.sheet)
        self.list = QListView(self.sheet)
        self.list.setModel(self.model)
        self.list.setItemDelegate(HitDelegate(self.theme, self.model, self.list))
        self.list.setUniformItemSizes(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # The field keeps the keys: the list is moved from it, never focused.
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.clicked.connect(self._choose_index)
        box = QVBoxLayout(self.sheet)
        box.setContentsMargins(PAD * 2, PAD * 2, PAD * 2, PAD)
        box.setSpacing(PAD)
        box.addWidget(self.field)
        box.addWidget(self.status)
        box.addWidget(self.list, 1)
        self._style()
        self.field.textChanged.connect(self._search)
        self.field.installEventFilter(self)
        if parent is not None:
            parent.installEventFilter(self)  # to keep covering it when it is resized
        self.set_language(lang)
        self.hide()

    def _style(self) -> None:
        # Every look is set here, fonts included: a style sheet on the console would
        # otherwise cascade into the overlay (its font-size wins over setFont).
        ink, family = self.theme.colors.ink, self.theme.font
        self.sheet.setStyleSheet(
            f"#sheet {{ background: {ink}; border-radius: 14px; }}"
            f"QLineEdit {{ font-family: '{family}'; font-size: 20px; color: white;"
            " background: rgba(255,255,255,24); border: 1px solid rgba(255,255,255,60);"
            " border-radius: 8px; padding: 8px 12px; }"
            f"QLabel {{ font-family: '{family}'; font-size: 13px; color: rgba(255,255,255,150);"
            " background: transparent; }"
            "QListView { background: transparent; border: none; }"
            "QScrollBar:vertical { background: transparent; width: 8px; margin: 0; }"
            "QScrollBar::handle:vertical { background: rgba(255,255,255,70); border-radius: 4px;"
            " min-height: 32px; }"
            "QScrollBar::add-line, QScrollBar::sub-line { height: 0; }"
            "QScrollBar::add-page, QScrollBar::sub-page { background: none; }"
        )

    # -- what the console calls ------------------------------------------------------

    def use(self, index: FigureIndex) -> None:
        """Search another deck's index (the deck was loaded or reloaded); the query stays."""
        self.index = index
        self._search(self.field.text())

    def set_language(self, lang: str) -> None:
        """Show the field's hint and every row in `lang` (the console's language)."""
        self.lang = lang
        self.model.set_language(lang)
        self.field.setPlaceholderText(word(WORDS, "placeholder", lang))
        self._say()

    def open(self) -> None:
        """Cover the parent, show the last query selected so typing replaces it."""
        if self.parentWidget() is not None:
            self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()
        self.field.setFocus()
        self.field.selectAll()

    def hits(self) -> list[Hit]:
        """The rows shown, best first."""
        return list(self.model.hits)

    def current(self) -> Hit | None:
        """The selected row's hit."""
        row = self.list.currentIndex().row()
        return self.model.hits[row] if 0 <= row < len(self.model.hits) else None

    # -- inside ----------------------------------------------------------------------

    def _search(self, query: str) -> None:
        self.model.show(self.index.search(query))
        if self.model.hits:
            self.list.setCurrentIndex(self.model.index(0))
        self._say()

    def _say(self) -> None:
        n = len(self.model.hits)
        if not self.field.text().strip():
            self.status.setText(word(WORDS, "hint", self.lang))
        elif n == 0:
            self.status.setText(word(WORDS, "none", self.lang))
        else:
            count = word(WORDS, "one", self.lang) if n == 1 else word(WORDS, "count", self.lang)
            self.status.setText(f"{count.format(n=n)} · {word(WORDS, 'hint', self.lang)}")

    def _move(self, rows: int) -> None:
        if not self.model.hits:
            return
        row = max(0, min(len(self.model.hits) - 1, self.list.currentIndex().row() + rows))
        self.list.setCurrentIndex(self.model.index(row))

    def _page(self) -> int:
        row = self.list.sizeHintForRow(0)
        return max(1, self.list.viewport().height() // row) if row > 0 else 1

    def _choose_index(self, index: QModelIndex) -> None:
        self.list.setCurrentIndex(index)
        self._choose()

    def _choose(self) -> None:
        hit = self.current()
        if hit is None or not self.isVisible():
            return
        self.hide()
        self.chosen.emit(hit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            moves = {
                Qt.Key.Key_Up: -1,
                Qt.Key.Key_Down: 1,
                Qt.Key.Key_PageUp: -self._page(),
                Qt.Key.Key_PageDown: self._page(),
            }
            if key in moves:
                self._move(moves[Qt.Key(key)])
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._choose()
                return True
            if key == Qt.Key.Key_Escape:
                self.hide()
                self.closed.emit()
                return True
        return super().eventFilter(watched, event)

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        super().resizeEvent(event)
        width = min(980, self.width() - 48)
        self.sheet.setGeometry((self.width() - width) // 2, 24, width, self.height() - 48)
        self.list.scrollTo(self.list.currentIndex())

    def paintEvent(self, _event) -> None:  # noqa: ANN001, N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(0, 0, 0, 150))

    def mouseReleaseEvent(self, event) -> None:  # noqa: ANN001, N802
        # A click on the dimmed console around the sheet leaves, as Esc does.
        if not self.sheet.geometry().contains(event.position().toPoint()):
            self.hide()
            self.closed.emit()
