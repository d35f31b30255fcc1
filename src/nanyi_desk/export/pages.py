"""Where slides and notes lie on a PDF page, for each handout layout, in points.

`slides` gives each slide a page of its own in the deck's aspect (with a band for the notes
under it when they are asked for); `handout-2` and `handout-3` put two or three slides on
an A4 sheet (portrait for 16:9 decks, landscape for 9:16), each with room for notes — the
presenter's, or ruled lines for the reader's own. Plain Python: geometry only, built on
`layout.geometry.Rect`, so it is tested without Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

from nanyi_desk.layout.geometry import Rect

LAYOUTS = ("slides", "handout-2", "handout-3")
"""The page layouts, as the command line and the dialog name them."""

POINTS_PER_INCH = 72.0
A4 = (595.28, 841.89)
"""An A4 sheet in points, portrait."""
SLIDE_LONG_SIDE = 960.0
"""A slide page's long side in points: 13.33 in, the size presentation programs use."""
MARGIN = 36.0
"""Half an inch around a handout sheet: inside what any printer can print."""
GAP = 18.0


@dataclass(frozen=True)
class Cell:
    """One slide's place on a page, and its notes' place beside or under it."""

    slide: Rect
    """Where the slide is drawn, in the deck's aspect."""
    notes: Rect | None
    """Where its notes go (None: the layout has no room for notes)."""


@dataclass(frozen=True)
class PagePlan:
    """A page's size and the places of the slides on it."""

    width: float
    """Page width in points."""
    height: float
    """Page height in points."""
    cells: tuple[Cell, ...]
    """Slide places, in reading order."""
    body: Rect
    """The printable area inside the margins (for the Sources pages)."""
    footer: Rect | None
    """Where the deck's title and page number go on a handout sheet (None on slide pages)."""


def page_plan(aspect: str, layout: str, notes: bool) -> PagePlan:
    """The page of `layout` for a deck of `aspect` ("16:9" or "9:16")."""
    ratio = 16 / 9 if aspect != "9:16" else 9 / 16
    if layout == "slides":
        return _slide_page(ratio, notes)
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}: one of {', '.join(LAYOUTS)}")
    per_page = int(layout.rpartition("-")[2])
    landscape_deck = ratio > 1
    # The sheet turns so that the slides stack along its long side.
    width, height = A4 if landscape_deck else (A4[1], A4[0])
    footer_h = 14.0
    body = Rect(MARGIN, MARGIN, width - 2 * MARGIN, height - 2 * MARGIN - footer_h - 6)
    footer = Rect(MARGIN, height - MARGIN - footer_h, width - 2 * MARGIN, footer_h)
    cells = []
    for i in range(per_page):
        if landscape_deck:
            span = (body.h - GAP * (per_page - 1)) / per_page
            box = Rect(body.x, body.y + i * (span + GAP), body.w, span)
        else:
            span = (body.w - GAP * (per_page - 1)) / per_page
            box = Rect(body.x + i * (span + GAP), body.y, span, body.h)
        # Notes go where the box has room left: under a wide slide in a tall box, beside it
        # in a wide one (16:9 on three rows, 9:16 in two columns).
        beside = (box.w / box.h) > ratio * 1.2
        cells.append(_cell(box, ratio, beside))
    return PagePlan(width, height, tuple(cells), body, footer)


def _slide_page(ratio: float, notes: bool) -> PagePlan:
    width, height = (
        (SLIDE_LONG_SIDE, SLIDE_LONG_SIDE / ratio)
        if ratio > 1
        else (SLIDE_LONG_SIDE * ratio, SLIDE_LONG_SIDE)
    )
    slide = Rect(0, 0, width, height)
    if not notes:
        return PagePlan(width, height, (Cell(slide, None),), slide.grown(-MARGIN), None)
    # The notes band: the page grows under the slide, as a presentation program's notes page.
    band = height * (0.4 if ratio > 1 else 0.25)
    notes_rect = Rect(MARGIN, height + GAP, width - 2 * MARGIN, band - GAP - MARGIN)
    page = Rect(0, 0, width, height + band)
    return PagePlan(width, height + band, (Cell(slide, notes_rect),), page.grown(-MARGIN), None)


def _cell(box: Rect, ratio: float, beside: bool) -> Cell:
    if beside:
        w = min(box.w * 0.55, box.h * ratio)
        slide = Rect(box.x, box.y, w, w / ratio)
        notes = Rect(slide.right + GAP, box.y, box.right - slide.right - GAP, box.h)
        return Cell(slide, notes)
    h = min(box.h * 0.7, box.w / ratio)
    w = h * ratio
    slide = Rect(box.x + (box.w - w) / 2, box.y, w, h)
    notes = Rect(box.x, slide.bottom + GAP / 2, box.w, box.bottom - slide.bottom - GAP / 2)
    return Cell(slide, notes)
