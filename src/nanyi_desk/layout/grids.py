"""Grids: cells for a row or rows of items, and the panel's sheet on the canvas.

Plain Python on `Rect`s; the renderer converts them to QRectF where it draws.
"""

from __future__ import annotations

import math

from .geometry import Rect


def grid(area: Rect, count: int, cols: int, gap: float, max_h: float | None = None) -> list[Rect]:
    """Cells for `count` items in `cols` columns; short last rows and short grids centred."""
    rows = math.ceil(count / cols)
    w = (area.w - gap * (cols - 1)) / cols
    h = (area.h - gap * (rows - 1)) / rows
    if max_h is not None and h > max_h:
        h = max_h
    top = area.y + (area.h - (rows * h + (rows - 1) * gap)) / 2
    rects = []
    for i in range(count):
        r, c = divmod(i, cols)
        in_row = min(cols, count - r * cols)
        offset = (area.w - (in_row * w + (in_row - 1) * gap)) / 2
        rects.append(Rect(area.x + offset + c * (w + gap), top + r * (h + gap), w, h))
    return rects


def tile_rows(area: Rect, count: int, cols: int, tile_h: float, gap: float = 28.0) -> list[Rect]:
    """Cells of `tile_h` from the top of `area`; a short last row sits centred under the rest."""
    w = (area.w - gap * (cols - 1)) / cols
    rects = []
    for i in range(count):
        r, c = divmod(i, cols)
        in_row = min(cols, count - r * cols)
        offset = (area.w - (in_row * w + (in_row - 1) * gap)) / 2 if r else 0.0
        rects.append(Rect(area.x + offset + c * (w + gap), area.y + r * (tile_h + gap), w, tile_h))
    return rects


def rows_fit(height: float, count: int, cols: int, gap: float = 28.0) -> float:
    """The height of each row when `count` items in `cols` columns share `height`."""
    rows = math.ceil(count / cols)
    return (height - gap * (rows - 1)) / rows


def panel_rect(canvas: tuple[float, float], portrait: bool) -> Rect:
    """Where a panel's sheet lies on the slide's canvas.

    16:9: a large centred sheet that leaves a rim of the slide visible, so the viewer knows
    where they came from. 9:16: a sheet rising from the bottom, the slide's head above it,
    within reach of a thumb on a portrait kiosk.
    """
    width, height = canvas
    if portrait:
        rise = round(height * 0.8)
        return Rect(0, height - rise, width, rise)
    w, h = 1640.0, 980.0
    return Rect((width - w) / 2, (height - h) / 2, w, h)
