"""Keep a long-running player's memory steady: big pixel buffers go back to the system.

glibc serves an allocation from the heap once a freed block of that size raised its dynamic
mmap threshold; a rendered slide (8 MB at 1080p, 33 MB at 4K) then stays in the heap after
the cache drops it, and a kiosk that runs for weeks creeps. A fixed 1 MB threshold maps every
slide and chart image on its own and unmaps it when freed. Elsewhere (Windows, macOS, musl)
this does nothing. Plain Python, no Qt.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

M_MMAP_THRESHOLD = -3
"""glibc's mallopt parameter number (malloc.h)."""
THRESHOLD = 1024 * 1024


def steady_memory() -> bool:
    """Fix glibc's mmap threshold; True when it was set."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # not glibc: nothing to tune
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    return bool(mallopt(M_MMAP_THRESHOLD, THRESHOLD))
