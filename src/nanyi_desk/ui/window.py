"""The player's top-level window: the slide view, full screen on any screen."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QMainWindow

from nanyi_desk.render.cache import SlideCache
from nanyi_desk.render.context import DeckContext

from .slide_view import SlideView
from .state import PlayerState


class PlayerWindow(QMainWindow):
    """A window holding one SlideView."""

    def __init__(self, state: PlayerState, cache: SlideCache) -> None:
        super().__init__()
        self.state = state
        self.view = SlideView(state, cache, self)
        self.drop: QObject | None = None
        """Takes decks dropped on the window (`ui.deck_drop`), where the app installs it."""
        self.setCentralWidget(self.view)
        self.view.fullscreen_requested.connect(self.toggle_fullscreen)
        self.view.escape_requested.connect(self.leave_fullscreen)
        deck = cache.ctx.deck
        self._title(cache.ctx)
        state.deck_changed.connect(self._title)  # a reloaded or dropped deck
        self.resize(1280, 720) if deck.aspect == "16:9" else self.resize(540, 960)
        self.setStyleSheet("background: #000;")

    def _title(self, ctx: DeckContext) -> None:
        self.setWindowTitle(f"{ctx.text(ctx.deck.title, self.state.lang)} — nanyi-desk")

    def show_on(self, screen: QScreen, fullscreen: bool) -> None:
        """Show on `screen`; with no window manager, full screen needs the geometry set first."""
        self.setScreen(screen)
        area = screen.geometry()
        if fullscreen:
            self.setGeometry(area)
            self.showFullScreen()
        else:
            self.move(area.center() - self.rect().center())
            self.show()
        self.view.setFocus()

    def leave_fullscreen(self) -> None:
        """Back to a window, if full screen."""
        if self.isFullScreen():
            self.showNormal()

    def toggle_fullscreen(self) -> None:
        """Full screen on, or off."""
        if self.isFullScreen():
            self.showNormal()
        else:
            self.setGeometry(self.screen().geometry())
            self.showFullScreen()
