"""The Qt binding must not corrupt Python's reference counts (PySide6 6.12.0 did, on 3.11).

A kiosk calls void Qt methods millions of times a day; one lost reference to None per call
aborts the process within minutes.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter


def test_void_methods_keep_none_alive(qapp) -> None:  # noqa: ANN001
    colour = QColor("#0B5FA5")
    image = QImage(8, 8, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    before = sys.getrefcount(None)
    for _ in range(2000):
        colour.setAlpha(128)
        colour.setAlphaF(0.5)
        painter.setOpacity(1.0)
        painter.fillRect(QRectF(0, 0, 4, 4), colour)
    after = sys.getrefcount(None)
    painter.end()
    assert after >= before - 100, f"None lost {before - after} references in 8,000 void calls"
