"""The player's observable state: the one channel every view and observer goes through.

`PlayerState` wraps a plain `Navigator` and emits a signal for every change: slide, language,
open panels, blank screen, overlay, a reset and a deck swapped under the talk. The slide view,
the panel layer, the kiosk, the visit recorder and the presenter console all observe it and
send their requests to it; none of them calls another ("attributes down, messages up").

One `PlayerState` lives as long as its window: a reloaded deck changes under it
(`replace_deck`), so observers never have to follow a new one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from nanyi_desk.deck.model import Deck
from nanyi_desk.playback.navigator import Blank, Navigator, Overlay


class PlayerState(QObject):
    """Where the talk is, with a signal for each kind of change."""

    slide_changed = Signal(int)
    """The current slide's 0-based index."""
    language_changed = Signal(str)
    """The current language code."""
    panels_changed = Signal(tuple)
    """The open panel ids, outermost first."""
    blank_changed = Signal(str)
    """The blank screen: "black", "white", or "" when the slide shows."""
    overlay_changed = Signal(str)
    """The overlay up: "overview", "help", or "" when none is."""
    was_reset = Signal()
    """`reset()` brought everything back to the start (after the changes' own signals)."""
    deck_changed = Signal(object)
    """A new deck replaced the old under the talk: its render context (the place's own
    signals follow)."""

    def __init__(self, navigator: Navigator, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._nav = navigator

    @classmethod
    def for_deck(cls, deck: Deck, index: int = 0, lang: str | None = None) -> PlayerState:
        """The state of a talk about to start on `deck`, at slide `index` in `lang`."""
        return cls(
            Navigator(
                len(deck.slides),
                deck.languages,
                index,
                lang or deck.languages[0],
                ids=tuple(slide.id for slide in deck.slides),
            )
        )

    # -- reading ----------------------------------------------------------------------

    @property
    def index(self) -> int:
        """The current slide."""
        return self._nav.index

    @property
    def count(self) -> int:
        """How many slides."""
        return self._nav.count

    @property
    def lang(self) -> str:
        """The current language."""
        return self._nav.lang

    @property
    def languages(self) -> tuple[str, ...]:
        """The deck's languages, the default first."""
        return self._nav.languages

    @property
    def following_language(self) -> str:
        """The language L would switch to (what a language button shows)."""
        return self._nav.following_language()

    @property
    def panels(self) -> tuple[str, ...]:
        """The open panels."""
        return self._nav.panels

    @property
    def blank(self) -> Blank | None:
        """The blank screen: "black", "white" or None."""
        return self._nav.blank

    @property
    def overlay(self) -> Overlay | None:
        """The overlay up: "overview", "help" or None."""
        return self._nav.overlay

    @property
    def slide_ids(self) -> tuple[str | None, ...]:
        """Each slide's id, where known."""
        return self._nav.ids

    # -- changing ---------------------------------------------------------------------

    def place(self) -> tuple[object, ...]:
        """Where the player is: slide, language, open panels, blank screen, overlay."""
        return self._place()

    def _place(self) -> tuple[object, ...]:
        nav = self._nav
        return (nav.index, nav.lang, nav.panels, nav.blank, nav.overlay)

    def _announce(self, before: tuple[object, ...]) -> bool:
        """Emit a signal for each part of the place that differs from `before`."""
        nav = self._nav
        after = self._place()
        if after == before:
            return False
        # The slide first: a view that follows it then draws the new slide's panels.
        if after[0] != before[0]:
            self.slide_changed.emit(nav.index)
        if after[1] != before[1]:
            self.language_changed.emit(nav.lang)
        if after[2] != before[2]:
            self.panels_changed.emit(nav.panels)
        if after[3] != before[3]:
            self.blank_changed.emit(nav.blank or "")
        if after[4] != before[4]:
            self.overlay_changed.emit(nav.overlay or "")
        return True

    def _apply(self, change: Callable[[], Any]) -> bool:
        """Run a navigator change and announce what it moved."""
        before = self._place()
        change()
        return self._announce(before)

    def goto(self, index: int) -> bool:
        """Show slide `index` (clamped); its panels close."""
        return self._apply(lambda: self._nav.goto(index))

    def next(self) -> bool:
        """The next slide."""
        return self.goto(self._nav.index + 1)

    def previous(self) -> bool:
        """The previous slide."""
        return self.goto(self._nav.index - 1)

    def first(self) -> bool:
        """The first slide."""
        return self.goto(0)

    def last(self) -> bool:
        """The last slide."""
        return self.goto(self._nav.count - 1)

    def set_language(self, lang: str) -> bool:
        """Switch language, if the deck has it."""
        return self._apply(lambda: self._nav.set_language(lang))

    def cycle_language(self) -> bool:
        """The deck's next language."""
        return self._apply(self._nav.cycle_language)

    def open_panel(self, panel: str) -> bool:
        """Open a panel on top; the one already on top stays as it is."""
        return self._apply(lambda: self._nav.open_panel(panel))

    def back(self) -> bool:
        """Close the innermost panel."""
        return self._apply(self._nav.back)

    def close_panels(self) -> bool:
        """Close every panel."""
        return self._apply(self._nav.close_panels)

    def toggle_blank(self, blank: Blank) -> bool:
        """Black or white screen; the same again brings the slide back."""
        return self._apply(lambda: self._nav.toggle_blank(blank))

    def unblank(self) -> bool:
        """Bring the slide back from a blank screen."""
        return self._apply(self._nav.unblank)

    def show_overlay(self, overlay: Overlay) -> bool:
        """The overview or the help over the slide."""
        return self._apply(lambda: self._nav.show_overlay(overlay))

    def close_overlay(self) -> bool:
        """Take the overlay away."""
        return self._apply(self._nav.close_overlay)

    def reset(self) -> None:
        """Start over as for the next visitor (the kiosk's idle reset); `was_reset` follows."""
        self._apply(self._nav.reset)
        self.was_reset.emit()

    def replace_deck(self, ctx: Any) -> None:
        """Play `ctx.deck` from now on, keeping the place where it still exists.

        `ctx` is the deck's render context (it has `.deck`); views that draw take it from
        `deck_changed`. The same slide by id (else number), the language, and the panels that
        still exist stay; a signal follows for each that moved.
        """
        deck = ctx.deck
        before = self._place()
        self._nav.reload(
            len(deck.slides),
            deck.languages,
            tuple(slide.id for slide in deck.slides),
            frozenset(deck.panels),
        )
        # The views swap their drawing first, then follow the place as for any change.
        self.deck_changed.emit(ctx)
        self._announce(before)
