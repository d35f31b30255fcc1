"""A chart to RGBA pixels plus hit regions: what the renderer paints and makes clickable.

May import: matplotlib's object API (figure, rc_context, backend_agg), numpy, nanyi_desk.deck
(model), nanyi_desk.theme and this package. Never pyplot, never Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from nanyi_desk.deck.figures import figure_words
from nanyi_desk.deck.text import pick
from nanyi_desk.playback.hits import ChartHit, meant

from .builders import build
from .chart_context import Built, Mark
from .style import rc_params

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

    from nanyi_desk.deck.model import Chart
    from nanyi_desk.theme import Theme

BAR_MIN_PX = 80.0
"""The least size of a bar's hit box across its thin side, in device px at scale 1: a finger."""
POINT_PX = 80.0
"""The side of a line point's square hit box, in device px at scale 1."""


@dataclass(frozen=True)
class ChartImage:
    """A rendered chart: straight (not premultiplied) RGBA8888, top row first."""

    rgba: bytes
    """width*height*4 bytes, row-major, from FigureCanvasAgg.buffer_rgba()."""
    width: int
    """Device pixels."""
    height: int
    hits: tuple[ChartHit, ...]
    """In device pixels."""


def build_figure(
    chart: Chart,
    *,
    lang: str,
    fallbacks: tuple[str, ...],
    theme: Theme,
    accent: str | None,
    width_px: float,
    height_px: float,
    dpi: float = 100.0,
) -> Figure:
    """The chart as a matplotlib Figure of width_px × height_px logical px at `dpi`.

    Device size is width_px*dpi/100. The figure keeps its fonts and colours, but tick labels
    are made when it is drawn: draw it inside `matplotlib.rc_context(rc_params(theme))`
    (render_chart does).
    """
    with matplotlib.rc_context(rc_params(theme)):
        return _build(chart, lang, fallbacks, theme, accent, width_px, height_px, dpi).figure


def render_chart(
    chart: Chart,
    *,
    lang: str,
    fallbacks: tuple[str, ...],
    theme: Theme,
    accent: str | None = None,
    width: int,
    height: int,
    scale: float = 1.0,
) -> ChartImage:
    """The chart drawn at width*scale × height*scale device px, and where its points are."""
    with matplotlib.rc_context(rc_params(theme)):
        built = _build(chart, lang, fallbacks, theme, accent, width, height, 100.0 * scale)
        canvas = FigureCanvasAgg(built.figure)
        canvas.draw()
        pixels = np.asarray(canvas.buffer_rgba())
        h, w = pixels.shape[:2]
        hits = tuple(_hit(chart, m, lang, fallbacks, h, scale) for m in built.marks)
        return ChartImage(rgba=pixels.tobytes(), width=w, height=h, hits=hits)


@dataclass
class LiveChart:
    """A chart that stays on screen (a panel's canvas): its figure, and its points' places.

    Draw it inside `matplotlib.rc_context(self.rc)`: tick labels are made at draw time and
    must get the theme's fonts (the CJK ones), not matplotlib's defaults.
    """

    figure: Figure
    chart: Chart
    lang: str
    fallbacks: tuple[str, ...]
    rc: dict[RcKeyType, Any]
    marks: list[Mark]

    def hits(self) -> tuple[ChartHit, ...]:
        """Where each point is after the last draw, in device px from the top-left."""
        scale = self.figure.dpi / 100.0
        height = int(self.figure.bbox.height)
        return tuple(
            _hit(self.chart, m, self.lang, self.fallbacks, height, scale) for m in self.marks
        )

    def hit_at(self, x: float, y: float) -> ChartHit | None:
        """The point under device px (x, y) from the top-left; the smallest box wins."""
        return meant(self.hits(), x, y)


def live_chart(
    chart: Chart,
    *,
    lang: str,
    fallbacks: tuple[str, ...],
    theme: Theme,
    accent: str | None,
    width_px: float,
    height_px: float,
    dpi: float = 100.0,
) -> LiveChart:
    """The chart as a Figure for an interactive canvas, with its marks (see build_figure)."""
    rc = rc_params(theme)
    with matplotlib.rc_context(rc):
        built = _build(chart, lang, fallbacks, theme, accent, width_px, height_px, dpi)
    return LiveChart(built.figure, chart, lang, fallbacks, rc, built.marks)


def _build(
    chart: Chart,
    lang: str,
    fallbacks: tuple[str, ...],
    theme: Theme,
    accent: str | None,
    width: float,
    height: float,
    dpi: float,
) -> Built:
    return build(
        chart,
        lang=lang,
        fallbacks=fallbacks,
        theme=theme,
        accent=accent,
        width_px=width,
        height_px=height,
        dpi=dpi,
    )


def _hit(
    chart: Chart, m: Mark, lang: str, fallbacks: tuple[str, ...], canvas_h: int, scale: float
) -> ChartHit:
    if m.kind == "point" and m.axes is not None:
        px, py = m.axes.transData.transform(m.xy)
        side = POINT_PX * scale
        x0, y0, x1, y1 = px - side / 2, py - side / 2, px + side / 2, py + side / 2
    else:
        assert m.artist is not None
        box = m.artist.get_window_extent()
        x0, y0, x1, y1 = box.x0, box.y0, box.x1, box.y1
        if m.kind == "bar":
            # A sliver of a bar is hard to touch: grow its thin side around its centre.
            least = BAR_MIN_PX * scale
            x0, x1 = _at_least(x0, x1, least)
            y0, y1 = _at_least(y0, y1, least)
    series = (chart.series or ())[m.series]
    cats = chart.categories or ()
    drill = series.drill[m.index] if series.drill and m.index < len(series.drill) else None
    # The deck's own figure, not the one drawn: an English axis may be in billions.
    value = series.values[m.index] if m.index < len(series.values) else m.value
    right = chart.type == "combo" and series.axis == "right"
    unit = chart.unit2 if right else chart.unit
    text = "" if value is None else figure_words(value, unit, lang, fallbacks=fallbacks).text
    return ChartHit(
        x=float(x0),
        y=float(canvas_h - y1),  # matplotlib counts from the bottom, images from the top
        w=float(x1 - x0),
        h=float(y1 - y0),
        series=m.series,
        index=m.index,
        value=value,
        category=pick(cats[m.index], lang, fallbacks) if m.index < len(cats) else "",
        series_name=pick(series.name, lang, fallbacks),
        drill=drill,
        text=text,
    )


def _at_least(a: float, b: float, least: float) -> tuple[float, float]:
    lo, hi = min(a, b), max(a, b)
    if hi - lo >= least:
        return lo, hi
    mid = (lo + hi) / 2
    return mid - least / 2, mid + least / 2
