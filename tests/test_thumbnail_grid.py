"""The overview's thumbnail grid: plain geometry, no Qt."""

from __future__ import annotations

import itertools

import pytest

from nanyi_desk.layout.geometry import Rect
from nanyi_desk.layout.thumbnail_grid import GAP, LABEL, ThumbnailGrid


@pytest.mark.parametrize(
    ("count", "area", "aspect"),
    [
        (32, Rect(0, 64, 1920, 1016), 16 / 9),
        (32, Rect(0, 64, 1080, 1856), 9 / 16),
        (7, Rect(0, 64, 960, 476), 16 / 9),
        (1, Rect(0, 64, 800, 536), 16 / 9),
    ],
)
def test_thumbnails_fit_keep_their_aspect_and_never_overlap(
    count: int, area: Rect, aspect: float
) -> None:
    grid = ThumbnailGrid(count, area, aspect)
    cells = [grid.cell(i) for i in range(count)]
    for cell in cells:
        assert cell.w / cell.h == pytest.approx(aspect)
        assert area.x <= cell.x
        assert cell.right <= area.right + 1e-6
        assert area.y <= cell.y
        assert cell.bottom + LABEL <= area.bottom + 1e-6
    for a, b in itertools.combinations(cells, 2):
        apart_x = a.right + GAP <= b.x + 1e-6 or b.right + GAP <= a.x + 1e-6
        apart_y = a.bottom + LABEL <= b.y + 1e-6 or b.bottom + LABEL <= a.y + 1e-6
        assert apart_x or apart_y, (a, b)


def test_a_point_finds_its_thumbnail_and_the_header_finds_none() -> None:
    grid = ThumbnailGrid(12, Rect(0, 64, 1280, 656), 16 / 9)
    for index in range(12):
        assert grid.index_at(*grid.cell(index).centre) == index
    assert grid.index_at(640, 10) is None


def test_more_width_means_more_columns() -> None:
    wide = ThumbnailGrid(32, Rect(0, 64, 1920, 1016), 16 / 9).columns
    tall = ThumbnailGrid(32, Rect(0, 64, 1080, 1856), 16 / 9).columns
    assert tall < wide
