"""`nanyi-desk new`: copy the starter deck into a new folder, never over anything.

Plain Python: the standard library and `nanyi_desk.resources`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from nanyi_desk.resources import starter_deck


class StarterExists(Exception):
    """The target folder already holds files; nothing was written."""


def write_starter(target: Path) -> list[Path]:
    """Copy the starter deck into `target` (new or empty); return the files written."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise StarterExists(
            f"{target} already exists and is not an empty folder — choose a new folder "
            "name (nothing was written)"
        )
    source = starter_deck()
    files = [p for p in sorted(source.rglob("*")) if p.is_file()]
    written = []
    for file in files:
        destination = target / file.relative_to(source)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(file, destination)
        written.append(destination)
    return written
