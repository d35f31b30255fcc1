"""Themes as inputs: the schema of a theme file, with ranges, read like a deck file.

A deck may name its own theme file, so a theme comes from whoever wrote the deck: it is
read with the deck loader's guards (size, aliases, depth, duplicate keys) and every size
is bounded — a floor of -1 once made the text-fitting loop run forever, a margin of 5000
left no room to draw. Problems come back at `theme-file:line:col`. `nanyi_desk.theme`
finds theme files and hands the model to the painters. Plain Python + pydantic.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)
from pydantic_core import ErrorDetails

from .diagnostics import Diagnostic, Level
from .explain import data_path, explain, fields_at
from .places import Places
from .suggest import did_you_mean
from .yaml_source import YamlProblem, read_yaml

Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}([0-9A-Fa-f]{2})?$")]
"""#RRGGBB, or #RRGGBBAA with opacity."""
Size = Annotated[int, Field(ge=8, le=400)]
"""A type size in logical pixels on the 1920×1080 canvas."""
Name = Annotated[str, StringConstraints(min_length=1, max_length=100)]


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

    display: Size
    """The title slide's title."""
    title: Size
    """Slide titles."""
    subtitle: Size
    """Subtitles."""
    body: Size
    """Body text, bullets."""
    kpi: Size
    """Big numbers."""
    label: Size
    """Labels under figures, card text."""
    caption: Size
    """Captions, sources, footers."""
    floor: Annotated[int, Field(ge=8, le=72)]
    """The smallest size text may shrink to before it counts as overflowing."""

    @model_validator(mode="after")
    def _floor_is_smallest(self) -> TypeScale:
        smallest = min(
            self.display, self.title, self.subtitle, self.body, self.kpi, self.label, self.caption
        )
        if self.floor > smallest:
            raise ValueError(
                f"floor {self.floor} is larger than the smallest size ({smallest}) — the "
                "floor is what text shrinks to, so make it the smallest"
            )
        return self


class Theme(_Frozen):
    """A complete theme."""

    name: Name
    """The theme's name."""
    font: Name
    """The font family for all text (bundled, so it exists everywhere)."""
    colors: Colours
    """The palette."""
    sections: Annotated[dict[Name, Colour], Field(max_length=16)]
    """A colour per section: high, new, quality."""
    series: tuple[Colour, ...] = Field(min_length=1, max_length=32)
    """Chart series colours, in order."""
    type: TypeScale
    """Type sizes."""
    margin: Annotated[int, Field(ge=0, le=300)]
    """Outer margin of a slide, in logical pixels (the canvas's short side is 1080)."""
    radius: Annotated[int, Field(ge=0, le=100)]
    """Corner radius of cards and panels."""

    def section_colour(self, section: str | None) -> str:
        """The colour of `section`, or the accent colour for none."""
        return self.sections.get(section or "", self.colors.accent)


def read_theme_file(file: Path) -> tuple[Theme | None, list[Diagnostic]]:
    """The theme in `file`, or None; and every problem found, at its line."""
    try:
        document = read_yaml(file, "theme file")
    except YamlProblem as problem:
        return None, [problem.diagnostic]
    problems = list(document.problems)
    places = Places(file)
    places.update(document.places)
    data = document.data
    if not isinstance(data, dict):
        message = "a theme file is a map of 'key: value' lines — see resources/themes/nanyi.yaml"
        problems.append(Diagnostic(places.value(()), Level.ERROR, message))
        return None, problems
    try:
        theme = Theme.model_validate(data)
    except ValidationError as exc:
        problems += _explain(exc.errors(), data, places)
        return None, problems
    if any(p.level is Level.ERROR for p in problems):
        return None, problems
    return theme, problems


def _explain(errors: list[ErrorDetails], data: Any, places: Places) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    rest: list[ErrorDetails] = []
    for error in errors:
        kind, value = error["type"], error.get("input")
        path = data_path(error["loc"], data)
        name = next((str(p) for p in reversed(path) if isinstance(p, str)), "value")
        at = places.value(path)
        if kind in ("greater_than_equal", "less_than_equal") and isinstance(value, int):
            low, high = _bounds(path)
            out.append(
                Diagnostic(
                    at, Level.ERROR, f"{name}: {value} is out of range — use {low} to {high}"
                )
            )
        elif kind in ("string_pattern_mismatch", "string_type") and path[:1] in (
            ("colors",),
            ("sections",),
            ("series",),
        ):
            out.append(
                Diagnostic(
                    at,
                    Level.ERROR,
                    f"{name}: {str(value)[:40]!r} is not a colour — write #RRGGBB in quotes, "
                    'e.g. "#0B5FA5"',
                )
            )
        elif kind == "value_error" and name == "type":
            out.append(Diagnostic(places.value(("type", "floor")), Level.ERROR, error["msg"][13:]))
        elif kind == "extra_forbidden":
            key = str(error["loc"][-1])
            allowed = fields_at(path[:-1], data, Theme) or []
            out.append(
                Diagnostic(
                    places.key(path),
                    Level.ERROR,
                    f"unknown key '{key}'{did_you_mean(key, allowed)}",
                )
            )
        elif kind == "string_type":
            out.append(Diagnostic(at, Level.ERROR, f"{name}: write it as text, e.g. {name}: mine"))
        else:
            rest.append(error)
    return out + explain(rest, data, places, Theme)


def _bounds(path: tuple[str | int, ...]) -> tuple[int, int]:
    model: Any = Theme
    for part in path[:-1]:
        model = model.model_fields[part].annotation if isinstance(part, str) else model
    info = model.model_fields[path[-1]] if isinstance(path[-1], str) else None
    low, high = 0, 0
    for meta in info.metadata if info is not None else ():
        low = getattr(meta, "ge", None) or low
        high = getattr(meta, "le", None) or high
    return low, high
