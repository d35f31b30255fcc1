"""Which painter draws a slide's content: one per layout of deck format v1.

`paint` hands the frame's content area to the layout's painter in its `slide_*` module.
Portrait (9:16) decks reflow there: rows become columns, cards stack. QtGui only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from nanyi_desk.deck.model import (
    BulletsSlide,
    CardsSlide,
    ChartSlide,
    ImageSlide,
    KpisSlide,
    QuoteSlide,
    SectionSlide,
    TableSlide,
    TimelineSlide,
    TitleSlide,
)

from .frame import Frame
from .slide_cards import paint_cards, paint_timeline
from .slide_chart import paint_chart_slide
from .slide_figures import paint_kpis
from .slide_media import paint_image, paint_quote, paint_table
from .slide_text import paint_bullets, paint_section, paint_title

PAINTERS: dict[type, Callable[[Frame, Any], None]] = {
    TitleSlide: paint_title,
    SectionSlide: paint_section,
    BulletsSlide: paint_bullets,
    KpisSlide: paint_kpis,
    ChartSlide: paint_chart_slide,
    CardsSlide: paint_cards,
    TimelineSlide: paint_timeline,
    ImageSlide: paint_image,
    QuoteSlide: paint_quote,
    TableSlide: paint_table,
}
"""The painter of each slide class; each takes the frame and the slide, narrowed."""


def paint(frame: Frame) -> None:
    """Paint the frame's slide into its content area."""
    PAINTERS[type(frame.slide)](frame, frame.slide)
