"""The process the kiosk supervisor starts: a kiosk player until the staff's exit.

It sets up the application (fonts, steady memory, its own rotating log), loads the deck —
ending with the deck's real errors on stderr when it cannot, since the supervisor shows the
last line on its fallback screen — or shows the fallback screen it was asked to, attaches the
visit recorder, and quits when its supervisor is gone.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from nanyi_desk.logs import rotating_log

if TYPE_CHECKING:
    from .kiosk_window import KioskWindow
    from .start_frame import FirstFrame

log = logging.getLogger("nanyi_desk.kiosk")


def run_kiosk_child(
    deck: Path,
    *,
    state: Path,
    heartbeat: Path,
    screen: int | None,
    pin: str | None,
    advance: float | None,
    idle_reset: float | None,
    fallback: str | None,
) -> int:
    """The supervisor's child: play `deck` as a kiosk (or the fallback screen) until exit."""
    from nanyi_desk.memory import steady_memory

    steady_memory()
    # The player's own rotating log, beside the supervisor's: every reload and error.
    rotating_log("kiosk-player.log")
    # A player restarted after a crash shows the visitors its slide again before the deck is
    # read: the first frame the last player painted on this place (ui.start_frame).
    first = None if fallback is not None else _first_frame(deck, state, screen, advance, pin)
    if first is not None and first.frame is None:
        # Nothing to show yet: its charts may need drawing too, so matplotlib loads on the
        # other core while the deck loads on this one (render.chart_worker).
        from nanyi_desk.render.chart_worker import start_helper

        start_helper(None, None)
    # The deck's model, the player and the fonts load after that frame is on screen.
    from nanyi_desk.deck import load_deck
    from nanyi_desk.render.fonts import register_fonts
    from nanyi_desk.theme import load_theme

    from .kiosk import KioskController
    from .kiosk_window import KioskWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("nanyi-desk")
    app.setQuitOnLastWindowClosed(False)  # only the staff's exit ends a kiosk
    register_fonts()
    loaded = None
    theme = load_theme("nanyi")
    if fallback is None:
        loaded = load_deck(deck)
        if loaded.deck is None:
            # The supervisor shows the last line on its fallback screen: end with a real error.
            sys.stderr.write(f"nanyi-desk kiosk: {loaded.path}: the deck has errors:\n")
            sys.stderr.write("".join(f"{d}\n" for d in loaded.errors))
            return 3
        theme = load_theme(loaded.deck.theme, loaded.folder)
    window = KioskWindow(theme)
    if fallback is not None:
        install_fallback(window, fallback)
    controller = KioskController(
        window,
        loaded,
        pin=pin,
        advance=advance,
        idle_reset=idle_reset,
        state_file=state,
        heartbeat=heartbeat,
    )
    recorder = None
    if controller.state is not None and loaded is not None and loaded.deck is not None:
        from nanyi_desk.analytics import Recorder, default_path

        from .visits import VisitObserver

        recorder = Recorder(default_path(), str(loaded.path))
        recorder.recover()  # a visit the last player left open was cut short by its crash
        controller.visits = VisitObserver(
            controller.state, recorder, [slide.id for slide in loaded.deck.slides], controller
        )
    orphan_watch = _watch_parent(app)
    screens = app.screens()
    chosen = screen if screen is not None and 0 <= screen < len(screens) else 0
    if first is not None and controller.state is not None and controller.view is not None:
        from .deck_reloader import deck_paths

        player = controller.state

        def files() -> list[Path]:
            return deck_paths(controller.loaded) if controller.loaded is not None else []

        def start_of() -> str | None:
            # As _first_frame names a resumed place; None where no restart opens.
            if player.panels or player.blank or player.overlay or window.pinpad.isVisible():
                return None
            return _resumed_at(player.index, player.lang, advance, pin)

        first.follow(window, controller.view, player.place, files)

        def moving() -> bool:
            return controller.view is not None and controller.view.motion.running

        first.keep_each_place(window, player, start_of, files, moving)
    window.show_on(screens[chosen])
    controller.start()
    try:
        return app.exec()
    finally:
        del orphan_watch
        if recorder is not None:
            recorder.close()


def _first_frame(
    deck: Path, state: Path, screen: int | None, advance: float | None, pin: str | None
) -> FirstFrame:
    """The resumed place's first frame, shown at once when a player showed it before."""
    from nanyi_desk.supervisor import link

    from .start_frame import FirstFrame

    saved = link.read_state(state) or {}
    place = _resumed_at(saved.get("slide"), saved.get("lang"), advance, pin)
    return FirstFrame.begin("kiosk", deck, place, None, screen)


def _resumed_at(slide: object, lang: object, advance: float | None, pin: str | None) -> str:
    """A kiosk start's place in the frame store (the PIN itself never goes into it)."""
    return repr((slide, lang, advance, pin is not None))


def install_fallback(window: KioskWindow, reason: str) -> None:
    """The fallback screen over the whole window: no controls or cue over its message."""
    from .kiosk_widgets import FallbackScreen

    window.install(FallbackScreen(window.theme, reason), layers=False)


def _watch_parent(app: QApplication) -> QTimer | None:
    """Quit when the supervisor is gone (POSIX).

    A restarted supervisor starts its own player, and two kiosks on one screen would be
    worse than a moment of none.
    """
    import os

    if os.name != "posix":
        return None
    parent = os.getppid()

    def check() -> None:
        if os.getppid() != parent:
            log.warning("the supervisor (pid %d) is gone; the player stops too", parent)
            app.exit(1)

    timer = QTimer(app)
    timer.setInterval(1000)
    timer.timeout.connect(check)
    timer.start()
    return timer
