"""Pre-flight: what an audience would see wrong, found before the deck is shown.

Warnings, each at the place of the colour, figure or picture it is about: text colours
below WCAG AA contrast against what they are drawn on, figures their own quote does not
state, shares over 100 % in a pie, and pictures a 1920×1080 slide would show larger than
their pixels. (Glyphs the bundled fonts lack, and picture formats Qt cannot read, need Qt:
`render.preflight` checks them.) Plain Python: imports `deck` siblings only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .contrast import (
    BODY_RATIO,
    LARGE_RATIO,
    contrast,
    is_large,
    nearest_passing,
    nearest_passing_all,
)
from .diagnostics import Diagnostic, Level
from .pictures import PictureProblem, read_picture
from .places import Places, UnsafePath, inside
from .theme_schema import Theme, read_theme_file
from .yaml_source import Path_, read_yaml, walk

CANVAS = (1920, 1080)
"""The logical canvas of a 16:9 deck (a 9:16 deck's is the same turned)."""
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_CHINESE_DIGITS = {ch: i for i, ch in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
_CHINESE_NUMBER = re.compile("[零〇一二两三四五六七八九十百千万亿]+")


@dataclass(frozen=True)
class TextUse:
    """One way the renderer draws text in a theme colour on another."""

    text: str
    """The text's colour, by its name in the theme: muted, or sections.new."""
    ground: str
    """What it is drawn on, named the same way."""
    size: str
    """The type size it is drawn at (the smallest, where several are)."""
    bold: bool
    """Drawn bold."""
    what: str
    """What text this is, for the message."""


def theme_uses(theme: Theme) -> list[TextUse]:
    """Every pairing of text and ground colours the slide and panel painters draw.

    Kept beside the painters' choices: footers and notes in muted at caption size, bullets
    and body in ink, a section's name and figures in the section colour, table headers in
    on_accent on the section colour.
    """
    uses = [
        TextUse("ink", "background", "body", False, "body text"),
        TextUse("ink", "surface", "caption", False, "text on cards and panels"),
        TextUse("muted", "background", "caption", False, "captions and footers"),
        TextUse("muted", "surface", "caption", False, "notes on cards and panels"),
        TextUse("on_accent", "accent", "label", True, "table headings"),
        TextUse("accent", "background", "caption", True, "a section's name"),
        TextUse("accent", "surface", "body", True, "figures in tables"),
    ]
    for name in theme.sections:
        uses += [
            TextUse("on_accent", f"sections.{name}", "label", True, "table headings"),
            TextUse(f"sections.{name}", "background", "caption", True, "the section's name"),
            TextUse(f"sections.{name}", "surface", "body", True, "figures in tables"),
        ]
    return uses


def _theme_colour(theme: Theme, key: str) -> str:
    if key.startswith("sections."):
        return theme.sections[key.partition(".")[2]]
    return str(getattr(theme.colors, key))


def _theme_path(key: str) -> Path_:
    return ("sections", key.partition(".")[2]) if key.startswith("sections.") else ("colors", key)


def check_theme_contrast(theme: Theme, places: Places) -> list[Diagnostic]:
    """A warning at each theme text colour below AA on a ground the painters put it on.

    One per colour: the ground it reads worst on is named, and the colour offered passes
    on every ground it is drawn on.
    """
    failing: dict[str, list[tuple[float, float, TextUse]]] = {}
    for use in theme_uses(theme):
        text, ground = _theme_colour(theme, use.text), _theme_colour(theme, use.ground)
        problem = _contrast_problem(text, ground, getattr(theme.type, use.size), use.bold)
        if problem:
            failing.setdefault(use.text, []).append((problem[0], problem[1], use))
    out: list[Diagnostic] = []
    for key, problems in failing.items():
        text = _theme_colour(theme, key)
        ratio, need, use = min(problems, key=lambda p: p[0] / p[1])
        fix = nearest_passing_all(
            text[:7], [(_theme_colour(theme, u.ground)[:7], n) for _, n, u in problems]
        )
        ground = _theme_colour(theme, use.ground)
        out.append(
            Diagnostic(
                places.value(_theme_path(key)),
                Level.WARNING,
                f"{use.what} ({key} {text} on {use.ground} {ground}) "
                f"{_too_faint(ratio, need, fix)}",
            )
        )
    return out


def _contrast_problem(
    text: str, ground: str, px: float, bold: bool
) -> tuple[float, float, str] | None:
    """(ratio, ratio needed, nearest passing colour) when `text` is too faint on `ground`."""
    need = LARGE_RATIO if is_large(px, bold) else BODY_RATIO
    ratio = contrast(text[:7], ground[:7])
    if ratio >= need:
        return None
    return ratio, need, nearest_passing(text[:7], ground[:7], need)


def _too_faint(ratio: float, need: float, fix: str) -> str:
    kind = "large text" if need == LARGE_RATIO else "text"
    return (
        f"has contrast {ratio:.2f}:1, below the {need:g}:1 {kind} needs (WCAG AA), and less "
        f"on a projector in a bright hall — the nearest colour that passes is {fix}"
    )


def check_series_contrast(data: dict[str, Any], theme: Theme, places: Places) -> list[Diagnostic]:
    """A warning at each chart series `color:` too faint to read on the slide.

    A chart of several series, and a pie's slices, write each value in its series' colour,
    bold at label size, on the slide (or a panel's card); a stacked chart writes on_accent
    inside the bars; a single series' values are in ink, and its colour is its marks'.
    """
    out: list[Diagnostic] = []
    grounds = (("background", theme.colors.background), ("surface", theme.colors.surface))
    on_accent = theme.colors.on_accent
    for path, chart in _charts(data):
        given = chart.get("series")
        series = given if isinstance(given, list) else []
        for s, entry in enumerate(series):
            colour = entry.get("color") if isinstance(entry, dict) else None
            if not (isinstance(colour, str) and re.fullmatch(r"#[0-9A-Fa-f]{6}", colour)):
                continue
            where = places.value((*path, "series", s, "color"))
            if chart.get("type") == "stacked":
                problem = _contrast_problem(on_accent, colour, theme.type.label, True)
                if problem:
                    ratio, need, _ = problem
                    fix = nearest_passing(colour, on_accent, need)
                    out.append(
                        Diagnostic(
                            where,
                            Level.WARNING,
                            f"values written in on_accent {on_accent} on this series' bars "
                            f"{colour} {_too_faint(ratio, need, fix)} (for the bars)",
                        )
                    )
                continue
            name, ground = min(grounds, key=lambda g: contrast(colour, g[1]))
            problem = _contrast_problem(colour, ground, theme.type.label, True)
            if problem:
                # One series' values are written in ink; its colour is only the bars' or
                # line's, which WCAG holds to the same 3:1 as large text (non-text contrast).
                written = chart.get("type") in ("pie", "donut") or len(series) > 1
                what = "this series' values, written in" if written else "this series' marks, in"
                out.append(
                    Diagnostic(
                        where,
                        Level.WARNING,
                        f"{what} {colour} on the {name} {ground}, {_too_faint(*problem)}",
                    )
                )
    return out


def _charts(data: dict[str, Any]) -> Iterator[tuple[Path_, dict[str, Any]]]:
    slides = found if isinstance(found := data.get("slides"), list) else []
    panels = given if isinstance(given := data.get("panels"), dict) else {}
    holders: list[tuple[Path_, Any]] = [(("slides", i), s) for i, s in enumerate(slides)]
    holders += [(("panels", k), p) for k, p in panels.items()]
    for path, node in holders:
        if isinstance(node, dict) and isinstance(chart := node.get("chart"), dict):
            yield (*path, "chart"), chart


# ----------------------------------------------------------------------------- figures


def stated_numbers(quotes: list[str]) -> set[float]:
    """Every number the quotes write, in digits (separators dropped) or Chinese numerals."""
    found = {float(n) for q in quotes for n in _NUMBER.findall(q.replace(",", ""))}
    return found | {chinese_number(n) for q in quotes for n in _CHINESE_NUMBER.findall(q)}


def chinese_number(words: str) -> float:
    """The value of Chinese numerals: 六 6, 十四 14, 三百零五 305, 二〇二六 2026, 两万 20000."""
    if not any(ch in _CHINESE_UNITS for ch in words):
        return float("".join(str(_CHINESE_DIGITS[ch]) for ch in words))
    for big in ("亿", "万"):
        if big in words:
            high, _, low = words.rpartition(big)
            return (chinese_number(high) if high else 1) * _CHINESE_UNITS[big] + (
                chinese_number(low) if low else 0
            )
    section = digit = 0
    for ch in words:
        if ch in _CHINESE_DIGITS:
            digit = _CHINESE_DIGITS[ch]
        else:  # 十, 百, 千
            section += (digit or 1) * _CHINESE_UNITS[ch]
            digit = 0
    return float(section + digit)


def backed(value: float, stated: set[float]) -> bool:
    """True when a quote states `value`, as written or in another power of ten.

    An article's 6000万 is a deck's 0.6 with unit 亿; 35% may be written 0.35; a fall of 5
    (下降5%) is a deck's -5. Only the digits must agree: a value the quote never writes is
    not backed by it.
    """
    for power in range(-8, 9):
        scaled = abs(value) * 10.0**power
        if any(abs(scaled - s) <= 1e-9 * max(1.0, abs(s)) for s in stated):
            return True
    return False


def _quote_texts(quote: Any) -> list[str]:
    items = quote if isinstance(quote, list) else [quote]
    out: list[str] = []
    for item in items:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            out += [str(t) for t in item.values() if isinstance(t, (str, int, float))]
    return out


def _figures(node: dict[str, Any], path: Path_) -> Iterator[tuple[Path_, float]]:
    """The figures `node`'s own quote must state: its value, its series' values, its cells.

    The rule the default deck's tests hold every figure to: a key figure or card by its
    own quote, a chart's values by the chart's, a table's cells by the slide's.
    """
    if _is_number(node.get("value")):
        yield (*path, "value"), node["value"]
    series = node.get("series")
    for s, entry in enumerate(series if isinstance(series, list) else []):
        values = entry.get("values") if isinstance(entry, dict) else None
        for v, value in enumerate(values if isinstance(values, list) else []):
            if _is_number(value):
                yield (*path, "series", s, "values", v), value
    if isinstance(node.get("rows"), list) and "columns" in node:
        for r, row in enumerate(node["rows"]):
            cells = row.get("cells") if isinstance(row, dict) else row
            at = (*path, "rows", r, "cells") if isinstance(row, dict) else (*path, "rows", r)
            for c, cell in enumerate(cells if isinstance(cells, list) else []):
                if _is_number(cell):
                    yield (*at, c), cell


def check_figures(data: dict[str, Any], places: Places) -> list[Diagnostic]:
    """Figures their own quote does not state; shares over 100 % in a pie or donut."""
    out: list[Diagnostic] = []
    for path, node in walk(data, ()):
        if not isinstance(node, dict) or path[:1] == ("sources",):
            continue
        quotes = _quote_texts(node.get("quote"))
        if quotes:
            stated = stated_numbers(quotes)
            for where, value in _figures(node, path):
                if not backed(float(value), stated):
                    out.append(
                        Diagnostic(
                            places.value(where),
                            Level.WARNING,
                            f"figure {value} is not stated by its quote — check the figure "
                            "against the source, or quote the sentence that states it",
                        )
                    )
        if node.get("type") in ("pie", "donut"):
            out += _pie_shares(node, path, places)
    return out


def _pie_shares(chart: dict[str, Any], path: Path_, places: Places) -> list[Diagnostic]:
    unit = chart.get("unit")
    units = unit.values() if isinstance(unit, dict) else [unit]
    if not any(isinstance(u, str) and u.strip() in ("%", "％") for u in units):
        return []
    out: list[Diagnostic] = []
    series = chart.get("series")
    for s, entry in enumerate(series if isinstance(series, list) else []):
        values = entry.get("values") if isinstance(entry, dict) else None
        if not isinstance(values, list):
            continue
        for v, value in enumerate(values):
            if _is_number(value) and value > 100:
                out.append(
                    Diagnostic(
                        places.value((*path, "series", s, "values", v)),
                        Level.WARNING,
                        f"a share of {value}% in a {chart['type']}: a slice is at most 100% "
                        "— check the figure, or use a bar chart",
                    )
                )
        total = sum(v for v in values if _is_number(v) and v > 0)
        if not out and total > 100.5:
            out.append(
                Diagnostic(
                    places.value((*path, "series", s, "values")),
                    Level.WARNING,
                    f"the shares add up to {total:g}%, more than the whole — a {chart['type']} "
                    "shows parts of 100%: check the figures, or use a bar chart",
                )
            )
    return out


# ----------------------------------------------------------------------------- pictures


def shown_box(node: dict[str, Any], aspect: str, margin: int) -> tuple[float, float]:
    """The largest box, in canvas pixels, a picture of this holder is drawn into.

    An image slide's picture fills the content area (the canvas less the margins and
    about a third of the height for the title and caption); a title slide's covers it.
    """
    width, height = CANVAS if aspect != "9:16" else CANVAS[::-1]
    if node.get("layout") == "title":
        return float(width), float(height)
    return float(width - 2 * margin), height * 0.6


def check_pictures(
    data: dict[str, Any], folder: Path, places: Places, margin: int
) -> list[Diagnostic]:
    """A warning at each picture a 1920×1080 slide would show larger than its pixels."""
    out: list[Diagnostic] = []
    aspect = str(data.get("aspect", "16:9"))
    slides = found if isinstance(found := data.get("slides"), list) else []
    sizes: dict[str, tuple[int, int] | None] = {}
    for i, slide in enumerate(slides):
        if not isinstance(slide, dict) or slide.get("layout") not in ("image", "title"):
            continue
        name = slide.get("image")
        if not isinstance(name, str):
            continue
        if name not in sizes:
            sizes[name] = _pixels(folder, name)
        size = sizes[name]
        if size is None:
            continue  # an SVG, or a picture the loader already reports
        w, h = size
        box_w, box_h = shown_box(slide, aspect, margin)
        cover = slide.get("layout") == "title"
        scale = max(box_w / w, box_h / h) if cover else min(box_w / w, box_h / h)
        if scale > 1.0:
            need_w, need_h = round(w * scale), round(h * scale)
            out.append(
                Diagnostic(
                    places.value(("slides", i, "image")),
                    Level.WARNING,
                    f"image '{name}' is {w}×{h} pixels and is shown at {need_w}×{need_h} on a "
                    f"1920×1080 screen ({scale:.1f}× enlarged): it looks blurred on a "
                    f"projector — use a picture of at least {need_w}×{need_h} pixels",
                )
            )
    return out


def _pixels(folder: Path, name: str) -> tuple[int, int] | None:
    try:
        picture = read_picture(inside(folder, name, "image"), header_only=True)
    except (UnsafePath, PictureProblem):
        return None
    return None if picture.is_svg else (picture.width, picture.height)


# ----------------------------------------------------------------------------- shared


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def preflight(
    data: dict[str, Any], places: Places, folder: Path, theme_file: Path
) -> list[Diagnostic]:
    """Every pre-flight warning the deck's plain data and its theme give, without Qt."""
    theme, _ = read_theme_file(theme_file)
    if theme is None:
        return []  # the loader reports a broken theme file
    theme_places = Places(theme_file)
    theme_places.update(read_yaml(theme_file, "theme file").places)
    return [
        *check_theme_contrast(theme, theme_places),
        *check_series_contrast(data, theme, places),
        *check_figures(data, places),
        *check_pictures(data, folder, places, theme.margin),
    ]
