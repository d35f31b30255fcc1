"""Icons by qtawesome name (e.g. fa5s.microchip), as images for the painter.

qtawesome is imported on the first icon, so slides without icons never load it.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage


def icon_image(name: str, colour: str, px: int) -> QImage | None:
    """The icon drawn `px` device pixels square in `colour`, or None if it is unknown."""
    try:
        import qtawesome

        icon = qtawesome.icon(name, color=colour)
    except Exception:  # noqa: BLE001 - an unknown icon name shows no icon, never a crash
        return None
    pixmap = icon.pixmap(QSize(px, px))
    return None if pixmap.isNull() else pixmap.toImage()
