"""Read a file a deck names, only if it is a regular file, and only up to a budget.

A pipe never ends and a device never stops giving (`/dev/zero`), so a file is asked what
it is before it is opened, and again once open, and refused at once unless it is a regular
file — a symlink to a pipe or a device included. (A regular file swapped for a pipe in the
instant between the two questions would block the open: a race only someone writing in the
deck's folder at that moment can run, and the kiosk's supervisor ends a hang.) Plain
Python: the standard library only.
"""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


class Unreadable(Exception):
    """The file cannot or must not be read; the message says why, for a person."""


def read_regular(file: Path, limit: int, what: str, head: int | None = None) -> bytes:
    """The bytes of `file`, at most `limit` of them; Unreadable if it is not a regular file.

    Args:
        file: The path to read (a symlink is followed, then judged by what it leads to).
        head: Read only this many bytes from the start (the size is still judged whole).
        limit: The most bytes the file may hold.
        what: What the file is, for the message ("deck file", "CSV file", "picture").
    """
    # Asked before opening: opening a pipe waits for a writer, forever. Asked again on the
    # open file, so that a file swapped for a pipe in between is still never read.
    try:
        mode = os.stat(file).st_mode
        if not stat.S_ISREG(mode):
            raise Unreadable(not_a_file(what, file.name, mode))
        with open(file, "rb", buffering=0) as handle:
            facts = os.fstat(handle.fileno())
            if not stat.S_ISREG(facts.st_mode):
                raise Unreadable(not_a_file(what, file.name, facts.st_mode))
            if facts.st_size > limit:
                raise Unreadable(_too_large(what, facts.st_size, limit))
            data = _read_upto(handle, limit + 1 if head is None else min(head, limit))
    except OSError as exc:
        raise Unreadable(f"cannot read the {what} '{file.name}': {exc.strerror or exc}") from None
    if len(data) > limit:  # it grew while being read
        raise Unreadable(_too_large(what, len(data), limit))
    return data


def not_a_file(what: str, name: str, mode: int) -> str:
    """Why a file of `mode` (from a stat) is refused."""
    kind = next((kind for test, kind in _KINDS if test(mode)), "not a regular file")
    return (
        f"the {what} '{name}' is {kind}, not a file — only regular files in the deck's "
        "folder are read"
    )


def _read_upto(handle: io.RawIOBase, most: int) -> bytes:
    # One read may return less than asked even from a regular file: read until the end.
    chunks: list[bytes] = []
    got = 0
    while got < most:
        chunk = handle.read(min(most - got, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def _too_large(what: str, size: int, limit: int) -> str:
    return f"the {what} is {size / 1e6:.1f} MB; a {what} may be at most {_mb(limit)}"


def _mb(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit:,} bytes"
