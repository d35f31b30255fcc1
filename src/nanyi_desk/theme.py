"""Themes: colours, type sizes and margins, read from a small YAML file.

The schema and the checked reading live with the deck (`deck.theme_schema`), since a theme
file is an input like a deck file; this module finds a theme by name or path and hands the
model to the renderer and the chart builders, so that a slide and its charts always agree.
Plain Python.
"""

from __future__ import annotations

from pathlib import Path

from nanyi_desk.deck.diagnostics import Level
from nanyi_desk.deck.loaded import builtin_theme_names
from nanyi_desk.deck.places import UnsafePath, inside
from nanyi_desk.deck.theme_schema import Colour, Colours, Theme, TypeScale, read_theme_file
from nanyi_desk.resources import themes_dir

__all__ = [
    "Colour",
    "Colours",
    "Theme",
    "ThemeError",
    "TypeScale",
    "builtin_themes",
    "load_theme",
]


class ThemeError(ValueError):
    """A theme that cannot be used; the message says where and why, one line per problem."""


def builtin_themes() -> list[str]:
    """The names of the themes that ship with nanyi-desk."""
    return builtin_theme_names()


def load_theme(name_or_path: str, deck_folder: Path | None = None) -> Theme:
    """A built-in theme by name, or a checked theme file inside the deck's folder.

    Raises:
        ThemeError: the file is missing, outside the deck's folder, or not a valid theme.
    """
    if name_or_path in builtin_themes():
        file = themes_dir() / f"{name_or_path}.yaml"
    else:
        try:
            file = inside(deck_folder or Path.cwd(), name_or_path, "theme")
        except UnsafePath as exc:
            raise ThemeError(str(exc)) from None
    theme, problems = read_theme_file(file)
    if theme is None:
        raise ThemeError("\n".join(str(p) for p in problems if p.level is Level.ERROR))
    return theme
