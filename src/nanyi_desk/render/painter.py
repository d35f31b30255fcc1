"""Paint one slide onto a QPainter already scaled to the slide's logical canvas.

`paint_slide` draws the frame every slide shares (background, section band, title, footer,
progress) and hands the content area to the layout's painter (`layouts.paint`). It returns the
hotspots (what can be touched, and the panel it opens) and any text that overflowed.
QtGui only.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter, QScreen

from nanyi_desk.deck.model import SectionSlide, TitleSlide
from nanyi_desk.layout.geometry import Letterbox, letterbox

from . import layouts
from . import text as tx
from .context import DeckContext
from .frame import Frame, Painted, blank_image


def paint_slide(
    painter: QPainter,
    ctx: DeckContext,
    index: int,
    lang: str,
    scale: float = 1.0,
    count: float = 1.0,
) -> Painted:
    """Paint slide `index` of the deck in `lang`; the painter is in canvas coordinates."""
    slide = ctx.deck.slides[index]
    theme = ctx.theme
    width, height = ctx.size
    out = Painted()
    painter.setRenderHints(
        QPainter.RenderHint.Antialiasing
        | QPainter.RenderHint.TextAntialiasing
        | QPainter.RenderHint.SmoothPixmapTransform
    )
    accent = theme.section_colour(slide.section)
    painter.fillRect(QRectF(0, 0, width, height), QColor(theme.colors.background))
    margin = theme.margin * (0.75 if ctx.portrait else 1.0)
    frame = Frame(
        painter, ctx, lang, accent, scale, out, f"slide-{index}", count, slide=slide, area=QRectF()
    )

    if isinstance(slide, (TitleSlide, SectionSlide)):
        frame.area = QRectF(0, 0, width, height)
        layouts.paint(frame)
        _paint_progress(frame, index, width, height, on_colour=isinstance(slide, SectionSlide))
        return out

    # The section band: a colour edge and the section's name.
    painter.fillRect(QRectF(0, 0, width, 10), QColor(accent))
    top = margin * 0.55
    section_name = ctx.section_title(slide.section, lang)
    if section_name:
        frame.put(
            section_name,
            QRectF(margin, top, width - 2 * margin, 40),
            theme.type.caption,
            accent,
            bold=True,
        )
        top += 46
    title_px = theme.type.title * (0.85 if ctx.portrait else 1.0)
    title_h = frame.put(
        frame.text(slide.title),
        QRectF(margin, top, width - 2 * margin, title_px * 2.6),
        title_px,
        theme.colors.ink,
        bold=True,
    )
    top += title_h + 12
    if slide.subtitle:
        sub_h = frame.put(
            frame.text(slide.subtitle),
            QRectF(margin, top, width - 2 * margin, theme.type.subtitle * 2.6),
            theme.type.subtitle,
            theme.colors.muted,
        )
        top += sub_h + 8
    footer = 64
    frame.area = QRectF(
        margin, top + margin * 0.35, width - 2 * margin, height - top - margin * 0.35 - footer - 24
    )
    layouts.paint(frame)
    _paint_footer(frame, index, width, height, margin)
    _paint_progress(frame, index, width, height)
    return out


def _paint_footer(frame: Frame, index: int, width: float, height: float, margin: float) -> None:
    theme = frame.theme
    count = len(frame.ctx.deck.slides)
    y = height - 62
    rect = QRectF(margin, y, width - 2 * margin, 32)
    deck_title = frame.text(frame.ctx.deck.title)
    frame.put(
        deck_title, QRectF(margin, y, width * 0.6, 32), theme.type.caption, theme.colors.muted
    )
    frame.put(
        f"{index + 1} / {count}",
        rect,
        theme.type.caption,
        theme.colors.muted,
        align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
    )


def _paint_progress(
    frame: Frame, index: int, width: float, height: float, on_colour: bool = False
) -> None:
    count = max(1, len(frame.ctx.deck.slides))
    track = QColor(frame.theme.colors.on_accent if on_colour else frame.theme.colors.grid)
    track.setAlphaF(0.35 if on_colour else 1.0)
    frame.painter.fillRect(QRectF(0, height - 6, width, 6), track)
    done = QColor(frame.theme.colors.on_accent if on_colour else frame.accent)
    frame.painter.fillRect(QRectF(0, height - 6, width * (index + 1) / count, 6), done)


def render_image(
    ctx: DeckContext,
    index: int,
    lang: str,
    width: int,
    height: int,
    dpr: float = 1.0,
    count: float = 1.0,
) -> tuple[QImage, Painted, Letterbox]:
    """Slide `index` as an image of width×height logical px at `dpr`, letterboxed.

    `count` below 1 shows key figures part-way through counting up.

    Returns the image, what was painted, and (scale, dx, dy): canvas → image logical px.
    """
    image = blank_image(width, height, dpr)
    cw, ch = ctx.size
    box = letterbox(ctx.size, width, height)
    scale, dx, dy = box
    painter = QPainter(image)
    try:
        painter.translate(dx, dy)
        painter.scale(scale, scale)
        painter.setClipRect(QRectF(0, 0, cw, ch))
        try:
            painted = paint_slide(painter, ctx, index, lang, scale * dpr, count)
        except Exception as exc:  # noqa: BLE001 - one bad slide must not stop the show
            reason = f"{type(exc).__name__}: {exc}"
            painted = Painted(error=reason)
            painter.setOpacity(1.0)
            paint_placeholder(painter, ctx, reason, lang)
    finally:
        painter.end()
    return image, painted, box


def ask_charts_ahead(
    ctx: DeckContext, index: int, lang: str, width: int, height: int, dpr: float
) -> None:
    """Ask the chart helper, if one runs, for the charts slide `index` will need.

    A start that must draw its first slide's chart asks while its window is still being
    made, instead of at the first paint: the slide is painted once to learn the charts'
    sizes (the picture is not kept) and the helper draws them meanwhile on the other core.
    Any paint of the slide at width×height and `dpr` then takes them from `ctx.charts`.
    """
    charts = ctx.charts
    if charts.worker is None or not charts.worker.alive:
        return
    with charts.asking_ahead():
        render_image(ctx, index, lang, width, height, dpr)


def ask_charts_ahead_full_screen(ctx: DeckContext, index: int, lang: str, screen: QScreen) -> None:
    """`ask_charts_ahead` for slide `index` shown full screen on `screen` (its size and ratio)."""
    area = screen.geometry()
    ask_charts_ahead(ctx, index, lang, area.width(), area.height(), screen.devicePixelRatio())


def paint_placeholder(painter: QPainter, ctx: DeckContext, reason: str, lang: str) -> None:
    """A calm placeholder for a slide that could not be drawn, with the reason."""
    theme = ctx.theme
    width, height = ctx.size
    gradient = QLinearGradient(0, 0, 0, height)
    gradient.setColorAt(0, QColor(theme.colors.background))
    gradient.setColorAt(1, QColor(theme.colors.grid))
    painter.fillRect(QRectF(0, 0, width, height), gradient)
    heading = "此页暂时无法显示" if lang.startswith("zh") else "This slide cannot be shown"
    box = QRectF(theme.margin, height / 2 - 120, width - 2 * theme.margin, 90)
    tx.draw(
        painter,
        heading,
        box,
        tx.fit(heading, box, theme.font, theme.type.title, theme.type.floor, True),
        theme.colors.ink,
        Qt.AlignmentFlag.AlignCenter,
    )
    box = QRectF(theme.margin, height / 2, width - 2 * theme.margin, 200)
    tx.draw(
        painter,
        reason,
        box,
        tx.fit(reason, box, theme.font, theme.type.caption, 12),
        theme.colors.muted,
        Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
    )
