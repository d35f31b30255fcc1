"""Turn pydantic's validation errors into messages a deck author can act on.

Each error is placed at the YAML position of the value (or key) it concerns, says what is
wrong in the deck's words, and says how to fix it. Plain Python + pydantic.
"""

from __future__ import annotations

import types
import typing
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from .diagnostics import Diagnostic, Level
from .places import Places
from .suggest import did_you_mean
from .yaml_source import Path_


def explain(
    errors: list[ErrorDetails], data: Any, places: Places, root: type[BaseModel]
) -> list[Diagnostic]:
    """One diagnostic per distinct problem in `errors` (raised validating `data` as `root`)."""
    by_path: dict[tuple[Path_, str], ErrorDetails] = {}
    for error in errors:
        path = data_path(error["loc"], data)
        group = "missing" if error["type"] == "missing" else "value"
        key = (path, group)
        # A union reports once per member; the most specific report wins.
        if key not in by_path or _rank(error) > _rank(by_path[key]):
            by_path[key] = error
    paths = {path for path, _ in by_path}
    out = []
    for (path, _), error in by_path.items():
        # "too short after validation" only repeats an error found inside the list.
        if error["type"] in ("too_short", "too_long") and any(
            other[: len(path)] == path and len(other) > len(path) for other in paths
        ):
            continue
        out.append(_diagnose(error, path, data, places, root))
    return out


def _rank(error: ErrorDetails) -> int:
    return {"figure_as_text": 3, "extra_forbidden": 2, "missing": 2}.get(error["type"], 1)


def data_path(loc: tuple[int | str, ...], data: Any) -> Path_:
    """The part of a pydantic location that names real keys and indices of `data`."""
    path: list[str | int] = []
    node = data
    for part in loc:
        in_map = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_map or in_list:
            path.append(part)
            node = node[part]
        # Anything else is a union member's tag, or a missing key: not a place in the data.
    return tuple(path)


def _field_name(path: Path_) -> str:
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return "value"


def _diagnose(
    error: ErrorDetails, path: Path_, data: Any, places: Places, root: type[BaseModel]
) -> Diagnostic:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    name = _field_name(path)
    if kind == "missing":
        missing = str(error["loc"][-1])
        return Diagnostic(
            places.value(path),
            Level.ERROR,
            f"missing '{missing}' — add {missing}: {_example(missing)}",
        )
    if kind == "extra_forbidden":
        key = str(error["loc"][-1])
        allowed = fields_at(path[:-1], data, root)
        return Diagnostic(
            places.key(path), Level.ERROR, f"unknown key '{key}'{_suggest(key, allowed)}"
        )
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        tags = [t.strip(" '") for t in str(ctx.get("expected_tags", "")).split(",")]
        field = str(ctx.get("discriminator", "layout")).strip("'")
        if kind == "union_tag_not_found":
            return Diagnostic(
                places.value(path),
                Level.ERROR,
                f"this slide has no '{field}:' — add {field}: with one of {', '.join(tags)}",
            )
        tag = str(ctx.get("tag"))
        return Diagnostic(
            places.value((*path, field)),
            Level.ERROR,
            f"unknown {field} '{tag}'{_suggest(tag, tags)}",
        )
    if kind == "literal_error":
        expected = [
            t.strip(" '") for t in str(ctx.get("expected", "")).replace(" or ", ",").split(",")
        ]
        expected = [e for e in expected if e]
        if name == "aspect" and isinstance(value, int):
            return Diagnostic(
                places.value(path),
                Level.ERROR,
                "aspect: YAML reads an unquoted 16:9 as the number "
                f'{value} — write it in quotes: aspect: "16:9" (or "9:16")',
            )
        if name == "format":
            return Diagnostic(
                places.value(path),
                Level.ERROR,
                f"format: {value!r} is not a format this nanyi-desk reads — write format: 1",
            )
        return Diagnostic(
            places.value(path),
            Level.ERROR,
            f"{name}: '{value}' is not allowed{_suggest(str(value), expected)}",
        )
    if kind == "figure_as_text":
        number, unit = ctx["number"], ctx["unit"]
        unit_hint = f"{unit}元" if unit in ("亿", "万", "千万", "百万") else unit
        if not unit:
            fix = f"write {number}, a plain number without separators or quotes"
        elif "values" in path:
            fix = f"write {number} here and put unit: {unit_hint} on the chart"
        else:
            fix = f"write value: {number} and unit: {unit_hint}"
        return Diagnostic(
            places.value(path), Level.ERROR, f"figure written as text: '{ctx['text']}' — {fix}"
        )
    if kind == "figure_form":
        return Diagnostic(
            places.value(path),
            Level.ERROR,
            f"'{ctx['text']}' is not a number as written — {ctx['fix']}",
        )
    if kind == "string_pattern_mismatch":
        return Diagnostic(
            places.value(path),
            Level.ERROR,
            f"{name}: '{value}' is not a valid id — use letters, digits, '_', '-' or '.', "
            "starting with a letter or digit",
        )
    if kind == "too_short":
        least = ctx.get("min_length", 1)
        return Diagnostic(
            places.value(path),
            Level.ERROR,
            f"{name}: needs at least {least} entr{'y' if least == 1 else 'ies'}",
        )
    if kind == "too_long":
        most = ctx.get("max_length")
        return Diagnostic(
            places.value(path),
            Level.ERROR,
            f"{name}: at most {most} entries fit here — split them over two slides",
        )
    message = _lower(error["msg"]).removeprefix("value error, ")
    got = _describe(value)
    return Diagnostic(
        places.value(path),
        Level.ERROR,
        f"{name}: {message}{got} — {_type_fix(kind, name)}",
    )


def _lower(msg: str) -> str:
    return msg[:1].lower() + msg[1:]


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return " (got a map)"
    if isinstance(value, list):
        return " (got a list)"
    if value is None:
        return " (got nothing)"
    shown = repr(value)
    if len(shown) > 40:
        shown = shown[:37] + "…"
    return f" (got {shown})"


def _type_fix(kind: str, name: str) -> str:
    if kind.startswith(("int", "float")) or kind in (
        "figure_type",
        "greater_than",
        "less_than_equal",
    ):
        return f"write {name} as a plain number"
    if kind.startswith(("dict", "model")):
        return f"write {name} as a map of 'key: value' lines"
    if kind.startswith(("list", "tuple")):
        return f"write {name} as a list of '- ' lines"
    if kind.startswith("date"):
        return f"write {name} as YYYY-MM-DD"
    if kind.startswith(("string", "str")) or kind == "value_error":
        return f"write {name} as text, or as {{zh: …, en: …}}"
    return "see docs/deck-format.md for this field"


_EXAMPLES = {
    "format": "1",
    "title": "…",
    "layout": "kpis",
    "value": "351.6",
    "label": "…",
    "text": "…",
    "date": "…",
    "type": "bar",
    "name": "…",
    "values": "[1, 2]",
    "items": "(a list of '- ' entries)",
    "chart": "(a map with type:, categories:, series:)",
    "slides": "(a list of slides)",
    "image": "pictures/photo.jpg",
    "columns": "[…]",
    "rows": "(a list of rows)",
    "cells": "[…]",
}


def _example(field: str) -> str:
    return _EXAMPLES.get(field, "…")


def _suggest(word: str, options: list[str] | None) -> str:
    if not options:
        return ""
    hint = did_you_mean(word, options, cutoff=0.5)
    if hint:
        return hint
    return " — use one of: " + ", ".join(sorted(options)[:_MAX_LISTED])


_MAX_LISTED = 24
"""Names listed when none is close: a message is one line, not a catalogue."""


def fields_at(path: Path_, data: Any, root: type[BaseModel]) -> list[str] | None:
    """The keys the model allows in the map at `path` of `data`, when that can be told."""
    node_type: Any = root
    node = data
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
        node_type = _child_type(node_type, part, node)
        if node_type is None:
            return None
    node_type = _narrow(node_type, node)
    if isinstance(node_type, type) and issubclass(node_type, BaseModel):
        return list(node_type.model_fields)
    return None


def _child_type(parent: Any, part: str | int, value: Any) -> Any:
    parent = _narrow(parent, None)
    if isinstance(parent, type) and issubclass(parent, BaseModel):
        field = parent.model_fields.get(str(part))
        return None if field is None else _narrow(field.annotation, value)
    origin = get_origin(parent)
    args = get_args(parent)
    if origin in (tuple, list) and args:
        return _narrow(args[0], value)
    if origin is dict and len(args) == 2:
        return _narrow(args[1], value)
    return None


def _strip(tp: Any) -> Any:
    while get_origin(tp) is typing.Annotated:
        tp = get_args(tp)[0]
    return tp


def _narrow(tp: Any, value: Any) -> Any:
    tp = _strip(tp)
    if get_origin(tp) not in (Union, types.UnionType):
        return tp
    members = [_strip(arg) for arg in get_args(tp) if arg is not type(None)]
    models = [m for m in members if isinstance(m, type) and issubclass(m, BaseModel)]
    if isinstance(value, dict):
        layout = value.get("layout")
        for model in models:
            field = model.model_fields.get("layout")
            if field is not None and layout in get_args(field.annotation):
                return model
        plain = [m for m in models if "layout" not in m.model_fields]
        for model in plain:
            required = [n for n, f in model.model_fields.items() if f.is_required()]
            if all(r in value for r in required):
                return model
        if plain:
            return plain[0]
    containers = [m for m in members if get_origin(m) in (tuple, list, dict)]
    if containers and value is not None:
        return containers[0]
    return models[0] if len(models) == 1 and value is None else tp
