"""A key event as a keymap action: the one door from Qt's keys to `playback.keymap`."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

from nanyi_desk.playback.keymap import action_for, key_name


def event_action(event: QKeyEvent, in_panel: bool = False) -> str | None:
    """The keymap action of a key press (on a slide, or in an open panel), or None."""
    try:
        key = Qt.Key(event.key())
    except ValueError:  # a key Qt has no name for (some media keys): nothing of ours
        return None
    return action_for(key_name(key), in_panel)
