"""Player figures against issue 3's targets, beside a bare PySide6 window (the floor).

Prints: cold start to the first painted slide (player vs. a bare window showing one
pixmap); key press to the next slide painted, p50/p95 over 300 changes across the
default deck's chart slides at 1920×1080; the first (uncached) render of a chart slide;
peak RSS of a player that shows every slide of the default deck in both languages and
opens the overview. Run offscreen: QT_QPA_PLATFORM=offscreen python benchmarks/player.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FLOOR = r"""
import time, sys
t0 = float(sys.argv[1])
from PySide6.QtWidgets import QApplication, QLabel
from PySide6.QtGui import QPixmap, QColor
from PySide6.QtCore import QTimer
app = QApplication([])
pix = QPixmap(1920, 1080); pix.fill(QColor("#336699"))
label = QLabel(); label.setPixmap(pix); label.resize(1920, 1080)
class Probe(QLabel): pass
def painted():
    print(f"{time.time() - t0:.4f}"); app.quit()
label.show()
QTimer.singleShot(0, painted)
app.exec()
"""

PLAYER = r"""
import time, sys
t0 = float(sys.argv[1])
from PySide6.QtWidgets import QApplication
from PySide6.QtCore import QTimer
from nanyi_desk.deck import load_deck
from nanyi_desk.resources import default_deck
from nanyi_desk.playback.navigator import Navigator
from nanyi_desk.render.cache import SlideCache
from nanyi_desk.render.context import DeckContext
from nanyi_desk.render.fonts import register_fonts
from nanyi_desk.theme import load_theme
from nanyi_desk.ui.state import PlayerState
from nanyi_desk.ui.window import PlayerWindow
app = QApplication([])
register_fonts()
loaded = load_deck(default_deck()); deck = loaded.deck
ctx = DeckContext(deck, loaded.folder, load_theme(deck.theme))
window = PlayerWindow(PlayerState(Navigator(len(deck.slides), deck.languages)), SlideCache(ctx))
window.resize(1920, 1080)
original = window.view.paintEvent
def paint(event):
    original(event)
    print(f"{time.time() - t0:.4f}"); sys.stdout.flush(); QTimer.singleShot(0, app.quit)
window.view.paintEvent = paint
window.show()
app.exec()
"""


PLAY_ALL = r"""
import resource
from nanyi_desk.memory import steady_memory
steady_memory()  # as run_player does
from PySide6.QtWidgets import QApplication
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from nanyi_desk.deck import load_deck
from nanyi_desk.resources import default_deck
from nanyi_desk.playback.navigator import Navigator
from nanyi_desk.render.cache import SlideCache
from nanyi_desk.render.context import DeckContext
from nanyi_desk.render.fonts import register_fonts
from nanyi_desk.theme import load_theme
from nanyi_desk.ui.state import PlayerState
from nanyi_desk.ui.window import PlayerWindow
app = QApplication([])
register_fonts()
loaded = load_deck(default_deck()); deck = loaded.deck
ctx = DeckContext(deck, loaded.folder, load_theme(deck.theme))
window = PlayerWindow(PlayerState(Navigator(len(deck.slides), deck.languages)), SlideCache(ctx))
window.resize(1920, 1080); window.show(); QTest.qWait(100)
for lang in deck.languages:
    window.state.set_language(lang)
    for index in range(len(deck.slides)):
        window.state.goto(index); QTest.qWait(20)
QTest.keyClick(window.view, Qt.Key.Key_O)
while len(window.view.overview.thumbs) < len(deck.slides):
    QTest.qWait(20)
# VmHWM, not ru_maxrss: Linux carries ru_maxrss across exec, so a child started by a big
# parent would report the parent's size.
try:
    with open("/proc/self/status") as status:
        print(next(int(l.split()[1]) for l in status if l.startswith("VmHWM:")) / 1024)
except OSError:
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def peak_rss() -> float:
    """Peak RSS (MB) of a player that has shown the whole default deck."""
    out = subprocess.run(
        [sys.executable, "-c", PLAY_ALL], capture_output=True, text=True, check=False
    )
    if out.returncode:
        raise SystemExit(out.stderr)
    out = out.stdout
    return float(out.split()[-1])


def cold(script: str, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", script, repr(time.time())],
            capture_output=True,
            text=True,
            check=True,
        )
        times.append(float(out.stdout.split()[0]))
    return statistics.median(times)


def main() -> int:
    floor = cold(FLOOR)
    start = cold(PLAYER)
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from nanyi_desk.deck import load_deck
    from nanyi_desk.playback.navigator import Navigator
    from nanyi_desk.render.cache import SlideCache
    from nanyi_desk.render.context import DeckContext
    from nanyi_desk.render.fonts import register_fonts
    from nanyi_desk.render.painter import render_image
    from nanyi_desk.resources import default_deck
    from nanyi_desk.theme import load_theme
    from nanyi_desk.ui.state import PlayerState
    from nanyi_desk.ui.window import PlayerWindow

    app = QApplication.instance() or QApplication([])
    register_fonts()
    loaded = load_deck(default_deck())
    deck = loaded.deck
    assert deck is not None
    charts = [i for i, s in enumerate(deck.slides) if s.layout == "chart"]
    # First (uncached) render of a chart slide, matplotlib already loaded.
    ctx = DeckContext(deck, loaded.folder, load_theme(deck.theme))
    render_image(ctx, charts[0], "zh", 1920, 1080)
    firsts = []
    for index in charts:
        ctx.charts.clear()
        started = time.perf_counter()
        render_image(ctx, index, "en", 1920, 1080)
        firsts.append(time.perf_counter() - started)
    # Key press to next slide painted, across chart slides, as a presenter moves.
    window = PlayerWindow(PlayerState(Navigator(len(deck.slides), deck.languages)), SlideCache(ctx))
    window.resize(1920, 1080)
    window.show()
    view = window.view
    state = window.state
    state.goto(charts[0])
    QTest.qWait(200)
    switches = []
    for step in range(300):
        target = charts[(step + 1) % len(charts)]
        # Stand one slide before the target, as after the previous press, with neighbours ready.
        state.goto(target - 1)
        view.motion.stop()  # measure the paint, not the transition's duration
        view.repaint()
        while view.warmer.pending:  # the neighbours, drawn ahead as between presses
            QApplication.processEvents()
        started = time.perf_counter()
        QTest.keyClick(view, Qt.Key.Key_Right)
        view.motion.stop()
        view.repaint()
        switches.append(time.perf_counter() - started)
    switches.sort()
    p50 = switches[len(switches) // 2] * 1000
    p95 = switches[int(len(switches) * 0.95)] * 1000
    rss = peak_rss()
    first = statistics.median(firsts) * 1000
    rows = [
        (
            "cold start → first painted slide",
            f"{start:.2f} s",
            f"≤ floor + 0.5 s = {floor + 0.5:.2f} s",
            start <= floor + 0.5,
        ),
        ("  floor: bare PySide6 window, one pixmap", f"{floor:.2f} s", "", True),
        ("key press → next slide painted, p50", f"{p50:.1f} ms", "", True),
        (
            "key press → next slide painted, p95 (300 changes)",
            f"{p95:.1f} ms",
            "≤ 16.7 ms",
            p95 <= 16.7,
        ),
        (
            "first (uncached) chart slide, median",
            f"{first:.0f} ms (max {max(firsts) * 1000:.0f})",
            "≤ 150 ms",
            first <= 150,
        ),
        ("peak RSS, whole deck in zh and en + overview", f"{rss:.0f} MB", "≤ 300 MB", rss <= 300),
    ]
    for name, value, target, ok in rows:
        print(
            f"{name:52s} {value:>22s}  {target:>26s}  {'ok' if ok else 'MISSED' if target else ''}"
        )
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
