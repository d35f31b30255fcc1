"""The player's observable state: what the kiosk, presenter console and analytics watch.

`PlayerState` wraps a plain `Navigator` and emits a signal for every change, so observers
never reach into widgets ("attributes down, messages up").
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from nanyi_desk.playback.navigator import Navigator


class PlayerState(QObject):
    """Current slide, open panels and language, with a signal for each."""

    slide_changed = Signal(int)
    """The current slide's 0-based index."""
    language_changed = Signal(str)
    """The current language code."""
    panels_changed = Signal(tuple)
    """The open panel ids, outermost first."""

    def __init__(self, navigator: Navigator, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.nav = navigator

    @property
    def index(self) -> int:
        """The current slide."""
        return self.nav.index

    @property
    def lang(self) -> str:
        """The current language."""
        return self.nav.lang

    @property
    def panels(self) -> tuple[str, ...]:
        """The open panels."""
        return self.nav.panels

    def _slide(self, changed: bool, had_panels: tuple[str, ...]) -> bool:
        if changed:
            self.slide_changed.emit(self.nav.index)
            if had_panels != self.nav.panels:
                self.panels_changed.emit(self.nav.panels)
        return changed

    def goto(self, index: int) -> bool:
        """Show slide `index`."""
        had = self.nav.panels
        return self._slide(self.nav.goto(index), had)

    def next(self) -> bool:
        """The next slide."""
        return self.goto(self.nav.index + 1)

    def previous(self) -> bool:
        """The previous slide."""
        return self.goto(self.nav.index - 1)

    def first(self) -> bool:
        """The first slide."""
        return self.goto(0)

    def last(self) -> bool:
        """The last slide."""
        return self.goto(self.nav.count - 1)

    def set_language(self, lang: str) -> bool:
        """Switch language."""
        changed = self.nav.set_language(lang)
        if changed:
            self.language_changed.emit(lang)
        return changed

    def cycle_language(self) -> bool:
        """The next language of the deck."""
        changed = self.nav.cycle_language()
        if changed:
            self.language_changed.emit(self.nav.lang)
        return changed

    def open_panel(self, panel: str) -> bool:
        """Open a panel on top."""
        self.nav.open_panel(panel)
        self.panels_changed.emit(self.nav.panels)
        return True

    def back(self) -> bool:
        """Close the innermost panel."""
        changed = self.nav.back()
        if changed:
            self.panels_changed.emit(self.nav.panels)
        return changed

    def close_panels(self) -> bool:
        """Close every panel."""
        changed = self.nav.close_panels()
        if changed:
            self.panels_changed.emit(self.nav.panels)
        return changed
