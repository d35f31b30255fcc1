"""Keep the display awake while the kiosk runs: best effort, and logged either way.

Windows: SetThreadExecutionState(ES_CONTINUOUS | ES_DISPLAY_REQUIRED | ES_SYSTEM_REQUIRED),
held by the GUI thread until released. Linux and other freedesktops:
org.freedesktop.ScreenSaver.Inhibit on the session bus (QtDBus). Where neither exists (a bare
X session with no screensaver service) there is nothing to inhibit, and the log says so.
"""

from __future__ import annotations

import logging
import sys

log = logging.getLogger("nanyi_desk.kiosk")

ES_CONTINUOUS = 0x80000000
ES_SYSTEM_REQUIRED = 0x00000001
ES_DISPLAY_REQUIRED = 0x00000002


class KeepAwake:
    """Inhibits screen blanking from `hold()` to `release()`."""

    def __init__(self) -> None:
        self.how: str | None = None
        self._cookie: int | None = None

    def hold(self) -> bool:
        """Ask the system to keep the display on; True when something agreed."""
        try:
            if sys.platform == "win32":
                return self._windows(ES_CONTINUOUS | ES_DISPLAY_REQUIRED | ES_SYSTEM_REQUIRED)
            return self._dbus()
        except Exception as exc:  # noqa: BLE001 - staying awake is a nicety, never a crash
            log.warning("cannot keep the display awake: %s", exc)
            return False

    def release(self) -> None:
        """Let the display sleep again."""
        try:
            if self.how == "windows":
                self._windows(ES_CONTINUOUS)
            elif self.how == "dbus" and self._cookie is not None:
                self._interface().call("UnInhibit", self._cookie)
        except Exception as exc:  # noqa: BLE001
            log.warning("cannot release the display: %s", exc)
        self.how, self._cookie = None, None

    def _windows(self, flags: int) -> bool:
        import ctypes

        done = ctypes.windll.kernel32.SetThreadExecutionState(flags)  # type: ignore[attr-defined]
        if not done:
            log.warning("SetThreadExecutionState refused: the display may sleep")
            return False
        self.how = "windows"
        log.info("display kept awake (SetThreadExecutionState)")
        return True

    @staticmethod
    def _interface():  # noqa: ANN205 - QDBusInterface, imported lazily
        from PySide6.QtDBus import QDBusConnection, QDBusInterface

        return QDBusInterface(
            "org.freedesktop.ScreenSaver",
            "/org/freedesktop/ScreenSaver",
            "org.freedesktop.ScreenSaver",
            QDBusConnection.sessionBus(),
        )

    def _dbus(self) -> bool:
        from PySide6.QtDBus import QDBusConnection

        if not QDBusConnection.sessionBus().isConnected():
            log.info("no session bus: nothing to keep the display awake with (no screensaver?)")
            return False
        interface = self._interface()
        if not interface.isValid():
            log.info("no org.freedesktop.ScreenSaver service: the display is left as it is")
            return False
        reply = interface.call("Inhibit", "nanyi-desk", "kiosk is showing")
        arguments = reply.arguments()
        if not arguments:
            log.warning("ScreenSaver.Inhibit gave no cookie: %s", reply.errorMessage())
            return False
        self._cookie = int(arguments[0])
        self.how = "dbus"
        log.info("display kept awake (org.freedesktop.ScreenSaver.Inhibit)")
        return True
