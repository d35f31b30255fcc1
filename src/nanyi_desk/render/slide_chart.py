"""The chart layout, and the chart image with its title, note and touchable bars.

Panels draw their charts with `chart_titles` and `paint_chart` too. The pixels come from
`ctx.charts` (matplotlib, loaded lazily). Imports QtGui, the deck model, `deck.figures`
and `frame`.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor

from nanyi_desk.deck.figures import figure_text
from nanyi_desk.deck.model import Chart, ChartSlide

from .frame import Canvas, Frame, Hotspot


def paint_chart_slide(frame: Frame, slide: ChartSlide) -> None:
    """A chart filling the area, with the body beside it (above it in 9:16)."""
    theme, area = frame.theme, frame.area
    chart = slide.chart
    chart_area = QRectF(area)
    if slide.body:
        if frame.ctx.portrait:
            body_h = frame.put(
                frame.text(slide.body),
                QRectF(area.left(), area.top(), area.width(), area.height() * 0.2),
                theme.type.body,
                theme.colors.muted,
            )
            chart_area = QRectF(
                area.left(), area.top() + body_h + 24, area.width(), area.height() - body_h - 24
            )
        else:
            side = area.width() * 0.28
            body = QRectF(area.right() - side, area.top() + 24, side, area.height() - 48)
            frame.painter.fillRect(
                QRectF(body.left() - 28, body.top(), 6, min(body.height(), 160)),
                QColor(frame.accent),
            )
            frame.put(frame.text(slide.body), body, theme.type.body, theme.colors.ink)
            chart_area = QRectF(area.left(), area.top(), area.width() - side - 64, area.height())
    paint_chart(frame, chart, chart_titles(frame, chart, chart_area, 48), frame.key)


def chart_titles(frame: Canvas, chart: Chart, box: QRectF, title_h: float) -> QRectF:
    """Paint a chart's title above `box` and its note below; return the room for the plot."""
    theme, box = frame.theme, QRectF(box)
    if chart.title:
        h = frame.put(
            frame.text(chart.title),
            QRectF(box.left(), box.top(), box.width(), title_h),
            theme.type.label,
            theme.colors.ink,
            bold=True,
        )
        box.setTop(box.top() + h + 8)
    if chart.note:
        note_h = theme.type.caption * 2.6
        frame.put(
            frame.text(chart.note),
            QRectF(box.left(), box.bottom() - note_h, box.width(), note_h),
            theme.type.caption,
            theme.colors.muted,
        )
        box.setBottom(box.bottom() - note_h - 8)
    return box


def paint_chart(frame: Canvas, chart: Chart, rect: QRectF, key: str) -> None:
    """Draw a chart image into `rect` and register its bars' hotspots."""
    size = (max(1, round(rect.width())), max(1, round(rect.height())))
    image, hits = frame.ctx.charts.get(
        key,
        chart,
        size,
        frame.lang,
        frame.ctx.fallbacks(frame.lang),
        frame.theme,
        frame.accent,
        frame.scale,
    )
    frame.painter.drawImage(QRectF(rect.left(), rect.top(), size[0], size[1]), image)
    for hit in hits:
        if hit.drill:
            s = frame.scale
            value = hit.text or ("—" if hit.value is None else figure_text(hit.value))
            frame.out.hotspots.append(
                Hotspot(
                    rect.left() + hit.x / s,
                    rect.top() + hit.y / s,
                    hit.w / s,
                    hit.h / s,
                    hit.drill,
                    "chart",
                    f"{hit.category} {value}",
                )
            )
