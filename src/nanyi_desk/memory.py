"""Keep a long-running player's memory steady: bounded caches, and pixels back to the system.

`BytesLRU` is the one cache bounded in bytes (rendered slides, chart images); `steady_memory`
makes freed pixel buffers leave the process.


glibc serves an allocation from the heap once a freed block of that size raised its dynamic
mmap threshold; a rendered slide (8 MB at 1080p, 33 MB at 4K) then stays in the heap after
the cache drops it, and a kiosk that runs for weeks creeps. A fixed 1 MB threshold maps every
slide and chart image on its own and unmaps it when freed. Elsewhere (Windows, macOS, musl)
this does nothing. Plain Python, no Qt.
"""

from __future__ import annotations

import ctypes
import sys
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

M_MMAP_THRESHOLD = -3
"""glibc's mallopt parameter number (malloc.h)."""
THRESHOLD = 1024 * 1024


def steady_memory() -> bool:
    """Fix glibc's mmap threshold; True when it was set."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        # The process's own symbols hold libc's: no `ldconfig -p` run on the way to a start.
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # not glibc: nothing to tune
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    return bool(mallopt(M_MMAP_THRESHOLD, THRESHOLD))


class BytesLRU(Generic[K, V]):
    """A least-recently-used cache bounded in bytes, that always keeps its newest few.

    Bounded in bytes rather than entries: a 4K slide weighs sixteen 1080p ones. The newest
    `keep` entries stay even over budget (the current slide and its neighbours).
    """

    def __init__(self, budget: float, weigh: Callable[[V], int], keep: int = 1) -> None:
        self.budget = budget
        """Bytes to hold at most…"""
        self.keep = keep
        """…unless fewer than this many entries would stay."""
        self.weigh = weigh
        """The bytes an entry holds."""
        self.bytes = 0
        """The bytes held now."""
        self.hits = 0
        self.misses = 0
        self._entries: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K) -> V | None:
        """The entry under `key`, now the most recently used; None (a miss) if absent."""
        found = self._entries.get(key)
        if found is None:
            self.misses += 1
            return None
        self.hits += 1
        self._entries.move_to_end(key)
        return found

    def put(self, key: K, value: V) -> None:
        """Hold `value` as the most recently used, then drop the least used while over budget."""
        old = self._entries.pop(key, None)
        if old is not None:
            self.bytes -= self.weigh(old)
        self._entries[key] = value
        self.bytes += self.weigh(value)
        while self.bytes > self.budget and len(self._entries) > self.keep:
            _, dropped = self._entries.popitem(last=False)
            self.bytes -= self.weigh(dropped)

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def keys(self) -> list[K]:
        """The keys, least recently used first."""
        return list(self._entries)

    def clear(self) -> None:
        """Forget every entry (the counts of hits and misses stay)."""
        self._entries.clear()
        self.bytes = 0
