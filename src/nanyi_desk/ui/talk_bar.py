"""The console's top bar: where the talk is, how long it has run, what is left, the time.

Refreshed a few times a second from the talk clock; the countdown is white, then amber in the
last fifth, then red once over, as a glance from the podium needs.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from nanyi_desk.render.icons import icon_image

ICONS = {
    "pause": "fa5s.pause",
    "reset": "fa5s.undo-alt",
    "search": "fa5s.search",
    "language": "fa5s.language",
}
"""Each button's icon: on a narrow laptop screen the icons alone stand for the words."""
WIDE = 1500
"""Below this width the buttons show their icons only (their words become tooltips)."""

PHASE_COLOURS = {"none": "#F2F4F7", "normal": "#F2F4F7", "amber": "#FFB020", "over": "#FF4D4F"}


def _label(size: int, bold: bool = False) -> QLabel:
    label = QLabel()
    weight = "bold" if bold else "normal"
    label.setStyleSheet(f"color: #F2F4F7; font-size: {size}px; font-weight: {weight};")
    return label


class TalkBar(QWidget):
    """Position, elapsed, countdown, wall clock and status, with the timer's buttons."""

    pause_clicked = Signal()
    reset_clicked = Signal()
    search_clicked = Signal()
    smaller_clicked = Signal()
    larger_clicked = Signal()
    language_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet("TalkBar { background: #0B0D11; }")
        self.position = _label(30, bold=True)
        self.elapsed = _label(30, bold=True)
        self.elapsed_caption = _label(14)
        self.remaining = _label(30, bold=True)
        self.remaining_caption = _label(14)
        self.wall = _label(22)
        self.status = _label(18, bold=True)
        self.rehearsal = _label(16)
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 8, 16, 8)
        row.setSpacing(18)
        row.addWidget(self.position)
        for caption, value in (
            (self.elapsed_caption, self.elapsed),
            (self.remaining_caption, self.remaining),
        ):
            row.addWidget(caption)
            row.addWidget(value)
        row.addWidget(self.status)
        # self.rehearsal (the time on this slide, and the rehearsal's) is the console's to
        # place: beside the notes, where the presenter's eyes are.
        row.addStretch(1)
        self.buttons: dict[str, QPushButton] = {}
        for name, signal in (
            ("pause", self.pause_clicked),
            ("reset", self.reset_clicked),
            ("search", self.search_clicked),
            ("smaller", self.smaller_clicked),
            ("larger", self.larger_clicked),
            ("language", self.language_clicked),
        ):
            button = QPushButton()
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys belong to the talk
            button.setStyleSheet(
                "QPushButton { color: #F2F4F7; background: #222833; border: 1px solid #3A4250;"
                " border-radius: 6px; padding: 6px 12px; font-size: 15px; }"
                "QPushButton:hover { background: #2E3644; }"
            )
            button.clicked.connect(signal)
            self.buttons[name] = button
            row.addWidget(button)
        row.addWidget(self.wall)
        self.words: dict[str, str] = {}
        for name, button in self.buttons.items():
            if name not in ICONS:
                continue  # A− and A+ are their own icons
            image = icon_image(ICONS[name], "#F2F4F7", 32)
            if image is not None:
                button.setIcon(QIcon(QPixmap.fromImage(image)))
                button.setIconSize(QSize(16, 16))
        self.set_words({"smaller": "A−", "larger": "A+"})

    def set_words(self, words: dict[str, str]) -> None:
        """The buttons' words (in the console's language); shown when there is room."""
        self.words.update(words)
        self._fit()

    def _fit(self) -> None:
        wide = self.width() >= WIDE
        for name, button in self.buttons.items():
            text = self.words.get(name, "")
            button.setText(text if wide or name in ("smaller", "larger") else "")
            button.setToolTip(text)

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._fit()

    def show_phase(self, phase: str) -> None:
        """Colour the countdown for `phase` ("none", "normal", "amber", "over")."""
        colour = PHASE_COLOURS.get(phase, PHASE_COLOURS["normal"])
        self.remaining.setStyleSheet(f"color: {colour}; font-size: 30px; font-weight: bold;")
        self.remaining_caption.setStyleSheet(f"color: {colour}; font-size: 14px;")
