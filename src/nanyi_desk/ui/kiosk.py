"""Kiosk mode's player: the child process the supervisor starts and watches.

`KioskWindow` is frameless, on top, full screen on its screen and refuses to close.
`KioskController` drives it: the attract loop and idle reset (rules in
`playback.kiosk`, asked by a timer), waking on the first touch, the on-screen controls, the
staff's exit (key chord or a long press in the top-left corner, then the PIN), heartbeats and
the resume state for the supervisor, a hidden cursor, a display kept awake, and hot reload of
a deck that changed on disk (validated in the background, swapped at a slide boundary of the
attract loop; a broken deck is logged and never shown).
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QFileSystemWatcher, QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QCursor, QGuiApplication, QInputDevice, QKeyEvent, QScreen
from PySide6.QtWidgets import QApplication, QWidget

from nanyi_desk.deck import LoadedDeck, load_deck
from nanyi_desk.playback.kiosk import LONG_PRESS_S, KioskSchedule, PinGate, in_corner
from nanyi_desk.playback.navigator import Navigator
from nanyi_desk.render.cache import SlideCache
from nanyi_desk.render.context import DeckContext
from nanyi_desk.supervisor import link
from nanyi_desk.theme import Theme, load_theme

from .keep_awake import KeepAwake
from .kiosk_widgets import AttractCue, ControlsBar, FallbackScreen, PinPad
from .slide_view import SlideView
from .state import PlayerState

log = logging.getLogger("nanyi_desk.kiosk")

TICK_MS = 250
BEAT_MS = 500
"""Twice a second: the contract asks for one beat a second at least."""
CURSOR_HIDE_MS = 3000
RELOAD_SETTLE_MS = 600
"""Editors write a file in several steps: wait for the writing to settle."""
INPUTS = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
}


def is_exit_chord(event: QKeyEvent) -> bool:
    """Ctrl+Alt+Shift+E: the staff's way out (playback.kiosk.EXIT_CHORD)."""
    wanted = (
        Qt.KeyboardModifier.ControlModifier
        | Qt.KeyboardModifier.AltModifier
        | Qt.KeyboardModifier.ShiftModifier
    )
    return event.key() == Qt.Key.Key_E and (event.modifiers() & wanted) == wanted


def touch_only() -> bool:
    """True when the machine has a touch screen and no mouse or touchpad."""
    kinds = {device.type() for device in QInputDevice.devices()}
    pointers = {QInputDevice.DeviceType.Mouse, QInputDevice.DeviceType.TouchPad}
    return QInputDevice.DeviceType.TouchScreen in kinds and not kinds & pointers


class KioskWindow(QWidget):
    """Frameless, on top, full screen, and it does not close unless the staff says so."""

    def __init__(self, theme: Theme) -> None:
        super().__init__(
            None, Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
        )
        self.theme = theme
        self.allow_close = False
        self.view: QWidget | None = None
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setStyleSheet("background: #000;")
        self.setWindowTitle("nanyi-desk kiosk")
        self.controls = ControlsBar(theme, self)
        self.cue = AttractCue(theme, "触摸屏幕 开始探索 · Touch to explore", self)
        self.pinpad = PinPad(theme, self)

    def install(self, view: QWidget) -> None:
        """Show `view` (the slides, or the fallback screen) under the kiosk's own layers."""
        old, self.view = self.view, view
        view.setParent(self)
        view.setGeometry(self.rect())
        view.show()
        for layer in (self.controls, self.cue, self.pinpad):
            layer.raise_()
        if old is not None:
            old.hide()
            old.deleteLater()
        view.setFocus()

    def show_on(self, screen: QScreen) -> None:
        """Cover `screen`; without a window manager only the geometry makes it full screen."""
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.showFullScreen()

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        super().resizeEvent(event)
        if self.view is not None:
            self.view.setGeometry(self.rect())
        self.controls.place()
        self.cue.place()
        if self.pinpad.isVisible():
            self.pinpad.setGeometry(self.rect())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Alt+F4 and the like
        if self.allow_close:
            event.accept()
        else:
            log.info("a close request was ignored (kiosk)")
            event.ignore()


class _Reloaded(QObject):
    """Carries a deck validated on a worker thread back to the GUI thread (queued)."""

    done = Signal(object)


class KioskController(QObject):
    """Runs a kiosk window; see the module docstring."""

    def __init__(  # noqa: PLR0913 - what the supervisor passes
        self,
        window: KioskWindow,
        loaded: LoadedDeck | None,
        *,
        pin: str | None,
        advance: float | None,
        idle_reset: float | None,
        state_file: Path | None,
        heartbeat: Path | None,
        clock: Callable[[], float] = time.monotonic,
        quit_app: Callable[[int], None] | None = None,
    ) -> None:
        super().__init__(window)
        self.quit_app = quit_app or QApplication.instance().exit
        self.window = window
        self.loaded = loaded
        self.clock = clock
        self.state_file = state_file
        self.heartbeat = heartbeat
        self.gate = PinGate(pin)
        self.options = (advance, idle_reset)
        self.state: PlayerState | None = None
        self.view: SlideView | None = None
        self.schedule: KioskSchedule | None = None
        self.pending: LoadedDeck | None = None
        self.visits = None  # an analytics observer, when one is attached
        self._last_input: tuple[int, int, int] | None = None
        self._timers: list[QTimer] = []
        self.ticker = self._timer(TICK_MS, self.tick)
        self.beater = self._timer(BEAT_MS, self.beat)
        self.hider = self._timer(CURSOR_HIDE_MS, self.hide_cursor, single=True)
        self.long_press = self._timer(round(LONG_PRESS_S * 1000), self.ask_exit, single=True)
        self.settle = self._timer(RELOAD_SETTLE_MS, self._validate_again, single=True)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(lambda _path: self.settle.start())
        self.watcher.directoryChanged.connect(lambda _path: self.settle.start())
        self._reloaded = _Reloaded(self)
        self._reloaded.done.connect(self._validated)
        window.controls.pressed.connect(self.control)
        window.pinpad.submitted.connect(self.pin_entered)
        window.pinpad.cancelled.connect(self._pin_cancelled)
        self.awake = KeepAwake()
        if loaded is not None and loaded.deck is not None:
            self._play(loaded, self._resume_point(loaded))
        QApplication.instance().installEventFilter(self)

    def _timer(self, ms: int, slot: Callable[[], object], single: bool = False) -> QTimer:
        timer = QTimer(self)
        timer.setInterval(ms)
        timer.setSingleShot(single)
        timer.timeout.connect(slot)
        self._timers.append(timer)
        return timer

    # -- starting, resuming, reloading ------------------------------------------------

    def start(self) -> None:
        """Begin: attract loop (or the fallback screen), heartbeats, awake display."""
        self.beat()
        self.beater.start()
        if self.state is not None:
            self.ticker.start()
        self.awake.hold()
        self.hider.start()
        if touch_only():
            self.hide_cursor()

    def _resume_point(self, loaded: LoadedDeck) -> tuple[int, str | None]:
        saved = link.read_state(self.state_file) if self.state_file else None
        deck = loaded.deck
        assert deck is not None
        if not saved:
            return 0, None
        slide, lang = saved.get("slide"), saved.get("lang")
        index = slide if isinstance(slide, int) and 0 <= slide < len(deck.slides) else 0
        log.info("resuming at slide %d", index + 1)
        return index, lang if lang in deck.languages else None

    def _play(self, loaded: LoadedDeck, at: tuple[int, str | None]) -> None:
        deck = loaded.deck
        assert deck is not None
        index, lang = at
        advance, idle_reset = self.options
        self.schedule = KioskSchedule(
            advance=advance or deck.kiosk.advance,
            idle_reset=idle_reset or deck.kiosk.idle_reset,
            durations=tuple(s.duration for s in deck.slides),
        )
        ctx = DeckContext(deck, loaded.folder, load_theme(deck.theme, loaded.folder))
        self.state = PlayerState(
            Navigator(len(deck.slides), deck.languages, index, lang or deck.languages[0])
        )
        self.view = SlideView(self.state, SlideCache(ctx))
        self.window.install(self.view)
        self.state.slide_changed.connect(self._slide_changed)
        self.state.language_changed.connect(lambda _lang: self._save())
        self.schedule.start(self.clock(), index)
        self._attract(True)
        self._update_language_label()
        self._save()
        self.loaded = loaded
        self._watch(loaded)
        if self.visits is not None:
            self.visits.follow(self.state, [slide.id for slide in deck.slides])

    def _watch(self, loaded: LoadedDeck) -> None:
        files = [str(path) for path in loaded.files]
        # Folders too: editors replace a file rather than write it, and the watch goes with it.
        wanted = set(files) | {str(Path(path).parent) for path in files}
        watched = set(self.watcher.files()) | set(self.watcher.directories())
        # Only the difference: unwatching and watching a path again would miss a change
        # saved in between.
        if watched - wanted:
            self.watcher.removePaths(sorted(watched - wanted))
        if wanted - watched:
            self.watcher.addPaths(sorted(wanted - watched))

    def _validate_again(self) -> None:
        if self.loaded is None:
            return
        path = self.loaded.path
        # load_deck is plain Python: a worker thread keeps the slides moving meanwhile.
        threading.Thread(
            target=lambda: self._reloaded.done.emit(load_deck(path)), daemon=True
        ).start()

    def _validated(self, loaded: LoadedDeck) -> None:
        if loaded.deck is None:
            log.error(
                "the changed deck has errors; the last good one keeps playing:\n%s",
                "\n".join(str(d) for d in loaded.errors),
            )
            self.pending = None
            if self.loaded is not None:
                self._watch(self.loaded)
            return
        log.info("the changed deck is valid; it takes over at the next slide of the loop")
        self.pending = loaded
        self._watch(loaded)

    # -- the loop ---------------------------------------------------------------------

    def tick(self) -> None:
        """What the schedule says is due now."""
        if self.schedule is None or self.state is None:
            return
        due = self.schedule.tick(self.clock())
        if due == "advance":
            if self.pending is not None:
                pending, self.pending = self.pending, None
                log.info("reloaded deck: %s", pending.path)
                self._play(pending, (0, None))
                return
            self.state.goto(self.schedule.next_index(self.state.nav.count))
            if self.state.index == self.schedule.index:  # a one-slide deck: time starts again
                self.schedule.slide_shown(self.state.index, self.clock())
        elif due == "reset":
            self.idle_reset()

    def idle_reset(self) -> None:
        """Nobody has touched the screen for a while: start over, as for the next visitor."""
        if self.state is None or self.schedule is None or self.view is None:
            return
        log.info("idle reset")
        if self.visits is not None:
            # The idle wait itself is nobody's visit: keep it out of the dwell times.
            self.visits.end("idle", idle_s=self.schedule.idle_reset)
        self.window.pinpad.hide()
        self.view.overview.close_overlay()
        self.view.help.hide()
        self.view.blank = None
        self.state.close_panels()
        self.state.set_language(self.state.nav.languages[0])
        self.state.goto(0)
        self.schedule.start(self.clock(), 0)
        self._attract(True)
        self.view.setFocus()

    def _attract(self, on: bool) -> None:
        self.window.cue.setVisible(on)
        self.window.controls.setVisible(not on)
        self.window.cue.place()
        self.window.controls.place()

    def wake(self) -> None:
        """The first touch: the visitor takes over."""
        log.info("a visitor: interactive mode")
        self._attract(False)
        if self.visits is not None and self.state is not None:
            self.visits.begin()

    def _slide_changed(self, index: int) -> None:
        if self.schedule is not None:
            self.schedule.slide_shown(index, self.clock())
        self._save()

    def _save(self) -> None:
        if self.state_file is not None and self.state is not None:
            link.write_state(self.state_file, {"slide": self.state.index, "lang": self.state.lang})

    def beat(self) -> None:
        """Tell the supervisor the GUI thread is alive."""
        if self.heartbeat is not None:
            link.beat(self.heartbeat)

    # -- controls and the way out -----------------------------------------------------

    def control(self, name: str) -> None:
        """An on-screen control was pressed."""
        state, view = self.state, self.view
        if state is None or view is None:
            return
        if name == "home":
            state.goto(0)
        elif name == "overview":
            view.act("overview")
        elif name == "language":
            state.cycle_language()
            self._update_language_label()
        elif name in ("next", "previous"):
            state.close_panels()
            getattr(state, name)()

    def _update_language_label(self) -> None:
        if self.state is None:
            return
        nav = self.state.nav
        following = nav.languages[(nav.languages.index(nav.lang) + 1) % len(nav.languages)]
        self.window.controls.language_label = {"zh": "中文", "en": "EN"}.get(
            following, following.upper()
        )
        self.window.controls.update()

    def ask_exit(self) -> None:
        """The staff's chord or long press: the PIN, or out."""
        log.info("staff exit requested")
        if not self.gate.required:
            self.exit()
            return
        locked = self.gate.locked_for(self.clock())
        self.window.pinpad.open(f"已锁定 · Locked: {locked:.0f} s" if locked else "")

    def pin_entered(self, pin: str) -> None:
        """The keypad's ✓."""
        result = self.gate.check(pin, self.clock())
        if result == "ok":
            self.exit()
        elif result == "wrong":
            log.warning("wrong staff PIN")
            self.window.pinpad.open("PIN 不正确 · Wrong PIN")
        else:
            log.warning("staff keypad locked for a minute after five wrong PINs")
            locked = self.gate.locked_for(self.clock())
            self.window.pinpad.open(f"已锁定 · Locked: {locked:.0f} s")

    def _pin_cancelled(self) -> None:
        self.window.pinpad.hide()
        if self.view is not None:
            self.view.setFocus()

    def exit(self) -> None:
        """Leave on purpose: the supervisor sees exit code 0 and stops too."""
        log.info("staff exit")
        if self.visits is not None:
            self.visits.end("exit")
        for timer in self._timers:
            timer.stop()
        QApplication.instance().removeEventFilter(self)
        self.awake.release()
        self.window.allow_close = True
        QGuiApplication.restoreOverrideCursor()
        self.window.close()
        self.quit_app(0)

    # -- input, cursor ----------------------------------------------------------------

    def hide_cursor(self) -> None:
        """No pointer on a kiosk that nobody is moving a mouse on."""
        if QGuiApplication.overrideCursor() is None:
            QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))

    def _show_cursor(self) -> None:
        if touch_only():
            return
        while QGuiApplication.overrideCursor() is not None:
            QGuiApplication.restoreOverrideCursor()
        self.hider.start()

    def _ours(self, watched: QObject) -> bool:
        if isinstance(watched, QWidget):
            return watched.window() is self.window
        return watched is self.window.windowHandle()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if not self._ours(watched):
            return False
        if kind == QEvent.Type.ContextMenu:
            return True  # no menus for visitors, anywhere
        if kind == QEvent.Type.MouseMove and isinstance(watched, QWidget) and watched.isWindow():
            self._show_cursor()
        if kind == QEvent.Type.KeyPress and is_exit_chord(event):  # type: ignore[arg-type]
            self.ask_exit()
            return True
        if kind in (QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd):
            self.long_press.stop()
        if kind not in INPUTS:
            return False
        # One input passes the filter at its window and again at each widget it bubbles to.
        seen = (int(kind), event.timestamp(), id(event))  # type: ignore[attr-defined]
        if seen == self._last_input:
            return False
        self._last_input = seen
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin):
            point = self._window_point(event)
            if point is not None and in_corner(point.x(), point.y()):
                self.long_press.start()
        if self.schedule is None or self.window.pinpad.isVisible():
            return False
        if self.schedule.input(self.clock()):
            self.wake()
            return True  # the touch that woke the kiosk does nothing else
        return False

    def _window_point(self, event: QEvent) -> QPointF | None:
        if hasattr(event, "points") and event.points():  # touch
            return self.window.mapFromGlobal(event.points()[0].globalPosition())
        if hasattr(event, "globalPosition"):
            return self.window.mapFromGlobal(event.globalPosition())
        return None


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
    from nanyi_desk.render.fonts import register_fonts

    steady_memory()
    log_to_file()
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
        window.install(FallbackScreen(theme, fallback))
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
        controller.visits = VisitObserver(
            controller.state, recorder, [slide.id for slide in loaded.deck.slides], controller
        )
    orphan_watch = _watch_parent(app)
    screens = app.screens()
    chosen = screen if screen is not None and 0 <= screen < len(screens) else 0
    window.show_on(screens[chosen])
    controller.start()
    try:
        return app.exec()
    finally:
        del orphan_watch
        if recorder is not None:
            recorder.close()


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


def log_to_file() -> None:
    """The player's log: a rotating file beside the supervisor's, with every reload and error."""
    from logging.handlers import RotatingFileHandler

    from nanyi_desk.user_dirs import log_dir

    root = logging.getLogger("nanyi_desk")
    if any(isinstance(h, RotatingFileHandler) for h in root.handlers):
        return
    try:
        handler = RotatingFileHandler(
            log_dir() / "kiosk-player.log", maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError as exc:  # a read-only disk must not stop the show
        sys.stderr.write(f"nanyi-desk kiosk: cannot write the log: {exc}\n")
        return
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s pid %(process)d %(name)s: %(message)s")
    )
    root.addHandler(handler)
    root.setLevel(logging.INFO)
