"""Time the presenter console's figure search on a generated 500-slide deck.

Prints the index build and the search per keystroke (p50/p95/max) over realistic queries
typed one character at a time, as the console runs one search per keystroke.
Target: under 50 ms a keystroke. Run: python benchmarks/search.py [--slides N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from load_deck import write_deck  # benchmarks/ is on sys.path when this file is run

TARGET_MS = 50.0
QUERIES = ("钠离子", "sodium ion", "185.28", "总投资 185", "１８５", "key figures 49", "panel 37")


def percentile(times: list[float], share: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--slides", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from nanyi_desk.deck import load_deck
    from nanyi_desk.deck.search import FigureIndex

    with tempfile.TemporaryDirectory() as tmp:
        loaded = load_deck(write_deck(Path(tmp), args.slides))
    deck = loaded.deck
    assert deck is not None, loaded.diagnostics[:3]

    builds = []
    for _ in range(args.runs):
        started = time.perf_counter()
        index = FigureIndex.build(deck)
        builds.append(time.perf_counter() - started)

    keystrokes: list[float] = []
    found: dict[str, int] = {}
    for _ in range(args.runs):
        for query in QUERIES:
            for end in range(1, len(query) + 1):
                started = time.perf_counter()
                hits = index.search(query[:end])
                keystrokes.append(time.perf_counter() - started)
            found[query] = len(hits)

    ms = [t * 1000 for t in keystrokes]
    print(
        f"deck: {len(deck.slides)} slides, {len(deck.panels)} panels, {len(index.entries)} entries"
    )
    print(f"index build: median {statistics.median(builds) * 1000:.1f} ms of {args.runs}")
    print(
        f"search per keystroke ({len(ms)} keystrokes): p50 {percentile(ms, 0.5):.2f} ms, "
        f"p95 {percentile(ms, 0.95):.2f} ms, max {max(ms):.2f} ms   target < {TARGET_MS:.0f} ms "
        f"{'ok' if max(ms) < TARGET_MS else 'MISSED'}"
    )
    for query, count in found.items():
        print(f"  {query!r}: {count} hits (limit 50)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
