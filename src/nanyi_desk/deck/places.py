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
    if "\\" in text:
        text = text.replace("\\", "/")
    posix = PurePosixPath(text)
    if posix.is_absolute() or (len(text) > 1 and text[1] == ":"):
        raise UnsafePath(
            f"the {what} path '{relative}' is absolute — write it relative to the "
            f"deck's folder ({folder}) and keep the file inside it"
        )
    base = folder.resolve()
    target = (base / Path(*posix.parts)).resolve()
    if not target.is_relative_to(base):
        raise UnsafePath(
            f"the {what} path '{relative}' leads outside the deck's folder — copy the "
            "file into the deck's folder and name it from there"
        )
    try:
        mode = target.stat().st_mode
    except OSError:
        mode = 0
    if mode and not stat.S_ISREG(mode):
        # Said here, before anything opens it: a pipe would block the reader.
        raise UnsafePath(not_a_file(what, relative, mode))
    if not mode:
        near = _nearby(target)
        hint = f" — did you mean '{near}'?" if near else ""
        raise UnsafePath(f"{what} file '{relative}' not found in {folder}{hint}")
    return target


def _nearby(target: Path) -> str | None:
    parent = target.parent
    if not parent.is_dir():
        return None
    # Names only (no stat per entry): a folder may hold a hundred thousand files.
    return closest(target.name, (p.name for p in parent.iterdir()))
