"""Every benchmark in one run, one table: each figure beside its target and the floor.

    python benchmarks/run.py [--quick] [--json out.json]

Each figure is measured in a fresh process of its own (`--probe NAME`), so that one cannot
warm another's caches or memory. Start times are whole processes, from before the
interpreter starts to the end of the first paint of the slide, under the X server when
DISPLAY is set, else offscreen; the bare-window floor is measured the same way in the same
run, since these machines drift 25–35 % between sittings. "Cold" starts find no drawn chart
on disk (the per-user chart cache emptied); "warm" ones find the charts an earlier run drew.

--quick shortens loops (fewer runs, changes and soak cycles), not the work each one measures.
--json writes the figures under fixed keys; a figure that could not be measured is null.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
if "DISPLAY" not in os.environ:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TEXT_SLIDE, CHART_SLIDE = "2", "17"
"""Where the start-up runs begin: the key figures, and the chart of signed projects."""


# -- probes: each runs in its own process and prints one JSON object ------------------------


def _print(figures: dict[str, object]) -> None:
    print("FIGURES " + json.dumps(figures), flush=True)


def probe_floor(t0: float) -> None:
    """A bare PySide6 window showing one 1920×1080 pixmap: the floor of any start."""
    from PySide6.QtGui import QColor, QPainter, QPixmap
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication([])
    pixmap = QPixmap(1920, 1080)
    pixmap.fill(QColor("#336699"))

    class Window(QWidget):
        def paintEvent(self, _event: object) -> None:  # noqa: N802
            QPainter(self).drawPixmap(0, 0, pixmap)
            _print({"s": time.time() - t0})
            os._exit(0)

    window = Window()
    window.setGeometry(app.primaryScreen().geometry())
    window.showFullScreen()
    app.exec()


def probe_start(t0: float, slide: str) -> None:
    """`nanyi-desk play --fullscreen --start SLIDE`, timed to the end of the slide's first paint.

    The first frame on screen is either the player's own or, when this start was seen before,
    the stored frame of the slide shown while the player loads (`ui.start_frame`): both are
    the slide, complete. `ready_s` is the player's own first paint (keys act from there; the
    ones pressed before are handed over). The probe waits a moment after it, so a frame to
    keep is written.
    """
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from nanyi_desk.cli import main

    figures: dict[str, object] = {}
    # The classes are told by name, not imported: importing the slide view would load the
    # deck's model (pydantic) before the start that this times.
    watched = {"StartFrame": "frame_s", "SlideView": "ready_s"}

    class FirstPaints(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
            key = watched.get(type(obj).__name__)
            if event.type() != QEvent.Type.Paint or key is None or key in figures:
                return False
            obj.event(event)  # the paint itself, then the time: its end is what is timed
            figures[key] = time.time() - t0
            figures.setdefault("s", figures[key])
            if key == "ready_s":
                figures["matplotlib"] = "matplotlib" in sys.modules
                figures["stored_frame"] = "frame_s" in figures

                def done() -> None:
                    _print(figures)
                    os._exit(0)

                QTimer.singleShot(700, done)  # a frame to keep is written meanwhile
            return True

    app = QApplication([])
    paints = FirstPaints()
    app.installEventFilter(paints)
    main(["play", "--fullscreen", "--start", str(slide)])


def _player(size: tuple[int, int] = (1920, 1080)):  # noqa: ANN202
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from nanyi_desk.deck import load_deck
    from nanyi_desk.memory import steady_memory
    from nanyi_desk.render.cache import SlideCache
    from nanyi_desk.render.context import deck_context
    from nanyi_desk.render.fonts import register_fonts
    from nanyi_desk.resources import default_deck
    from nanyi_desk.ui.state import PlayerState
    from nanyi_desk.ui.window import PlayerWindow

    steady_memory()
    app = QApplication.instance() or QApplication([])
    register_fonts()
    loaded = load_deck(default_deck())
    assert loaded.deck is not None
    ctx = deck_context(loaded)
    window = PlayerWindow(PlayerState.for_deck(loaded.deck), SlideCache(ctx))
    window.resize(*size)
    window.show()
    QTest.qWaitForWindowExposed(window)
    return app, loaded.deck, ctx, window


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def probe_switch(changes: int) -> None:
    """Key press to the next slide painted (neighbours drawn ahead), and an uncached chart."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from nanyi_desk.render.context import ChartImages, DeckContext
    from nanyi_desk.render.painter import render_image

    _app, deck, ctx, window = _player()
    view, state = window.view, window.state
    charts = [i for i, s in enumerate(deck.slides) if s.layout == "chart"]
    switches = []
    for step in range(changes):
        target = 1 + step % (len(deck.slides) - 1)
        state.goto(target - 1)
        view.motion.stop()  # the paint, not the transition's length
        view.repaint()
        while view.warmer.pending:
            QApplication.processEvents()
        started = time.perf_counter()
        QTest.keyClick(view, Qt.Key.Key_Right)
        view.motion.stop()
        view.repaint()
        switches.append((time.perf_counter() - started) * 1000)
    # An uncached chart slide: matplotlib loaded, nothing in memory or on disk.
    bare = DeckContext(ctx.deck, ctx.folder, ctx.theme, ChartImages())
    render_image(bare, charts[0], "zh", 1920, 1080)
    firsts = []
    for index in charts:
        bare.charts.clear()
        started = time.perf_counter()
        render_image(bare, index, "en", 1920, 1080)
        firsts.append((time.perf_counter() - started) * 1000)
    _print(
        {
            "switch_p50_ms": _percentile(switches, 0.5),
            "switch_p95_ms": _percentile(switches, 0.95),
            "chart_uncached_ms": statistics.median(firsts),
        }
    )


def probe_panels(rounds: int) -> None:
    """A tap on a figure to the panel's first frame painted (the panel's charts drawn ahead)."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from nanyi_desk.layout.geometry import Rect

    _app, deck, _ctx, window = _player()
    view, state, layer = window.view, window.state, window.view.panels
    taps = []
    for index in range(len(deck.slides)):
        state.goto(index)
        taps += [(index, hotspot) for hotspot in view.current()[1]]
    times = []
    for _ in range(rounds):
        for index, hotspot in taps:
            state.goto(index)
            view.motion.stop()
            view.repaint()
            while view.warmer.pending or layer.warmer.pending:
                QApplication.processEvents()
            _, _, box = view.current()
            spot = box.to_view(Rect(hotspot.x, hotspot.y, hotspot.w, hotspot.h))
            x, y = spot.x + spot.w / 2, spot.y + spot.h / 2
            started = time.perf_counter()
            QTest.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(round(x), round(y)))
            layer.repaint()
            times.append((time.perf_counter() - started) * 1000)
            state.close_panels()
            layer._anim.stop()  # noqa: SLF001 - the closing animation is not what is timed
            layer._settled()  # noqa: SLF001
    _print({"panel_open_p95_ms": _percentile(times, 0.95), "taps": len(times)})


def probe_presenter(changes: int) -> None:
    """Key press to both presenter views painted."""
    from presenter import measure

    figures = measure(changes)
    _print({"presenter_p95_ms": figures["both_p95_ms"], **figures})


def probe_validate(runs: int) -> None:
    """Load and validate a generated 500-slide deck (500 panels), median of `runs`."""
    from load_deck import write_deck

    from nanyi_desk.deck import load_deck

    with tempfile.TemporaryDirectory() as folder:
        deck = write_deck(Path(folder), 500)
        load_deck(deck)  # imports and first-use caches, as a warm `validate` has
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            loaded = load_deck(deck)
            times.append(time.perf_counter() - started)
            assert loaded.deck is not None, loaded.errors[:3]
    _print({"validate_500_s": statistics.median(times)})


def probe_pass() -> None:
    """Every slide in both languages, then every panel opened once: peak resident memory."""
    from PySide6.QtGui import QCursor
    from PySide6.QtTest import QTest

    from nanyi_desk.deck.drills import panel_path

    _app, deck, ctx, window = _player()
    # Under X the pointer rests mid-screen, over each panel's chart as it opens, and a
    # pointer over a chart makes it live (matplotlib): this pass opens panels, it does not
    # hover them.
    QCursor.setPos(0, 0)
    state = window.state
    for lang in deck.languages:
        state.set_language(lang)
        for index in range(len(deck.slides)):
            state.goto(index)
            QTest.qWait(15)
        for panel in deck.panels:
            index, path = panel_path(deck, panel)
            state.goto(index or 0)
            state.close_panels()
            for step in path:
                state.open_panel(step)
            QTest.qWait(25)
            state.close_panels()
    with open("/proc/self/status", encoding="ascii") as status:
        peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    _print(
        {
            "peak_rss_mb": peak / 1024,
            "matplotlib": "matplotlib" in sys.modules,
            "charts_drawn": ctx.charts.renders,
        }
    )


PROBES: dict[str, Callable[..., None]] = {
    "floor": probe_floor,
    "start": probe_start,
    "switch": probe_switch,
    "panels": probe_panels,
    "presenter": probe_presenter,
    "validate": probe_validate,
    "pass": probe_pass,
}


# -- the run ---------------------------------------------------------------------------------


def _probe(name: str, *args: object, env: dict[str, str] | None = None) -> dict[str, object]:
    t0 = time.time()
    extra = [repr(t0)] if name in ("floor", "start") else []
    done = subprocess.run(
        [sys.executable, __file__, "--probe", name, *extra, *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
        timeout=900,
    )
    for line in done.stdout.splitlines():
        if line.startswith("FIGURES "):
            return dict(json.loads(line[len("FIGURES ") :]))
    raise RuntimeError(f"probe {name} gave no figures:\n{done.stderr[-2000:]}")


def _starts(slide: str, runs: int, cache: Path, warm: bool) -> tuple[float, float]:
    """Median seconds to the slide's first frame on screen, and to the player's own.

    Warm: a start like it ran before (its charts, checked deck and first frame are on disk).
    Cold: everything of ours in the cache folder is emptied before each run (matplotlib's
    own font list stays: it is built once per machine, at install or first run).
    """
    env = {"XDG_CACHE_HOME": str(cache)}
    ours = cache / "nanyi-desk"
    if warm:
        _probe("start", slide, env=env)  # draws and keeps what the next runs find
    firsts, readies = [], []
    for _ in range(runs):
        if not warm:
            for kept in ("charts", "decks", "frames"):
                shutil.rmtree(ours / kept, ignore_errors=True)
        found = _probe("start", slide, env=env)
        firsts.append(float(found["s"]))
        readies.append(float(found["ready_s"]))
    return statistics.median(firsts), statistics.median(readies)


def _export_pdf(cache: Path) -> float | None:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "handout.pdf"
        started = time.perf_counter()
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "nanyi_desk",
                "export",
                "slides",
                "-o",
                str(out),
                "--panels",
                "--quiet",
            ],
            cwd=HERE.parent,
            env={**os.environ, "XDG_CACHE_HOME": str(cache)},
            capture_output=True,
            check=False,
        )
        elapsed = time.perf_counter() - started
    return elapsed if done.returncode == 0 else None


def _soak(quick: bool) -> float | None:
    done = subprocess.run(
        [sys.executable, str(HERE / "soak.py"), *(["--quick"] if quick else [])],
        capture_output=True,
        text=True,
        check=False,
    )
    for line in done.stdout.splitlines():
        if line.startswith("RSS at the end, growth"):
            return float(line.split("MB")[1].split()[0])
    return None


def run(quick: bool) -> dict[str, float | None]:
    """Every figure, measured; those that fail are None."""
    runs = 3 if quick else 5
    figures: dict[str, float | None] = {}

    def attempt(keys: tuple[str, ...], measure: Callable[[], dict[str, object]]) -> None:
        try:
            found = measure()
        except Exception as exc:  # noqa: BLE001 - one broken probe must not hide the others
            print(f"  ({', '.join(keys)}: not measured: {exc})", file=sys.stderr)
            found = {}
        for key in keys:
            value = found.get(key)
            figures[key] = float(value) if isinstance(value, (int, float)) else None

    with tempfile.TemporaryDirectory() as folder:
        cache = Path(folder)
        attempt(
            ("floor_start_s",),
            lambda: {
                "floor_start_s": statistics.median(float(_probe("floor")["s"]) for _ in range(runs))
            },
        )

        def starts(name: str, slide: str, warm: bool) -> dict[str, object]:
            first, ready = _starts(slide, runs, cache, warm)
            return {name: first, name.replace("_s", "_ready_s", 1): ready}

        attempt(("start_s", "start_ready_s"), lambda: starts("start_s", TEXT_SLIDE, True))
        attempt(
            ("start_chart_s", "start_chart_ready_s"),
            lambda: starts("start_chart_s", CHART_SLIDE, True),
        )
        attempt(
            ("start_chart_cold_s", "start_chart_cold_ready_s"),
            lambda: starts("start_chart_cold_s", CHART_SLIDE, False),
        )
        attempt(
            ("switch_p50_ms", "switch_p95_ms", "chart_uncached_ms"),
            lambda: _probe("switch", 100 if quick else 300, env={"XDG_CACHE_HOME": str(cache)}),
        )
        attempt(
            ("panel_open_p95_ms",),
            lambda: _probe("panels", 1 if quick else 3, env={"XDG_CACHE_HOME": str(cache)}),
        )
        attempt(
            ("presenter_p95_ms",),
            lambda: _probe("presenter", 100 if quick else 300, env={"XDG_CACHE_HOME": str(cache)}),
        )
        attempt(("export_pdf_s",), lambda: {"export_pdf_s": _export_pdf(cache)})
        attempt(("validate_500_s",), lambda: _probe("validate", 5 if quick else 15))
        # The first pass draws what the start-ups did not (English, panels); the second is
        # what every later run of the deck costs.
        attempt(
            ("peak_rss_first_mb",),
            lambda: {
                "peak_rss_first_mb": _probe("pass", env={"XDG_CACHE_HOME": str(cache)})[
                    "peak_rss_mb"
                ]
            },
        )
        attempt(("peak_rss_mb",), lambda: _probe("pass", env={"XDG_CACHE_HOME": str(cache)}))
    attempt(("soak_rss_growth_mb",), lambda: {"soak_rss_growth_mb": _soak(quick)})
    return figures


def table(figures: dict[str, float | None], quick: bool) -> str:
    """The figures as a table, each beside its target."""
    floor = figures.get("floor_start_s")

    def plus(extra: float) -> str:
        return f"≤ floor + {extra} s" + (f" = {floor + extra:.2f} s" if floor else "")

    rows = [
        ("bare window, one pixmap (the floor)", "floor_start_s", "s", ""),
        (f"start → slide {TEXT_SLIDE} painted (key figures), warm", "start_s", "s", plus(0.25)),
        (
            "  the player up (keys act; those pressed before are handed on)",
            "start_ready_s",
            "s",
            "",
        ),
        (f"start → slide {CHART_SLIDE} painted (a chart), warm", "start_chart_s", "s", plus(0.25)),
        ("  the player up", "start_chart_ready_s", "s", ""),
        (
            f"start → slide {CHART_SLIDE} painted, no chart on disk",
            "start_chart_cold_s",
            "s",
            plus(0.8),
        ),
        ("key press → next slide painted, p50", "switch_p50_ms", "ms", ""),
        ("key press → next slide painted, p95", "switch_p95_ms", "ms", "≤ 16.7 ms"),
        ("uncached chart slide, median", "chart_uncached_ms", "ms", "≤ 150 ms"),
        ("tap → panel's first frame, p95", "panel_open_p95_ms", "ms", "≤ 100 ms"),
        ("presenter: key → both views painted, p95", "presenter_p95_ms", "ms", "≤ 16.7 ms"),
        ("PDF handout with panels (whole process)", "export_pdf_s", "s", "≤ 5 s"),
        ("load + validate 500 slides, median", "validate_500_s", "s", "≤ 0.3 s"),
        ("peak RSS, whole deck ×2 languages + every panel", "peak_rss_mb", "MB", "≤ 200 MB"),
        ("  the same, charts drawn for the first time", "peak_rss_first_mb", "MB", ""),
        (
            "soak RSS growth" + (" (--quick: 1/10 of the cycles)" if quick else ""),
            "soak_rss_growth_mb",
            "MB",
            "≤ 10 MB",
        ),
    ]
    where = "X11 (" + os.environ["DISPLAY"] + ")" if "DISPLAY" in os.environ else "offscreen"
    lines = [f"nanyi-desk benchmarks, {where}, {'quick' if quick else 'full'} run", ""]
    for name, key, unit, target in rows:
        value = figures.get(key)
        shown = (
            "—"
            if value is None
            else (f"{value:.2f} {unit}" if unit == "s" else f"{value:.1f} {unit}")
        )
        lines.append(f"{name:50s} {shown:>12s}  {target}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="shorter loops, same work")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures here")
    parser.add_argument("--probe", help=argparse.SUPPRESS)
    args, rest = parser.parse_known_args()
    if args.probe:
        PROBES[args.probe](
            *[float(rest[0])] if args.probe in ("floor", "start") else [],
            *[
                int(x) if x.isdigit() else x
                for x in rest[1 if args.probe in ("floor", "start") else 0 :]
            ],
        )
        return 0
    started = time.perf_counter()
    figures = run(args.quick)
    print(table(figures, args.quick))
    print(f"\n({time.perf_counter() - started:.0f} s)")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
