"""The app's own words: one rule picks the language for every table."""

from __future__ import annotations

from nanyi_desk.ui.words import ui_language, ui_word

NEXT = {"zh": "下一页", "en": "Next"}


def test_a_word_is_in_the_language_else_its_base_else_english() -> None:
    assert ui_word(NEXT, "zh") == "下一页"
    assert ui_word(NEXT, "zh-HK") == "下一页"
    assert ui_word(NEXT, "en-GB") == "Next"
    assert ui_word(NEXT, "ja") == "Next"
    assert ui_language("zh-Hant", {"zh": {}, "en": {}}) == "zh"


def test_values_are_filled_in_where_given() -> None:
    assert ui_word({"zh": "另有 {n} 条", "en": "{n} more"}, "en", n=3) == "3 more"
    assert ui_word({"en": "{n} more"}, "fr") == "{n} more"
