"""Themes: colours, type sizes and margins, read from a small YAML file.

Plain Python (PyYAML + pydantic): the renderer and the chart builders both read a Theme,
so that a slide and its charts always agree.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from nanyi_desk.resources import themes_dir

Colour = str


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


class Colours(_Frozen):
    """The theme's palette (#RRGGBB)."""

    background: Colour
    """Behind everything."""
    surface: Colour
    """Cards, panels, table rows."""
    ink: Colour
    """Main text."""
    muted: Colour
    """Secondary text: subtitles, labels, captions."""
    accent: Colour
    """Highlights, when a slide has no section."""
    grid: Colour
    """Chart grid lines and dividers."""
    on_accent: Colour
    """Text on an accent-coloured ground."""


class TypeScale(_Frozen):
    """Font sizes in logical pixels on the canvas."""

    display: int
    """The title slide's title."""
    title: int
    """Slide titles."""
    subtitle: int
    """Subtitles."""
    body: int
    """Body text, bullets."""
    kpi: int
    """Big numbers."""
    label: int
    """Labels under figures, card text."""
    caption: int
    """Captions, sources, footers."""
    floor: int
    """The smallest size text may shrink to before it counts as overflowing."""


class Theme(_Frozen):
    """A complete theme."""

    name: str
    """The theme's name."""
    font: str
    """The font family for all text (bundled, so it exists everywhere)."""
    colors: Colours
    """The palette."""
    sections: dict[str, Colour]
    """A colour per section: high, new, quality."""
    series: tuple[Colour, ...] = Field(min_length=1)
    """Chart series colours, in order."""
    type: TypeScale
    """Type sizes."""
    margin: int
    """Outer margin of a slide."""
    radius: int
    """Corner radius of cards and panels."""

    def section_colour(self, section: str | None) -> Colour:
        """The colour of `section`, or the accent colour for none."""
        return self.sections.get(section or "", self.colors.accent)


def builtin_themes() -> list[str]:
    """The names of the themes that ship with nanyi-desk."""
    return sorted(p.stem for p in themes_dir().glob("*.yaml"))


def load_theme(name_or_path: str, deck_folder: Path | None = None) -> Theme:
    """A built-in theme by name, or a theme file relative to the deck's folder."""
    if name_or_path in builtin_themes():
        file = themes_dir() / f"{name_or_path}.yaml"
    else:
        file = (deck_folder or Path.cwd()) / name_or_path
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    return Theme.model_validate(data)
