"""A checked deck kept between runs, so that playing it again skips reading and checking it.

Reading and checking the default deck costs 40–55 ms of a start-up whose target is a quarter
of a second over a bare window's. A deck that loaded without errors is kept (pickled) in the
per-user cache folder, with the size and time of every file it was read from; the next start
reads it back in a few milliseconds when none of those files changed and the checking code
is the same. Anything else — a changed file, a damaged entry, a newer nanyi-desk — is a miss,
and the deck is loaded as usual. `validate` never uses this: it always checks afresh.

The folder is the user's own (like their shell history): reading a pickle from it trusts
nothing that the user could not already run.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import pickle
from pathlib import Path

from nanyi_desk import __version__
from nanyi_desk.atomic import write_atomically

from .loaded import LoadedDeck, find_deck_file

log = logging.getLogger("nanyi_desk.deck")

FORMAT = 1
"""Bumped when what an entry holds changes."""


@functools.cache
def _code_fingerprint() -> str:
    """The checking code: from source, its text; frozen (no source to read), the version."""
    digest = hashlib.sha256(f"{FORMAT}|{__version__}".encode())
    for source in sorted(Path(__file__).resolve().parent.glob("*.py")):
        with contextlib.suppress(OSError):
            digest.update(source.read_bytes())
    return digest.hexdigest()


def _stamp(path: Path) -> tuple[str, int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (str(path), stat.st_size, stat.st_mtime_ns)


def _entry(folder: Path, main: Path) -> Path:
    name = hashlib.sha256(f"{_code_fingerprint()}|{main.resolve()}".encode()).hexdigest()
    return folder / f"{name[:32]}.pickle"


def load_deck_cached(path: Path, folder: Path | None) -> LoadedDeck:
    """`load_deck(path)`, read back from `folder` when the deck's files have not changed.

    With `folder` None, simply `load_deck`. Only decks without errors are kept.
    """
    if folder is None:
        return _load(path)
    try:
        main = find_deck_file(Path(path))
    except Exception:  # noqa: BLE001 - whatever the loader says of a bad path, it says it
        return _load(path)
    entry = _entry(folder, main)
    with contextlib.suppress(Exception):  # a damaged, foreign or unreadable entry: a miss
        stamps, loaded = pickle.loads(entry.read_bytes())  # noqa: S301 - the user's own folder
        if (
            isinstance(loaded, LoadedDeck)
            and loaded.deck is not None
            and stamps
            and all(_stamp(Path(p)) == (p, size, time) for p, size, time in stamps)
        ):
            return loaded
    loaded = _load(path)
    if loaded.deck is not None:
        stamps = [_stamp(file) for file in loaded.files]
        if all(stamps):
            try:
                folder.mkdir(parents=True, exist_ok=True)
                write_atomically(entry, pickle.dumps((stamps, loaded)), fsync=False)
            except (OSError, pickle.PicklingError) as exc:
                log.info("deck cache: not kept (%s)", exc)
    return loaded


def played_before(path: Path, folder: Path | None) -> bool:
    """Whether `folder` keeps a checked copy of this deck (perhaps a stale one).

    Asked before the deck's model is even imported, to guess whether its charts were ever
    drawn on this machine: a stat, not a read.
    """
    if folder is None:
        return False
    try:
        return _entry(folder, find_deck_file(Path(path))).exists()
    except Exception:  # noqa: BLE001 - a bad path is the loader's to explain, later
        return False


def _load(path: Path) -> LoadedDeck:
    # The loader, its checks and the pre-flight load only when a deck must really be read.
    from .loader import load_deck

    return load_deck(path)
