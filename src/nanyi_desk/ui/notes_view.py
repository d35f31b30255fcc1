"""The speaker's notes in large type, scrolled, at the size the presenter last chose."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QWidget


class NotesView(QScrollArea):
    """Notes text that wraps and scrolls; `set_size` changes the type size."""

    def __init__(self, size: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.label.setContentsMargins(18, 14, 18, 14)
        self.setWidget(self.label)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys belong to the talk
        self.empty = False
        self.size = size
        self._style()

    def set_notes(self, text: str, empty_message: str) -> None:
        """Show `text`, or `empty_message` dimmed where the slide has no notes."""
        self.empty = not text.strip()
        self.label.setText(empty_message if self.empty else text.strip())
        self._style()
        self.verticalScrollBar().setValue(0)

    def set_size(self, size: int) -> None:
        """The notes' type size in px."""
        self.size = size
        self._style()

    def _style(self) -> None:
        colour = "#6B7480" if self.empty else "#F2F4F7"
        size = max(14, self.size * 2 // 3) if self.empty else self.size
        self.label.setStyleSheet(
            f"QLabel {{ color: {colour}; font-size: {size}px; background: #15191F; }}"
        )
