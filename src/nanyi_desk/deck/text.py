"""Text that may come in several languages: a plain string or {language: string}.

Plain Python, not even pydantic: the chart helper reads texts with these. How YAML's values
become a Text field, and its JSON Schema, are the model's (`text_field`).
"""

from __future__ import annotations

from collections.abc import Mapping

Translations = Mapping[str, str]
"""A map from language code to text."""


def pick(text: str | Mapping[str, str] | None, lang: str, fallbacks: tuple[str, ...] = ()) -> str:
    """The text in `lang`, else in the first fallback that has it, else any; '' for None."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    for code in (lang, *fallbacks):
        if code in text:
            return text[code]
    return next(iter(text.values()), "")


def languages_of(text: str | Mapping[str, str] | None) -> frozenset[str] | None:
    """The languages a map gives, or None for a plain string (good for every language)."""
    if text is None or isinstance(text, str):
        return None
    return frozenset(text)
