"""The picture, quote and table layouts.

Imports QtGui, the deck model, `deck.figures`, `nanyi_desk.layout` (the grid), `frame`
and `slide_parts`.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainterPath

from nanyi_desk.deck.figures import row_words
from nanyi_desk.deck.model import ImageSlide, QuoteSlide, Row, TableSlide
from nanyi_desk.layout.grids import grid

from .frame import Frame, paint_contained, plain, qrect
from .slide_parts import CENTRE, LEFT_TOP, MIDDLE_LEFT, RIGHT_TOP, colour, hotspot, surface


def paint_image(frame: Frame, slide: ImageSlide) -> None:
    """A picture, fitted and rounded, with its caption (or a calm note if it is missing)."""
    theme, painter, area = frame.theme, frame.painter, frame.area
    caption_h = theme.type.caption * 2.8 if slide.caption else 0
    box = QRectF(
        area.left(), area.top(), area.width(), area.height() - caption_h - (12 if caption_h else 0)
    )
    picture = frame.ctx.load_image(slide.image)
    if picture.isNull():
        surface(frame, box, fill=theme.colors.grid)
        words = (
            f"图片无法显示：{slide.image}"
            if frame.lang.startswith("zh")
            else f"Picture unavailable: {slide.image}"
        )
        frame.put(
            words, box, theme.type.body, theme.colors.muted, align=Qt.AlignmentFlag.AlignCenter
        )
    else:
        box = paint_contained(painter, picture, box, theme.radius)
    if slide.caption:
        frame.put(
            frame.text(slide.caption),
            QRectF(area.left(), area.bottom() - caption_h, area.width(), caption_h),
            theme.type.caption,
            theme.colors.muted,
            align=CENTRE,
        )


def paint_quote(frame: Frame, slide: QuoteSlide) -> None:
    """One to a few quotes on cards, with who said them."""
    theme, area = frame.theme, frame.area
    n = len(slide.items)
    cols = 1 if frame.ctx.portrait or n == 1 else n
    cells = grid(plain(area), n, cols, 40, max_h=area.height() if n > 1 else area.height() * 0.8)
    rects = [qrect(cell) for cell in cells]
    for item, rect in zip(slide.items, rects, strict=True):
        surface(frame, rect)
        inner = rect.adjusted(48, 32, -48, -36)
        mark_px = 150 if n == 1 else 110
        frame.put(
            "“",
            QRectF(inner.left() - 8, inner.top() - mark_px * 0.2, mark_px, mark_px),
            mark_px,
            frame.accent,
            bold=True,
            floor=40,
        )
        who = frame.text(item.author)
        if item.role:
            who = f"{who}  ·  {frame.text(item.role)}" if who else frame.text(item.role)
        who_h = theme.type.label * 3.2 if who else 0
        words_rect = QRectF(
            inner.left(),
            inner.top() + mark_px * 0.6,
            inner.width(),
            inner.height() - mark_px * 0.6 - who_h - 12,
        )
        size = theme.type.title * (0.9 if n == 1 else 0.62)
        frame.put(frame.text(item.text), words_rect, size, theme.colors.ink, align=MIDDLE_LEFT)
        if who:
            frame.painter.fillRect(
                QRectF(inner.left(), inner.bottom() - who_h + 4, 48, 4), QColor(frame.accent)
            )
            frame.put(
                "— " + who,
                QRectF(inner.left(), inner.bottom() - who_h + 20, inner.width(), who_h - 20),
                theme.type.label,
                theme.colors.muted,
            )


def paint_table(frame: Frame, slide: TableSlide) -> None:
    """A table: a header in the accent, figures right-aligned, rows that may drill."""
    theme, painter, area = frame.theme, frame.painter, frame.area
    cols = len(slide.columns)
    weights = [1.6] + [1.0] * (cols - 1)
    unit = area.width() / sum(weights)
    widths = [w * unit for w in weights]
    rows = len(slide.rows)
    header_h = theme.type.label * 2.6
    row_h = min((area.height() - header_h) / rows, theme.type.body * 3.0)
    surface(frame, QRectF(area.left(), area.top(), area.width(), header_h + row_h * rows))
    painter.save()
    path = QPainterPath()
    path.addRoundedRect(
        QRectF(area.left(), area.top(), area.width(), header_h + row_h * rows),
        theme.radius,
        theme.radius,
    )
    painter.setClipPath(path)
    painter.fillRect(QRectF(area.left(), area.top(), area.width(), header_h), QColor(frame.accent))
    x = area.left()
    for c, heading in enumerate(slide.columns):
        align = LEFT_TOP if c == 0 else RIGHT_TOP
        cell = QRectF(x + 24, area.top() + header_h * 0.22, widths[c] - 48, header_h * 0.7)
        frame.put(
            frame.text(heading),
            cell,
            theme.type.label,
            theme.colors.on_accent,
            bold=True,
            align=align,
        )
        x += widths[c]
    for r, row in enumerate(slide.rows):
        cells = row.cells if isinstance(row, Row) else row
        drill = row.drill if isinstance(row, Row) else None
        top = area.top() + header_h + r * row_h
        if r % 2:
            painter.fillRect(
                QRectF(area.left(), top, area.width(), row_h), colour(theme.colors.background, 0.9)
            )
        x = area.left()
        shown = row_words(cells, frame.lang, frame.ctx.fallbacks(frame.lang))
        for c, (number, words) in enumerate(shown):
            cell = QRectF(
                x + 24, top + 4, widths[c] - 48 - (60 if drill and c == cols - 1 else 0), row_h - 8
            )
            align = (
                Qt.AlignmentFlag.AlignRight if c else Qt.AlignmentFlag.AlignLeft
            ) | Qt.AlignmentFlag.AlignVCenter
            frame.put(
                words,
                cell,
                theme.type.body * (1.05 if number else 0.85),
                frame.accent if number else theme.colors.ink,
                bold=number or c == 0,
                align=align,
            )
            x += widths[c]
        hotspot(
            frame,
            QRectF(area.left(), top, area.width(), row_h),
            drill,
            "row",
            frame.text(cells[0]) if cells else "",
        )
    painter.restore()
