"""A kiosk's weeks in minutes: 10,000 slide transitions and 2,000 panel open/close cycles.

One process, the kiosk's own window and controller, the default deck at 1920×1080. Prints
RSS after a warm-up and at the end, and the counts of live QObjects, timers (QTimer and
animations), widgets, live chart canvases and matplotlib figures, which must stay flat. Each
transition is painted at its middle frame and its last, so the transition code runs without
waiting for its 260 ms. Then the presenter's player window (960×540, as the tests open it)
takes 1,000 panel open/close cycles, a quarter with a live chart, and its counts must come
back to exactly where they were (the tests run the same check over 20 cycles).
Run offscreen: QT_QPA_PLATFORM=offscreen python benchmarks/soak.py [--quick]
"""

from __future__ import annotations

import gc
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Charts are drawn, never read back from the per-user store: the most work a kiosk can do,
# and a warm-up that loads everything once (matplotlib among it) whatever the store holds.
# With charts on disk, a chart missing from it imports matplotlib mid-soak, and that one-time
# import (~60 MB) would read as growth.
os.environ["NANYI_DESK_CHART_CACHE"] = "off"
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from measure import rss_mb  # noqa: E402 - the path is set just above

TRANSITIONS = 10_000
PANEL_CYCLES = 2_000
PLAYER_PANEL_CYCLES = 1_000


def counts(window) -> dict[str, int]:  # noqa: ANN001
    """Live objects that would betray a leak."""
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure
    from PySide6.QtCore import QAbstractAnimation, QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    objects = window.findChildren(QObject)
    return {
        "QObjects": len(objects),
        "timers": sum(isinstance(o, (QTimer, QAbstractAnimation)) for o in objects),
        "widgets": len(QApplication.allWidgets()),
        "canvases": sum(isinstance(o, FigureCanvasQTAgg) for o in objects),
        "figures": sum(isinstance(o, Figure) for o in gc.get_objects()),
    }


def panel_cycle(layer, state, panel: str) -> None:  # noqa: ANN001
    """Open a panel and close it again, with the animations run to their end at once."""
    from PySide6.QtWidgets import QApplication

    state.open_panel(panel)
    layer._anim.stop()  # noqa: SLF001 - the animation's time is not what is measured
    layer._settled()  # noqa: SLF001 - a chart panel's live canvas is made here
    QApplication.processEvents()  # the chart's idle draw, as the event loop would run it
    state.close_panels()
    layer._anim.stop()  # noqa: SLF001
    layer._settled()  # noqa: SLF001


def player_soak(cycles: int) -> tuple[float, dict[str, int], dict[str, int]]:
    """The player window's panels: seconds taken, counts before and after `cycles` cycles."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from nanyi_desk.deck import load_deck
    from nanyi_desk.playback.navigator import Navigator
    from nanyi_desk.render.cache import SlideCache
    from nanyi_desk.render.context import DeckContext
    from nanyi_desk.resources import default_deck
    from nanyi_desk.theme import load_theme
    from nanyi_desk.ui.state import PlayerState
    from nanyi_desk.ui.window import PlayerWindow

    loaded = load_deck(default_deck())
    deck = loaded.deck
    assert deck is not None
    ctx = DeckContext(deck, loaded.folder, load_theme(deck.theme))
    window = PlayerWindow(PlayerState(Navigator(len(deck.slides), deck.languages)), SlideCache(ctx))
    window.resize(960, 540)
    window.show()
    layer, state = window.view.panels, window.state
    chart_panel = next(p for p, panel in deck.panels.items() if panel.chart is not None)
    plain = next(p for p, panel in deck.panels.items() if panel.chart is None)
    for _ in range(5):  # warm up: the first chart loads matplotlib's Qt backend
        panel_cycle(layer, state, chart_panel)
        panel_cycle(layer, state, plain)
    started = time.perf_counter()
    before = counts(window)
    for step in range(cycles):
        panel_cycle(layer, state, chart_panel if step % 4 == 0 else plain)
        if step % 50 == 0:  # what the event loop does between taps: run deleteLater
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    after = counts(window)
    elapsed = time.perf_counter() - started
    window.close()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return elapsed, before, after


def print_counts(prefix: str, before: dict[str, int], after: dict[str, int]) -> None:
    """One line a count: before → after, flat or GREW."""
    for name in before:
        flat = "flat" if before[name] == after[name] else "GREW"
        print(f"{prefix + name:42s} {before[name]:8d} → {after[name]:<8d} {flat}")


def main() -> int:
    quick = "--quick" in sys.argv
    transitions = TRANSITIONS // 10 if quick else TRANSITIONS
    cycles = PANEL_CYCLES // 10 if quick else PANEL_CYCLES
    player_cycles = PLAYER_PANEL_CYCLES // 10 if quick else PLAYER_PANEL_CYCLES

    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from nanyi_desk.deck import load_deck
    from nanyi_desk.memory import steady_memory
    from nanyi_desk.render.fonts import register_fonts
    from nanyi_desk.resources import default_deck
    from nanyi_desk.theme import load_theme
    from nanyi_desk.ui.kiosk import KioskController
    from nanyi_desk.ui.kiosk_window import KioskWindow

    steady_memory()
    app = QApplication.instance() or QApplication([])
    register_fonts()
    loaded = load_deck(default_deck())
    deck = loaded.deck
    assert deck is not None
    scratch = Path(tempfile.mkdtemp(prefix="nanyi-soak-"))
    window = KioskWindow(load_theme(deck.theme))
    controller = KioskController(
        window,
        loaded,
        pin=None,
        advance=None,
        idle_reset=None,
        state_file=scratch / "state.json",
        heartbeat=scratch / "beat",
        quit_app=lambda _code: None,
    )
    window.resize(1920, 1080)
    window.show()
    controller.start()
    controller.ticker.stop()  # the loop's own clock would move slides under the measurement
    assert controller.reloader is not None
    controller.reloader.stop()  # nothing edits the deck here; its watcher is not measured
    view, state = controller.view, controller.state
    assert view is not None
    assert state is not None
    panels = list(deck.panels)
    chart_panels = [p for p in panels if deck.panels[p].chart is not None]

    def transition(step: int) -> None:
        if step % 500 == 499:
            state.set_language(deck.languages[(step // 500) % len(deck.languages)])
        state.goto((state.index + 1) % len(deck.slides))
        if view.motion.transition.state() == view.motion.transition.State.Running:
            view.motion.transition.setCurrentTime(view.motion.transition.duration() // 2)
            view.repaint()  # the middle frame
        view.motion.stop()
        view.repaint()  # the last
        for _ in range(8):  # the neighbours drawn ahead, one per turn of the event loop
            app.processEvents()
            if not view.warmer.pending:
                break

    def cycle(step: int) -> None:
        layer = view.panels
        panel = (
            chart_panels[step % len(chart_panels)] if step % 4 == 0 else panels[step % len(panels)]
        )
        panel_cycle(layer, state, panel)
        if step % 20 == 0:
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    started = time.perf_counter()
    # Warm-up: every slide and every panel in every language, so the caches are full.
    for lang in deck.languages:
        state.set_language(lang)
        for step in range(3 * len(deck.slides)):
            transition(step)
        for step in range(4 * len(panels)):
            cycle(step)
    warm_rss, warm_counts = rss_mb(), counts(window)
    for step in range(transitions):
        transition(step)
    mid_rss = rss_mb()
    for step in range(cycles):
        cycle(step)
    end_rss, end_counts = rss_mb(), counts(window)
    elapsed = time.perf_counter() - started

    growth = end_rss - warm_rss
    print(f"soak: {transitions:,} transitions, {cycles:,} panel open/close cycles, {elapsed:.0f} s")
    print(f"{'RSS after warm-up':42s} {warm_rss:8.1f} MB")
    print(f"{'RSS after the transitions':42s} {mid_rss:8.1f} MB")
    verdict = "ok" if growth <= 10 else "MISSED"
    print(
        f"{'RSS at the end, growth':42s} {end_rss:8.1f} MB  {growth:+.1f} MB  (≤ 10 MB) {verdict}"
    )
    print_counts("live ", warm_counts, end_counts)
    controller.exit()

    player_elapsed, player_before, player_after = player_soak(player_cycles)
    print(f"player window: {player_cycles:,} panel open/close cycles, {player_elapsed:.0f} s")
    print_counts("player window: live ", player_before, player_after)
    return 0


if __name__ == "__main__":
    sys.exit(main())
