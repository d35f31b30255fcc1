"""The bundled default deck (slides/): its shape, and that every figure is the article's.

The deck files are read with yaml.safe_load and the includes spliced here, so that these
checks do not depend on the loader; the loader gets its own test below. Only the rendering
tests at the end use Qt (offscreen, through pytest-qt's qtbot).
Every figure (KPI and card `value`, chart series values, numeric table cells) must carry
`source` and `quote`, its number must be one the quote states, and every quote must stand
word for word in the article the deck is made from. English text holds no Chinese and no
curly quotes, and no slide overflows at the floor text size in either aspect or language.
"""

from __future__ import annotations

import copy
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from nanyi_desk.deck.loader import load_deck

REPO = Path(__file__).resolve().parents[1]
DECK_DIR = REPO / "slides"
ARTICLE = Path(__file__).resolve().parents[2] / "shared/source/nanyi-jinjiang-article.txt"
LANGUAGES = {"zh", "en"}
NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _read(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def load_spliced(folder: Path = DECK_DIR) -> dict[str, Any]:
    """deck.yaml with every `{include: file}` replaced by that file's slides, panels merged."""
    deck = _read(folder / "deck.yaml")
    panels: dict[str, Any] = dict(deck.get("panels") or {})

    def splice(entries: list[Any], depth: int = 0) -> list[dict[str, Any]]:
        assert depth < 8, "includes nest too deep"
        out: list[dict[str, Any]] = []
        for entry in entries:
            if isinstance(entry, dict) and "include" in entry:
                part = _read(folder / entry["include"])
                for ident, panel in (part.get("panels") or {}).items():
                    assert ident not in panels, f"panel id {ident!r} defined twice"
                    panels[ident] = panel
                out += splice(part["slides"], depth + 1)
            else:
                out.append(entry)
        return out

    data = dict(deck)
    data["slides"] = splice(deck["slides"])
    data["panels"] = panels
    return data


@pytest.fixture(scope="module")
def deck() -> dict[str, Any]:
    return load_spliced()


@pytest.fixture(scope="module")
def article() -> str:
    """The article the deck is made from: beside the repository, in ../shared/source.

    A developer's clone may lack ../shared, and then the quote checks skip; under CI they
    run or fail, so a missing article can never pass for a checked one.
    """
    if not ARTICLE.is_file():
        where = f"source article not found at {ARTICLE} (../shared/source beside the repo)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{where}; CI must check every quote against it")
        pytest.skip(where)
    return ARTICLE.read_text(encoding="utf-8")


def _walk(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _walk(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, (*path, i))


def _quotes(holder: dict[str, Any]) -> list[str]:
    quote = holder.get("quote")
    if quote is None:
        return []
    return list(quote) if isinstance(quote, list) else [quote]


def figures(data: dict[str, Any]) -> list[tuple[tuple[Any, ...], float, dict[str, Any]]]:
    """Every figure in the deck: (where, number, the map that must source it)."""
    found: list[tuple[tuple[Any, ...], float, dict[str, Any]]] = []
    for path, node in _walk(data):
        if not isinstance(node, dict):
            continue
        if node.get("value") is not None:  # KPI items and cards
            found.append(((*path, "value"), node["value"], node))
        for s, series in enumerate(node.get("series") or []):  # a chart: its own quote
            for v, value in enumerate(series.get("values") or []):
                if value is not None:
                    found.append(((*path, "series", s, "values", v), value, node))
        if "rows" in node and "columns" in node:  # a table: the slide holds the quote
            for r, row in enumerate(node["rows"]):
                cells = row["cells"] if isinstance(row, dict) else row
                for c, cell in enumerate(cells):
                    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
                        found.append(((*path, "rows", r, c), cell, node))
    return found


def _where(path: tuple[Any, ...], data: dict[str, Any]) -> str:
    if path[:1] == ("slides",):
        ident = data["slides"][path[1]].get("id", path[1])
        return f"slide {ident}: " + ".".join(map(str, path[2:]))
    return ".".join(map(str, path))


# ----------------------------------------------------------------------------- shape


def test_slide_count(deck: dict[str, Any]) -> None:
    assert 24 <= len(deck["slides"]) <= 32


def test_slide_ids_unique_and_present(deck: dict[str, Any]) -> None:
    ids = [s.get("id") for s in deck["slides"]]
    assert None not in ids, "every slide has an id"
    assert len(ids) == len(set(ids)), f"duplicate slide ids: {ids}"


def test_enough_charts(deck: dict[str, Any]) -> None:
    slide_charts = [s for s in deck["slides"] if s["layout"] == "chart"]
    assert len(slide_charts) >= 8


def test_enough_panels(deck: dict[str, Any]) -> None:
    assert len(deck["panels"]) >= 20


def test_no_images(deck: dict[str, Any]) -> None:
    for path, node in _walk(deck):
        if isinstance(node, dict):
            assert "image" not in node, f"image at {_where(path, deck)}"
            assert node.get("layout") != "image", f"image layout at {_where(path, deck)}"


def test_every_slide_has_notes_in_both_languages(deck: dict[str, Any]) -> None:
    for slide in deck["slides"]:
        notes = slide.get("notes")
        assert isinstance(notes, dict), f"slide {slide['id']}: notes must be {{zh, en}}"
        assert set(notes) == LANGUAGES, f"slide {slide['id']}: notes {sorted(notes)}"
        assert all(isinstance(t, str) and t.strip() for t in notes.values()), slide["id"]


def test_text_maps_have_both_languages(deck: dict[str, Any]) -> None:
    for path, node in _walk(deck):
        if isinstance(node, dict) and set(node) & LANGUAGES and set(node) <= LANGUAGES:
            assert set(node) == LANGUAGES, f"{_where(path, deck)} lacks a language"


def test_drills_resolve_and_every_panel_is_reached(deck: dict[str, Any]) -> None:
    targets: set[str] = set()
    for path, node in _walk(deck):
        if isinstance(node, dict) and "drill" in node:
            drill = node["drill"]
            for ident in drill if isinstance(drill, list) else [drill]:
                if ident is not None:
                    assert ident in deck["panels"], f"{_where(path, deck)}: no panel {ident!r}"
                    targets.add(ident)
    unreached = set(deck["panels"]) - targets
    assert not unreached, f"panels no drill opens: {sorted(unreached)}"


# ----------------------------------------------------------------------------- figures


def test_there_are_figures(deck: dict[str, Any]) -> None:
    assert len(figures(deck)) >= 50


def figure_problems(data: dict[str, Any]) -> list[str]:
    """Figures without source or quote, or whose number their quote does not state."""
    problems = []
    for path, value, holder in figures(data):
        where, quotes = _where(path, data), _quotes(holder)
        if holder.get("source") not in (data.get("sources") or {}):
            problems.append(f"{where}: no source")
        if not quotes or not all(isinstance(q, str) for q in quotes):
            problems.append(f"{where}: no quote (plain text, or a list of it)")
            continue
        stated = {float(n) for q in quotes for n in NUMBER.findall(q)}
        if float(value) not in stated:
            problems.append(f"{where}: {value} is not stated by its quote {quotes}")
    return problems


def quote_problems(data: dict[str, Any], article: str) -> list[str]:
    """Quotes (of figures, events, panels) and quoted speech not verbatim in the article."""
    problems = []
    for path, node in _walk(data):
        if not isinstance(node, dict):
            continue
        for quote in _quotes(node):
            if not isinstance(quote, str) or quote not in article:
                problems.append(f"{_where(path, data)}: not in the article: {quote}")
        if path[:1] == ("slides",) and len(path) == 2 and node.get("layout") == "quote":
            for item in node["items"]:
                text = item["text"]["zh"] if isinstance(item["text"], dict) else item["text"]
                if text not in article:
                    problems.append(f"{_where(path, data)}: speech not in the article: {text}")
    return problems


def test_every_figure_has_source_and_quote_that_states_it(deck: dict[str, Any]) -> None:
    problems = figure_problems(deck)
    assert not problems, "\n".join(problems)


def test_every_quote_is_verbatim_in_the_article(deck: dict[str, Any], article: str) -> None:
    problems = quote_problems(deck, article)
    assert not problems, "\n".join(problems)


def test_the_checks_catch_a_changed_figure(deck: dict[str, Any]) -> None:
    """Guard the guard: each kind of figure, nudged off its quote, must be reported."""
    kinds = {
        "kpi": lambda d: d["slides"][_index(d, "glance")]["items"][0],
        "card": lambda d: d["slides"][_index(d, "quality-leaders")]["items"][1],
    }
    for name, pick in kinds.items():
        broken = copy.deepcopy(deck)
        pick(broken)["value"] = 185.29
        assert figure_problems(broken), name
        broken = copy.deepcopy(deck)
        del pick(broken)["quote"]
        assert figure_problems(broken), name
    broken = copy.deepcopy(deck)
    chart = broken["slides"][_index(broken, "new-projects")]["chart"]
    chart["series"][0]["values"][0] = 185.0
    assert figure_problems(broken), "chart"
    broken = copy.deepcopy(deck)
    table = broken["slides"][_index(broken, "high-infrastructure")]
    table["rows"][0]["cells"][1] = 220
    assert figure_problems(broken), "table"


def test_the_checks_catch_a_changed_quote(deck: dict[str, Any], article: str) -> None:
    broken = copy.deepcopy(deck)
    kpi = broken["slides"][_index(broken, "glance")]["items"][0]
    kpi["quote"] = kpi["quote"].replace(",", "，", 1)  # a full-width comma is not the article's
    assert quote_problems(broken, article)


def _index(data: dict[str, Any], ident: str) -> int:
    return next(i for i, s in enumerate(data["slides"]) if s.get("id") == ident)


# ----------------------------------------------------------------------------- loader


def test_the_loader_accepts_the_deck_strictly() -> None:
    loaded = load_deck(DECK_DIR)
    problems = [str(d) for d in loaded.diagnostics]
    assert not problems, "\n".join(problems)
    assert loaded.deck is not None
    assert len(loaded.deck.slides) == len(load_spliced()["slides"])


# ----------------------------------------------------------------------------- languages

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
CURLY = re.compile(r"[“”‘’]")


def language_problems(data: dict[str, Any]) -> list[str]:
    """English text with Chinese in it, or with curly quotes (the CJK font sets them wide)."""
    problems = []
    for path, node in _walk(data):
        if isinstance(node, dict) and set(node) == LANGUAGES:
            en = node["en"]
            if isinstance(en, str) and CJK.search(en):
                problems.append(f"{_where(path, data)}: Chinese in the English text: {en}")
            if isinstance(en, str) and CURLY.search(en):
                problems.append(f"{_where(path, data)}: curly quotes in English: {en}")
    return problems


def test_english_text_is_english(deck: dict[str, Any]) -> None:
    problems = language_problems(deck)
    assert not problems, "\n".join(problems)


def test_the_language_check_catches_chinese_in_english(deck: dict[str, Any]) -> None:
    broken = copy.deepcopy(deck)
    broken["slides"][_index(broken, "glance")]["items"][0]["label"]["en"] = "Total 面积"
    assert language_problems(broken)
    broken["slides"][_index(broken, "glance")]["items"][0]["label"]["en"] = "The “area”"
    assert language_problems(broken)


# ----------------------------------------------------------------------------- second edition
# The corrections of issue 15: each claim framed as the article frames it.


def _slide(data: dict[str, Any], ident: str) -> dict[str, Any]:
    return data["slides"][_index(data, ident)]


def _texts(data: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    """Every shown or spoken text (where, language, line), quotes left out.

    `where` ends with the English titles above the text (slide, card), so that a line on
    Ruisike's own card or slide is known to be about Ruisike.
    """
    for path, node in _walk(data):
        if "quote" in path:
            continue
        if isinstance(node, dict) and set(node) == LANGUAGES:
            titles, holder = [], data
            for step in path:
                holder = holder[step]
                if isinstance(holder, dict) and isinstance(holder.get("title"), dict):
                    titles.append(holder["title"].get("en", ""))
            where = f"{_where(path, data)} ({' / '.join(titles)})"
            for lang in sorted(LANGUAGES):
                if isinstance(node[lang], str):
                    for line in node[lang].splitlines():
                        yield where, lang, line


def test_new_projects_does_not_frame_the_38_as_won(deck: dict[str, Any]) -> None:
    slide = _slide(deck, "new-projects")
    assert "won" not in slide["title"]["en"].lower()
    assert "成果" not in slide["title"]["zh"]
    pipeline = slide["chart"]["categories"][1]
    assert "目前" in pipeline["zh"]
    assert "now" in pipeline["en"]
    # "Since 2026" belongs to the signed projects only; the 38 are "目前在谈".
    assert "2026" in slide["chart"]["title"]["en"]
    assert "now" in slide["chart"]["title"]["en"]
    assert "目前在谈" in slide["body"]["zh"]
    assert "now" in slide["body"]["en"]
    panel = deck["panels"]["panel-pipeline"]
    assert "接踵而至" not in panel["body"]["zh"]
    assert "目前在谈" in panel["subtitle"]["zh"]


CHAIN_LEADER = re.compile(r"链主企业|chain leaders?\b|chain-leader (?:company|companies)", re.I)


def test_only_ruisike_is_called_a_chain_leader(deck: dict[str, Any]) -> None:
    """The article names one chain-leader company, Ruisike; 链主项目 in general is its phrase."""
    wrong = [
        f"{where} [{lang}]: {line}"
        for where, lang, line in _texts(deck)
        if CHAIN_LEADER.search(line) and not re.search("睿斯科|Ruisike", line + where)
    ]
    assert not wrong, "\n".join(wrong)
    leaders = _slide(deck, "quality-leaders")
    assert "链主" not in leaders["title"]["zh"]
    assert "chain" not in leaders["title"]["en"].lower()
    port = deck["panels"]["panel-xinchuang-port"]
    assert "chain" not in port["subtitle"]["en"].lower()


def test_the_ruisike_area_is_floor_area_and_the_site_is_133_mu(deck: dict[str, Any]) -> None:
    card = _slide(deck, "quality-leaders")["items"][0]
    assert card["value"] == 11
    assert card["unit"] == {"zh": "万平方米", "en": "m²"}
    assert "总建筑面积约11万平方米" in card["quote"]
    assert "Floor area" in card["subtitle"]["en"]
    assert "133 mu" in card["body"]["en"]
    assert not [line for _, lang, line in _texts(deck) if "hectare" in line.lower()]


def test_the_61_projects_are_the_whole_areas_and_the_built_ones_the_core_areas(
    deck: dict[str, Any],
) -> None:
    slide = _slide(deck, "high-infrastructure")
    assert "核心启动区" not in slide["title"]["zh"]
    assert "core" not in slide["title"]["en"].lower()
    rows = [row["cells"][0] for row in slide["rows"]]
    assert all("核心启动区" in r["zh"] for r in rows[:3])
    assert "全区域" in rows[4]["zh"]
    assert "whole area" in rows[4]["en"]
    assert "Under way" in slide["rows"][3]["cells"][3]["en"]


def test_the_800_6_is_the_coordination_area_as_the_article_calls_it(
    deck: dict[str, Any],
) -> None:
    item = deck["panels"]["panel-coop-zone"]["items"][0]
    assert item["value"] == 800.6
    assert "协同区" in item["label"]["zh"]
    assert "coordination area" in item["label"]["en"].lower()
    space = _slide(deck, "new-space")["chart"]["categories"][2]
    assert "Coordination area" in space["en"]
    # Two names, kept apart in English: the cooperation zone is 泉州金门合作发展区.
    assert not [line for _, lang, line in _texts(deck) if "coordination zone" in line]


def test_smaller_framings_follow_the_article(deck: dict[str, Any]) -> None:
    coop = deck["panels"]["panel-campus-coop"]
    assert "every student" not in (coop["subtitle"]["en"] + coop["body"]["en"]).lower()
    yingong = deck["panels"]["panel-yingong"]["body"]["en"]
    assert "by the end of June" in yingong
    assert "planned for the fourth quarter" in yingong
    assert "服务核医疗" not in deck["panels"]["panel-fund-isotope"]["body"]["zh"]
    assert "nuclear" not in deck["panels"]["panel-fund-isotope"]["body"]["en"]
    assert "链主" not in _slide(deck, "high-funds")["notes"]["zh"]
    assert "founder" not in _slide(deck, "quality-voices")["title"]["en"].lower()
    assert _slide(deck, "quality-xinsheng")["items"][1]["drill"] != "panel-fund-newhope"
    core = deck["panels"]["panel-core-area"]
    assert all("drill" not in item for item in core["items"])
    assert "未列明" in core["body"]["zh"]
    assert "记者手记" in deck["panels"]["panel-expansion"]["body"]["zh"]
    cats = _slide(deck, "quality-investment")["chart"]["categories"]
    assert [c["en"].rsplit("(", 1)[1] for c in cats] == [
        "landed)", "signed)", "preliminary plan)", "land clearance begun)",
    ]  # fmt: skip
    assert "every" not in _slide(deck, "quality-investment")["body"]["en"].lower()
    tax = _slide(deck, "quality-yingong")["chart"]["categories"][2]["en"]
    assert tax == "Expected annual tax"
    talent = _slide(deck, "high-campus")["items"][3]["label"]["en"]
    assert talent == "Skilled technical talent a year"


def test_chinese_display_text_uses_full_width_punctuation(deck: dict[str, Any]) -> None:
    """, : ; ( ) are the article's half-width marks: shown Chinese uses ，：；（）; quotes stay."""
    half = re.compile(r"[,:;()]")
    wrong = []
    for path, node in _walk(deck):
        # A quote slide's words are the speaker's, verbatim.
        on_quote = (
            len(path) > 2 and path[0] == "slides" and deck["slides"][path[1]]["layout"] == "quote"
        )
        said = on_quote and path[-1:] == ("text",)
        if "quote" in path or said or not isinstance(node, dict) or set(node) != LANGUAGES:
            continue
        if isinstance(node["zh"], str) and half.search(node["zh"]):
            wrong.append(f"{_where(path, deck)}: {node['zh'][:40]}")
    assert not wrong, "\n".join(wrong)


def test_no_english_unit_repeats_a_chinese_magnitude() -> None:
    loaded = load_deck(DECK_DIR)
    said = [str(d) for d in loaded.diagnostics if "English unit" in d.message]
    assert not said, "\n".join(said)


@pytest.mark.parametrize(
    ("where", "zh", "en"),
    [
        (("glance", 1), "79.6万人", "796,000 people"),
        (("glance", 2), "1478家", "1,478 firms"),
        (("panel-signed", 1), "185.28亿元", "RMB 18.53 billion"),
        (("panel-pipeline", 1), "263.53亿元", "RMB 26.35 billion"),
        (("panel-longhu", 0), "超4950万吨", "over 49.5 million tonnes"),
        (("panel-public-61", 1), "345.27亿元", "RMB 34.53 billion"),
        (("panel-talent-community", 1), "3.4亿元", "RMB 340 million"),
        (("panel-yipu", 2), "506万元", "RMB 5.06 million"),
        (("panel-ruisike", 1), "约11万平方米", "about 110,000 m²"),
        (("panel-taiwan", 0), "15万人", "150,000 people"),
    ],
)  # fmt: skip
def test_each_english_figure_shows_the_converted_magnitude(
    deck: dict[str, Any], where: tuple[str, int], zh: str, en: str
) -> None:
    from nanyi_desk.deck.figures import figure_words

    owner, i = where
    holder = deck["panels"][owner] if owner in deck["panels"] else _slide(deck, owner)
    item = holder["items"][i]
    shown = {
        lang: figure_words(item["value"], item.get("unit"), lang, prefix=item.get("prefix")).text
        for lang in ("zh", "en")
    }
    assert shown == {"zh": zh, "en": en}


# ----------------------------------------------------------------------------- rendering
# Every slide in both aspects and both languages, offscreen: no text may overflow its box
# at the theme's floor size. Text fitting is done in canvas units, so a small image finds
# the same overflows as a full-size one.


def overflows(folder: Path, aspect: str, lang: str, only: str | None = None) -> list[str]:
    """Every slide's text that does not fit (or only slide `only`'s), and render errors."""
    from nanyi_desk.render.context import DeckContext
    from nanyi_desk.render.fonts import register_fonts
    from nanyi_desk.render.painter import render_image
    from nanyi_desk.theme import load_theme

    register_fonts()
    loaded = load_deck(folder)
    assert loaded.deck is not None, [str(d) for d in loaded.diagnostics]
    shown = loaded.deck.model_copy(update={"aspect": aspect})
    ctx = DeckContext(shown, loaded.folder, load_theme(shown.theme, loaded.folder))
    width, height = (w // 4 for w in ctx.size)
    found = []
    for index, slide in enumerate(shown.slides):
        if only is not None and slide.id != only:
            continue
        _, painted, _ = render_image(ctx, index, lang, width, height)
        if painted.error is not None:
            found.append(f"slide {index + 1} ({slide.id}): error {painted.error}")
        found += [f"slide {index + 1} ({slide.id}): {text!r}" for text in painted.overflows]
    return found


@pytest.mark.parametrize("aspect", ["16:9", "9:16"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_slide_renders_without_overflow(qtbot: Any, aspect: str, lang: str) -> None:
    problems = overflows(DECK_DIR, aspect, lang)
    assert not problems, f"{aspect} {lang}:\n" + "\n".join(problems)


def test_the_render_check_catches_an_overflow(qtbot: Any, tmp_path: Path) -> None:
    """Guard the guard: a card unit too long for its card must be reported."""
    folder = tmp_path / "slides"
    shutil.copytree(DECK_DIR, folder)
    part = folder / "sections" / "quality.yaml"
    text = part.read_text(encoding="utf-8")
    unit = 'unit: {zh: "亿元", en: "RMB"}\n        body: {zh: "新型钠离子电池'
    assert text.count(unit) == 1
    long_unit = unit.replace(
        '"RMB"', '"RMB, counted in hundreds of millions of renminbi in total, by the article"'
    )
    assert not overflows(folder, "16:9", "en", only="quality-leaders")
    part.write_text(text.replace(unit, long_unit), encoding="utf-8")
    assert overflows(folder, "16:9", "en", only="quality-leaders")


def test_the_as_of_line_is_on_the_source_and_the_closing_slide(deck: dict[str, Any]) -> None:
    """目前在谈 figures age: the article's time frame travels with them."""
    as_of = deck["sources"]["article"]["as_of"]
    assert "2026" in as_of["zh"]
    assert "mid-2026" in as_of["en"]
    caption = _slide(deck, "closing")["caption"]
    assert "2026年年中" in caption["zh"]
    assert "mid-2026" in caption["en"]
