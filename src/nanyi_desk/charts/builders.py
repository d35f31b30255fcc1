"""One matplotlib Figure per chart type, plus where each data point's artist is.

May import: matplotlib's object API (figure, patches, lines, ticker, font_manager,
backend_agg for measuring text), numpy, nanyi_desk.deck (model, text.pick), nanyi_desk.theme
and this package. Never pyplot, never Qt: the renderer turns the figure into pixels.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Wedge
from matplotlib.ticker import FuncFormatter, MaxNLocator

from nanyi_desk.deck.model import Chart, Series
from nanyi_desk.deck.text import pick
from nanyi_desk.theme import Theme

from .fonts import register_fonts
from .style import (
    format_tick,
    format_value,
    join_value,
    pt,
    series_colours,
    slice_colours,
    wrap,
)

Value = float | int | None

BAR_MAX_PX = 190
"""The widest a lone bar grows, in logical px: wider reads as a block, not a bar."""
GROUPED_BAR_MAX_PX = 120
"""The widest a bar in a group grows."""
HBAR_MAX_PX = 84
"""The thickest a horizontal bar grows."""
GROUPED_HBAR_MAX_PX = 56
"""The thickest a horizontal bar in a group grows."""


@dataclass(frozen=True)
class Mark:
    """One drawn data point: the artist that shows it, or the data point on an axes."""

    series: int
    index: int
    value: Value
    kind: str  # "bar" | "point" | "wedge"
    artist: Artist | None = None
    axes: Axes | None = None
    xy: tuple[float, float] = (0.0, 0.0)


@dataclass
class Built:
    """A built figure and its marks, in series then category order."""

    figure: Figure
    marks: list[Mark] = field(default_factory=list)


@dataclass
class _Ctx:
    """What every builder needs: the chart, the language, the theme, fonts, a ruler."""

    chart: Chart
    lang: str
    fallbacks: tuple[str, ...]
    theme: Theme
    accent: str | None
    fig: Figure
    width: float  # logical pixels
    height: float
    marks: list[Mark] = field(default_factory=list)

    def __post_init__(self) -> None:
        fam = [self.theme.font, "DejaVu Sans"]
        t = self.theme.type
        self.label = FontProperties(family=fam, size=pt(t.label))
        self.label_bold = FontProperties(family=fam, size=pt(t.label), weight="bold")
        self.caption = FontProperties(family=fam, size=pt(t.caption))
        self.caption_bold = FontProperties(family=fam, size=pt(t.caption), weight="bold")
        self._renderer = FigureCanvasAgg(self.fig).get_renderer()
        self._px = self.fig.dpi / 100  # device pixels per logical pixel

    # -- text

    def text(self, value: object) -> str:
        """A Text field in the language shown."""
        return pick(value, self.lang, self.fallbacks)  # type: ignore[arg-type]

    def measure(self, s: str, font: FontProperties) -> float:
        """Width of one line of `s` in logical pixels."""
        if not s:
            return 0.0
        w, _, _ = self._renderer.get_text_width_height_descent(s, font, ismath=False)
        return float(w) / self._px

    @property
    def categories(self) -> list[str]:
        """The category labels in the language shown."""
        return [self.text(c) for c in self.chart.categories or ()]

    @property
    def series(self) -> tuple[Series, ...]:
        """The chart's series (empty when there are none)."""
        return self.chart.series or ()

    @property
    def unit(self) -> str:
        """The unit of the (left) values."""
        return self.text(self.chart.unit)

    @property
    def unit2(self) -> str:
        """The unit of the right axis in a combo chart."""
        return self.text(self.chart.unit2)

    def unit_fits(self, unit: str, ems: float) -> bool:
        """Whether `unit` is short enough to repeat after every value label."""
        if not unit:
            return False
        short_latin = " " not in unit.strip()
        return short_latin and self.measure(unit, self.label_bold) <= ems * self.theme.type.label

    def values(self, s: Series) -> list[Value]:
        """The series' values, padded with None to the number of categories."""
        n = len(self.categories)
        vals = list(s.values[:n])
        return vals + [None] * (n - len(vals))


# ----------------------------------------------------------------------------- entry


def build(
    chart: Chart,
    *,
    lang: str,
    fallbacks: tuple[str, ...],
    theme: Theme,
    accent: str | None,
    width_px: float,
    height_px: float,
    dpi: float,
) -> Built:
    """The figure for `chart` and its marks; call inside rc_context(rc_params(theme))."""
    register_fonts()
    fig = Figure(figsize=(width_px / 100, height_px / 100), dpi=dpi, layout="constrained")
    fig.patch.set_facecolor("none")
    engine = fig.get_layout_engine()
    # Room between the axes and the figure edge: constrained layout's pads are in inches,
    # so they scale with dpi as the fonts do.
    engine.set(w_pad=0.06, h_pad=0.06, wspace=0, hspace=0)  # type: ignore[union-attr]
    ctx = _Ctx(chart, lang, fallbacks, theme, accent, fig, width_px, height_px)
    builder = _BUILDERS[chart.type]
    builder(ctx)
    return Built(fig, ctx.marks)


# ----------------------------------------------------------------------------- helpers


def _style_value_axes(ctx: _Ctx, ax: Axes, *, horizontal: bool = False) -> None:
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
    value_axis.set_major_formatter(FuncFormatter(lambda v, _: format_tick(v)))
    ax.tick_params(
        axis="x" if horizontal else "y", labelsize=pt(ctx.theme.type.caption), labelcolor=c.muted
    )


def _set_categories(ctx: _Ctx, ax: Axes, *, horizontal: bool = False) -> None:
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


def _unit_caption(ctx: _Ctx, ax: Axes, unit: str, *, right: bool = False) -> None:
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


def _legend(ctx: _Ctx, handles: Sequence[Artist], labels: Sequence[str]) -> None:
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


def _value_label(
    ctx: _Ctx,
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
    ax.annotate(
        text,
        xy=xy,
        xytext=offset,
        textcoords="offset points",
        ha=ha,
        va=va,
        fontproperties=font or ctx.label_bold,
        color=color or ctx.theme.colors.ink,
        annotation_clip=False,
    )


def _bar_label_style(
    ctx: _Ctx, values: Sequence[float | int], unit: str, slot_px: float
) -> tuple[bool, FontProperties]:
    """One label style for all bars of a chart: with the unit and large if every label fits.

    Deciding per bar would mix '20亿元' with '167.91' on one chart.
    """
    numbers = [format_value(v) for v in values] or ["0"]
    options = ([True] if ctx.unit_fits(unit, 3.2) else []) + [False]
    for font in (ctx.label_bold, ctx.caption_bold):
        for with_unit in options:
            texts = [join_value(n, unit) if with_unit else n for n in numbers]
            if max(ctx.measure(t, font) for t in texts) <= slot_px * 1.15:
                return with_unit, font
    return False, ctx.caption_bold


def _label(v: float | int, unit: str, with_unit: bool) -> str:
    return join_value(format_value(v), unit) if with_unit else format_value(v)


def _zero_line(ctx: _Ctx, ax: Axes, values: Sequence[float | int]) -> None:
    """With negative values the baseline is the zero line, not the bottom of the plot."""
    if values and min(values) < 0:
        ax.spines["bottom"].set_visible(False)
        ax.axhline(0, color=ctx.theme.colors.muted, linewidth=1.2, zorder=2.5)


# ----------------------------------------------------------------------------- bars


def _bars(
    ctx: _Ctx, ax: Axes, which: Sequence[int], colours: Sequence[str], unit: str
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
    with_unit, font = _bar_label_style(ctx, every, unit, slot_px)
    _zero_line(ctx, ax, every)
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
            _value_label(
                ctx,
                ax,
                (x, v),
                _label(v, unit, with_unit),
                offset=(0, pt(8) if up else -pt(8)),
                va="bottom" if up else "top",
                font=font,
                color=ctx.theme.colors.ink if k == 1 else colour,
            )
        handles.append(Patch(facecolor=colour))
    return handles


def _build_bar(ctx: _Ctx) -> None:
    ax = ctx.fig.add_subplot()
    colours = series_colours(ctx.chart, ctx.theme, ctx.accent)
    _style_value_axes(ctx, ax)
    _set_categories(ctx, ax)
    handles = _bars(ctx, ax, range(len(ctx.series)), colours, ctx.unit)
    ax.set_xlim(-0.6, len(ctx.categories) - 0.4)
    ax.margins(y=0.14)
    _unit_caption(ctx, ax, ctx.unit)
    _legend(ctx, handles, [ctx.text(s.name) for s in ctx.series])


def _build_hbar(ctx: _Ctx) -> None:
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
    _set_categories(ctx, ax, horizontal=True)
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
            text = join_value(format_value(v), unit) if with_unit else format_value(v)
            right = v >= 0
            _value_label(
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
        _unit_caption(ctx, ax, unit)
    _legend(ctx, handles, [ctx.text(s.name) for s in ctx.series])


def _build_stacked(ctx: _Ctx) -> None:
    ax = ctx.fig.add_subplot()
    colours = series_colours(ctx.chart, ctx.theme, ctx.accent)
    _style_value_axes(ctx, ax)
    _set_categories(ctx, ax)
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
    with_unit, font = _bar_label_style(ctx, every, ctx.unit, slot_px)
    _zero_line(ctx, ax, every)
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
            text = _label(v, ctx.unit, with_unit)
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
        _value_label(
            ctx,
            ax,
            (i, edge),
            _label(v, ctx.unit, with_unit),
            offset=(0, pt(8) if up else -pt(8)),
            va="bottom" if up else "top",
            font=font,
            color=colours[si],
        )
    ax.set_xlim(-0.6, n_cat - 0.4)
    ax.margins(y=0.06)
    _unit_caption(ctx, ax, ctx.unit)
    _legend(ctx, handles, [ctx.text(s.name) for s in ctx.series])


# ----------------------------------------------------------------------------- lines


def _lines(
    ctx: _Ctx,
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
            below_it = any(0 <= (w - v) < near for w in above if w is not None)  # type: ignore[operator]
            text = join_value(format_value(v), unit) if with_unit else format_value(v)
            _value_label(
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


def _line_like(ctx: _Ctx, *, fill: bool) -> None:
    ax = ctx.fig.add_subplot()
    colours = series_colours(ctx.chart, ctx.theme, ctx.accent)
    _style_value_axes(ctx, ax)
    _set_categories(ctx, ax)
    which = list(range(len(ctx.series)))
    handles = _lines(ctx, ax, which, colours, ctx.unit, fill=fill, ink_labels=len(which) == 1)
    vals = [v for s in ctx.series for v in ctx.values(s) if v is not None]
    if vals and min(vals) >= 0:
        ax.set_ylim(bottom=0)
    _zero_line(ctx, ax, vals)
    ax.margins(y=0.16)
    _unit_caption(ctx, ax, ctx.unit)
    _legend(ctx, handles, [ctx.text(s.name) for s in ctx.series])


def _build_line(ctx: _Ctx) -> None:
    _line_like(ctx, fill=False)


def _build_area(ctx: _Ctx) -> None:
    _line_like(ctx, fill=True)


# ----------------------------------------------------------------------------- combo


def _build_combo(ctx: _Ctx) -> None:
    ax = ctx.fig.add_subplot()
    colours = series_colours(ctx.chart, ctx.theme, ctx.accent)
    _style_value_axes(ctx, ax)
    _set_categories(ctx, ax)
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
        for i, h in zip(members, _bars(ctx, group_axes, members, colours, unit), strict=True):
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
        _unit_caption(ctx, ax2, ctx.unit2, right=True)
    else:
        ax.margins(y=0.14)
    _unit_caption(ctx, ax, ctx.unit)
    _legend(
        ctx,
        [handles[i] for i in sorted(handles)],
        [ctx.text(ctx.series[i].name) for i in sorted(handles)],
    )


def _axis_values(ctx: _Ctx, which: Sequence[int]) -> list[float]:
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


def _build_pie(ctx: _Ctx, *, donut: bool = False) -> None:
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
    ctx: _Ctx,
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
        for ly, k, ex, ey in rows:
            i, v = items[int(k)]
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
                join_value(format_value(v), unit),
                xy=(tx, ly),
                xytext=(0, -pt(2)),
                textcoords="offset points",
                ha=ha,
                va="top",
                fontproperties=ctx.label_bold,
                color=colours[i],
                annotation_clip=False,
            )


def _build_donut(ctx: _Ctx) -> None:
    _build_pie(ctx, donut=True)


_BUILDERS = {
    "bar": _build_bar,
    "hbar": _build_hbar,
    "stacked": _build_stacked,
    "line": _build_line,
    "area": _build_area,
    "pie": _build_pie,
    "donut": _build_donut,
    "combo": _build_combo,
}
