"""The handout's Sources pages: each source, and under it each figure it backs with its quote.

What to list is `sources.source_entries`'; this module sets it as rich text in the deck's
theme and cuts it into pages (two columns on a wide slide page, one on a sheet). QtGui only.
"""

from __future__ import annotations

import html
import math

from PySide6.QtCore import QPointF, QRectF, QSizeF
from PySide6.QtGui import QColor, QPainter, QPen, QTextDocument

from nanyi_desk.layout.geometry import Rect
from nanyi_desk.render import text as tx
from nanyi_desk.render.context import DeckContext

from .sources import source_entries

BODY_PT = 10.0
"""Type size of the list in points: a footnote's, readable on paper and on screen."""


def sources_heading(lang: str) -> str:
    """The page's heading, also its bookmark."""
    return "来源" if lang.startswith("zh") else "Sources"


class SourcesPages:
    """The Sources list of one language, laid out and cut into pages of `body`."""

    def __init__(self, ctx: DeckContext, lang: str, body: Rect) -> None:
        self._body = body
        # Lines of 80-odd characters at most: a wide page takes two columns.
        self._columns = 2 if body.w > 600 else 1
        gap = 28.0
        self._column_w = (body.w - gap * (self._columns - 1)) / self._columns
        self._gap = gap
        theme = ctx.theme
        self._doc = QTextDocument()
        self._doc.setDocumentMargin(0)
        self._doc.setDefaultFont(tx.make_font(theme.font, BODY_PT))
        self._doc.setHtml(_html(ctx, lang))
        self._doc.setTextWidth(self._column_w)
        self._doc.setPageSize(QSizeF(self._column_w, body.h))
        self._rule = theme.colors.grid

    @property
    def pages(self) -> int:
        """How many pages the list takes."""
        return max(1, math.ceil(self._doc.pageCount() / self._columns))

    def paint(self, painter: QPainter, page: int) -> None:
        """Paint page `page` (0-based); the painter is in points from the page's top left."""
        body, column_h = self._body, self._body.h
        for column in range(self._columns):
            part = page * self._columns + column
            if part >= self._doc.pageCount():
                break
            left = body.x + column * (self._column_w + self._gap)
            painter.save()
            painter.translate(left, body.y - part * column_h)
            self._doc.drawContents(painter, QRectF(0, part * column_h, self._column_w, column_h))
            painter.restore()
        if self._columns > 1 and page * self._columns + 1 < self._doc.pageCount():
            painter.save()
            painter.setPen(QPen(QColor(self._rule), 0.5))
            x = body.x + self._column_w + self._gap / 2
            painter.drawLine(QPointF(x, body.y), QPointF(x, body.bottom))
            painter.restore()


def _html(ctx: DeckContext, lang: str) -> str:
    theme = ctx.theme
    zh = lang.startswith("zh")
    ink, muted = theme.colors.ink, theme.colors.muted
    accent = theme.section_colour(None)
    intro = (
        "本资料中每个数字所依据的原文句子,按来源列出。"
        if zh
        else "Every figure in this handout, under the source that states it, with its words."
    )
    parts = [
        f'<p style="font-size:{BODY_PT * 2.2:.0f}px; color:{accent}; margin-bottom:4px">'
        f"<b>{sources_heading(lang)}</b></p>",
        f'<p style="color:{muted}; margin-bottom:{BODY_PT:.0f}px">{html.escape(intro)}</p>',
    ]
    for entry in source_entries(ctx.deck, lang):
        details = " · ".join(html.escape(d) for d in entry.details)
        parts.append(
            f'<p style="font-size:{BODY_PT * 1.25:.0f}px; color:{ink}; margin-top:{BODY_PT:.0f}px;'
            f' margin-bottom:2px"><b>{html.escape(entry.title)}</b></p>'
        )
        if details:
            parts.append(f'<p style="color:{muted}; margin-bottom:6px">{details}</p>')
        for backed in entry.backed:
            figures = html.escape(" · ".join(backed.figures))
            quote = f"<br>“{html.escape(backed.quote)}”" if backed.quote else ""
            parts.append(
                f'<p style="margin-left:{BODY_PT:.0f}px; margin-bottom:6px; color:{muted}">'
                f'<span style="color:{ink}">{figures}</span>{quote}</p>'
            )
    return "".join(parts)
