"""What every chart builder shares.

The chart in its language, the theme's fonts, a ruler for text, and the marks (each drawn
data point) it collects. matplotlib's object API only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties

from nanyi_desk.deck.figures import ValueScale, value_scale
from nanyi_desk.deck.text import pick

from .style import (
    pt,
)

if TYPE_CHECKING:
    from nanyi_desk.deck.model import Chart, Series
    from nanyi_desk.theme import Theme

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
        # One scale per value axis, decided by its largest value, so that every label and
        # tick of an English chart says billions when its caption does.
        series = self.chart.series or ()
        left = [v for s in series if not self.on_right(s) for v in s.values]
        right = [v for s in series if self.on_right(s) for v in s.values]
        self.scale: ValueScale = value_scale(left, self.chart.unit, self.lang, self.fallbacks)
        self.scale2: ValueScale = value_scale(right, self.chart.unit2, self.lang, self.fallbacks)

    def on_right(self, s: Series) -> bool:
        """Whether series `s` is read on the right-hand axis (a combo chart's second unit)."""
        return self.chart.type == "combo" and s.axis == "right"

    def number(self, v: float | int) -> str:
        """A drawn value as its label reads in the chart's language: 4.65, 1,380, 1380."""
        return self.scale.text(v)

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
        """The unit of the (left) values, as the scale names it: 亿元, RMB billion."""
        return self.scale.unit

    @property
    def unit2(self) -> str:
        """The unit of the right axis in a combo chart."""
        return self.scale2.unit

    def unit_fits(self, unit: str, ems: float) -> bool:
        """Whether `unit` is short enough to repeat after every value label."""
        if not unit:
            return False
        short_latin = " " not in unit.strip()
        return short_latin and self.measure(unit, self.label_bold) <= ems * self.theme.type.label

    def values(self, s: Series) -> list[Value]:
        """The series' values as drawn (on its axis's scale), padded with None to the categories."""
        n = len(self.categories)
        scale = self.scale2 if self.on_right(s) else self.scale
        vals = [None if v is None else scale.value(v) for v in s.values[:n]]
        return vals + [None] * (n - len(vals))
