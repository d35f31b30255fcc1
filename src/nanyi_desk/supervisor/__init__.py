"""The kiosk's watchdog: a plain-Python process that keeps the Qt player running.

`link` is the contract both processes import (child command line, heartbeat, saved place);
`policy` decides restart / fallback / stop from events and a clock; `runner` drives the
policy with real processes. Never imports Qt, matplotlib or the UI (import-linter checks it):
the watchdog must keep working when the player cannot even start.
"""
