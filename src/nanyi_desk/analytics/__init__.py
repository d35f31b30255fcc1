"""Visit analytics, offline: what visitors do at the kiosk, in a local SQLite file.

Plain Python (stdlib sqlite3): `Recorder` writes visits, and nothing is ever sent anywhere.
Nothing here imports Qt or matplotlib (the Qt observer is `nanyi_desk.ui.visits`).
"""

from __future__ import annotations

from .recorder import Recorder, RecorderStats
from .store import SCHEMA_VERSION, SchemaTooNew, default_path

__all__ = [
    "SCHEMA_VERSION",
    "Recorder",
    "RecorderStats",
    "SchemaTooNew",
    "default_path",
]
