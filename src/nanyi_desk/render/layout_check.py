"""Lay out every slide and panel in every language and report the text that does not fit.

`validate` runs this: the only honest overflow check is the real layout, so it paints each
slide (small, into a throwaway image) and turns what the painter recorded into located
warnings. Charts are left out (their pixels cannot overflow, and matplotlib costs half a
second to load); their titles and notes, which the slide paints, are checked.
QtGui only; the caller provides the application object.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QImage, QPainter

from nanyi_desk.deck import LoadedDeck
from nanyi_desk.deck.diagnostics import Diagnostic, Level, Mark
from nanyi_desk.deck.model import Chart, Model
from nanyi_desk.theme import Theme, load_theme

from .context import ChartImages, DeckContext
from .frame import Painted
from .painter import render_image
from .panel import paint_panel, panel_rect

if TYPE_CHECKING:
    from nanyi_desk.charts import ChartHit

CHECK_SCALE = 0.25
"""Slides are laid out at full logical size and painted at a quarter: the fit is the same."""


class _NoCharts(ChartImages):
    """Chart images that are never drawn: layout only."""

    def get(  # noqa: PLR0913 - the signature of ChartImages.get
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
        return QImage(), ()


def overflow_diagnostics(loaded: LoadedDeck) -> list[Diagnostic]:
    """A warning for each text of each slide and panel that overflows, in any language."""
    deck = loaded.deck
    if deck is None:
        return []
    ctx = DeckContext(deck, loaded.folder, load_theme(deck.theme, loaded.folder), _NoCharts())
    width, height = (round(side * CHECK_SCALE) for side in ctx.size)
    floor = ctx.theme.type.floor
    found: list[Diagnostic] = []
    for index, slide in enumerate(deck.slides):
        name = f"slide {index + 1}" + (f" ({slide.id})" if slide.id else "")
        for lang in deck.languages:
            _, painted, _ = render_image(ctx, index, lang, width, height)
            found += _diagnose(loaded, ("slides", index), slide, name, lang, painted, floor)
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    for panel_id, panel in deck.panels.items():
        for lang in deck.languages:
            painter = QPainter(image)
            painter.scale(CHECK_SCALE, CHECK_SCALE)
            try:
                painted = paint_panel(painter, ctx, panel_id, lang, panel_rect(ctx), CHECK_SCALE)
            finally:
                painter.end()
            found += _diagnose(
                loaded, ("panels", panel_id), panel, f"panel {panel_id}", lang, painted, floor
            )
    return found


def _diagnose(
    loaded: LoadedDeck,
    where: tuple[Any, ...],
    model: Model,
    name: str,
    lang: str,
    painted: Painted,
    floor: float,
) -> list[Diagnostic]:
    """What painting one slide or panel in one language says about the deck."""
    found = []
    if painted.error:
        found.append(
            Diagnostic(
                _mark(loaded, where),
                Level.WARNING,
                f"{name} cannot be drawn ({painted.error}) — the player shows a placeholder "
                "instead; fix it",
            )
        )
    for text in dict.fromkeys(painted.overflows):  # once each, in order
        path, words = _path_of(model.model_dump(exclude_none=True), text) or ((), text)
        words = words if len(words) <= 60 else words[:59] + "…"
        found.append(
            Diagnostic(
                _mark(loaded, (*where, *path)),
                Level.WARNING,
                f'{name} [{lang}]: "{words}" does not fit even at the smallest type '
                f"({floor:g} px) — shorten it, or move words to a note",
            )
        )
    return found


def _mark(loaded: LoadedDeck, path: tuple[Any, ...]) -> Mark:
    if loaded.places is None:
        return Mark(loaded.path, 1, 1)
    return loaded.places.value(path)


def _path_of(data: Any, text: str) -> tuple[tuple[Any, ...], str] | None:
    """The path and words of the string in `data` that the painter reported as `text`."""
    shown = text.strip()
    leaves = list(_strings(data, ()))
    for path, leaf in leaves:
        if leaf.startswith(shown):
            return path, leaf
    # A figure is painted as prefix + number + unit: the longest part that shows is the culprit.
    inside = [(path, leaf) for path, leaf in leaves if len(leaf) >= 3 and leaf in shown]
    return max(inside, key=lambda found: len(found[1])) if inside else None


def _strings(data: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(data, str):
        yield path, data.strip()
    elif isinstance(data, dict):
        for key, value in data.items():
            if key not in ("quote", "source", "drill", "id", "icon", "image"):
                yield from _strings(value, (*path, key))
    elif isinstance(data, (list, tuple)):
        for index, value in enumerate(data):
            yield from _strings(value, (*path, index))
