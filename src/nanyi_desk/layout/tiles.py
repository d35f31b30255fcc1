"""Tile plans: one type size for a grid of key-figure tiles, found without a screen.

The sizes depend on how wide words are, which only a font can say: the caller passes a
`Measure` (the renderer's wraps QFontMetricsF), so the plan itself is plain arithmetic and
tests with a fake measure. Plain Python; imports nothing of ours but `geometry`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple, Protocol


class Insets(NamedTuple):
    """Room inside a box's edges, in logical px."""

    left: float
    top: float
    right: float
    bottom: float


SLIDE_TILE_PAD = Insets(36.0, 46.0, 36.0, 36.0)
"""Inside a slide's figure tile (the top clears the tile's coloured strip)."""
PANEL_TILE_PAD = Insets(28.0, 36.0, 28.0, 24.0)
"""Inside a panel's figure tile: smaller cards, so less room around the words."""
DRILL_ROOM = 48.0
"""Width kept free beside a tile's words for the drill affordance."""


class Metrics(Protocol):
    """What a plan needs to know of one font at one size."""

    def advance(self, words: str) -> float:
        """How far `words` run on one line."""

    def ascent(self) -> float:
        """Height above the baseline."""

    def descent(self) -> float:
        """Depth below the baseline."""

    def height(self) -> float:
        """A line's height."""


class Measure(Protocol):
    """Fonts of one family, measured."""

    def font(self, px: float, bold: bool) -> Metrics:
        """The metrics of the family at `px`."""

    def wrapped_height(self, words: str, width: float, px: float, bold: bool) -> float:
        """The height `words` take wrapped into `width` at `px`."""


class TypeScale(Protocol):
    """The theme's type sizes a plan reads (the theme's own scale fits)."""

    @property
    def kpi(self) -> float:
        """A key figure's number."""

    @property
    def subtitle(self) -> float:
        """A subtitle (the number's least is 80% of it)."""

    @property
    def label(self) -> float:
        """A tile's label."""

    @property
    def caption(self) -> float:
        """A note."""

    @property
    def floor(self) -> float:
        """The least size any text may take."""


@dataclass(frozen=True)
class TileText:
    """The words of one tile, in the language shown."""

    pre: str
    """Before the number (e.g. a currency)."""
    number: str
    """The figure as the deck wrote it."""
    post: str
    """The unit."""
    label: str
    """What the figure is."""
    note: str | None = None
    """A line under the label, if the tile has one."""
    drill: bool = False
    """True when the tile opens a panel (its words leave room for the affordance)."""


@dataclass(frozen=True)
class TilePlan:
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


def plan_tiles(
    tiles: Sequence[TileText], w: float, h: float, sizes: TypeScale, measure: Measure
) -> TilePlan:
    """The largest number and label sizes at which every tile's figure and label fit.

    The slides' tile gives the number 45% of a tall card; a panel's cards are shorter, and
    there that left the label at the floor size and the note with no room at all. Here the
    label and note are measured first and the number takes what is left.
    """
    left, top, right, bottom = PANEL_TILE_PAD
    inner_w, inner_h = w - left - right, h - top - bottom
    label_px = float(sizes.label)
    while True:
        plan = _try_tiles(tiles, inner_w, inner_h, label_px, sizes, measure)
        if plan is not None or label_px <= sizes.floor:
            break
        # The number is already at its least: the label gives way, down to the floor.
        label_px = max(float(sizes.floor), label_px * 0.9)
    if plan is None:
        plan = _try_tiles(tiles, inner_w, inner_h, label_px, sizes, measure, force=True)
    assert plan is not None  # forced plans always come back
    return plan


def _try_tiles(
    tiles: Sequence[TileText],
    inner_w: float,
    inner_h: float,
    label_px: float,
    sizes: TypeScale,
    measure: Measure,
    force: bool = False,
) -> TilePlan | None:
    _, top, _, bottom = PANEL_TILE_PAD

    def text_w(tile: TileText) -> float:
        return inner_w - (DRILL_ROOM if tile.drill else 0)

    while True:
        label_h = max(measure.wrapped_height(t.label, text_w(t), label_px, True) for t in tiles)
        if label_h <= label_px * 1.5 * 2 + 1 or label_px <= sizes.floor:
            break
        label_px = max(float(sizes.floor), label_px * 0.93)
    notes = [t.note for t in tiles if t.note is not None]
    note_px = min(float(sizes.caption), label_px)
    note_h = max((measure.wrapped_height(n, inner_w, note_px, False) for n in notes), default=0.0)
    note_h += 6 if notes else 0
    room = inner_h - label_h - note_h - 10

    size = sizes.kpi * 0.72
    least = sizes.subtitle * 0.8
    while True:
        big = measure.font(size, True)
        small = measure.font(max(sizes.floor, size * 0.36), False)
        high = big.ascent() + big.descent() * 0.4
        under: set[int] = set()
        fits = True
        for index, tile in enumerate(tiles):
            pre, number, post = tile.pre, tile.number, tile.post
            head = small.advance(pre) + (10 if pre else 0) + big.advance(number)
            tail = small.advance(post) + 8 if post else 0.0
            if head + tail <= text_w(tile) and high <= room:
                continue
            # A long unit ("RMB 100 million") goes under the number rather than shrink it away.
            if post and head <= text_w(tile) and high + small.height() <= room:
                under.add(index)
                continue
            fits = False
        if fits or size <= least:
            break
        size = max(least, size * 0.93)
    if not fits and not force:
        return None
    need = top + bottom + high + (small.height() if under else 0) + 10 + label_h + note_h
    return TilePlan(size, label_px, note_px, label_h, note_h, frozenset(under), need)


def tile_height(
    tiles: Sequence[TileText],
    width: float,
    cols: int,
    sizes: TypeScale,
    measure: Measure,
    gap: float = 28.0,
) -> float:
    """The height tiles need in a column `width` wide, `cols` to a row."""
    w = (width - gap * (cols - 1)) / cols
    return plan_tiles(tiles, w, 1e5, sizes, measure).height
