"""What every chart builder shares.

The chart in its language, the theme's fonts, a ruler for text, and the marks (each drawn
data point) it collects. matplotlib's object API only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties

from nanyi_desk.deck.model import Chart, Series
from nanyi_desk.deck.text import pick
from nanyi_desk.theme import Theme

from .style import (
    pt,
)

Value = float | int | None
"""A data point: missing values are None."""


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
class ChartContext:
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
