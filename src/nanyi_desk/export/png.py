"""Write every slide of a deck as a PNG, through the same renderer as the player.

QtGui only: a QGuiApplication is enough, icons included (no widgets, no QApplication).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from nanyi_desk.atomic import atomic_path
from nanyi_desk.deck import LoadedDeck

if TYPE_CHECKING:
    from PySide6.QtGui import QImage


def export_png(
    loaded: LoadedDeck, out: Path, width: int, height: int, lang: str, panels: bool = False
) -> list[tuple[Path, list[str]]]:
    """Render each slide to out/slide-NN.png; return each file with the texts that overflowed.

    With `panels`, every drill-down panel too, as out/panel-<id>.png: the sheet over a
    dimmed copy of the slide that leads to it, through the player's panel renderer. A panel
    that could not be drawn is listed with its error as the first of its problems.
    """
    from PySide6.QtGui import QGuiApplication

    from nanyi_desk.render.context import deck_context
    from nanyi_desk.render.fonts import register_fonts
    from nanyi_desk.render.painter import render_image
    from nanyi_desk.render.panel import render_panel_image

    deck = loaded.deck
    assert deck is not None
    _app = QGuiApplication.instance() or QGuiApplication([])
    register_fonts()
    ctx = deck_context(loaded)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for index, slide in enumerate(deck.slides):
        image, painted, _ = render_image(ctx, index, lang, width, height, 1.0)
        name = f"slide-{index + 1:02d}" + (f"-{slide.id}" if slide.id else "") + ".png"
        written.append((_save(image, out / name), painted.overflows))
    if panels:
        for panel_id in deck.panels:
            image, done, _ = render_panel_image(ctx, panel_id, lang, width, height, 1.0)
            problems = ([f"cannot be drawn: {done.error}"] if done.error else []) + done.overflows
            written.append((_save(image, out / f"panel-{panel_id}.png"), problems))
    return written


def _save(image: QImage, target: Path) -> Path:
    # A crash never leaves half a file under the real name. No fsync: an export is made
    # again in seconds, and a deck's worth of flushes would cost more than the drawing.
    with atomic_path(target, fsync=False) as temporary:
        if not image.save(str(temporary), "PNG"):
            raise OSError(f"cannot write {target}")
    return target
