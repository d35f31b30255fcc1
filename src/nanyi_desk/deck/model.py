"""The deck, as typed immutable data: what format v1 means, field by field.

The field docstrings are the documentation: they become the JSON Schema's descriptions that
editors show while a deck is typed. Plain Python + pydantic: no Qt, no matplotlib.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Annotated, Any, Literal, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
)
from pydantic_core import PydanticCustomError

from .text_field import Text
from .yaml_source import split_figure

LAYOUTS = (
    "title",
    "section",
    "bullets",
    "kpis",
    "chart",
    "cards",
    "timeline",
    "image",
    "quote",
    "table",
)
CHART_TYPES = ("bar", "hbar", "stacked", "line", "area", "pie", "donut", "combo")
SECTIONS = ("high", "new", "quality")
ASPECTS = ("16:9", "9:16")

Section = Literal["high", "new", "quality"]
Transition = Literal["fade", "slide", "none"]
ChartType = Literal["bar", "hbar", "stacked", "line", "area", "pie", "donut", "combo"]


_EXPONENT = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)[eE][-+]?\d+$")
_LEADING_ZERO = re.compile(r"^[-+]?0\d+$")


def _figure(value: Any) -> Any:
    # "185.28亿" is the commonest mistake of a deck typed from an article: name it.
    if isinstance(value, str):
        _number_as_text(value)
        split = split_figure(value)
        if split is not None:
            raise PydanticCustomError(
                "figure_as_text",
                "figure written as text: '{text}'",
                {"text": value, "number": split[0], "unit": split[1]},
            )
    if isinstance(value, bool):
        raise PydanticCustomError("figure_type", "expected a number, got yes/no")
    return value


def _number_as_text(text: str) -> None:
    """1e3 and 08 are text to YAML 1.1 (and '1e400' no number at all): say what to write."""
    if _EXPONENT.match(text):
        number = float(text)
        if not math.isfinite(number):
            fix = "it is too large; write it in a larger unit (e.g. 1.5 with unit: 亿元)"
        else:
            fix = f"write {number:g}" if abs(number) < 1e15 else "write it in a larger unit"
    elif _LEADING_ZERO.match(text):
        fix = f"write {int(text)}, without the leading zero"
    else:
        return
    raise PydanticCustomError(
        "figure_form", "'{text}' is not a number as written", {"text": text, "fix": fix}
    )


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise PydanticCustomError("figure_type", "expected a finite number")
    return value


Figure = Annotated[
    Union[int, float],  # noqa: UP007 - keeps 1478 an int, so it is shown as written
    BeforeValidator(_figure),
    AfterValidator(_finite),
]
"""A number as it is shown: write the unit in `unit`, not in the number."""

Id = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=80)]
"""An identifier: letters, digits, '_', '-', '.'; starts with a letter or digit."""

Quote = Union[Text, tuple[Text, ...]]  # noqa: UP007
"""The sentence(s) of the source that state the figure, copied exactly."""


class Model(BaseModel):
    """Shared settings: immutable, unknown keys refused.

    The field docstrings become the JSON Schema's descriptions in `schema`, which reads them
    when asked, not pydantic at every start (`use_attribute_docstrings` cost 30-90 ms of it).
    """

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        str_strip_whitespace=False,
        defer_build=True,
    )


class Sourced(Model):
    """Mixed into everything that states a figure: where it comes from."""

    source: Id | None = None
    """The id of an entry in the deck's `sources:` that states this figure."""
    quote: Quote | None = None
    """The sentence of the source that states the figure, word for word."""


class Source(Model):
    """A document the deck's figures come from."""

    title: Text
    """The document's title."""
    publisher: Text | None = None
    """Who published it."""
    date: dt.date | None = None
    """When it was published (YYYY-MM-DD)."""
    as_of: Text | None = None
    """The time its figures describe, as the source lets a reader tell it, e.g. {zh: 2026年年中,
    en: as reported, mid-2026}: shown with the source, since figures such as "in negotiation
    now" age."""
    url: str | None = None
    """Where to read it, if it is online (shown, never opened by the app)."""


class Kiosk(Model):
    """Defaults for kiosk mode."""

    advance: float = Field(default=12, gt=0, le=3600)
    """Seconds a slide stays in the attract loop when it sets no `duration`."""
    idle_reset: float = Field(default=90, gt=0, le=86400)
    """Seconds without a touch before the kiosk closes panels and starts over."""


# ----------------------------------------------------------------------------- items


class Kpi(Sourced):
    """A key figure: a big number with its unit and a label."""

    value: Figure
    """The number, e.g. 351.6 (no unit inside it)."""
    unit: Text | None = None
    """The unit shown after the number, as the source writes it, e.g. {zh: 亿元, en: RMB}:
    English turns the Chinese magnitude (万, 亿) into thousands, millions, billions."""
    label: Text
    """What the number counts."""
    prefix: Text | None = None
    """A word before the number, e.g. 超 / over."""
    decimals: int | None = Field(default=None, ge=0, le=6)
    """Digits after the point when shown; default: as written."""
    shown: Text | None = None
    """The whole figure as a language should show it, instead of the formatter's, e.g.
    {en: "about RMB 18.5 billion"}; languages it does not give are formatted as usual."""
    note: Text | None = None
    """A short line under the label."""
    drill: Id | None = None
    """The id of the panel this figure opens."""


class Bullet(Model):
    """A bullet that opens a panel, or carries an icon."""

    text: Text
    """The bullet's text."""
    icon: str | None = None
    """A qtawesome icon name, e.g. fa5s.check."""
    drill: Id | None = None
    """The id of the panel this bullet opens."""


class Card(Sourced):
    """A card: a project, a place, a partner."""

    title: Text
    """The card's heading."""
    subtitle: Text | None = None
    """A line under the heading."""
    body: Text | None = None
    """A few sentences."""
    icon: str | None = None
    """A qtawesome icon name, e.g. fa5s.microchip."""
    image: str | None = None
    """A picture, relative to the deck's folder."""
    value: Figure | None = None
    """An optional headline figure on the card."""
    unit: Text | None = None
    """The unit of `value`."""
    prefix: Text | None = None
    """A word before `value`, e.g. 超 / over."""
    shown: Text | None = None
    """The whole figure as a language should show it, instead of the formatter's."""
    drill: Id | None = None
    """The id of the panel this card opens."""


class Event(Sourced):
    """A dated step on a timeline."""

    date: Text
    """When, as it should be shown, e.g. 6月13日 / 13 June."""
    title: Text
    """What happened, in a few words."""
    body: Text | None = None
    """A sentence or two more."""
    drill: Id | None = None
    """The id of the panel this event opens."""


class QuoteItem(Model):
    """A quotation."""

    text: Text
    """The words quoted."""
    author: Text | None = None
    """Who said them."""
    role: Text | None = None
    """The speaker's position, e.g. 院长 / Dean."""
    source: Id | None = None
    """The id of the source in which they were said."""


Cell = Union[Figure, Text]  # noqa: UP007
"""A table cell: a number or text."""


class Row(Model):
    """A table row that opens a panel."""

    cells: tuple[Cell, ...]
    """The row's cells, one per column."""
    drill: Id | None = None
    """The id of the panel this row opens."""


def _bullet_kind(value: Any) -> str:
    return "bullet" if isinstance(value, dict) and "text" in value else "text"


def _row_kind(value: Any) -> str:
    return "row" if isinstance(value, dict) else "cells"


BulletItem = Annotated[
    Union[Annotated[Bullet, Tag("bullet")], Annotated[Text, Tag("text")]],  # noqa: UP007
    Discriminator(_bullet_kind),
]
TableRow = Annotated[
    Union[Annotated[Row, Tag("row")], Annotated[tuple[Cell, ...], Tag("cells")]],  # noqa: UP007
    Discriminator(_row_kind),
]

# ----------------------------------------------------------------------------- charts


class Series(Model):
    """One row of figures in a chart, aligned with the chart's categories."""

    name: Text
    """The series' name, shown in the legend."""
    values: tuple[Figure | None, ...]
    """One number per category; null where there is none."""
    drill: tuple[Id | None, ...] | None = None
    """One panel id per category (null where a category opens none)."""
    kind: Literal["bar", "line"] | None = None
    """In a combo chart: draw this series as bars or as a line."""
    axis: Literal["left", "right"] = "left"
    """In a combo chart: which value axis this series uses."""
    color: str | None = None
    """A colour (#RRGGBB) instead of the theme's."""


class Chart(Sourced):
    """A chart: categories and series inline, or read from a CSV file."""

    type: ChartType
    """bar | hbar | stacked | line | area | pie | donut | combo."""
    title: Text | None = None
    """A heading above the chart."""
    categories: tuple[Text, ...] | None = None
    """The labels along the category axis (or of the slices)."""
    series: tuple[Series, ...] | None = None
    """The figures: one series per bar group, line or ring."""
    unit: Text | None = None
    """The unit of the values, e.g. {zh: 亿元, en: RMB}: English shows RMB billion."""
    unit2: Text | None = None
    """The unit of the right-hand axis in a combo chart."""
    data: str | None = None
    """Instead of categories and series: a CSV file relative to the deck's folder."""
    x: str | None = None
    """With `data`: the CSV column holding the categories."""
    y: str | tuple[str, ...] | None = None
    """With `data`: the CSV column(s) holding the values, one series each."""
    note: Text | None = None
    """A line under the chart."""


# ----------------------------------------------------------------------------- slides


class SlideBase(Model):
    """What every slide may have."""

    id: Id | None = None
    """A unique name: target for links, `--start` and kiosk reports."""
    section: Section | None = None
    """high | new | quality: the theme colour and place in the progress bar."""
    title: Text | None = None
    """The slide's heading."""
    subtitle: Text | None = None
    """A line under the heading."""
    notes: Text | None = None
    """What the presenter says: shown in the presenter console only."""
    duration: float | None = Field(default=None, gt=0, le=3600)
    """Seconds in the kiosk's attract loop; default: the deck's kiosk.advance."""
    transition: Transition | None = None
    """fade | slide | none: how this slide comes in."""


class TitleSlide(SlideBase):
    """The opening slide: title, subtitle and an optional background picture."""

    layout: Literal["title"]
    """Selects this layout."""
    image: str | None = None
    """A background picture, relative to the deck's folder."""
    caption: Text | None = None
    """A small line at the foot: date, place, presenter."""


class SectionSlide(SlideBase):
    """A divider that opens one of the three themes."""

    layout: Literal["section"]
    """Selects this layout."""
    body: Text | None = None
    """One or two sentences that set up the section."""


class BulletsSlide(SlideBase):
    """A list of points."""

    layout: Literal["bullets"]
    """Selects this layout."""
    items: tuple[BulletItem, ...] = Field(min_length=1)
    """The points: text, or {text, icon, drill}."""


class KpisSlide(SlideBase):
    """Key figures as big numbers."""

    layout: Literal["kpis"]
    """Selects this layout."""
    items: tuple[Kpi, ...] = Field(min_length=1, max_length=8)
    """One to eight figures."""


class ChartSlide(SlideBase):
    """One chart, with an optional line of text beside it."""

    layout: Literal["chart"]
    """Selects this layout."""
    chart: Chart
    """The chart."""
    body: Text | None = None
    """A sentence or two that say what the chart shows."""


class CardsSlide(SlideBase):
    """Cards side by side (stacked on a portrait screen)."""

    layout: Literal["cards"]
    """Selects this layout."""
    items: tuple[Card, ...] = Field(min_length=1, max_length=8)
    """One to eight cards."""


class TimelineSlide(SlideBase):
    """Dated steps in order."""

    layout: Literal["timeline"]
    """Selects this layout."""
    items: tuple[Event, ...] = Field(min_length=1, max_length=10)
    """One to ten events, oldest first."""


class ImageSlide(SlideBase):
    """A picture with a caption."""

    layout: Literal["image"]
    """Selects this layout."""
    image: str
    """The picture, relative to the deck's folder (PNG or JPEG)."""
    caption: Text | None = None
    """What the picture shows, and whose it is."""


class QuoteSlide(SlideBase):
    """One or two quotations."""

    layout: Literal["quote"]
    """Selects this layout."""
    items: tuple[QuoteItem, ...] = Field(min_length=1, max_length=3)
    """The quotations."""


class TableSlide(SlideBase, Sourced):
    """A table of text and figures."""

    layout: Literal["table"]
    """Selects this layout."""
    columns: tuple[Text, ...] = Field(min_length=1)
    """The column headings."""
    rows: tuple[TableRow, ...] = Field(min_length=1)
    """The rows: a list of cells, or {cells, drill}."""


SLIDE_TYPES: tuple[type[SlideBase], ...] = (
    TitleSlide,
    SectionSlide,
    BulletsSlide,
    KpisSlide,
    ChartSlide,
    CardsSlide,
    TimelineSlide,
    ImageSlide,
    QuoteSlide,
    TableSlide,
)
"""Every layout's class, in the order of LAYOUTS."""

Slide = Annotated[Union[SLIDE_TYPES], Field(discriminator="layout")]  # type: ignore[valid-type]  # noqa: UP007
"""One slide; `layout` says which kind."""

SLIDE_CLASSES: dict[str, type[SlideBase]] = {
    cls.model_fields["layout"].annotation.__args__[0]: cls  # type: ignore[union-attr]
    for cls in SLIDE_TYPES
}


class Panel(Sourced):
    """A drill-down panel: the detail behind a figure, card or bar."""

    title: Text
    """The panel's heading."""
    subtitle: Text | None = None
    """A line under the heading."""
    body: Text | None = None
    """Paragraphs; **bold** and lines starting '- ' as a list are understood."""
    image: str | None = None
    """A picture, relative to the deck's folder."""
    items: tuple[Kpi, ...] = ()
    """Key figures, shown as in a kpis slide; each may open a further panel."""
    chart: Chart | None = None
    """A chart; its bars may open further panels."""


class Include(Model):
    """Splices the slides (and panels and sources) of another file here."""

    include: str
    """A YAML file relative to the deck's folder, holding `slides:`."""


class Deck(Model):
    """A whole deck, includes spliced in."""

    format: Literal[1]
    """The deck format version: 1."""
    title: Text
    """The deck's title."""
    subtitle: Text | None = None
    """A line under the title."""
    languages: tuple[Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)?$")], ...] = Field(
        default=("zh",), min_length=1
    )
    """Language codes of the deck's text; the first is the default."""
    theme: str = "nanyi"
    """A built-in theme's name, or a theme file relative to the deck's folder."""
    aspect: Literal["16:9", "9:16"] = "16:9"
    """16:9 for screens and projectors, 9:16 for portrait kiosks."""
    sources: dict[Id, Source] = {}
    """Where the figures come from, by id."""
    kiosk: Kiosk = Kiosk()
    """Defaults for kiosk mode."""
    slides: tuple[Slide, ...] = Field(min_length=1)
    """The slides, in order."""
    panels: dict[Id, Panel] = {}
    """Drill-down panels, by id."""


class DeckFile(Deck):
    """A deck file as written: its slides may include other files."""

    slides: tuple[Union[Slide, Include], ...] = Field(min_length=1)  # noqa: UP007
    """The slides, in order; {include: file} splices another file's slides here."""


class DeckPart(Model):
    """A file included by a deck: slides, and the panels and sources they use."""

    slides: tuple[Union[Slide, Include], ...] = Field(min_length=1)  # noqa: UP007
    """The slides, spliced where the include stands."""
    panels: dict[Id, Panel] = {}
    """Panels, merged into the deck's."""
    sources: dict[Id, Source] = {}
    """Sources, merged into the deck's."""
