"""Replace a file atomically: readers and crashes see the old contents or the new, never half.

The one way nanyi-desk writes a file that someone else may read while it changes, or that
must survive a power cut: the kiosk's resume state, exported PNGs, the report's chart.

Plain Python, standard library only (the kiosk supervisor uses it where Qt cannot run).

How: the new contents go to a hidden temporary file in the target's own folder (so that the
final rename never crosses file systems), are flushed to disk (`fsync`), and `os.replace`
puts them under the real name in one step. Any failure removes the temporary file and
leaves the target as it was.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import sys
import time
from collections.abc import Iterator
from pathlib import Path

_REPLACE_TRIES = 20
_REPLACE_PAUSE_S = 0.01
_NAME_TRIES = 100
_TOKEN_BYTES = 8
"""64 random bits in each temporary name: nobody can guess the next one to plant a file or a
symlink there first (and if someone did, O_EXCL would refuse it, not write through it)."""
# O_BINARY: on Windows an fd opened without it translates "\n" to "\r\n" in every write.
_CREATE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def write_atomically(
    path: str | os.PathLike[str],
    data: bytes | str,
    *,
    fsync: bool = True,
    encoding: str = "utf-8",
) -> None:
    """Make `path` hold exactly `data`, in one step.

    Args:
        path: The file to create or replace; its folder must exist.
        data: The new contents; a str is encoded with `encoding`.
        fsync: Flush the data (and the rename) to disk before returning, so that a power
            cut cannot leave an empty file under the real name. Costs milliseconds on a
            real disk: pass False for files that are cheap to make again.
        encoding: For a str `data`.

    Raises:
        OSError: The file could not be written; `path` is unchanged and no temporary
            file is left.
    """
    payload = data.encode(encoding) if isinstance(data, str) else data
    target = Path(path)
    fd, temporary = _create_temporary(target)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(payload)
            file.flush()
            if fsync:
                os.fsync(file.fileno())
            written = os.fstat(file.fileno())
        _check_same(temporary, written, target)
        _replace(temporary, target, fsync=fsync)
    except BaseException:
        _discard(temporary)
        raise


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str], *, fsync: bool = True) -> Iterator[Path]:
    """A temporary path to write instead of `path`; it becomes `path` when the block ends.

    For writers that want a file name rather than bytes (Qt's `QImage.save`, matplotlib's
    `print_png`)::

        with atomic_path(target) as temporary:
            if not image.save(str(temporary), "PNG"):
                raise OSError(f"cannot write {target}")

    The temporary file exists (empty) when the block starts and is hidden, in the target's
    folder, with a name ending in ".tmp": tell the writer its format rather than letting it
    guess from the suffix. If the block raises, the target is unchanged and the temporary
    file removed; otherwise its contents replace the target — unless the writer left
    something other than a regular file under the name (someone who can write the folder
    swapped in a symlink), which is refused and removed.

    The writer opens the file again by its name: prefer `write_atomically` with bytes made
    in memory, which never lets go of the file it created.

    Args:
        path: The file to create or replace; its folder must exist.
        fsync: As for `write_atomically`.

    Raises:
        OSError: The temporary file could not be made, flushed or renamed.
    """
    target = Path(path)
    fd, temporary = _create_temporary(target)
    os.close(fd)
    try:
        yield temporary
        if not stat.S_ISREG(os.lstat(temporary).st_mode):
            raise OSError(f"cannot write {target}: its temporary file was replaced")
        if fsync:
            _fsync_file(temporary)
        _replace(temporary, target, fsync=fsync)
    except BaseException:
        _discard(temporary)
        raise


@contextlib.contextmanager
def atomic_batch(*, fsync: bool = True) -> Iterator[Batch]:
    """Several files replaced together, or none of them: for an export of many slides.

    Each `batch.write` puts its file beside its target under a temporary name (as
    `write_atomically` does); when the block ends they are all renamed into place, one after
    the other, in milliseconds. If the block raises (a full disk at the ninth slide), every
    temporary file is removed and every target is as it was.

    Raises:
        OSError: A file could not be written or renamed; the temporary files are removed.
    """
    batch = Batch(fsync=fsync)
    try:
        yield batch
        batch.commit()
    finally:
        batch.discard()


class Batch:
    """The files of an `atomic_batch`, written and waiting to be renamed into place."""

    def __init__(self, *, fsync: bool) -> None:
        self.fsync = fsync
        self._staged: list[tuple[Path, Path]] = []

    def write(self, path: str | os.PathLike[str], data: bytes) -> None:
        """Write `data` beside `path`, to replace it when the batch ends."""
        target = Path(path)
        fd, temporary = _create_temporary(target)
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(data)
                file.flush()
                if self.fsync:
                    os.fsync(file.fileno())
                written = os.fstat(file.fileno())
            self._staged.append((temporary, target))
            _check_same(temporary, written, target)
        except BaseException:
            _discard(temporary)
            raise

    def commit(self) -> None:
        """Rename every written file into place (the block's end does it)."""
        while self._staged:
            temporary, target = self._staged[0]
            _replace(temporary, target, fsync=self.fsync)
            self._staged.pop(0)

    def discard(self) -> None:
        """Remove every written file not yet renamed into place."""
        for temporary, _ in self._staged:
            _discard(temporary)
        self._staged.clear()


def _create_temporary(target: Path) -> tuple[int, Path]:
    # Not tempfile.mkstemp: that makes the file private (0600) whatever the umask, and the
    # replaced file (an exported PNG, a chart to share) would keep those permissions.
    # O_EXCL with a random name gives the same safety with the umask's usual permissions:
    # O_CREAT | O_EXCL never opens an existing name, and never follows a symlink, even one
    # that leads nowhere.
    for _ in range(_NAME_TRIES):
        temporary = target.with_name(f".{target.name}.{secrets.token_hex(_TOKEN_BYTES)}.tmp")
        try:
            return os.open(temporary, _CREATE_FLAGS, 0o666), temporary
        except FileExistsError:
            continue
    raise FileExistsError(f"cannot find a free temporary name beside {target}")


def _check_same(temporary: Path, written: os.stat_result, target: Path) -> None:
    # The name must still be the file written: someone who can write the folder could have
    # swapped a symlink in, and renaming that would put their link under the real name.
    now = os.lstat(temporary)
    if (now.st_dev, now.st_ino) != (written.st_dev, written.st_ino):
        raise OSError(f"cannot write {target}: its temporary file was replaced")


def _fsync_file(path: Path) -> None:
    # Read-write: Windows flushes only a handle opened for writing. O_NOFOLLOW: a writer that
    # took the name (`atomic_path`) may have been tricked into leaving a symlink there.
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _replace(source: Path, target: Path, *, fsync: bool) -> None:
    # Windows refuses to replace a file another process has open (a reader at that very
    # instant, a virus scanner); that lasts milliseconds, so try again briefly.
    for attempt in range(_REPLACE_TRIES):
        try:
            os.replace(source, target)
            break
        except PermissionError:
            if sys.platform != "win32" or attempt == _REPLACE_TRIES - 1:
                raise
            time.sleep(_REPLACE_PAUSE_S)
    if fsync and sys.platform != "win32":
        # The rename lives in the folder: flush it too, or a power cut may undo it.
        # Best effort: some file systems cannot open or flush a folder, and the data is
        # already safe under one name or the other.
        with contextlib.suppress(OSError):
            folder = os.open(target.parent, os.O_RDONLY)
            try:
                os.fsync(folder)
            finally:
                os.close(folder)


def _discard(temporary: Path) -> None:
    with contextlib.suppress(OSError):
        temporary.unlink()
