"""Positions of values by their path, and safe file paths inside a deck's folder.

Plain Python: imports `deck.diagnostics`, `deck.files`, `deck.suggest` and
`deck.yaml_source` only.
"""

from __future__ import annotations

import stat
from pathlib import Path, PurePosixPath

from .diagnostics import Mark
from .files import not_a_file
from .suggest import closest
from .yaml_source import Located, Path_


class Places:
    """Where each value of a deck's data stands, across every file it was read from."""

    def __init__(self, root_file: Path) -> None:
        self._places: dict[Path_, Located] = {}
        self.root_file = root_file

    def add(self, path: Path_, located: Located) -> None:
        """Record where the value at `path` stands."""
        self._places[path] = located

    def update(self, places: dict[Path_, Located]) -> None:
        """Record many positions at once."""
        self._places.update(places)

    def items(self) -> list[tuple[Path_, Located]]:
        """Every (path, position) recorded."""
        return list(self._places.items())

    def drop_below(self, prefix: Path_) -> None:
        """Forget the positions strictly under `prefix` (before they are laid anew)."""
        cut = len(prefix)
        for path in [p for p in self._places if len(p) > cut and p[:cut] == prefix]:
            del self._places[path]

    def value(self, path: Path_) -> Mark:
        """Where the value at `path` starts, or its nearest enclosing value's start."""
        for cut in range(len(path), -1, -1):
            located = self._places.get(path[:cut])
            if located is not None:
                return located.value
        return Mark(self.root_file, 1, 1)

    def key(self, path: Path_) -> Mark:
        """Where the key naming `path` starts (the value's start if it has no key)."""
        located = self._places.get(path)
        if located is not None and located.key is not None:
            return located.key
        return self.value(path)


class UnsafePath(ValueError):
    """A path a deck names that must not or cannot be used; the message says why."""


def inside(folder: Path, relative: str, what: str) -> Path:
    """The file `relative` names inside `folder`; UnsafePath when it escapes or is absent."""
    text = relative.strip()
    if not text:
        raise UnsafePath(f"the {what} path is empty — name a file relative to the deck's folder")
    if any(ord(ch) < 32 or ch == "\x7f" for ch in text):
        # The system would refuse a NUL with an exception; no file name needs control characters.
        raise UnsafePath(
            f"the {what} path {relative!r} holds a control character — write the file's name"
        )
    if "\\" in text:
        text = text.replace("\\", "/")
    posix = PurePosixPath(text)
    if posix.is_absolute() or (len(text) > 1 and text[1] == ":"):
        raise UnsafePath(
            f"the {what} path '{relative}' is absolute — write it relative to the "
            f"deck's folder ({folder}) and keep the file inside it"
        )
    try:
        base = folder.resolve()
        target = (base / Path(*posix.parts)).resolve()
    except (OSError, ValueError, RuntimeError) as exc:  # a name too long, a symlink loop
        shown = relative if len(relative) <= 80 else relative[:77] + "…"
        raise UnsafePath(f"the {what} path '{shown}' cannot be used: {_why(exc)}") from None
    if not target.is_relative_to(base):
        raise UnsafePath(
            f"the {what} path '{relative}' leads outside the deck's folder — copy the "
            "file into the deck's folder and name it from there"
        )
    try:
        mode = target.stat().st_mode
    except (OSError, ValueError):
        mode = 0
    if mode and not stat.S_ISREG(mode):
        # Said here, before anything opens it: a pipe would block the reader.
        raise UnsafePath(not_a_file(what, relative, mode))
    if not mode:
        near = _nearby(target)
        hint = f" — did you mean '{near}'?" if near else ""
        shown = relative if len(relative) <= 80 else relative[:77] + "…"
        raise UnsafePath(f"{what} file '{shown}' not found in {folder}{hint}")
    return target


def _why(exc: BaseException) -> str:
    return (exc.strerror if isinstance(exc, OSError) else None) or str(exc) or type(exc).__name__


def _nearby(target: Path) -> str | None:
    # Names only (no stat per entry): a folder may hold a hundred thousand files.
    try:
        return closest(target.name, (p.name for p in target.parent.iterdir()))
    except (OSError, ValueError):  # no such folder, or a name the system refuses
        return None
