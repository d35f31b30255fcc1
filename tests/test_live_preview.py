"""Live preview: a saved deck is on screen, on the same slide; a broken save never blanks it.

The player with `--watch` on a copy of the starter deck: edits of the deck file, an included
file, a CSV and a picture each show; a broken save keeps the last good slide under an error
bar in validate's own words, and the next good save takes the bar away; an editor's
save-by-rename and a file deleted then written again are both followed.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication

from nanyi_desk.deck import load_deck
from nanyi_desk.deck.starter import write_starter

WAIT_MS = 5000


@pytest.fixture
def preview(qtbot, tmp_path: Path):  # noqa: ANN001, ANN201
    """A player window with live preview on a fresh starter deck; returns (window, folder)."""
    from nanyi_desk.render.cache import SlideCache
    from nanyi_desk.render.context import deck_context
    from nanyi_desk.render.fonts import register_fonts
    from nanyi_desk.ui.error_bar import ErrorBar
    from nanyi_desk.ui.live_preview import LivePreview
    from nanyi_desk.ui.state import PlayerState
    from nanyi_desk.ui.window import PlayerWindow

    register_fonts()
    folder = tmp_path / "deck"
    write_starter(folder)
    loaded = load_deck(folder)
    assert loaded.deck is not None
    state = PlayerState.for_deck(loaded.deck)
    ctx = deck_context(loaded)
    window = PlayerWindow(state, SlideCache(ctx))
    qtbot.addWidget(window)
    window.resize(960, 540)
    window.show()
    qtbot.waitExposed(window)
    bar = ErrorBar(window.view, ctx.theme.font)
    live = LivePreview(loaded, state, [bar])
    yield window, folder, bar, live
    live.stop()


def _go(window, slide_id: str) -> None:  # noqa: ANN001
    window.state.goto(window.state.slide_ids.index(slide_id))


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _slide(window):  # noqa: ANN001, ANN202
    return window.view.ctx.deck.slides[window.state.index]


def test_an_edit_of_the_deck_shows_on_the_same_slide(qtbot, preview) -> None:  # noqa: ANN001
    window, folder, bar, _ = preview
    _go(window, "voice")
    window.state.set_language("en")
    before = window.view.ctx
    _edit(folder / "deck.yaml", "My briefing", "Our briefing")
    qtbot.waitUntil(lambda: window.view.ctx is not before, timeout=WAIT_MS)
    assert window.view.ctx.deck.title["en"] == "Our briefing"
    assert window.view.ctx.deck.slides[window.state.index].id == "voice"
    assert window.state.lang == "en"
    assert not bar.isVisible()


def test_an_edit_of_an_included_file_shows(qtbot, preview) -> None:  # noqa: ANN001
    window, folder, _, _ = preview
    _go(window, "cards")
    _edit(folder / "parts" / "figures.yaml", "{zh: 卡片, en: Cards}", "{zh: 卡片二, en: Cards two}")
    qtbot.waitUntil(lambda: _slide(window).title["en"] == "Cards two", timeout=WAIT_MS)
    assert _slide(window).id == "cards"


def test_an_edit_of_a_csv_shows_in_the_chart(qtbot, preview) -> None:  # noqa: ANN001
    window, folder, _, _ = preview
    _go(window, "chart")
    _edit(folder / "data" / "investment.csv", "2026,185.28,263.53", "2026,199,263.53")
    qtbot.waitUntil(lambda: 199 in _slide(window).chart.series[0].values, timeout=WAIT_MS)
    assert _slide(window).id == "chart"


def test_an_edited_picture_is_drawn_again(qtbot, preview) -> None:  # noqa: ANN001
    window, folder, _, _ = preview
    _go(window, "picture")
    before = window.view.ctx
    image, _, _ = window.view.current()
    picture = folder / "pictures" / "example.svg"
    _edit(
        picture,
        '<stop offset="0" stop-color="#0b3c5d"/>',
        '<stop offset="0" stop-color="#ff0000"/>',
    )
    qtbot.waitUntil(lambda: window.view.ctx is not before, timeout=WAIT_MS)
    after, _, _ = window.view.current()
    assert after != image  # the new picture, not the cached slide


def test_a_broken_save_keeps_the_last_good_slide_under_the_errors(qtbot, preview) -> None:  # noqa: ANN001
    window, folder, bar, _ = preview
    _go(window, "milestones")
    good = window.view.ctx
    _edit(folder / "deck.yaml", "layout: quote", "layout: quotes")
    qtbot.waitUntil(bar.isVisible, timeout=WAIT_MS)
    assert window.view.ctx is good  # nothing blanked, nothing swapped
    assert _slide(window).id == "milestones"
    broken = load_deck(folder)
    assert bar.lines
    assert bar.lines[0].endswith(str(broken.errors[0].message))
    assert ":" in bar.lines[0].split(" ")[0]  # file:line:col, as validate prints it
    qtbot.mouseClick(bar, __import__("PySide6.QtCore").QtCore.Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == bar.text()
    _edit(folder / "deck.yaml", "layout: quotes", "layout: quote")
    qtbot.waitUntil(lambda: not bar.isVisible(), timeout=WAIT_MS)
    assert window.view.ctx is not good
    assert _slide(window).id == "milestones"


def test_save_by_rename_and_delete_then_write_are_followed(qtbot, preview) -> None:  # noqa: ANN001
    window, folder, _, _ = preview
    deck_file = folder / "deck.yaml"
    text = deck_file.read_text(encoding="utf-8")
    # An editor writes a new file beside the old and renames it over.
    temporary = folder / ".deck.yaml.swp"
    temporary.write_text(text.replace("My briefing", "Renamed briefing"), encoding="utf-8")
    os.replace(temporary, deck_file)
    qtbot.waitUntil(lambda: window.view.ctx.deck.title["en"] == "Renamed briefing", timeout=WAIT_MS)
    # Another deletes the file, then writes it again.
    deck_file.unlink()
    qtbot.wait(50)
    deck_file.write_text(text.replace("My briefing", "Rewritten briefing"), encoding="utf-8")
    qtbot.waitUntil(
        lambda: window.view.ctx.deck.title["en"] == "Rewritten briefing", timeout=WAIT_MS
    )
