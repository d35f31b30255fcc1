"""Where nanyi-desk keeps what it writes for the user: logs, kiosk state, visit records, caches.

Plain Python: the standard library and platformdirs (the kiosk supervisor imports it, and
must not import Qt). platformdirs knows each system's conventions, XDG variables included.

These functions only name folders: they never create one, so that a read-only command
(`report`) leaves no trace. Whoever writes a file makes its folder at that moment
(`mkdir(parents=True, exist_ok=True)`): the log set-up, the visit recorder, the supervisor.

NANYI_DESK_LOG_DIR and NANYI_DESK_DATA_DIR move the log and data folders (tests, locked-down
kiosks with a writable data partition).

Folders written before platformdirs: nothing a user made is left behind. Where the folder
nanyi-desk's earlier hand-written rules chose differs from platformdirs' and already holds
files, that folder stays in use on that machine:

- Windows, data: platformdirs says %LOCALAPPDATA%/nanyi-desk; earlier, …/nanyi-desk/Data.
- Linux and other XDG systems, logs: platformdirs says $XDG_STATE_HOME/nanyi-desk/log;
  earlier, $XDG_STATE_HOME/nanyi-desk.
- macOS, data, when $XDG_DATA_HOME is set (platformdirs honours it on macOS too): earlier,
  always ~/Library/Application Support/nanyi-desk.

Everywhere else the two agree.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Literal

import platformdirs
from platformdirs.api import PlatformDirsABC

APP = "nanyi-desk"
"""The folder name inside each platform's per-user folders."""

_Kind = Literal["log", "data", "cache", "config"]


def log_dir() -> Path:
    """The folder for rotating logs (override: NANYI_DESK_LOG_DIR).

    Windows: %LOCALAPPDATA%/nanyi-desk/Logs; macOS: ~/Library/Logs/nanyi-desk;
    elsewhere: $XDG_STATE_HOME/nanyi-desk/log (~/.local/state/nanyi-desk/log).
    """
    return _folder("log", os.environ.get("NANYI_DESK_LOG_DIR"))


def data_dir() -> Path:
    """The folder for kiosk state and visit records (override: NANYI_DESK_DATA_DIR).

    Windows: %LOCALAPPDATA%/nanyi-desk; macOS: ~/Library/Application Support/nanyi-desk;
    elsewhere: $XDG_DATA_HOME/nanyi-desk (~/.local/share/nanyi-desk).
    """
    return _folder("data", os.environ.get("NANYI_DESK_DATA_DIR"))


def cache_dir() -> Path:
    """The folder for what can be made again: chart caches, matplotlib's font cache.

    Windows: %LOCALAPPDATA%/nanyi-desk/Cache; macOS: ~/Library/Caches/nanyi-desk;
    elsewhere: $XDG_CACHE_HOME/nanyi-desk (~/.cache/nanyi-desk).
    """
    return _folder("cache", None)


def config_dir() -> Path:
    """The folder for settings a person edits.

    Windows: %LOCALAPPDATA%/nanyi-desk; macOS: ~/Library/Application Support/nanyi-desk;
    elsewhere: $XDG_CONFIG_HOME/nanyi-desk (~/.config/nanyi-desk).
    """
    return _folder("config", None)


def _platform_dirs() -> PlatformDirsABC:
    # appauthor=False: no publisher folder on Windows. roaming=False: a kiosk's state and
    # visits belong to the machine, not to a profile copied between machines.
    return platformdirs.PlatformDirs(APP, appauthor=False, roaming=False)


def _folder(
    kind: _Kind,
    override: str | None,
    *,
    dirs: PlatformDirsABC | None = None,
    platform: str = sys.platform,
    home: Path | None = None,
) -> Path:
    """The folder of `kind`: the override, an earlier folder that holds files, or platformdirs'.

    `dirs`, `platform` and `home` are for tests: another system's rules on this one.
    """
    if override:
        return Path(override)
    dirs = dirs or _platform_dirs()
    chosen = Path(getattr(dirs, f"user_{kind}_path"))  # user_log_path, user_data_path, …
    earlier = _earlier(kind, dirs, platform, home or Path.home())
    if earlier is not None and earlier != chosen and _holds_files(earlier):
        return earlier
    return chosen


def _earlier(kind: _Kind, dirs: PlatformDirsABC, platform: str, home: Path) -> Path | None:
    # Only where nanyi-desk's own rules before platformdirs differ (see the docstring).
    if kind == "data" and platform == "win32":
        return dirs.user_data_path / "Data"
    if kind == "data" and platform == "darwin":
        return home / "Library" / "Application Support" / APP
    if kind == "log" and platform not in ("win32", "darwin"):
        return dirs.user_state_path
    return None


def _holds_files(folder: Path) -> bool:
    try:
        return any(entry.is_file() for entry in folder.iterdir())
    except OSError:  # missing, or not ours to read: nothing to keep using there
        return False
