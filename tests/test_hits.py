"""Touch targets: which overlapping box a touch meant, and that every target fits a finger."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from nanyi_desk.playback.hits import meant


@dataclass
class B:
    x: float
    y: float
    w: float
    h: float
    name: str = ""


def test_the_nearest_centre_wins_between_grown_neighbours() -> None:
    left, right = B(0, 0, 80, 200, "left"), B(60, 0, 80, 200, "right")  # overlap 60–80
    assert meant([left, right], 65, 100).name == "left"
    assert meant([left, right], 75, 100).name == "right"


def test_a_small_box_inside_a_big_one_wins_near_its_middle() -> None:
    big, small = B(0, 0, 400, 400, "big"), B(300, 20, 80, 80, "small")
    assert meant([big, small], 340, 60).name == "small"
    assert meant([big, small], 100, 300).name == "big"


def test_nothing_is_meant_outside_every_box() -> None:
    assert meant([B(0, 0, 10, 10)], 50, 50) is None
    assert meant([], 0, 0) is None


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_touch_target_of_the_default_deck_fits_a_finger(qapp, lang: str) -> None:  # noqa: ANN001
    from nanyi_desk.deck import load_deck
    from nanyi_desk.render.context import DeckContext
    from nanyi_desk.render.fonts import register_fonts
    from nanyi_desk.render.painter import render_image
    from nanyi_desk.resources import default_deck
    from nanyi_desk.theme import load_theme

    register_fonts()
    loaded = load_deck(default_deck())
    assert loaded.deck is not None
    ctx = DeckContext(loaded.deck, loaded.folder, load_theme(loaded.deck.theme))
    small = []
    for index in range(len(loaded.deck.slides)):
        _, painted, _ = render_image(ctx, index, lang, 960, 540)
        small += [
            (index + 1, h.kind, round(h.w), round(h.h))
            for h in painted.hotspots
            if min(h.w, h.h) < 79.5
        ]
    assert not small, f"targets under 80 logical px: {small}"
