"""PlayerState: the one channel. Every change is a signal; views and observers only follow it."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt

from nanyi_desk.playback.navigator import Navigator
from nanyi_desk.ui.state import PlayerState

SIGNALS = (
    "slide_changed",
    "language_changed",
    "panels_changed",
    "blank_changed",
    "overlay_changed",
    "was_reset",
    "deck_changed",
)


class Heard:
    """Every signal a state emits, in order."""

    def __init__(self, state: PlayerState) -> None:
        self.log: list[tuple[str, object]] = []
        for name in SIGNALS:
            getattr(state, name).connect(lambda *args, n=name: self.log.append((n, *args)))

    def take(self) -> list[tuple[str, object]]:
        log, self.log = self.log, []
        return log


@pytest.fixture
def state(qapp) -> PlayerState:  # noqa: ANN001
    return PlayerState(Navigator(4, ("zh", "en"), ids=("a", "b", "c", "d")))


def test_each_change_is_one_signal_and_no_change_is_none(state: PlayerState) -> None:
    heard = Heard(state)
    assert state.goto(2)
    assert heard.take() == [("slide_changed", 2)]
    assert not state.goto(2)
    assert not state.set_language("zh")
    assert not state.back()
    assert not state.close_overlay()
    assert not state.unblank()
    assert heard.take() == []
    state.cycle_language()
    state.open_panel("p")
    state.toggle_blank("white")
    state.show_overlay("help")
    assert heard.take() == [
        ("language_changed", "en"),
        ("panels_changed", ("p",)),
        ("blank_changed", "white"),
        ("overlay_changed", "help"),
    ]
    state.toggle_blank("white")
    state.close_overlay()
    assert heard.take() == [("blank_changed", ""), ("overlay_changed", "")]


def test_opening_the_panel_already_on_top_is_a_no_op(state: PlayerState) -> None:
    heard = Heard(state)
    assert state.open_panel("p") is True
    assert state.open_panel("p") is False
    assert state.panels == ("p",)  # was ("p", "p") before: two Backs to leave one panel
    assert heard.take() == [("panels_changed", ("p",))]


def test_a_slide_change_closes_panels_slide_first(state: PlayerState) -> None:
    state.open_panel("p")
    heard = Heard(state)
    state.next()
    assert heard.take() == [("slide_changed", 1), ("panels_changed", ())]


def test_reset_says_what_moved_then_that_it_was_a_reset(state: PlayerState) -> None:
    state.goto(3)
    state.cycle_language()
    state.open_panel("p")
    state.toggle_blank("black")
    state.show_overlay("overview")
    heard = Heard(state)
    state.reset()
    assert heard.take() == [
        ("slide_changed", 0),
        ("language_changed", "zh"),
        ("panels_changed", ()),
        ("blank_changed", ""),
        ("overlay_changed", ""),
        ("was_reset",),
    ]


def _deck(ids: list[str], languages: tuple[str, ...], panels: set[str]) -> SimpleNamespace:
    slides = [SimpleNamespace(id=i) for i in ids]
    return SimpleNamespace(
        deck=SimpleNamespace(slides=slides, languages=languages, panels=dict.fromkeys(panels))
    )


def test_a_replaced_deck_keeps_the_place_by_id_in_the_same_state(state: PlayerState) -> None:
    state.goto(2)  # "c"
    state.cycle_language()
    state.open_panel("p")
    state.open_panel("q")
    heard = Heard(state)
    ctx = _deck(["new", "a", "b", "c", "d"], ("zh", "en"), {"p"})
    state.replace_deck(ctx)
    assert (state.index, state.lang, state.panels, state.count) == (3, "en", ("p",), 5)
    assert state.slide_ids == ("new", "a", "b", "c", "d")
    assert heard.take() == [
        ("deck_changed", ctx),
        ("slide_changed", 3),
        ("panels_changed", ("p",)),
    ]


def test_nothing_outside_the_state_reaches_into_the_navigator() -> None:
    import pathlib
    import re

    src = pathlib.Path(__file__).resolve().parents[1] / "src" / "nanyi_desk"
    around = re.compile(r"\bstate\.(nav|_nav)\b|\.view\.(overview|help|blank)\s*=|\.blank\s*=")
    offenders = [
        f"{path.relative_to(src)}:{n}: {line.strip()}"
        for path in src.rglob("*.py")
        if path.name != "state.py" and "playback" not in path.parts
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if around.search(line)
    ]
    assert offenders == []


# -- views that follow the state ------------------------------------------------------


def test_two_views_of_one_state_show_the_same_thing(qtbot, player) -> None:  # noqa: ANN001
    """The presenter console's case: a second view follows the state, never the first view."""
    from nanyi_desk.render.cache import SlideCache
    from nanyi_desk.ui.slide_view import SlideView

    state = player.state
    second = SlideView(state, SlideCache(player.view.ctx))
    qtbot.addWidget(second)
    second.resize(480, 270)
    second.show()
    qtbot.waitExposed(second)
    qtbot.keyClick(player.view, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: not second.motion.running, timeout=3000)
    shown, expected = second.grab().toImage(), second.current()[0]
    assert expected.size() == shown.size()
    assert [shown.pixelColor(x, 135) for x in range(0, 480, 40)] == [
        expected.pixelColor(x, 135) for x in range(0, 480, 40)
    ]  # the second view shows slide 2 though only the first was pressed
    qtbot.keyClick(player.view, Qt.Key.Key_W)
    image = second.grab().toImage()
    assert image.pixelColor(240, 135).name() == "#ffffff"
    qtbot.keyClick(player.view, Qt.Key.Key_W)
    qtbot.keyClick(second, Qt.Key.Key_O)  # the overlay asked for on one view shows on both
    assert state.overlay == "overview"
    assert player.view.overview.isVisible()
    assert second.overview.isVisible()
    qtbot.keyClick(player.view.overview, Qt.Key.Key_Escape)
    assert not player.view.overview.isVisible()
    assert not second.overview.isVisible()
    state.goto(next(i for i, s in enumerate(second.ctx.deck.slides) if s.layout == "kpis"))
    state.open_panel(second.current()[1][0].panel)
    qtbot.waitUntil(lambda: player.view.panels.isVisible() and second.panels.isVisible())


def test_blank_covers_an_open_panel_and_any_key_brings_it_back(qtbot, player) -> None:  # noqa: ANN001
    view, state = player.view, player.state
    deck = view.ctx.deck
    panel = next(iter(deck.panels))
    state.open_panel(panel)
    qtbot.waitUntil(lambda: view.panels.progress() >= 1.0)
    qtbot.keyClick(view.panels, Qt.Key.Key_B)
    assert state.blank == "black"
    image = player.grab().toImage()
    assert image.pixelColor(image.width() // 2, image.height() // 2).name() == "#000000"
    qtbot.keyClick(view.panels, Qt.Key.Key_Right)
    assert state.blank is None
    assert state.panels == (panel,)  # the key only brought the screen back
