"""Text that fits its box: wrap first, then shrink down to the theme's floor size.

Returns whether the text still overflowed at the floor, so `validate` and the exporter can
warn about it instead of clipping silently. QtGui only.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter

WRAP = int(Qt.TextFlag.TextWordWrap)


@dataclass(frozen=True)
class Fitted:
    """The font chosen for a text and whether it still did not fit."""

    font: QFont
    """The font, at the largest size that fits (or the floor)."""
    height: float
    """Height of the wrapped text at that size."""
    overflow: bool
    """True when even the floor size does not fit the box."""


def make_font(family: str, px: float, bold: bool = False) -> QFont:
    """A font of `family` at `px` logical pixels."""
    font = QFont(family)
    font.setPixelSize(max(1, round(px)))
    font.setWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def fit(
    text: str,
    rect: QRectF,
    family: str,
    px: float,
    floor: float,
    bold: bool = False,
    wrap: bool = True,
) -> Fitted:
    """The largest size from `px` down to `floor` at which `text` fits `rect`."""
    size = px
    flags = WRAP if wrap else 0
    while True:
        font = make_font(family, size, bold)
        bounds = QFontMetricsF(font).boundingRect(rect, flags, text)
        fits = bounds.height() <= rect.height() + 0.5 and bounds.width() <= rect.width() + 0.5
        if fits or size <= floor:
            return Fitted(font, bounds.height(), not fits)
        size = max(floor, size * 0.92)


def draw(
    painter: QPainter,
    text: str,
    rect: QRectF,
    fitted: Fitted,
    colour: str | QColor,
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
    wrap: bool = True,
) -> None:
    """Draw `text` in `rect` with the fitted font."""
    painter.setFont(fitted.font)
    painter.setPen(QColor(colour))
    painter.drawText(rect, int(align) | (WRAP if wrap else 0), text)
