"""How a slide comes in, and how its key figures count up: the player's animations.

Two QVariantAnimations owned by the view: a transition (fade, slide or none) between the last
image shown and the new one, and a count-up of a kpis slide's numbers. Both only ask the view
to repaint; what a frame looks like is decided in `paint_transition`, a plain function.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEasingCurve, QObject, QPointF, QVariantAnimation
from PySide6.QtGui import QImage, QPainter

TRANSITION_MS = 260
"""A transition's length: under the 300 ms the issue allows, long enough to read as motion."""
COUNT_MS = 900
"""A key figure's count-up: quick enough that a presenter never waits for it."""


def _animation(
    parent: QObject, ms: int, curve: QEasingCurve.Type, tick: Callable
) -> QVariantAnimation:
    animation = QVariantAnimation(parent)  # parented, so it is not collected mid-run
    animation.setDuration(ms)
    animation.setStartValue(0.0)
    animation.setEndValue(1.0)
    animation.setEasingCurve(curve)
    animation.valueChanged.connect(tick)
    return animation


class Motion(QObject):
    """The view's running transition and count-up."""

    def __init__(self, parent: QObject, repaint: Callable[[], None]) -> None:
        super().__init__(parent)
        self.kind = "fade"
        self.direction = 1
        self.start_image: QImage | None = None
        self.transition = _animation(
            self, TRANSITION_MS, QEasingCurve.Type.OutCubic, lambda _v: repaint()
        )
        self.count = _animation(self, COUNT_MS, QEasingCurve.Type.OutQuart, lambda _v: repaint())

    def begin(self, kind: str, start: QImage | None, direction: int, counts: bool) -> None:
        """A slide arrives: move from `start` by `kind`; count its figures up if `counts`."""
        self.transition.stop()
        self.count.stop()
        self.kind, self.direction = kind, direction
        self.start_image = start if kind != "none" else None
        if self.start_image is not None:
            self.transition.start()
        if counts:
            self.count.start()

    def stop(self) -> None:
        """Jump to the end (resize, blank screen, overlays)."""
        self.transition.stop()
        self.count.stop()
        self.start_image = None

    @property
    def progress(self) -> float:
        """How far the transition is, 0–1."""
        if self.start_image is None or self.transition.state() != QVariantAnimation.State.Running:
            return 1.0
        return float(self.transition.currentValue())

    @property
    def counted(self) -> float:
        """How far the figures have counted, 0–1."""
        if self.count.state() != QVariantAnimation.State.Running:
            return 1.0
        return float(self.count.currentValue())

    @property
    def running(self) -> bool:
        """True while anything moves."""
        return self.progress < 1.0 or self.counted < 1.0


def paint_transition(
    painter: QPainter,
    kind: str,
    start: QImage | None,
    end: QImage,
    progress: float,
    direction: int,
    width: float,
) -> None:
    """One frame between `start` and `end`; `direction` 1 moves forward, -1 back."""
    if start is None or progress >= 1.0 or kind == "none":
        painter.drawImage(QPointF(0, 0), end)
        return
    if kind == "slide":
        shift = width * progress * direction
        painter.drawImage(QPointF(-shift, 0), start)
        painter.drawImage(QPointF(direction * width - shift, 0), end)
        return
    painter.drawImage(QPointF(0, 0), start)
    painter.setOpacity(progress)
    painter.drawImage(QPointF(0, 0), end)
    painter.setOpacity(1.0)
