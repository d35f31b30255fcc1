"""Rendered slides, kept so that a slide change only paints a pixmap.

Keyed by everything that changes the pixels: slide, size, device pixel ratio, language,
theme. Least recently used first out, bounded in bytes (a 4K slide weighs sixteen 1080p
ones), but always holding the current slide and both neighbours; cleared on reload.
QtGui only.
"""

from __future__ import annotations

from PySide6.QtGui import QImage

from nanyi_desk.layout.geometry import Letterbox
from nanyi_desk.memory import BytesLRU

from .context import DeckContext
from .frame import Painted
from .painter import render_image

Key = tuple[int, int, int, float, str, str]
Rendered = tuple[QImage, Painted, Letterbox]

MEGABYTE = 1024 * 1024


class SlideCache:
    """An LRU of rendered slides for one deck."""

    def __init__(self, ctx: DeckContext, budget_mb: float = 32, keep: int = 3) -> None:
        self.ctx = ctx
        # Keep the current slide and both neighbours even over budget.
        self._slides: BytesLRU[Key, Rendered] = BytesLRU(budget_mb * MEGABYTE, _weigh, keep=keep)

    @property
    def misses(self) -> int:
        """Slides rendered because they were not cached."""
        return self._slides.misses

    @property
    def bytes(self) -> int:
        """Bytes of pixels held."""
        return self._slides.bytes

    def _key(self, index: int, lang: str, width: int, height: int, dpr: float) -> Key:
        return (index, width, height, round(dpr, 3), lang, self.ctx.theme.name)

    def get(self, index: int, lang: str, width: int, height: int, dpr: float) -> Rendered:
        """Slide `index` rendered for a width×height logical px surface at `dpr`."""
        key = self._key(index, lang, width, height, dpr)
        found = self._slides.get(key)
        if found is not None:
            return found
        rendered = render_image(self.ctx, index, lang, width, height, dpr)
        self._slides.put(key, rendered)
        return rendered

    def __len__(self) -> int:
        return len(self._slides)

    def has(self, index: int, lang: str, width: int, height: int, dpr: float) -> bool:
        """True when that rendering is cached."""
        return self._key(index, lang, width, height, dpr) in self._slides

    def clear(self) -> None:
        """Forget everything (reload, theme change)."""
        self._slides.clear()
        self.ctx.charts.clear()


def _weigh(rendered: Rendered) -> int:
    return rendered[0].sizeInBytes()
