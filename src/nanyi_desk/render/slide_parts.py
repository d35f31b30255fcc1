"""What the slides' layouts share: alignments, card surfaces, the drill affordance, hotspots.

Panels draw their cards and hotspots with these too. Imports QtGui and `frame`; every
`slide_*` and `panel_*` module may import this one, and it imports none of them.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainterPath, QPen

from .frame import Canvas, Hotspot

LEFT_TOP = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop


CENTRE = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop


RIGHT_TOP = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop


MIDDLE_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def colour(hex_colour: str, alpha: float = 1.0) -> QColor:
    """A colour with an alpha."""
    colour = QColor(hex_colour)
    colour.setAlphaF(alpha)
    return colour


def surface(frame: Canvas, rect: QRectF, fill: str | None = None, strip: str | None = None) -> None:
    """A card: soft shadow, rounded surface, optional coloured strip on top."""
    painter = frame.painter
    radius = frame.theme.radius
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    for spread, alpha in ((10, 0.03), (5, 0.05), (2, 0.06)):
        painter.setBrush(colour("#0F2239", alpha))
        painter.drawRoundedRect(
            rect.adjusted(-spread / 2, -spread / 4, spread / 2, spread),
            radius + spread / 2,
            radius + spread / 2,
        )
    painter.setBrush(QColor(fill or frame.theme.colors.surface))
    painter.drawRoundedRect(rect, radius, radius)
    if strip:
        path = QPainterPath()
        path.addRoundedRect(rect, radius, radius)
        painter.setClipPath(path)
        painter.fillRect(QRectF(rect.left(), rect.top(), rect.width(), 10), QColor(strip))
    painter.restore()


def _affordance(frame: Canvas, rect: QRectF, r: float = 18, middle: bool = False) -> None:
    """The quiet sign that a region opens a panel: a small ring with a chevron."""
    painter = frame.painter
    y = rect.center().y() if middle else rect.top() + r + 18
    centre = QPointF(rect.right() - r - 14, y)
    painter.save()
    painter.setPen(QPen(colour(frame.accent, 0.9), 3))
    painter.setBrush(colour(frame.accent, 0.08))
    painter.drawEllipse(centre, r, r)
    chevron = [
        QPointF(centre.x() - r * 0.2, centre.y() - r * 0.4),
        QPointF(centre.x() + r * 0.25, centre.y()),
        QPointF(centre.x() - r * 0.2, centre.y() + r * 0.4),
    ]
    painter.drawPolyline(chevron)
    painter.restore()


def hotspot(frame: Canvas, rect: QRectF, panel: str | None, kind: str, label: str) -> None:
    """Mark `rect` as opening `panel` (nothing without one): its affordance and hotspot."""
    if not panel:
        return
    _affordance(frame, rect, middle=kind in ("row", "bullet"))
    frame.out.hotspots.append(
        Hotspot(rect.x(), rect.y(), rect.width(), rect.height(), panel, kind, label)
    )
