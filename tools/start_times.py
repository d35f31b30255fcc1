"""Time nanyi-desk from process start to its first painted slide, frozen beside source.

    DISPLAY=:9 python tools/start_times.py [-n 3]      # after tools/build.py

Measured from outside, as a person sees it: the process starts, its full-screen window is
mapped (X MapNotify on the root window), then the first screen pixel that is not black
(the slides' backgrounds are never black). Needs an X server (Xvfb will do) and python-xlib.

Cold: a fresh HOME, so no matplotlib font cache, no stored charts, no fontconfig cache of
the user's; warm: the same HOME again. The operating system's file cache is warm in both
(dropping it would slow everyone else on the machine). Source and frozen runs alternate, so
the machine's drift touches both alike.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROBES = [(960, 540), (1440, 810), (1200, 300), (1720, 930), (1000, 900)]
SLIDES = {"first slide": None, "chart slide": "high-funds"}
TIMEOUT = 60.0
LINGER_S = 1.0


def say(line: str = "") -> None:
    """One line of the report on stdout, at once (the steps take minutes)."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def first_paint(display, argv: Sequence[str], env: dict[str, str]) -> float | None:  # noqa: ANN001 - Xlib's Display
    """Seconds from starting `argv` to its first non-black pixel on a full-screen window."""
    from Xlib import X

    root = display.screen().root
    width, height = display.screen().width_in_pixels, display.screen().height_in_pixels
    while display.pending_events():
        display.next_event()
    started = time.perf_counter()
    process = subprocess.Popen(
        argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    painted = None
    try:
        mapped = False
        while not mapped and time.perf_counter() - started < TIMEOUT:
            if not display.pending_events():
                time.sleep(0.002)
                continue
            event = display.next_event()
            if event.type == X.MapNotify:
                try:
                    geometry = event.window.get_geometry()
                except Exception:  # noqa: BLE001 - the window is already gone
                    continue
                mapped = geometry.width >= width and geometry.height >= height
        while mapped and painted is None and time.perf_counter() - started < TIMEOUT:
            for x, y in PROBES:
                if root.get_image(x, y, 1, 1, X.ZPixmap, 0xFFFFFFFF).data.strip(b"\0"):
                    painted = time.perf_counter() - started
                    break
            else:
                time.sleep(0.003)
    finally:
        if painted is not None:
            # As a person would, leave it running a moment: the start keeps its first frame
            # (ui.start_frame) just after painting it, and the warm runs are meant to find it.
            time.sleep(LINGER_S)
        with_signal(process, signal.SIGTERM)
    return painted


def with_signal(process: subprocess.Popen[bytes], signum: int) -> None:
    """End the program's whole process group, then reap it."""
    try:
        os.killpg(process.pid, signum)
        process.wait(5)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        process.wait()
    time.sleep(0.3)  # the X server unmaps and frees the window before the next run


def environment(home: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    """An empty environment but the display, a HOME of its own and a UTF-8 locale.

    The locale as on any laptop: under plain C, Python's own executable switches to UTF-8
    (PEP 538) but an embedded one such as the frozen app's does not, and Qt then warns and
    switches itself, so the two would not start alike.
    """
    env = {"HOME": str(home), "DISPLAY": os.environ["DISPLAY"], "LANG": "C.UTF-8"}
    return env | (extra or {})


def compare_starts(
    frozen: Sequence[str],
    source: Sequence[str] = (sys.executable, "-m", "nanyi_desk"),
    runs: int = 3,
    print_line: Callable[[str], object] | None = None,
    slides: Sequence[str] | None = None,
) -> dict[str, list[float | None]]:
    """Print cold and warm start times of `frozen` and `source`, slide by slide."""
    print_line = print_line or say
    try:
        from Xlib import X, display
    except ImportError:
        print_line("  skip start times: python-xlib is not installed")
        return {}
    if not os.environ.get("DISPLAY"):
        print_line("  skip start times: no DISPLAY (start Xvfb, e.g. Xvfb :9, and set DISPLAY=:9)")
        return {}
    stale = newer_sources(Path(frozen[0]))
    if stale:
        print_line(
            f"  note: {len(stale)} source files changed after {frozen[0]} was built "
            f"({', '.join(stale[:3])}{', …' if len(stale) > 3 else ''}): the frozen app runs "
            "older code than the source install, rebuild to compare like with like"
        )
    screen = display.Display()
    screen.screen().root.change_attributes(event_mask=X.SubstructureNotifyMask)
    screen.sync()
    programs = {"source": list(source), "frozen": list(frozen)}
    found: dict[str, list[float | None]] = {}
    for slide, start in SLIDES.items():
        if slides and slide not in slides:
            continue
        words = ["play", "--fullscreen"] + (["--start", start] if start else [])
        homes = {name: [] for name in programs}
        for _ in range(runs):
            for name, program in programs.items():
                home = Path(tempfile.mkdtemp(prefix="nanyi-desk-start-"))
                homes[name].append(home)
                cold = first_paint(screen, [*program, *words], environment(home))
                found.setdefault(f"{slide}, {name}, cold", []).append(cold)
        for _ in range(runs):
            for name, program in programs.items():
                home = homes[name][0]
                warm = first_paint(screen, [*program, *words], environment(home))
                found.setdefault(f"{slide}, {name}, warm", []).append(warm)
                if start:
                    # matplotlib loaded and drawing, its font cache kept from the last run
                    # (no stored chart, and no stored first frame of the slide either)
                    off = {"NANYI_DESK_CHART_CACHE": "off", "NANYI_DESK_FRAME_CACHE": "off"}
                    again = first_paint(screen, [*program, *words], environment(home, off))
                    found.setdefault(f"{slide}, {name}, warm, charts drawn anew", []).append(again)
        for home in (h for hs in homes.values() for h in hs):
            shutil.rmtree(home, ignore_errors=True)
    print_line(f"  start to first painted slide (median of {runs}; min-max):")
    for what, seconds in found.items():
        print_line(f"    {what:48} {summary(seconds)}")
    return found


def newer_sources(frozen: Path) -> list[str]:
    """The package's source files changed after `frozen` was built (none if it is missing)."""
    try:
        built = frozen.stat().st_mtime
    except OSError:
        return []
    package = ROOT / "src" / "nanyi_desk"
    return sorted(
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if path.stat().st_mtime > built
    )


def summary(seconds: list[float | None]) -> str:
    """`0.52 s (0.49-0.55)`, or how many never painted."""
    done = [s for s in seconds if s is not None]
    if not done:
        return "never painted"
    missing = len(seconds) - len(done)
    text = f"{statistics.median(done):.2f} s ({min(done):.2f}-{max(done):.2f})"
    return text + (f", {missing} never painted" if missing else "")


def main() -> int:
    """Frozen (dist/nanyi-desk) beside this Python's source install."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=3, help="runs of each kind")
    parser.add_argument(
        "--frozen",
        type=Path,
        default=ROOT / "dist" / "nanyi-desk" / "nanyi-desk",
        help="the frozen executable (default: dist/nanyi-desk/nanyi-desk), e.g. an older build",
    )
    parser.add_argument(
        "--slide", choices=sorted(SLIDES), action="append", help="only these (default: all)"
    )
    args = parser.parse_args()
    compare_starts(frozen=[str(args.frozen)], runs=args.n, slides=args.slide)
    return 0


if __name__ == "__main__":
    sys.exit(main())
