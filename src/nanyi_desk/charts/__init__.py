"""Charts: a deck Chart drawn by matplotlib's Agg into RGBA pixels with hit regions.

The renderer calls render_chart and paints ChartImage.rgba; ChartImage.hits make bars, points
and slices clickable (drill-down). May import matplotlib's object API, nanyi_desk.deck,
nanyi_desk.theme and nanyi_desk.resources — never pyplot, never Qt.
"""

from .fonts import register_fonts
from .render import ChartHit, ChartImage, LiveChart, build_figure, live_chart, render_chart
from .style import rc_params

__all__ = [
    "ChartHit",
    "ChartImage",
    "LiveChart",
    "build_figure",
    "live_chart",
    "rc_params",
    "register_fonts",
    "render_chart",
]
