"""A panel's key figures on their cards, at the one type size `layout.tiles` plans.

The plan is plain Python; this module gives it the tiles' words and a measure of the
deck's font, then paints each tile. Imports QtGui, the deck model and `deck.figures`,
`nanyi_desk.layout`, `text`, `frame`, `sheet`, `slide_parts` and `slide_figures` (the
figure line the slides draw too).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFontMetricsF

from nanyi_desk.deck.figures import FigureWords, item_words
from nanyi_desk.deck.model import Kpi
from nanyi_desk.layout import tiles
from nanyi_desk.layout.tiles import DRILL_ROOM, PANEL_TILE_PAD, TilePlan, TileText

from . import text as tx
from .frame import inset
from .sheet import Sheet
from .slide_figures import paint_figure_line
from .slide_parts import hotspot, surface


def _tile_words(sheet: Sheet, item: Kpi) -> FigureWords:
    frame = sheet.frame
    return item_words(item, frame.lang, frame.ctx.fallbacks(frame.lang))


def _tile_parts(sheet: Sheet, item: Kpi) -> tuple[str, str, str]:
    words = _tile_words(sheet, item)
    return words.prefix, words.number, words.unit


def tile_texts(sheet: Sheet) -> list[TileText]:
    """The words of the panel's tiles in the sheet's language."""
    frame = sheet.frame
    return [
        TileText(
            *_tile_parts(sheet, item),
            label=frame.text(item.label),
            note=frame.text(item.note) if item.note else None,
            drill=bool(item.drill),
        )
        for item in sheet.panel.items
    ]


def plan_tiles(sheet: Sheet, w: float, h: float) -> TilePlan:
    """One type size for the panel's tiles, each w×h."""
    theme = sheet.frame.theme
    return tiles.plan_tiles(tile_texts(sheet), w, h, theme.type, tx.FontMeasure(theme.font))


def tile_height(sheet: Sheet, width: float, cols: int) -> float:
    """The height the panel's tiles need in a column `width` wide, `cols` to a row."""
    theme = sheet.frame.theme
    return tiles.tile_height(tile_texts(sheet), width, cols, theme.type, tx.FontMeasure(theme.font))


def paint_tile(sheet: Sheet, rect: QRectF, item: Kpi, plan: TilePlan) -> None:
    """A key figure on a card: number, unit, label, note, and the drill affordance."""
    frame = sheet.frame
    theme, painter = frame.theme, frame.painter
    surface(frame, rect, strip=frame.accent)
    inner = inset(rect, PANEL_TILE_PAD)
    text_w = inner.width() - (DRILL_ROOM if item.drill else 0)
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
        frame.out.overflows.append(_tile_words(sheet, item).text)
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
    hotspot(frame, rect, item.drill, "kpi", f"{_tile_words(sheet, item).text} {label}")
