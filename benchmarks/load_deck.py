"""Time loading and validating a generated 500-slide deck. Target: under 0.3 s.

Prints the first (cold) load, in a fresh process with the imports it needs, and the
median of warm loads. Run: python benchmarks/load_deck.py [--slides N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_S = 0.3

SLIDES = [
    """  - layout: kpis
    id: kpis-{i}
    section: high
    title: {{zh: 关键数字 {i}, en: Key figures {i}}}
    notes: {{zh: 讲这些数字。, en: Talk through the figures.}}
    items:
      - {{value: 351.6, unit: {{zh: 平方公里, en: km²}}, label: {{zh: 总面积, en: Total area}}, source: src, quote: 总面积351.6平方公里, drill: panel-{i}}}
      - {{value: 79.6, unit: {{zh: 万人, en: "10,000 people"}}, label: {{zh: 人口, en: People}}, source: src}}
      - {{value: 1478, unit: {{zh: 家, en: firms}}, label: {{zh: 规上企业, en: Large firms}}, source: src}}
""",
    """  - layout: chart
    id: chart-{i}
    section: new
    title: {{zh: 投资 {i}, en: Investment {i}}}
    chart:
      type: bar
      source: src
      unit: {{zh: 亿元, en: RMB 100 million}}
      categories: [{{zh: 已签约, en: Signed}}, {{zh: 在谈, en: In talks}}]
      series:
        - {{name: {{zh: 总投资, en: Investment}}, values: [185.28, 263.53], drill: [panel-{i}, null]}}
""",
    """  - layout: cards
    id: cards-{i}
    section: quality
    title: {{zh: 链主项目 {i}, en: Chain leaders {i}}}
    items:
      - {{title: {{zh: 睿斯科, en: Ruisike}}, body: {{zh: 核医疗设备, en: Nuclear medicine}}, icon: fa5s.atom, drill: panel-{i}}}
      - {{title: {{zh: 隐功科技, en: Yingong}}, body: {{zh: 钠离子电池, en: Sodium-ion}}, value: 15, unit: {{zh: 亿元, en: RMB 100 m}}, source: src}}
""",
    """  - layout: bullets
    id: bullets-{i}
    title: {{zh: 要点 {i}, en: Points {i}}}
    items:
      - {{zh: 一, en: One}}
      - {{text: {{zh: 二, en: Two}}, drill: panel-{i}}}
""",
]


def write_deck(folder: Path, count: int) -> Path:
    lines = [
        "format: 1",
        "title: {zh: 基准, en: Benchmark}",
        "languages: [zh, en]",
        "sources:",
        "  src: {title: {zh: 文章, en: Article}, date: 2026-06-30}",
        "slides:",
    ]
    for i in range(count):
        lines.append(SLIDES[i % len(SLIDES)].format(i=i).rstrip("\n"))
    lines.append("panels:")
    for i in range(count):
        lines.append(
            f"  panel-{i}: {{title: {{zh: 面板 {i}, en: Panel {i}}}, body: {{zh: 正文, en: Body}}}}"
        )
    deck = folder / "deck.yaml"
    deck.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return deck


COLD = """
import sys, time
t0 = time.perf_counter()
from nanyi_desk.deck import load_deck
t1 = time.perf_counter()
loaded = load_deck(sys.argv[1])
t2 = time.perf_counter()
assert loaded.deck is not None, loaded.diagnostics[:3]
print(f"{t1 - t0:.4f} {t2 - t1:.4f}")
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--slides", type=int, default=500)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    from nanyi_desk.deck import load_deck

    with tempfile.TemporaryDirectory() as tmp:
        deck = write_deck(Path(tmp), args.slides)
        size_kb = deck.stat().st_size / 1024
        cold = subprocess.run(
            [sys.executable, "-c", COLD, str(deck)], capture_output=True, text=True, check=True
        ).stdout.split()
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            loaded = load_deck(deck)
            times.append(time.perf_counter() - started)
        assert loaded.deck is not None
        assert len(loaded.deck.slides) == args.slides
    warm = statistics.median(times)
    print(f"deck: {args.slides} slides, {args.slides} panels, {size_kb:.0f} KB of YAML")
    print(f"import nanyi_desk.deck (cold process):  {float(cold[0]) * 1000:7.1f} ms")
    print(
        f"load + validate, first in a process:     {float(cold[1]) * 1000:7.1f} ms   target < {TARGET_S * 1000:.0f} ms  {'ok' if float(cold[1]) < TARGET_S else 'MISSED'}"
    )
    print(
        f"load + validate, median of {args.runs} warm runs: {warm * 1000:7.1f} ms   target < {TARGET_S * 1000:.0f} ms  {'ok' if warm < TARGET_S else 'MISSED'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
