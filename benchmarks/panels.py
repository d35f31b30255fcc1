"""Drill-down panel figures against issue 4's targets.

Prints: tap → first panel frame painted, p50/p95 over 200 taps on the default deck's
hotspots at 1920×1080 (the presenter has been on the slide for a moment, so its panels'
charts are drawn ahead, as in use), the same with nothing drawn ahead (the worst case), and
RSS before/after 1,000 open/close cycles (a quarter with a live chart).
Run offscreen: QT_QPA_PLATFORM=offscreen python benchmarks/panels.py
"""

from __future__ import annotations

import gc
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from measure import rss_mb  # noqa: E402 - the path is set just above


def main() -> int:
    from PySide6.QtCore import QEvent, QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from nanyi_desk.deck import load_deck
    from nanyi_desk.memory import steady_memory
    from nanyi_desk.playback.navigator import Navigator
    from nanyi_desk.render.cache import SlideCache
    from nanyi_desk.render.context import DeckContext
    from nanyi_desk.render.fonts import register_fonts
    from nanyi_desk.resources import default_deck
    from nanyi_desk.theme import load_theme
    from nanyi_desk.ui.state import PlayerState
    from nanyi_desk.ui.window import PlayerWindow

    steady_memory()
    app = QApplication.instance() or QApplication([])
    register_fonts()
    loaded = load_deck(default_deck())
    deck = loaded.deck
    assert deck is not None
    ctx = DeckContext(deck, loaded.folder, load_theme(deck.theme))
    state = PlayerState(Navigator(len(deck.slides), deck.languages))
    window = PlayerWindow(state, SlideCache(ctx))
    window.resize(1920, 1080)
    window.show()
    QTest.qWaitForWindowExposed(window)
    view, layer = window.view, window.view.panels
    taps = []  # every hotspot of every slide
    for index in range(len(deck.slides)):
        state.goto(index)
        taps += [(index, hotspot) for hotspot in view.current()[1]]
    state.goto(0)

    def tap(index: int, hotspot, warm: bool) -> float:  # noqa: ANN001
        state.goto(index)
        view.motion.stop()
        view.repaint()
        if warm:
            QTest.qWait(10)  # the slide is on screen; then what the idle timers do
            while layer.warmer.pending:  # the panels' charts, drawn ahead as in use
                QApplication.processEvents()
        else:
            ctx.charts.clear()
        _, _, (scale, dx, dy) = view.current()
        x, y = hotspot.centre
        started = time.perf_counter()
        QTest.mouseClick(
            view,
            Qt.MouseButton.LeftButton,
            pos=QPoint(round(x * scale + dx), round(y * scale + dy)),
        )
        layer.repaint()  # the first frame of the sheet's entrance
        elapsed = time.perf_counter() - started
        state.close_panels()
        layer._anim.stop()  # noqa: SLF001
        layer._settled()  # noqa: SLF001
        return elapsed

    for index, hotspot in taps[:6]:  # load matplotlib and warm the fonts first
        tap(index, hotspot, warm=True)

    def percentiles(warm: bool, count: int) -> tuple[float, float, float]:
        times = sorted(tap(*taps[i % len(taps)], warm=warm) for i in range(count))
        return (
            times[len(times) // 2] * 1000,
            times[int(len(times) * 0.95)] * 1000,
            times[-1] * 1000,
        )

    warm = percentiles(True, 200)
    cold = percentiles(False, 60)

    chart_panel = next(p for p, panel in deck.panels.items() if panel.chart is not None)
    plain = [p for p, panel in deck.panels.items() if panel.chart is None]

    def cycle(panel: str) -> None:
        state.open_panel(panel)
        layer._anim.stop()  # noqa: SLF001
        layer._settled()  # noqa: SLF001
        if layer.painted is not None and layer.painted.chart_rect is not None:
            # The live chart is made when touched: touch it, a quarter of the cycles.
            layer._touch_chart(layer.to_widget(layer.painted.chart_rect).center())  # noqa: SLF001
        QApplication.processEvents()
        state.close_panels()
        layer._anim.stop()  # noqa: SLF001
        layer._settled()  # noqa: SLF001

    for step in range(50):
        cycle(chart_panel if step % 4 == 0 else plain[step % len(plain)])
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    before = rss_mb()
    for step in range(1000):
        cycle(chart_panel if step % 4 == 0 else plain[step % len(plain)])
        if step % 20 == 0:
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    after = rss_mb()

    rows = [
        (
            f"tap → first panel frame, p50 / p95 / max ({len(taps)} hotspots, 200 taps)",
            f"{warm[0]:.0f} / {warm[1]:.0f} / {warm[2]:.0f} ms",
            "p95 ≤ 100 ms",
            warm[1] <= 100,
        ),
        (
            "  same, no chart drawn ahead (worst case), 60 taps",
            f"{cold[0]:.0f} / {cold[1]:.0f} / {cold[2]:.0f} ms",
            "",
            True,
        ),
        ("RSS before 1,000 open/close cycles", f"{before:.0f} MB", "", True),
        (
            "RSS after, growth",
            f"{after:.0f} MB, {after - before:+.1f} MB",
            "growth ≤ 5 MB",
            after - before <= 5,
        ),
    ]
    for name, value, target, ok in rows:
        verdict = ("ok" if ok else "MISSED") if target else ""
        print(f"{name:70s} {value:>24s}  {target:>14s}  {verdict}")
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
