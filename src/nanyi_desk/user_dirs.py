"""Where nanyi-desk keeps what it writes for the user: logs, kiosk state, visit records.

Plain Python (the kiosk supervisor imports it, and must not import Qt). Each folder follows
its platform's convention and can be moved with an environment variable (tests, locked-down
kiosks with a writable data partition). Folders are created on first use.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP = "nanyi-desk"


def _home() -> Path:
    return Path.home()


def _pick(override: str, windows: str, mac: str, xdg: str, xdg_default: str) -> Path:
    given = os.environ.get(override)
    if given:
        folder = Path(given)
    elif sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(_home() / "AppData" / "Local")
        folder = Path(base) / APP / windows
    elif sys.platform == "darwin":
        folder = _home() / "Library" / mac / APP
    else:
        base = os.environ.get(xdg) or str(_home() / xdg_default)
        folder = Path(base) / APP
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def log_dir() -> Path:
    """The folder for rotating logs (override: NANYI_DESK_LOG_DIR).

    Windows: %LOCALAPPDATA%/nanyi-desk/Logs; macOS: ~/Library/Logs/nanyi-desk;
    elsewhere: $XDG_STATE_HOME/nanyi-desk (~/.local/state/nanyi-desk).
    """
    return _pick("NANYI_DESK_LOG_DIR", "Logs", "Logs", "XDG_STATE_HOME", ".local/state")


def data_dir() -> Path:
    """The folder for kiosk state and visit records (override: NANYI_DESK_DATA_DIR).

    Windows: %LOCALAPPDATA%/nanyi-desk/Data; macOS: ~/Library/Application Support/nanyi-desk;
    elsewhere: $XDG_DATA_HOME/nanyi-desk (~/.local/share/nanyi-desk).
    """
    return _pick(
        "NANYI_DESK_DATA_DIR", "Data", "Application Support", "XDG_DATA_HOME", ".local/share"
    )
