"""A figure as each language reads it: deck.figures, plain Python, no Qt.

Each rule is shown with its Chinese and English renderings side by side: the deck writes a
figure once, as the article states it, and Chinese keeps it while English converts 万 and 亿.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nanyi_desk.deck.figures import (
    agree,
    counted,
    english_number,
    figure_text,
    figure_words,
    row_words,
    split_shown,
    value_scale,
)
from nanyi_desk.deck.loader import load_deck

RMB = {"zh": "亿元", "en": "RMB"}
UNITS = Path(__file__).parent / "data" / "units"


@pytest.mark.parametrize(
    ("value", "unit", "prefix", "zh", "en"),
    [
        (185.28, RMB, None, "185.28亿元", "RMB 18.53 billion"),
        (263.53, RMB, None, "263.53亿元", "RMB 26.35 billion"),
        (3.4, RMB, None, "3.4亿元", "RMB 340 million"),
        (120, RMB, {"zh": "超", "en": "over"}, "超120亿元", "over RMB 12 billion"),
        (79.6, {"zh": "万人", "en": "people"}, None, "79.6万人", "796,000 people"),
        (4950, {"zh": "万吨", "en": "tonnes"}, {"zh": "超", "en": "over"}, "超4950万吨",
         "over 49.5 million tonnes"),
        (11, {"zh": "万平方米", "en": "m²"}, {"zh": "约", "en": "about"}, "约11万平方米",
         "about 110,000 m²"),
        (3100, {"zh": "万元", "en": "RMB"}, {"zh": "近", "en": "nearly"}, "近3100万元",
         "nearly RMB 31 million"),
        (1478, {"zh": "家", "en": "firms"}, None, "1478家", "1,478 firms"),
        (351.6, {"zh": "平方公里", "en": "km²"}, None, "351.6平方公里", "351.6 km²"),
        (167.91, {"zh": "亩", "en": "mu"}, None, "167.91亩", "167.91 mu"),
        (40, "%", {"zh": "超", "en": "over"}, "超40%", "over 40%"),
    ],
)  # fmt: skip
def test_chinese_as_written_english_converted(
    value: float, unit: object, prefix: object, zh: str, en: str
) -> None:
    assert figure_words(value, unit, "zh", prefix=prefix).text == zh  # type: ignore[arg-type]
    assert figure_words(value, unit, "en", prefix=prefix).text == en  # type: ignore[arg-type]


def test_the_parts_a_key_figure_is_drawn_in() -> None:
    words = figure_words(185.28, RMB, "en")
    assert (words.prefix, words.number, words.unit) == ("RMB", "18.53", "billion")
    words = figure_words(185.28, RMB, "zh")
    assert (words.prefix, words.number, words.unit) == ("", "185.28", "亿元")


def test_an_old_english_unit_that_repeats_the_magnitude_still_reads_naturally() -> None:
    old = {"zh": "亿元", "en": "RMB 100 million"}
    assert figure_words(185.28, old, "en").text == "RMB 18.53 billion"
    assert figure_words(79.6, {"zh": "万人", "en": "10,000 people"}, "en").text == "796,000 people"
    assert figure_words(15, {"zh": "亿元", "en": "RMB 100 m"}, "en").text == "RMB 1.5 billion"


def test_the_decks_explicit_english_form_wins() -> None:
    shown = {"en": "about RMB 18.5 billion"}
    assert figure_words(185.28, RMB, "en", shown=shown).text == "about RMB 18.5 billion"
    assert figure_words(185.28, RMB, "zh", shown=shown).text == "185.28亿元"
    assert split_shown("about RMB 18.5 billion") == split_shown("about RMB 18.5 billion")
    words = split_shown("about RMB 18.5 billion")
    assert (words.prefix, words.number, words.unit) == ("about RMB", "18.5", "billion")


def test_decimals_asked_for_are_kept() -> None:
    assert figure_words(12, None, "en", decimals=1).text == "12.0"
    assert english_number(1500, 4, decimals=0) == ("15", "million")


def test_figure_text_is_unchanged_for_its_callers() -> None:
    assert figure_text(1478) == "1478"
    assert figure_text(185.28) == "185.28"
    assert figure_text(12, 1) == "12.0"


def test_counting_up_keeps_the_grouping() -> None:
    assert counted("796,000", 0.5) == "398,000"
    assert counted("1,478", 1.0) == "1,478"
    assert counted("18.53", 0.0) == "0.00"


def test_a_charts_axis_takes_one_scale() -> None:
    values = [46.5, 15, 11, 3.4]
    en = value_scale(values, RMB, "en")
    assert en.unit == "RMB billion"
    assert [en.text(en.value(v)) for v in values] == ["4.65", "1.5", "1.1", "0.34"]
    zh = value_scale(values, RMB, "zh")
    assert zh.unit == "亿元"
    assert [zh.text(zh.value(v)) for v in values] == ["46.5", "15", "11", "3.4"]
    land = value_scale([1380, 400], {"zh": "亩", "en": "mu"}, "en")
    assert (land.unit, land.text(land.value(1380))) == ("mu", "1,380")
    assert value_scale([1380], {"zh": "亩", "en": "mu"}, "zh").text(1380) == "1380"


def test_validate_warns_at_the_english_unit() -> None:
    loaded = load_deck(UNITS)
    said = {
        (d.mark.file.name, d.mark.line, d.mark.column): d.message
        for d in loaded.diagnostics
        if "English unit" in d.message
    }
    # Line and column of the English text itself, where the author has to change it.
    repeated = said[("deck.yaml", 9, 30)]
    assert "'RMB 100 million' repeats '亿元'" in repeated
    assert "write 'RMB'" in repeated
    assert "English unit is empty where Chinese says '万吨'" in said[("deck.yaml", 12, 30)]
    assert len(said) == 2, said
    chinese_only = [d for d in loaded.diagnostics if "Chinese in every language" in d.message]
    assert [(d.mark.line, d.mark.column) for d in chinese_only] == [(18, 15)]


def test_a_table_row_converts_a_number_with_its_unit_cell() -> None:
    row = [
        {"zh": "总投资", "en": "Investment"},
        345.27,
        RMB,
        {"zh": "正在策划", "en": "In planning"},
    ]
    assert row_words(row, "zh") == [
        (False, "总投资"), (True, "345.27"), (False, "亿元"), (False, "正在策划"),
    ]  # fmt: skip
    assert row_words(row, "en") == [
        (False, "Investment"), (True, "34.53"), (False, "RMB billion"), (False, "In planning"),
    ]  # fmt: skip
    # A unit with no magnitude stays as written; the number is only grouped.
    flats = [1900, {"zh": "套", "en": "flats"}]
    assert row_words(flats, "en") == [(True, "1,900"), (False, "flats")]
    assert row_words(flats, "zh") == [(True, "1900"), (False, "套")]


def test_one_of_a_thing_is_singular_in_english() -> None:
    assert agree("1", "industries") == "industry"
    assert agree("2", "industries") == "industries"
    assert agree("1", "tonnes") == "tonne"
    assert agree("1", "people") == "people"
    assert agree("1", "km²") == "km²"
    assert agree("1", "million tonnes") == "million tonnes"
    assert figure_words(1, {"zh": "支", "en": "funds"}, "en").text == "1 fund"
    assert figure_words(1, {"zh": "亿元", "en": "RMB"}, "en").text == "RMB 100 million"


def test_other_languages_show_the_figure_as_written_with_spaces() -> None:
    unit = {"zh": "亿元", "fr": "centaines de millions de RMB"}
    assert figure_words(185.28, unit, "fr").text == "185.28 centaines de millions de RMB"
    assert figure_words(185.28, unit, "zh-Hant").text == "185.28亿元"
