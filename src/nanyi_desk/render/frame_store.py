"""The first frames of past starts, kept so that the next start can show its slide at once.

A start's first frame is the same picture every time the same deck, unchanged, starts on the
same slide, in the same language, on a screen of the same size: what the player painted
last time. Showing that picture needs only Qt (a bare window and one image, the floor of any
start), while the player behind it needs the deck's model (pydantic), the deck read back and
the window built, about a third of a second more. So the first paint of a start is kept here,
and a later start shows it until the player's own first frame, the same pixels, replaces it.

An entry is named by a hash of how the start was asked for (the key, `frame_key`) and holds,
as PNG text, the size and time of every file that shapes the picture: the deck's own files,
its pictures and theme file. A file changed since, a damaged or foreign entry, another
nanyi-desk: a miss, and the start is an ordinary one. Entries are written beside their name
and renamed into place; past `LIMIT` entries the oldest go.

QtGui only: this is what a start reads before anything else of ours is imported.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import json
import logging
import os
import sys
from collections.abc import Iterable
from pathlib import Path

import PySide6
from PySide6.QtGui import QImage

from nanyi_desk import __version__

from .png_files import load_png, png_texts, prune_least_recent, save_png

log = logging.getLogger("nanyi_desk.render")

FORMAT = "1"
"""Bumped when what an entry means changes."""
LIMIT = 160
"""Entries kept: a kiosk keeps one per slide and language it shows."""
BUDGET_MB = 64
"""Their size at most: ~0.2 MB each at 1080p, up to ~1 MB at 4K."""
_KEY, _STAMPS = "nanyi-frame", "nanyi-stamps"

Stamp = tuple[str, int, int]


@functools.cache
def code_fingerprint() -> str:
    """What drew the frame: nanyi-desk's code, fonts and themes, by name, size and time.

    From source, every file of the package and its resources, and the Qt and matplotlib
    installed (a few milliseconds of stat calls, no reading, nothing imported); frozen, the
    executable itself as well as the version.
    """
    digest = hashlib.sha256(f"{FORMAT}|{__version__}|{PySide6.__version__}".encode())
    package = Path(__file__).resolve().parents[1]
    roots = [package, package.parents[1] / "resources", package / "_data" / "resources"]
    with contextlib.suppress(ImportError, ValueError):  # an upgrade draws charts anew
        spec = importlib.util.find_spec("matplotlib")
        if spec is not None and spec.origin is not None:
            roots.append(Path(spec.origin))
    if getattr(sys, "frozen", False):
        roots = [Path(sys.executable)]
    for root in roots:
        if root.is_file():
            files = [root]
        else:
            files = []
            for folder, subfolders, names in os.walk(root):
                subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
                files += [Path(folder, name) for name in sorted(names)]
        for path in files:
            with contextlib.suppress(OSError):
                stat = path.stat()
                digest.update(f"{path}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def frame_key(parts: Iterable[object]) -> str:
    """The name of a start: the code's fingerprint and how the start was asked for."""
    digest = hashlib.sha256(code_fingerprint().encode())
    for part in parts:
        digest.update(repr(part).encode())
        digest.update(b"\x1f")
    return digest.hexdigest()


def stamps_of(paths: Iterable[Path]) -> list[Stamp] | None:
    """Each file's path, size and time; None when one of them cannot be read."""
    stamps = []
    for path in dict.fromkeys(Path(p) for p in paths):
        try:
            stat = path.stat()
        except OSError:
            return None
        stamps.append((str(path), stat.st_size, stat.st_mtime_ns))
    return stamps


class FrameStore:
    """A folder of first frames; every failure is a miss, never an error."""

    def __init__(
        self, folder: Path | None, limit: int = LIMIT, budget_mb: float = BUDGET_MB
    ) -> None:
        self.folder = folder
        self.limit = limit
        self.budget = int(budget_mb * 1024 * 1024)

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / f"{key[:40]}.png"

    def has(self, key: str) -> bool:
        """Whether an entry for `key` is on disk (fresh or not)."""
        return self.folder is not None and self._path(key).is_file()

    def fresh(self, key: str) -> bool:
        """Whether the frame kept for `key` may be shown: its files unchanged (not decoded)."""
        if self.folder is None:
            return False
        path = self._path(key)
        texts = png_texts(path, _KEY, _STAMPS)
        if texts is None or texts[_KEY] != key:
            if texts is not None:
                log.info("start frame: %s is foreign, not shown", path.name)
            return False
        try:
            stamps = [tuple(s) for s in json.loads(texts[_STAMPS])]
        except (ValueError, TypeError):
            return False
        # The deck, a picture or its theme changed since: stale.
        return bool(stamps) and stamps_of(Path(str(s[0])) for s in stamps) == stamps

    def load(self, key: str) -> QImage | None:
        """The frame kept for `key` while every file it was drawn from is unchanged, or None."""
        if not self.fresh(key):
            return None
        image = load_png(self._path(key))
        if image is None:
            log.info("start frame: %s is unreadable, not shown", self._path(key).name)
        return image

    def save(self, key: str, image: QImage, stamps: list[Stamp]) -> bool:
        """Keep `image` as the frame of `key`; False when the folder cannot take it."""
        if self.folder is None or image.isNull():
            return False
        texts = {_KEY: key, _STAMPS: json.dumps(stamps, ensure_ascii=False)}
        try:
            save_png(self._path(key), image, texts)
        except OSError as exc:
            log.info("start frame: not kept (%s)", exc)
            return False
        self.prune()
        return True

    def prune(self) -> None:
        """Drop the least recently used entries past the limit or the budget."""
        if self.folder is not None:
            prune_least_recent(self.folder.glob("*.png"), self.budget, self.limit)


def frame_store() -> FrameStore:
    """The per-user store of start frames (NANYI_DESK_FRAME_CACHE=off: none)."""
    if os.environ.get("NANYI_DESK_FRAME_CACHE", "").lower() in ("0", "off", "no"):
        return FrameStore(None)
    from nanyi_desk.user_dirs import cache_dir

    return FrameStore(cache_dir() / "frames")
