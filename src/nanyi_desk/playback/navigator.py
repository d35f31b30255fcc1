"""Where the talk is: slide, language, open panels, blank screen, overlay. Plain Python, no Qt.

Everything a second view needs to show what the audience sees lives here, so the presenter
console, the kiosk and analytics can follow one state. The Qt wrapper (`ui.state.PlayerState`)
turns each change into a signal; views observe those and never call each other.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Literal

Blank = Literal["black", "white"]
Overlay = Literal["overview", "help"]
BLANKS: tuple[Blank, ...] = ("black", "white")
OVERLAYS: tuple[Overlay, ...] = ("overview", "help")


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
    blank: Blank | None = None
    """A black or white screen in place of the slide (B, W), or None."""
    overlay: Overlay | None = None
    """The overview or the help over the slide, or None."""
    ids: tuple[str | None, ...] = ()
    """Each slide's id (None where it has none); empty when unknown. A reload keeps the
    place by id."""

    def __post_init__(self) -> None:
        if self.ids and len(self.ids) != self.count:
            raise ValueError(f"{len(self.ids)} slide ids for {self.count} slides")
        if not self.lang:
            self.lang = self.languages[0]
        self.index = max(0, min(self.index, self.count - 1))

    # -- slides -----------------------------------------------------------------------

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

    # -- language ---------------------------------------------------------------------

    def set_language(self, lang: str) -> bool:
        """Switch to `lang` if the deck has it."""
        if lang not in self.languages or lang == self.lang:
            return False
        self.lang = lang
        return True

    def following_language(self) -> str:
        """The language that `cycle_language` would switch to."""
        at = self.languages.index(self.lang)
        return self.languages[(at + 1) % len(self.languages)]

    def cycle_language(self) -> bool:
        """The deck's next language, round and round."""
        return self.set_language(self.following_language())

    # -- panels -----------------------------------------------------------------------

    def open_panel(self, panel: str) -> bool:
        """Open `panel` on top of those open; the one already on top stays as it is."""
        if self.panels and self.panels[-1] == panel:
            return False
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

    # -- blank screen and overlays ----------------------------------------------------

    def toggle_blank(self, blank: Blank) -> bool:
        """Blank the screen black or white; the same again brings the slide back."""
        if blank not in BLANKS:
            raise ValueError(f"unknown blank screen {blank!r}")
        self.blank = None if self.blank == blank else blank
        return True

    def unblank(self) -> bool:
        """Bring the slide back from a blank screen."""
        if self.blank is None:
            return False
        self.blank = None
        return True

    def show_overlay(self, overlay: Overlay) -> bool:
        """Put the overview or the help over the slide (one at a time)."""
        if overlay not in OVERLAYS:
            raise ValueError(f"unknown overlay {overlay!r}")
        if self.overlay == overlay:
            return False
        self.overlay = overlay
        return True

    def close_overlay(self) -> bool:
        """Take the overlay away."""
        if self.overlay is None:
            return False
        self.overlay = None
        return True

    # -- starting over, and a deck that changed ---------------------------------------

    def reset(self) -> None:
        """Back to the start, as for the next visitor.

        The first slide, the default language, nothing open, nothing blank.
        """
        self.index = 0
        self.lang = self.languages[0]
        self.panels = ()
        self.blank = None
        self.overlay = None

    def reload(
        self,
        count: int,
        languages: Sequence[str],
        ids: Sequence[str | None] = (),
        panel_ids: Collection[str] | None = None,
    ) -> None:
        """The deck changed under the talk: keep the place where the new deck still has it.

        The same slide by its id, else by its number (clamped); the language if the deck still
        has it; the open panels down to the first that no longer exists (`panel_ids`, or all
        of them kept when that is None).
        """
        old_id = self.ids[self.index] if self.ids else None
        self.count = count
        self.languages = tuple(languages)
        self.ids = tuple(ids)
        if self.ids and len(self.ids) != count:
            raise ValueError(f"{len(self.ids)} slide ids for {count} slides")
        if old_id is not None and old_id in self.ids:
            self.index = self.ids.index(old_id)
        self.index = max(0, min(self.index, count - 1))
        if self.lang not in self.languages:
            self.lang = self.languages[0]
        if panel_ids is not None:
            kept: list[str] = []
            for panel in self.panels:
                if panel not in panel_ids:
                    break
                kept.append(panel)
            self.panels = tuple(kept)


def resolve_start(start: str | None, slide_ids: list[str | None]) -> int | None:
    """The 0-based slide `--start` names (an id, or a 1-based number); None if none."""
    if start is None:
        return 0
    if start in slide_ids:
        return slide_ids.index(start)
    if start.isdigit() and 1 <= int(start) <= len(slide_ids):
        return int(start) - 1
    return None
