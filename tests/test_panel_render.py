"""The panel renderer: every panel of the default deck, both aspects and languages; drills,
controls, trail, missing pictures, and the exporter's --panels."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from nanyi_desk.cli import main
from nanyi_desk.deck import load_deck
from nanyi_desk.deck.drills import panel_path
from nanyi_desk.deck.model import Deck, Kpi, Panel
from nanyi_desk.render.context import DeckContext
from nanyi_desk.render.fonts import register_fonts
from nanyi_desk.render.panel import paint_panel, panel_rect, render_panel_image
from nanyi_desk.render.rich_text import body_blocks
from nanyi_desk.resources import default_deck
from nanyi_desk.theme import load_theme


def _ctx(aspect: str | None = None) -> DeckContext:
    loaded = load_deck(default_deck())
    assert loaded.deck is not None
    deck = loaded.deck if aspect is None else loaded.deck.model_copy(update={"aspect": aspect})
    return DeckContext(deck, loaded.folder, load_theme(deck.theme))


@pytest.fixture
def fonts(qapp):  # noqa: ANN001, ANN201 - pytest-qt's application fixture
    return register_fonts()


def _paint(ctx: DeckContext, panel_id: str, lang: str, trail: tuple[str, ...] = ()):  # noqa: ANN202
    width, height = ctx.size
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("#000000"))
    painter = QPainter(image)
    try:
        painted = paint_panel(painter, ctx, panel_id, lang, panel_rect(ctx), 1.0, trail)
    finally:
        painter.end()
    return image, painted


def _expected_drills(panel: Panel) -> set[tuple[str, str]]:
    drills = {("kpi", item.drill) for item in panel.items if item.drill}
    if panel.chart is not None:
        for series in panel.chart.series or ():
            drills |= {("chart", d) for d in series.drill or () if d}
    return drills


@pytest.mark.parametrize(
    ("aspect", "lang"), [("16:9", "zh"), ("16:9", "en"), ("9:16", "zh"), ("9:16", "en")]
)
def test_every_panel_renders_with_its_drills(fonts, aspect: str, lang: str) -> None:  # noqa: ANN001
    ctx = _ctx(aspect)
    assert len(ctx.deck.panels) >= 30
    for panel_id, panel in ctx.deck.panels.items():
        _, painted = _paint(ctx, panel_id, lang)
        assert painted.error is None, f"{panel_id}: {painted.error}"
        found = {(h.kind, h.panel) for h in painted.hotspots}
        assert found == _expected_drills(panel), panel_id
        for hotspot in painted.hotspots:
            assert hotspot.panel in ctx.deck.panels
            assert painted.sheet is not None
            assert painted.sheet.contains(*hotspot.centre)
            if hotspot.kind == "kpi":
                assert min(hotspot.w, hotspot.h) >= 80, f"{panel_id}: {hotspot}"
            else:
                assert painted.chart_rect is not None
                assert painted.chart_rect.contains(*hotspot.centre), f"{panel_id}: {hotspot}"
        assert (painted.chart_rect is not None) == (panel.chart is not None), panel_id
        assert set(painted.controls) == {"close"}


def test_panels_with_drills_exist_in_the_default_deck(fonts) -> None:  # noqa: ANN001
    # Guards the test above: it must see both kinds of drill, or it proves nothing.
    panels = _ctx().deck.panels.values()
    kinds = {kind for panel in panels for kind, _ in _expected_drills(panel)}
    assert kinds == {"kpi", "chart"}


def test_trail_shows_back_only_below_the_first_level(fonts) -> None:  # noqa: ANN001
    ctx = _ctx()
    paths = {p: panel_path(ctx.deck, p) for p in ctx.deck.panels}
    assert all(index is not None for index, _ in paths.values()), "a panel no slide leads to"
    # Every panel here can be reached from a slide directly; a trail of two is a panel
    # opened from another panel's figure or bar.
    parent, deep = next(
        (p, d) for p, panel in ctx.deck.panels.items() for _, d in sorted(_expected_drills(panel))
    )
    path = (parent, deep)
    one, first = _paint(ctx, deep, "zh", path[-1:])
    two, second = _paint(ctx, deep, "zh", path)
    assert "back" not in first.controls
    assert "back" in second.controls
    back, close = second.controls["back"], second.controls["close"]
    assert min(back.width(), back.height(), close.width(), close.height()) >= 80
    assert not back.intersects(close)
    # The breadcrumb is drawn, not only reported: the header differs.
    header = QRectF(panel_rect(ctx)).adjusted(0, 0, 0, -panel_rect(ctx).height() + 110).toRect()
    assert one.copy(header) != two.copy(header)


def test_missing_picture_paints_a_placeholder(fonts, tmp_path: Path) -> None:  # noqa: ANN001
    base = _ctx().deck
    panel = Panel(
        title="有图的面板",
        body="一段文字,**加粗**。\n- 第一条\n- 第二条",
        image="nowhere.png",
        items=(Kpi(value=3, label="数字"),),
    )
    deck: Deck = base.model_copy(update={"panels": {**base.panels, "pictured": panel}})
    ctx = DeckContext(deck, tmp_path, load_theme(deck.theme))
    for lang in ("zh", "en"):
        image, painted = _paint(ctx, "pictured", lang)
        assert painted.error is None
        assert not image.isNull()

    calls = []

    def broken(path: Path) -> QImage:
        calls.append(path.name)
        raise OSError("disk error")

    ctx.image_loader = broken
    _, painted = _paint(ctx, "pictured", "en")
    assert calls == ["nowhere.png"]
    assert painted.error is None


def test_unknown_panel_paints_a_placeholder_with_close(fonts) -> None:  # noqa: ANN001
    ctx = _ctx()
    image, painted = _paint(ctx, "no-such-panel", "en")
    assert painted.error is not None
    assert "no-such-panel" in painted.error
    assert "close" in painted.controls
    assert not image.isNull()


def test_body_markup_is_parsed() -> None:
    blocks = body_blocks("First **bold**.\nSecond line\n\nIntro:\n- one\n- two\n\nLast.")
    assert blocks == [
        ("p", ["First **bold**.", "Second line"]),
        ("p", ["Intro:"]),
        ("ul", ["one", "two"]),
        ("p", ["Last."]),
    ]


def test_render_panel_image_is_letterboxed_and_painted(fonts) -> None:  # noqa: ANN001
    ctx = _ctx()
    image, painted, (scale, dx, dy) = render_panel_image(ctx, "panel-fund-town", "en", 960, 600)
    assert painted.error is None
    assert (image.width(), image.height()) == (960, 600)
    assert scale == pytest.approx(0.5)
    assert dy == pytest.approx(30)
    # The sheet is light; the letterbox bars stay black.
    assert QColor(image.pixel(480, 300)).lightness() > 200
    assert QColor(image.pixel(480, 5)).lightness() < 10


def test_export_writes_every_panel(fonts, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    out = tmp_path / "png"
    code = main(["export", str(default_deck()), "-o", str(out), "--size", "480x270", "--panels"])
    assert code == 0
    deck = _ctx().deck
    files = sorted(out.glob("panel-*.png"))
    assert [f.name for f in files] == sorted(f"panel-{p}.png" for p in deck.panels)
    for file in files:
        image = QImage(str(file))
        assert (image.width(), image.height()) == (480, 270), file.name
        assert file.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not list(out.glob("*.tmp"))
    assert f"wrote {len(deck.slides) + len(deck.panels)} PNG files" in capsys.readouterr().out
