"""The player window's own keys: F and F11 (full screen), W (white screen) — by what they do.

Checked through the window and its pixels, not the player's state: full screen is the
window's (`isFullScreen()`), a white screen is what the view paints.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage


def _colours(image: QImage, step: int = 24) -> set[str]:
    """The colours of a grid of pixels across the whole image."""
    return {
        image.pixelColor(x, y).name()
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    }


@pytest.mark.parametrize("key", [Qt.Key.Key_F, Qt.Key.Key_F11], ids=["F", "F11"])
def test_f_and_f11_toggle_full_screen(qtbot, player, key: Qt.Key) -> None:  # noqa: ANN001
    assert not player.isFullScreen()
    qtbot.keyClick(player.view, key)
    qtbot.waitUntil(player.isFullScreen, timeout=2000)
    assert player.geometry() == player.screen().geometry()
    qtbot.keyClick(player.view, key)
    qtbot.waitUntil(lambda: not player.isFullScreen(), timeout=2000)
    assert player.state.index == 0  # the key only changed the window


def test_escape_leaves_full_screen(qtbot, player) -> None:  # noqa: ANN001
    qtbot.keyClick(player.view, Qt.Key.Key_F11)
    qtbot.waitUntil(player.isFullScreen, timeout=2000)
    qtbot.keyClick(player.view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not player.isFullScreen(), timeout=2000)


def _slide_shown(qtbot, view, slide: QImage) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: view.grab().toImage() == slide, timeout=2000)


def test_w_paints_the_view_white_and_w_again_brings_the_slide_back(qtbot, player) -> None:  # noqa: ANN001
    view = player.view
    slide = view.grab().toImage()
    assert len(_colours(slide)) > 2  # a slide, not a blank
    qtbot.keyClick(view, Qt.Key.Key_W)
    assert _colours(view.grab().toImage()) == {"#ffffff"}
    qtbot.keyClick(view, Qt.Key.Key_W)
    _slide_shown(qtbot, view, slide)


def test_any_key_after_w_brings_the_same_slide_back(qtbot, player) -> None:  # noqa: ANN001
    view = player.view
    slide = view.grab().toImage()
    qtbot.keyClick(view, Qt.Key.Key_W)
    assert _colours(view.grab().toImage()) == {"#ffffff"}
    qtbot.keyClick(view, Qt.Key.Key_Right)  # as in PowerPoint: back, without moving on
    _slide_shown(qtbot, view, slide)
    qtbot.keyClick(view, Qt.Key.Key_Right)  # and the next key moves on again
    qtbot.waitUntil(lambda: view.grab().toImage() != slide, timeout=2000)
    assert _colours(view.grab().toImage()) != {"#ffffff"}
