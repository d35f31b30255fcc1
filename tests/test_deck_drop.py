"""A deck dropped on the player's window plays there; a broken one leaves the current deck."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from nanyi_desk.deck.starter import write_starter


def _mime(path: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    return mime


def _drag(window, path: Path) -> bool:  # noqa: ANN001
    mime = _mime(path)  # the event only points at it: keep it alive until sent
    event = QDragEnterEvent(
        window.rect().center(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, event)
    return event.isAccepted()


def _drop(window, path: Path) -> None:  # noqa: ANN001
    mime = _mime(path)
    event = QDropEvent(
        QPointF(window.rect().center()),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, event)


def test_a_dropped_deck_plays_from_its_first_slide(player, tmp_path: Path) -> None:  # noqa: ANN001
    from nanyi_desk.ui.deck_drop import DeckDrop
    from nanyi_desk.ui.error_bar import ErrorBar

    bar = ErrorBar(player.view, player.view.ctx.theme.font)
    played = []
    drop = DeckDrop(player, player.state, bar, played.append)
    player.state.goto(5)
    folder = tmp_path / "delegation"
    write_starter(folder)
    (tmp_path / "notes.txt").write_text("not a deck")
    assert _drag(player, folder)
    assert _drag(player, folder / "deck.yaml")
    assert not _drag(player, tmp_path / "notes.txt")
    assert not _drag(player, tmp_path)  # a folder with no deck.yaml
    _drop(player, folder)
    assert player.view.ctx.deck.title["en"] == "My briefing"
    assert player.state.index == 0
    assert player.windowTitle().startswith("我的简报")
    assert len(played) == 1
    assert not bar.isVisible()
    assert drop.state is player.state


def test_a_broken_dropped_deck_leaves_the_one_playing(player, tmp_path: Path) -> None:  # noqa: ANN001
    from nanyi_desk.ui.deck_drop import DeckDrop
    from nanyi_desk.ui.error_bar import ErrorBar

    bar = ErrorBar(player.view, player.view.ctx.theme.font)
    drop = DeckDrop(player, player.state, bar)
    before = player.view.ctx
    player.state.goto(3)
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\ntitle: x\nslides: []\n", encoding="utf-8")
    assert _drag(player, broken)  # a drop always follows the drag's entry
    _drop(player, broken)
    assert player.view.ctx is before
    assert player.state.index == 3
    assert bar.isVisible()
    assert "broken.yaml:" in bar.lines[0]
    assert drop.bar is bar
