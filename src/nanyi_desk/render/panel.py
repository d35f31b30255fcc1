"""Paint one drill-down panel: a sheet over the slide that opened it, for every surface.

The player lays it over the live slide, the exporter over a dimmed copy of that slide; both
call `paint_panel` with a painter in canvas coordinates, as `paint_slide` does. This module
draws the sheet, its controls and trail, and the placeholder of a broken panel; the content
is `panel_content`'s. QtGui only: charts come through `ctx.charts`. Imports `deck.drills`,
`nanyi_desk.layout` (where the sheet lies), `painter` (the slide behind it), `frame`,
`sheet`, `panel_content` and `text`.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter, QPainterPath, QPen

from nanyi_desk.deck.drills import panel_path
from nanyi_desk.layout import grids
from nanyi_desk.layout.geometry import Letterbox, letterbox

from . import text as tx
from .context import DeckContext
from .frame import Canvas, blank_image, qrect
from .painter import paint_slide
from .panel_content import paint_content
from .sheet import CONTROL, PaintedPanel, Sheet


def panel_rect(ctx: DeckContext) -> QRectF:
    """Where the panel's sheet lies on the slide's canvas (`layout.grids.panel_rect`)."""
    return qrect(grids.panel_rect(ctx.size, ctx.portrait))


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
        sheet = Sheet(frame, panel, panel_id, rect, trail, out)
        _paint_controls(sheet)
        paint_content(sheet)
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


def _paint_controls(sheet: Sheet) -> None:
    frame, rect = sheet.frame, sheet.rect
    painter, theme = frame.painter, frame.theme
    pad = sheet.pad
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


def _paint_trail(sheet: Sheet, box: QRectF) -> None:
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
