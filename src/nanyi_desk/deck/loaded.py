"""What loading a deck gives (`LoadedDeck`), and where a deck's main file is.

Apart from the loader so that a deck read back from the cache (`load_cache`) brings only
this, the model and its places: not the loader, its checks and the pre-flight, which a start
that finds its deck unchanged never needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from nanyi_desk.resources import themes_dir

from .diagnostics import Diagnostic, Level

if TYPE_CHECKING:
    from .model import Deck
    from .places import Places

DECK_FILE = "deck.yaml"


@dataclass(frozen=True)
class LoadedDeck:
    """What loading a deck gave: the model (when usable) and every problem found."""

    path: Path
    """The deck's main file."""
    folder: Path
    """The deck's folder: every path in the deck is relative to it."""
    deck: Deck | None
    """The checked model; None when any error was found."""
    diagnostics: tuple[Diagnostic, ...]
    """Every error and warning, in file and line order."""
    files: tuple[Path, ...] = ()
    """Every file the deck was read from (main file, includes, CSVs)."""
    places: Places | None = None
    """Where each value stands, for checks that run after loading (the layout's overflow)."""

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        """The diagnostics at error level."""
        return tuple(d for d in self.diagnostics if d.level is Level.ERROR)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        """The diagnostics at warning level."""
        return tuple(d for d in self.diagnostics if d.level is Level.WARNING)


def find_deck_file(path: Path) -> Path:
    """The deck's main file: `path` itself, or the deck.yaml of a folder."""
    return path / DECK_FILE if path.is_dir() else path


def builtin_theme_names() -> list[str]:
    """The names of the themes that ship with nanyi-desk."""
    return sorted(p.stem for p in themes_dir().glob("*.yaml"))
