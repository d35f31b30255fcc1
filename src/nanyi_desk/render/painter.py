"""Paint one slide onto a QPainter already scaled to the slide's logical canvas.

`paint_slide` draws the frame every slide shares (background, section band, title, footer,
progress) and hands the content area to the layout's painter in `layouts`. It returns the
hotspots (what can be touched, and the panel it opens) and any text that overflowed.
QtGui only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter

from nanyi_desk.deck.model import SectionSlide, SlideBase, TitleSlide
from nanyi_desk.theme import Theme

from . import text as tx
from .context import DeckContext


@dataclass(frozen=True)
class Hotspot:
    """A touchable region of a slide, in logical canvas pixels."""

    x: float
    y: float
    w: float
    h: float
    panel: str
    """The panel it opens."""
    kind: str
    """kpi | card | bullet | event | row | chart."""
    label: str = ""
    """What it shows, for focus and accessibility."""

    def contains(self, px: float, py: float) -> bool:
        """True when the canvas point is inside."""
        return self.x <= px <= self.x + self.w and self.y <= py <= self.y + self.h

    @property
    def centre(self) -> tuple[float, float]:
        """The middle of the region."""
        return self.x + self.w / 2, self.y + self.h / 2


@dataclass
class Painted:
    """What painting a slide produced besides pixels."""

    hotspots: list[Hotspot] = field(default_factory=list)
    """Touchable regions, in drawing order."""
    overflows: list[str] = field(default_factory=list)
    """Texts that did not fit even at the floor size."""
    error: str | None = None
    """Why the slide could not be drawn (a placeholder was drawn instead)."""


@dataclass
class Frame:
    """Everything a layout painter gets."""

    painter: QPainter
    ctx: DeckContext
    slide: SlideBase
    lang: str
    accent: str
    area: QRectF
    """The content area, below the title and above the footer."""
    scale: float
    """Device pixels per logical pixel (for charts and pictures)."""
    out: Painted
    key: str
    """A stable name of the slide (for caches)."""
    count: float = 1.0
    """How far key figures have counted up, 0–1 (the player animates it; 1 everywhere else)."""

    @property
    def theme(self) -> Theme:
        """The deck's theme."""
        return self.ctx.theme

    def text(self, value: object) -> str:
        """A Text in the frame's language."""
        return self.ctx.text(value, self.lang)

    def put(
        self,
        value: str,
        rect: QRectF,
        px: float,
        colour: str,
        bold: bool = False,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
        floor: float | None = None,
    ) -> float:
        """Fit and draw text; return the height it took. Overflow is recorded."""
        if not value:
            return 0.0
        fitted = tx.fit(value, rect, self.theme.font, px, floor or self.theme.type.floor, bold)
        if fitted.overflow:
            self.out.overflows.append(value[:40])
        tx.draw(self.painter, value, rect, fitted, colour, align)
        return min(fitted.height, rect.height())


def paint_slide(
    painter: QPainter,
    ctx: DeckContext,
    index: int,
    lang: str,
    scale: float = 1.0,
    count: float = 1.0,
) -> Painted:
    """Paint slide `index` of the deck in `lang`; the painter is in canvas coordinates."""
    from . import layouts  # the layouts module imports this one's Frame

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
    frame = Frame(painter, ctx, slide, lang, accent, QRectF(), scale, out, f"slide-{index}", count)

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
    track = QColor("#FFFFFF" if on_colour else frame.theme.colors.grid)
    track.setAlphaF(0.35 if on_colour else 1.0)
    frame.painter.fillRect(QRectF(0, height - 6, width, 6), track)
    done = QColor("#FFFFFF" if on_colour else frame.accent)
    frame.painter.fillRect(QRectF(0, height - 6, width * (index + 1) / count, 6), done)


def letterbox(canvas: tuple[int, int], width: float, height: float) -> tuple[float, float, float]:
    """(scale, dx, dy) that fits a canvas into width×height, centred, aspect kept."""
    cw, ch = canvas
    scale = min(width / cw, height / ch)
    return scale, (width - cw * scale) / 2, (height - ch * scale) / 2


def blank_image(width: float, height: float, dpr: float, fill: str | None = "#000000") -> QImage:
    """An image of width×height logical px at `dpr`, black (or transparent for None)."""
    image = QImage(
        round(width * dpr), round(height * dpr), QImage.Format.Format_ARGB32_Premultiplied
    )
    image.setDevicePixelRatio(dpr)
    image.fill(QColor(fill) if fill else QColor(0, 0, 0, 0))
    return image


def render_image(
    ctx: DeckContext,
    index: int,
    lang: str,
    width: int,
    height: int,
    dpr: float = 1.0,
    count: float = 1.0,
) -> tuple[QImage, Painted, tuple[float, float, float]]:
    """Slide `index` as an image of width×height logical px at `dpr`, letterboxed.

    `count` below 1 shows key figures part-way through counting up.

    Returns the image, what was painted, and (scale, dx, dy): canvas → image logical px.
    """
    image = blank_image(width, height, dpr)
    cw, ch = ctx.size
    scale, dx, dy = letterbox(ctx.size, width, height)
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
    return image, painted, (scale, dx, dy)


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
