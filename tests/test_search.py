"""Figures at hand: the deck search the presenter console runs as the presenter types. No Qt."""

from __future__ import annotations

import pytest

from nanyi_desk.deck import load_deck
from nanyi_desk.deck.drills import panel_path
from nanyi_desk.deck.figures import figure_words
from nanyi_desk.deck.model import Deck
from nanyi_desk.deck.search import FigureIndex, panel_paths
from nanyi_desk.deck.text import pick
from nanyi_desk.resources import default_deck


@pytest.fixture(scope="module")
def deck() -> Deck:
    loaded = load_deck(default_deck())
    assert loaded.deck is not None
    return loaded.deck


@pytest.fixture(scope="module")
def index(deck: Deck) -> FigureIndex:
    return FigureIndex.build(deck)


def slide_of(deck: Deck, slide_id: str) -> int:
    return next(i for i, s in enumerate(deck.slides) if s.id == slide_id)


def nested_deck() -> Deck:
    """One slide → panel outer → panel inner, which holds the only 4242 of the deck."""
    return Deck.model_validate(
        {
            "format": 1,
            "title": "t",
            "languages": ["zh", "en"],
            "slides": [
                {"layout": "section", "title": {"zh": "封面", "en": "Cover"}},
                {
                    "layout": "kpis",
                    "title": {"zh": "港口", "en": "Port"},
                    "items": [
                        {"value": 7, "unit": "个", "label": {"zh": "泊位", "en": "Berths"}},
                        {
                            "value": 2185,
                            "label": {"zh": "吞吐", "en": "Throughput"},
                            "drill": "outer",
                        },
                    ],
                },
                {
                    "layout": "chart",
                    "title": "Chart",
                    "chart": {
                        "type": "bar",
                        "categories": ["a", "b"],
                        "series": [{"name": "s", "values": [31, 32]}],
                        "quote": ["甲为31。", "乙为32。"],
                    },
                },
                {
                    "layout": "table",
                    "title": "Table",
                    "columns": ["项目", "规模", "单位", "进展"],
                    "rows": [
                        ["港区", 12.5, {"zh": "亿元", "en": "RMB"}, "在建"],
                        ["泊位", 9, {"zh": "个", "en": "berths"}, "已建成"],
                    ],
                },
            ],
            "panels": {
                "outer": {
                    "title": {"zh": "外层", "en": "Outer"},
                    "items": [{"value": 1, "label": "x", "drill": "inner"}],
                },
                "inner": {
                    "title": {"zh": "内层", "en": "Inner"},
                    "items": [
                        {
                            "value": 4242,
                            "unit": {"zh": "吨", "en": "tonnes"},
                            "label": {"zh": "深层数字", "en": "Deep figure"},
                            "quote": "深层数字4242吨。",
                            "source": "doc",
                        }
                    ],
                },
                "nowhere": {"title": {"zh": "孤岛", "en": "Island"}, "body": "4242 again"},
            },
        }
    )


# -- the three queries of the brief ------------------------------------------------------


def test_185_finds_the_signed_investment_bar_first(deck: Deck, index: FigureIndex) -> None:
    new = slide_of(deck, "new-projects")
    first = index.search("185")[0]
    assert (first.kind, first.slide, first.panels, first.entry.value) == (
        "figure",
        new,
        (),
        185.28,
    )
    chart = deck.slides[new].chart
    assert first.text("label", "zh") == (
        f"{pick(chart.categories[0], 'zh')} · {pick(chart.series[0].name, 'zh')}"
    )
    assert "总投资185.28亿元" in first.text("quote", "zh")
    assert first.entry.source == "article"


def test_chinese_character_finds_the_signed_projects_panel(deck: Deck, index: FigureIndex) -> None:
    new = slide_of(deck, "new-projects")
    inside = [h for h in index.search("钠") if h.panels == ("panel-signed",)]
    assert inside, "钠 should find the Yingong figure inside the signed-projects panel"
    assert all(h.slide == new for h in inside)
    assert "钠" in inside[0].text("label", "zh") + inside[0].text("quote", "zh")


def test_english_word_finds_the_signed_projects_panel(deck: Deck, index: FigureIndex) -> None:
    new = slide_of(deck, "new-projects")
    panel = [h for h in index.search("sodium") if h.kind == "panel" and h.slide == new]
    assert [h.panels for h in panel] == [("panel-signed",)]
    title = deck.panels["panel-signed"].title
    assert panel[0].text("label", "en") == pick(title, "en")
    assert panel[0].text("label", "zh") == pick(title, "zh")


def test_a_panel_figure_carries_its_panel_path(deck: Deck, index: FigureIndex) -> None:
    new = slide_of(deck, "new-projects")
    in_panel = [h for h in index.search("185.28") if h.panels and h.entry.value == 185.28]
    assert [(h.slide, h.panels) for h in in_panel] == [(new, ("panel-signed",))]
    hit = in_panel[0]
    assert hit.tier == 0
    slide_title, panel_title = deck.slides[new].title, deck.panels["panel-signed"].title
    for lang in ("zh", "en"):
        assert hit.text("place", lang) == (
            f"{new + 1} · {pick(slide_title, lang)} › {pick(panel_title, lang)}"
        )


def test_english_and_chinese_queries_find_the_same_figure(deck: Deck, index: FigureIndex) -> None:
    item = next(k for k in deck.panels["panel-signed"].items if k.value == 185.28)
    zh = index.search(f"{pick(item.label, 'zh')} 185")
    en = index.search(f"{pick(item.label, 'en')} 185")
    found = [h for h in zh if h.panels == ("panel-signed",) and h.entry.value == 185.28]
    assert len(found) == 1
    assert found[0] in en, "the same figure, and as exact: its label in either language"
    assert found[0].text("label", "en") == pick(item.label, "en")


def test_figure_reads_in_each_language_through_the_one_formatter(
    deck: Deck, index: FigureIndex
) -> None:
    chart = deck.slides[slide_of(deck, "new-projects")].chart
    hit = index.search("185.28")[0]
    assert hit.figure("zh") == "185.28亿元"
    assert hit.figure("en") == figure_words(185.28, chart.unit, "en", fallbacks=("zh",)).text
    # The deck's own figure is findable whatever English makes of it.
    assert hit in index.search(hit.text("value", "en"))


# -- matching ---------------------------------------------------------------------------


def test_every_term_must_match(index: FigureIndex) -> None:
    both = index.search("sodium 400", limit=500)
    sodium = {h.entry for h in index.search("sodium", limit=500)}
    four_hundred = {h.entry for h in index.search("400", limit=500)}
    assert both
    assert {h.entry for h in both} == sodium & four_hundred
    assert index.search("sodium xyzzy") == []


def test_full_width_digits_and_case_do_not_matter(index: FigureIndex) -> None:
    assert index.search("１８５") == index.search("185")
    assert index.search("SODIUM") == index.search("sodium")
    assert index.search("Total Investment") == index.search("total investment")


def test_a_number_matches_at_its_start_not_inside_another() -> None:
    index = FigureIndex.build(nested_deck())
    assert [h.entry.value for h in index.search("218")] == [2185]
    assert index.search("185") == []
    assert [h.entry.value for h in index.search("7")] == [7]


def test_thousands_commas_are_ignored(index: FigureIndex) -> None:
    assert index.search("8,300")[0].entry.value == 8300
    assert index.search("8,300") == index.search("8300")


def test_an_empty_query_finds_nothing(index: FigureIndex) -> None:
    assert index.search("") == []
    assert index.search("   \t ") == []


def test_limit(index: FigureIndex) -> None:
    assert len(index.search("总投资", limit=3)) == 3
    assert len(index.search("总投资")) == 50


# -- places -----------------------------------------------------------------------------


def test_a_hit_inside_a_nested_panel() -> None:
    deck = nested_deck()
    hits = FigureIndex.build(deck).search("4242")
    figure = hits[0]
    assert (figure.kind, figure.slide, figure.panels, figure.entry.value) == (
        "figure",
        1,
        ("outer", "inner"),
        4242,
    )
    assert (figure.slide, figure.panels) == panel_path(deck, "inner")
    assert figure.text("place", "zh") == "2 · 港口 › 外层 › 内层"
    assert figure.text("place", "en") == "2 · Port › Outer › Inner"
    assert figure.text("quote", "zh") == "深层数字4242吨。"
    # The panel no slide leads to is found too, with no slide to show it on.
    island = [h for h in hits if h.kind == "panel"]
    assert [(h.slide, h.panels) for h in island] == [(None, ("nowhere",))]


def test_the_sentence_that_states_a_figure_leads_its_quote() -> None:
    index = FigureIndex.build(nested_deck())
    assert index.search("31")[0].text("quote", "zh") == "甲为31。\n乙为32。"
    assert index.search("32")[0].text("quote", "zh") == "乙为32。\n甲为31。"


def test_a_table_row_is_a_figure_with_its_magnitude_unit() -> None:
    index = FigureIndex.build(nested_deck())
    money = index.search("12.5")[0]
    assert (money.kind, money.entry.value) == ("figure", 12.5)
    assert money.figure("zh") == "12.5亿元"
    money_unit = {"zh": "亿元", "en": "RMB"}
    assert money.figure("en") == figure_words(12.5, money_unit, "en", fallbacks=("zh",)).text
    assert money.text("label", "zh") == "港区 · 在建"
    # A unit with no magnitude stays a cell of the row: only a magnitude makes it the unit.
    berths = index.search("9")[0]
    assert (berths.figure("zh"), berths.text("label", "zh")) == ("9", "泊位 · 个 · 已建成")


def test_panel_paths_agree_with_drills_panel_path(deck: Deck) -> None:
    for each in (deck, nested_deck()):
        paths = panel_paths(each)
        assert set(paths) == set(each.panels)
        for panel_id in each.panels:
            assert paths[panel_id] == panel_path(each, panel_id)


def test_slide_titles_notes_and_panels_are_found(deck: Deck, index: FigureIndex) -> None:
    new = slide_of(deck, "new-projects")
    title = deck.slides[new].title
    for lang in ("zh", "en"):
        kinds = {(h.kind, h.slide) for h in index.search(pick(title, lang))}
        assert ("slide", new) in kinds
    cover = slide_of(deck, "cover")
    said = pick(deck.slides[cover].notes, "zh")
    notes = [h for h in index.search(said[:6]) if h.kind == "note"]
    assert cover in [h.slide for h in notes]
    assert notes[0].text("label", "zh") == said


# -- ranking ----------------------------------------------------------------------------


def test_figures_come_before_text(index: FigureIndex) -> None:
    kinds = [h.kind == "figure" for h in index.search("钠", limit=500)]
    assert kinds == sorted(kinds, reverse=True)
    assert True in kinds
    assert False in kinds


def test_an_exact_figure_ranks_above_a_figure_that_only_mentions_it(index: FigureIndex) -> None:
    hits = index.search("39")
    assert [h.entry.value for h in hits[:2]] == [39, 39]
    assert all(h.tier == 0 for h in hits[:2])
    assert all(h.entry.value != 39 for h in hits[2:])


def test_ties_keep_deck_order(index: FigureIndex) -> None:
    hits = index.search("总投资", limit=500)
    for a, b in zip(hits, hits[1:], strict=False):
        key_a = (a.entry.value is None, a.tier)
        key_b = (b.entry.value is None, b.tier)
        assert key_a < key_b or (key_a == key_b and a.entry.order < b.entry.order)
