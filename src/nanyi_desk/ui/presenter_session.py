"""A talk: the audience window on the projector, the console on the laptop, one state between.

The session builds both windows on one `PlayerState`, puts each on its screen (and again
whenever a projector is plugged in or pulled out, keeping the place), gives both windows the
presenter's keys, keeps the display awake, and records a rehearsal when asked. It wires; the
windows observe the state and never call each other.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QRect, Qt, QTimer
from PySide6.QtGui import QKeySequence, QScreen, QShortcut
from PySide6.QtWidgets import QMainWindow

from nanyi_desk.deck import LoadedDeck
from nanyi_desk.playback import rehearsal
from nanyi_desk.playback.keymap import PRESENTER_KEYMAP
from nanyi_desk.playback.screens import Placement, plan_screens
from nanyi_desk.playback.talk_clock import TalkClock
from nanyi_desk.render.cache import SlideCache
from nanyi_desk.render.context import DeckContext
from nanyi_desk.render.fonts import register_fonts

from .console_settings import ConsoleSettings
from .console_window import ConsoleWindow
from .error_bar import ErrorBar
from .export_action import install_export_action
from .keep_awake import KeepAwake
from .live_preview import LivePreview
from .screen_provider import ScreenProvider
from .state import PlayerState
from .window import PlayerWindow

log = logging.getLogger("nanyi_desk.present")


class PresenterSession(QObject):
    """The two windows of a talk and what joins them."""

    def __init__(
        self,
        state: PlayerState,
        ctx: DeckContext,
        screens: ScreenProvider,
        *,
        deck_file: Path | None = None,
        audience_screen: int | None = None,
        duration: float | None = None,
        console_lang: str | None = None,
        rehearse: bool = False,
        now: Callable[[], float] = time.monotonic,
        wall: Callable[[], datetime] = datetime.now,
        settings: ConsoleSettings | None = None,
        keep_awake: bool = True,
    ) -> None:
        super().__init__()
        register_fonts()  # both windows draw Chinese, whoever built the session
        self.state = state
        self.screens = screens
        self.requested = audience_screen
        self.deck_file = deck_file
        self.clock = TalkClock(duration, now)
        keys = [rehearsal.slide_key(i, s) for i, s in enumerate(state.slide_ids)]
        record = rehearsal.load(deck_file) if deck_file is not None else None
        plan = rehearsal.planned(record, keys) if record else None
        self.times = rehearsal.SlideTimes() if rehearse else None
        self.saved_to: Path | None = None
        self.audience = PlayerWindow(state, SlideCache(ctx))
        self.console = ConsoleWindow(
            state, ctx, self.clock, console_lang, plan, settings, wall, recording=rehearse
        )
        self.placement: Placement | None = None
        self.preview: LivePreview | None = None
        self._awake = KeepAwake() if keep_awake else None
        self._save_later = QTimer(self)
        self._save_later.setSingleShot(True)
        self._save_later.setInterval(1000)
        self._save_later.timeout.connect(self.save_rehearsal)

        # F on the console, as on the audience window, is the audience's full screen.
        for view in (self.audience.view, self.console.mirror):
            view.help.presenter = True
        self.console.mirror.private_help = True
        self.console.mirror.fullscreen_requested.connect(self.audience.toggle_fullscreen)
        # A clicker's start/stop button sends F5 then Esc: on a projector of its own, Esc must
        # not drop the audience's slide into a window mid-talk (F still does, on purpose).
        self.audience.view.escape_requested.disconnect(self.audience.leave_fullscreen)
        self.audience.view.escape_requested.connect(self._audience_escape)
        self.console.closing.connect(self.end)
        self.screens.changed.connect(self.place)
        state.slide_changed.connect(self._on_slide)
        self.shortcuts = self._keys(self.console)
        # Export handout… (Ctrl+E) on the console, in the audience's language by default.
        self.export_action = install_export_action(
            self.console, lambda: self.console.ctx, lambda: self.state.lang
        )

    def _keys(self, window: QMainWindow) -> list[QShortcut]:
        console = self.console
        does: dict[str, Callable[[], object]] = {
            "from_start": self.from_start,
            "from_here": self.from_here,
            "console_language": console.cycle_console_language,
            "search": console.open_search,
            "notes_larger": lambda: console.step_notes(1),
            "notes_smaller": lambda: console.step_notes(-1),
            "pause": console.toggle_pause,
        }
        made = []
        for action, sequences in PRESENTER_KEYMAP.items():
            for sequence in sequences:
                shortcut = QShortcut(QKeySequence(sequence), window)
                # Whichever of the two windows has the keyboard (a clicker's F5 lands on the
                # audience window as often as on the console).
                shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
                shortcut.activated.connect(does[action])
                made.append(shortcut)
        return made

    def watch(self, loaded: LoadedDeck) -> LivePreview:
        """Live preview: a saved deck replaces this one; its errors show on the console only."""
        bar = ErrorBar(self.console.mirror, self.console.ctx.theme.font)
        self.preview = LivePreview(
            loaded, self.state, [bar], lang=lambda: self.console.console_lang
        )
        self.console.console_language_changed.connect(bar.set_language)
        return self.preview

    # -- the talk -------------------------------------------------------------------

    def start(self) -> None:
        """Show both windows where they belong and start the clock."""
        self.place()
        self.console.activateWindow()
        self.console.mirror.setFocus()
        self.clock.start()
        if self.times is not None:
            self.times.enter(self._key(self.state.index), 0.0)
        if self._awake is not None:
            self._awake.hold()

    def from_start(self) -> None:
        """F5: the first slide, the audience full screen."""
        self.state.goto(0)
        self.from_here()

    def from_here(self) -> None:
        """Shift+F5: this slide, the audience full screen."""
        self.state.close_overlay()
        self.state.unblank()
        self._audience_fullscreen()

    def _audience_fullscreen(self) -> None:
        if not self.audience.isFullScreen():
            self.audience.toggle_fullscreen()

    def _audience_escape(self) -> None:
        if self.placement is None or not self.placement.audience_fullscreen:
            self.audience.leave_fullscreen()

    def end(self) -> None:
        """The console closed: the audience window goes, the rehearsal is kept."""
        self._save_later.stop()
        if self.times is not None:
            self.times.settle(self.clock.elapsed)
            self.save_rehearsal()
        if self._awake is not None:
            self._awake.release()
        self.audience.close()

    # -- screens --------------------------------------------------------------------

    def place(self) -> None:
        """Both windows onto their screens, by the plan for the screens there are now."""
        plan = plan_screens(self.screens.count(), self.screens.primary(), self.requested)
        self.placement = plan
        if plan.audience_fullscreen:
            # The laptop's screen is the console's own: all of it.
            self._move_to(self.console, plan.console)
            if self.console.isFullScreen():
                self.console.showNormal()
            self.console.setGeometry(self.screens.geometry(plan.console))
            self.console.showMaximized()
        else:
            self._put(self.console, plan.console, fullscreen=False, share=0.62)
        self._put(self.audience, plan.audience, fullscreen=plan.audience_fullscreen, share=0.45)
        if not plan.audience_fullscreen:
            # One screen: the audience window to the right of the console, both visible.
            area = self.screens.geometry(plan.audience)
            frame = self.audience.frameGeometry()
            self.audience.move(area.right() - frame.width() - 8, area.top() + 40)
            self.console.move(area.left() + 8, area.top() + 40)

    def _move_to(self, window: QMainWindow, index: int) -> None:
        qscreen: QScreen | None = self.screens.qscreen(index)
        if qscreen is not None:
            window.setScreen(qscreen)

    def _put(self, window: QMainWindow, index: int, fullscreen: bool, share: float) -> None:
        area: QRect = self.screens.geometry(index)
        self._move_to(window, index)
        if fullscreen:
            # Without a window manager, full screen needs the geometry set first.
            window.setGeometry(area)
            window.showFullScreen()
            return
        if window.isFullScreen():
            window.showNormal()
        aspect = self.state_aspect() if window is self.audience else 1280 / 800
        width = int(area.width() * share)
        height = int(width / aspect)
        if height > area.height() * 0.9:
            height = int(area.height() * 0.9)
            width = int(height * aspect)
        window.resize(width, height)
        window.move(area.center() - window.rect().center())
        window.show()

    def state_aspect(self) -> float:
        """The deck's width over height."""
        w, h = self.audience.view.ctx.size
        return w / h

    # -- rehearsal ------------------------------------------------------------------

    def _key(self, index: int) -> str:
        ids = self.state.slide_ids
        return rehearsal.slide_key(index, ids[index] if index < len(ids) else None)

    def _on_slide(self, index: int) -> None:
        if self.times is not None:
            self.times.enter(self._key(index), self.clock.elapsed)
            self._save_later.start()  # off the key press's path, and at most once a second

    def save_rehearsal(self) -> None:
        """Write what the rehearsal has recorded so far, beside the deck."""
        if self.times is None or self.deck_file is None:
            return
        self.times.settle(self.clock.elapsed)
        title = self.console.ctx.text(self.console.ctx.deck.title, self.state.languages[0])
        try:
            self.saved_to = rehearsal.save(self.times, self.deck_file, title)
        except OSError as exc:
            log.warning("cannot record the rehearsal: %s", exc)
