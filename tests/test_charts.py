"""The chart layer: every type renders Chinese without tofu or warnings, hits match pixels."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from nanyi_desk.charts import ChartImage, build_figure, register_fonts, render_chart
from nanyi_desk.deck.model import CHART_TYPES, Chart
from nanyi_desk.theme import Theme, load_theme

REPO = Path(__file__).resolve().parents[1]
ACCENT = "#0A8F80"


@pytest.fixture(scope="module")
def theme() -> Theme:
    return load_theme("nanyi")


def chart(kind: str, **extra: object) -> Chart:
    """A small bilingual chart of `kind` with a null value and drill ids."""
    two = kind not in ("pie", "donut")
    series: list[dict[str, object]] = [
        {
            "name": {"zh": "总投资", "en": "Investment"},
            "values": [185.28, 263.53, None, 15],
            "drill": ["p-signed", "p-pipeline", None, "p-yingong"],
            "kind": "bar",
        }
    ]
    if two:
        series.append(
            {
                "name": {"zh": "项目数", "en": "Projects"},
                "values": [39, 38, 6, None],
                "drill": ["p-a", None, "p-c", None],
                "kind": "line",
                "axis": "right",
            }
        )
    if kind != "combo":
        for s in series:
            s.pop("kind")
            s.pop("axis", None)
    data: dict[str, object] = {
        "type": kind,
        "categories": [
            {"zh": "已签约项目", "en": "Signed"},
            {"zh": "在谈项目", "en": "In negotiation"},
            {"zh": "集成电路赛道", "en": "Chips"},
            {"zh": "钠离子电池生产基地", "en": "Sodium-ion battery base"},
        ],
        "series": series,
        "unit": {"zh": "亿元", "en": "RMB 100 million"},
        "unit2": {"zh": "个", "en": "projects"},
    }
    data.update(extra)
    return Chart.model_validate(data)


def render(
    c: Chart, theme: Theme, *, lang: str = "zh", scale: float = 1.0, w: int = 800, h: int = 450
) -> ChartImage:
    return render_chart(
        c, lang=lang, fallbacks=("zh",), theme=theme, accent=ACCENT, width=w, height=h, scale=scale
    )


def pixels(img: ChartImage) -> np.ndarray:
    return np.frombuffer(img.rgba, np.uint8).reshape(img.height, img.width, 4)


def non_null(c: Chart) -> int:
    return sum(v is not None for s in c.series or () for v in s.values)


def rgb(colour: str) -> np.ndarray:
    h = colour.lstrip("#")
    return np.array([int(h[i : i + 2], 16) for i in (0, 2, 4)])


@pytest.mark.parametrize("scale", [1.0, 2.0])
@pytest.mark.parametrize("kind", CHART_TYPES)
def test_every_type_renders_chinese(kind: str, scale: float, theme: Theme) -> None:
    c = chart(kind)
    img = render(c, theme, scale=scale)
    assert (img.width, img.height) == (int(800 * scale), int(450 * scale))
    assert len(img.rgba) == img.width * img.height * 4
    assert len(img.hits) == non_null(c)
    px = pixels(img)
    assert px[..., 3].min() == 0, "the background must be transparent"
    assert (px[..., 3] == 255).sum() > 1000, "something must be drawn"
    for hit in img.hits:
        assert hit.w > 0
        assert hit.h > 0
        assert -img.width * 0.05 <= hit.x <= img.width
        assert -img.height * 0.05 <= hit.y <= img.height
        assert hit.category
        assert hit.series_name


def test_scale_two_is_the_same_picture_twice_as_sharp(theme: Theme) -> None:
    c = chart("bar")
    one, two = render(c, theme), render(c, theme, scale=2)
    for a, b in zip(one.hits, two.hits, strict=True):
        assert b.x == pytest.approx(2 * a.x, abs=4)
        assert b.y == pytest.approx(2 * a.y, abs=4)
        assert b.w == pytest.approx(2 * a.w, abs=4)


@pytest.mark.parametrize("kind", ["bar", "hbar", "stacked", "combo"])
def test_bar_hit_centre_has_the_bar_colour(kind: str, theme: Theme) -> None:
    c = chart(kind)
    img = render(c, theme)
    px = pixels(img)
    # The first series takes the accent colour; its bars are opaque.
    bars = [h for h in img.hits if h.series == 0]
    assert bars
    for hit in bars:
        x, y = int(hit.x + hit.w / 2), int(hit.y + hit.h / 2)
        if kind == "stacked":
            # A stacked segment carries its label in the middle: look beside it, clear of
            # the thin white edge between segments.
            x = int(hit.x + 5)
        r, g, b, a = px[y, x].astype(int)
        assert a == 255
        assert np.abs(np.array([r, g, b]) - rgb(ACCENT)).max() <= 6, (hit, (r, g, b))


def test_hbar_keeps_category_order_top_to_bottom(theme: Theme) -> None:
    img = render(chart("hbar"), theme)
    first = [h for h in img.hits if h.series == 0]
    assert [h.index for h in sorted(first, key=lambda h: h.y)] == [h.index for h in first]


def test_tiny_bar_gets_a_touchable_box(theme: Theme) -> None:
    c = Chart.model_validate(
        {"type": "bar", "categories": ["大", "小"], "series": [{"name": "x", "values": [1000, 1]}]}
    )
    for scale in (1.0, 2.0):
        img = render(c, theme, scale=scale)
        tiny = img.hits[1]
        # A finger's size (80 logical px, as playback.hits says), in device px at `scale`.
        assert tiny.h >= 80 * scale - 0.5
        assert tiny.w >= 80 * scale - 0.5


def test_points_get_square_boxes(theme: Theme) -> None:
    from nanyi_desk.charts.render import POINT_PX

    img = render(chart("line"), theme, scale=2)
    # A finger's size at scale 1, in device px at scale 2.
    assert {(round(h.w), round(h.h)) for h in img.hits} == {(2 * POINT_PX, 2 * POINT_PX)}
    assert POINT_PX >= 80


@pytest.mark.parametrize("kind", CHART_TYPES)
def test_hits_carry_drill_and_values(kind: str, theme: Theme) -> None:
    c = chart(kind)
    img = render(c, theme)
    series = c.series or ()
    for hit in img.hits:
        s = series[hit.series]
        assert hit.value == s.values[hit.index]
        assert hit.drill == (s.drill[hit.index] if s.drill else None)
    assert {h.drill for h in img.hits} >= {"p-signed", "p-pipeline", "p-yingong"}


def test_language_switch_changes_hit_labels(theme: Theme) -> None:
    c = chart("bar")
    zh = render(c, theme, lang="zh")
    en = render(c, theme, lang="en")
    assert [h.category for h in zh.hits][:2] == ["已签约项目", "在谈项目"]
    assert [h.category for h in en.hits][:2] == ["Signed", "In negotiation"]
    assert en.hits[0].series_name == "Investment"
    assert zh.rgba != en.rgba


def test_chinese_glyphs_are_drawn_with_the_bundled_font(theme: Theme) -> None:
    from matplotlib.font_manager import FontProperties, findfont

    register_fonts()
    assert findfont(FontProperties(family=theme.font)).endswith("NotoSansCJKsc-Regular.otf")
    assert findfont(FontProperties(family=theme.font, weight="bold")).endswith(
        "NotoSansCJKsc-Bold.otf"
    )

    def one(label: str) -> bytes:
        c = Chart.model_validate(
            {"type": "bar", "categories": [label, "B"], "series": [{"name": "x", "values": [3, 2]}]}
        )
        return render(c, theme).rgba

    cjk, other_cjk, ascii_ = one("南翼"), one("晋江"), one("AB")
    # Different characters give different pixels: glyphs, not one tofu box for all.
    assert cjk != ascii_
    assert cjk != other_cjk


def test_long_labels_wrap(theme: Theme) -> None:
    from nanyi_desk.charts.style import wrap

    measure = lambda s, _font: 10.0 * len(s)  # noqa: E731
    assert wrap("泉州金门人才社区中心", None, 40, measure) == "泉州金门\n人才社区\n中心"  # type: ignore[arg-type]
    assert wrap("Fuzhou University campus", None, 110, measure) == "Fuzhou\nUniversity\ncampus"  # type: ignore[arg-type]
    # No line starts with closing punctuation.
    assert not any(
        line.startswith("，") for line in wrap("一二三，四五六", None, 30, measure).split("\n")
    )  # type: ignore[arg-type]


def test_numbers_as_written() -> None:
    from nanyi_desk.charts.style import format_tick
    from nanyi_desk.deck.figures import figure_text

    assert figure_text(1478) == "1478"
    assert figure_text(1478.0) == "1478"  # as the slides show it (charts said 1478.0)
    assert figure_text(185.28) == "185.28"
    assert figure_text(167.91) == "167.91"
    assert figure_text(1e16) == "10000000000000000"
    assert figure_text(1.5e-05) == "0.000015"
    assert format_tick(0.30000000000000004) == "0.3"
    assert format_tick(200.0) == "200"


def test_series_colours_skip_the_accent_and_its_twins(theme: Theme) -> None:
    from nanyi_desk.charts.style import series_colours

    c = chart("bar")
    colours = series_colours(c, theme, ACCENT)
    assert colours[0] == ACCENT
    assert colours[1].upper() not in (ACCENT, "#1FA39A")  # the theme's teal is too close
    own = Chart.model_validate(
        {
            **c.model_dump(),
            "series": [
                {"name": "a", "values": [1]},
                {"name": "b", "values": [2], "color": "#123456"},
            ],
        }
    )
    assert series_colours(own, theme, None) == [theme.series[0], "#123456"]


def test_nulls_and_negatives(theme: Theme) -> None:
    for kind in ("bar", "hbar", "stacked", "line", "area", "combo"):
        c = Chart.model_validate(
            {
                "type": kind,
                "categories": ["一", "二", "三"],
                "series": [
                    {"name": "x", "values": [-3, None, 5.5]},
                    {"name": "y", "values": [None, None, None]},
                ],
            }
        )
        assert len(render(c, theme).hits) == 2


def test_empty_pie_draws_nothing_without_error(theme: Theme) -> None:
    c = Chart.model_validate(
        {"type": "pie", "categories": ["一"], "series": [{"name": "x", "values": [None]}]}
    )
    assert render(c, theme).hits == ()


def test_build_figure_sizes(theme: Theme) -> None:
    fig = build_figure(
        chart("bar"),
        lang="en",
        fallbacks=(),
        theme=theme,
        accent=None,
        width_px=1700,
        height_px=760,
        dpi=150,
    )
    assert tuple(fig.get_size_inches()) == (17.0, 7.6)
    assert fig.dpi == 150


def test_no_pyplot() -> None:
    code = textwrap.dedent(
        """
        import sys, warnings
        warnings.simplefilter("error")
        from nanyi_desk.charts import render_chart
        from nanyi_desk.deck.model import Chart
        from nanyi_desk.theme import load_theme
        c = Chart.model_validate({"type": "combo", "categories": ["南翼", "晋江"],
            "series": [{"name": "a", "values": [1, 2]}, {"name": "b", "values": [3, 4], "axis": "right"}]})
        render_chart(c, lang="zh", fallbacks=(), theme=load_theme("nanyi"), width=400, height=300)
        assert "matplotlib.pyplot" not in sys.modules, "pyplot was imported"
        assert not any(m.startswith("PySide6") for m in sys.modules), "Qt was imported"
        """
    )
    env = {"MPLBACKEND": "Agg", "PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=REPO, timeout=120
    )
    assert out.returncode == 0, out.stderr


@pytest.mark.parametrize("kind", ["bar", "hbar", "combo", "line"])
def test_an_english_chart_reads_billions_and_a_chinese_one_as_written(
    kind: str, theme: Theme
) -> None:
    """One scale per axis: the caption says RMB billion, the labels 18.53; hits keep the deck's."""
    from matplotlib.figure import Figure

    def texts(lang: str) -> list[str]:
        fig: Figure = build_figure(
            chart(kind, unit={"zh": "亿元", "en": "RMB"}),
            lang=lang, fallbacks=(), theme=theme, accent=ACCENT, width_px=800, height_px=450,
        )  # fmt: skip
        return [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))]

    en, zh = texts("en"), texts("zh")
    assert "RMB billion" in en
    assert "18.53" in en
    assert "185.28" not in en
    assert any("亿元" in t for t in zh)
    assert any(t.startswith("185.28") for t in zh)
    hits = render(chart(kind, unit={"zh": "亿元", "en": "RMB"}), theme, lang="en").hits
    signed = next(h for h in hits if h.series == 0 and h.index == 0)
    assert signed.value == 185.28  # the deck's figure, not the one drawn
    assert signed.text == "RMB 18.53 billion"


def test_values_beside_a_chart_are_legible_in_any_series_colour() -> None:
    from types import SimpleNamespace

    from nanyi_desk.charts.chart_parts import legible
    from nanyi_desk.deck.contrast import contrast
    from nanyi_desk.theme import load_theme

    theme = load_theme("nanyi")
    ctx = SimpleNamespace(theme=theme)
    amber = legible(ctx, "#F0A202")  # type: ignore[arg-type]
    for ground in (theme.colors.background, theme.colors.surface):
        assert contrast("#F0A202", ground) < 3.0
        assert contrast(amber, ground) >= 3.0
    assert amber != "#000000"  # darkened, not blackened: the slice's hue stays
    assert legible(ctx, theme.colors.ink) == theme.colors.ink  # type: ignore[arg-type]
