"""Problems found in a deck, each pinned to a place a person can open.

Plain Python: imports nothing from the rest of nanyi_desk.
"""

from __future__ import annotations

import enum
import os
from dataclasses import dataclass
from pathlib import Path


class Level(enum.Enum):
    """How bad a problem is."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Mark:
    """A place in a file, as a person counts: lines and columns start at 1."""

    file: Path
    """The file the place is in."""
    line: int
    """Line number, 1-based."""
    column: int
    """Column number, 1-based."""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Diagnostic:
    """One problem: where, how bad, what is wrong and how to fix it."""

    mark: Mark
    """Where the problem is."""
    level: Level
    """Error or warning."""
    message: str
    """What is wrong, then how to fix it."""

    def __str__(self) -> str:
        return f"{self.mark}: {self.level.value}: {self.message}"

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order diagnostics by file, then position, then text."""
        return (str(self.mark.file), self.mark.line, self.mark.column, self.message)


class DeckError(Exception):
    """A deck could not be loaded; `diagnostics` says every reason found."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = sorted(diagnostics, key=Diagnostic.sort_key)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


def shown_path(path: Path) -> str:
    """A file as a person at the terminal named it: relative to where they stand if inside."""
    if path.is_absolute():
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:  # outside the working folder: the full path says most
            return str(path)
    return os.path.normpath(path)


def format_diagnostic(diagnostic: Diagnostic) -> str:
    """`file:line:col: level: message`, the file relative to the working folder.

    The one form `validate` prints and the live preview's error bar shows.
    """
    mark = diagnostic.mark
    return (
        f"{shown_path(mark.file)}:{mark.line}:{mark.column}: "
        f"{diagnostic.level.value}: {diagnostic.message}"
    )
