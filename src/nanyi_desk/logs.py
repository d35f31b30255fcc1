"""The rotating log files in the user's log folder: the supervisor's and the player's.

Plain Python, the standard library and `nanyi_desk.user_dirs` only (the kiosk supervisor
logs where Qt cannot run). A log is a nicety next to the show: setting one up never raises.
"""

from __future__ import annotations

import logging
import os
import sys
from logging.handlers import RotatingFileHandler

from nanyi_desk.user_dirs import log_dir

FORMAT = "%(asctime)s %(levelname)s pid %(process)d %(name)s: %(message)s"
"""Every nanyi-desk log line: when, how bad, which process (a restarted player is a new
pid), which part of the program."""

MAX_BYTES = 1_000_000
"""A log file's size before it is rotated."""
BACKUPS = 5
"""How many rotated files are kept (`kiosk.log.1` … `kiosk.log.5`)."""


def rotating_log(
    file_name: str,
    *,
    logger: str = "nanyi_desk",
    max_bytes: int = MAX_BYTES,
    backups: int = BACKUPS,
    level: int = logging.INFO,
) -> bool:
    """Send `logger`'s records (and its children's) to `file_name` in the log folder.

    Creates the folder if needed. Calling it again for the same file and logger changes
    nothing. The logger's level is lowered to `level` if it is above it (or unset).

    Args:
        file_name: The file's name inside `user_dirs.log_dir()`, e.g. "kiosk.log".
        logger: The logger to attach to.
        max_bytes: Rotate when the file reaches this size.
        backups: Rotated files kept.
        level: The least severe records written.

    Returns:
        True when the file is being written; False when it cannot be (a read-only disk,
        a full one, no permission): one line on stderr says why, and the program goes on.
    """
    target = logging.getLogger(logger)
    # Before the file: a log that cannot be written still reaches other handlers (stderr).
    if target.level == logging.NOTSET or target.level > level:
        target.setLevel(level)
    try:
        folder = log_dir()
        path = os.path.abspath(folder / file_name)
        if _handler(target, path) is None:
            folder.mkdir(parents=True, exist_ok=True)
            handler = RotatingFileHandler(
                path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8"
            )
            handler.setFormatter(logging.Formatter(FORMAT))
            target.addHandler(handler)
    except OSError as exc:
        sys.stderr.write(f"nanyi-desk: cannot write the log {file_name}: {exc}\n")
        return False
    return True


def close_log(file_name: str, *, logger: str = "nanyi_desk") -> None:
    """Stop writing `file_name` for `logger` and close it (for a caller that cleans up)."""
    target = logging.getLogger(logger)
    for handler in target.handlers[:]:
        # By name: the log folder may have moved since (NANYI_DESK_LOG_DIR in tests).
        if isinstance(handler, RotatingFileHandler) and (
            os.path.basename(handler.baseFilename) == file_name
        ):
            target.removeHandler(handler)
            handler.close()


def _handler(logger: logging.Logger, path: str) -> RotatingFileHandler | None:
    for handler in logger.handlers:
        if isinstance(handler, RotatingFileHandler) and handler.baseFilename == path:
            return handler
    return None
