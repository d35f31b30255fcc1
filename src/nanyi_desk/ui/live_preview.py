"""Live preview (`play --watch`, `present --watch`): a saved deck is on screen within a second.

The kiosk's `DeckReloader` watches the deck's files and loads a change off the GUI thread; a
good one replaces the deck under the talk (`PlayerState.replace_deck`: the same slide by id,
the panels that still exist, the language), a broken one leaves the last good deck on screen
and lists its errors in an `ErrorBar` until the next good save. Charts whose content did not
change come back from the disk store, so only what changed is drawn anew.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject

from nanyi_desk.deck import LoadedDeck
from nanyi_desk.deck.diagnostics import Diagnostic, Level, Mark, format_diagnostic
from nanyi_desk.render.context import DeckContext, deck_context

from .deck_reloader import DeckReloader
from .error_bar import ErrorBar
from .state import PlayerState

PREVIEW_SETTLE_MS = 100
"""A shorter pause than the kiosk's: the author is waiting for the slide."""


def ready(loaded: LoadedDeck) -> tuple[DeckContext | None, list[str]]:
    """The deck ready to paint, or None and why not, in validate's own words.

    The one judgement of a deck about to replace the one on screen (a save under the live
    preview, a deck dropped on the window): its errors, or a theme that cannot be used.
    """
    if loaded.deck is None:
        return None, [format_diagnostic(d) for d in loaded.errors]
    try:
        return deck_context(loaded), []
    except Exception as exc:  # noqa: BLE001 - a theme that cannot be used: the last stays
        mark = Mark(loaded.path, 1, 1)
        return None, [format_diagnostic(Diagnostic(mark, Level.ERROR, str(exc)))]


class LivePreview(QObject):
    """Follows a deck's files for a talk; shows errors on the bars it is given."""

    def __init__(
        self,
        loaded: LoadedDeck,
        state: PlayerState,
        bars: list[ErrorBar],
        lang: Callable[[], str] | None = None,
    ) -> None:
        super().__init__(state)
        self.state = state
        self.bars = bars
        self.lang = lang or (lambda: state.lang)
        """The bars' language: the talk's, or the presenter console's own."""
        self.reloader = DeckReloader(loaded, self, settle_ms=PREVIEW_SETTLE_MS)
        self.reloader.valid.connect(self._valid)
        self.reloader.broken.connect(self._broken)
        state.language_changed.connect(self._language)
        for bar in bars:
            bar.parentWidget().installEventFilter(self)

    def _valid(self, loaded: LoadedDeck) -> None:
        ctx, problems = ready(loaded)
        if ctx is None:
            self._broken_lines(problems)
            return
        self.state.replace_deck(ctx)
        for bar in self.bars:
            bar.clear()

    def _broken(self, loaded: LoadedDeck) -> None:
        self._broken_lines(ready(loaded)[1])

    def _broken_lines(self, lines: list[str]) -> None:
        for bar in self.bars:
            bar.show_errors(lines, self.lang())

    def _language(self, _lang: str) -> None:
        for bar in self.bars:
            bar.set_language(self.lang())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize:
            for bar in self.bars:
                if bar.parentWidget() is watched:
                    bar.resize_to_parent()
        return False

    def stop(self) -> None:
        """Watch nothing more."""
        self.reloader.stop()
