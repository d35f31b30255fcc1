"""The overview's grid: every slide as a thumbnail, as large as the window allows.

Plain Python: the overview widget (and the presenter console's slide strip) ask it where each
thumbnail goes and which one a point is on.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .geometry import Rect

GAP = 18.0
"""Logical px between thumbnails."""
LABEL = 26.0
"""Room under each thumbnail for its number and title."""


def grid_columns(count: int, width: float, height: float, aspect: float) -> int:
    """The number of columns that makes `count` thumbnails of `aspect` (w/h) largest."""
    best, best_w = 1, 0.0
    for cols in range(1, count + 1):
        rows = math.ceil(count / cols)
        cell_w = (width - GAP * (cols + 1)) / cols
        cell_h = (height - GAP * (rows + 1)) / rows - LABEL
        thumb_w = min(cell_w, cell_h * aspect)
        if thumb_w > best_w:
            best, best_w = cols, thumb_w
    return best


@dataclass(frozen=True)
class ThumbnailGrid:
    """`count` thumbnails of `aspect` (w/h), centred in `area`."""

    count: int
    area: Rect
    aspect: float

    @property
    def columns(self) -> int:
        """Columns of the grid."""
        return grid_columns(self.count, self.area.w, self.area.h, self.aspect)

    def cell(self, index: int) -> Rect:
        """Where thumbnail `index` sits (its label goes under it)."""
        area, cols = self.area, self.columns
        rows = math.ceil(self.count / cols)
        cell_w = (area.w - GAP * (cols + 1)) / cols
        cell_h = (area.h - GAP * (rows + 1)) / rows
        thumb_w = min(cell_w, (cell_h - LABEL) * self.aspect)
        thumb_h = thumb_w / self.aspect
        grid_w = cols * thumb_w + (cols - 1) * GAP
        grid_h = rows * (thumb_h + LABEL) + (rows - 1) * GAP
        left = area.x + (area.w - grid_w) / 2
        top = area.y + max(GAP, (area.h - grid_h) / 2)
        row, col = divmod(index, cols)
        return Rect(
            left + col * (thumb_w + GAP), top + row * (thumb_h + LABEL + GAP), thumb_w, thumb_h
        )

    def index_at(self, x: float, y: float) -> int | None:
        """The thumbnail (with its label and half the gap around it) under a point."""
        half = GAP / 2
        for index in range(self.count):
            c = self.cell(index)
            if Rect(c.x - half, c.y - half, c.w + GAP, c.h + LABEL + GAP).contains(x, y):
                return index
        return None
