"""Rectangles and the canvas ↔ view transform, in plain Python.

A slide is drawn on a fixed logical canvas (1920×1080 or 1080×1920) and shown letterboxed
in whatever surface holds it; every view, hit test and export uses this one transform.
"""

from __future__ import annotations

from typing import NamedTuple


class Rect(NamedTuple):
    """An axis-aligned rectangle: left, top, width, height."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        """The right edge."""
        return self.x + self.w

    @property
    def bottom(self) -> float:
        """The bottom edge."""
        return self.y + self.h

    @property
    def centre(self) -> tuple[float, float]:
        """The middle."""
        return self.x + self.w / 2, self.y + self.h / 2

    def contains(self, px: float, py: float) -> bool:
        """True when the point is inside or on the edge."""
        return self.x <= px <= self.right and self.y <= py <= self.bottom

    def grown(self, dx: float, dy: float | None = None) -> Rect:
        """The rectangle with `dx` (and `dy`, default the same) added on every side."""
        dy = dx if dy is None else dy
        return Rect(self.x - dx, self.y - dy, self.w + 2 * dx, self.h + 2 * dy)


class Letterbox(NamedTuple):
    """Canvas → view: scale, then offset; a tuple so `scale, dx, dy = box` still reads."""

    scale: float
    dx: float
    dy: float

    @classmethod
    def fit(cls, canvas: tuple[float, float], width: float, height: float) -> Letterbox:
        """Fit a canvas into width×height, centred, aspect kept."""
        cw, ch = canvas
        scale = min(width / cw, height / ch)
        return cls(scale, (width - cw * scale) / 2, (height - ch * scale) / 2)

    def to_view(self, rect: Rect) -> Rect:
        """A canvas rectangle in view coordinates."""
        return Rect(
            self.dx + rect.x * self.scale,
            self.dy + rect.y * self.scale,
            rect.w * self.scale,
            rect.h * self.scale,
        )

    def to_canvas(self, x: float, y: float) -> tuple[float, float]:
        """A view point in canvas coordinates."""
        return (x - self.dx) / self.scale, (y - self.dy) / self.scale


def letterbox(canvas: tuple[float, float], width: float, height: float) -> Letterbox:
    """(scale, dx, dy) that fits a canvas into width×height, centred, aspect kept."""
    return Letterbox.fit(canvas, width, height)
