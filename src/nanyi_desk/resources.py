"""The one place that finds the files nanyi-desk ships: resources/ and the default deck.

They sit at the top of the source tree, and inside the package as `nanyi_desk/_data` in
the wheel (hatchling's force-include) and in the PyInstaller build (build.spec puts them at
the same place under the unpacked files, where the frozen modules' `__file__` points), so an
installed and a frozen app are found by one rule. Plain Python.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_root(package: Path = _PACKAGE) -> Path:
    """The folder holding `resources/` and `slides/`, wherever nanyi-desk runs from.

    Args:
        package: The nanyi_desk package's folder; tests pass a made-up one.
    """
    candidates = [package / "_data", package.parent.parent]
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
