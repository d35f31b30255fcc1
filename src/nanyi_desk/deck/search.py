"""Figures at hand: find any figure, title, panel or note of a deck as the presenter types.

`FigureIndex.build(deck)` walks the deck once and keeps, for every findable thing, its texts
in each of the deck's languages and one normalised haystack; `search` then only scans
strings, so a keystroke costs a few milliseconds on a 500-slide deck. Plain Python: imports
the deck model, `text`, `figures` and `drills`; no Qt.
"""

from __future__ import annotations

import re
import unicodedata
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

from .drills import drills_of
from .figures import figure_text, figure_words, unit_magnitude
from .model import (
    BulletsSlide,
    CardsSlide,
    Chart,
    ChartSlide,
    Deck,
    ImageSlide,
    Kpi,
    KpisSlide,
    Panel,
    QuoteSlide,
    Row,
    SectionSlide,
    SlideBase,
    TableSlide,
    TimelineSlide,
    TitleSlide,
)
from .text import pick

Kind = Literal["figure", "card", "event", "bullet", "row", "quotation", "slide", "note", "panel"]
"""What an entry is: a figure (anything with a value), an item, a slide, a note, a panel."""

TextField = Literal["label", "value", "unit", "prefix", "shown", "body", "quote", "place"]
"""The texts an entry carries in every language."""

Localized = Mapping[str, str]
"""One text per deck language."""

_Text = str | Mapping[str, str] | None
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_NUMBER_TERM = re.compile(r"[0-9]+(?:\.[0-9]*)?")
# A comma between thousands ("1,380 mu") must not hide 1380 from a search for it; a
# full-width comma is a Chinese clause break, so only the ASCII one is taken out.
_THOUSANDS = re.compile(r"(?<=[0-9]),(?=[0-9]{3}(?![0-9]))")
_SEP = "\n"  # no query term holds whitespace, so no term matches across two texts


def normalise(text: str) -> str:
    """Text as it is compared: NFKC (full-width digits are digits), casefolded, 1,380 → 1380."""
    return unicodedata.normalize("NFKC", _THOUSANDS.sub("", text)).casefold()


@dataclass(frozen=True)
class Entry:
    """One findable thing of the deck, with its texts in every deck language."""

    kind: Kind
    """figure, card, event, bullet, row, quotation, slide, note or panel."""
    slide: int | None
    """The slide it shows on (0-based), or None for a panel that no slide leads to."""
    panels: tuple[str, ...]
    """The panels to open over the slide, outermost first; () for a thing on the slide."""
    order: int
    """Its place in deck order: slides in turn, each followed by the panels it leads to."""
    value: float | int | None
    """The figure as the deck gives it, or None for text."""
    source: str | None
    """The id of the deck source that states it."""
    label: Localized = field(hash=False)
    """What it is: a figure's label, a title, a bullet's text, a note."""
    value_text: Localized = field(hash=False)
    """The number as each language reads it: 185.28, 18.53 ('' for text)."""
    unit: Localized = field(hash=False)
    """The words after the number: 亿元, billion ('' when none)."""
    prefix: Localized = field(hash=False)
    """The words before it: 超, over RMB ('' when none)."""
    shown: Localized = field(hash=False)
    """The whole figure as one line, as the slides show it: 185.28亿元, RMB 18.53 billion."""
    body: Localized = field(hash=False)
    """More words: a subtitle, a body, a card's text, a table row's other cells."""
    quote: Localized = field(hash=False)
    """The source's sentence(s) that state it ('' when none)."""
    place: Localized = field(hash=False)
    """Where it shows: '17 · slide title › panel title'."""
    haystack: str = field(hash=False, compare=False, repr=False)
    """Every text above in every language, normalised: what a term is looked for in."""
    numbers: str = field(hash=False, compare=False, repr=False)
    """Every number in the haystack, each after a space: a number term matches their starts."""
    own: str = field(hash=False, compare=False, repr=False)
    """The entry's own words (label, figure, unit), normalised: a match here ranks higher."""
    exact: frozenset[str] = field(hash=False, compare=False, repr=False)
    """Normalised values and labels: a term equal to one is an exact match."""

    def text(self, name: TextField, lang: str) -> str:
        """One of the entry's texts in `lang` (else in the deck's first language)."""
        texts: Localized = getattr(self, "value_text" if name == "value" else name)
        return texts.get(lang) or next(iter(texts.values()), "")

    def figure(self, lang: str) -> str:
        """The whole figure as one line in `lang`: 超120亿元, over RMB 12 billion ('' for text)."""
        return self.shown.get(lang) or next(iter(self.shown.values()), "")


@dataclass(frozen=True)
class Hit:
    """An entry that matches a query, and how well."""

    entry: Entry
    """What was found."""
    tier: int
    """0: a term is its figure or label exactly; 1: all terms are in its own words;
    2: some term is only in its quote, body or surroundings."""

    @property
    def kind(self) -> Kind:
        """The entry's kind."""
        return self.entry.kind

    @property
    def slide(self) -> int | None:
        """The slide to show (0-based), or None for a panel no slide leads to."""
        return self.entry.slide

    @property
    def panels(self) -> tuple[str, ...]:
        """The panels to open over it, outermost first."""
        return self.entry.panels

    def text(self, name: TextField, lang: str) -> str:
        """One of the entry's texts in `lang`."""
        return self.entry.text(name, lang)

    def figure(self, lang: str) -> str:
        """Prefix, figure and unit as one line ('' for text)."""
        return self.entry.figure(lang)


@dataclass(frozen=True)
class FigureIndex:
    """Every findable thing of one deck, ready to search; build it once per deck."""

    entries: tuple[Entry, ...]
    """In deck order."""
    languages: tuple[str, ...]
    """The deck's languages."""

    @classmethod
    def build(cls, deck: Deck) -> FigureIndex:
        """Walk the deck: its slides in order, each followed by the panels it leads to."""
        return cls(tuple(_Builder(deck).entries()), deck.languages)

    def search(self, query: str, limit: int = 50) -> list[Hit]:
        """The entries holding every whitespace-separated term of `query`, best first.

        A term of digits matches the start of a number (185 finds 185.28, not 2185); other
        terms match anywhere. Figures rank above text, then exact matches above partial
        ones, then deck order. An empty query finds nothing.
        """
        terms = [normalise(term) for term in query.split()]
        if not terms or limit <= 0:
            return []
        numeric = [" " + t for t in terms if _NUMBER_TERM.fullmatch(t)]
        plain = [t for t in terms if not _NUMBER_TERM.fullmatch(t)]
        found = [
            e
            for e in self.entries
            if all(t in e.numbers for t in numeric) and all(t in e.haystack for t in plain)
        ]
        # "total investment 185": the words together may be a label, as 总投资 is one term.
        exact = {*terms, " ".join(plain)}
        hits = [Hit(e, _tier(e, exact, terms)) for e in found]
        hits.sort(key=lambda h: (h.entry.value is None, h.tier, h.entry.order))
        return hits[:limit]


def _tier(entry: Entry, exact: set[str], terms: list[str]) -> int:
    if not entry.exact.isdisjoint(exact):
        return 0
    return 1 if all(t in entry.own for t in terms) else 2


# ----------------------------------------------------------------------------- building


@dataclass(frozen=True)
class _Draft:
    """A findable thing before it is placed and put into every language."""

    kind: Kind
    label: tuple[_Text, ...]
    """Texts shown one after the other, ' · ' between: a chart's category and series."""
    value: float | int | None = None
    decimals: int | None = None
    unit: _Text = None
    prefix: _Text = None
    shown: _Text = None
    body: tuple[_Text, ...] = ()
    quote: tuple[_Text, ...] = ()
    source: str | None = None


def _quotes(quote: _Text | tuple[_Text, ...]) -> tuple[_Text, ...]:
    if quote is None:
        return ()
    return quote if isinstance(quote, tuple) else (quote,)


def panel_paths(deck: Deck) -> dict[str, tuple[int | None, tuple[str, ...]]]:
    """`drills.panel_path` for every panel of the deck, in one walk.

    panel_path walks the whole deck for one panel (8 ms on 500 slides), so calling it per
    panel would take seconds; this is the same breadth-first walk, keeping the first path
    to each panel instead of stopping at one. Panels are returned in the order reached.
    """
    queue: deque[tuple[int, tuple[str, ...]]] = deque()
    for index, slide in enumerate(deck.slides):
        for target in drills_of(slide):
            queue.append((index, (target,)))
    paths: dict[str, tuple[int | None, tuple[str, ...]]] = {}
    while queue:
        index, path = queue.popleft()
        here = path[-1]
        if here in paths or here not in deck.panels:
            continue
        paths[here] = (index, path)
        for target in drills_of(deck.panels[here]):
            queue.append((index, (*path, target)))
    for panel_id in deck.panels:
        paths.setdefault(panel_id, (None, (panel_id,)))
    return paths


class _Builder:
    """Turns a deck into entries: drafts per slide and panel, localised and placed."""

    def __init__(self, deck: Deck) -> None:
        self.deck = deck
        self.slides: tuple[SlideBase, ...] = deck.slides
        self.langs = deck.languages
        self.fallbacks = {lang: tuple(x for x in self.langs if x != lang) for lang in self.langs}
        self.order = 0

    def local(self, text: _Text) -> dict[str, str]:
        return {lang: pick(text, lang, self.fallbacks[lang]) for lang in self.langs}

    def lines(self, texts: Iterable[_Text], sep: str = "\n") -> dict[str, str]:
        per = [self.local(t) for t in texts if t is not None]
        return {lang: sep.join(p[lang] for p in per if p[lang]) for lang in self.langs}

    def entries(self) -> Iterator[Entry]:
        paths = panel_paths(self.deck)
        by_slide: dict[int | None, list[str]] = {}
        for panel_id, (home, _) in paths.items():
            by_slide.setdefault(home, []).append(panel_id)
        for index, slide in enumerate(self.slides):
            where = self.place(index, ())
            context = slide.title
            for draft in _slide_drafts(slide):
                yield self.entry(draft, index, (), where, context)
            for panel_id in by_slide.get(index, ()):
                yield from self.panel(panel_id, *paths[panel_id])
        for panel_id in by_slide.get(None, ()):
            yield from self.panel(panel_id, None, (panel_id,))

    def panel(self, panel_id: str, slide: int | None, path: tuple[str, ...]) -> Iterator[Entry]:
        panel = self.deck.panels[panel_id]
        where = self.place(slide, path)
        for draft in _panel_drafts(panel):
            yield self.entry(draft, slide, path, where, panel.title)

    def place(self, slide: int | None, path: tuple[str, ...]) -> dict[str, str]:
        steps: list[dict[str, str]] = []
        if slide is not None:
            title = self.local(self.slides[slide].title)
            steps.append(
                {
                    lang: " · ".join(filter(None, (str(slide + 1), title[lang])))
                    for lang in self.langs
                }
            )
        steps += [self.local(self.deck.panels[p].title) for p in path if p in self.deck.panels]
        return {lang: " › ".join(s[lang] for s in steps) for lang in self.langs}

    def figure(self, draft: _Draft) -> tuple[dict[str, str], ...]:
        """The number, unit, prefix and whole line of a draft's figure, per language."""
        parts: tuple[dict[str, str], ...] = ({}, {}, {}, {})
        for lang in self.langs:
            if draft.value is None:
                words = ("", "", "", "")
            else:
                said = figure_words(
                    draft.value,
                    draft.unit,
                    lang,
                    prefix=draft.prefix,
                    decimals=draft.decimals,
                    shown=draft.shown,
                    fallbacks=self.fallbacks[lang],
                )
                words = (said.number, said.unit, said.prefix, said.text)
            for part, word in zip(parts, words, strict=True):
                part[lang] = word
        return parts

    def stating_first(self, draft: _Draft) -> tuple[_Text, ...]:
        """The quote's sentences, those that state the draft's own figure first.

        A chart or table quotes every sentence behind all its figures; the row a search
        shows has room for two lines, so the sentence with this figure leads.
        """
        if draft.value is None or len(draft.quote) < 2:
            return draft.quote
        figure = figure_text(draft.value, draft.decimals)

        def states(text: _Text) -> bool:
            return any(figure in _NUMBER.findall(normalise(t)) for t in self.local(text).values())

        return tuple(sorted(draft.quote, key=lambda text: not states(text)))

    def entry(
        self,
        draft: _Draft,
        slide: int | None,
        panels: tuple[str, ...],
        place: dict[str, str],
        context: _Text,
    ) -> Entry:
        label = self.lines(draft.label, " · ")
        value, unit, prefix, shown = self.figure(draft)
        body, quote = self.lines(draft.body), self.lines(self.stating_first(draft))
        own_texts = [*label.values(), *value.values(), *unit.values(), *prefix.values()]
        own_texts += shown.values()
        if draft.value is not None:
            # The deck's own figure (185.28) is findable in every language, even where the
            # language shows it converted (RMB 18.53 billion).
            own_texts.append(figure_text(draft.value, draft.decimals))
        everything = [*own_texts, *body.values(), *quote.values(), *self.local(context).values()]
        haystack = normalise(_SEP.join(dict.fromkeys(t for t in everything if t)))
        exact = {normalise(t) for t in (*label.values(), *value.values()) if t}
        if draft.value is not None:
            exact.add(normalise(figure_text(draft.value)))
        self.order += 1
        return Entry(
            kind=draft.kind,
            slide=slide,
            panels=panels,
            order=self.order - 1,
            value=draft.value,
            source=draft.source,
            label=label,
            value_text=value,
            unit=unit,
            prefix=prefix,
            shown=shown,
            body=body,
            quote=quote,
            place=place,
            haystack=haystack,
            numbers="".join(" " + n for n in _NUMBER.findall(haystack)),
            own=normalise(_SEP.join(t for t in own_texts if t)),
            exact=frozenset(exact),
        )


# ----------------------------------------------------------------------------- drafts


def _slide_drafts(slide: SlideBase) -> Iterator[_Draft]:
    """The slide itself, its items and figures, then its notes."""
    extra: list[_Text] = [slide.subtitle]
    if isinstance(slide, (SectionSlide, ChartSlide)):
        extra.append(slide.body)
    if isinstance(slide, (TitleSlide, ImageSlide)):
        extra.append(slide.caption)
    if isinstance(slide, ChartSlide):
        extra += [slide.chart.title, slide.chart.note]
    if slide.title is not None or any(t is not None for t in extra):
        yield _Draft("slide", (slide.title,), body=tuple(extra))
    yield from _items(slide)
    if slide.notes is not None:
        yield _Draft("note", (slide.notes,))


def _items(slide: SlideBase) -> Iterator[_Draft]:
    if isinstance(slide, KpisSlide):
        for kpi in slide.items:
            yield _kpi(kpi)
    elif isinstance(slide, CardsSlide):
        for card in slide.items:
            yield _Draft(
                "card" if card.value is None else "figure",
                (card.title,),
                value=card.value,
                unit=card.unit,
                prefix=card.prefix,
                shown=card.shown,
                body=(card.subtitle, card.body),
                quote=_quotes(card.quote),
                source=card.source,
            )
    elif isinstance(slide, TimelineSlide):
        for event in slide.items:
            yield _Draft(
                "event",
                (event.title,),
                body=(event.date, event.body),
                quote=_quotes(event.quote),
                source=event.source,
            )
    elif isinstance(slide, BulletsSlide):
        for bullet in slide.items:
            yield _Draft("bullet", (bullet if isinstance(bullet, (str, dict)) else bullet.text,))
    elif isinstance(slide, QuoteSlide):
        for said in slide.items:
            yield _Draft(
                "quotation", (said.text,), body=(said.author, said.role), source=said.source
            )
    elif isinstance(slide, ChartSlide):
        yield from _chart_points(slide.chart)
    elif isinstance(slide, TableSlide):
        for row in slide.rows:
            yield _row(row.cells if isinstance(row, Row) else row, slide)


def _kpi(kpi: Kpi) -> _Draft:
    return _Draft(
        "figure",
        (kpi.label,),
        value=kpi.value,
        decimals=kpi.decimals,
        unit=kpi.unit,
        prefix=kpi.prefix,
        shown=kpi.shown,
        body=(kpi.note,),
        quote=_quotes(kpi.quote),
        source=kpi.source,
    )


def _row(cells: tuple[object, ...], table: TableSlide) -> _Draft:
    # A row's first number is its figure and its text cells name it (龙江变电站 · 已建成投用).
    # The cell after the number is its unit only when it carries a magnitude (345.27 | 亿元,
    # which English reads RMB 34.53 billion), the rule the table itself is drawn by; a status
    # column is never a unit.
    first = next((i for i, c in enumerate(cells) if isinstance(c, (int, float))), None)
    after = cells[first + 1] if first is not None and first + 1 < len(cells) else None
    unit = after if isinstance(after, (str, dict)) and unit_magnitude(after, "en")[0] else None
    numbers = [c for c in cells if isinstance(c, (int, float))]
    return _Draft(
        "row" if not numbers else "figure",
        tuple(c for c in cells if isinstance(c, (str, dict)) and c is not unit),
        value=numbers[0] if numbers else None,
        unit=unit,
        body=tuple(figure_text(n) for n in numbers[1:]),
        quote=_quotes(table.quote),
        source=table.source,
    )


def _chart_points(chart: Chart) -> Iterator[_Draft]:
    """One figure per category × series value, named 'category · series'."""
    categories = chart.categories or ()
    for series in chart.series or ():
        unit = chart.unit2 if series.axis == "right" and chart.unit2 is not None else chart.unit
        for category, value in zip(categories, series.values, strict=False):
            if value is None:
                continue
            yield _Draft(
                "figure",
                (category, series.name),
                value=value,
                unit=unit,
                body=(chart.title,),
                quote=_quotes(chart.quote),
                source=chart.source,
            )


def _panel_drafts(panel: Panel) -> Iterator[_Draft]:
    """The panel itself, its figures, its chart's figures."""
    chart_words: tuple[_Text, ...] = ()
    if panel.chart is not None:
        chart_words = (panel.chart.title, panel.chart.note)
    yield _Draft(
        "panel",
        (panel.title,),
        body=(panel.subtitle, panel.body, *chart_words),
        quote=_quotes(panel.quote),
        source=panel.source,
    )
    for kpi in panel.items:
        yield _kpi(kpi)
    if panel.chart is not None:
        yield from _chart_points(panel.chart)
