"""The Navigator: where the talk is, and the rules for moving it. Plain Python, no Qt."""

from __future__ import annotations

import pytest

from nanyi_desk.playback.gestures import swipe
from nanyi_desk.playback.keymap import KEYMAP, PANEL_KEYMAP, action_for, key_name
from nanyi_desk.playback.navigator import Navigator, resolve_start


def nav(**kw: object) -> Navigator:
    return Navigator(count=5, languages=("zh", "en"), **kw)  # type: ignore[arg-type]


def test_starts_clamped_in_the_default_language() -> None:
    assert (nav().index, nav().lang) == (0, "zh")
    assert nav(index=99).index == 4
    assert nav(index=-3).index == 0
    assert nav(lang="en").lang == "en"


def test_goto_clamps_says_if_it_moved_and_closes_panels() -> None:
    n = nav(index=2, panels=("a", "b"))
    assert n.goto(2) is False
    assert n.panels == ("a", "b")  # staying put keeps the panels open
    assert n.goto(9) is True
    assert (n.index, n.panels) == (4, ())
    assert n.next() is False  # the last slide has no next
    assert n.first()
    assert n.index == 0
    assert n.previous() is False
    assert n.last()
    assert n.index == 4


def test_language_cycles_and_refuses_what_the_deck_lacks() -> None:
    n = nav()
    assert n.following_language() == "en"
    assert n.set_language("fr") is False
    assert n.set_language("zh") is False  # already
    assert n.cycle_language()
    assert n.lang == "en"
    assert n.following_language() == "zh"
    assert n.cycle_language()
    assert n.lang == "zh"


def test_opening_the_panel_on_top_again_is_a_no_op() -> None:
    n = nav()
    assert n.open_panel("p") is True
    assert n.open_panel("p") is False
    assert n.panels == ("p",)
    assert n.open_panel("q") is True
    assert n.open_panel("p") is True  # p again, on top of q: a real drill
    assert n.panels == ("p", "q", "p")
    assert n.back()
    assert n.panels == ("p", "q")
    assert n.close_panels()
    assert n.panels == ()
    assert n.back() is False
    assert n.close_panels() is False


def test_blank_toggles_and_unblanks() -> None:
    n = nav()
    assert n.toggle_blank("black")
    assert n.blank == "black"
    assert n.toggle_blank("white")
    assert n.blank == "white"
    assert n.toggle_blank("white")
    assert n.blank is None
    assert n.unblank() is False
    n.toggle_blank("black")
    assert n.unblank()
    assert n.blank is None
    with pytest.raises(ValueError, match="grey"):
        n.toggle_blank("grey")  # type: ignore[arg-type]


def test_one_overlay_at_a_time() -> None:
    n = nav()
    assert n.show_overlay("overview") is True
    assert n.show_overlay("overview") is False
    assert n.show_overlay("help")
    assert n.overlay == "help"
    assert n.close_overlay()
    assert n.overlay is None
    assert n.close_overlay() is False


def test_reset_brings_everything_back_to_the_start() -> None:
    n = nav(index=3, lang="en", panels=("p",), blank="white", overlay="help")
    n.reset()
    assert (n.index, n.lang, n.panels, n.blank, n.overlay) == (0, "zh", (), None, None)


def test_reload_keeps_the_slide_by_id_then_by_number() -> None:
    n = Navigator(4, ("zh", "en"), index=2, lang="en", ids=("a", "b", "c", "d"))
    n.reload(5, ("zh", "en"), ids=("new", "a", "b", "c", "d"))  # a slide inserted before
    assert (n.index, n.lang) == (3, "en")  # still "c"
    n.reload(3, ("zh",), ids=("x", "y", "z"))  # "c" is gone: the same number, clamped
    assert (n.index, n.lang) == (2, "zh")  # English is gone too
    n.reload(2, ("zh",))  # no ids: by number, clamped
    assert n.index == 1


def test_reload_keeps_panels_down_to_the_first_that_is_gone() -> None:
    n = nav(panels=("a", "b", "c"))
    n.reload(5, ("zh", "en"), panel_ids={"a", "c"})
    assert n.panels == ("a",)
    n.reload(5, ("zh", "en"))  # panels unknown: kept
    assert n.panels == ("a",)


def test_ids_must_match_the_count() -> None:
    with pytest.raises(ValueError, match="2 slide ids for 3 slides"):
        Navigator(3, ("zh",), ids=("a", "b"))


def test_resolve_start() -> None:
    ids = ["cover", None, "kpis"]
    assert resolve_start(None, ids) == 0
    assert resolve_start("kpis", ids) == 2
    assert resolve_start("2", ids) == 1
    assert resolve_start("4", ids) is None
    assert resolve_start("nope", ids) is None


def test_swipes_need_length_and_a_main_direction() -> None:
    assert swipe(-120, 10) == "left"
    assert swipe(120, -30) == "right"
    assert swipe(5, 150) == "down"
    assert swipe(0, -81) == "up"
    assert swipe(60, 0) is None  # too short: a tap's wobble
    assert swipe(120, 100) is None  # slanted: neither


def test_one_key_map_for_slides_and_panels() -> None:
    class Key:  # Qt's enum, as far as key_name cares
        name = "Key_PageDown"

    assert key_name(Key()) == "PageDown"
    assert action_for("Backspace") == "previous"
    assert action_for("Backspace", in_panel=True) == "back"
    assert action_for("Escape", in_panel=True) == "back"
    assert action_for("Right", in_panel=True) == "next"  # the panel layer puts panels away
    assert set(PANEL_KEYMAP["back"]) <= {k for keys in KEYMAP.values() for k in keys}
