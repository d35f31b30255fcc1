"""Rendered slides and panels against stored reference PNGs (tests/reference/), with a tolerance.

One slide of every layout from the starter deck, and a few panels, in zh and en, landscape
(480×270) and portrait (270×480, the same deck with its aspect set to 9:16), at device pixel
ratio 1: small, so the stored PNGs stay small. The fonts are bundled, so the pictures are the
same on any machine; the tolerance absorbs antialiasing, not a changed word or figure.

A picture that differs by more than the tolerance fails with where it differs, and the actual
image and a difference image are written to the test's tmp_path. After an intended change
of the renderer, look at those, then regenerate every reference with:

    python -m pytest tests/test_reference_images.py --update-reference
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QImage

from nanyi_desk.deck import load_deck
from nanyi_desk.deck.model import LAYOUTS
from nanyi_desk.render.context import DeckContext
from nanyi_desk.render.fonts import register_fonts
from nanyi_desk.render.painter import render_image
from nanyi_desk.render.panel import render_panel_image
from nanyi_desk.resources import default_deck, starter_deck
from nanyi_desk.theme import load_theme

REFERENCE = Path(__file__).resolve().parent / "reference"
UPDATE = "python -m pytest tests/test_reference_images.py --update-reference"
SIZES = {"16:9": (480, 270), "9:16": (270, 480)}
LANGS = ("zh", "en")
STARTER_SLIDES = {  # layout: the starter deck's slide id that shows it
    "title": "cover",
    "section": "part-one",
    "kpis": "figures",
    "chart": "chart",
    "cards": "cards",
    "bullets": "points",
    "timeline": "milestones",
    "image": "picture",
    "quote": "voice",
    "table": "numbers",
}
PANELS = {  # panel id: the deck it is in
    "detail": "starter",  # text and figures that drill further
    "deeper": "starter",  # one level down: the trail and its back control
    "panel-fund-town": "default",  # a chart in a panel
}
RMS_TOLERANCE = 1.5
"""The most a picture may differ, as matplotlib's compare_images measures it: the root mean
square of the channel differences (0–255). Antialiasing noise stays well below; one changed
figure on a key-figure slide is several times above (see the guard test at the end)."""
LOUD = 48
"""A channel difference this large is a real one: where the report says a picture differs."""


@dataclass(frozen=True)
class Case:
    """One reference picture."""

    kind: str
    """"slide" or "panel"."""
    label: str
    """The slide's layout, or the panel's name: the file's name says what it shows."""
    deck: str
    """"starter" or "default"."""
    ident: str
    """The slide's id or the panel's."""
    lang: str
    aspect: str

    @property
    def name(self) -> str:
        """Its file name in tests/reference."""
        ratio = self.aspect.replace(":", "x")
        return f"{self.kind}-{self.label}-{self.lang}-{ratio}.png"


CASES = [
    Case("slide", layout, "starter", ident, lang, aspect)
    for layout, ident in STARTER_SLIDES.items()
    for lang in LANGS
    for aspect in SIZES
] + [
    Case("panel", ident.removeprefix("panel-"), deck, ident, lang, aspect)
    for ident, deck in PANELS.items()
    for lang in LANGS
    for aspect in SIZES
]


@pytest.fixture(scope="module")
def contexts(qapp) -> dict[tuple[str, str], DeckContext]:  # noqa: ANN001
    """The starter and default decks in both aspects."""
    register_fonts()
    found = {}
    for name, path in (("starter", starter_deck()), ("default", default_deck())):
        loaded = load_deck(path)
        assert loaded.deck is not None, [str(d) for d in loaded.diagnostics]
        for aspect in SIZES:
            deck = loaded.deck.model_copy(update={"aspect": aspect})
            found[name, aspect] = DeckContext(deck, loaded.folder, load_theme(deck.theme))
    return found


def render(case: Case, contexts: dict[tuple[str, str], DeckContext], count: float = 1.0) -> QImage:
    """The picture of `case`, through the renderer's public functions."""
    ctx = contexts[case.deck, case.aspect]
    width, height = SIZES[case.aspect]
    if case.kind == "panel":
        image, painted, _ = render_panel_image(ctx, case.ident, case.lang, width, height)
    else:
        index = next(i for i, s in enumerate(ctx.deck.slides) if s.id == case.ident)
        image, painted, _ = render_image(ctx, index, case.lang, width, height, 1.0, count)
    assert painted.error is None, f"{case.name}: {painted.error}"
    return image.convertToFormat(QImage.Format.Format_RGB888)


def pixels(image: QImage) -> np.ndarray:
    """An RGB888 image as a height×width×3 array of ints."""
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    return rows[:, : image.width() * 3].reshape(image.height(), image.width(), 3).astype(int)


def difference(actual: np.ndarray, expected: np.ndarray) -> tuple[float, str]:
    """The RMS of the channel differences, and where the picture differs, in words."""
    if actual.shape != expected.shape:
        return float("inf"), f"size {actual.shape[1]}×{actual.shape[0]}, expected " + (
            f"{expected.shape[1]}×{expected.shape[0]}"
        )
    delta = np.abs(actual - expected)
    rms = float(np.sqrt(np.mean(delta.astype(float) ** 2)))
    loud = np.argwhere(delta.max(axis=2) >= LOUD)
    if not len(loud):
        return rms, "no pixel differs by much"
    (top, left), (bottom, right) = loud.min(axis=0), loud.max(axis=0)
    where = f"{len(loud)} pixels differ by {LOUD}+ within x {left}–{right}, y {top}–{bottom}"
    return rms, where


def diff_image(actual: np.ndarray, expected: np.ndarray) -> QImage:
    """The differences, magnified: black where the same, bright where not."""
    delta = np.clip(np.abs(actual - expected) * 4, 0, 255).astype(np.uint8)
    height, width, _ = delta.shape
    data = np.ascontiguousarray(delta)
    return QImage(data.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()


def save_png(image: QImage, path: Path) -> None:
    """Lossless, at the highest compression (quality 0 is zlib's level 9 in Qt's writer)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    assert image.save(str(path), "PNG", 0), f"could not write {path}"


@pytest.mark.parametrize("case", CASES, ids=[c.name.removesuffix(".png") for c in CASES])
def test_rendering_matches_the_reference(
    case: Case,
    contexts: dict[tuple[str, str], DeckContext],
    request: pytest.FixtureRequest,
    tmp_path: Path,
) -> None:
    stored = REFERENCE / case.name
    actual = render(case, contexts)
    if request.config.getoption("--update-reference"):
        save_png(actual, stored)
        pytest.skip(f"wrote {stored.relative_to(REFERENCE.parent.parent)}")
    assert stored.is_file(), f"no reference image {stored}; make them with: {UPDATE}"
    expected = QImage(str(stored)).convertToFormat(QImage.Format.Format_RGB888)
    got, want = pixels(actual), pixels(expected)
    rms, where = difference(got, want)
    if rms <= RMS_TOLERANCE:
        return
    save_png(actual, tmp_path / f"actual-{case.name}")
    if got.shape == want.shape:
        save_png(diff_image(got, want), tmp_path / f"diff-{case.name}")
    pytest.fail(
        f"{case.name} differs from {stored} (RMS {rms:.2f} > {RMS_TOLERANCE}): {where}\n"
        f"  actual: {tmp_path / f'actual-{case.name}'}\n"
        f"  diff:   {tmp_path / f'diff-{case.name}'}\n"
        f"  if the change is meant, regenerate: {UPDATE}"
    )


def test_the_set_covers_every_layout_and_nothing_is_left_over() -> None:
    assert set(STARTER_SLIDES) == set(LAYOUTS)
    stored = {p.name for p in REFERENCE.glob("*.png")}
    assert stored == {c.name for c in CASES}, "stale or missing references: " + UPDATE
    assert sum(p.stat().st_size for p in REFERENCE.glob("*.png")) < 1_500_000


def test_the_comparison_catches_a_changed_figure(
    contexts: dict[tuple[str, str], DeckContext],
) -> None:
    """Guard the guard: key figures nine tenths counted up are not the reference's."""
    for aspect in SIZES:
        case = Case("slide", "kpis", "starter", STARTER_SLIDES["kpis"], "en", aspect)
        final = pixels(render(case, contexts))
        almost = pixels(render(case, contexts, count=0.9))
        rms, where = difference(almost, final)
        assert rms > 2 * RMS_TOLERANCE, (aspect, rms)
        assert "pixels differ" in where
        assert difference(final, final) == (0.0, "no pixel differs by much")
