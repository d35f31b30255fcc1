"""A panel's key figures: one type size for the whole grid, then each tile on its card.

Imports QtGui, the deck model and `deck.figures`, `text`, `sheet`, `slide_parts` and
`slide_figures` (the figure line the slides draw too).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import (
    QFontMetricsF,
)

from nanyi_desk.deck.figures import figure_text
from nanyi_desk.deck.model import (
    Kpi,
)

from . import text as tx
from .sheet import Sheet
from .slide_figures import paint_figure_line
from .slide_parts import hotspot, surface


@dataclass(frozen=True)
class TilePlan:
    """One type size for every tile of a panel: a grid reads as a set, not as a ransom note."""

    number: float
    label: float
    note: float
    label_h: float
    note_h: float
    under: frozenset[int]
    """Indexes of the tiles whose unit goes under the number."""
    height: float
    """The height a tile needs at these sizes."""


_TILE_PAD = (28.0, 36.0, 28.0, 24.0)


_DRILL_ROOM = 48.0


def _tile_parts(sheet: Sheet, item: Kpi) -> tuple[str, str, str]:
    frame = sheet.frame
    return frame.text(item.prefix), figure_text(item.value, item.decimals), frame.text(item.unit)


def plan_tiles(sheet: Sheet, items: Sequence[Kpi], w: float, h: float) -> TilePlan:
    """The largest number and label sizes at which every tile's figure and label fit.

    The slides' tile gives the number 45% of a tall card; a panel's cards are shorter, and
    there that left the label at the floor size and the note with no room at all. Here the
    label and note are measured first and the number takes what is left.
    """
    theme = sheet.frame.theme
    left, top, right, bottom = _TILE_PAD
    inner_w, inner_h = w - left - right, h - top - bottom
    label_px = float(theme.type.label)
    while True:
        plan = _try_tiles(sheet, items, inner_w, inner_h, label_px)
        if plan is not None or label_px <= theme.type.floor:
            break
        # The number is already at its least: the label gives way, down to the floor.
        label_px = max(float(theme.type.floor), label_px * 0.9)
    if plan is None:
        plan = _try_tiles(sheet, items, inner_w, inner_h, label_px, force=True)
    assert plan is not None  # forced plans always come back
    return plan


def _try_tiles(
    sheet: Sheet,
    items: Sequence[Kpi],
    inner_w: float,
    inner_h: float,
    label_px: float,
    force: bool = False,
) -> TilePlan | None:
    frame = sheet.frame
    theme = frame.theme
    left, top, right, bottom = _TILE_PAD

    def text_w(item: Kpi) -> float:
        return inner_w - (_DRILL_ROOM if item.drill else 0)

    def lines_h(words: str, width: float, px: float, bold: bool) -> float:
        return tx.fit(words, QRectF(0, 0, width, 1e5), theme.font, px, 1, bold).height

    while True:
        label_h = max(lines_h(frame.text(i.label), text_w(i), label_px, True) for i in items)
        if label_h <= label_px * 1.5 * 2 + 1 or label_px <= theme.type.floor:
            break
        label_px = max(float(theme.type.floor), label_px * 0.93)
    notes = [frame.text(i.note) for i in items if i.note]
    note_px = min(float(theme.type.caption), label_px)
    note_h = max((lines_h(n, inner_w, note_px, False) for n in notes), default=0.0)
    note_h += 6 if notes else 0
    room = inner_h - label_h - note_h - 10

    size = theme.type.kpi * 0.72
    least = theme.type.subtitle * 0.8
    while True:
        big = QFontMetricsF(tx.make_font(theme.font, size, True))
        small = QFontMetricsF(tx.make_font(theme.font, max(theme.type.floor, size * 0.36)))
        high = big.ascent() + big.descent() * 0.4
        under: set[int] = set()
        fits = True
        for index, item in enumerate(items):
            pre, number, post = _tile_parts(sheet, item)
            head = small.horizontalAdvance(pre) + (10 if pre else 0) + big.horizontalAdvance(number)
            tail = small.horizontalAdvance(post) + 8 if post else 0.0
            if head + tail <= text_w(item) and high <= room:
                continue
            # A long unit ("RMB 100 million") goes under the number rather than shrink it away.
            if post and head <= text_w(item) and high + small.height() <= room:
                under.add(index)
                continue
            fits = False
        if fits or size <= least:
            break
        size = max(least, size * 0.93)
    if not fits and not force:
        return None
    need = top + bottom + high + (small.height() if under else 0) + 10 + label_h + note_h
    return TilePlan(size, label_px, note_px, label_h, note_h, frozenset(under), need)


def tile_height(sheet: Sheet, width: float, cols: int, gap: float = 28.0) -> float:
    """The height the panel's tiles need in a column `width` wide, `cols` to a row."""
    w = (width - gap * (cols - 1)) / cols
    return plan_tiles(sheet, sheet.panel.items, w, 1e5).height


def paint_tile(sheet: Sheet, rect: QRectF, item: Kpi, plan: TilePlan) -> None:
    """A key figure on a card: number, unit, label, note, and the drill affordance."""
    frame = sheet.frame
    theme, painter = frame.theme, frame.painter
    surface(frame, rect, strip=frame.accent)
    left, top, right, bottom = _TILE_PAD
    inner = rect.adjusted(left, top, -right, -bottom)
    text_w = inner.width() - (_DRILL_ROOM if item.drill else 0)
    pre, number, post = _tile_parts(sheet, item)
    big = tx.make_font(theme.font, plan.number, True)
    small = tx.make_font(theme.font, max(theme.type.floor, plan.number * 0.36))
    wb, ws = QFontMetricsF(big), QFontMetricsF(small)
    under = sheet.panel.items.index(item) in plan.under
    width = (
        ws.horizontalAdvance(pre)
        + (10 if pre else 0)
        + wb.horizontalAdvance(number)
        + (0 if under or not post else ws.horizontalAdvance(post) + 8)
    )
    if width > text_w:
        frame.out.overflows.append(f"{pre}{number}{post}")
    baseline = paint_figure_line(
        painter,
        theme,
        frame.accent,
        QPointF(inner.left(), inner.top() + wb.ascent() * 0.92),
        (pre, number, post),
        (big, small),
        (10, 8),
        unit_under=under,
    )
    y = baseline + wb.descent() * 0.4 + 10
    label = frame.text(item.label)
    frame.put(
        label,
        QRectF(inner.left(), y, text_w, max(1.0, inner.bottom() - plan.note_h - y)),
        plan.label,
        theme.colors.ink,
        bold=True,
        floor=min(plan.label, theme.type.floor),
    )
    if item.note:
        y += plan.label_h + 6
        frame.put(
            frame.text(item.note),
            QRectF(inner.left(), y, inner.width(), max(1.0, inner.bottom() - y)),
            plan.note,
            theme.colors.muted,
            floor=min(plan.note, theme.type.floor),
        )
    hotspot(frame, rect, item.drill, "kpi", f"{pre}{number}{post} {label}")
