"""One panel being painted: the sheet's canvas, the panel, and what painting it produced.

Shared by `panel` (the sheet and its controls), `panel_content` and `panel_tiles`. Imports
QtGui, the deck model, `frame` and `rich_text`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QRectF

from nanyi_desk.deck.model import Panel

from .frame import Canvas, Painted
from .rich_text import draw_rich, fit_rich

CONTROL = 88.0
"""The side of a control's touch target in canvas px (a fingertip with room to spare)."""


@dataclass
class PaintedPanel(Painted):
    """What painting a panel produced besides pixels (canvas coordinates)."""

    controls: dict[str, QRectF] = field(default_factory=dict)
    """Touch targets of the sheet's own buttons: "close" always, "back" below the first level."""
    chart_rect: QRectF | None = None
    """Where the chart image lies, so a live chart can be laid exactly over it."""
    sheet: QRectF | None = None
    """The sheet itself: a touch outside it closes the panel."""


@dataclass
class Sheet:
    """One panel being painted: the canvas the figure and chart painters use, and the panel."""

    frame: Canvas
    panel: Panel
    panel_id: str
    rect: QRectF
    trail: tuple[str, ...]
    out: PaintedPanel
    crumbs: bool = False
    """True when a line of trail or section name sits above the title."""

    @property
    def portrait(self) -> bool:
        """True on a 9:16 deck."""
        return self.frame.ctx.portrait

    @property
    def pad(self) -> float:
        """The sheet's margin inside its edges."""
        return 56.0 if self.portrait else 72.0

    @property
    def zh(self) -> bool:
        """True when the panel speaks Chinese."""
        return self.frame.lang.startswith("zh")

    def rich(self, make_html: Any, rect: QRectF, px: float, label: str) -> float:
        """Fit and draw rich text in `rect`; return the height it took. Overflow is recorded."""
        theme = self.frame.theme
        fitted = fit_rich(make_html, theme.font, rect.width(), rect.height(), px, theme.type.floor)
        if fitted.overflow:
            self.out.overflows.append(label[:40])
        draw_rich(self.frame.painter, fitted, rect)
        return min(fitted.height, rect.height())
