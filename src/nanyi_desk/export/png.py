"""Write every slide of a deck as a PNG, through the same renderer as the player.

QtGui (and QtWidgets only for the application object qtawesome's icons need).
"""

from __future__ import annotations

from pathlib import Path

from nanyi_desk.deck import LoadedDeck


def export_png(
    loaded: LoadedDeck, out: Path, width: int, height: int, lang: str
) -> list[tuple[Path, list[str]]]:
    """Render each slide to out/slide-NN.png; return each file with the texts that overflowed."""
    from PySide6.QtWidgets import QApplication

    from nanyi_desk.render.context import DeckContext
    from nanyi_desk.render.fonts import register_fonts
    from nanyi_desk.render.painter import render_image
    from nanyi_desk.theme import load_theme

    deck = loaded.deck
    assert deck is not None
    _app = QApplication.instance() or QApplication([])
    register_fonts()
    ctx = DeckContext(deck, loaded.folder, load_theme(deck.theme, loaded.folder))
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for index, slide in enumerate(deck.slides):
        image, painted, _ = render_image(ctx, index, lang, width, height, 1.0)
        name = f"slide-{index + 1:02d}" + (f"-{slide.id}" if slide.id else "") + ".png"
        target = out / name
        temporary = target.with_suffix(".png.tmp")
        # Write beside, then replace: a crash never leaves half a file under the real name.
        if not image.save(str(temporary), "PNG"):
            raise OSError(f"cannot write {temporary}")
        temporary.replace(target)
        written.append((target, painted.overflows))
    return written
