"""A deck that changed on disk, loaded again off the GUI thread.

The kiosk's hot reload and the player's live preview share this one watcher.

Editors save in several ways: writing the file in place, writing a new file and renaming it
over the old (the watch on the old file is then gone), deleting and re-creating it, or writing
it in several steps. The folders are watched as well as the files, a change waits for the
writing to settle, and after every attempt the files of the deck now in force are watched
again. A newer change always wins over an older validation still under way.
"""

from __future__ import annotations

import gc
import queue
import threading
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from nanyi_desk.deck import LoadedDeck, load_deck
from nanyi_desk.deck.model import Model

POLL_MS = 15
"""How often the GUI thread looks for a finished load (only while one is under way)."""
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


_loads_running = 0
_collector_was_on = False


def _hold_collector() -> None:
    """No automatic cycle collection while any load runs in a worker (GUI thread only)."""
    global _loads_running, _collector_was_on  # noqa: PLW0603 - one process-wide collector
    if _loads_running == 0:
        _collector_was_on = gc.isenabled()
        gc.disable()
    _loads_running += 1


def _release_collector(loads: int = 1) -> None:
    """Loads ended: the collector runs again once none is left (GUI thread only)."""
    global _loads_running  # noqa: PLW0603
    if loads <= 0:
        return
    _loads_running = max(0, _loads_running - loads)
    if _loads_running == 0 and _collector_was_on:
        gc.enable()


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
        # The worker hands its result over in a plain queue, polled from the GUI thread: a Qt
        # signal emitted from a Python thread can deadlock against the GUI thread's event
        # queue (seen here as a rare hang of the whole player), a queue cannot.
        self._results: queue.SimpleQueue[tuple[int, LoadedDeck | BaseException]] = (
            queue.SimpleQueue()
        )
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._collect)
        # Loads still running when this goes must not leave the collector off for good.
        outstanding = self._outstanding = [0]
        self.destroyed.connect(lambda *_: _release_collector(outstanding[0]))
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
        generation, path, results = self._generation, self.current.path, self._results
        # load_deck is plain Python: a worker thread keeps the slides moving meanwhile. Python's
        # cycle collector runs in whichever thread allocates when it is due; were that the
        # worker, it would destroy Qt objects (a dropped QImage, a painter) off the GUI thread
        # while the GUI thread paints: a rare abort or hang. So it waits while a load runs.
        _hold_collector()
        self._outstanding[0] += 1

        def load() -> None:
            try:
                loaded = load_deck(path)
            except BaseException as exc:  # noqa: BLE001 - the GUI thread must hear either way
                results.put((generation, exc))
                raise
            results.put((generation, loaded))

        threading.Thread(target=load, daemon=True).start()
        self._poll.start()

    def _collect(self) -> None:
        while not self._results.empty():
            generation, loaded = self._results.get()
            self._outstanding[0] -= 1
            _release_collector()
            if isinstance(loaded, LoadedDeck):
                self._loaded(generation, loaded)
        if self._outstanding[0] == 0:
            self._poll.stop()

    def _loaded(self, generation: int, loaded: LoadedDeck) -> None:
        if generation != self._generation:
            return  # a newer change is being loaded: this one is already out of date
        if loaded.deck is None:
            self.watch(self.current)
            self.broken.emit(loaded)
            return
        self.watch(loaded)
        self.valid.emit(loaded)
