"""Kiosk mode's controller: the attract loop, visits, the staff's way out, hot reload.

`KioskController` drives a `KioskWindow`: the attract loop and idle reset (rules in
`playback.kiosk`, asked by a timer), waking on the first touch, the on-screen controls, the
staff's exit (key chord or a long press in the top-left corner, then the PIN), heartbeats and
the resume state for the supervisor, a display kept awake, and hot reload of a deck that
changed on disk (validated in the background by `DeckReloader`, swapped at a slide boundary
of the attract loop; a broken deck is logged and never shown). Everything it does to the
slides goes through the one `PlayerState`, which lives as long as the kiosk.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from nanyi_desk.deck import LoadedDeck
from nanyi_desk.playback.kiosk import KioskSchedule, PinGate
from nanyi_desk.render.cache import SlideCache
from nanyi_desk.render.context import DeckContext, deck_context
from nanyi_desk.supervisor import link
from nanyi_desk.theme import ThemeError

from .deck_reloader import DeckReloader
from .keep_awake import KeepAwake
from .kiosk_input import KioskInput
from .kiosk_window import KioskWindow
from .slide_view import SlideView
from .state import PlayerState

log = logging.getLogger("nanyi_desk.kiosk")

TICK_MS = 250
BEAT_MS = 500
"""Twice a second: the contract asks for one beat a second at least."""


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
        self.reloader: DeckReloader | None = None
        self.pending: LoadedDeck | None = None
        self._pending_ctx: DeckContext | None = None
        self.visits = None  # an analytics observer, when one is attached
        self._timers: list[QTimer] = []
        self.ticker = self._timer(TICK_MS, self.tick)
        self.beater = self._timer(BEAT_MS, self.beat)
        self.input = KioskInput(window, self._visitor_input)
        self.input.exit_requested.connect(self.ask_exit)
        window.controls.pressed.connect(self.control)
        window.pinpad.submitted.connect(self.pin_entered)
        window.pinpad.cancelled.connect(self._pin_cancelled)
        self.awake = KeepAwake()
        if loaded is not None and loaded.deck is not None:
            self._play(loaded, self._resume_point(loaded))

    def _timer(self, ms: int, slot: Callable[[], object]) -> QTimer:
        timer = QTimer(self)
        timer.setInterval(ms)
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
        self.input.install()

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
        ctx = deck_context(loaded)
        self.state = PlayerState.for_deck(deck, *at)
        self.view = SlideView(self.state, SlideCache(ctx))
        self.window.install(self.view)
        self.window.controls.follow(self.state)
        self.state.slide_changed.connect(self._slide_changed)
        self.state.language_changed.connect(self._language_changed)
        self._schedule(loaded, self.state.index)
        self.reloader = DeckReloader(loaded, self)
        self.reloader.valid.connect(self._reload_valid)
        self.reloader.broken.connect(self._reload_broken)

    def _schedule(self, loaded: LoadedDeck, index: int) -> None:
        deck = loaded.deck
        assert deck is not None
        advance, idle_reset = self.options
        self.schedule = KioskSchedule(
            advance=advance or deck.kiosk.advance,
            idle_reset=idle_reset or deck.kiosk.idle_reset,
            durations=tuple(s.duration for s in deck.slides),
        )
        self.schedule.start(self.clock(), index)
        self.window.attract(True)
        self.loaded = loaded
        self._save()

    def _reload_valid(self, loaded: LoadedDeck) -> None:
        # Made ready here, not at the swap: a theme changed between the check and the swap
        # must leave the deck in force playing, not raise in the middle of the loop.
        try:
            ready = deck_context(loaded)
        except (ThemeError, ValueError, OSError) as exc:
            log.error("the changed deck cannot be shown; the last good one keeps playing:\n%s", exc)
            self.pending = self._pending_ctx = None
            return
        log.info("the changed deck is valid; it takes over at the next slide of the loop")
        self.pending, self._pending_ctx = loaded, ready

    def _reload_broken(self, loaded: LoadedDeck) -> None:
        log.error(
            "the changed deck has errors; the last good one keeps playing:\n%s",
            "\n".join(str(d) for d in loaded.errors),
        )
        self.pending = self._pending_ctx = None

    def _swap(self, loaded: LoadedDeck) -> None:
        """The reloaded deck takes over under the same state, from its first slide."""
        assert self.state is not None
        ready, self._pending_ctx = self._pending_ctx, None
        if ready is None or ready.deck is not loaded.deck:
            ready = deck_context(loaded)
        log.info("reloaded deck: %s", loaded.path)
        if self.visits is not None:
            self.visits.end("reload")
        self.state.replace_deck(ready)
        self.state.reset()
        self._schedule(loaded, 0)

    # -- the loop ---------------------------------------------------------------------

    def tick(self) -> None:
        """What the schedule says is due now."""
        if self.schedule is None or self.state is None:
            return
        due = self.schedule.tick(self.clock())
        if due == "advance":
            if self.pending is not None:
                pending, self.pending = self.pending, None
                self._swap(pending)
                return
            self.state.goto(self.schedule.next_index(self.state.count))
            if self.state.index == self.schedule.index:  # a one-slide deck: time starts again
                self.schedule.slide_shown(self.state.index, self.clock())
        elif due == "reset":
            self.idle_reset()

    def idle_reset(self) -> None:
        """Nobody has touched the screen for a while: start over, as for the next visitor."""
        if self.state is None or self.schedule is None:
            return
        log.info("idle reset")
        if self.visits is not None:
            # The idle wait itself is nobody's visit: keep it out of the dwell times.
            self.visits.end("idle", idle_s=self.schedule.idle_reset)
        self.window.pinpad.hide()
        self.state.reset()
        self.schedule.start(self.clock(), 0)
        self.window.attract(True)

    def wake(self) -> None:
        """The first touch: the visitor takes over."""
        log.info("a visitor: interactive mode")
        self.window.attract(False)
        if self.visits is not None and self.state is not None:
            self.visits.begin()

    def _visitor_input(self) -> bool:
        if self.schedule is None:
            return False
        if self.window.pinpad.isVisible():
            # The staff typing a PIN is activity: an idle reset must not close the keypad
            # under them. It wakes nothing, though (in the attract loop no reset is due).
            if self.schedule.mode == "interactive":
                self.schedule.input(self.clock())
            return False
        if self.schedule.input(self.clock()):
            self.wake()
            return True  # the touch that woke the kiosk does nothing else
        return False

    def _slide_changed(self, index: int) -> None:
        if self.schedule is not None:
            self.schedule.slide_shown(index, self.clock())
        self._save()

    def _language_changed(self, _lang: str) -> None:
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
        state = self.state
        if state is None:
            return
        if name == "home":
            state.goto(0)
        elif name == "overview":
            state.show_overlay("overview")
        elif name == "language":
            state.cycle_language()
        elif name in ("next", "previous"):
            state.close_panels()
            getattr(state, name)()

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
        if self.reloader is not None:
            self.reloader.stop()
        self.input.remove()
        self.awake.release()
        self.window.allow_close = True
        self.window.close()
        self.quit_app(0)
