"""The help overlay (?): every key of the keymap, in the talk's language. Any key closes it."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QKeyEvent, QPainter
from PySide6.QtWidgets import QWidget

from nanyi_desk.playback.keymap import (
    EXTRA_HELP,
    HELP,
    KEYMAP,
    PANEL_KEYMAP,
    PRESENTER_KEYMAP,
    key_label,
)
from nanyi_desk.theme import Theme

from .state import PlayerState
from .words import ui_word

GESTURES = (
    ({"zh": "点击 / 滚轮", "en": "Click / wheel"}, {"zh": "翻页", "en": "Change slide"}),
    ({"zh": "左右滑动", "en": "Swipe left / right"}, {"zh": "翻页", "en": "Change slide"}),
    (
        {"zh": "点按带 ⊕ 的数字", "en": "Tap a figure with ⊕"},
        {"zh": "查看详情", "en": "See the detail"},
    ),
)


def help_rows(lang: str, presenter: bool = False) -> list[tuple[str, str]]:
    """(keys, what they do) for every action, then the gestures, in `lang` (else English).

    With `presenter`, the presenter console's keys too.
    """
    keymaps = (KEYMAP, PANEL_KEYMAP, PRESENTER_KEYMAP) if presenter else (KEYMAP, PANEL_KEYMAP)
    rows = [
        ("  ".join(key_label(k) for k in keys), ui_word(HELP[action], lang))
        for keymap in keymaps
        for action, keys in keymap.items()
    ]
    rows += [(keys, ui_word(words, lang)) for keys, words in EXTRA_HELP]
    rows += [(ui_word(what, lang), ui_word(does, lang)) for what, does in GESTURES]
    return rows


class HelpOverlay(QWidget):
    """A sheet listing the keys over the dimmed slide."""

    closed = Signal()

    def __init__(self, state: PlayerState, theme: Theme, parent: QWidget) -> None:
        super().__init__(parent)
        self.state = state
        self.theme = theme
        self.presenter = False
        """True in a talk with a console: the presenter's keys are listed too."""
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.hide()

    def open(self) -> None:
        """Cover the parent and take the keys."""
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()
        self.setFocus()

    def paintEvent(self, _event) -> None:  # noqa: ANN001, N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(0, 0, 0, 150))
        rows = help_rows(self.state.lang, self.presenter)
        # Size the type to the window: readable on a laptop, not shouting on a projector.
        px = max(12.0, min(22.0, self.height() / (len(rows) + 5) * 0.55))
        line = px * 1.9
        font = QFont(self.theme.font)
        font.setPixelSize(round(px))
        metrics = QFontMetricsF(font)
        keys_w = max(metrics.horizontalAdvance(keys) for keys, _ in rows) + px * 2
        does_w = max(metrics.horizontalAdvance(does) for _, does in rows) + px
        sheet_w = min(self.width() - 40, keys_w + does_w + px * 4)
        sheet_h = min(self.height() - 40, line * (len(rows) + 1.4) + px * 3.5)
        sheet = QRectF(
            (self.width() - sheet_w) / 2, (self.height() - sheet_h) / 2, sheet_w, sheet_h
        )
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(self.theme.colors.background))
        painter.drawRoundedRect(sheet, 14, 14)
        heading = ui_word({"zh": "快捷键", "en": "Keys"}, self.state.lang)
        font.setBold(True)
        font.setPixelSize(round(px * 1.3))
        painter.setFont(font)
        painter.setPen(QColor(self.theme.colors.ink))
        top = sheet.top() + px * 1.5
        painter.drawText(QRectF(sheet.left() + px * 2, top, sheet_w, line), heading)
        top += line * 1.4
        font.setPixelSize(round(px))
        for keys, does in rows:
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(QColor(self.theme.colors.accent))
            painter.drawText(
                QRectF(sheet.left() + px * 2, top, keys_w, line),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
                keys,
            )
            font.setBold(False)
            painter.setFont(font)
            painter.setPen(QColor(self.theme.colors.ink))
            painter.drawText(
                QRectF(sheet.left() + px * 2 + keys_w, top, does_w, line),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
                does,
            )
            top += line

    def keyPressEvent(self, _event: QKeyEvent) -> None:  # noqa: N802
        self.closed.emit()

    def focusNextPrevChild(self, _next: bool) -> bool:  # noqa: N802 - Tab closes too
        return False

    def mouseReleaseEvent(self, _event) -> None:  # noqa: ANN001, N802
        self.closed.emit()
