"""A deck dropped on the player's window plays there: a `.yaml` file or a folder holding deck.yaml.

For a delegation laptop with the offline build: open the app, drag the deck from the USB stick
onto it. A good deck replaces the one playing, from its first slide; one with errors leaves
the current deck playing and lists the errors on the error bar, as the live preview does.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QWidget

from nanyi_desk.deck import LoadedDeck

from .error_bar import ErrorBar
from .live_preview import ready
from .state import PlayerState


def deck_path(event: QDragEnterEvent | QDropEvent) -> Path | None:
    """The deck a drag carries: one local `.yaml`/`.yml` file or a folder with deck.yaml."""
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    path = Path(urls[0].toLocalFile())
    if path.is_dir():
        return path if (path / "deck.yaml").is_file() else None
    return path if path.suffix.lower() in (".yaml", ".yml") and path.is_file() else None


class DeckDrop(QObject):
    """Takes decks dropped on `window` and plays them through `state`."""

    def __init__(
        self,
        window: QWidget,
        state: PlayerState,
        bar: ErrorBar,
        played: Callable[[LoadedDeck], None] | None = None,
    ) -> None:
        super().__init__(window)
        self.state = state
        self.bar = bar
        self.played = played
        """Told of each deck that now plays (the live preview follows it)."""
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if deck_path(event) is not None:  # type: ignore[arg-type]
                event.acceptProposedAction()  # type: ignore[attr-defined]
                return True
        elif event.type() == QEvent.Type.Drop:
            path = deck_path(event)  # type: ignore[arg-type]
            if path is not None:
                event.acceptProposedAction()  # type: ignore[attr-defined]
                self.play(path)
                return True
        return False

    def play(self, path: Path) -> bool:
        """Play the deck at `path` from its first slide; False (errors on the bar) if it can't."""
        from nanyi_desk.deck import load_deck  # the loader loads with the first dropped deck

        loaded = load_deck(path)
        ctx, problems = ready(loaded)
        if ctx is None:
            self.bar.show_errors(problems, self.state.lang)
            return False
        self.bar.clear()
        self.state.replace_deck(ctx)
        self.state.close_overlay()
        self.state.goto(0)
        if self.played is not None:
            self.played(loaded)
        return True
