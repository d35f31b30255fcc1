"""PNG files that carry their own key, for the stores of drawn things kept between runs.

The chart store (`chart_store`) and the store of first frames (`frame_store`) keep pictures
the same way: a PNG whose text fields say what it is, written beside its name and renamed
into place (another process never reads half of one), touched when used, and pruned least
recently used first. What differs — the key, what else the text holds, the bounds — stays
with each store.

QtGui only.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from PySide6.QtGui import QImage, QImageReader

from nanyi_desk.atomic import atomic_path

PNG_QUALITY = 80
"""Qt's PNG "quality" is zlib effort: 80 reads twice as fast as 0 for +60 % of the bytes."""


def save_png(path: Path, image: QImage, texts: Mapping[str, str]) -> None:
    """Write `image` with `texts` to `path` atomically; OSError when it cannot be written."""
    stored = QImage(image)
    for name, value in texts.items():
        stored.setText(name, value)
    path.parent.mkdir(parents=True, exist_ok=True)
    # No fsync: a picture lost to a power cut is only drawn again.
    with atomic_path(path, fsync=False) as temporary:
        if not stored.save(str(temporary), "PNG", PNG_QUALITY):
            raise OSError(f"cannot write {path}")


def png_texts(path: Path, *names: str) -> dict[str, str] | None:
    """The text fields `names` of the PNG at `path`, read without decoding its pixels.

    None when it is missing or not a picture Qt can read.
    """
    if not path.is_file():
        return None
    reader = QImageReader(str(path))
    if not reader.canRead():
        return None
    return {name: reader.text(name) for name in names}


def load_png(path: Path) -> QImage | None:
    """The picture at `path`, touched as just used; None when it cannot be read."""
    image = QImage(str(path))
    if image.isNull():
        return None
    with contextlib.suppress(OSError):  # most recently used: the last to go when pruned
        os.utime(path)
    return image


def prune_least_recent(files: Iterable[Path], budget: int, limit: int | None = None) -> None:
    """Delete the least recently used of `files` until at most `limit` stay within `budget` bytes."""
    entries = []
    for path in files:
        with contextlib.suppress(OSError):
            stat = path.stat()
            entries.append((stat.st_mtime_ns, stat.st_size, path))
    entries.sort(reverse=True)  # newest first: they stay
    total = 0
    for count, (_, size, path) in enumerate(entries):
        total += size
        if (limit is not None and count >= limit) or total > budget:
            with contextlib.suppress(OSError):
                path.unlink()
