"""Overview, help, hotspot focus, transitions and count-up in the player."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage

from nanyi_desk.deck import load_deck
from nanyi_desk.deck.figures import counted
from nanyi_desk.deck.model import KpisSlide
from nanyi_desk.layout.thumbnail_grid import grid_columns
from nanyi_desk.playback.keymap import HELP, KEYMAP, PANEL_KEYMAP, PRESENTER_KEYMAP, action_for
from nanyi_desk.render.painter import render_image
from nanyi_desk.resources import default_deck
from nanyi_desk.ui.help_overlay import help_rows
from nanyi_desk.ui.motion import paint_transition


def _kpis_index(deck) -> int:  # noqa: ANN001
    return next(i for i, s in enumerate(deck.slides) if isinstance(s, KpisSlide))


# -- overview -----------------------------------------------------------------------


def test_o_opens_the_overview_and_enter_jumps_to_the_chosen_slide(qtbot, player) -> None:  # noqa: ANN001
    view, state = player.view, player.state
    state.goto(2)
    qtbot.keyClick(view, Qt.Key.Key_O)
    overview = view.overview
    assert overview.isVisible()
    assert overview.selected == 2
    columns = overview.columns()
    qtbot.keyClick(overview, Qt.Key.Key_Down)
    qtbot.keyClick(overview, Qt.Key.Key_Right)
    assert overview.selected == 2 + columns + 1
    with qtbot.waitSignal(state.slide_changed) as blocker:
        qtbot.keyClick(overview, Qt.Key.Key_Return)
    assert blocker.args == [2 + columns + 1]
    assert not overview.isVisible()
    assert view.hasFocus()


def test_overview_fills_in_thumbnails_and_a_click_jumps(qtbot, player) -> None:  # noqa: ANN001
    view, state = player.view, player.state
    qtbot.keyClick(view, Qt.Key.Key_O)
    overview = view.overview
    qtbot.waitUntil(lambda: len(overview.thumbs) == overview.count, timeout=20000)
    # The thumbnail of slide 5 is that slide, small: not a blank.
    thumb = overview.thumbs[4]
    assert thumb.width() == round(overview.cell(4).width() * thumb.devicePixelRatio())
    assert (
        len(
            {
                thumb.pixel(x, y)
                for x in range(0, thumb.width(), 7)
                for y in range(0, thumb.height(), 7)
            }
        )
        > 3
    )
    centre = overview.cell(4).center().toPoint()
    with qtbot.waitSignal(state.slide_changed) as blocker:
        qtbot.mouseClick(overview, Qt.MouseButton.LeftButton, pos=centre)
    assert blocker.args == [4]
    assert not overview.isVisible()


def test_escape_leaves_the_overview_where_the_talk_was(qtbot, player) -> None:  # noqa: ANN001
    view, state = player.view, player.state
    state.goto(3)
    qtbot.keyClick(view, Qt.Key.Key_O)
    qtbot.keyClick(view.overview, Qt.Key.Key_Right)
    qtbot.keyClick(view.overview, Qt.Key.Key_Escape)
    assert not view.overview.isVisible()
    assert state.index == 3


def test_grid_columns_fit_the_window() -> None:
    # 32 landscape slides on a 16:9 screen: about six across; on a portrait screen, fewer.
    assert 5 <= grid_columns(32, 1920, 1000, 16 / 9) <= 7
    assert grid_columns(32, 1080, 1800, 16 / 9) < grid_columns(32, 1920, 1000, 16 / 9)
    assert grid_columns(1, 800, 600, 16 / 9) == 1


# -- help ---------------------------------------------------------------------------


def test_question_mark_shows_help_and_any_key_closes_it(qtbot, player) -> None:  # noqa: ANN001
    view = player.view
    qtbot.keyClick(view, Qt.Key.Key_Question)
    assert view.help.isVisible()
    qtbot.keyClick(view.help, Qt.Key.Key_Escape)
    assert not view.help.isVisible()
    assert player.state.index == 0  # closing help is not a slide change


def test_help_lists_every_action_in_both_languages() -> None:
    assert set(HELP) == set(KEYMAP) | set(PANEL_KEYMAP) | set(PRESENTER_KEYMAP)
    for lang in ("zh", "en"):
        rows = help_rows(lang, presenter=True)
        described = [does for _, does in rows]
        for action, words in HELP.items():
            assert words[lang] in described, (lang, action)
    assert "PgDn" in help_rows("en")[0][0]
    # The one-window player lists only its own keys.
    assert HELP["search"]["en"] not in [does for _, does in help_rows("en")]
    assert action_for("Question") == "help"


# -- hotspot focus ------------------------------------------------------------------


def test_tab_walks_the_hotspots_and_enter_opens_the_panel(qtbot, player) -> None:  # noqa: ANN001
    view, state = player.view, player.state
    state.goto(_kpis_index(view.cache.ctx.deck))
    _, hotspots, _ = view.current()
    assert len(hotspots) >= 2
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.focus.focused == 1
    qtbot.keyClick(view, Qt.Key.Key_Backtab)
    assert view.focus.focused == 0
    with qtbot.waitSignal(state.panels_changed) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert blocker.args == [(hotspots[0].panel,)]
    assert state.index == _kpis_index(view.cache.ctx.deck)  # Enter opened, it did not advance


def test_focus_ring_is_painted_around_the_focused_hotspot(qtbot, player) -> None:  # noqa: ANN001
    view, state = player.view, player.state
    state.goto(_kpis_index(view.cache.ctx.deck))
    qtbot.waitUntil(lambda: not view.motion.running, timeout=3000)
    before = view.grab().toImage()
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    after = view.grab().toImage()
    _, hotspots, (scale, dx, dy) = view.current()
    h = hotspots[0]
    # Just outside the hotspot's left edge, half-way down: the ring.
    x = round((dx + h.x * scale - 4) * after.devicePixelRatio())
    y = round((dy + (h.y + h.h / 2) * scale) * after.devicePixelRatio())
    assert before.pixel(x, y) != after.pixel(x, y)


# -- transitions and count-up -------------------------------------------------------


def _solid(colour: str) -> QImage:
    image = QImage(100, 50, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(colour)
    return image


@pytest.mark.parametrize(
    ("kind", "progress", "direction", "left", "right"),
    [
        ("slide", 0.5, 1, "#ff0000", "#0000ff"),  # forward: the old slide leaves to the left
        ("slide", 0.5, -1, "#0000ff", "#ff0000"),  # back: the new one comes from the left
        ("none", 0.5, 1, "#0000ff", "#0000ff"),
        ("fade", 1.0, 1, "#0000ff", "#0000ff"),
    ],
)
def test_transition_frames(qapp, kind, progress, direction, left, right) -> None:  # noqa: ANN001
    from PySide6.QtGui import QPainter

    target = _solid("#000000")
    painter = QPainter(target)
    paint_transition(painter, kind, _solid("#ff0000"), _solid("#0000ff"), progress, direction, 100)
    painter.end()
    assert target.pixelColor(10, 25).name() == left
    assert target.pixelColor(90, 25).name() == right


def test_fade_half_way_mixes_the_slides(qapp) -> None:  # noqa: ANN001
    from PySide6.QtGui import QPainter

    target = _solid("#000000")
    painter = QPainter(target)
    paint_transition(painter, "fade", _solid("#ff0000"), _solid("#0000ff"), 0.5, 1, 100)
    painter.end()
    colour = target.pixelColor(50, 25)
    assert 100 < colour.red() < 155
    assert 100 < colour.blue() < 155


def _rows(image: QImage) -> np.ndarray:
    """Every tenth row of a grab as RGB integers."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    shape = (image.height(), image.bytesPerLine() // 4, 4)
    pixels = np.frombuffer(image.constBits(), np.uint8).reshape(shape)
    return pixels[::10, : image.width(), :3].astype(int)


def test_a_slide_transition_moves_the_picture(qtbot, open_player) -> None:  # noqa: ANN001
    loaded = load_deck(default_deck())
    assert loaded.deck is not None
    slides = list(loaded.deck.slides)
    # The cover, then a slide without key figures: no count-up changes the picture meanwhile.
    slides[1] = slides[2].model_copy(update={"transition": "slide"})
    window = open_player(loaded.deck.model_copy(update={"slides": tuple(slides)}), loaded.folder)
    view = window.view
    first = _rows(view.grab().toImage())  # on screen: the transition starts from it
    window.state.next()
    transition = view.motion.transition
    assert transition.state() == transition.State.Running
    transition.setCurrentTime(transition.duration() // 2)
    middle = _rows(view.grab().toImage())
    qtbot.waitUntil(lambda: not view.motion.running, timeout=3000)
    last = _rows(view.grab().toImage())
    width = first.shape[1]

    def error(shift: int) -> float:  # the old slide moved `shift` px left, the new one behind
        gone = np.abs(middle[:, : width - shift] - first[:, shift:]).mean()
        come = np.abs(middle[:, width - shift :] - last[:, :shift]).mean()
        return float(max(gone, come))

    shift = min(range(1, width), key=error)
    assert error(shift) < 1.0, f"half-way is no slide to the left (best: {shift} px)"
    assert 0 < shift < width


def test_counted_keeps_the_figures_decimals() -> None:
    assert counted("351.6", 0.5) == "175.8"
    assert counted("351.6", 0.0) == "0.0"
    assert counted("1478", 0.25) == "370"
    assert counted("1478", 1.0) == "1478"
    assert counted("2026", 1.0) == "2026"


def test_kpi_figures_count_up_when_their_slide_arrives(qtbot, player) -> None:  # noqa: ANN001
    view, state = player.view, player.state
    ctx = view.cache.ctx
    index = _kpis_index(ctx.deck)
    start, _, _ = render_image(ctx, index, "zh", 960, 540, 1.0, count=0.0)
    final, _, _ = render_image(ctx, index, "zh", 960, 540, 1.0)
    assert start != final  # the numbers differ, the rest is the same picture
    view.grab()
    state.goto(index)
    assert view.motion.count.state() == view.motion.count.State.Running
    qtbot.waitUntil(lambda: not view.motion.running, timeout=3000)
    plain = next(i for i, s in enumerate(ctx.deck.slides) if not isinstance(s, KpisSlide))
    state.goto(plain)  # a slide without key figures: nothing counts
    assert view.motion.count.state() != view.motion.count.State.Running


def test_keys_after_overview_still_reach_the_slide(qtbot, player) -> None:  # noqa: ANN001
    view = player.view
    qtbot.keyClick(view, Qt.Key.Key_O)
    qtbot.keyClick(view.overview, Qt.Key.Key_O)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert player.state.index == 1
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert player.state.index == 2


def test_hovering_a_hotspot_highlights_it(qtbot, player) -> None:  # noqa: ANN001
    view, state = player.view, player.state
    state.goto(_kpis_index(view.cache.ctx.deck))
    qtbot.waitUntil(lambda: not view.motion.running, timeout=3000)
    _, hotspots, (scale, dx, dy) = view.current()
    h = hotspots[0]
    before = view.grab().toImage()
    qtbot.mouseMove(view, QPoint(round(dx + h.centre[0] * scale), round(dy + h.centre[1] * scale)))
    assert view.focus.hovered == h
    assert view.cursor().shape() == Qt.CursorShape.PointingHandCursor
    after = view.grab().toImage()
    x = round((dx + h.x * scale - 5) * after.devicePixelRatio())
    y = round((dy + (h.y + h.h / 2) * scale) * after.devicePixelRatio())
    assert before.pixel(x, y) != after.pixel(x, y)
    qtbot.mouseMove(view, QPoint(3, 3))
    assert view.focus.hovered is None
