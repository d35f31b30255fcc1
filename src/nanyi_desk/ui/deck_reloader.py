"""A deck that changed on disk, loaded again off the GUI thread.

The kiosk's hot reload and the player's live preview share this one watcher.

Editors save in several ways: writing the file in place, writing a new file and renaming it
over the old (the watch on the old file is then gone), deleting and re-creating it, or writing
it in several steps. The folders are watched as well as the files, a change waits for the
writing to settle, and after every attempt the files of the deck now in force are watched
again. A newer change always wins over an older validation still under way.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from nanyi_desk.deck import LoadedDeck, load_deck
from nanyi_desk.deck.model import Model

SETTLE_MS = 600
"""Editors write a file in several steps: wait for the writing to settle."""


def deck_paths(loaded: LoadedDeck) -> list[Path]:
    """Every file whose change changes what is shown.

    The deck's own files (main file, includes, CSVs), its pictures, and its theme when that is
    a file of the deck.
    """
    paths = list(loaded.files)
    deck = loaded.deck
    if deck is None:
        return paths
    paths += [loaded.folder / name for name in dict.fromkeys(_pictures(deck))]
    if deck.theme.endswith((".yaml", ".yml")):
        paths.append(loaded.folder / deck.theme)
    return paths


def _pictures(value: object) -> Iterator[str]:
    """The picture names a deck shows (every `image:`), wherever they stand."""
    if isinstance(value, Model):
        for name in type(value).model_fields:
            item = getattr(value, name)
            if name == "image" and isinstance(item, str):
                yield item
            else:
                yield from _pictures(item)
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _pictures(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _pictures(item)


class _Carrier(QObject):
    """Carries a load from the worker thread back to the GUI thread (a queued signal)."""

    done = Signal(int, object)


class DeckReloader(QObject):
    """Watches one deck's files; says when a changed version is valid, or why it is not."""

    valid = Signal(object)
    """A changed deck that loaded without errors (a `LoadedDeck`)."""
    broken = Signal(object)
    """A changed deck with errors (a `LoadedDeck` whose `errors` say why)."""

    def __init__(
        self, loaded: LoadedDeck, parent: QObject | None = None, settle_ms: int = SETTLE_MS
    ) -> None:
        super().__init__(parent)
        self.current = loaded
        """The deck in force: what is watched, and what a broken change falls back to."""
        self._generation = 0
        self.watcher = QFileSystemWatcher(self)
        self.settle = QTimer(self)
        self.settle.setSingleShot(True)
        self.settle.setInterval(settle_ms)
        self.settle.timeout.connect(self._load_again)
        self.watcher.fileChanged.connect(self._changed)
        self.watcher.directoryChanged.connect(self._changed)
        self._carrier = _Carrier(self)
        self._carrier.done.connect(self._loaded)
        self.watch(loaded)

    def watch(self, loaded: LoadedDeck) -> None:
        """Watch the files (and their folders) of `loaded`, and hold it as the deck in force."""
        self.current = loaded
        files = [str(path) for path in deck_paths(loaded)]
        # Folders too: editors replace a file rather than write it, and the watch goes with it.
        wanted = set(files) | {str(Path(path).parent) for path in files}
        watched = set(self.watcher.files()) | set(self.watcher.directories())
        # Only the difference: unwatching and watching a path again would miss a change
        # saved in between.
        if watched - wanted:
            self.watcher.removePaths(sorted(watched - wanted))
        if wanted - watched:
            self.watcher.addPaths(sorted(wanted - watched))

    def stop(self) -> None:
        """Watch nothing more; a load under way is ignored when it ends."""
        self.settle.stop()
        self._generation += 1
        paths = self.watcher.files() + self.watcher.directories()
        if paths:
            self.watcher.removePaths(paths)

    def _changed(self, _path: str) -> None:
        self.settle.start()

    def _load_again(self) -> None:
        self._generation += 1
        generation, path, carrier = self._generation, self.current.path, self._carrier
        # load_deck is plain Python: a worker thread keeps the slides moving meanwhile.
        threading.Thread(
            target=lambda: carrier.done.emit(generation, load_deck(path)), daemon=True
        ).start()

    def _loaded(self, generation: int, loaded: LoadedDeck) -> None:
        if generation != self._generation:
            return  # a newer change is being loaded: this one is already out of date
        if loaded.deck is None:
            self.watch(self.current)
            self.broken.emit(loaded)
            return
        self.watch(loaded)
        self.valid.emit(loaded)
