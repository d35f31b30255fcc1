"""The layouts made of words: title, section and bullets slides.

Imports QtGui, the deck model, `text`, `icons`, `frame` and `slide_parts`.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QLinearGradient

from nanyi_desk.deck.model import Bullet, BulletsSlide, SectionSlide, TitleSlide

from . import text as tx
from .frame import Frame
from .icons import icon_image
from .slide_parts import MIDDLE_LEFT, RIGHT_TOP, colour, hotspot, surface


def paint_title(frame: Frame, slide: TitleSlide) -> None:
    """The opening slide: a deep gradient, the bay's arcs, title, subtitle, caption."""
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
        painter.setBrush(colour(theme.colors.on_accent, alpha))
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
            theme.colors.on_accent,
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
                theme.colors.on_accent,
            )
            + 20
        )
    if slide.caption:
        frame.put(
            frame.text(slide.caption),
            QRectF(margin, area.height() - margin - 40, width, 40),
            theme.type.caption * 1.2,
            theme.colors.on_accent,
        )


def _cover(area: QRectF, w: int, h: int) -> QRectF:
    scale = max(area.width() / w, area.height() / h)
    return QRectF(
        area.center().x() - w * scale / 2, area.center().y() - h * scale / 2, w * scale, h * scale
    )


def paint_section(frame: Frame, slide: SectionSlide) -> None:
    """A section's opening slide in its colour, with its number large behind the title."""
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
        tx.draw(
            painter,
            number,
            big,
            fitted,
            colour(theme.colors.on_accent, 0.12),
            RIGHT_TOP,
            wrap=False,
        )
    top = area.height() * 0.38
    width = area.width() - 2 * margin
    display = theme.type.display * (0.85 if frame.ctx.portrait else 1.1)
    top += (
        frame.put(
            frame.text(slide.title),
            QRectF(margin, top, width * 0.8, display * 2.6),
            display,
            theme.colors.on_accent,
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
                theme.colors.on_accent,
            )
            + 16
        )
    if slide.body:
        frame.put(
            frame.text(slide.body),
            QRectF(margin, top, width * 0.7, area.height() - top - margin),
            theme.type.body,
            theme.colors.on_accent,
        )


def paint_bullets(frame: Frame, slide: BulletsSlide) -> None:
    """Bullets as rows with a marker or icon; a row that drills is a card."""
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
