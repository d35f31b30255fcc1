"""The app's own words (not the deck's) in the language on screen: one rule for every table.

A table entry maps language codes to text, `{"zh": "下一页", "en": "Next"}`. The word shown is
the one in the language asked for, else in its base language (`zh-HK` reads `zh`), else in
English, which every entry has.
"""

from __future__ import annotations

from collections.abc import Container, Mapping


def ui_language(lang: str, have: Container[str]) -> str:
    """The language of `have` to show for `lang`: itself, its base, else English."""
    for code in (lang, lang.split("-")[0]):
        if code in have:
            return code
    return "en"


def ui_word(entry: Mapping[str, str], lang: str, **values: object) -> str:
    """`entry`'s word for `lang` (see `ui_language`), with `values` filled in where given."""
    text = entry[ui_language(lang, entry)]
    return text.format(**values) if values else text
