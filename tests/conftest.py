"""Shared test set-up: offscreen Qt, the Agg backend, and paths to test data."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

# Before anything imports Qt or matplotlib: no display, no GUI backend.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")
# Charts drawn by one test must not be read back by another from the user's cache folder: the
# disk store is off (tests of the store itself give it a folder of their own).
os.environ["NANYI_DESK_CHART_CACHE"] = "off"
os.environ["NANYI_DESK_DECK_CACHE"] = "off"
os.environ["NANYI_DESK_FRAME_CACHE"] = "off"
# No chart helper process behind the players the tests start (its own tests start one).
os.environ["NANYI_DESK_CHART_WORKER"] = "off"

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"


def pytest_addoption(parser: pytest.Parser) -> None:
    """--update-reference: rewrite tests/reference/*.png from the renderer as it is now."""
    parser.addoption(
        "--update-reference",
        action="store_true",
        default=False,
        help="regenerate the reference images of tests/test_reference_images.py",
    )


def _expectation(deck: Path) -> tuple[Path, str]:
    text = deck.read_text(encoding="utf-8")
    expect = re.search(r"^# expect: (.+)$", text, re.M)
    assert expect, f"{deck.name} has no '# expect:' line"
    other = re.search(r"^# expect-file: (.+)$", text, re.M)
    file = (deck.parent / other.group(1)).resolve() if other else deck.resolve()
    return file, expect.group(1)


@pytest.fixture
def expectation():  # noqa: ANN201
    """Where a test deck says a diagnostic must be: its `# expect: LINE:COL: level: message`
    line, in the file its `# expect-file:` names (default: the deck itself)."""
    return _expectation


@pytest.fixture
def data_dir() -> Path:
    """tests/data."""
    return DATA


@pytest.fixture
def open_player(qtbot):  # noqa: ANN001, ANN201 - pytest-qt's fixture
    """A function that shows a deck in a 960×540 player window, as the app does."""

    def open_deck(deck, folder: Path):  # noqa: ANN001, ANN202
        from nanyi_desk.playback.navigator import Navigator
        from nanyi_desk.render.cache import SlideCache
        from nanyi_desk.render.context import DeckContext
        from nanyi_desk.render.fonts import register_fonts
        from nanyi_desk.theme import load_theme
        from nanyi_desk.ui.state import PlayerState
        from nanyi_desk.ui.window import PlayerWindow

        register_fonts()
        ctx = DeckContext(deck, folder, load_theme(deck.theme))
        window = PlayerWindow(
            PlayerState(Navigator(len(deck.slides), deck.languages)), SlideCache(ctx)
        )
        qtbot.addWidget(window)
        window.resize(960, 540)
        window.show()
        qtbot.waitExposed(window)
        return window

    return open_deck


@pytest.fixture
def player(open_player):  # noqa: ANN001, ANN201
    """The default deck in a player window."""
    from nanyi_desk.deck import load_deck
    from nanyi_desk.resources import default_deck

    loaded = load_deck(default_deck())
    assert loaded.deck is not None
    return open_player(loaded.deck, loaded.folder)
