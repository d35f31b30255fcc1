"""One matplotlib Figure per chart type, plus where each data point's artist is.

May import: matplotlib's object API (figure, patches, lines, ticker, font_manager,
backend_agg for measuring text), numpy, nanyi_desk.deck (model, text.pick), nanyi_desk.theme
and this package. Never pyplot, never Qt: the renderer turns the figure into pixels. Each
chart type has its module (bars, lines, pies); this one picks the builder.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine

from .bars import build_bar, build_hbar, build_stacked
from .chart_context import Built, ChartContext
from .fonts import register_fonts
from .lines import build_area, build_combo, build_line
from .pies import build_donut, build_pie

if TYPE_CHECKING:
    from nanyi_desk.deck.model import Chart
    from nanyi_desk.theme import Theme


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
    # Room between the axes and the figure edge: constrained layout's pads are in inches,
    # so they scale with dpi as the fonts do.
    engine = ConstrainedLayoutEngine(w_pad=0.06, h_pad=0.06, wspace=0, hspace=0)
    fig = Figure(figsize=(width_px / 100, height_px / 100), dpi=dpi, layout=engine)
    fig.patch.set_facecolor("none")
    ctx = ChartContext(chart, lang, fallbacks, theme, accent, fig, width_px, height_px)
    builder = _BUILDERS[chart.type]
    builder(ctx)
    return Built(fig, ctx.marks)


_BUILDERS = {
    "bar": build_bar,
    "hbar": build_hbar,
    "stacked": build_stacked,
    "line": build_line,
    "area": build_area,
    "pie": build_pie,
    "donut": build_donut,
    "combo": build_combo,
}
