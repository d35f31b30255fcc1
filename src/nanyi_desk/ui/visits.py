"""The visit observer: PlayerState's signals, turned into a Recorder's events.

May import: QtCore, nanyi_desk.ui.state and nanyi_desk.analytics. Like the kiosk controller
and the presenter console, it only watches the shared state, never the widgets.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, QTimer

from nanyi_desk.analytics import Recorder
from nanyi_desk.ui.state import PlayerState

CHECKPOINT_MS = 5000
"""How often a visit under way is offered to the database (`Recorder.checkpoint`), so that a
crash loses at most these seconds of it. A timer, never a touch: a key press or a page turn
costs the visitor nothing, and a checkpoint with nothing new writes nothing."""


class VisitObserver(QObject):
    """Records what the visitor does, between the kiosk's `begin()` and `end()` only.

    Between sessions the kiosk plays on its own (attract loop, idle reset to the first
    slide): those changes are nobody's visit, so they are not recorded.

    Args:
        state: The player's state to watch.
        recorder: Where the events go.
        slide_ids: Each slide's id (None where it has none), by index.
        parent: The Qt parent.
    """

    def __init__(
        self,
        state: PlayerState,
        recorder: Recorder,
        slide_ids: Sequence[str | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._state = state
        self._recorder = recorder
        self._slide_ids = tuple(slide_ids)
        self._panels: tuple[str, ...] = ()
        self._recording = False
        # An attribute, parented: it lives exactly as long as the observer.
        self._checkpoints = QTimer(self)
        self._checkpoints.setInterval(CHECKPOINT_MS)
        self._checkpoints.timeout.connect(recorder.checkpoint)
        state.slide_changed.connect(self._on_slide)
        state.language_changed.connect(self._on_language)
        state.panels_changed.connect(self._on_panels)
        state.deck_changed.connect(self._on_deck)

    def _on_deck(self, _ctx: object) -> None:
        """A reloaded deck replaced the old under the same state.

        A visit under way ends as "reload", since its slide numbers meant the old deck; the
        new slides' ids come from the state.
        """
        self.end("reload")
        self._panels = self._state.panels
        if self._state.slide_ids:
            self._slide_ids = self._state.slide_ids

    @property
    def recording(self) -> bool:
        """True between `begin()` and `end()`."""
        return self._recording

    def begin(self) -> None:
        """The first touch: a session starts where the player is now."""
        self._recording = True
        self._panels = self._state.panels
        self._recorder.begin(self._state.lang, self._state.index, self._slide_id(self._state.index))
        self._checkpoints.start()

    def end(self, reason: str, idle_s: float = 0.0) -> None:
        """The session is over ("idle", "exit", ...); see `Recorder.end` for `idle_s`."""
        if not self._recording:
            return
        self._recording = False
        self._checkpoints.stop()
        self._recorder.end(reason, idle_s)

    def _slide_id(self, index: int) -> str | None:
        return self._slide_ids[index] if 0 <= index < len(self._slide_ids) else None

    def _on_slide(self, index: int) -> None:
        if self._recording:
            self._recorder.slide(index, self._slide_id(index))

    def _on_language(self, lang: str) -> None:
        if self._recording:
            self._recorder.language(lang)

    def _on_panels(self, panels: tuple[str, ...]) -> None:
        before, self._panels = self._panels, tuple(panels)
        if not self._recording:
            return
        # Every panel not where it was is newly opened; closing one opens nothing.
        for depth, panel in enumerate(self._panels, start=1):
            if depth > len(before) or before[depth - 1] != panel:
                self._recorder.panel(panel, self._state.index, depth)
