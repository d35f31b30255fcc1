"""Rendered charts kept on disk between runs, so a slide with a chart shows at once next time.

matplotlib's import and a chart's draw cost most of a second: the first frame of a kiosk
restarted by its supervisor, or of a talk started on a chart slide, would wait for them. This
store keeps each chart as a PNG in the per-user cache folder, named by a hash of everything
that shapes its pixels: the chart's data and words, the size and scale, the language and its
fallbacks, the theme and accent, the font files, and the code that draws it (a new version
draws anew). The hit regions travel inside the PNG, as text.

Nothing here may stop the show. A file that is missing, truncated, corrupt, stale or foreign
is drawn again as if never stored; a folder that is read-only or full is simply not written.
Entries are written beside their name and renamed into place, so another process (a kiosk
player starting while the old one exits) never reads half of one. The folder is bounded:
past its budget, the least recently used entries go.

QtGui only, and never matplotlib: this is the path that avoids it.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtGui import QImage

from nanyi_desk import __version__
from nanyi_desk.resources import fonts_dir

from .png_files import load_png, png_texts, prune_least_recent, save_png

log = logging.getLogger("nanyi_desk.render")

T = TypeVar("T")

FORMAT = "1"
"""Bumped when what a stored entry means changes."""
BUDGET_MB = 200
"""The folder's size before the least recently used entries go."""
_HITS, _KEY = "nanyi-hits", "nanyi-key"
_PRUNE_EVERY = 25
MAX_PENDING = 4
"""Charts waiting for the background write before `save` writes at once."""


@functools.cache
def renderer_fingerprint() -> str:
    """What identifies the code and files that draw a chart, for the cache key.

    From source, the chart code itself (so an edit between releases draws anew); frozen, where
    there is no source to read, the version. Fonts by name, size and time; matplotlib by its
    installed version (read from its metadata, without importing it).
    """
    digest = hashlib.sha256(f"{FORMAT}|{__version__}".encode())
    package = Path(__file__).resolve().parents[1]
    for folder in ("charts", "deck"):
        for source in sorted((package / folder).glob("*.py")):
            with contextlib.suppress(OSError):
                digest.update(source.read_bytes())
    for font in sorted(fonts_dir().glob("*")):
        try:
            stat = font.stat()
        except OSError:
            continue
        digest.update(f"{font.name}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    try:
        from importlib.metadata import version

        digest.update(version("matplotlib").encode())
    except Exception:  # noqa: BLE001 - frozen apps may carry no metadata: the version above stands
        digest.update(b"matplotlib")
    return digest.hexdigest()


def chart_key(parts: Iterable[Any]) -> str:
    """A content address for a chart: the hash of its parts (pydantic models, numbers, text)."""
    digest = hashlib.sha256(renderer_fingerprint().encode())
    for part in parts:
        dump = getattr(part, "model_dump_json", None)
        digest.update(dump().encode() if callable(dump) else repr(part).encode())
        digest.update(b"\x1f")
    return digest.hexdigest()


class ChartStore:
    """A folder of rendered charts, bounded in bytes; every failure is a miss."""

    def __init__(
        self, folder: Path | None, budget_mb: float = BUDGET_MB, background: bool = False
    ) -> None:
        self.folder = folder
        self.budget = int(budget_mb * 1024 * 1024)
        self.writes = 0
        """Charts written (a folder that cannot take them writes none)."""
        self._saves = 0
        self._writer = (
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="chart-store")
            if background and folder is not None
            else None
        )
        self._pending = 0
        self._lock = threading.Lock()

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}.png"

    def load(self, key: str, make_hit: Callable[..., T]) -> tuple[QImage, tuple[T, ...]] | None:
        """The stored chart for `key` and its hits made by `make_hit(**fields)`, or None."""
        if self.folder is None:
            return None
        path = self._path(key)
        texts = png_texts(path, _KEY, _HITS)
        if texts is None:
            return None
        found = None
        if texts[_KEY] == key:
            try:
                found = tuple(make_hit(**item) for item in json.loads(texts[_HITS]))
            except (ValueError, TypeError):  # damaged or foreign: draw it again
                found = None
        image = load_png(path) if found is not None else None
        if image is None or found is None:
            log.info("chart cache: %s is unreadable, drawing it again", path.name)
            return None
        return image, found

    def save(self, key: str, image: QImage, hits: Iterable[Any]) -> None:
        """Keep a freshly drawn chart; a folder that cannot take it is left alone.

        With `background`, the PNG is encoded and written on the store's own thread (Qt lets
        Python run meanwhile): the slide the chart was drawn for is painted without waiting
        for its ~20 ms. Past `MAX_PENDING` charts waiting, the write is done at once, so a
        fast export cannot pile pictures up in memory.
        """
        if self.folder is None:
            return
        texts = {
            _KEY: key,
            _HITS: json.dumps(
                [asdict(h) if is_dataclass(h) else dict(h) for h in hits], ensure_ascii=False
            ),
        }
        path = self._path(key)
        if self._writer is None or self._pending >= MAX_PENDING:
            self._write(path, image, texts)
            return
        with self._lock:
            self._pending += 1
        self._writer.submit(self._write_pending, path, QImage(image), texts)

    def flush(self) -> None:
        """Wait until every chart handed to `save` is on disk (or given up)."""
        if self._writer is not None:
            self._writer.submit(lambda: None).result()

    def _write_pending(self, path: Path, image: QImage, texts: dict[str, str]) -> None:
        try:
            self._write(path, image, texts)
        finally:
            with self._lock:
                self._pending -= 1

    def _write(self, path: Path, image: QImage, texts: dict[str, str]) -> None:
        try:
            save_png(path, image, texts)
        except OSError as exc:
            log.info("chart cache: not kept (%s)", exc)
            return
        self.writes += 1
        self._saves += 1
        if self._saves % _PRUNE_EVERY == 1:
            self.prune()

    def prune(self) -> None:
        """Drop the least recently used entries until the folder is within its budget."""
        if self.folder is not None:
            prune_least_recent(self.folder.glob("*/*.png"), self.budget)
