"""Which screen the audience and the console get, as screens come and go. No Qt."""

from __future__ import annotations

import pytest

from nanyi_desk.playback.screens import Placement, plan_screens, screens_text


def test_one_screen_opens_both_as_windows() -> None:
    assert plan_screens(1) == Placement(audience=0, console=0, audience_fullscreen=False)
    assert plan_screens(1, requested=1) == Placement(0, 0, False)


def test_the_projector_is_the_screen_that_is_not_primary() -> None:
    assert plan_screens(2, primary=0) == Placement(audience=1, console=0, audience_fullscreen=True)
    assert plan_screens(2, primary=1) == Placement(audience=0, console=1, audience_fullscreen=True)


def test_a_requested_screen_wins_while_it_is_there() -> None:
    assert plan_screens(3, primary=0, requested=2) == Placement(2, 0, True)
    # Asking for the primary: the console moves to another screen.
    assert plan_screens(2, primary=0, requested=0) == Placement(0, 1, True)
    # Pulled out: back to the rule.
    assert plan_screens(2, primary=0, requested=2) == Placement(1, 0, True)


def test_no_screen_is_an_error_and_counts_read_well() -> None:
    with pytest.raises(ValueError, match="no screen"):
        plan_screens(0)
    assert screens_text(1) == "there is 1 screen (0)"
    assert screens_text(3) == "there are 3 screens (0–2)"
