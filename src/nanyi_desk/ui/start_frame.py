"""A full-screen start shows its slide before the deck is read, from the store of first frames.

The frame the last such start painted (`render.frame_store`) shows in a bare window until the
player's own first frame — the same pixels — takes its place.

    first = FirstFrame.begin("play", deck, start, lang, screen)       # Qt only, no deck yet
    ... read the deck, build the player window, show it ...
    first.follow(window, window.view, state.place, files)             # hand over, or keep

Until the player is up, keys pressed (a clicker's Page Down) go to the bare window; they are
handed to the player when it takes over, in order, so nothing pressed is lost. A start that
finds no frame is an ordinary start, and keeps its first frame for the next one — unless the
place has moved by the time it is grabbed (a key pressed at once): a frame is kept only when
it is exactly the slide such a start opens on.

Imports only QtGui/QtWidgets and the frame store: this runs before pydantic, the deck or
anything else of ours is loaded, which is the whole point.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from nanyi_desk.render.frame_store import FrameStore, frame_key, frame_store, stamps_of

if TYPE_CHECKING:
    from .state import PlayerState

SHOW_TIMEOUT_MS = 1000
"""How long to wait for the bare window's first paint before going on regardless."""


class StartFrame(QWidget):
    """A bare window painting one stored frame; keys pressed on it wait for the player."""

    shown = Signal()
    """Its first paint is done: the slide is on screen."""

    def __init__(self, image: QImage, ratio: float) -> None:
        super().__init__()
        self.setWindowTitle("nanyi-desk")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.pixmap = QPixmap.fromImage(image)
        self.pixmap.setDevicePixelRatio(ratio)
        self.painted = False
        self._keys: list[QKeyEvent] = []
        self._target: QWidget | None = None

    def paintEvent(self, _event: QEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.black)
        painter.drawPixmap(0, 0, self.pixmap)
        painter.end()
        if not self.painted:
            self.painted = True
            self.shown.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        self._pass_on(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        self._pass_on(event)

    def _pass_on(self, event: QKeyEvent) -> None:
        copy = QKeyEvent(
            event.type(),
            event.key(),
            event.modifiers(),
            event.text(),
            event.isAutoRepeat(),
            event.count(),
        )
        if self._target is None:
            self._keys.append(copy)
        else:
            QApplication.sendEvent(self._target, copy)

    def hand_over(self, target: QWidget) -> None:
        """From now on keys go to `target`, those pressed so far first, in order."""
        self._target = target
        waiting, self._keys = self._keys, []
        for event in waiting:
            QApplication.sendEvent(target, event)


def audience_screen(requested: int | None) -> int | None:
    """Where a talk's audience view goes full screen (`plan_screens`); None with one screen."""
    from nanyi_desk.playback.screens import plan_screens

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    screens = app.screens()
    if not screens:
        return None
    primary = app.primaryScreen()
    plan = plan_screens(
        len(screens), screens.index(primary) if primary in screens else 0, requested
    )
    return plan.audience if plan.audience_fullscreen else None


class FirstFrame:
    """One start's first frame: shown from the store at once, or kept for the next start."""

    def __init__(
        self,
        store: FrameStore,
        parts: tuple[object, ...] | None = None,
        start: str | None = None,
        frame: StartFrame | None = None,
    ) -> None:
        self.store = store
        self._parts = parts
        self.key = None if parts is None else self.key_for(start)
        """The start's name in the store; None for a start that is never kept (a window)."""
        self.frame = frame
        """The bare window on screen, while the player is not; None on a miss."""
        self.kept: threading.Thread | None = None
        """The write of the last frame kept, while it runs."""
        self._watch: _FirstPaint | None = None
        self._places: _Places | None = None
        self._activate = True

    def key_for(self, start: str | None) -> str | None:
        """The name of a start like this one (same deck, screen…) that opens at `start`."""
        if self._parts is None:
            return None
        command, deck, lang, rest = self._parts[0], self._parts[1], self._parts[2], self._parts[3:]
        return frame_key((command, deck, start, lang, *rest))

    @classmethod
    def begin(
        cls,
        command: str,
        deck: Path,
        start: str | None,
        lang: str | None,
        screen: int | None,
        fullscreen: bool = True,
        store: FrameStore | None = None,
    ) -> FirstFrame:
        """Make the application and, when this start was seen before, show its frame.

        `deck` is the deck as given: its main file or its folder.
        """
        from nanyi_desk.deck.loaded import find_deck_file

        store = store if store is not None else frame_store()
        try:
            deck_file: str | None = str(find_deck_file(deck).resolve())
        except Exception:  # noqa: BLE001 - what is wrong with the path, the loader says
            deck_file = None
        app = QApplication.instance() or QApplication(sys.argv[:1])
        assert isinstance(app, QApplication)
        screens = app.screens()
        chosen = screen or 0
        if not fullscreen or deck_file is None or not 0 <= chosen < len(screens):
            return cls(store)
        area = screens[chosen].geometry()
        ratio = screens[chosen].devicePixelRatio()
        parts = (command, deck_file, lang, chosen, area.getRect(), ratio)
        first = cls(store, parts, start)
        image = store.load(first.key) if first.key is not None else None
        if image is None:
            return first
        first.frame = frame = StartFrame(image, ratio)
        frame.setScreen(screens[chosen])
        frame.setGeometry(area)  # with no window manager, full screen needs it first
        frame.showFullScreen()
        _wait_for_paint(frame, SHOW_TIMEOUT_MS)
        return first

    def follow(
        self,
        window: QWidget,
        view: QWidget,
        place: Callable[[], object],
        files: Callable[[], Iterable[Path]],
        activate: bool = True,
    ) -> None:
        """Watch the player's first paint: then hand over to it, or keep its frame.

        `place` says where the player is (slide, language, panels…): a frame is kept only if
        the place at the first paint is still the place when it is grabbed. `files` lists
        every file the picture depends on. `activate`: the player's window takes the
        keyboard when the frame goes (not so for a talk, whose console has it).
        """
        if self.key is None:
            return
        self._activate = activate
        self._watch = _FirstPaint(view, lambda: self._painted(window, view, place, files))

    def _painted(
        self,
        window: QWidget,
        view: QWidget,
        place: Callable[[], object],
        files: Callable[[], Iterable[Path]],
    ) -> None:
        if self.frame is not None:
            frame, self.frame = self.frame, None
            frame.hand_over(view)
            window.raise_()
            if self._activate:
                window.activateWindow()
                view.setFocus()
            frame.close()
            frame.deleteLater()
            return
        at_paint = place()

        def grab() -> None:
            if place() == at_paint and self.key is not None:
                self._keep(self.key, window, files)
            # else the player moved on at once: not the frame such a start opens on

        QTimer.singleShot(0, grab)

    def keep_each_place(
        self,
        window: QWidget,
        state: PlayerState,
        start_of: Callable[[], str | None],
        files: Callable[[], Iterable[Path]],
        moving: Callable[[], bool],
        settle_ms: int = 1500,
    ) -> None:
        """Keep the frame of every place the player settles on that a start can open at.

        For the kiosk: a player restarted after a crash opens where the last one was, which
        is rarely where it started. `start_of()` names the current place as a start would
        (None while the place is one no start opens on: a panel, the overview). A place is
        grabbed once it has been still for `settle_ms` and nothing moves on it (`moving()`:
        a transition, a count-up), once per run, and only when its stored frame is missing
        or stale.
        """
        if self._parts is None:
            return
        self._places = _Places(self, window, state, (start_of, files, moving), settle_ms)

    def _keep(self, key: str, window: QWidget, files: Callable[[], Iterable[Path]]) -> None:
        stamps = stamps_of(files())
        if stamps is None:
            return
        image = window.grab().toImage()
        # PNG encoding takes ~60 ms: off the event loop, as the player is now in use.
        self.kept = threading.Thread(
            target=self.store.save, args=(key, image, stamps), name="start-frame"
        )
        self.kept.start()


class _Places(QObject):
    """Waits for the player to settle on a place, then keeps that place's frame."""

    def __init__(
        self,
        first: FirstFrame,
        window: QWidget,
        state: PlayerState,
        asks: tuple[Callable[[], str | None], Callable[[], Iterable[Path]], Callable[[], bool]],
        settle_ms: int,
    ) -> None:
        super().__init__(window)
        self.first, self.window, self.state = first, window, state
        self.start_of, self.files, self.moving = asks
        self.seen: set[str] = set()
        self.timer = QTimer(self, singleShot=True, interval=settle_ms)
        self.timer.timeout.connect(self.settled)
        for changed in (
            state.slide_changed,
            state.language_changed,
            state.panels_changed,
            state.blank_changed,
            state.overlay_changed,
        ):
            changed.connect(self.moved)
        state.deck_changed.connect(self.reloaded)
        self.moved()

    def moved(self, *_args: object) -> None:
        self.timer.start()

    def reloaded(self, *_args: object) -> None:
        self.seen.clear()  # a reloaded deck: every place's frame is stale
        self.timer.start()

    def settled(self) -> None:
        if self.moving():
            self.timer.start()  # still arriving: look again once it has
            return
        start = self.start_of()
        key = self.first.key_for(start) if start is not None else None
        if key is None or key in self.seen or not self.window.isVisible():
            return
        self.seen.add(key)
        if not self.first.store.fresh(key):
            self.first._keep(key, self.window, self.files)


class _FirstPaint(QObject):
    """Calls back once, after the first paint of a widget has finished."""

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._then: Callable[[], None] | None = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and self._then is not None:
            then, self._then = self._then, None
            watched.removeEventFilter(self)
            QTimer.singleShot(0, then)  # after this paint is done and flushed
        return False


def _wait_for_paint(frame: StartFrame, timeout_ms: int) -> None:
    """Run the event loop until `frame` has painted once, or the timeout."""
    loop = QEventLoop()
    frame.shown.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    if not frame.painted:
        loop.exec()
