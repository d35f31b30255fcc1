"""The kiosk's window: frameless, on top, full screen, and it does not close for visitors.

It holds the slides under the kiosk's own layers: the on-screen controls or the attract
loop's cue, in a band at the bottom that the slides are laid out above, and the staff's PIN
keypad over everything. The fallback screen covers the whole window, with no visitor layer.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QCloseEvent, QResizeEvent, QScreen
from PySide6.QtWidgets import QWidget

from nanyi_desk.theme import Theme

from .kiosk_widgets import BAND, AttractCue, ControlsBar, PinPad

log = logging.getLogger("nanyi_desk.kiosk")


class KioskWindow(QWidget):
    """Frameless, on top, full screen, and it does not close unless the staff says so."""

    def __init__(self, theme: Theme) -> None:
        super().__init__(
            None, Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
        )
        self.theme = theme
        self.allow_close = False
        self.view: QWidget | None = None
        self.layers = False
        """True while the view is the slides, under the visitor's band; False for the
        fallback screen, which has the whole window to itself."""
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setStyleSheet("background: #000;")
        self.setWindowTitle("nanyi-desk kiosk")
        self.controls = ControlsBar(theme, self)
        self.cue = AttractCue(theme, "触摸屏幕 开始探索 · Touch to explore", self)
        self.pinpad = PinPad(theme, self)
        # Hidden until the slides play (`attract`): the fallback screen never shows them.
        self.controls.hide()
        self.cue.hide()

    def install(self, view: QWidget, *, layers: bool = True) -> None:
        """Show `view` (the slides) above the visitor's band.

        With `layers=False` (the fallback screen) the view covers the whole window, and no
        control or cue is shown over its message.
        """
        old, self.view = self.view, view
        self.layers = layers
        if not layers:
            self.controls.hide()
            self.cue.hide()
        view.setParent(self)
        view.setGeometry(self.view_rect())
        view.show()
        for layer in (self.controls, self.cue, self.pinpad):
            layer.raise_()
        if old is not None:
            old.hide()
            old.deleteLater()
        view.setFocus()

    def view_rect(self) -> QRect:
        """Where the view goes: above the band while the visitor's layers are in use."""
        rect = self.rect()
        if self.layers:
            rect.setHeight(max(1, rect.height() - BAND))
        return rect

    def attract(self, on: bool) -> None:
        """The attract loop's cue, or the visitor's controls."""
        self.cue.setVisible(on)
        self.controls.setVisible(not on)
        self.cue.place()
        self.controls.place()

    def show_on(self, screen: QScreen) -> None:
        """Cover `screen`; without a window manager only the geometry makes it full screen."""
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.showFullScreen()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if self.view is not None:
            self.view.setGeometry(self.view_rect())
        self.controls.place()
        self.cue.place()
        if self.pinpad.isVisible():
            self.pinpad.setGeometry(self.rect())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Alt+F4 and the like
        if self.allow_close:
            event.accept()
        else:
            log.info("a close request was ignored (kiosk)")
            event.ignore()
