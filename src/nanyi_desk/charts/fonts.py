"""The bundled CJK fonts, made known to matplotlib once per process.

May import: matplotlib.font_manager and nanyi_desk.resources. No pyplot, no Qt.
"""

from __future__ import annotations

import functools

from matplotlib import font_manager

from nanyi_desk.resources import fonts_dir

FONT_FILES = ("NotoSansCJKsc-Regular.otf", "NotoSansCJKsc-Bold.otf")
"""The bundled faces: the machine may have no CJK font at all, so these must be used."""


@functools.cache
def register_fonts() -> None:
    """Add the bundled Noto Sans CJK SC faces to matplotlib's font manager (once).

    The cache is the once-only guard: addfont appends to the manager's list, so a second
    call would add duplicates.
    """
    for name in FONT_FILES:
        font_manager.fontManager.addfont(str(fonts_dir() / name))
