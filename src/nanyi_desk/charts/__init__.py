"""Charts: a deck Chart drawn by matplotlib's Agg into RGBA pixels with hit regions.

The renderer calls render_chart and paints ChartImage.rgba; ChartImage.hits make bars, points
and slices clickable (drill-down). `charts.report` draws the `report` command's summary
(imported on its own, not from here); `charts.worker` is the process that draws for a
starting player. May import matplotlib's object API, nanyi_desk.deck, nanyi_desk.theme,
nanyi_desk.resources, nanyi_desk.analytics and nanyi_desk.atomic — never pyplot, never Qt;
what a chart is drawn from names the deck's model and theme for types only, so the helper
runs without pydantic.
"""

# First: matplotlib without the docstrings it writes on import (see there).
from . import quick_matplotlib  # noqa: F401, I001 - for its effect, before the rest

from nanyi_desk.playback.hits import ChartHit

from .fonts import register_fonts
from .render import ChartImage, LiveChart, build_figure, live_chart, render_chart
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
