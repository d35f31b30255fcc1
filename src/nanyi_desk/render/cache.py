"""Rendered slides, kept so that a slide change only paints a pixmap.

Keyed by everything that changes the pixels: slide, size, device pixel ratio, language,
theme. Least recently used first out, bounded in bytes (a 4K slide weighs sixteen 1080p
ones), but always holding the current slide and both neighbours; cleared on reload.
QtGui only.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtGui import QImage

from .context import DeckContext
from .painter import Painted, render_image

Key = tuple[int, int, int, float, str, str]


MEGABYTE = 1024 * 1024


class SlideCache:
    """An LRU of rendered slides for one deck."""

    def __init__(self, ctx: DeckContext, budget_mb: float = 32, keep: int = 3) -> None:
        self.ctx = ctx
        self.budget = budget_mb * MEGABYTE
        """Bytes of pixels to keep at most…"""
        self.keep = keep
        """…unless fewer than this many slides would stay (current and neighbours)."""
        self.bytes = 0
        self._slides: OrderedDict[Key, tuple[QImage, Painted, tuple[float, float, float]]] = (
            OrderedDict()
        )
        self.misses = 0

    def get(
        self, index: int, lang: str, width: int, height: int, dpr: float
    ) -> tuple[QImage, Painted, tuple[float, float, float]]:
        """Slide `index` rendered for a width×height logical px surface at `dpr`."""
        key = (index, width, height, round(dpr, 3), lang, self.ctx.theme.name)
        found = self._slides.get(key)
        if found is not None:
            self._slides.move_to_end(key)
            return found
        self.misses += 1
        rendered = render_image(self.ctx, index, lang, width, height, dpr)
        self._slides[key] = rendered
        self.bytes += rendered[0].sizeInBytes()
        while self.bytes > self.budget and len(self._slides) > self.keep:
            _, (image, _, _) = self._slides.popitem(last=False)
            self.bytes -= image.sizeInBytes()
        return rendered

    def __len__(self) -> int:
        return len(self._slides)

    def has(self, index: int, lang: str, width: int, height: int, dpr: float) -> bool:
        """True when that rendering is cached."""
        return (index, width, height, round(dpr, 3), lang, self.ctx.theme.name) in self._slides

    def clear(self) -> None:
        """Forget everything (reload, theme change)."""
        self._slides.clear()
        self.bytes = 0
        self.ctx.charts.clear()
