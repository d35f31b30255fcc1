"""Key figures: the kpis layout, its tiles, and the figure line slides and panels share.

Imports QtGui, the deck model, `deck.figures`, `nanyi_desk.layout` (the grid, the
tile padding), `text`, `frame` and `slide_parts`.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter

from nanyi_desk.deck.figures import FigureWords, counted, item_words
from nanyi_desk.deck.model import Kpi, KpisSlide
from nanyi_desk.layout.grids import grid
from nanyi_desk.layout.tiles import SLIDE_TILE_PAD
from nanyi_desk.theme import Theme

from . import text as tx
from .frame import Frame, inset, plain, qrect
from .slide_parts import hotspot, surface


def paint_kpis(frame: Frame, slide: KpisSlide) -> None:
    """Key figures in a grid of tiles, their numbers at one size."""
    n = len(slide.items)
    cols = (1 if n <= 3 else 2) if frame.ctx.portrait else (n if n <= 4 else math.ceil(n / 2))
    cells = grid(plain(frame.area), n, cols, 32, max_h=frame.theme.type.kpi * 3.4)
    rects = [qrect(cell) for cell in cells]
    # One size for the row's numbers, the largest that fits every tile: a row of figures
    # in four sizes reads as four different kinds of thing.
    size = min(
        _figure_size(frame, rect, kpi_words(frame, item))[0]
        for item, rect in zip(slide.items, rects, strict=True)
    )
    for item, rect in zip(slide.items, rects, strict=True):
        _figure_tile(frame, rect, item, size)


def kpi_words(frame: Frame, item: Kpi) -> FigureWords:
    """A key figure's prefix, number and unit as the frame's language reads them."""
    return item_words(item, frame.lang, frame.ctx.fallbacks(frame.lang))


def _figure_size(frame: Frame, rect: QRectF, words: FigureWords) -> tuple[float, bool]:
    """The number's type size in a tile: prefix + number + unit on one line; and if it fits."""
    theme = frame.theme
    inner = inset(rect, SLIDE_TILE_PAD)
    pre, number, post = words.prefix, words.number, words.unit
    size = min(theme.type.kpi, inner.height() * 0.45)
    while True:
        big = tx.make_font(theme.font, size, True)
        small = tx.make_font(theme.font, size * 0.34, False)
        wb, ws = QFontMetricsF(big), QFontMetricsF(small)
        total = (
            ws.horizontalAdvance(pre)
            + wb.horizontalAdvance(number)
            + ws.horizontalAdvance(post)
            + (12 if pre else 0)
            + (10 if post else 0)
        )
        if total <= inner.width() or size <= theme.type.subtitle:
            return size, total <= inner.width()
        size *= 0.92


def _figure_tile(frame: Frame, rect: QRectF, item: Kpi, size: float | None = None) -> None:
    """A key figure on its card, its number at `size` at most (the row's one size)."""
    label, note, drill = item.label, item.note, item.drill
    theme, painter = frame.theme, frame.painter
    surface(frame, rect, strip=frame.accent)
    inner = inset(rect, SLIDE_TILE_PAD)
    words = kpi_words(frame, item)
    pre, number, post = words.prefix, words.number, words.unit
    shown = counted(number, frame.count)
    own, fits = _figure_size(frame, rect, words)
    if size is None or size > own:
        size = own
    if not fits:
        frame.out.overflows.append(words.text)
    big = tx.make_font(theme.font, size, True)
    small = tx.make_font(theme.font, size * 0.34, False)
    wb = QFontMetricsF(big)
    baseline = inner.top() + wb.ascent()
    paint_figure_line(
        painter, theme, frame.accent, QPointF(inner.left(), baseline), (pre, shown, post),
        (big, small), (12, 10),
    )  # fmt: skip
    top = baseline + wb.descent() + 16
    label_h = frame.put(
        frame.text(label),
        QRectF(inner.left(), top, inner.width() - (50 if drill else 0), inner.bottom() - top),
        theme.type.label * 1.1,
        theme.colors.ink,
        bold=True,
    )
    if note:
        top += label_h + 8
        frame.put(
            frame.text(note),
            QRectF(inner.left(), top, inner.width(), inner.bottom() - top),
            theme.type.caption,
            theme.colors.muted,
        )
    hotspot(frame, rect, drill, "kpi", f"{words.text} {frame.text(label)}")


def paint_figure_line(
    painter: QPainter,
    theme: Theme,
    accent: str,
    at: QPointF,
    words: tuple[str, str, str],
    fonts: tuple[QFont, QFont],
    gaps: tuple[float, float],
    unit_under: bool = False,
) -> float:
    """A key figure's line: prefix, number in the accent, unit; return the last baseline.

    The unit goes on a line of its own under the number when `unit_under` (a long unit in a
    narrow card). Slides and panels both draw their figures with this.
    """
    pre, number, post = words
    big, small = fonts
    wb, ws = QFontMetricsF(big), QFontMetricsF(small)
    x, baseline = at.x(), at.y()
    painter.save()
    if pre:
        painter.setFont(small)
        painter.setPen(QColor(theme.colors.muted))
        painter.drawText(QPointF(x, baseline), pre)
        x += ws.horizontalAdvance(pre) + gaps[0]
    painter.setFont(big)
    painter.setPen(QColor(accent))
    painter.drawText(QPointF(x, baseline), number)
    x += wb.horizontalAdvance(number) + gaps[1]
    if post:
        painter.setFont(small)
        painter.setPen(QColor(theme.colors.ink))
        if unit_under:
            baseline += wb.descent() * 0.4 + ws.height()
            painter.drawText(QPointF(at.x(), baseline - ws.descent()), post)
        else:
            painter.drawText(QPointF(x, baseline), post)
    painter.restore()
    return baseline
