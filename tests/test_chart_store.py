"""The disk store of drawn charts: right, not only fast.

A chart read back must be the chart that would be drawn now: anything that shapes its pixels
(data, words, language, theme, size, fonts, the drawing code) gives a new address; anything
wrong with a stored file is a miss, never an error on screen; two processes never see half a
file; a warm start never imports matplotlib.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from nanyi_desk.deck import load_deck
from nanyi_desk.deck.model import ChartSlide
from nanyi_desk.render import chart_store
from nanyi_desk.render.chart_store import ChartStore, chart_key
from nanyi_desk.render.context import ChartImages
from nanyi_desk.resources import default_deck
from nanyi_desk.theme import load_theme


@pytest.fixture(scope="module")
def chart():  # noqa: ANN201
    loaded = load_deck(default_deck())
    assert loaded.deck is not None
    return next(s.chart for s in loaded.deck.slides if isinstance(s, ChartSlide))


def _get(images: ChartImages, chart, size=(600, 360), lang="zh", theme=None):  # noqa: ANN001, ANN202
    return images.get("k", chart, size, lang, ("en",), theme or load_theme("nanyi"), "#1F6FB2", 1.0)


def _pixels(image: QImage) -> bytes:
    # Premultiplied: what is painted. A fully transparent pixel has no colour worth comparing.
    return image.convertToFormat(QImage.Format.Format_RGBA8888_Premultiplied).constBits().tobytes()


def test_a_stored_chart_comes_back_as_drawn_with_its_hits(qapp, chart, tmp_path: Path) -> None:  # noqa: ANN001
    store = ChartStore(tmp_path)
    first = ChartImages(store=store)
    image, hits = _get(first, chart)
    assert first.renders == 1
    assert len(list(tmp_path.glob("*/*.png"))) == 1
    again = ChartImages(store=ChartStore(tmp_path))  # the next run
    stored, stored_hits = _get(again, chart)
    assert again.renders == 0
    assert stored_hits == hits
    assert stored.size() == image.size()
    assert _pixels(stored) == _pixels(image)


def test_a_chart_written_in_the_background_comes_back_the_same(qapp, chart, tmp_path: Path) -> None:  # noqa: ANN001, E501
    store = ChartStore(tmp_path, background=True)
    first = ChartImages(store=store)
    image, hits = _get(first, chart)
    _get(first, chart, size=(500, 300))
    store.flush()
    assert store.writes == 2
    again = ChartImages(store=ChartStore(tmp_path))
    stored, stored_hits = _get(again, chart)
    assert again.renders == 0
    assert stored_hits == hits
    assert _pixels(stored) == _pixels(image)


def test_whatever_shapes_the_pixels_gives_a_new_address(chart, monkeypatch) -> None:  # noqa: ANN001
    theme = load_theme("nanyi")
    base = (chart, (600, 360), "zh", ("en",), theme, "#1F6FB2", 1.0)
    key = chart_key(base)
    assert chart_key(base) == key
    series = chart.series[0]
    changed_value = chart.model_copy(
        update={"series": (series.model_copy(update={"values": (1, *series.values[1:])}),)}
    )
    changed_label = chart.model_copy(update={"categories": ("x", *chart.categories[1:])})
    other_theme = theme.model_copy(update={"font": "Another"})
    variants = [
        (changed_value, *base[1:]),
        (changed_label, *base[1:]),
        (chart, (601, 360), *base[2:]),
        (*base[:2], "en", ("zh",), *base[4:]),
        (*base[:4], other_theme, *base[5:]),
        (*base[:5], "#000000", 1.0),
        (*base[:6], 2.0),
    ]
    keys = {chart_key(v) for v in variants}
    assert key not in keys
    assert len(keys) == len(variants)
    monkeypatch.setattr(chart_store, "renderer_fingerprint", lambda: "another renderer")
    assert chart_key(base) != key


def test_a_changed_font_file_changes_the_renderer(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    (tmp_path / "Font.otf").write_bytes(b"one")
    monkeypatch.setattr(chart_store, "fonts_dir", lambda: tmp_path)
    chart_store.renderer_fingerprint.cache_clear()
    try:
        before = chart_store.renderer_fingerprint()
        (tmp_path / "Font.otf").write_bytes(b"another")
        chart_store.renderer_fingerprint.cache_clear()
        assert chart_store.renderer_fingerprint() != before
    finally:
        chart_store.renderer_fingerprint.cache_clear()


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty", "foreign", "directory"])
def test_a_damaged_entry_is_drawn_again(qapp, chart, tmp_path: Path, damage: str) -> None:  # noqa: ANN001
    _get(ChartImages(store=ChartStore(tmp_path)), chart)
    (path,) = tmp_path.glob("*/*.png")
    data = path.read_bytes()
    if damage == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        path.write_bytes(os.urandom(len(data)))
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "foreign":  # a valid PNG that is not ours
        QImage(8, 8, QImage.Format.Format_RGB32).save(str(path))
    else:
        path.unlink()
        path.mkdir()
    images = ChartImages(store=ChartStore(tmp_path))
    image, hits = _get(images, chart)
    assert images.renders == 1
    assert not image.isNull()
    assert hits


def test_a_folder_that_cannot_be_written_still_plays(qapp, chart, tmp_path: Path) -> None:  # noqa: ANN001
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    images = ChartImages(store=ChartStore(blocked))
    image, hits = _get(images, chart)
    assert not image.isNull()
    assert hits
    assert images.store is not None
    assert images.store.writes == 0


def test_a_reader_never_sees_half_an_entry(qapp, chart, tmp_path: Path) -> None:  # noqa: ANN001
    from nanyi_desk.playback.hits import ChartHit

    image, hits = _get(ChartImages(), chart)
    key = "ab" + "0" * 62
    writer = ChartStore(tmp_path)
    reader = ChartStore(tmp_path)
    done = threading.Event()

    def write() -> None:
        for _ in range(40):
            writer.save(key, image, hits)
        done.set()

    thread = threading.Thread(target=write)
    thread.start()
    seen = 0
    while not done.is_set():
        found = reader.load(key, ChartHit)
        if found is not None:
            seen += 1
            assert found[1] == hits
            assert found[0].size() == image.size()
    thread.join()
    assert reader.load(key, ChartHit) is not None
    assert seen > 0
    assert not [p for p in tmp_path.rglob("*") if p.is_file() and p.suffix != ".png"]


def test_the_folder_stays_within_its_budget(qapp, chart, tmp_path: Path) -> None:  # noqa: ANN001
    image, hits = _get(ChartImages(), chart)
    store = ChartStore(tmp_path, budget_mb=0.05)  # room for one or two
    for n in range(6):
        store.save(f"{n:02d}" + "f" * 62, image, hits)
    store.prune()
    total = sum(p.stat().st_size for p in tmp_path.glob("*/*.png"))
    assert total <= store.budget
    assert any(tmp_path.glob("*/*.png"))


WARM = r"""
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtGui import QGuiApplication
app = QGuiApplication([])
from nanyi_desk.deck import load_deck
from nanyi_desk.render.context import deck_context
from nanyi_desk.render.fonts import register_fonts
from nanyi_desk.render.painter import render_image
from nanyi_desk.resources import default_deck
register_fonts()
loaded = load_deck(default_deck())
ctx = deck_context(loaded)
index = [i for i, s in enumerate(loaded.deck.slides) if s.layout == "chart"][0]
render_image(ctx, index, "en", 1280, 720)
print("matplotlib" in sys.modules, ctx.charts.renders)
"""


def test_a_chart_slide_drawn_before_opens_without_matplotlib(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "NANYI_DESK_CHART_CACHE": "on",
        "XDG_CACHE_HOME": str(tmp_path),
        "HOME": str(tmp_path),
    }
    runs = [
        subprocess.run(
            [sys.executable, "-c", WARM], env=env, capture_output=True, text=True, check=True
        ).stdout.split()
        for _ in range(2)
    ]
    assert runs[0] == ["True", "1"]  # the first run draws it
    assert runs[1] == ["False", "0"]  # the next reads it back, and never loads matplotlib
