"""Visit analytics, offline: what visitors do at the kiosk, in a local SQLite file.

Plain Python (stdlib sqlite3): `Recorder` writes visits, `summarize` reads them back. Nothing
is ever sent anywhere. No matplotlib (the report's chart is `nanyi_desk.charts.report`,
imported on demand) and no Qt (the Qt observer is `nanyi_desk.ui.visits`).
"""

from __future__ import annotations

from .recorder import Recorder, RecorderStats
from .store import SCHEMA_VERSION, SchemaTooNew, default_path
from .summary import Summary, format_summary, summarize

__all__ = [
    "SCHEMA_VERSION",
    "Recorder",
    "RecorderStats",
    "SchemaTooNew",
    "Summary",
    "default_path",
    "format_summary",
    "summarize",
]
