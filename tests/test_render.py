"""The renderer: every layout, both aspects, both languages; fonts; chart hit regions."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QFontInfo, QFontMetricsF

from nanyi_desk.deck import load_deck
from nanyi_desk.deck.model import LAYOUTS
from nanyi_desk.render import text as tx
from nanyi_desk.render.context import DeckContext
from nanyi_desk.render.fonts import register_fonts
from nanyi_desk.render.painter import render_image
from nanyi_desk.resources import default_deck, starter_deck
from nanyi_desk.theme import load_theme


def _ctx(path: Path, aspect: str | None = None) -> DeckContext:
    loaded = load_deck(path)
    assert loaded.deck is not None
    deck = loaded.deck if aspect is None else loaded.deck.model_copy(update={"aspect": aspect})
    return DeckContext(deck, loaded.folder, load_theme(deck.theme))


@pytest.fixture
def fonts(qapp):  # noqa: ANN001, ANN201 - pytest-qt's application fixture
    return register_fonts()


def test_bundled_cjk_font_is_what_qt_uses(fonts) -> None:  # noqa: ANN001
    assert "Noto Sans CJK SC" in fonts
    font = tx.make_font("Noto Sans CJK SC", 40)
    assert QFontInfo(font).family() == "Noto Sans CJK SC"
    metrics = QFontMetricsF(font)
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "泉州南翼国家高新区晋江")


@pytest.mark.parametrize("aspect", ["16:9", "9:16"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_layout_renders(fonts, aspect: str, lang: str) -> None:  # noqa: ANN001
    ctx = _ctx(starter_deck(), aspect)
    seen = set()
    for index, slide in enumerate(ctx.deck.slides):
        width, height = (960, 540) if aspect == "16:9" else (540, 960)
        image, painted, _ = render_image(ctx, index, lang, width, height)
        assert painted.error is None, f"slide {index} ({slide.layout}): {painted.error}"
        assert not painted.overflows, f"slide {index}: {painted.overflows}"
        assert image.width() == width
        seen.add(slide.layout)
    assert seen == set(LAYOUTS)


def test_language_changes_the_pixels(fonts) -> None:  # noqa: ANN001
    ctx = _ctx(starter_deck())
    zh, _, _ = render_image(ctx, 0, "zh", 480, 270)
    en, _, _ = render_image(ctx, 0, "en", 480, 270)
    assert zh != en


def test_default_deck_renders_without_errors_or_overflow_zh_16_9(fonts) -> None:  # noqa: ANN001
    ctx = _ctx(default_deck())
    for index in range(len(ctx.deck.slides)):
        _, painted, _ = render_image(ctx, index, "zh", 960, 540)
        assert painted.error is None, f"slide {index + 1}: {painted.error}"
        assert not painted.overflows, f"slide {index + 1}: {painted.overflows}"


def test_broken_slide_shows_a_placeholder(fonts) -> None:  # noqa: ANN001
    ctx = _ctx(starter_deck())
    picture = next(i for i, s in enumerate(ctx.deck.slides) if s.layout == "image")

    def broken(path: Path):  # noqa: ANN202
        raise OSError(f"disk error reading {path.name}")

    ctx.image_loader = broken
    image, painted, _ = render_image(ctx, picture, "en", 480, 270)
    assert painted.error is not None
    assert "disk error" in painted.error
    assert not image.isNull()


def test_chart_hit_regions_sit_on_the_bars(fonts) -> None:  # noqa: ANN001
    ctx = _ctx(default_deck())
    index = next(
        i
        for i, s in enumerate(ctx.deck.slides)
        if s.layout == "chart"
        and s.chart.type in ("bar", "hbar")
        and any(x.drill for x in s.chart.series)
    )
    image, painted, (scale, dx, dy) = render_image(ctx, index, "zh", 1920, 1080)
    bars = [h for h in painted.hotspots if h.kind == "chart"]
    assert bars
    accent = QColor(ctx.theme.section_colour(ctx.deck.slides[index].section))
    for bar in bars:
        x, y = bar.centre
        pixel = image.pixelColor(round(x * scale + dx), round(y * scale + dy))
        assert abs(pixel.red() - accent.red()) < 40, (bar, pixel.name())
        assert abs(pixel.green() - accent.green()) < 40, (bar, pixel.name())
        assert abs(pixel.blue() - accent.blue()) < 40, (bar, pixel.name())


def test_slide_cache_is_bounded_in_bytes_but_keeps_the_neighbours(fonts) -> None:  # noqa: ANN001
    from nanyi_desk.render.cache import SlideCache

    loaded = load_deck(starter_deck())
    assert loaded.deck is not None
    ctx = DeckContext(loaded.deck, loaded.folder, load_theme(loaded.deck.theme))
    # 640×360 ARGB is 0.88 MB a slide: a 2 MB budget holds two, but three always stay.
    cache = SlideCache(ctx, budget_mb=2, keep=3)
    for index in range(len(loaded.deck.slides)):
        cache.get(index, "zh", 640, 360, 1.0)
    assert len(cache) == 3
    assert cache.bytes == 3 * 640 * 360 * 4
    last = len(loaded.deck.slides) - 1
    assert cache.has(last, "zh", 640, 360, 1.0)
    assert not cache.has(0, "zh", 640, 360, 1.0)
    cache.clear()
    assert (len(cache), cache.bytes) == (0, 0)


def test_steady_memory_fixes_the_mmap_threshold_on_linux() -> None:
    import sys

    from nanyi_desk.memory import steady_memory

    assert steady_memory() is sys.platform.startswith("linux")


@pytest.mark.parametrize(
    "name", ["fa5s.microchip", "fa5s.handshake", "fa5.building", "mdi6.school"]
)
def test_icons_are_qtawesomes_pixels_drawn_with_qtgui_only(qapp, name: str) -> None:  # noqa: ANN001
    import qtawesome
    from PySide6.QtCore import QSize

    from nanyi_desk.render.icons import icon_image

    ours = icon_image(name, "#1F6FEB", 56)
    theirs = qtawesome.icon(name, color="#1F6FEB").pixmap(QSize(56, 56)).toImage()
    assert ours is not None
    assert ours == theirs


def test_an_unknown_icon_is_none() -> None:
    from nanyi_desk.render.icons import icon_image

    assert icon_image("fa5s.no-such-icon", "#000000", 40) is None
    assert icon_image("nope.microchip", "#000000", 40) is None


def test_export_runs_on_a_gui_application_without_widgets(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from nanyi_desk.cli import main\n"
        f"code = main(['export', {str(starter_deck())!r}, '-o', {str(tmp_path)!r}, "
        "'--size', '480x270'])\n"
        "from PySide6.QtGui import QGuiApplication\n"
        "print(code, type(QGuiApplication.instance()).__name__, "
        "'PySide6.QtWidgets' in sys.modules, 'qtawesome' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.split()[-4:] == ["0", "QGuiApplication", "False", "False"]
    assert len(list(tmp_path.glob("slide-*.png"))) == len(_ctx(starter_deck()).deck.slides)


def test_key_figures_and_cards_read_as_each_language_expects(fonts, tmp_path: Path) -> None:  # noqa: ANN001
    """The tiles' words come from deck.figures: converted in English, `shown` winning."""
    (tmp_path / "deck.yaml").write_text(
        "format: 1\n"
        "title: T\n"
        "languages: [zh, en]\n"
        "slides:\n"
        "  - layout: kpis\n"
        "    items:\n"
        "      - {value: 185.28, unit: {zh: 亿元, en: RMB}, label: {zh: 甲, en: A}, drill: p}\n"
        "      - {value: 4950, unit: {zh: 万吨, en: tonnes}, label: {zh: 乙, en: B}, drill: p,\n"
        "         shown: {en: about 50 million tonnes}}\n"
        "  - layout: cards\n"
        "    items:\n"
        "      - {title: C, value: 79.6, unit: {zh: 万人, en: people}, drill: p}\n"
        "panels:\n"
        "  p: {title: P}\n",
        encoding="utf-8",
    )
    ctx = _ctx(tmp_path)

    def said(index: int, lang: str) -> list[str]:
        _, painted, _ = render_image(ctx, index, lang, 960, 540)
        assert not painted.overflows, painted.overflows
        return [h.label for h in painted.hotspots]

    assert said(0, "zh") == ["185.28亿元 甲", "4950万吨 乙"]
    assert said(0, "en") == ["RMB 18.53 billion A", "about 50 million tonnes B"]
    assert said(1, "en") == ["C"]


def test_title_and_section_slides_write_in_the_themes_on_accent_colour(qapp) -> None:  # noqa: ANN001
    from PySide6.QtGui import QImage

    from nanyi_desk.deck import load_deck
    from nanyi_desk.render.context import DeckContext
    from nanyi_desk.render.fonts import register_fonts
    from nanyi_desk.render.painter import render_image
    from nanyi_desk.resources import default_deck
    from nanyi_desk.theme import load_theme

    register_fonts()
    loaded = load_deck(default_deck())
    assert loaded.deck is not None
    theme = load_theme("nanyi")
    magenta = theme.model_copy(
        update={"colors": theme.colors.model_copy(update={"on_accent": "#FF00FF"})}
    )
    ctx = DeckContext(loaded.deck, loaded.folder, magenta)
    for index in (0, 3):  # the cover and the first section slide
        image, _, _ = render_image(ctx, index, "zh", 480, 270)
        pixels = image.convertToFormat(QImage.Format.Format_RGB32)
        found = sum(
            1
            for y in range(0, 270, 3)
            for x in range(0, 480, 3)
            if (c := pixels.pixelColor(x, y)).red() > 200 and c.blue() > 200 and c.green() < 80
        )
        assert found > 20, index  # the title is written in the theme's colour, not white
