"""The deck: YAML files in, a checked immutable model out. No Qt, no matplotlib."""

from .diagnostics import DeckError, Diagnostic, Level, Mark
from .loader import LoadedDeck, load_deck
from .model import Deck

__all__ = ["Deck", "DeckError", "Diagnostic", "Level", "LoadedDeck", "Mark", "load_deck"]
