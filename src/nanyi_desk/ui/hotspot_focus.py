"""Which hotspot the keyboard selected (Tab) and which the mouse is over, and their rings.

Shared by the slide view and the panel layer, so Tab, Enter and hover behave the same on a
slide and on a panel sheet.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from nanyi_desk.layout.geometry import Letterbox, Rect
from nanyi_desk.render.frame import Hotspot

RING_PAD = 5.0
"""View px between a hotspot and its ring."""
RING_RADIUS = 14.0
BLANK_FILL = {"black": "#000000", "white": "#FFFFFF"}
"""What a blank screen shows, on every surface that can cover the slide."""


class HotspotFocus:
    """The keyboard's selection and the mouse's hover over one surface's hotspots."""

    def __init__(self, widget: QWidget) -> None:
        self.widget = widget
        self.focused: int | None = None
        """Index into the surface's hotspots, in reading order."""
        self.hovered: Hotspot | None = None

    def clear(self) -> None:
        """Nothing selected, nothing under the mouse (a new slide or sheet)."""
        self.focused = None
        self.hovered = None

    def move(self, step: int, hotspots: Sequence[Hotspot]) -> None:
        """Select the next (or previous) hotspot, round and round."""
        if not hotspots:
            self.focused = None
        elif self.focused is None:
            self.focused = 0 if step > 0 else len(hotspots) - 1
        else:
            self.focused = (self.focused + step) % len(hotspots)
        self.widget.update()

    def selected(self, hotspots: Sequence[Hotspot]) -> Hotspot | None:
        """The selected hotspot, if it still exists."""
        if self.focused is None or self.focused >= len(hotspots):
            return None
        return hotspots[self.focused]

    def hover(self, hotspot: Hotspot | None) -> None:
        """The mouse is over `hotspot` (or none): a pointing hand and a light ring."""
        if hotspot == self.hovered:
            return
        self.hovered = hotspot
        self.widget.setCursor(
            Qt.CursorShape.PointingHandCursor if hotspot else Qt.CursorShape.ArrowCursor
        )
        self.widget.update()

    def paint(
        self, painter: QPainter, hotspots: Sequence[Hotspot], box: Letterbox, accent: str
    ) -> None:
        """The hover ring (a hint) and the selection ring (unmistakable on a projector)."""
        if self.hovered is not None and self.hovered in hotspots:
            _ring(painter, self.hovered, box, accent, strong=False)
        selected = self.selected(hotspots)
        if selected is not None:
            _ring(painter, selected, box, accent, strong=True)


def _ring(painter: QPainter, hotspot: Hotspot, box: Letterbox, accent: str, strong: bool) -> None:
    r = box.to_view(Rect(hotspot.x, hotspot.y, hotspot.w, hotspot.h)).grown(RING_PAD)
    rect = QRectF(r.x, r.y, r.w, r.h)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    colour = QColor(accent)
    if strong:
        painter.setPen(QPen(QColor("#FFFFFF"), 7))
        painter.drawRoundedRect(rect, RING_RADIUS, RING_RADIUS)
        painter.setPen(QPen(colour, 3.5))
    else:
        colour.setAlphaF(0.45)
        painter.setPen(QPen(colour, 3))
    painter.drawRoundedRect(rect, RING_RADIUS, RING_RADIUS)
    painter.restore()
