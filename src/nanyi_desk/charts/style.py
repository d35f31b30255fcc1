"""The look shared by every chart: rc parameters from the theme, colours, numbers, wrapping.

May import: matplotlib (object API: font_manager, backend_agg's renderer type), numpy,
nanyi_desk.theme, nanyi_desk.deck.model and nanyi_desk.deck.figures. No pyplot, no Qt.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
from matplotlib.font_manager import FontProperties

from nanyi_desk.deck.figures import agree

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

    from nanyi_desk.deck.model import Chart
    from nanyi_desk.theme import Theme

PT_PER_PX = 72 / 100
"""A logical canvas pixel in points: the figure is drawn at 100 dpi per unit of scale."""

Measure = Callable[[str, FontProperties], float]
"""The width of a string in logical pixels when set in a font."""


def pt(px: float) -> float:
    """Logical canvas pixels to points, so that text `px` tall on the slide is `px` tall here."""
    return px * PT_PER_PX


def rc_params(theme: Theme) -> dict[RcKeyType, Any]:
    """The matplotlib rc settings for a chart in `theme`: font, colours, no chart junk.

    Used with matplotlib.rc_context around building *and* drawing, because ticks are
    created lazily at draw time and read the rc then.
    """
    c = theme.colors
    return {
        # DejaVu after the CJK face: a glyph the CJK font lacks falls back instead of tofu.
        "font.family": [theme.font, "DejaVu Sans"],
        "font.size": pt(theme.type.label),
        "text.color": c.ink,
        "axes.labelcolor": c.ink,
        "axes.edgecolor": c.muted,
        "axes.facecolor": "none",
        "axes.unicode_minus": False,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.formatter.useoffset": False,
        "axes.formatter.limits": (-12, 15),
        "axes.titlecolor": c.ink,
        "figure.facecolor": "none",
        "savefig.facecolor": "none",
        "grid.color": c.grid,
        "xtick.color": c.muted,
        "ytick.color": c.muted,
        "xtick.labelcolor": c.ink,
        "ytick.labelcolor": c.muted,
        "legend.frameon": False,
        "mathtext.default": "regular",
        "text.parse_math": False,  # a '$' in a label is a dollar, not TeX
    }


def series_colours(chart: Chart, theme: Theme, accent: str | None) -> list[str]:
    """A colour per series: its own, else the accent first, then the theme's series colours.

    Colours already taken are skipped so that two series never share one by accident.
    """
    series = chart.series or ()
    pool = _palette(theme, accent)
    taken = {s.color.upper() for s in series if s.color}
    free = [c for c in pool if c.upper() not in taken]
    out: list[str] = []
    for s in series:
        if s.color:
            out.append(s.color)
        else:
            out.append(free.pop(0) if free else pool[len(out) % len(pool)])
    return out


def slice_colours(n: int, theme: Theme, accent: str | None) -> list[str]:
    """A colour per pie slice: the accent, then the theme's series colours, cycled."""
    pool = _palette(theme, accent)
    return [pool[i % len(pool)] for i in range(n)]


def _palette(theme: Theme, accent: str | None) -> list[str]:
    first = accent or theme.series[0]
    out = [first]
    for c in theme.series:
        # A near-twin of a colour already in use (the section teal beside the series teal)
        # would make two series look like one.
        if all(_distance(c, o) >= 50 for o in out):
            out.append(c)
    return out


def _distance(a: str, b: str) -> float:
    """Euclidean distance of two #RRGGBB colours in 0..255 RGB."""
    ra, rb = _rgb(a), _rgb(b)
    return float(sum((x - y) ** 2 for x, y in zip(ra, rb, strict=True)) ** 0.5)


def _rgb(colour: str) -> tuple[int, int, int]:
    h = colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def format_tick(value: float, *, grouped: bool = False) -> str:
    """An axis tick: no trailing '.0', no float noise such as 0.30000000000000004.

    `grouped` writes thousands with commas (1,500), as English figures are everywhere else.
    """
    text = np.format_float_positional(round(float(value), 10), trim="-")
    if text in ("-0", "-0."):
        return "0"
    if grouped:
        whole, dot, rest = text.partition(".")
        sign = "-" if whole.startswith("-") else ""
        text = f"{sign}{int(whole.lstrip('-') or 0):,}{dot}{rest}"
    return text


def join_value(number: str, unit: str) -> str:
    """Number and unit: CJK units sit close ("20亿元"), latin ones after a space (1 industry)."""
    if not unit:
        return number
    if _is_cjk(unit[0]):
        return number + unit
    return f"{number} {agree(number, unit)}"


# ----------------------------------------------------------------------------- wrapping

_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
_TOKEN = re.compile(rf"[{_CJK}]|[^\s{_CJK}]+\s*|\s+")
# Punctuation that may not start a line, and that may not end one (kinsoku).
_NO_START = set("，。、；：！？）》」』】〕’”%…·,.;:!?)]}")
_NO_END = set("（《「『【〔‘“([{")


def _is_cjk(ch: str) -> bool:
    return bool(re.match(rf"[{_CJK}]", ch))


def _tokens(text: str) -> list[str]:
    raw = _TOKEN.findall(text)
    out: list[str] = []
    glue_next = False
    for tok in raw:
        if out and (glue_next or tok[0] in _NO_START or tok.isspace()):
            out[-1] += tok
        else:
            out.append(tok)
        glue_next = tok.rstrip()[-1:] in _NO_END if tok.strip() else glue_next
    return out


def wrap(
    text: str, font: FontProperties, max_px: float, measure: Measure, max_lines: int = 3
) -> str:
    """`text` broken into lines no wider than `max_px`: CJK anywhere, latin at spaces.

    Lines come out balanced (钠离子电池 / 生产基地, not 钠离子电池生产基 / 地). Lines the author
    broke stay broken. After `max_lines` the rest goes on the last line (too long beats
    silently dropped words).
    """
    best = _greedy(text, font, max_px, measure, max_lines)
    count = best.count("\n")
    if count == 0:
        return best
    # Narrow the measure while the line count holds: the lines even out.
    width = max_px
    while width > max_px * 0.4:
        width *= 0.93
        trial = _greedy(text, font, width, measure, max_lines)
        if trial.count("\n") != count or _too_wide(trial, font, width, measure):
            break
        best = trial
    return best


def _too_wide(text: str, font: FontProperties, width: float, measure: Measure) -> bool:
    return any(measure(line, font) > width for line in text.split("\n"))


def _greedy(
    text: str, font: FontProperties, max_px: float, measure: Measure, max_lines: int
) -> str:
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for tok in _tokens(para):
            trial = line + tok
            if line and measure(trial.rstrip(), font) > max_px and len(lines) < max_lines - 1:
                lines.append(line.rstrip())
                line = tok.lstrip()
            else:
                line = trial
        lines.append(line.rstrip())
    return "\n".join(lines)
