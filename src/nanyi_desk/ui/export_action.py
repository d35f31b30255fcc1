"""The "Export handout…" action (Ctrl+E) a window carries; the dialog loads when it is used.

Kept apart from `export_dialog`, which brings the PDF exporter with it: the action is made at
every start, the dialog only when someone exports, so the first slide does not wait for it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from nanyi_desk.render.context import DeckContext

SHORTCUT = "Ctrl+E"
LABEL = {"zh": "导出讲义…", "en": "Export handout…"}
"""The action's name, in the language shown."""


def install_export_action(
    window: QWidget, ctx: Callable[[], DeckContext], lang: Callable[[], str]
) -> QAction:
    """Add "Export handout…" (Ctrl+E) to `window`; the dialog opens on the deck as it is then.

    Args:
        window: The window whose shortcut it is (the player's, the presenter console's).
        ctx: The deck being shown, asked when the action fires (a reload replaces it).
        lang: The language shown then: the dialog speaks it and exports in it by default.

    Returns:
        The action, parented to `window`.
    """
    action = QAction(LABEL["zh" if lang().startswith("zh") else "en"], window)
    action.setShortcut(QKeySequence(SHORTCUT))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

    def open_dialog() -> None:
        from .export_dialog import open_export_dialog  # the PDF exporter loads now

        open_export_dialog(window, ctx(), lang())

    action.triggered.connect(open_dialog)
    window.addAction(action)
    return action
