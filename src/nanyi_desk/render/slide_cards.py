"""Cards and the timeline: items side by side (or stacked in 9:16), each may drill.

Imports QtGui, the deck model, `deck.figures`, `nanyi_desk.layout` (the grid), `text`,
`icons`, `frame` and `slide_parts`.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPen

from nanyi_desk.deck.figures import item_words
from nanyi_desk.deck.model import CardsSlide, TimelineSlide
from nanyi_desk.layout.grids import grid

from . import text as tx
from .frame import Frame, plain, qrect
from .icons import icon_image
from .slide_parts import hotspot, surface


def paint_cards(frame: Frame, slide: CardsSlide) -> None:
    """Cards in a row (stacked in 9:16): icon, title, subtitle, figure, body."""
    theme = frame.theme
    n = len(slide.items)
    cols = 1 if frame.ctx.portrait else (n if n <= 4 else math.ceil(n / 2))
    # Room for a unit under its number: English units ("billion") often do not fit beside it.
    cells = grid(plain(frame.area), n, cols, 32, max_h=frame.theme.type.label * 18)
    rects = [qrect(cell) for cell in cells]
    for card, rect in zip(slide.items, rects, strict=True):
        surface(frame, rect, strip=frame.accent)
        pad = 32
        inner = rect.adjusted(pad, pad + 8, -pad, -pad)
        top = inner.top()
        if card.icon:
            picture = icon_image(card.icon, frame.accent, round(56 * frame.scale))
            if picture is not None:
                picture.setDevicePixelRatio(frame.scale)
                frame.painter.drawImage(QPointF(inner.left(), top), picture)
                top += 56 + 16
        right = 56 if card.drill else 0
        top += (
            frame.put(
                frame.text(card.title),
                QRectF(inner.left(), top, inner.width() - right, theme.type.label * 2.8 * 1.3),
                theme.type.label * 1.3,
                theme.colors.ink,
                bold=True,
            )
            + 8
        )
        if card.subtitle:
            top += (
                frame.put(
                    frame.text(card.subtitle),
                    QRectF(inner.left(), top, inner.width(), theme.type.caption * 2.8),
                    theme.type.caption,
                    frame.accent,
                    bold=True,
                )
                + 10
            )
        if card.value is not None:
            figure = item_words(card, frame.lang, frame.ctx.fallbacks(frame.lang))
            gap = "" if figure.tight or not figure.prefix else " "
            words = f"{figure.prefix}{gap}{figure.number}"
            big = min(theme.type.kpi * 0.6, 72)
            h = frame.put(
                words,
                QRectF(inner.left(), top, inner.width(), big * 1.4),
                big,
                frame.accent,
                bold=True,
                floor=theme.type.label,
            )
            unit = figure.unit
            width = QFontMetricsF(tx.make_font(theme.font, big, True)).horizontalAdvance(words)
            beside = inner.width() - width - 10
            small = QFontMetricsF(tx.make_font(theme.font, theme.type.label, False))
            if unit and small.horizontalAdvance(unit) > beside:
                # English units run longer ("million tonnes"): under the number, not squeezed.
                h += frame.put(
                    unit,
                    QRectF(inner.left(), top + h, inner.width(), theme.type.label * 1.6),
                    theme.type.label,
                    theme.colors.ink,
                )
            elif unit:
                frame.put(
                    unit,
                    QRectF(
                        inner.left() + width + 10,
                        top + h - theme.type.label * 1.5,
                        inner.width() - width - 10,
                        theme.type.label * 1.6,
                    ),
                    theme.type.label,
                    theme.colors.ink,
                )
            top += h + 10
        if card.body:
            frame.put(
                frame.text(card.body),
                QRectF(inner.left(), top, inner.width(), inner.bottom() - top),
                theme.type.label,
                theme.colors.muted,
            )
        hotspot(frame, rect, card.drill, "card", frame.text(card.title))


def paint_timeline(frame: Frame, slide: TimelineSlide) -> None:
    """Events along a line: across on 16:9, down on 9:16."""
    theme, painter, area = frame.theme, frame.painter, frame.area
    n = len(slide.items)
    painter.save()
    if frame.ctx.portrait:
        x = area.left() + 36
        painter.setPen(QPen(QColor(theme.colors.grid), 6))
        painter.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()))
        step = area.height() / n
        for i, event in enumerate(slide.items):
            top = area.top() + i * step
            rect = QRectF(x + 48, top, area.width() - 84, step - 16)
            _dot(frame, QPointF(x, top + 24))
            h = frame.put(
                frame.text(event.date),
                QRectF(rect.left(), top, rect.width() - 60, 44),
                theme.type.label,
                frame.accent,
                bold=True,
            )
            h2 = frame.put(
                frame.text(event.title),
                QRectF(rect.left(), top + h + 6, rect.width() - 60, theme.type.body * 2.6),
                theme.type.body,
                theme.colors.ink,
                bold=True,
            )
            if event.body:
                frame.put(
                    frame.text(event.body),
                    QRectF(
                        rect.left(),
                        top + h + h2 + 12,
                        rect.width(),
                        rect.bottom() - top - h - h2 - 12,
                    ),
                    theme.type.caption,
                    theme.colors.muted,
                )
            hotspot(frame, rect, event.drill, "event", frame.text(event.title))
    else:
        y = area.top() + area.height() * 0.30
        painter.setPen(QPen(QColor(theme.colors.grid), 6))
        painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
        step = area.width() / n
        for i, event in enumerate(slide.items):
            left = area.left() + i * step
            centre = QPointF(left + 24, y)
            _dot(frame, centre)
            width = step - 24
            frame.put(
                frame.text(event.date),
                QRectF(left, y - 30 - theme.type.label * 2.6, width, theme.type.label * 2.6),
                theme.type.label,
                frame.accent,
                bold=True,
                align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
            )
            rect = QRectF(left, y + 36, width, area.bottom() - y - 36)
            h = frame.put(
                frame.text(event.title),
                QRectF(
                    rect.left(),
                    rect.top(),
                    rect.width() - (40 if event.drill else 0),
                    theme.type.body * 3.4,
                ),
                theme.type.body * 0.9,
                theme.colors.ink,
                bold=True,
            )
            if event.body:
                frame.put(
                    frame.text(event.body),
                    QRectF(
                        rect.left(), rect.top() + h + 12, rect.width() - 8, rect.height() - h - 12
                    ),
                    theme.type.caption,
                    theme.colors.muted,
                )
            hotspot(
                frame,
                QRectF(
                    left - 8,
                    y - 40 - theme.type.label * 2.6,
                    step - 8,
                    area.bottom() - y + 40 + theme.type.label * 2.6,
                ),
                event.drill,
                "event",
                frame.text(event.title),
            )
    painter.restore()


def _dot(frame: Frame, centre: QPointF) -> None:
    painter = frame.painter
    painter.setPen(QPen(QColor(frame.theme.colors.background), 6))
    painter.setBrush(QColor(frame.accent))
    painter.drawEllipse(centre, 16, 16)
