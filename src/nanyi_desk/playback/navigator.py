"""Where the talk is: current slide, open panels, language. Plain Python, no Qt.

The Qt wrapper (`ui.state.PlayerState`) turns changes into signals; the kiosk, the presenter
console and analytics observe those, never the widgets.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Navigator:
    """The player's state and the rules for changing it; every method says if it changed."""

    count: int
    """How many slides the deck has."""
    languages: tuple[str, ...]
    """The deck's languages; the first is the default."""
    index: int = 0
    """The current slide, 0-based."""
    lang: str = ""
    """The current language."""
    panels: tuple[str, ...] = field(default_factory=tuple)
    """The open panels, outermost first."""

    def __post_init__(self) -> None:
        if not self.lang:
            self.lang = self.languages[0]
        self.index = max(0, min(self.index, self.count - 1))

    def goto(self, index: int) -> bool:
        """Show slide `index` (clamped); panels close."""
        index = max(0, min(index, self.count - 1))
        if index == self.index:
            return False
        self.index = index
        self.panels = ()
        return True

    def next(self) -> bool:
        """The next slide."""
        return self.goto(self.index + 1)

    def previous(self) -> bool:
        """The previous slide."""
        return self.goto(self.index - 1)

    def first(self) -> bool:
        """The first slide."""
        return self.goto(0)

    def last(self) -> bool:
        """The last slide."""
        return self.goto(self.count - 1)

    def set_language(self, lang: str) -> bool:
        """Switch to `lang` if the deck has it."""
        if lang not in self.languages or lang == self.lang:
            return False
        self.lang = lang
        return True

    def cycle_language(self) -> bool:
        """The deck's next language, round and round."""
        at = self.languages.index(self.lang)
        return self.set_language(self.languages[(at + 1) % len(self.languages)])

    def open_panel(self, panel: str) -> bool:
        """Open `panel` on top of those open."""
        self.panels = (*self.panels, panel)
        return True

    def back(self) -> bool:
        """Close the innermost panel."""
        if not self.panels:
            return False
        self.panels = self.panels[:-1]
        return True

    def close_panels(self) -> bool:
        """Close every panel."""
        if not self.panels:
            return False
        self.panels = ()
        return True


def resolve_start(start: str | None, slide_ids: list[str | None]) -> int | None:
    """The 0-based slide `--start` names (an id, or a 1-based number); None if none."""
    if start is None:
        return 0
    if start in slide_ids:
        return slide_ids.index(start)
    if start.isdigit() and 1 <= int(start) <= len(slide_ids):
        return int(start) - 1
    return None
