"""Which screen shows the audience and which the console. Plain Python.

The rule presenters expect from PowerPoint and Impress: the projector is the screen that is
not the primary one (the laptop's), unless `--audience-screen` names one; with one screen both
views open as windows, so a talk can be rehearsed anywhere. Run again whenever a screen comes
or goes, so a projector plugged in mid-talk takes the audience view.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Placement:
    """Where the two views go."""

    audience: int
    """The audience view's screen."""
    console: int
    """The console's screen."""
    audience_fullscreen: bool
    """True when the audience has a screen of its own (full screen there)."""


def plan_screens(count: int, primary: int = 0, requested: int | None = None) -> Placement:
    """The placement on `count` screens, `primary` being the laptop's.

    A `requested` screen that is not there (a projector pulled out) is ignored, as if none
    were asked for; with one screen, both views share it as windows.
    """
    if count < 1:
        raise ValueError("no screen")
    primary = primary if 0 <= primary < count else 0
    if count == 1:
        return Placement(audience=0, console=0, audience_fullscreen=False)
    audience = requested if requested is not None and 0 <= requested < count else None
    if audience is None:
        audience = next(i for i in range(count) if i != primary)
    console = primary if primary != audience else next(i for i in range(count) if i != audience)
    return Placement(audience=audience, console=console, audience_fullscreen=True)


def screens_text(count: int) -> str:
    """'there is 1 screen (0)', 'there are 3 screens (0–2)': for a bad --screen."""
    if count == 1:
        return "there is 1 screen (0)"
    return f"there are {count} screens (0–{count - 1})"
