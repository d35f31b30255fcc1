"""The deck: YAML files in, a checked immutable model out. No Qt, no matplotlib.

`load_deck` and `Deck` load on first use: a start that reads its deck back from the cache
(`load_cache`) never imports the loader, its checks and the pre-flight.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .diagnostics import DeckError, Diagnostic, Level, Mark
from .loaded import LoadedDeck

if TYPE_CHECKING:
    from .loader import load_deck
    from .model import Deck

__all__ = ["Deck", "DeckError", "Diagnostic", "Level", "LoadedDeck", "Mark", "load_deck"]


def __getattr__(name: str) -> Any:
    if name == "load_deck":
        from .loader import load_deck

        return load_deck
    if name == "Deck":
        from .model import Deck

        return Deck
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
