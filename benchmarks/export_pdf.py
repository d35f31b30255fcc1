"""PDF handouts against issue 11's targets: with panels under 5 s, the file under 10 MB.

Prints, for the default deck: the time and size of the PDF with the slides only, with the
panels, and with panels in both languages, beside the same deck to PNGs in the same run.
Each export is a whole `nanyi-desk export` process (what a user waits for: Python, Qt and
matplotlib start-up included), best of --runs. The machines drift 25–35 % from one run to
the next: compare figures from one run only.

Run: python benchmarks/export_pdf.py [--runs 2]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_S = 5.0
TARGET_MB = 10.0


def _run(args: list[str], out: Path) -> tuple[float, int]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "nanyi_desk", "export", *args, "-o", str(out), "--quiet"],
        check=True,
        env=env,
    )
    took = time.perf_counter() - start
    size = out.stat().st_size if out.is_file() else sum(p.stat().st_size for p in out.iterdir())
    return took, size


def main() -> int:
    from nanyi_desk.resources import default_deck

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=2)
    runs = parser.parse_args().runs
    deck = str(default_deck())
    cases = [
        ("PNG, slides (zh)", [deck], "png"),
        ("PDF, slides (zh)", [deck], "slides.pdf"),
        ("PDF, slides + panels (zh)", [deck, "--panels"], "panels.pdf"),
        ("PDF, slides + panels (zh+en)", [deck, "--panels", "--lang", "zh+en"], "both.pdf"),
        ("PDF, handout-3 + notes (zh)", [deck, "--layout", "handout-3", "--notes"], "h3.pdf"),
    ]
    print(f"default deck, whole process, best of {runs}")
    with tempfile.TemporaryDirectory() as folder:
        for name, args, target in cases:
            best = min(_run(args, Path(folder) / f"{i}-{target}") for i in range(runs))
            took, size = best
            mark = ""
            if name.startswith("PDF, slides + panels (zh)"):
                ok = took < TARGET_S and size / 1e6 < TARGET_MB
                mark = f"   target < {TARGET_S:.0f} s, < {TARGET_MB:.0f} MB: {'met' if ok else 'MISSED'}"
            print(f"  {name:32} {took:5.2f} s  {size / 1e6:6.2f} MB{mark}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
