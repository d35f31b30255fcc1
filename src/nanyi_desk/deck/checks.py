"""Checks that span the deck: references, files, chart shapes, translations, provenance.

They read the deck's plain data (not only the model), so that a deck with a type error in
one slide still has every other problem reported in the same run. Plain Python.
"""

from __future__ import annotations

import heapq
import re
from pathlib import Path
from typing import Any

from .budgets import (
    MAX_CATEGORIES,
    MAX_ITEMS,
    MAX_POINTS,
    MAX_SERIES,
    MAX_SLICES,
    MAX_SLIDE_CHARS,
    MAX_TABLE_COLUMNS,
    MAX_TABLE_ROWS,
)
from .diagnostics import Diagnostic, Level
from .figures import chinese_magnitude, is_chinese, is_english, repeated_magnitude
from .model import Deck
from .pictures import PictureProblem, read_picture
from .places import Places, UnsafePath, inside
from .suggest import did_you_mean
from .yaml_source import Path_, walk

_CJK = re.compile(r"[\u3400-\u9fff]")
_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]+)?$")


def check_deck(
    data: dict[str, Any], deck: Deck | None, places: Places, folder: Path
) -> list[Diagnostic]:
    """Every cross-cutting problem of the deck `data` (whose model is `deck`, if valid)."""
    out: list[Diagnostic] = []
    panels = found if isinstance(found := data.get("panels"), dict) else {}
    sources = found if isinstance(found := data.get("sources"), dict) else {}
    languages = data.get("languages")
    if not (isinstance(languages, list) and all(isinstance(x, str) for x in languages)):
        languages = ["zh"]
    opened: set[str] = set()
    near = _Near()

    def err(path: Path_, message: str, level: Level = Level.ERROR, key: bool = False) -> None:
        mark = places.key(path) if key else places.value(path)
        out.append(Diagnostic(mark, level, message))

    pictures: dict[str, str | None] = {}
    for path, node in walk(data, ()):
        if not isinstance(node, dict):
            continue
        _check_refs(path, node, panels, sources, opened, err, near)
        if isinstance(node.get("image"), str) and path[:1] != ("sources",):
            _check_image(folder, node["image"], (*path, "image"), err, pictures)
        if isinstance(node.get("chart"), dict):
            _check_chart(node["chart"], (*path, "chart"), err)
        if not _within_text_budget(node, path, err):
            continue
        if node.get("layout") == "table":
            _check_table(node, path, err)
        if _is_text_map(node, languages):
            _check_translation(node, path, languages, err)
        for key in ("unit", "unit2"):
            if isinstance(node.get(key), dict):
                _check_english_unit(node[key], (*path, key), err)
            elif isinstance(unit := node.get(key), str) and _CJK.search(unit):
                english = [str(x) for x in languages if is_english(str(x))]
                if english:
                    err(
                        (*path, key),
                        f"the unit '{unit}' is Chinese in every language — write "
                        f"{{zh: {unit}, {english[0]}: …}} with the English word",
                        Level.WARNING,
                    )

    _check_slide_ids(data, places, err)
    _check_text_per_slide(data, err)
    _check_unsourced(data, err)
    for ident in panels:
        if ident not in opened:
            err(
                ("panels", ident),
                f"panel '{ident}' is never opened — add drill: {ident} to a figure, card or "
                "bar, or remove the panel",
                Level.WARNING,
                key=True,
            )
    return out


def _check_refs(
    path: Path_,
    node: dict[str, Any],
    panels: dict[str, Any],
    sources: dict[str, Any],
    opened: set[str],
    err: Any,
    near: _Near,
) -> None:
    drill = node.get("drill")
    refs: list[tuple[Path_, Any]] = []
    if isinstance(drill, str):
        refs.append(((*path, "drill"), drill))
    elif isinstance(drill, list):
        refs += [((*path, "drill", i), d) for i, d in enumerate(drill) if isinstance(d, str)]
    for where, ident in refs:
        opened.add(ident)
        if ident not in panels:
            err(where, f"drill: '{ident}' names no panel{near(ident, panels, 'panels')}")
    source = node.get("source")
    if isinstance(source, str) and source not in sources:
        err(
            (*path, "source"),
            f"source: '{source}' names no entry of sources:{near(source, sources, 'sources')}",
        )


class _Near:
    """Suggestions for unknown names, at most `_SUGGESTIONS` of them per deck.

    Each costs time linear in the names known; a deck of a thousand wrong names among a
    thousand panels would otherwise cost a million comparisons.
    """

    def __init__(self) -> None:
        self.left = _SUGGESTIONS

    def __call__(self, word: str, known: dict[str, Any], what: str) -> str:
        if self.left <= 0:
            return ""
        self.left -= 1
        return _near(word, known, what)


_SUGGESTIONS = 20


def _near(word: str, known: dict[str, Any], what: str) -> str:
    hint = did_you_mean(word, known)
    if hint:
        return hint
    if not known:
        return f" — add it under {what}:"
    return f" — add it under {what}: (known: {', '.join(heapq.nsmallest(8, known))})"


def _check_image(
    folder: Path, name: str, path: Path_, err: Any, seen: dict[str, str | None]
) -> None:
    # Judged once per name: one 2 MB SVG shown on 500 slides is parsed once, not 500 times.
    if name not in seen:
        seen[name] = _picture_problem(folder, name)
    if seen[name] is not None:
        err(path, seen[name])


def _picture_problem(folder: Path, name: str) -> str | None:
    try:
        read_picture(inside(folder, name, "image"), header_only=True)
    except UnsafePath as exc:
        return str(exc)
    except PictureProblem as exc:
        # The deck's line is where the author acts; the picture's own line says what to fix.
        where = f" (line {exc.line}, column {exc.column})" if exc.line > 1 or exc.column > 1 else ""
        return f"image '{name}'{where}: {exc}"
    return None


def _check_chart(chart: dict[str, Any], path: Path_, err: Any) -> None:
    categories = chart.get("categories")
    series = chart.get("series")
    if "data" not in chart and (categories is None or series is None):
        missing = "categories" if categories is None else "series"
        err(path, f"the chart has no {missing}: — give categories: and series:, or data: FILE.csv")
        return
    if not isinstance(categories, list) or not isinstance(series, list):
        return
    if not _within_budget(chart, categories, series, path, err):
        return
    count = len(categories)
    for s, entry in enumerate(series):
        if not isinstance(entry, dict):
            continue
        values = entry.get("values")
        if isinstance(values, list) and len(values) != count:
            err(
                (*path, "series", s, "values"),
                f"this series has {len(values)} values for {count} categories — give one "
                "per category (null where there is none)",
            )
        drill = entry.get("drill")
        if isinstance(drill, list) and len(drill) != count:
            err(
                (*path, "series", s, "drill"),
                f"drill: has {len(drill)} entries for {count} categories — give one per "
                "category, null where a category opens no panel",
            )
    kind = chart.get("type")
    if kind in ("pie", "donut") and len(series) != 1:
        err(
            (*path, "series"),
            f"a {kind} chart shows one series; this one has {len(series)} — keep one",
        )
    if kind in ("pie", "donut"):
        for s, entry in enumerate(series):
            values = entry.get("values") if isinstance(entry, dict) else None
            if isinstance(values, list) and any(
                isinstance(v, (int, float)) and v < 0 for v in values
            ):
                err(
                    (*path, "series", s, "values"),
                    f"a {kind} chart cannot show negative values — use a bar chart",
                )


def _within_budget(
    chart: dict[str, Any], categories: list[Any], series: list[Any], path: Path_, err: Any
) -> bool:
    """False, with the error said, when the chart asks for more than any chart may."""
    kind = chart.get("type")
    most = MAX_SLICES if kind in ("pie", "donut") else MAX_CATEGORIES
    if len(categories) > most:
        what = f"a {kind} chart" if kind in ("pie", "donut") else "a chart"
        err(
            (*path, "categories"),
            f"{len(categories):,} categories; {what} shows at most {most} — group the small "
            "ones into one, or show the figures as a table",
        )
        return False
    if len(series) > MAX_SERIES:
        err((*path, "series"), f"{len(series)} series; a chart shows at most {MAX_SERIES}")
        return False
    points = sum(
        len(v) for s in series if isinstance(s, dict) and isinstance(v := s.get("values"), list)
    )
    if points > MAX_POINTS:
        err(
            (*path, "series"),
            f"{points:,} values; a chart shows at most {MAX_POINTS:,} — sum or sample them",
        )
        return False
    return True


def _within_text_budget(node: dict[str, Any], path: Path_, err: Any) -> bool:
    """False, with the error said, when a slide or panel holds more text than can be fitted."""
    for key, most, what in (
        ("items", MAX_ITEMS, "items"),
        ("rows", MAX_TABLE_ROWS, "rows"),
        ("columns", MAX_TABLE_COLUMNS, "columns"),
    ):
        found = node.get(key)
        if isinstance(found, list) and len(found) > most:
            err(
                (*path, key),
                f"{len(found):,} {what}; a slide or panel shows at most {most} — split them "
                "over several slides",
            )
            return False
    return True


def _check_table(node: dict[str, Any], path: Path_, err: Any) -> None:
    columns = node.get("columns")
    rows = node.get("rows")
    if not isinstance(columns, list) or not isinstance(rows, list):
        return
    for r, row in enumerate(rows):
        cells = row.get("cells") if isinstance(row, dict) else row
        where = (*path, "rows", r, "cells") if isinstance(row, dict) else (*path, "rows", r)
        if isinstance(cells, list) and len(cells) != len(columns):
            err(
                where,
                f"this row has {len(cells)} cells for {len(columns)} columns — make them match",
            )


def _is_text_map(node: dict[str, Any], languages: list[str]) -> bool:
    return (
        bool(node)
        and all(
            isinstance(k, str)
            and (k in languages or _LANG.match(k))
            and isinstance(v, (str, int, float))
            for k, v in node.items()
        )
        and not any(k in ("x", "y") for k in node)
    )


def _check_translation(node: dict[str, Any], path: Path_, languages: list[str], err: Any) -> None:
    missing = [lang for lang in languages if lang not in node]
    if missing:
        err(
            path,
            f"no {', '.join(missing)} text here — add {missing[0]}: with the translation",
            Level.WARNING,
        )
    for lang in node:
        if lang not in languages:
            err(
                (*path, lang),
                f"language '{lang}' is not in the deck's languages: {languages} — add it "
                "there or remove this text",
                Level.WARNING,
                key=True,
            )


def _check_english_unit(unit: dict[str, Any], path: Path_, err: Any) -> None:
    # The formatter converts the Chinese magnitude itself; an English unit that repeats it
    # ("RMB 100 million") or says nothing leaves the reader of the deck's source guessing.
    chinese = next((str(t) for lang, t in unit.items() if is_chinese(str(lang)) and t), "")
    for lang, text in unit.items():
        if not is_english(str(lang)) or not isinstance(text, str):
            continue
        if chinese and not text.strip():
            err(
                (*path, lang),
                f"the English unit is empty where Chinese says '{chinese}' — write the "
                "English word (e.g. projects, RMB, tonnes); a magnitude such as 万 or 亿 is "
                "converted for you",
                Level.WARNING,
            )
        elif (said := repeated_magnitude(text)) is not None:
            power = chinese_magnitude(chinese)[0]
            plain = text.replace(said, "").replace("  ", " ").strip() or "the unit alone"
            what = f"'{chinese}'" if power else "a Chinese magnitude"
            err(
                (*path, lang),
                f"the English unit '{text}' repeats {what} ('{said}') — write '{plain}': "
                "English converts 万 and 亿 to thousands, millions and billions itself",
                Level.WARNING,
            )


def _check_text_per_slide(data: dict[str, Any], err: Any) -> None:
    slides = found if isinstance(found := data.get("slides"), list) else []
    panels = given if isinstance(given := data.get("panels"), dict) else {}
    holders: list[tuple[Path_, str, Any]] = [
        (("slides", i), "slide", s) for i, s in enumerate(slides)
    ]
    holders += [(("panels", k), "panel", p) for k, p in panels.items()]
    for path, what, node in holders:
        if not isinstance(node, dict):
            continue
        chars = sum(_text_chars(v) for k, v in node.items() if k != "notes")
        if chars > MAX_SLIDE_CHARS:
            err(
                path,
                f"this {what} holds {chars:,} characters of text; one may hold at most "
                f"{MAX_SLIDE_CHARS:,} (notes not counted) — split it, or move words to notes:",
            )


def _check_slide_ids(data: dict[str, Any], places: Places, err: Any) -> None:
    slides = data.get("slides")
    if not isinstance(slides, list):
        return
    seen: dict[str, int] = {}
    for i, slide in enumerate(slides):
        ident = slide.get("id") if isinstance(slide, dict) else None
        if not isinstance(ident, str):
            continue
        if ident in seen:
            first = places.value(("slides", seen[ident], "id"))
            err(
                ("slides", i, "id"),
                f"duplicate slide id '{ident}' (first used at {first}) — ids must be unique",
            )
        else:
            seen[ident] = i


def _check_unsourced(data: dict[str, Any], err: Any) -> None:
    slides = found if isinstance(found := data.get("slides"), list) else []
    panels = given if isinstance(given := data.get("panels"), dict) else {}
    holders: list[tuple[Path_, Any, bool]] = [
        (("slides", i), s, False) for i, s in enumerate(slides)
    ]
    holders += [
        (("panels", k), p, isinstance(p, dict) and isinstance(p.get("source"), str))
        for k, p in panels.items()
    ]
    for path, node, inherited in holders:
        if not isinstance(node, dict):
            continue
        sourced = inherited or isinstance(node.get("source"), str)
        items = node.get("items")
        if isinstance(items, list):
            for i, item in enumerate(items):
                if (
                    isinstance(item, dict)
                    and _is_number(item.get("value"))
                    and not (sourced or isinstance(item.get("source"), str))
                ):
                    err(
                        (*path, "items", i, "value"),
                        f"figure {item['value']} has no source — add source: ID and quote: "
                        "with the sentence that states it",
                        Level.WARNING,
                    )
        chart = node.get("chart")
        if isinstance(chart, dict) and not (sourced or isinstance(chart.get("source"), str)):
            err(
                (*path, "chart"),
                "this chart's figures have no source — add source: ID and quote: to the chart",
                Level.WARNING,
            )
        if node.get("layout") == "table" and not sourced and _table_has_figures(node):
            err(
                path,
                "this table's figures have no source — add source: ID and quote: to the slide",
                Level.WARNING,
            )


def _table_has_figures(node: dict[str, Any]) -> bool:
    rows = found if isinstance(found := node.get("rows"), list) else []
    for row in rows:
        cells = row.get("cells") if isinstance(row, dict) else row
        if isinstance(cells, list) and any(_is_number(c) for c in cells):
            return True
    return False


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _text_chars(value: Any) -> int:
    """Characters of text in read data (values, not keys): no paths, so no tuples to build."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, dict):
        return sum(_text_chars(v) for v in value.values())
    if isinstance(value, list):
        return sum(_text_chars(v) for v in value)
    return 0
