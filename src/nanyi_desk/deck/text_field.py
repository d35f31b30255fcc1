"""Text as a field of the deck's model: what YAML values it takes, and its JSON Schema.

A plain string for every language, or {language: string}; reading one is `text.pick`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Annotated, Any, Union

from pydantic import PlainValidator, WithJsonSchema


def _coerce_text(value: Any) -> str | dict[str, str]:
    # Numbers and dates written bare in YAML (title: 2311, date: 2026-06-13) are text
    # to the author; say so instead of calling them a type error.
    if isinstance(value, bool) or value is None:
        raise ValueError("expected text, got " + ("nothing" if value is None else "yes/no"))
    if isinstance(value, (str, int, float)):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Mapping):
        out: dict[str, str] = {}
        for lang, text in value.items():
            if text is None:
                raise ValueError(
                    f"'{lang}' has no text after it — a comma inside {{…}} splits the text "
                    "in two: put the text in quotes"
                )
            if not isinstance(text, (str, int, float)) or isinstance(text, bool):
                raise ValueError(f"the '{lang}' text should be a string, got {type(text).__name__}")
            out[str(lang)] = str(text)
        if not out:
            raise ValueError("empty translations map: give at least one language")
        return out
    raise ValueError(f"expected text or {{language: text}}, got a {_kind(value)}")


def _kind(value: Any) -> str:
    return "list" if isinstance(value, list) else type(value).__name__


_TEXT_SCHEMA = {
    "anyOf": [
        {"type": "string"},
        {
            "type": "object",
            "additionalProperties": {"type": "string"},
            "description": "The text per language code, e.g. {zh: 总面积, en: Total area}.",
        },
    ]
}

Text = Annotated[
    Union[str, dict[str, str]],  # noqa: UP007 - pydantic needs the runtime Union here
    PlainValidator(_coerce_text),
    WithJsonSchema(_TEXT_SCHEMA),
]
"""A string for every language, or a map from language code to string."""
