"""The one place that finds the files nanyi-desk ships: resources/ and the default deck.

They sit at the top of the source tree, inside the wheel (as nanyi_desk/_data) and inside
a PyInstaller build (beside the executable's unpacked files). Plain Python.
"""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_root() -> Path:
    """The folder holding `resources/` and `slides/`, wherever nanyi-desk runs from."""
    candidates = [_PACKAGE / "_data", _PACKAGE.parent.parent]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidates.insert(0, Path(frozen) / "nanyi_desk_data")
    for candidate in candidates:
        if (candidate / "resources").is_dir():
            return candidate
    raise FileNotFoundError(
        "nanyi-desk's resources folder is missing — reinstall the package "
        f"(looked in: {', '.join(str(c) for c in candidates)})"
    )


def resources_dir() -> Path:
    """resources/: fonts, themes, the starter deck."""
    return data_root() / "resources"


def default_deck() -> Path:
    """The bundled default deck's folder (slides/)."""
    return data_root() / "slides"


def starter_deck() -> Path:
    """The starter deck that `nanyi-desk new` copies."""
    return resources_dir() / "starter"


def themes_dir() -> Path:
    """The built-in themes."""
    return resources_dir() / "themes"


def fonts_dir() -> Path:
    """The bundled fonts (with their licence)."""
    return resources_dir() / "fonts"
