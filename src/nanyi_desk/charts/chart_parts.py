"""The pieces every chart type is drawn with.

Value axes, category labels, the unit caption, the legend, value labels and the zero line.
matplotlib's object API only.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.font_manager import FontProperties
from matplotlib.ticker import FuncFormatter, MaxNLocator

from nanyi_desk.deck.contrast import contrast, nearest_passing_all

from .chart_context import ChartContext
from .style import (
    format_tick,
    join_value,
    pt,
    wrap,
)


def style_value_axes(ctx: ChartContext, ax: Axes, *, horizontal: bool = False) -> None:
    """No frame but a baseline, a light grid behind the data, quiet numeric ticks."""
    c = ctx.theme.colors
    ax.set_facecolor("none")
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(False)
    base = ax.spines["left" if horizontal else "bottom"]
    base.set_visible(True)
    base.set_color(c.muted)
    base.set_linewidth(1.2)
    ax.set_axisbelow(True)
    ax.tick_params(axis="both", length=0, pad=pt(12))
    value_axis = ax.xaxis if horizontal else ax.yaxis
    value_axis.grid(True, color=c.grid, linewidth=1.2)
    value_axis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10], min_n_ticks=3))
    english = ctx.scale.english
    value_axis.set_major_formatter(FuncFormatter(lambda v, _: format_tick(v, grouped=english)))
    ax.tick_params(
        axis="x" if horizontal else "y", labelsize=pt(ctx.theme.type.caption), labelcolor=c.muted
    )


def set_categories(ctx: ChartContext, ax: Axes, *, horizontal: bool = False) -> None:
    """Category tick labels, wrapped to the room each category has."""
    cats = ctx.categories
    n = max(len(cats), 1)
    if horizontal:
        room = 0.3 * ctx.width
    else:
        # The plot spans most of the width; each category gets its share, less a gap.
        room = max(0.82 * ctx.width / n - 16, 2 * ctx.theme.type.label)
    labels = [wrap(c, ctx.label, room, ctx.measure) for c in cats]
    axis = ax.yaxis if horizontal else ax.xaxis
    axis.set_ticks(range(len(cats)), labels=labels)
    ax.tick_params(
        axis="y" if horizontal else "x",
        labelsize=pt(ctx.theme.type.label),
        labelcolor=ctx.theme.colors.ink,
        labelfontfamily=[ctx.theme.font, "DejaVu Sans"],
    )
    for lab in axis.get_ticklabels():
        lab.set_linespacing(1.15)


def unit_caption(ctx: ChartContext, ax: Axes, unit: str, *, right: bool = False) -> None:
    """The unit above the value axis, where a reader looks for it."""
    if not unit:
        return
    ax.annotate(
        unit,
        xy=(1.0 if right else 0.0, 1.0),
        xycoords="axes fraction",
        xytext=(0, pt(18)),
        textcoords="offset points",
        ha="right" if right else "left",
        va="bottom",
        fontproperties=ctx.caption,
        color=ctx.theme.colors.muted,
        annotation_clip=False,
    )


def add_legend(ctx: ChartContext, handles: Sequence[Artist], labels: Sequence[str]) -> None:
    """A frameless legend across the top, only when there is more than one series."""
    if len(handles) < 2:
        return
    ctx.fig.legend(
        handles,
        labels,
        loc="outside upper left",
        ncols=len(handles),
        frameon=False,
        prop=ctx.label,
        labelcolor=ctx.theme.colors.ink,
        handlelength=1.0,
        handleheight=0.9,
        handletextpad=0.5,
        columnspacing=1.6,
        borderaxespad=0.2,
    )


def legible(ctx: ChartContext, colour: str) -> str:
    """`colour` for a value written beside its bar, slice or point, darkened just enough.

    Readable on the slide's and the panel's ground (WCAG AA for large text, 3:1): a series in
    amber or teal keeps its hue, not its faintness (#F0A202 on white is 2:1).
    """
    grounds = [(ctx.theme.colors.background, 3.0), (ctx.theme.colors.surface, 3.0)]
    if all(contrast(colour, ground) >= ratio for ground, ratio in grounds):
        return colour
    return nearest_passing_all(colour, grounds)


def value_label(
    ctx: ChartContext,
    ax: Axes,
    xy: tuple[float, float],
    text: str,
    *,
    offset: tuple[float, float],
    ha: str = "center",
    va: str = "bottom",
    font: FontProperties | None = None,
    color: str | None = None,
) -> None:
    """A value written next to its bar or point, `offset` points away."""
    ax.annotate(
        text,
        xy=xy,
        xytext=offset,
        textcoords="offset points",
        ha=ha,
        va=va,
        fontproperties=font or ctx.label_bold,
        color=legible(ctx, color) if color else ctx.theme.colors.ink,
        annotation_clip=False,
    )


def bar_label_style(
    ctx: ChartContext, values: Sequence[float | int], unit: str, slot_px: float
) -> tuple[bool, FontProperties]:
    """One label style for all bars of a chart: with the unit and large if every label fits.

    Deciding per bar would mix '20亿元' with '167.91' on one chart.
    """
    numbers = [ctx.number(v) for v in values] or ["0"]
    options = ([True] if ctx.unit_fits(unit, 3.2) else []) + [False]
    for font in (ctx.label_bold, ctx.caption_bold):
        for with_unit in options:
            texts = [join_value(n, unit) if with_unit else n for n in numbers]
            if max(ctx.measure(t, font) for t in texts) <= slot_px * 1.15:
                return with_unit, font
    return False, ctx.caption_bold


def value_text(ctx: ChartContext, v: float | int, unit: str, with_unit: bool) -> str:
    """A value as its label shows it, with the unit if it is short enough."""
    return join_value(ctx.number(v), unit) if with_unit else ctx.number(v)


def zero_line(ctx: ChartContext, ax: Axes, values: Sequence[float | int]) -> None:
    """With negative values the baseline is the zero line, not the bottom of the plot."""
    if values and min(values) < 0:
        ax.spines["bottom"].set_visible(False)
        ax.axhline(0, color=ctx.theme.colors.muted, linewidth=1.2, zorder=2.5)


# ----------------------------------------------------------------------------- bars
