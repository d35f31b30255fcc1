"""A panel's content laid out on its sheet: title, body, figures, chart, picture, sources.

Side by side on 16:9, stacked on 9:16. Imports QtGui, the deck model, `deck.figures`,
`nanyi_desk.layout` (rows of tiles), `frame`, `sheet`, `rich_text`, `panel_tiles`,
`slide_parts` and `slide_chart`.
"""

from __future__ import annotations

import html
import math
from typing import Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPen

from nanyi_desk.deck.figures import item_words
from nanyi_desk.deck.model import Chart
from nanyi_desk.layout.grids import rows_fit, tile_rows

from .frame import paint_contained, plain, qrect
from .panel_tiles import paint_tile, plan_tiles, tile_height
from .rich_text import body_blocks, body_html, natural_height
from .sheet import Sheet
from .slide_chart import chart_titles, paint_chart
from .slide_parts import surface


def paint_content(sheet: Sheet) -> None:
    """Paint the panel's title, subtitle, sources and content below the controls."""
    frame, panel, rect = sheet.frame, sheet.panel, sheet.rect
    theme = frame.theme
    pad = sheet.pad
    inner = rect.adjusted(pad, 0, -pad, -pad * (0.75 if sheet.portrait else 0.8))
    top = rect.top() + (44 if sheet.portrait else 40)
    # With nothing above it the title rises to the close control's line, clear of it.
    top += 56 + 20 if sheet.crumbs else 0
    title_px = theme.type.title * (0.78 if sheet.portrait else 0.85)
    title_w = inner.width() - (40 if sheet.crumbs else 110)
    top += frame.put(
        frame.text(panel.title),
        QRectF(inner.left(), top, title_w, title_px * 2.7),
        title_px,
        theme.colors.ink,
        bold=True,
    )
    if panel.subtitle:
        top += 10
        px = theme.type.subtitle * 0.85
        top += frame.put(
            frame.text(panel.subtitle),
            QRectF(inner.left(), top, title_w, px * 2.8),
            px,
            theme.colors.muted,
        )
    top += 40 if sheet.portrait else 44

    bottom = inner.bottom()
    sources = _sources_html(sheet)
    if sources is not None:
        cap = inner.height() * (0.26 if sheet.portrait else 0.25)
        need = natural_height(sources, theme.font, inner.width(), theme.type.caption)
        h = min(need, cap)
        box = QRectF(inner.left(), bottom - h, inner.width(), h)
        frame.painter.fillRect(
            QRectF(inner.left(), box.top() - 22, inner.width(), 1.5), QColor(theme.colors.grid)
        )
        sheet.rich(sources, box, theme.type.caption, "sources")
        bottom = box.top() - 22 - 30
    area = QRectF(inner.left(), top, inner.width(), max(0.0, bottom - top))
    if sheet.portrait:
        _stacked(sheet, area)
    else:
        _side_by_side(sheet, area)


def _blocks(sheet: Sheet) -> list[tuple[str, list[str]]]:
    return body_blocks(sheet.frame.text(sheet.panel.body)) if sheet.panel.body else []


def _body_maker(sheet: Sheet) -> Any:
    blocks = _blocks(sheet)
    ink, accent = sheet.frame.theme.colors.ink, sheet.frame.accent
    return lambda px: body_html(blocks, px, ink, accent)


def _side_by_side(sheet: Sheet, area: QRectF) -> None:
    panel, theme = sheet.panel, sheet.frame.theme
    n = len(panel.items)
    has_body = bool(panel.body)
    visual = panel.chart is not None or bool(panel.image)
    gap = 64.0
    if visual:
        if n >= 3:
            # Three or more figures make a row of their own under text and chart.
            cols = min(n, 4)
            rows = math.ceil(n / cols)
            tile_h = min(tile_height(sheet, area.width(), cols), area.height() * 0.34 / rows)
            # The chart keeps a readable height; the tiles give way down to a finger's size.
            tile_h = max(100.0, min(tile_h, (area.height() - 48 - 340 - (rows - 1) * 28) / rows))
            items_h = rows * tile_h + (rows - 1) * 28
            _items(
                sheet,
                QRectF(area.left(), area.bottom() - items_h, area.width(), items_h),
                cols,
                tile_h,
            )
            area = QRectF(area.left(), area.top(), area.width(), area.height() - items_h - 48)
            n = 0
        words = has_body or n
        left_w = area.width() * 0.40 if words else 0.0
        left = QRectF(area.left(), area.top(), left_w, area.height())
        right = QRectF(
            area.left() + left_w + (gap if words else 0),
            area.top(),
            area.width() - left_w - (gap if words else 0),
            area.height(),
        )
        if words:
            _text_then_items(sheet, left, cols=min(n, 2), items=n > 0)
        _visuals(sheet, right)
        return
    if has_body and n:
        left_w = area.width() * 0.42
        _body(sheet, QRectF(area.left(), area.top(), left_w, area.height()))
        cols = 1 if n == 1 else 2
        right = QRectF(
            area.left() + left_w + gap, area.top(), area.width() - left_w - gap, area.height()
        )
        _items(
            sheet,
            right,
            cols,
            tile_h=min(tile_height(sheet, right.width(), cols), rows_fit(right.height(), n, cols)),
        )
    elif has_body:
        measure = min(area.width(), theme.type.body * 34)
        _body(sheet, QRectF(area.left(), area.top(), measure, area.height()))
    elif n:
        cols = min(n, 4)
        _items(
            sheet,
            area,
            cols,
            tile_h=min(tile_height(sheet, area.width(), cols), rows_fit(area.height(), n, cols)),
        )


def _stacked(sheet: Sheet, area: QRectF) -> None:
    panel, theme = sheet.panel, sheet.frame.theme
    n = len(panel.items)
    cols = {1: 1, 3: 3}.get(n, 2)
    visuals = (panel.chart is not None) + bool(panel.image)
    gap = 40.0
    tile_h = tile_height(sheet, area.width(), cols) if n else 0.0
    rows = math.ceil(n / cols) if n else 0
    items_h = rows * tile_h + max(0, rows - 1) * 28
    visual_min = 380.0 * visuals
    top = area.top()
    if panel.body:
        maker = _body_maker(sheet)
        need = natural_height(maker, theme.font, area.width(), theme.type.body)
        room = area.height() - items_h - visual_min - gap * ((n > 0) + (visuals > 0))
        h = min(need, max(room, min(need, 160.0)))
        top += _body(sheet, QRectF(area.left(), top, area.width(), h)) + gap
    if n:
        room = area.bottom() - top - (visual_min + gap if visuals else 0)
        if items_h > room:
            tile_h = max(120.0, (room - (rows - 1) * 28) / rows)
            items_h = rows * tile_h + (rows - 1) * 28
        _items(sheet, QRectF(area.left(), top, area.width(), items_h), cols, tile_h)
        top += items_h + gap
    if visuals:
        _visuals(sheet, QRectF(area.left(), top, area.width(), area.bottom() - top))


def _text_then_items(sheet: Sheet, area: QRectF, cols: int, items: bool = True) -> None:
    n = len(sheet.panel.items) if items else 0
    rows = math.ceil(n / cols) if n else 0
    gap = 28.0
    tile_h = tile_height(sheet, area.width(), cols) if n else 0.0
    items_h = rows * tile_h + max(0, rows - 1) * gap
    top = area.top()
    if sheet.panel.body:
        room = area.height() - (items_h + 40 if n else 0)
        # Words come first: the tiles give up height before the body goes below 40%.
        room = max(room, area.height() * 0.4) if n else area.height()
        top += _body(sheet, QRectF(area.left(), top, area.width(), room)) + 40
    if n:
        tile_h = min(tile_h, (area.bottom() - top - gap * (rows - 1)) / rows)
        items_h = rows * tile_h + (rows - 1) * gap
        if tile_h < 100:
            sheet.out.overflows.append(f"{n} figures of {sheet.panel_id}")
        _items(sheet, QRectF(area.left(), top, area.width(), items_h), cols, max(tile_h, 100))


def _body(sheet: Sheet, rect: QRectF) -> float:
    """Paint the body in `rect`; return the height it took."""
    if not sheet.panel.body or rect.height() <= 0:
        return 0.0
    return sheet.rich(
        _body_maker(sheet), rect, sheet.frame.theme.type.body, sheet.frame.text(sheet.panel.body)
    )


def _items(sheet: Sheet, area: QRectF, cols: int, tile_h: float) -> None:
    items = sheet.panel.items
    cells = tile_rows(plain(area), len(items), cols, tile_h)
    plan = plan_tiles(sheet, cells[0].w, tile_h)
    for item, cell in zip(items, cells, strict=True):
        paint_tile(sheet, qrect(cell), item, plan)


def _visuals(sheet: Sheet, area: QRectF) -> None:
    panel = sheet.panel
    if panel.image and panel.chart is not None:
        split = area.height() * 0.45
        _image(sheet, QRectF(area.left(), area.top(), area.width(), split))
        _chart(
            sheet,
            panel.chart,
            QRectF(area.left(), area.top() + split + 32, area.width(), area.height() - split - 32),
        )
    elif panel.image:
        _image(sheet, area)
    elif panel.chart is not None:
        _chart(sheet, panel.chart, area)


def _chart(sheet: Sheet, chart: Chart, area: QRectF) -> None:
    frame, theme = sheet.frame, sheet.frame.theme
    box = QRectF(area)
    surface(frame, box)
    box = box.adjusted(28, 24, -28, -20)
    box = chart_titles(frame, chart, box, theme.type.label * 2.6)
    if box.width() < 160 or box.height() < 120:
        # Too small to read, and matplotlib's layout collapses: say so instead of drawing.
        sheet.out.overflows.append(f"chart {frame.text(chart.title)}"[:40])
        return
    paint_chart(frame, chart, box, f"panel-{sheet.panel_id}")
    size = (max(1, round(box.width())), max(1, round(box.height())))
    sheet.out.chart_rect = QRectF(box.left(), box.top(), size[0], size[1])


def _image(sheet: Sheet, box: QRectF) -> None:
    frame, theme, painter = sheet.frame, sheet.frame.theme, sheet.frame.painter
    name = sheet.panel.image or ""
    try:
        picture = frame.ctx.load_image(name)
    except Exception:  # noqa: BLE001 - an unreadable picture is shown as missing, not fatal
        picture = QImage()
    if picture.isNull() or picture.width() <= 0 or picture.height() <= 0:
        painter.save()
        painter.setPen(QPen(QColor(theme.colors.muted), 2, Qt.PenStyle.DashLine))
        painter.setBrush(QColor(theme.colors.grid))
        painter.drawRoundedRect(box, theme.radius, theme.radius)
        painter.restore()
        words = f"图片无法显示\n{name}" if sheet.zh else f"Picture unavailable\n{name}"
        frame.put(
            words,
            box.adjusted(32, 32, -32, -32),
            theme.type.label,
            theme.colors.muted,
            align=Qt.AlignmentFlag.AlignCenter,
        )
        return
    paint_contained(painter, picture, box, theme.radius)


def _sources_html(sheet: Sheet) -> Any:
    """The sources of the panel's figures and their quoted sentences, or None if there are none."""
    frame, panel = sheet.frame, sheet.panel
    deck = frame.ctx.deck
    order: list[str] = []
    quotes: dict[str, list[str]] = {}

    def add(owner: Any, figure: str) -> None:
        if owner.source and owner.source not in order:
            order.append(owner.source)
        if owner.quote is None:
            return
        sentences = owner.quote if isinstance(owner.quote, tuple) else (owner.quote,)
        for sentence in sentences:
            # Quotes stay in the language they were written in: they are the source, verbatim.
            words = frame.ctx.text(sentence, frame.lang).strip()
            figures = quotes.setdefault(words, [])
            if figure and figure not in figures:
                figures.append(figure)

    add(panel, "")
    for item in panel.items:
        add(item, item_words(item, frame.lang, frame.ctx.fallbacks(frame.lang)).text)
    if panel.chart is not None:
        add(panel.chart, frame.text(panel.chart.title))
    if not order and not quotes:
        return None

    theme, accent = frame.theme, frame.accent
    label = "来源" if sheet.zh else "Source" + ("s" if len(order) > 1 else "")
    lines = []
    for source_id in order:
        source = deck.sources.get(source_id)
        if source is None:
            parts = [source_id]
        else:
            parts = [f"<b>{html.escape(frame.text(source.title))}</b>"]
            if source.publisher:
                parts.append(html.escape(frame.text(source.publisher)))
            if source.date:
                parts.append(source.date.isoformat())
            if source.as_of:
                parts.append(html.escape(frame.text(source.as_of)))
        lines.append(" · ".join(parts))

    def make(px: float) -> str:
        gap = round(px * 0.35)
        head = (
            f'<p style="margin-bottom:{gap}px; color:{theme.colors.muted}">'
            f'<b style="color:{accent}">{label}</b>&nbsp;&nbsp;&nbsp;{"<br>".join(lines)}</p>'
        )
        # The sentences run on in one paragraph: a list of short quotes would eat the sheet.
        said = "&nbsp;&nbsp;&nbsp; ".join(
            (
                f'<b style="color:{theme.colors.ink}">{html.escape(" · ".join(figures))}</b>&nbsp;'
                if figures
                else ""
            )
            + f"“{html.escape(words)}”"
            for words, figures in quotes.items()
        )
        said = f'<p style="color:{theme.colors.muted}">{said}</p>' if said else ""
        return head + said

    return make
