"""Start the player: the application, fonts, the window, on the chosen screen.

`starting_slide` and `application` are the steps every window of ours starts with (the player
here, the presenter's two in `presenter_app`).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from nanyi_desk.deck import LoadedDeck
from nanyi_desk.deck.model import Deck

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from .start_frame import FirstFrame


def starting_slide(deck: Deck, start: str | None, command: str) -> int | None:
    """The slide `--start` names, or None after saying in one line why there is none."""
    from nanyi_desk.playback.navigator import resolve_start

    index = resolve_start(start, [s.id for s in deck.slides])
    if index is None:
        print(
            f"{command}: --start {start}: no slide has that id or number (1–{len(deck.slides)})",
            file=sys.stderr,
        )
    return index


def application() -> QApplication:
    """The Qt application, named, with memory settled and the bundled fonts registered."""
    from PySide6.QtWidgets import QApplication

    from nanyi_desk.memory import steady_memory
    from nanyi_desk.render.fonts import register_fonts

    steady_memory()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("nanyi-desk")
    register_fonts()
    return app


def run_player(
    loaded: LoadedDeck,
    fullscreen: bool = False,
    screen: int | None = None,
    lang: str | None = None,
    start: str | None = None,
    watch: bool = False,
    first: FirstFrame | None = None,
) -> int:
    """Play a loaded deck until the window closes; return the exit code.

    `first` is the start's first frame (`ui.start_frame`): on screen already, or to be kept.
    """
    from nanyi_desk.playback.screens import screens_text
    from nanyi_desk.render.cache import SlideCache
    from nanyi_desk.render.context import deck_context
    from nanyi_desk.render.painter import ask_charts_ahead_full_screen

    from .deck_drop import DeckDrop
    from .error_bar import ErrorBar
    from .export_action import install_export_action
    from .state import PlayerState
    from .window import PlayerWindow

    deck = loaded.deck
    assert deck is not None
    index = starting_slide(deck, start, "nanyi-desk")
    if index is None:
        return 2
    if lang is not None and lang not in deck.languages:
        print(
            f"nanyi-desk: --lang {lang}: the deck's languages are {', '.join(deck.languages)}",
            file=sys.stderr,
        )
        return 2
    app = application()
    ctx = deck_context(loaded)
    state = PlayerState.for_deck(deck, index, lang)
    screens = app.screens()
    if screen is not None and not 0 <= screen < len(screens):
        print(f"nanyi-desk: --screen {screen}: {screens_text(len(screens))}", file=sys.stderr)
        return 2
    if fullscreen:
        # The first slide's charts, if they must be drawn, are drawn while the window is made.
        ask_charts_ahead_full_screen(ctx, index, state.lang, screens[screen or 0])
    window = PlayerWindow(state, SlideCache(ctx))
    # The handout is made from the deck on screen, reloaded or not, in the language shown.
    install_export_action(window, lambda: window.view.ctx, lambda: state.lang)
    bar = ErrorBar(window.view, ctx.theme.font)
    preview = None
    if watch:
        from .live_preview import LivePreview

        preview = LivePreview(loaded, state, [bar])
    # A deck dropped on the window plays there; the live preview, if on, follows it.
    window.drop = DeckDrop(window, state, bar, preview.reloader.watch if preview else None)
    if first is not None:
        # Before the window shows: its first paint may come at once.
        from .deck_reloader import deck_paths

        first.follow(window, window.view, state.place, lambda: deck_paths(loaded))
    window.show_on(screens[screen or 0], fullscreen)
    return app.exec()
