"""Geometry without a screen: grids, the panel's sheet, letterboxing and tile plans.

Plain pytest: no QApplication, and the package must not even import Qt.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass

import pytest

from nanyi_desk.layout.geometry import Letterbox, Rect, letterbox
from nanyi_desk.layout.grids import grid, panel_rect, rows_fit, tile_rows
from nanyi_desk.layout.tiles import (
    DRILL_ROOM,
    PANEL_TILE_PAD,
    SLIDE_TILE_PAD,
    Insets,
    TileText,
    plan_tiles,
    tile_height,
)


def test_importing_layout_loads_no_qt_and_no_matplotlib() -> None:
    code = (
        "import sys, nanyi_desk.layout, nanyi_desk.layout.geometry, nanyi_desk.layout.grids, "
        "nanyi_desk.layout.tiles, nanyi_desk.layout.thumbnail_grid\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6', 'matplotlib', 'qtawesome')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"


# ----------------------------------------------------------------------------- rectangles


def test_letterbox_centres_the_canvas_and_still_unpacks() -> None:
    box = letterbox((1920, 1080), 960, 960)
    scale, dx, dy = box
    assert (scale, dx, dy) == (0.5, 0.0, 210.0)
    assert box.to_view(Rect(0, 0, 1920, 1080)) == Rect(0, 210, 960, 540)
    assert box.to_canvas(480, 480) == (960.0, 540.0)
    assert Letterbox.fit((1080, 1920), 1080, 1920) == (1.0, 0.0, 0.0)


def test_a_full_grid_fills_its_area() -> None:
    cells = grid(Rect(0, 0, 1000, 400), 4, 2, 20)
    assert cells == [
        Rect(0, 0, 490, 190),
        Rect(510, 0, 490, 190),
        Rect(0, 210, 490, 190),
        Rect(510, 210, 490, 190),
    ]


def test_a_short_last_row_sits_centred() -> None:
    cells = grid(Rect(0, 0, 1000, 400), 3, 2, 20)
    assert cells[2] == Rect(255, 210, 490, 190)


def test_a_grid_capped_in_height_is_centred_vertically() -> None:
    cells = grid(Rect(100, 100, 300, 1000), 1, 1, 20, max_h=200)
    assert cells == [Rect(100, 500, 300, 200)]


def test_tile_rows_start_at_the_top_and_centre_only_later_rows() -> None:
    cells = tile_rows(Rect(0, 50, 1000, 0), 3, 2, tile_h=100, gap=28)
    w = (1000 - 28) / 2
    assert cells[0] == Rect(0, 50, w, 100)
    assert cells[1] == Rect(w + 28, 50, w, 100)
    assert cells[2] == Rect((1000 - w) / 2, 50 + 128, w, 100)
    assert tile_rows(Rect(0, 0, 100, 100), 0, 2, 50) == []


def test_rows_share_a_height_less_their_gaps() -> None:
    assert rows_fit(356, 5, 2) == 100
    assert rows_fit(100, 1, 4) == 100


def test_the_panel_sheet_leaves_a_rim_on_landscape_and_rises_from_the_bottom_on_portrait() -> None:
    sheet = panel_rect((1920, 1080), portrait=False)
    assert sheet == Rect(140, 50, 1640, 980)
    tall = panel_rect((1080, 1920), portrait=True)
    assert (tall.x, tall.w, tall.bottom) == (0, 1080, 1920)
    assert tall.h == round(1920 * 0.8)


def test_tile_paddings_are_one_type() -> None:
    assert isinstance(SLIDE_TILE_PAD, Insets)
    assert isinstance(PANEL_TILE_PAD, Insets)
    assert all(isinstance(side, float) for side in (*SLIDE_TILE_PAD, *PANEL_TILE_PAD))


# ----------------------------------------------------------------------------- tile plans


@dataclass
class _Metrics:
    px: float

    def advance(self, words: str) -> float:
        return len(words) * self.px * 0.5

    def ascent(self) -> float:
        return self.px * 0.8

    def descent(self) -> float:
        return self.px * 0.2

    def height(self) -> float:
        return self.px * 1.2


class _Measure:
    """Monospaced words half as wide as they are tall, lines 1.2 high."""

    def font(self, px: float, bold: bool) -> _Metrics:
        return _Metrics(px)

    def wrapped_height(self, words: str, width: float, px: float, bold: bool) -> float:
        per_line = max(1, int(width // (px * 0.5)))
        lines = max(1, -(-len(words) // per_line))
        return lines * px * 1.2


@dataclass(frozen=True)
class _Sizes:
    kpi: float = 100
    subtitle: float = 40
    label: float = 30
    caption: float = 24
    floor: float = 20


def _tile(
    number: str = "42",
    post: str = "",
    label: str = "Jobs",
    note: str | None = None,
    drill: bool = False,
) -> TileText:
    return TileText("", number, post, label, note, drill)


def test_roomy_tiles_get_the_largest_number() -> None:
    plan = plan_tiles([_tile(), _tile("7")], 600, 400, _Sizes(), _Measure())
    assert plan.number == pytest.approx(72)
    assert plan.label == 30
    assert plan.under == frozenset()


def test_the_number_shrinks_until_the_widest_figure_fits() -> None:
    wide = _tile("123456789")
    plan = plan_tiles([wide, _tile()], 300, 400, _Sizes(), _Measure())
    inner = 300 - PANEL_TILE_PAD.left - PANEL_TILE_PAD.right
    assert 9 * plan.number * 0.5 <= inner
    assert plan.number < 72


def test_a_long_unit_goes_under_the_number_rather_than_shrink_it() -> None:
    long_unit = _tile("12", post="RMB 100 million")
    plan = plan_tiles([_tile(), long_unit], 300, 400, _Sizes(), _Measure())
    assert plan.under == frozenset({1})
    assert plan.number == pytest.approx(72)


def test_the_drill_affordance_takes_room_from_the_words() -> None:
    width = PANEL_TILE_PAD.left + PANEL_TILE_PAD.right + 9 * 36 + DRILL_ROOM / 2
    plain = plan_tiles([_tile("123456789")], width, 400, _Sizes(), _Measure())
    drilled = plan_tiles([_tile("123456789", drill=True)], width, 400, _Sizes(), _Measure())
    assert drilled.number < plain.number


def test_a_note_is_measured_at_the_caption_size() -> None:
    plan = plan_tiles([_tile(note="since 2020")], 600, 400, _Sizes(), _Measure())
    assert plan.note == 24
    assert plan.note_h == pytest.approx(24 * 1.2 + 6)


def test_a_cramped_tile_still_gets_a_plan_at_the_least_sizes() -> None:
    plan = plan_tiles([_tile("123456789012345", label="x " * 200)], 200, 120, _Sizes(), _Measure())
    assert plan.number == pytest.approx(40 * 0.8)
    assert plan.label == 20


def test_tile_height_is_what_the_plan_needs() -> None:
    tiles = [_tile(), _tile(note="a note")]
    need = tile_height(tiles, 1228, 2, _Sizes(), _Measure())
    plan = plan_tiles(tiles, 600, 1e5, _Sizes(), _Measure())
    assert need == plan.height
    top, bottom = PANEL_TILE_PAD.top, PANEL_TILE_PAD.bottom
    high = plan.number * 0.8 + plan.number * 0.2 * 0.4  # ascent and a little descent
    expected = top + bottom + high + 10 + plan.label_h + plan.note_h
    assert need == pytest.approx(expected)
