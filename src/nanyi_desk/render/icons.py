"""Icons by qtawesome name (e.g. fa5s.microchip), as images for the painter.

qtawesome's own icons are QIcons, which need a QApplication (the widgets' one); a render or
an export needs only QtGui. So this module draws the glyph itself, as qtawesome's default
"text" drawing does, from the icon fonts and charmaps qtawesome ships: the same pixels, on a
QGuiApplication. qtawesome is never imported; its folder is found without loading it, and a
font is registered on the first icon of its set. Imports QtGui.
"""

from __future__ import annotations

import functools
import importlib.util
import json
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QImage, QPainter

ICON_SETS = {
    "fa5": "fontawesome5-regular-webfont",
    "fa5s": "fontawesome5-solid-webfont",
    "fa5b": "fontawesome5-brands-webfont",
    "fa6": "fontawesome6-regular-webfont",
    "fa6s": "fontawesome6-solid-webfont",
    "fa6b": "fontawesome6-brands-webfont",
    "ei": "elusiveicons-webfont",
    "mdi": "materialdesignicons5-webfont",
    "mdi6": "materialdesignicons6-webfont",
    "ph": "phosphor",
    "ri": "remixicon",
    "msc": "codicon",
}
"""qtawesome's prefixes and the names of their font files (`<name>-<version>.ttf`, charmap
`<name>-charmap-<version>.json`), as qtawesome bundles them."""


def icon_image(name: str, colour: str, px: int) -> QImage | None:
    """The icon drawn `px` device pixels square in `colour`, or None if it is unknown."""
    prefix, _, glyph = name.partition(".")
    found = _icon_font(prefix) if prefix in ICON_SETS else None
    char = found[1].get(glyph) if found else None
    if found is None or char is None or px <= 0:
        return None
    font = QFont()
    font.setFamily(found[0])
    # qtawesome's sizes: a 16 px icon has a 14 px glyph, the rest is the font's bearing.
    font.setPixelSize(round(0.875 * px))
    if prefix.endswith("s"):  # one family holds the regular and the solid faces
        font.setStyleName("Solid")
    image = QImage(px, px, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    try:
        painter.setPen(QColor(colour))
        painter.setFont(font)
        painter.drawText(QRect(0, 0, px, px), int(Qt.AlignmentFlag.AlignCenter), char)
    finally:
        painter.end()
    return image


@functools.cache
def _icon_font(prefix: str) -> tuple[str, dict[str, str]] | None:
    """The family of a set's font, registered with Qt, and its glyph names; None if absent."""
    folder = _qtawesome_fonts()
    if folder is None:
        return None
    stem = ICON_SETS[prefix]
    fonts = sorted(folder.glob(f"{stem}-[0-9]*.ttf"))
    charmaps = sorted(folder.glob(f"{stem}-charmap-*.json"))
    if not fonts or not charmaps:
        return None
    font_id = QFontDatabase.addApplicationFont(str(fonts[-1]))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        return None
    codes = json.loads(charmaps[-1].read_text(encoding="utf-8"))
    return families[0], {key: chr(int(code, 16)) for key, code in codes.items()}


def _qtawesome_fonts() -> Path | None:
    """The folder of qtawesome's fonts, found without importing it (that imports QtWidgets)."""
    spec = importlib.util.find_spec("qtawesome")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "fonts"
    return folder if folder.is_dir() else None
