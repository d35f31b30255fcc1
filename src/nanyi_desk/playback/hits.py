"""Which of several overlapping touch targets a touch meant, and a chart's targets. Plain Python.

Targets are grown to a finger's size (80 px), so neighbours overlap: a thin bar's box spills
onto the next bar, a small pie slice's box sits inside a big one's. The box whose centre is
nearest, measured against the box's own size, is the one meant.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol, TypeVar


class Box(Protocol):
    """Anything with a position and a size, read-only (frozen dataclasses qualify)."""

    @property
    def x(self) -> float:
        """Left edge."""

    @property
    def y(self) -> float:
        """Top edge."""

    @property
    def w(self) -> float:
        """Width."""

    @property
    def h(self) -> float:
        """Height."""


B = TypeVar("B", bound=Box)


def meant(boxes: Iterable[B], px: float, py: float) -> B | None:
    """The box at (px, py) that the touch most likely meant, or None if none holds it."""
    best, best_score = None, math.inf
    for box in boxes:
        if not (box.x <= px <= box.x + box.w and box.y <= py <= box.y + box.h):
            continue
        cx, cy = box.x + box.w / 2, box.y + box.h / 2
        score = math.hypot(px - cx, py - cy) / max(1e-9, math.sqrt(box.w * box.h))
        if score < best_score:
            best, best_score = box, score
    return best


@dataclass(frozen=True)
class ChartHit:
    """Where one data point of a chart landed, in the image's pixels (origin top-left).

    Here rather than in `charts`, so that a chart read back from the disk cache brings its
    targets without importing matplotlib.
    """

    x: float
    y: float
    w: float
    h: float
    series: int
    """Index into chart.series."""
    index: int
    """Index into chart.categories."""
    value: float | int | None
    category: str
    """The category label in the language rendered."""
    series_name: str
    drill: str | None
    """The panel id from series.drill[index], if any."""
    text: str = ""
    """The value with its unit as the chart's language reads it: RMB 18.53 billion, 185.28亿元."""
