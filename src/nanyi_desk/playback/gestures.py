"""What a drag means: a swipe, or just a touch. Plain Python, shared by every touch surface."""

from __future__ import annotations

from typing import Literal

Swipe = Literal["left", "right", "up", "down"]

SWIPE_PX = 80.0
"""Logical px a finger must travel for a swipe: more than a tap's wobble on a big screen."""


def swipe(dx: float, dy: float, threshold: float = SWIPE_PX) -> Swipe | None:
    """The swipe a drag of (dx, dy) logical px makes, or None for a touch.

    The drag must be long and mostly along one axis (twice the other), so a slanted tap on
    a chart bar is not taken for a page turn.
    """
    if abs(dx) > threshold and abs(dx) > 2 * abs(dy):
        return "left" if dx < 0 else "right"
    if abs(dy) > threshold and abs(dy) > 2 * abs(dx):
        return "up" if dy < 0 else "down"
    return None
