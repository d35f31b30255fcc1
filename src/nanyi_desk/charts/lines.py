"""Line, area and combo (bars with a line on a second axis) charts."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, MaxNLocator

from .bars import draw_bars
from .chart_context import ChartContext, Mark, Value
from .chart_parts import (
    add_legend,
    set_categories,
    style_value_axes,
    unit_caption,
    value_label,
    zero_line,
)
from .style import (
    format_tick,
    join_value,
    pt,
    series_colours,
)


def _lines(
    ctx: ChartContext,
    ax: Axes,
    which: Sequence[int],
    colours: Sequence[str],
    unit: str,
    *,
    fill: bool = False,
    ink_labels: bool = True,
) -> list[Artist]:
    """A line with dots (and a light fill) per series in `which`; labels clear of each other."""
    n_cat = len(ctx.categories)
    x = np.arange(n_cat, dtype=float)
    data = {si: ctx.values(ctx.series[si]) for si in which}
    with_unit = ctx.unit_fits(unit, 3.2)
    handles: list[Artist] = []
    surface = ctx.theme.colors.surface
    for si in which:
        colour = colours[si]
        y = np.array([np.nan if v is None else float(v) for v in data[si]])
        if fill:
            ok = np.isfinite(y)
            ax.fill_between(
                x,
                np.where(ok, y, 0.0),
                0.0,
                where=ok,
                color=colour,
                alpha=0.16 if len(which) == 1 else 0.09,
                linewidth=0,
                zorder=1,
            )
        (line,) = ax.plot(
            x,
            y,
            color=colour,
            linewidth=pt(5),
            marker="o",
            markersize=pt(16),
            markerfacecolor=colour,
            markeredgecolor=surface,
            markeredgewidth=pt(3),
            zorder=3,
            solid_capstyle="round",
            solid_joinstyle="round",
        )
        handles.append(
            Line2D(
                [],
                [],
                color=colour,
                linewidth=pt(5),
                marker="o",
                markersize=pt(14),
                markeredgecolor=surface,
            )
        )
        for i, v in enumerate(data[si]):
            if v is not None:
                ctx.marks.append(
                    Mark(si, i, v, "point", artist=line, axes=ax, xy=(float(i), float(v)))
                )
    # Labels: above the point, unless another series' point is just above it at the
    # same category, then below - so two lines that run close keep readable labels.
    span = _span(data)
    near = span * 0.09
    for si in which:
        for i, v in enumerate(data[si]):
            if v is None:
                continue
            above = [data[o][i] for o in which if o != si and data[o][i] is not None]
            below_it = any(0 <= (w - v) < near for w in above if w is not None)
            text = join_value(ctx.number(v), unit) if with_unit else ctx.number(v)
            value_label(
                ctx,
                ax,
                (i, v),
                text,
                offset=(0, -pt(16) if below_it else pt(14)),
                va="top" if below_it else "bottom",
                color=ctx.theme.colors.ink if ink_labels else colours[si],
            )
    ax.set_xlim(-0.5, n_cat - 0.5)
    return handles


def _span(data: dict[int, list[Value]]) -> float:
    vals = [float(v) for vs in data.values() for v in vs if v is not None]
    if not vals:
        return 1.0
    return (max(max(vals), 0) - min(min(vals), 0)) or 1.0


def _line_like(ctx: ChartContext, *, fill: bool) -> None:
    ax = ctx.fig.add_subplot()
    colours = series_colours(ctx.chart, ctx.theme, ctx.accent)
    style_value_axes(ctx, ax)
    set_categories(ctx, ax)
    which = list(range(len(ctx.series)))
    handles = _lines(ctx, ax, which, colours, ctx.unit, fill=fill, ink_labels=len(which) == 1)
    vals = [v for s in ctx.series for v in ctx.values(s) if v is not None]
    if vals and min(vals) >= 0:
        ax.set_ylim(bottom=0)
    zero_line(ctx, ax, vals)
    ax.margins(y=0.16)
    unit_caption(ctx, ax, ctx.unit)
    add_legend(ctx, handles, [ctx.text(s.name) for s in ctx.series])


def build_line(ctx: ChartContext) -> None:
    """Lines, one per series."""
    _line_like(ctx, fill=False)


def build_area(ctx: ChartContext) -> None:
    """Lines with the area under them filled."""
    _line_like(ctx, fill=True)


# ----------------------------------------------------------------------------- combo


def build_combo(ctx: ChartContext) -> None:
    """Bars on the left axis and a line on the right one."""
    ax = ctx.fig.add_subplot()
    colours = series_colours(ctx.chart, ctx.theme, ctx.accent)
    style_value_axes(ctx, ax)
    set_categories(ctx, ax)
    kinds = [s.kind or ("bar" if i == 0 else "line") for i, s in enumerate(ctx.series)]
    right = [i for i, s in enumerate(ctx.series) if s.axis == "right"]
    ax2: Axes | None = None
    if right:
        ax2 = ax.twinx()
        ax2.set_facecolor("none")
        for side in ax2.spines.values():
            side.set_visible(False)
        ax2.tick_params(
            axis="y",
            length=0,
            pad=pt(12),
            labelsize=pt(ctx.theme.type.caption),
            labelcolor=ctx.theme.colors.muted,
        )
        ax2.yaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10], min_n_ticks=3))
        ax2.yaxis.set_major_formatter(FuncFormatter(lambda v, _: format_tick(v)))
    handles: dict[int, Artist] = {}

    def on(axis_name: str) -> Axes:
        return ax2 if (axis_name == "right" and ax2 is not None) else ax

    bar_idx = [i for i, k in enumerate(kinds) if k == "bar"]
    for group_axes in {
        id(on(ctx.series[i].axis)): on(ctx.series[i].axis) for i in bar_idx
    }.values():
        members = [i for i in bar_idx if on(ctx.series[i].axis) is group_axes]
        unit = ctx.unit2 if group_axes is ax2 else ctx.unit
        for i, h in zip(members, draw_bars(ctx, group_axes, members, colours, unit), strict=True):
            handles[i] = h
    line_idx = [i for i, k in enumerate(kinds) if k == "line"]
    for target in (ax, ax2):
        if target is None:
            continue
        members = [i for i in line_idx if on(ctx.series[i].axis) is target]
        if members:
            unit = ctx.unit2 if target is ax2 else ctx.unit
            for i, h in zip(
                members, _lines(ctx, target, members, colours, unit, ink_labels=False), strict=True
            ):
                handles[i] = h
    n_cat = len(ctx.categories)
    ax.set_xlim(-0.6, n_cat - 0.4)
    # Two scales on one plot cross at random; keep bars in the lower part and lines in the
    # upper part so that labels of one never sit on the other.
    left_vals = _axis_values(ctx, [i for i in range(len(kinds)) if on(ctx.series[i].axis) is ax])
    right_vals = _axis_values(ctx, right)
    has_bars_left = any(on(ctx.series[i].axis) is ax for i in bar_idx)
    if ax2 is not None:
        _fit(ax, left_vals, 0.58 if has_bars_left else 0.9)
        if has_bars_left:
            _band(ax2, right_vals, 0.72, 0.9)
        else:
            _fit(ax2, right_vals, 0.86)
        ax2.set_xlim(ax.get_xlim())
        unit_caption(ctx, ax2, ctx.unit2, right=True)
    else:
        ax.margins(y=0.14)
    unit_caption(ctx, ax, ctx.unit)
    add_legend(
        ctx,
        [handles[i] for i in sorted(handles)],
        [ctx.text(ctx.series[i].name) for i in sorted(handles)],
    )


def _axis_values(ctx: ChartContext, which: Sequence[int]) -> list[float]:
    return [float(v) for i in which for v in ctx.values(ctx.series[i]) if v is not None]


def _fit(ax: Axes, vals: list[float], top_share: float) -> None:
    """Scale `ax` so its largest value reaches `top_share` of the height, from zero."""
    if not vals:
        return
    hi = max(max(vals), 0.0)
    lo = min(min(vals), 0.0)
    span = (hi - lo) or 1.0
    ax.set_ylim(lo, lo + span / top_share)


def _band(ax: Axes, vals: list[float], low: float, high: float) -> None:
    """Scale `ax` so its values lie between `low` and `high` of the height.

    From zero when that already keeps them in the band (an honest scale); otherwise the
    axis starts where it must, and its ticks say so.
    """
    if not vals:
        return
    hi, lo = max(vals), min(vals)
    if lo >= 0 and hi > 0 and lo / hi >= low / high:
        ax.set_ylim(0, hi / high)
        return
    span = (hi - lo) or abs(hi) or 1.0
    per = span / (high - low)  # value units per unit of height
    bottom = lo - low * per
    ax.set_ylim(bottom, bottom + per)
    # A scale squeezed into a band has no room for readable ticks; the points carry their
    # values and the unit stays on top.
    ax.set_yticks([])


# ----------------------------------------------------------------------------- pies
