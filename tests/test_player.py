"""The player's wiring: keys, number jump, language, blackout, clicks, swipes, export."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage

from nanyi_desk.cli import main
from nanyi_desk.deck import load_deck
from nanyi_desk.playback.navigator import resolve_start
from nanyi_desk.resources import starter_deck


def test_keys_move_through_the_deck(qtbot, player) -> None:  # noqa: ANN001
    view, state = player.view, player.state
    for key, expected in [
        (Qt.Key.Key_Right, 1),
        (Qt.Key.Key_Space, 2),
        (Qt.Key.Key_PageDown, 3),
        (Qt.Key.Key_PageUp, 2),
        (Qt.Key.Key_Left, 1),
        (Qt.Key.Key_End, state.count - 1),
        (Qt.Key.Key_Home, 0),
    ]:
        qtbot.keyClick(view, key)
        assert state.index == expected, key


def test_number_then_enter_jumps(qtbot, player) -> None:  # noqa: ANN001
    with qtbot.waitSignal(player.state.slide_changed) as blocker:
        qtbot.keyClicks(player.view, "12")
        qtbot.keyClick(player.view, Qt.Key.Key_Return)
    assert blocker.args == [11]


def test_language_switch_changes_what_is_shown(qtbot, player) -> None:  # noqa: ANN001
    before = player.view.current()[0].copy()
    with qtbot.waitSignal(player.state.language_changed) as blocker:
        qtbot.keyClick(player.view, Qt.Key.Key_L)
    assert blocker.args == ["en"]
    assert player.view.current()[0] != before


def test_blackout_and_back(qtbot, player) -> None:  # noqa: ANN001
    qtbot.keyClick(player.view, Qt.Key.Key_B)
    image = player.view.grab().toImage()
    assert image.pixelColor(image.width() // 2, image.height() // 2).name() == "#000000"
    qtbot.keyClick(player.view, Qt.Key.Key_Right)  # any key brings the slide back, without moving
    assert player.state.blank is None
    assert player.state.index == 0


def test_click_on_a_kpi_opens_its_panel(qtbot, player) -> None:  # noqa: ANN001
    state, view = player.state, player.view
    deck = view.cache.ctx.deck
    state.goto(
        next(
            i
            for i, s in enumerate(deck.slides)
            if s.layout == "kpis" and any(x.drill for x in s.items)
        )
    )
    _, hotspots, (scale, dx, dy) = view.current()
    target = next(h for h in hotspots if h.kind == "kpi")
    x, y = target.centre
    with qtbot.waitSignal(state.panels_changed) as blocker:
        qtbot.mouseClick(
            view,
            Qt.MouseButton.LeftButton,
            pos=QPoint(round(x * scale + dx), round(y * scale + dy)),
        )
    assert blocker.args == [(target.panel,)]


def test_swipe_left_goes_forward(qtbot, player) -> None:  # noqa: ANN001
    view = player.view
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=QPoint(700, 300))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=QPoint(300, 310))
    assert player.state.index == 1
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=QPoint(300, 300))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=QPoint(700, 290))
    assert player.state.index == 0


def test_neighbours_are_prerendered(qtbot, player) -> None:  # noqa: ANN001
    view = player.view
    size = (view.width(), view.height(), view.devicePixelRatioF())
    qtbot.waitUntil(lambda: view.cache.has(1, "zh", *size))


def test_start_resolves_ids_and_numbers() -> None:
    ids = ["cover", None, "end"]
    assert resolve_start(None, ids) == 0
    assert resolve_start("end", ids) == 2
    assert resolve_start("2", ids) == 1
    assert resolve_start("4", ids) is None
    assert resolve_start("nowhere", ids) is None


def test_export_writes_one_png_per_slide(
    qapp, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:  # noqa: ANN001
    out = tmp_path / "png"
    assert (
        main(["export", str(starter_deck()), "-o", str(out), "--size", "640x360", "--lang", "en"])
        == 0
    )
    files = sorted(out.glob("*.png"))
    deck = load_deck(starter_deck()).deck
    assert deck is not None
    assert len(files) == len(deck.slides)
    image = QImage(str(files[0]))
    assert (image.width(), image.height()) == (640, 360)
    assert not list(out.glob("*.tmp"))
