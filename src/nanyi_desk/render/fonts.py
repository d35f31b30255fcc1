"""Register the bundled fonts with Qt, once per application.

Why: a machine with no CJK font draws boxes; the bundled Noto Sans CJK SC is the family
every slide asks for. Imports QtGui and `nanyi_desk.resources`.
"""

from __future__ import annotations

import functools

from PySide6.QtGui import QFontDatabase

from nanyi_desk.resources import fonts_dir


@functools.cache
def register_fonts() -> tuple[str, ...]:
    """Add resources/fonts/*.otf to Qt's font database; return the families added."""
    families: list[str] = []
    for file in sorted(fonts_dir().glob("*.otf")):
        font_id = QFontDatabase.addApplicationFont(str(file))
        if font_id < 0:
            raise RuntimeError(f"Qt could not load the bundled font {file}")
        families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return tuple(dict.fromkeys(families))
