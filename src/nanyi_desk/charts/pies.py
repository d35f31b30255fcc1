"""Pie and donut charts, with labels outside the wedges where they fit."""

from __future__ import annotations

import math
from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.patches import Wedge

from .chart_context import ChartContext, Mark
from .chart_parts import legible
from .style import (
    join_value,
    pt,
    slice_colours,
    wrap,
)


def build_pie(ctx: ChartContext, *, donut: bool = False) -> None:
    """A pie (or, with `donut`, a ring) of one series' shares."""
    ax = ctx.fig.add_subplot()
    ax.set_facecolor("none")
    ax.set_axis_off()
    ax.set_aspect("equal")
    s = ctx.series[0] if ctx.series else None
    cats = ctx.categories
    # A slice needs a positive size; nulls (and the impossible negatives) are left out.
    items = [(i, v) for i, v in enumerate(ctx.values(s) if s else []) if v is not None and v >= 0]
    colours = slice_colours(len(cats), ctx.theme, s.color if s and s.color else ctx.accent)
    if not items or sum(v for _, v in items) <= 0:
        return
    ring = 0.38
    wedges, _ = ax.pie(
        [v for _, v in items],
        colors=[colours[i] for i, _ in items],
        startangle=90,
        counterclock=False,
        radius=1.0,
        wedgeprops={
            "width": ring if donut else 1.0,
            "edgecolor": ctx.theme.colors.surface,
            "linewidth": pt(4),
        },
    )
    for (i, v), w in zip(items, wedges, strict=True):
        ctx.marks.append(Mark(0, i, v, "wedge", artist=w))
    _pie_labels(ctx, ax, items, wedges, cats, colours)
    if donut and s is not None:
        name = wrap(ctx.text(s.name), ctx.caption, 0.3 * ctx.height, ctx.measure)
        ax.text(
            0,
            0,
            name,
            ha="center",
            va="center",
            fontproperties=ctx.caption,
            color=ctx.theme.colors.muted,
        )
    ax.set_xlim(-1.25, 1.25)
    ax.set_ylim(-1.12, 1.12)


def _pie_labels(
    ctx: ChartContext,
    ax: Axes,
    items: list[tuple[int, float | int]],
    wedges: Sequence[Wedge],
    cats: list[str],
    colours: list[str],
) -> None:
    """Category and value beside each slice, with a leader line; labels kept apart."""
    unit = ctx.unit
    # Data units per logical pixel: the pie spans ~2.3 units over ~80 % of the height.
    per_px = 2.3 / (0.8 * ctx.height)
    gap = (ctx.theme.type.label * 1.35 * 2 + 10) * per_px
    sides: dict[int, list[list[float]]] = {1: [], -1: []}
    for k, w in enumerate(wedges):
        mid = math.radians((w.theta1 + w.theta2) / 2)
        ex, ey = math.cos(mid), math.sin(mid)
        side = 1 if ex >= 0 else -1
        sides[side].append([ey * 1.1, k, ex, ey])
    for side, rows in sides.items():
        rows.sort(key=lambda r: -r[0])  # top to bottom
        # Push labels down until they are a label apart, then back up if they ran off.
        # Push labels down until they are a label apart; if the last fell off the bottom,
        # push back up from there - only as far as needed.
        for j in range(1, len(rows)):
            rows[j][0] = min(rows[j][0], rows[j - 1][0] - gap)
        if rows and rows[-1][0] < -1.05:
            rows[-1][0] = -1.05
            for j in range(len(rows) - 2, -1, -1):
                rows[j][0] = max(rows[j][0], rows[j + 1][0] + gap)
        for ly, wedge, ex, ey in rows:
            i, v = items[int(wedge)]
            tx = side * 1.2
            # Out along the radius first, then to the label: the line never cuts the pie.
            elbow = side * max(abs(ex) * 1.1, 1.1 * math.sqrt(max(0.0, 1 - min(1.0, ly * ly))))
            ax.plot(
                [ex * 1.01, ex * 1.1, elbow, tx - side * 0.03],
                [ey * 1.01, ey * 1.1, ly, ly],
                color=ctx.theme.colors.muted,
                linewidth=1.2,
                solid_capstyle="round",
                zorder=1,
            )
            name = wrap(cats[i], ctx.label, 0.24 * ctx.width, ctx.measure, max_lines=2)
            ha = "left" if side > 0 else "right"
            ax.annotate(
                name,
                xy=(tx, ly),
                xytext=(0, pt(2)),
                textcoords="offset points",
                ha=ha,
                va="bottom",
                fontproperties=ctx.label,
                color=ctx.theme.colors.ink,
                annotation_clip=False,
            )
            ax.annotate(
                join_value(ctx.number(v), unit),
                xy=(tx, ly),
                xytext=(0, -pt(2)),
                textcoords="offset points",
                ha=ha,
                va="top",
                fontproperties=ctx.label_bold,
                color=legible(ctx, colours[i]),
                annotation_clip=False,
            )


def build_donut(ctx: ChartContext) -> None:
    """A pie with a hole: the total can sit in the middle."""
    build_pie(ctx, donut=True)
