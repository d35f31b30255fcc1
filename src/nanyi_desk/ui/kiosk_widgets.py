"""What a kiosk visitor and its staff see besides the slides.

The on-screen controls (large enough for any finger), the attract loop's "touch to explore"
cue, the staff's PIN keypad, and the fallback screen shown when a deck cannot start. Each
paints itself in the deck's theme and reports what was touched by a signal; the kiosk
controller decides what happens.
"""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QPointF, QRectF, Qt, QVariantAnimation, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QWidget

from nanyi_desk.render.icons import icon_image
from nanyi_desk.theme import Theme

from .state import PlayerState

BUTTON = 96
"""A control's side in logical px: bigger than the 80 px a thumb needs, with room to miss."""
BAR_HEIGHT = BUTTON + 24
"""The controls bar's height: the buttons and the backdrop around them."""
BAR_MARGIN = 16
"""Space above and below the controls bar, inside the band."""
BAND = BAR_HEIGHT + 2 * BAR_MARGIN
"""The strip at the bottom of a kiosk screen that holds the controls (or the attract loop's
cue): the slides are laid out above it, so no control ever covers content (a chart's x-axis
labels sit right at a slide's bottom). Reserved in the attract loop too, so the slide does
not jump when the first touch brings the controls."""

CONTROLS = (
    ("previous", "fa5s.chevron-left"),
    ("home", "fa5s.home"),
    ("overview", "fa5s.th-large"),
    ("language", "fa5s.language"),
    ("next", "fa5s.chevron-right"),
)


LANGUAGE_NAMES = {"zh": "中文", "en": "EN"}
"""How the language button names the language it switches to."""


def language_label(code: str) -> str:
    """The language button's word for `code`: its own name where known, else the code."""
    return LANGUAGE_NAMES.get(code, code.upper())


def _font(theme: Theme, px: float, bold: bool = False) -> QFont:
    font = QFont(theme.font)
    font.setPixelSize(max(1, round(px)))
    font.setBold(bold)
    return font


class ControlsBar(QWidget):
    """Previous, home, overview, language, next: a row of round buttons at the bottom."""

    pressed = Signal(str)
    """The control's name."""

    def __init__(self, theme: Theme, parent: QWidget) -> None:
        super().__init__(parent)
        self.theme = theme
        self.state: PlayerState | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        self.resize(self.size_hint_width(), BAR_HEIGHT)

    def follow(self, state: PlayerState) -> None:
        """Show what `state` says (the language button names the language it switches to)."""
        self.state = state
        state.language_changed.connect(self._on_language)
        self.update()

    def _on_language(self, _lang: str) -> None:
        self.update()

    @property
    def language_label(self) -> str:
        """What the language button shows now: read from the state, never a copy of it."""
        return language_label(self.state.following_language) if self.state else ""

    def size_hint_width(self) -> int:
        """The bar's width."""
        return len(CONTROLS) * (BUTTON + 28) + 28

    def button_rect(self, index: int) -> QRectF:
        """Where control `index` is, in the bar's px."""
        return QRectF(28 + index * (BUTTON + 28), 12, BUTTON, BUTTON)

    def place(self) -> None:
        """Centre the bar in the band at the bottom of its parent."""
        parent = self.parentWidget()
        if parent is None:
            return
        self.move(
            (parent.width() - self.width()) // 2, parent.height() - (BAND + self.height()) // 2
        )

    def paintEvent(self, _event) -> None:  # noqa: ANN001, N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        backdrop = QColor(self.theme.colors.ink)
        backdrop.setAlphaF(0.72)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(backdrop)
        painter.drawRoundedRect(QRectF(self.rect()), self.height() / 2, self.height() / 2)
        ratio = self.devicePixelRatioF()
        for index, (name, icon) in enumerate(CONTROLS):
            rect = self.button_rect(index)
            painter.setBrush(QColor(255, 255, 255, 36))
            painter.drawEllipse(rect)
            if name == "language" and self.language_label:
                painter.setPen(QColor("#FFFFFF"))
                painter.setFont(_font(self.theme, 28, bold=True))
                painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), self.language_label)
                painter.setPen(Qt.PenStyle.NoPen)
                continue
            image = icon_image(icon, "#FFFFFF", round(40 * ratio))
            if image is not None:
                image.setDevicePixelRatio(ratio)
                painter.drawImage(QPointF(rect.center().x() - 20, rect.center().y() - 20), image)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        for index, (name, _) in enumerate(CONTROLS):
            if self.button_rect(index).adjusted(-14, -12, 14, 12).contains(event.position()):
                self.pressed.emit(name)
                return


class AttractCue(QWidget):
    """A pill that breathes slowly: "touch to explore", in every language of the deck."""

    def __init__(self, theme: Theme, words: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.theme = theme
        self.words = words
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        self._breath = QVariantAnimation(self)
        self._breath.setDuration(2400)
        self._breath.setKeyValueAt(0.0, 0.55)
        self._breath.setKeyValueAt(0.5, 1.0)
        self._breath.setKeyValueAt(1.0, 0.55)
        self._breath.setEasingCurve(QEasingCurve.Type.InOutSine)
        self._breath.setLoopCount(-1)
        self._breath.valueChanged.connect(self.update)
        metrics_font = _font(theme, 30, bold=True)
        from PySide6.QtGui import QFontMetricsF

        width = QFontMetricsF(metrics_font).horizontalAdvance(words) + 120
        self.resize(round(width), 84)

    def place(self) -> None:
        """Centre the cue in the band at the bottom of its parent, where the controls go."""
        parent = self.parentWidget()
        if parent is not None:
            self.move(
                (parent.width() - self.width()) // 2, parent.height() - (BAND + self.height()) // 2
            )

    def showEvent(self, event) -> None:  # noqa: ANN001, N802
        super().showEvent(event)
        self._breath.start()

    def hideEvent(self, event) -> None:  # noqa: ANN001, N802
        super().hideEvent(event)
        self._breath.stop()  # no timer runs for a cue nobody sees

    def paintEvent(self, _event) -> None:  # noqa: ANN001, N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        value = self._breath.currentValue()
        painter.setOpacity(float(value) if value is not None else 1.0)
        backdrop = QColor(self.theme.colors.ink)
        backdrop.setAlphaF(0.78)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(backdrop)
        painter.drawRoundedRect(QRectF(self.rect()), self.height() / 2, self.height() / 2)
        painter.setBrush(QColor(self.theme.colors.on_accent))
        painter.drawEllipse(QPointF(44, self.height() / 2), 10, 10)
        painter.setPen(QPen(QColor(self.theme.colors.on_accent), 3))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(QPointF(44, self.height() / 2), 20, 20)
        painter.setPen(QColor("#FFFFFF"))
        painter.setFont(_font(self.theme, 30, bold=True))
        painter.drawText(
            QRectF(76, 0, self.width() - 96, self.height()),
            int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
            self.words,
        )


KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "✓")


class PinPad(QWidget):
    """The staff's keypad over a dark screen; digits are shown as dots."""

    submitted = Signal(str)
    """The PIN entered, on ✓."""
    cancelled = Signal()

    def __init__(self, theme: Theme, parent: QWidget) -> None:
        super().__init__(parent)
        self.theme = theme
        self.entered = ""
        self.message = ""
        self.hide()

    def open(self, message: str = "") -> None:
        """Cover the parent, empty."""
        self.entered, self.message = "", message
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()
        self.setFocus()

    def key_rect(self, index: int) -> QRectF:
        """Where key `index` of KEYS is."""
        # 110 px keys where there is room; smaller on a short screen, never under 80.
        side = max(80.0, min(110.0, (self.height() - 330) / 4.6))
        gap = side * 0.2
        width = 3 * side + 2 * gap
        left = (self.width() - width) / 2
        top = (self.height() - (4 * side + 3 * gap)) / 2 + 40
        row, col = divmod(index, 3)
        return QRectF(left + col * (side + gap), top + row * (side + gap), side, side)

    def cancel_rect(self) -> QRectF:
        """The way back to the slides."""
        last = self.key_rect(len(KEYS) - 1)
        return QRectF(self.width() / 2 - 120, last.bottom() + 16, 240, 80)

    def paintEvent(self, _event) -> None:  # noqa: ANN001, N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(8, 14, 24, 235))
        painter.setPen(QColor("#FFFFFF"))
        painter.setFont(_font(self.theme, 30, bold=True))
        first = self.key_rect(0)
        title = QRectF(0, first.top() - 160, self.width(), 50)
        painter.drawText(title, int(Qt.AlignmentFlag.AlignCenter), "工作人员 · Staff")
        dots = " ".join("●" for _ in self.entered) or " "
        painter.drawText(title.translated(0, 56), int(Qt.AlignmentFlag.AlignCenter), dots)
        if self.message:
            painter.setPen(QColor("#F0A202"))
            painter.setFont(_font(self.theme, 22))
            painter.drawText(
                title.translated(0, 104), int(Qt.AlignmentFlag.AlignCenter), self.message
            )
        painter.setFont(_font(self.theme, 40, bold=True))
        for index, key in enumerate(KEYS):
            rect = self.key_rect(index)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(255, 255, 255, 40))
            painter.drawEllipse(rect)
            painter.setPen(QColor("#FFFFFF"))
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), key)
        painter.setFont(_font(self.theme, 24))
        painter.drawText(self.cancel_rect(), int(Qt.AlignmentFlag.AlignCenter), "取消 · Cancel")

    def press(self, key: str) -> None:
        """A key of the pad (or of a keyboard)."""
        if key == "⌫":
            self.entered = self.entered[:-1]
        elif key == "✓":
            self.submitted.emit(self.entered)
            self.entered = ""
        elif key.isdigit() and len(self.entered) < 12:
            self.entered += key
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        for index, key in enumerate(KEYS):
            if self.key_rect(index).contains(event.position()):
                self.press(key)
                return
        if self.cancel_rect().contains(event.position()):
            self.cancelled.emit()

    def keyPressEvent(self, event) -> None:  # noqa: ANN001, N802
        text = event.text()
        if text.isdigit():
            self.press(text)
        elif event.key() == Qt.Key.Key_Backspace:
            self.press("⌫")
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.press("✓")
        elif event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()


class FallbackScreen(QWidget):
    """What a kiosk shows when its deck cannot start: calm, with the reason for the staff."""

    def __init__(self, theme: Theme, reason: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.reason = reason

    def paintEvent(self, _event) -> None:  # noqa: ANN001, N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(self.theme.colors.ink))
        w, h = self.width(), self.height()
        painter.setPen(QColor("#FFFFFF"))
        painter.setFont(_font(self.theme, max(28, h / 20), bold=True))
        painter.drawText(
            QRectF(0, h * 0.30, w, h * 0.12), int(Qt.AlignmentFlag.AlignCenter), "暂停服务"
        )
        painter.setFont(_font(self.theme, max(18, h / 40)))
        painter.drawText(
            QRectF(0, h * 0.42, w, h * 0.08),
            int(Qt.AlignmentFlag.AlignCenter),
            "This screen is resting for a moment",
        )
        painter.setPen(QColor(255, 255, 255, 120))
        painter.setFont(_font(self.theme, max(12, h / 70)))
        painter.drawText(
            QRectF(w * 0.1, h * 0.78, w * 0.8, h * 0.15),
            int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            | int(Qt.TextFlag.TextWordWrap),
            f"staff: {self.reason}",
        )
