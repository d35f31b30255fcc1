"""What a handout's Sources page lists: each source, and the figures it backs with their quotes.

The same provenance a panel shows under its figures, gathered for the whole deck: every slide,
item and panel that names a `source` or carries a `quote`. Plain Python over the deck model
(imports `deck` only), so it is tested without Qt and the PDF painter only lays it out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from nanyi_desk.deck.figures import item_words
from nanyi_desk.deck.model import (
    Card,
    Chart,
    Deck,
    Event,
    Kpi,
    Model,
    Panel,
    QuoteItem,
    SlideBase,
    Source,
    Sourced,
)
from nanyi_desk.deck.text import pick

_Pick = Callable[[Any], str]
"""A Text (or None) in the list's language."""


@dataclass
class Backed:
    """One quoted sentence and the figures it states."""

    quote: str
    """The sentence, as the source wrote it ("" when a figure names its source but no quote)."""
    figures: list[str] = field(default_factory=list)
    """Each figure as it reads, with where it is shown, e.g. "351.6 平方公里 总面积 (p. 2)"."""


@dataclass
class SourceEntry:
    """One source and what it backs."""

    source_id: str
    """The id in the deck's `sources:` ("" for quotes that name no source)."""
    title: str
    """The document's title (the id when the deck does not list it)."""
    details: list[str]
    """Publisher, date and address, as far as known."""
    backed: list[Backed] = field(default_factory=list)
    """Its quoted sentences in the order the deck first shows them."""


def source_entries(deck: Deck, lang: str) -> list[SourceEntry]:
    """Every source of the deck with the figures it backs, in `lang`.

    Sources come in the order the deck first cites them, then any it lists but never cites;
    quotes in the order they first appear, each once, with every figure it states.
    """
    fallbacks = tuple(x for x in deck.languages if x != lang)

    def text(value: Any) -> str:
        return pick(value, lang, fallbacks) if value is not None else ""

    entries: dict[str, SourceEntry] = {}

    def entry(source_id: str) -> SourceEntry:
        if source_id not in entries:
            entries[source_id] = _entry(source_id, deck.sources.get(source_id), text, lang)
        return entries[source_id]

    for owner, where in _owners(deck, text, lang):
        source_id = owner.source or ""
        sentences = _sentences(owner)
        figure = _figure(owner, text, lang, fallbacks)
        label = f"{figure} ({where})" if figure else where
        target = entry(source_id)
        for sentence in sentences or (None,):
            # Quotes stay in the language they were written in: they are the source, verbatim.
            words = text(sentence).strip() if sentence is not None else ""
            backed = next((b for b in target.backed if b.quote == words), None)
            if backed is None:
                backed = Backed(words)
                target.backed.append(backed)
            if label not in backed.figures:
                backed.figures.append(label)
    for source_id in deck.sources:
        entry(source_id)
    # Quotes with no source go last: they are the ones a reader cannot follow up.
    unnamed = entries.pop("", None)
    return [*entries.values(), *([unnamed] if unnamed else [])]


def _entry(source_id: str, source: Source | None, text: _Pick, lang: str) -> SourceEntry:
    if source is None:
        title = source_id or ("未注明来源" if lang.startswith("zh") else "Source not named")
        return SourceEntry(source_id, title, [])
    details = [text(source.publisher)] if source.publisher else []
    if source.date:
        details.append(source.date.isoformat())
    if source.url:
        details.append(source.url)
    if source.as_of:  # figures such as "in negotiation now" age: say when they describe
        details.append(text(source.as_of))
    return SourceEntry(source_id, text(source.title), details)


def _owners(deck: Deck, text: _Pick, lang: str) -> Iterator[tuple[Any, str]]:
    """Everything that names a source or quotes one, with where it is shown."""
    zh = lang.startswith("zh")
    for index, slide in enumerate(deck.slides):
        where = f"第 {index + 1} 页" if zh else f"slide {index + 1}"
        for owner in _cited(slide):
            yield owner, where
    for panel_id, panel in deck.panels.items():
        name = text(panel.title) or panel_id
        where = f"面板「{name}」" if zh else f"panel “{name}”"
        for owner in _cited(panel):
            yield owner, where


def _cited(value: Any) -> Iterator[Any]:
    if isinstance(value, (Sourced, QuoteItem)) and (
        value.source or getattr(value, "quote", None) is not None
    ):
        yield value
    if isinstance(value, Model):
        for name in type(value).model_fields:
            child = getattr(value, name)
            if isinstance(child, (Model, tuple)):
                yield from _cited(child)
    elif isinstance(value, tuple):
        for item in value:
            yield from _cited(item)


def _sentences(owner: Any) -> tuple[Any, ...]:
    if isinstance(owner, QuoteItem):
        return (owner.text,)
    quote = owner.quote
    if quote is None:
        return ()
    return quote if isinstance(quote, tuple) else (quote,)


def _figure(owner: Any, text: _Pick, lang: str, fallbacks: tuple[str, ...]) -> str:
    """How the figure reads on the slide: the number with its unit, then what it names."""
    if isinstance(owner, (Kpi, Card)):
        # The one formatter the slides use, so the list reads 796,000 people where they do.
        number = item_words(owner, lang, fallbacks).text
        name = text(owner.label if isinstance(owner, Kpi) else owner.title)
        return " ".join(x for x in (number, name) if x)
    if isinstance(owner, Event):
        return f"{text(owner.date)} {text(owner.title)}"
    if isinstance(owner, QuoteItem):
        return text(owner.author)
    if isinstance(owner, (Chart, Panel, SlideBase)):
        return text(owner.title)
    return ""
