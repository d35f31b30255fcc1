"""What the painter needs to know besides the slide: deck, theme, language, place.

QtGui only. The chart images come through `ChartImages`, which reads them from the disk cache
(`chart_store`), asks the chart helper process while one runs (`chart_worker`), or calls
matplotlib, lazily, so that a deck with no chart — or with every chart drawn on an earlier
run — never loads it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtGui import QImage

from nanyi_desk.deck import LoadedDeck
from nanyi_desk.deck.model import Chart, Deck, SectionSlide
from nanyi_desk.deck.text import pick
from nanyi_desk.memory import BytesLRU
from nanyi_desk.playback.hits import ChartHit
from nanyi_desk.theme import Theme, load_theme
from nanyi_desk.user_dirs import cache_dir

from .chart_store import ChartStore, chart_key
from .chart_worker import ChartWorker, running_helper
from .pictures import load_picture

CANVAS = {"16:9": (1920, 1080), "9:16": (1080, 1920)}


def canvas_size(aspect: str) -> tuple[int, int]:
    """The logical canvas of a deck's aspect."""
    return CANVAS.get(aspect, CANVAS["16:9"])


class ChartImages:
    """Rendered charts, least recently used dropped first, keyed by everything that shows.

    Bounded in bytes: a chart is only needed again when its slide is drawn anew (another
    language or size), since the slide cache holds the finished slides. Behind the memory, an
    optional disk `store` shared across runs; only what neither holds is drawn by matplotlib.
    """

    def __init__(
        self,
        budget_mb: float = 10,
        store: ChartStore | None = None,
        worker: ChartWorker | None = None,
    ) -> None:
        self._images: BytesLRU[tuple[Any, ...], tuple[QImage, tuple[ChartHit, ...]]] = BytesLRU(
            budget_mb * 1024 * 1024, lambda found: found[0].sizeInBytes(), keep=1
        )
        self.store = store
        self.worker = worker
        """A helper process that draws for us while it lives (render.chart_worker)."""
        self.renders = 0
        """Charts drawn by matplotlib, here or by the helper (neither in memory nor on disk)."""
        self._asking_ahead = False
        self._asked: dict[tuple[Any, ...], int] = {}

    def sibling(self, budget_mb: float) -> ChartImages:
        """Another memory of charts over the same disk store (thumbnails keep their own)."""
        return ChartImages(budget_mb, self.store, self.worker)

    @property
    def bytes(self) -> int:
        """Bytes of pixels held."""
        return self._images.bytes

    def __len__(self) -> int:
        return len(self._images)

    def get(
        self,
        key: str,
        chart: Chart,
        size: tuple[int, int],
        lang: str,
        fallbacks: tuple[str, ...],
        theme: Theme,
        accent: str,
        scale: float,
    ) -> tuple[QImage, tuple[ChartHit, ...]]:
        """The chart as an image of `size` logical px at `scale`, and its hit boxes."""
        cache_key = (key, size, lang, theme.name, accent, round(scale, 3))
        found = self._images.get(cache_key)
        if found is not None:
            return found
        address = None
        if self.store is not None:
            # The address is the chart's content, not its place: an edited deck draws anew.
            address = chart_key((chart, size, lang, fallbacks, theme, accent, round(scale, 3)))
            stored = self.store.load(address, ChartHit)
            if stored is not None:
                stored[0].setDevicePixelRatio(scale)
                self._images.put(cache_key, stored)
                return stored
        options = {
            "chart": chart,
            "lang": lang,
            "fallbacks": fallbacks,
            "theme": theme,
            "accent": accent,
            "width": size[0],
            "height": size[1],
            "scale": scale,
        }
        drawn = None
        ticket = self._asked.pop(cache_key, None)
        if self.worker is not None:
            if ticket is None and self._asking_ahead:
                ticket = self.worker.ask(**options)
                if ticket is not None:
                    self._asked[cache_key] = ticket
                    return _stand_in(size, scale), ()
            drawn = self.worker.draw(**options) if ticket is None else self.worker.take(ticket)
        if drawn is None:
            from nanyi_desk.charts import render_chart  # matplotlib loads on the first drawn chart

            here = render_chart(**options)
            drawn = (here.rgba, here.width, here.height, here.hits)
        rgba, width, height, hits = drawn
        self.renders += 1
        image = QImage(rgba, width, height, width * 4, QImage.Format.Format_RGBA8888).copy()
        image.setDevicePixelRatio(scale)  # copied: the pixels' buffer is not ours to keep
        self._images.put(cache_key, (image, hits))
        if self.store is not None and address is not None:
            self.store.save(address, image, hits)
        return image, hits

    @contextlib.contextmanager
    def asking_ahead(self) -> Iterator[None]:
        """Within it, a chart to be drawn is only asked of the helper, and a blank stands in.

        For a paint made only to learn which charts the next paint needs: the helper draws
        them meanwhile, and the next `get` of each takes what it drew. Without a helper,
        charts are drawn as ever.
        """
        self._asking_ahead = True
        try:
            yield
        finally:
            self._asking_ahead = False

    def clear(self) -> None:
        """Forget every chart held in memory (on reload or theme change).

        The disk store keeps its own: they are addressed by content, so none goes stale.
        """
        self._images.clear()


def _stand_in(size: tuple[int, int], scale: float) -> QImage:
    image = QImage(
        max(1, round(size[0] * scale)),
        max(1, round(size[1] * scale)),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.fill(0)
    image.setDevicePixelRatio(scale)
    return image


def chart_store() -> ChartStore | None:
    """The per-user store of drawn charts (NANYI_DESK_CHART_CACHE=off: none)."""
    if os.environ.get("NANYI_DESK_CHART_CACHE", "").lower() in ("0", "off", "no"):
        return None
    return ChartStore(cache_dir() / "charts", background=True)


@dataclass
class DeckContext:
    """A deck ready to paint: the model, where its files are, its theme and charts."""

    deck: Deck
    """The checked deck."""
    folder: Path
    """Its folder, for pictures."""
    theme: Theme
    """Its theme."""
    charts: ChartImages = field(default_factory=ChartImages)
    """Its chart images."""
    image_loader: Callable[[Path], QImage] | None = None
    """Reads a picture (tests may swap it)."""

    @property
    def size(self) -> tuple[int, int]:
        """The logical canvas."""
        return canvas_size(self.deck.aspect)

    @property
    def portrait(self) -> bool:
        """True for 9:16 decks."""
        return self.deck.aspect == "9:16"

    def fallbacks(self, lang: str) -> tuple[str, ...]:
        """Languages to fall back to when a text lacks `lang`."""
        return tuple(x for x in self.deck.languages if x != lang)

    def text(self, value: Any, lang: str) -> str:
        """A Text in `lang`."""
        return pick(value, lang, self.fallbacks(lang))

    def section_title(self, section: str | None, lang: str) -> str:
        """The title of the section slide that opens `section`, as the deck calls it."""
        if section is None:
            return ""
        for slide in self.deck.slides:
            if isinstance(slide, SectionSlide) and slide.section == section:
                return self.text(slide.title, lang)
        return ""

    def load_image(self, name: str) -> QImage:
        """A picture of the deck (a null image if it cannot be read)."""
        if self.image_loader is not None:
            return self.image_loader(self.folder / name)
        return load_picture(self.folder, name)


def deck_context(loaded: LoadedDeck) -> DeckContext:
    """A loaded, valid deck ready to paint, in its own theme (found beside the deck first)."""
    deck = loaded.deck
    if deck is None:
        raise ValueError(f"{loaded.path}: the deck has errors and cannot be painted")
    return DeckContext(
        deck,
        loaded.folder,
        load_theme(deck.theme, loaded.folder),
        charts=ChartImages(store=chart_store(), worker=running_helper()),
    )
