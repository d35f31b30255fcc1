"""Text that fits its box: wrap first, then shrink down to the theme's floor size.

Returns whether the text still overflowed at the floor, so `validate` and the exporter can
warn about it instead of clipping silently. `FontMeasure` lends these measures to the
layout package's plain-Python plans. QtGui only.
"""

from __future__ import annotations

import math
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
    """The largest size from `px` down to `floor` at which `text` fits `rect`.

    Always ends, within `_MAX_STEPS` measurements, whatever the sizes: a floor of zero or
    less, a NaN or a size of 1e300 once made this loop run forever.
    """
    floor = min(max(floor, 1.0), _MAX_PX) if math.isfinite(floor) else 1.0
    size = min(max(px, 1.0), _MAX_PX) if math.isfinite(px) else floor
    flags = WRAP if wrap else 0
    for step in range(_MAX_STEPS + 1):
        font = make_font(family, size, bold)
        bounds = QFontMetricsF(font).boundingRect(rect, flags, text)
        fits = bounds.height() <= rect.height() + 0.5 and bounds.width() <= rect.width() + 0.5
        if fits or size <= floor:
            break
        # The last step goes straight to the floor.
        size = floor if step == _MAX_STEPS - 1 else max(floor, size * 0.92)
    return Fitted(font, bounds.height(), not fits)


_MAX_STEPS = 40
"""Shrinking by 8 % a step, 40 steps go from 1000 px to 36 px; the 41st is the floor."""
_MAX_PX = 1000.0
"""No text is drawn larger (a slide is 1080 px on its short side)."""


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


class FontMetrics:
    """One font at one size, measured (`layout.tiles.Metrics`)."""

    def __init__(self, font: QFont) -> None:
        self._metrics = QFontMetricsF(font)

    def advance(self, words: str) -> float:
        """How far `words` run on one line."""
        return self._metrics.horizontalAdvance(words)

    def ascent(self) -> float:
        """Height above the baseline."""
        return self._metrics.ascent()

    def descent(self) -> float:
        """Depth below the baseline."""
        return self._metrics.descent()

    def height(self) -> float:
        """A line's height."""
        return self._metrics.height()


class FontMeasure:
    """A family's fonts measured for the layout package's plans (`layout.tiles.Measure`)."""

    def __init__(self, family: str) -> None:
        self.family = family

    def font(self, px: float, bold: bool) -> FontMetrics:
        """The metrics of the family at `px`."""
        return FontMetrics(make_font(self.family, px, bold))

    def wrapped_height(self, words: str, width: float, px: float, bold: bool) -> float:
        """The height `words` take wrapped into `width` at `px`."""
        return fit(words, QRectF(0, 0, width, 1e5), self.family, px, 1, bold).height
