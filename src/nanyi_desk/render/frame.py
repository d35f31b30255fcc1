"""What every painter of a slide or panel shares: the surface it draws on and what it returns.

`Canvas` (painter, deck, language, accent) and a slide's `Frame`; `Hotspot` and `Painted`;
the blank image a render starts from; `qrect` and `inset`, where the renderer turns the
layout package's plain rectangles and paddings into Qt's. Imports QtGui, `text`, `context`
and `nanyi_desk.layout`; no other painter module, so every one of them can import this.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath

from nanyi_desk.layout.geometry import Rect
from nanyi_desk.layout.tiles import Insets

from . import text as tx
from .context import DeckContext

if TYPE_CHECKING:
    from nanyi_desk.deck.model import SlideBase
    from nanyi_desk.theme import Theme


@dataclass(frozen=True)
class Hotspot:
    """A touchable region of a slide, in logical canvas pixels."""

    x: float
    y: float
    w: float
    h: float
    panel: str
    """The panel it opens."""
    kind: str
    """kpi | card | bullet | event | row | chart."""
    label: str = ""
    """What it shows, for focus and accessibility."""

    def contains(self, px: float, py: float) -> bool:
        """True when the canvas point is inside."""
        return self.x <= px <= self.x + self.w and self.y <= py <= self.y + self.h

    @property
    def centre(self) -> tuple[float, float]:
        """The middle of the region."""
        return self.x + self.w / 2, self.y + self.h / 2


@dataclass
class Painted:
    """What painting a slide produced besides pixels."""

    hotspots: list[Hotspot] = field(default_factory=list)
    """Touchable regions, in drawing order."""
    overflows: list[str] = field(default_factory=list)
    """Texts that did not fit even at the floor size."""
    error: str | None = None
    """Why the slide could not be drawn (a placeholder was drawn instead)."""


@dataclass
class Canvas:
    """What every painter of a figure, chart, card or hotspot needs: where and how to draw.

    A panel paints on one of these; a slide's layouts get a `Frame`, which adds the slide.
    """

    painter: QPainter
    ctx: DeckContext
    lang: str
    accent: str
    scale: float
    """Device pixels per logical pixel (for charts and pictures)."""
    out: Painted
    key: str
    """A stable name of the slide or panel (for caches)."""
    count: float = 1.0
    """How far key figures have counted up, 0–1 (the player animates it; 1 everywhere else)."""

    @property
    def theme(self) -> Theme:
        """The deck's theme."""
        return self.ctx.theme

    def text(self, value: object) -> str:
        """A Text in the frame's language."""
        return self.ctx.text(value, self.lang)

    def put(
        self,
        value: str,
        rect: QRectF,
        px: float,
        colour: str,
        bold: bool = False,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
        floor: float | None = None,
    ) -> float:
        """Fit and draw text; return the height it took. Overflow is recorded."""
        if not value:
            return 0.0
        fitted = tx.fit(value, rect, self.theme.font, px, floor or self.theme.type.floor, bold)
        if fitted.overflow:
            self.out.overflows.append(value[:40])
        tx.draw(self.painter, value, rect, fitted, colour, align)
        return min(fitted.height, rect.height())


@dataclass(kw_only=True)
class Frame(Canvas):
    """Everything a slide's layout painter gets: the canvas, the slide and its content area."""

    slide: SlideBase
    """The slide being drawn."""
    area: QRectF
    """The content area, below the title and above the footer."""


def blank_image(width: float, height: float, dpr: float, fill: str | None = "#000000") -> QImage:
    """An image of width×height logical px at `dpr`, black (or transparent for None)."""
    image = QImage(
        round(width * dpr), round(height * dpr), QImage.Format.Format_ARGB32_Premultiplied
    )
    image.setDevicePixelRatio(dpr)
    image.fill(QColor(fill) if fill else QColor(0, 0, 0, 0))
    return image


def qrect(r: Rect) -> QRectF:
    """A plain rectangle of the layout package as Qt's."""
    return QRectF(r.x, r.y, r.w, r.h)


def inset(r: QRectF, pad: Insets) -> QRectF:
    """`r` with `pad` taken off inside its edges."""
    return r.adjusted(pad.left, pad.top, -pad.right, -pad.bottom)


def plain(r: QRectF) -> Rect:
    """Qt's rectangle as the layout package's."""
    return Rect(r.x(), r.y(), r.width(), r.height())


def paint_contained(painter: QPainter, picture: QImage, box: QRectF, radius: float) -> QRectF:
    """Draw `picture` as large as fits in `box`, centred, with rounded corners; where it went."""
    scale = min(box.width() / picture.width(), box.height() / picture.height())
    w, h = picture.width() * scale, picture.height() * scale
    target = QRectF(box.center().x() - w / 2, box.top() + (box.height() - h) / 2, w, h)
    path = QPainterPath()
    path.addRoundedRect(target, radius, radius)
    painter.save()
    painter.setClipPath(path)
    painter.drawImage(target, picture)
    painter.restore()
    return target
