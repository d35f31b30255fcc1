"""Bar charts: vertical, horizontal and stacked, with their value labels and marks."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from .chart_context import ChartContext, Mark
from .chart_parts import (
    add_legend,
    bar_label_style,
    set_categories,
    style_value_axes,
    unit_caption,
    value_label,
    value_text,
    zero_line,
)
from .style import (
    join_value,
    pt,
    series_colours,
)

BAR_MAX_PX = 190
"""The widest a lone bar grows, in logical px: wider reads as a block, not a bar."""
GROUPED_BAR_MAX_PX = 120
"""The widest a bar in a group grows."""
HBAR_MAX_PX = 84
"""The thickest a horizontal bar grows."""
GROUPED_HBAR_MAX_PX = 56
"""The thickest a horizontal bar in a group grows."""


def draw_bars(
    ctx: ChartContext, ax: Axes, which: Sequence[int], colours: Sequence[str], unit: str
) -> list[Artist]:
    """Grouped vertical bars for the series in `which`, labelled; returns legend handles."""
    n_cat = max(len(ctx.categories), 1)
    k = max(len(which), 1)
    group = 0.56 if k == 1 else min(0.8, 0.28 * k + 0.2)
    unit_px = 0.82 * ctx.width / n_cat  # logical px per category, roughly
    # A few categories on a wide chart make slabs, not bars: cap a bar's width.
    group = min(group, (BAR_MAX_PX if k == 1 else GROUPED_BAR_MAX_PX * k) / unit_px)
    bw = group / k
    slot_px = unit_px * bw
    handles: list[Artist] = []
    every = [v for si in which for v in ctx.values(ctx.series[si]) if v is not None]
    with_unit, font = bar_label_style(ctx, every, unit, slot_px)
    zero_line(ctx, ax, every)
    for j, si in enumerate(which):
        s = ctx.series[si]
        colour = colours[si]
        for i, v in enumerate(ctx.values(s)):
            if v is None:
                continue
            x = i - group / 2 + bw * (j + 0.5)
            (rect,) = ax.bar([x], [v], bw * 0.92 if k > 1 else bw, color=colour, zorder=2).patches
            ctx.marks.append(Mark(si, i, v, "bar", artist=rect))
            up = v >= 0
            value_label(
                ctx,
                ax,
                (x, v),
                value_text(ctx, v, unit, with_unit),
                offset=(0, pt(8) if up else -pt(8)),
                va="bottom" if up else "top",
                font=font,
                color=ctx.theme.colors.ink if k == 1 else colour,
            )
        handles.append(Patch(facecolor=colour))
    return handles


def build_bar(ctx: ChartContext) -> None:
    """Vertical bars, one group per category."""
    ax = ctx.fig.add_subplot()
    colours = series_colours(ctx.chart, ctx.theme, ctx.accent)
    style_value_axes(ctx, ax)
    set_categories(ctx, ax)
    handles = draw_bars(ctx, ax, range(len(ctx.series)), colours, ctx.unit)
    ax.set_xlim(-0.6, len(ctx.categories) - 0.4)
    ax.margins(y=0.14)
    unit_caption(ctx, ax, ctx.unit)
    add_legend(ctx, handles, [ctx.text(s.name) for s in ctx.series])


def build_hbar(ctx: ChartContext) -> None:
    """Horizontal bars: long category names read across."""
    ax = ctx.fig.add_subplot()
    colours = series_colours(ctx.chart, ctx.theme, ctx.accent)
    c = ctx.theme.colors
    ax.set_facecolor("none")
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    ax.spines["left"].set_color(c.muted)
    ax.spines["left"].set_linewidth(1.2)
    # The value labels say it all: no value axis, no grid to read across.
    ax.xaxis.set_visible(False)
    ax.tick_params(axis="y", length=0, pad=pt(14))
    set_categories(ctx, ax, horizontal=True)
    n_cat = len(ctx.categories)
    k = max(len(ctx.series), 1)
    group = 0.6 if k == 1 else min(0.8, 0.26 * k + 0.2)
    unit_px = 0.85 * ctx.height / max(n_cat, 1)
    group = min(group, (HBAR_MAX_PX if k == 1 else GROUPED_HBAR_MAX_PX * k) / unit_px)
    bh = group / k
    unit = ctx.unit
    with_unit = ctx.unit_fits(unit, 5)
    handles: list[Artist] = []
    for si, s in enumerate(ctx.series):
        for i, v in enumerate(ctx.values(s)):
            if v is None:
                continue
            y = i - group / 2 + bh * (si + 0.5)
            (rect,) = ax.barh(
                [y], [v], bh * 0.9 if k > 1 else bh, color=colours[si], zorder=2
            ).patches
            ctx.marks.append(Mark(si, i, v, "bar", artist=rect))
            text = join_value(ctx.number(v), unit) if with_unit else ctx.number(v)
            right = v >= 0
            value_label(
                ctx,
                ax,
                (v, y),
                text,
                offset=(pt(10) if right else -pt(10), 0),
                ha="left" if right else "right",
                va="center",
                color=c.ink if k == 1 else colours[si],
            )
        handles.append(Patch(facecolor=colours[si]))
    ax.set_ylim(n_cat - 0.5, -0.5)  # first category on top
    ax.margins(x=0.0)
    lo = min((v for s in ctx.series for v in ctx.values(s) if v is not None), default=0)
    ax.set_xlim(left=min(0, lo))
    if not with_unit:
        unit_caption(ctx, ax, unit)
    add_legend(ctx, handles, [ctx.text(s.name) for s in ctx.series])


def build_stacked(ctx: ChartContext) -> None:
    """Stacked bars: each category's parts on top of each other, with the total."""
    ax = ctx.fig.add_subplot()
    colours = series_colours(ctx.chart, ctx.theme, ctx.accent)
    style_value_axes(ctx, ax)
    set_categories(ctx, ax)
    n_cat = len(ctx.categories)
    bw = min(0.56, BAR_MAX_PX / (0.82 * ctx.width / max(n_cat, 1)))
    pos = np.zeros(n_cat)
    neg = np.zeros(n_cat)
    # How tall one value unit is on screen, roughly (the axes take ~70 % of the height):
    # decides which segments can hold their label.
    totals = [
        sum(v for s in ctx.series for v in [ctx.values(s)[i]] if v is not None and v > 0)
        for i in range(n_cat)
    ]
    top = max(totals, default=1) or 1
    px_per_unit = 0.68 * ctx.height / (top * 1.1)
    slot_px = 0.82 * ctx.width / max(n_cat, 1) * bw
    handles: list[Artist] = []
    # The last segment to go on each end of a stack: if it is too thin for its label, the
    # label goes just beyond the stack instead of being dropped.
    ends: dict[tuple[int, bool], tuple[int, float | int, float]] = {}
    every = [v for s in ctx.series for v in ctx.values(s) if v is not None]
    with_unit, font = bar_label_style(ctx, every, ctx.unit, slot_px)
    zero_line(ctx, ax, every)
    for si, s in enumerate(ctx.series):
        for i, v in enumerate(ctx.values(s)):
            if v is None:
                continue
            base = pos[i] if v >= 0 else neg[i]
            (rect,) = ax.bar(
                [i],
                [v],
                bw,
                bottom=[base],
                color=colours[si],
                zorder=2,
                edgecolor=ctx.theme.colors.surface,
                linewidth=1.5,
            ).patches
            ctx.marks.append(Mark(si, i, v, "bar", artist=rect))
            text = value_text(ctx, v, ctx.unit, with_unit)
            if (
                abs(v) * px_per_unit >= ctx.theme.type.label * 1.35
                and ctx.measure(text, font) <= slot_px
            ):
                ax.annotate(
                    text,
                    xy=(i, base + v / 2),
                    ha="center",
                    va="center",
                    fontproperties=font,
                    color=ctx.theme.colors.on_accent,
                    annotation_clip=False,
                )
                ends.pop((i, v >= 0), None)
            else:
                ends[(i, v >= 0)] = (si, v, base + v)
            if v >= 0:
                pos[i] += v
            else:
                neg[i] += v
        handles.append(Patch(facecolor=colours[si]))
    for (i, up), (si, v, edge) in ends.items():
        # Only the outermost segment can carry its label outside; a thin one inside a
        # stack keeps its value in the hit (tooltip / drill) rather than overprint.
        if edge != (pos[i] if up else neg[i]):
            continue
        value_label(
            ctx,
            ax,
            (i, edge),
            value_text(ctx, v, ctx.unit, with_unit),
            offset=(0, pt(8) if up else -pt(8)),
            va="bottom" if up else "top",
            font=font,
            color=colours[si],
        )
    ax.set_xlim(-0.6, n_cat - 0.4)
    ax.margins(y=0.06)
    unit_caption(ctx, ax, ctx.unit)
    add_legend(ctx, handles, [ctx.text(s.name) for s in ctx.series])


# ----------------------------------------------------------------------------- lines
