"""The content of each layout, painted into the frame's content area.

One function per layout of deck format v1; `paint` dispatches on the slide's class.
Portrait (9:16) decks reflow: rows become columns, cards stack. QtGui only.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
)

from nanyi_desk.deck.model import (
    Bullet,
    BulletsSlide,
    CardsSlide,
    ChartSlide,
    ImageSlide,
    KpisSlide,
    QuoteSlide,
    Row,
    SectionSlide,
    TableSlide,
    TimelineSlide,
    TitleSlide,
)

from . import text as tx
from .frame import Canvas, Frame, Hotspot
from .icons import icon_image

LEFT_TOP = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
CENTRE = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
RIGHT_TOP = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
MIDDLE_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def paint(frame: Frame) -> None:
    """Paint the frame's slide into its content area."""
    painters = {
        TitleSlide: _title,
        SectionSlide: _section,
        BulletsSlide: _bullets,
        KpisSlide: _kpis,
        ChartSlide: _chart,
        CardsSlide: _cards,
        TimelineSlide: _timeline,
        ImageSlide: _image,
        QuoteSlide: _quote,
        TableSlide: _table,
    }
    painters[type(frame.slide)](frame)


def figure_text(value: float | int, decimals: int | None = None) -> str:
    """A figure as the deck wrote it: 1478, 185.28, 351.6 (never 1478.0)."""
    if decimals is not None:
        return f"{value:.{decimals}f}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def counted(number: str, progress: float) -> str:
    """`number` (as figure_text wrote it) part-way through counting up from zero.

    Keeps the final figure's decimals, so 351.6 counts 0.0, 12.3 … and never shows 12.345.
    """
    if progress >= 1.0:
        return number
    try:
        final = float(number)
    except ValueError:
        return number
    decimals = len(number.partition(".")[2])
    return f"{final * max(0.0, progress):.{decimals}f}"


def _colour(hex_colour: str, alpha: float = 1.0) -> QColor:
    colour = QColor(hex_colour)
    colour.setAlphaF(alpha)
    return colour


def surface(frame: Canvas, rect: QRectF, fill: str | None = None, strip: str | None = None) -> None:
    """A card: soft shadow, rounded surface, optional coloured strip on top."""
    painter = frame.painter
    radius = frame.theme.radius
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    for spread, alpha in ((10, 0.03), (5, 0.05), (2, 0.06)):
        painter.setBrush(_colour("#0F2239", alpha))
        painter.drawRoundedRect(
            rect.adjusted(-spread / 2, -spread / 4, spread / 2, spread),
            radius + spread / 2,
            radius + spread / 2,
        )
    painter.setBrush(QColor(fill or frame.theme.colors.surface))
    painter.drawRoundedRect(rect, radius, radius)
    if strip:
        path = QPainterPath()
        path.addRoundedRect(rect, radius, radius)
        painter.setClipPath(path)
        painter.fillRect(QRectF(rect.left(), rect.top(), rect.width(), 10), QColor(strip))
    painter.restore()


def _affordance(frame: Canvas, rect: QRectF, r: float = 18, middle: bool = False) -> None:
    """The quiet sign that a region opens a panel: a small ring with a chevron."""
    painter = frame.painter
    y = rect.center().y() if middle else rect.top() + r + 18
    centre = QPointF(rect.right() - r - 14, y)
    painter.save()
    painter.setPen(QPen(_colour(frame.accent, 0.9), 3))
    painter.setBrush(_colour(frame.accent, 0.08))
    painter.drawEllipse(centre, r, r)
    chevron = [
        QPointF(centre.x() - r * 0.2, centre.y() - r * 0.4),
        QPointF(centre.x() + r * 0.25, centre.y()),
        QPointF(centre.x() - r * 0.2, centre.y() + r * 0.4),
    ]
    painter.drawPolyline(chevron)
    painter.restore()


def hotspot(frame: Canvas, rect: QRectF, panel: str | None, kind: str, label: str) -> None:
    """Mark `rect` as opening `panel` (nothing without one): its affordance and hotspot."""
    if not panel:
        return
    _affordance(frame, rect, middle=kind in ("row", "bullet"))
    frame.out.hotspots.append(
        Hotspot(rect.x(), rect.y(), rect.width(), rect.height(), panel, kind, label)
    )


def _grid(
    area: QRectF, count: int, cols: int, gap: float, max_h: float | None = None
) -> list[QRectF]:
    """Cells for `count` items in `cols` columns; short last rows and short grids centred."""
    rows = math.ceil(count / cols)
    w = (area.width() - gap * (cols - 1)) / cols
    h = (area.height() - gap * (rows - 1)) / rows
    if max_h is not None and h > max_h:
        h = max_h
    top = area.top() + (area.height() - (rows * h + (rows - 1) * gap)) / 2
    rects = []
    for i in range(count):
        r, c = divmod(i, cols)
        in_row = min(cols, count - r * cols)
        offset = (area.width() - (in_row * w + (in_row - 1) * gap)) / 2
        rects.append(QRectF(area.left() + offset + c * (w + gap), top + r * (h + gap), w, h))
    return rects


# ----------------------------------------------------------------------------- layouts


def _title(frame: Frame) -> None:
    slide: TitleSlide = frame.slide  # type: ignore[assignment]
    theme, painter, area = frame.theme, frame.painter, frame.area
    deep = QColor(theme.colors.ink)
    gradient = QLinearGradient(0, 0, area.width(), area.height())
    gradient.setColorAt(0, deep)
    gradient.setColorAt(1, QColor(theme.colors.accent))
    painter.fillRect(area, gradient)
    if slide.image:
        picture = frame.ctx.load_image(slide.image)
        if not picture.isNull():
            painter.setOpacity(0.35)
            painter.drawImage(_cover(area, picture.width(), picture.height()), picture)
            painter.setOpacity(1.0)
    # Sea and coast: arcs that echo the bay, drawn, not photographed.
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    for i, alpha in enumerate((0.10, 0.07, 0.05)):
        painter.setBrush(_colour("#FFFFFF", alpha))
        radius = area.height() * (0.55 + 0.22 * i)
        painter.drawEllipse(
            QPointF(area.right() - area.width() * 0.08, area.bottom() + area.height() * 0.05),
            radius,
            radius,
        )
    painter.restore()
    margin = theme.margin * (0.8 if frame.ctx.portrait else 1.3)
    width = area.width() - 2 * margin
    top = area.height() * (0.30 if frame.ctx.portrait else 0.28)
    painter.fillRect(
        QRectF(margin, top - 36, 120, 10),
        QColor(theme.sections.get("quality", theme.colors.accent)),
    )
    display = theme.type.display * (0.8 if frame.ctx.portrait else 1.0)
    top += (
        frame.put(
            frame.text(slide.title),
            QRectF(margin, top, width * 0.9, display * 3.6),
            display,
            "#FFFFFF",
            bold=True,
        )
        + 28
    )
    if slide.subtitle:
        top += (
            frame.put(
                frame.text(slide.subtitle),
                QRectF(margin, top, width * 0.85, theme.type.subtitle * 4),
                theme.type.subtitle * 1.15,
                "#FFFFFF",
            )
            + 20
        )
    if slide.caption:
        frame.put(
            frame.text(slide.caption),
            QRectF(margin, area.height() - margin - 40, width, 40),
            theme.type.caption * 1.2,
            "#FFFFFF",
        )


def _cover(area: QRectF, w: int, h: int) -> QRectF:
    scale = max(area.width() / w, area.height() / h)
    return QRectF(
        area.center().x() - w * scale / 2, area.center().y() - h * scale / 2, w * scale, h * scale
    )


def _section(frame: Frame) -> None:
    slide: SectionSlide = frame.slide  # type: ignore[assignment]
    theme, painter, area = frame.theme, frame.painter, frame.area
    gradient = QLinearGradient(0, 0, area.width(), area.height())
    gradient.setColorAt(0, QColor(frame.accent).darker(125))
    gradient.setColorAt(1, QColor(frame.accent))
    painter.fillRect(area, gradient)
    order = ["high", "new", "quality"]
    number = f"{order.index(slide.section) + 1:02d}" if slide.section in order else ""
    margin = theme.margin * (0.8 if frame.ctx.portrait else 1.3)

    if number:
        big = QRectF(
            area.width() * 0.4,
            area.height() * 0.06,
            area.width() * 0.6 - margin * 0.5,
            area.height() * 0.6,
        )
        fitted = tx.fit(
            number,
            big,
            theme.font,
            area.height() * (0.3 if frame.ctx.portrait else 0.5),
            40,
            True,
            wrap=False,
        )
        tx.draw(painter, number, big, fitted, _colour("#FFFFFF", 0.12), RIGHT_TOP, wrap=False)
    top = area.height() * 0.38
    width = area.width() - 2 * margin
    display = theme.type.display * (0.85 if frame.ctx.portrait else 1.1)
    top += (
        frame.put(
            frame.text(slide.title),
            QRectF(margin, top, width * 0.8, display * 2.6),
            display,
            "#FFFFFF",
            bold=True,
        )
        + 24
    )
    if slide.subtitle:
        top += (
            frame.put(
                frame.text(slide.subtitle),
                QRectF(margin, top, width * 0.75, theme.type.subtitle * 3),
                theme.type.subtitle * 1.1,
                "#FFFFFF",
            )
            + 16
        )
    if slide.body:
        frame.put(
            frame.text(slide.body),
            QRectF(margin, top, width * 0.7, area.height() - top - margin),
            theme.type.body,
            "#FFFFFF",
        )


def _bullets(frame: Frame) -> None:
    slide: BulletsSlide = frame.slide  # type: ignore[assignment]
    theme, area = frame.theme, frame.area
    n = len(slide.items)
    gap = 18
    row_h = min((area.height() - gap * (n - 1)) / n, theme.type.body * 4.2)
    top = area.top()
    for item in slide.items:
        text_value = item.text if isinstance(item, Bullet) else item
        drill = item.drill if isinstance(item, Bullet) else None
        icon = item.icon if isinstance(item, Bullet) else None
        rect = QRectF(area.left(), top, area.width(), row_h)
        if drill:
            surface(frame, rect)
        marker = QRectF(rect.left() + 24, rect.top() + (row_h - 44) / 2, 44, 44)
        picture = icon_image(icon, frame.accent, round(44 * frame.scale)) if icon else None
        if picture is not None:
            picture.setDevicePixelRatio(frame.scale)
            frame.painter.drawImage(marker.topLeft(), picture)
        else:
            frame.painter.save()
            frame.painter.setPen(Qt.PenStyle.NoPen)
            frame.painter.setBrush(QColor(frame.accent))
            frame.painter.drawRoundedRect(
                QRectF(marker.left() + 12, marker.center().y() - 10, 20, 20), 6, 6
            )
            frame.painter.restore()
        words = frame.text(text_value)
        text_rect = QRectF(
            marker.right() + 24,
            rect.top() + 8,
            rect.width() - 44 - 24 - 24 - (80 if drill else 24),
            row_h - 16,
        )
        fitted = tx.fit(words, text_rect, theme.font, theme.type.body, theme.type.floor)
        if fitted.overflow:
            frame.out.overflows.append(words[:40])
        tx.draw(frame.painter, words, text_rect, fitted, theme.colors.ink, MIDDLE_LEFT)
        hotspot(frame, rect, drill, "bullet", words)
        top += row_h + gap


def _kpis(frame: Frame) -> None:
    slide: KpisSlide = frame.slide  # type: ignore[assignment]
    n = len(slide.items)
    cols = (1 if n <= 3 else 2) if frame.ctx.portrait else (n if n <= 4 else math.ceil(n / 2))
    rects = _grid(frame.area, n, cols, 32, max_h=frame.theme.type.kpi * 3.4)
    # One size for the row's numbers, the largest that fits every tile: a row of figures
    # in four sizes reads as four different kinds of thing.
    size = min(
        _figure_size(frame, rect, figure_text(item.value, item.decimals), item.prefix, item.unit)[0]
        for item, rect in zip(slide.items, rects, strict=True)
    )
    for item, rect in zip(slide.items, rects, strict=True):
        _figure_tile(
            frame,
            rect,
            item.value,
            item.decimals,
            item.prefix,
            item.unit,
            item.label,
            item.note,
            item.drill,
            size,
        )


_TILE_PAD = 36


def _figure_size(frame: Frame, rect: QRectF, number: str, prefix, unit) -> tuple[float, bool]:  # noqa: ANN001
    """The number's type size in a tile: prefix + number + unit on one line; and if it fits."""
    theme = frame.theme
    inner = rect.adjusted(_TILE_PAD, _TILE_PAD + 10, -_TILE_PAD, -_TILE_PAD)
    pre, post = frame.text(prefix), frame.text(unit)
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


def _figure_tile(
    frame: Frame, rect: QRectF, value, decimals, prefix, unit, label, note, drill, size=None
) -> None:  # noqa: ANN001, PLR0913
    theme, painter = frame.theme, frame.painter
    surface(frame, rect, strip=frame.accent)
    inner = rect.adjusted(_TILE_PAD, _TILE_PAD + 10, -_TILE_PAD, -_TILE_PAD)
    number = figure_text(value, decimals)
    shown = counted(number, frame.count)
    pre, post = frame.text(prefix), frame.text(unit)
    own, fits = _figure_size(frame, rect, number, prefix, unit)
    if size is None or size > own:
        size = own
    if not fits:
        frame.out.overflows.append(f"{pre}{number}{post}")
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
    hotspot(frame, rect, drill, "kpi", f"{pre}{number}{post} {frame.text(label)}")


def paint_figure_line(
    painter: QPainter,
    theme,  # noqa: ANN001 - the deck's Theme
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


def _chart(frame: Frame) -> None:
    slide: ChartSlide = frame.slide  # type: ignore[assignment]
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


def chart_titles(frame: Canvas, chart, box: QRectF, title_h: float) -> QRectF:  # noqa: ANN001
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


def paint_chart(frame: Canvas, chart, rect: QRectF, key: str) -> None:  # noqa: ANN001
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
            frame.out.hotspots.append(
                Hotspot(
                    rect.left() + hit.x / s,
                    rect.top() + hit.y / s,
                    hit.w / s,
                    hit.h / s,
                    hit.drill,
                    "chart",
                    f"{hit.category} {hit.value}",
                )
            )


def _cards(frame: Frame) -> None:
    slide: CardsSlide = frame.slide  # type: ignore[assignment]
    theme = frame.theme
    n = len(slide.items)
    cols = 1 if frame.ctx.portrait else (n if n <= 4 else math.ceil(n / 2))
    rects = _grid(frame.area, n, cols, 32, max_h=frame.theme.type.label * 16)
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
            number = figure_text(card.value)
            words = f"{frame.text(card.prefix)}{number}"
            big = min(theme.type.kpi * 0.6, 72)
            h = frame.put(
                words,
                QRectF(inner.left(), top, inner.width(), big * 1.4),
                big,
                frame.accent,
                bold=True,
                floor=theme.type.label,
            )
            unit = frame.text(card.unit)
            if unit:
                width = QFontMetricsF(tx.make_font(theme.font, big, True)).horizontalAdvance(words)
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


def _timeline(frame: Frame) -> None:
    slide: TimelineSlide = frame.slide  # type: ignore[assignment]
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


def _image(frame: Frame) -> None:
    slide: ImageSlide = frame.slide  # type: ignore[assignment]
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
        scale = min(box.width() / picture.width(), box.height() / picture.height())
        w, h = picture.width() * scale, picture.height() * scale
        target = QRectF(box.center().x() - w / 2, box.top() + (box.height() - h) / 2, w, h)
        path = QPainterPath()
        path.addRoundedRect(target, theme.radius, theme.radius)
        painter.save()
        painter.setClipPath(path)
        painter.drawImage(target, picture)
        painter.restore()
        box = target
    if slide.caption:
        frame.put(
            frame.text(slide.caption),
            QRectF(area.left(), area.bottom() - caption_h, area.width(), caption_h),
            theme.type.caption,
            theme.colors.muted,
            align=CENTRE,
        )


def _quote(frame: Frame) -> None:
    slide: QuoteSlide = frame.slide  # type: ignore[assignment]
    theme, area = frame.theme, frame.area
    n = len(slide.items)
    cols = 1 if frame.ctx.portrait or n == 1 else n
    rects = _grid(area, n, cols, 40, max_h=area.height() if n > 1 else area.height() * 0.8)
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


def _table(frame: Frame) -> None:
    slide: TableSlide = frame.slide  # type: ignore[assignment]
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
                QRectF(area.left(), top, area.width(), row_h), _colour(theme.colors.background, 0.9)
            )
        x = area.left()
        for c, value in enumerate(cells):
            number = isinstance(value, (int, float)) and not isinstance(value, bool)
            words = figure_text(value) if number else frame.text(value)
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
