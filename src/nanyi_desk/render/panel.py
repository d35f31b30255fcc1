"""Paint one drill-down panel: a sheet over the slide that opened it, for every surface.

The player lays it over the live slide, the exporter over a dimmed copy of that slide; both
call `paint_panel` with a painter in canvas coordinates, as `paint_slide` does. The key
figures and the chart are the slides' own painters from `layouts`, so a figure looks the
same wherever it is shown. QtGui only: charts come through `ctx.charts`.
"""

from __future__ import annotations

import html
import math
import re
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QTextDocument,
)

from nanyi_desk.deck.model import Chart, Deck, Kpi, Model, Panel
from nanyi_desk.layout.geometry import Letterbox, letterbox

from . import text as tx
from .context import DeckContext
from .frame import Canvas, Painted, blank_image
from .layouts import (
    chart_titles,
    figure_text,
    hotspot,
    paint_chart,
    paint_figure_line,
    surface,
)
from .painter import paint_slide

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


# ----------------------------------------------------------------------------- where panels sit


def panel_rect(ctx: DeckContext) -> QRectF:
    """Where the panel's sheet lies on the slide's canvas.

    16:9: a large centred sheet that leaves a rim of the slide visible, so the viewer knows
    where they came from. 9:16: a sheet rising from the bottom, the slide's head above it,
    within reach of a thumb on a portrait kiosk.
    """
    width, height = ctx.size
    if ctx.portrait:
        h = round(height * 0.8)
        return QRectF(0, height - h, width, h)
    w, h = 1640.0, 980.0
    return QRectF((width - w) / 2, (height - h) / 2, w, h)


def drills_of(value: Any) -> Iterator[str]:
    """Every panel id a slide or panel opens, in the order it shows them."""
    if isinstance(value, Model):
        drill = getattr(value, "drill", None)
        if isinstance(drill, str):
            yield drill
        elif isinstance(drill, tuple):
            yield from (d for d in drill if d)
        for name in type(value).model_fields:
            if name != "drill":
                yield from drills_of(getattr(value, name))
    elif isinstance(value, tuple):
        for item in value:
            yield from drills_of(item)


def panel_path(deck: Deck, panel_id: str) -> tuple[int | None, tuple[str, ...]]:
    """The first slide that leads to a panel, and the panels opened on the way there.

    Returns (slide index or None when no slide leads there, panel ids outermost first,
    ending with `panel_id`): the trail the player would show when the panel is reached the
    shortest way from the earliest slide.
    """
    queue: deque[tuple[int, tuple[str, ...]]] = deque()
    for index, slide in enumerate(deck.slides):
        for target in drills_of(slide):
            queue.append((index, (target,)))
    seen: set[str] = set()
    # Breadth first so that the shortest path wins; ties go to the earliest slide.
    while queue:
        index, path = queue.popleft()
        here = path[-1]
        if here == panel_id:
            return index, path
        if here in seen or here not in deck.panels:
            continue
        seen.add(here)
        for target in drills_of(deck.panels[here]):
            queue.append((index, (*path, target)))
    return None, (panel_id,)


# ----------------------------------------------------------------------------- rich text


_BOLD = re.compile(r"\*\*(.+?)\*\*")


def _inline(text: str, strong: str | None = None) -> str:
    """Escaped text with **bold** runs as <b>."""
    colour = f' style="color:{strong}"' if strong else ""
    return _BOLD.sub(rf"<b{colour}>\1</b>", html.escape(text, quote=False))


def body_blocks(text: str) -> list[tuple[str, list[str]]]:
    """A panel body as blocks: ("p", [paragraph]) or ("ul", [item, ...]).

    Blank lines separate paragraphs; lines starting '- ' are list items, and consecutive
    ones form one list; other lines inside a paragraph stay lines of it.
    """
    blocks: list[tuple[str, list[str]]] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        start = len(blocks)
        for raw in chunk.splitlines():
            line = raw.strip()
            if not line:
                continue
            kind = "ul" if line.startswith("- ") else "p"
            words = line[2:].strip() if kind == "ul" else line
            if len(blocks) > start and blocks[-1][0] == kind:
                blocks[-1][1].append(words)
            else:
                blocks.append((kind, [words]))
    return blocks


def _body_html(blocks: list[tuple[str, list[str]]], px: float, ink: str, accent: str) -> str:
    gap = round(px * 0.75)
    parts = []
    for kind, lines in blocks:
        if kind == "p":
            inner = "<br>".join(_inline(x) for x in lines)
            parts.append(f'<p style="margin-bottom:{gap}px; color:{ink}">{inner}</p>')
        else:
            # A drawn bullet in the accent, hanging: the list reads as a designed column.
            indent = round(px * 1.2)
            for i, line in enumerate(lines):
                bottom = gap if i == len(lines) - 1 else round(px * 0.3)
                parts.append(
                    f'<p style="margin-left:{indent}px; text-indent:-{indent}px; '
                    f'margin-bottom:{bottom}px; color:{ink}">'
                    f'<span style="color:{accent}; font-size:{round(px * 0.6)}px">●</span>'
                    f"&nbsp;&nbsp;{_inline(line)}</p>"
                )
    return "".join(parts)


@dataclass
class _Rich:
    """Rich text set at the largest size that fits its box, down to the floor."""

    doc: QTextDocument
    height: float
    overflow: bool


def _document(markup: str, family: str, px: float, width: float) -> QTextDocument:
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setDefaultFont(tx.make_font(family, px))
    doc.setHtml(markup)
    doc.setTextWidth(max(1.0, width))
    return doc


def fit_rich(
    make_html: Any, family: str, width: float, height: float, px: float, floor: float
) -> _Rich:
    """Shrink from `px` to `floor` until `make_html(size)` fits width×height."""
    size = px
    while True:
        doc = _document(make_html(size), family, size, width)
        h = doc.size().height()
        fits = h <= height + 0.5
        if fits or size <= floor:
            return _Rich(doc, h, not fits)
        size = max(floor, size * 0.92)


def natural_height(make_html: Any, family: str, width: float, px: float) -> float:
    """The height rich text takes at `px` in `width`."""
    return _document(make_html(px), family, px, width).size().height()


def _draw_rich(painter: QPainter, rich: _Rich, rect: QRectF) -> None:
    painter.save()
    painter.translate(rect.topLeft())
    rich.doc.drawContents(painter, QRectF(0, 0, rect.width(), rect.height()))
    painter.restore()


# ----------------------------------------------------------------------------- the sheet


@dataclass
class _Sheet:
    """One panel being painted: the frame the slide painters expect, plus the panel."""

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
        return self.frame.ctx.portrait

    @property
    def zh(self) -> bool:
        return self.frame.lang.startswith("zh")

    def rich(self, make_html: Any, rect: QRectF, px: float, label: str) -> float:
        theme = self.frame.theme
        fitted = fit_rich(make_html, theme.font, rect.width(), rect.height(), px, theme.type.floor)
        if fitted.overflow:
            self.out.overflows.append(label[:40])
        _draw_rich(self.frame.painter, fitted, rect)
        return min(fitted.height, rect.height())


def paint_panel(
    painter: QPainter,
    ctx: DeckContext,
    panel_id: str,
    lang: str,
    rect: QRectF,
    scale: float = 1.0,
    trail: Sequence[str] = (),
) -> PaintedPanel:
    """Paint panel `panel_id` as a sheet filling `rect`; the painter is in canvas coordinates.

    Args:
        painter: Active painter, already scaled to the slide's canvas.
        ctx: The deck.
        panel_id: Which panel.
        lang: Language of the text (quotes stay in the language they were written in).
        rect: Where the sheet lies, usually `panel_rect(ctx)`.
        scale: Device pixels per canvas pixel (for the chart's resolution).
        trail: The ids of the open panels, outermost first, ending with this one; shown as a
            breadcrumb, with a back control when there is more than one.

    Returns:
        Hotspots of figures and bars that open further panels, the sheet's controls, where
        the chart lies, texts that overflowed, and the error if the panel could not be drawn
        (a placeholder sheet is drawn then, still with its close control). Never raises.
    """
    out = PaintedPanel(sheet=QRectF(rect))
    trail = tuple(trail) or (panel_id,)
    painter.save()
    try:
        painter.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.TextAntialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
        )
        panel = ctx.deck.panels.get(panel_id)
        accent = _accent(ctx, panel_id)
        frame = Canvas(
            painter=painter,
            ctx=ctx,
            lang=lang,
            accent=accent,
            scale=scale,
            out=out,
            key=f"panel-{panel_id}",
        )
        _paint_sheet(frame, rect)
        if panel is None:
            raise KeyError(f"the deck has no panel '{panel_id}'")
        sheet = _Sheet(frame, panel, panel_id, rect, trail, out)
        _paint_controls(sheet)
        _paint_content(sheet)
    except Exception as exc:  # noqa: BLE001 - a broken panel must not stop the show
        out.error = f"{type(exc).__name__}: {exc}"
        out.hotspots.clear()
        out.chart_rect = None
        painter.restore()
        painter.save()
        _paint_broken(painter, ctx, lang, rect, trail, out)
    finally:
        painter.restore()
    return out


def _accent(ctx: DeckContext, panel_id: str) -> str:
    # A panel wears the colour of the section it was opened from.
    index, _ = panel_path(ctx.deck, panel_id)
    section = ctx.deck.slides[index].section if index is not None else None
    return ctx.theme.section_colour(section)


def _sheet_path(ctx: DeckContext, rect: QRectF) -> QPainterPath:
    radius = ctx.theme.radius * 1.6
    path = QPainterPath()
    if ctx.portrait:
        # Rounded on top only: the sheet rises from the bottom edge of the screen.
        path.addRoundedRect(rect.adjusted(0, 0, 0, radius * 2), radius, radius)
        edge = QPainterPath()
        edge.addRect(rect)
        return path.intersected(edge)
    path.addRoundedRect(rect, radius, radius)
    return path


def _paint_sheet(frame: Canvas, rect: QRectF) -> None:
    painter, theme = frame.painter, frame.theme
    path = _sheet_path(frame.ctx, rect)
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    radius = theme.radius * 1.6
    for spread, alpha in ((40, 0.04), (22, 0.06), (8, 0.08)):
        shadow = QColor(theme.colors.ink)
        shadow.setAlphaF(alpha)
        painter.setBrush(shadow)
        painter.drawRoundedRect(
            rect.adjusted(-spread / 2, -spread / 4, spread / 2, spread),
            radius + spread / 2,
            radius + spread / 2,
        )
    painter.setBrush(QColor(theme.colors.background))
    painter.drawPath(path)
    painter.setClipPath(path)
    painter.fillRect(QRectF(rect.left(), rect.top(), rect.width(), 8), QColor(frame.accent))
    painter.restore()


def _round_pen(colour: str, width: float) -> QPen:
    pen = QPen(QColor(colour), width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def _pad(sheet: _Sheet) -> float:
    return 56.0 if sheet.portrait else 72.0


# ----------------------------------------------------------------------------- controls, header


def _paint_controls(sheet: _Sheet) -> None:
    frame, rect = sheet.frame, sheet.rect
    painter, theme = frame.painter, frame.theme
    pad = _pad(sheet)
    top = rect.top() + (44 if sheet.portrait else 40)
    if sheet.portrait:
        # A grab handle: the sign of a sheet that can be pushed away.
        handle = QRectF(rect.center().x() - 60, rect.top() + 18, 120, 8)
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(theme.colors.grid).darker(108))
        painter.drawRoundedRect(handle, 4, 4)
        painter.restore()

    centre = QPointF(rect.right() - pad + 4 - 28, top + 28)
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(theme.colors.surface))
    painter.drawEllipse(centre, 30, 30)
    painter.setPen(_round_pen(theme.colors.ink, 4))
    for dx, dy in ((1, 1), (1, -1)):
        painter.drawLine(
            QPointF(centre.x() - 10 * dx, centre.y() - 10 * dy),
            QPointF(centre.x() + 10 * dx, centre.y() + 10 * dy),
        )
    painter.restore()
    sheet.out.controls["close"] = QRectF(
        centre.x() - CONTROL / 2, centre.y() - CONTROL / 2, CONTROL, CONTROL
    )

    left = rect.left() + pad
    crumb_right = centre.x() - 30 - 32
    if len(sheet.trail) > 1:
        words = "返回" if sheet.zh else "Back"
        font = tx.make_font(theme.font, theme.type.label, True)
        w = QFontMetricsF(font).horizontalAdvance(words) + 76
        pill = QRectF(left, top, w, 56)
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(frame.accent))
        painter.drawRoundedRect(pill, 28, 28)
        painter.setPen(_round_pen(theme.colors.on_accent, 4))
        cx, cy = pill.left() + 30, pill.center().y()
        painter.drawPolyline(
            [QPointF(cx + 5, cy - 10), QPointF(cx - 5, cy), QPointF(cx + 5, cy + 10)]
        )
        painter.setFont(font)
        painter.drawText(
            QRectF(cx + 18, pill.top(), w - 48, pill.height()),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            words,
        )
        painter.restore()
        sheet.out.controls["back"] = QRectF(
            pill.left() - 8, pill.center().y() - CONTROL / 2, max(CONTROL, w + 16), CONTROL
        )
        _paint_trail(sheet, QRectF(pill.right() + 24, top, crumb_right - pill.right() - 24, 56))
        sheet.crumbs = True
    else:
        index, _ = panel_path(frame.ctx.deck, sheet.panel_id)
        section = frame.ctx.deck.slides[index].section if index is not None else None
        name = frame.ctx.section_title(section, frame.lang)
        if name:
            frame.put(
                name,
                QRectF(left, top + 8, crumb_right - left, 44),
                theme.type.caption,
                frame.accent,
                bold=True,
            )
            sheet.crumbs = True


def _paint_trail(sheet: _Sheet, box: QRectF) -> None:
    frame = sheet.frame
    theme, painter = frame.theme, frame.painter
    deck = frame.ctx.deck
    titles = [frame.text(deck.panels[p].title) if p in deck.panels else p for p in sheet.trail]
    font = tx.make_font(theme.font, theme.type.caption, False)
    bold = tx.make_font(theme.font, theme.type.caption, True)
    metrics, strong = QFontMetricsF(font), QFontMetricsF(bold)
    last = titles[-1]
    head = "  ›  ".join(titles[:-1]) + "  ›  "
    # The current panel is named in full below: the trail gives way from its far end.
    room = box.width() - strong.horizontalAdvance(last)
    if room < box.width() * 0.45:
        last = strong.elidedText(last, Qt.TextElideMode.ElideRight, box.width() * 0.55)
        room = box.width() - strong.horizontalAdvance(last)
    head = metrics.elidedText(head, Qt.TextElideMode.ElideLeft, max(0.0, room))
    baseline = box.center().y() + (metrics.ascent() - metrics.descent()) / 2
    painter.save()
    painter.setFont(font)
    painter.setPen(QColor(theme.colors.muted))
    painter.drawText(QPointF(box.left(), baseline), head)
    painter.setFont(bold)
    painter.setPen(QColor(frame.accent))
    painter.drawText(QPointF(box.left() + metrics.horizontalAdvance(head), baseline), last)
    painter.restore()


# ----------------------------------------------------------------------------- content


def _paint_content(sheet: _Sheet) -> None:
    frame, panel, rect = sheet.frame, sheet.panel, sheet.rect
    theme = frame.theme
    pad = _pad(sheet)
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


def _blocks(sheet: _Sheet) -> list[tuple[str, list[str]]]:
    return body_blocks(sheet.frame.text(sheet.panel.body)) if sheet.panel.body else []


def _body_maker(sheet: _Sheet) -> Any:
    blocks = _blocks(sheet)
    ink, accent = sheet.frame.theme.colors.ink, sheet.frame.accent
    return lambda px: _body_html(blocks, px, ink, accent)


def _side_by_side(sheet: _Sheet, area: QRectF) -> None:
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
            tile_h = min(_tile_height(sheet, area.width(), cols), area.height() * 0.34 / rows)
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
            tile_h=min(
                _tile_height(sheet, right.width(), cols), _rows_fit(right.height(), n, cols)
            ),
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
            tile_h=min(_tile_height(sheet, area.width(), cols), _rows_fit(area.height(), n, cols)),
        )


def _stacked(sheet: _Sheet, area: QRectF) -> None:
    panel, theme = sheet.panel, sheet.frame.theme
    n = len(panel.items)
    cols = {1: 1, 3: 3}.get(n, 2)
    visuals = (panel.chart is not None) + bool(panel.image)
    gap = 40.0
    tile_h = _tile_height(sheet, area.width(), cols) if n else 0.0
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


def _rows_fit(height: float, n: int, cols: int, gap: float = 28.0) -> float:
    rows = math.ceil(n / cols)
    return (height - gap * (rows - 1)) / rows


def _text_then_items(sheet: _Sheet, area: QRectF, cols: int, items: bool = True) -> None:
    n = len(sheet.panel.items) if items else 0
    rows = math.ceil(n / cols) if n else 0
    gap = 28.0
    tile_h = _tile_height(sheet, area.width(), cols) if n else 0.0
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


def _body(sheet: _Sheet, rect: QRectF) -> float:
    """Paint the body in `rect`; return the height it took."""
    if not sheet.panel.body or rect.height() <= 0:
        return 0.0
    return sheet.rich(
        _body_maker(sheet), rect, sheet.frame.theme.type.body, sheet.frame.text(sheet.panel.body)
    )


def _items(sheet: _Sheet, area: QRectF, cols: int, tile_h: float) -> None:
    items = sheet.panel.items
    gap = 28.0
    w = (area.width() - gap * (cols - 1)) / cols
    rects = []
    for i in range(len(items)):
        r, c = divmod(i, cols)
        in_row = min(cols, len(items) - r * cols)
        # A short last row sits centred under the full ones.
        offset = (area.width() - (in_row * w + (in_row - 1) * gap)) / 2 if r else 0.0
        rects.append(
            QRectF(area.left() + offset + c * (w + gap), area.top() + r * (tile_h + gap), w, tile_h)
        )
    plan = _plan_tiles(sheet, items, w, tile_h)
    for item, rect in zip(items, rects, strict=True):
        _tile(sheet, rect, item, plan)


@dataclass(frozen=True)
class _TilePlan:
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


def _tile_parts(sheet: _Sheet, item: Kpi) -> tuple[str, str, str]:
    frame = sheet.frame
    return frame.text(item.prefix), figure_text(item.value, item.decimals), frame.text(item.unit)


def _plan_tiles(sheet: _Sheet, items: Sequence[Kpi], w: float, h: float) -> _TilePlan:
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
    sheet: _Sheet,
    items: Sequence[Kpi],
    inner_w: float,
    inner_h: float,
    label_px: float,
    force: bool = False,
) -> _TilePlan | None:
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
    return _TilePlan(size, label_px, note_px, label_h, note_h, frozenset(under), need)


def _tile_height(sheet: _Sheet, width: float, cols: int, gap: float = 28.0) -> float:
    """The height the panel's tiles need in a column `width` wide, `cols` to a row."""
    w = (width - gap * (cols - 1)) / cols
    return _plan_tiles(sheet, sheet.panel.items, w, 1e5).height


def _tile(sheet: _Sheet, rect: QRectF, item: Kpi, plan: _TilePlan) -> None:
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


def _visuals(sheet: _Sheet, area: QRectF) -> None:
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


def _chart(sheet: _Sheet, chart: Chart, area: QRectF) -> None:
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


def _image(sheet: _Sheet, box: QRectF) -> None:
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
    scale = min(box.width() / picture.width(), box.height() / picture.height())
    w, h = picture.width() * scale, picture.height() * scale
    target = QRectF(box.center().x() - w / 2, box.top() + (box.height() - h) / 2, w, h)
    path = QPainterPath()
    path.addRoundedRect(target, theme.radius, theme.radius)
    painter.save()
    painter.setClipPath(path)
    painter.drawImage(target, picture)
    painter.restore()


# ----------------------------------------------------------------------------- sources


def _sources_html(sheet: _Sheet) -> Any:
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
        pre, unit = frame.text(item.prefix), frame.text(item.unit)
        space = "" if sheet.zh else " "
        number = figure_text(item.value, item.decimals)
        add(item, f"{pre}{space if pre else ''}{number}{space if unit else ''}{unit}")
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


# ----------------------------------------------------------------------------- failures, images


def _paint_broken(
    painter: QPainter,
    ctx: DeckContext,
    lang: str,
    rect: QRectF,
    trail: tuple[str, ...],
    out: PaintedPanel,
) -> None:
    """A calm sheet saying the panel cannot be shown, with a close control that works."""
    theme = ctx.theme
    painter.setOpacity(1.0)
    painter.setClipping(False)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(theme.colors.background))
    painter.drawPath(_sheet_path(ctx, rect))
    zh = lang.startswith("zh")
    heading = "此面板暂时无法显示" if zh else "This panel cannot be shown"
    box = QRectF(rect.left() + 72, rect.center().y() - 110, rect.width() - 144, 90)
    tx.draw(
        painter,
        heading,
        box,
        tx.fit(heading, box, theme.font, theme.type.title * 0.8, theme.type.floor, True),
        theme.colors.ink,
        Qt.AlignmentFlag.AlignCenter,
    )
    reason = out.error or ""
    box = QRectF(rect.left() + 72, rect.center().y(), rect.width() - 144, 160)
    tx.draw(
        painter,
        reason,
        box,
        tx.fit(reason, box, theme.font, theme.type.caption, 12),
        theme.colors.muted,
        Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
    )
    centre = QPointF(rect.right() - 72 - 24, rect.top() + 40 + 28)
    painter.setPen(QPen(QColor(theme.colors.ink), 4))
    painter.drawLine(centre + QPointF(-10, -10), centre + QPointF(10, 10))
    painter.drawLine(centre + QPointF(-10, 10), centre + QPointF(10, -10))
    out.controls = {
        "close": QRectF(centre.x() - CONTROL / 2, centre.y() - CONTROL / 2, CONTROL, CONTROL)
    }
    if len(trail) > 1:
        out.controls["back"] = QRectF(rect.left() + 64, rect.top() + 24, CONTROL * 2, CONTROL)


def render_panel_image(
    ctx: DeckContext,
    panel_id: str,
    lang: str,
    width: int,
    height: int,
    dpr: float = 1.0,
    trail: Sequence[str] | None = None,
    backdrop: bool = True,
) -> tuple[QImage, PaintedPanel, Letterbox]:
    """A panel as an image of width×height logical px at `dpr`, letterboxed like a slide.

    Args:
        ctx: The deck.
        panel_id: Which panel.
        lang: The language.
        width: Logical width of the image.
        height: Logical height of the image.
        dpr: Device pixel ratio.
        trail: Open panels outermost first; by default the shortest way from the first
            slide that leads to it (`panel_path`).
        backdrop: Paint the slide that leads to the panel, dimmed, behind the sheet.

    Returns:
        The image, what was painted, and (scale, dx, dy): canvas → image logical px.
    """
    image = blank_image(width, height, dpr)
    cw, ch = ctx.size
    box = letterbox(ctx.size, width, height)
    scale, dx, dy = box
    index, path = panel_path(ctx.deck, panel_id)
    painter = QPainter(image)
    try:
        painter.translate(dx, dy)
        painter.scale(scale, scale)
        painter.setClipRect(QRectF(0, 0, cw, ch))
        painter.fillRect(QRectF(0, 0, cw, ch), QColor(ctx.theme.colors.background))
        if backdrop and index is not None:
            painter.save()
            try:
                paint_slide(painter, ctx, index, lang, scale * dpr)
            except Exception:  # noqa: BLE001 - the backdrop is decoration; the panel matters
                painter.fillRect(QRectF(0, 0, cw, ch), QColor(ctx.theme.colors.background))
            painter.restore()
        veil = QColor(ctx.theme.colors.ink)
        veil.setAlphaF(0.55)
        painter.fillRect(QRectF(0, 0, cw, ch), veil)
        painted = paint_panel(
            painter,
            ctx,
            panel_id,
            lang,
            panel_rect(ctx),
            scale * dpr,
            path if trail is None else trail,
        )
    finally:
        painter.end()
    return image, painted, box
