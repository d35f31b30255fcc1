"""A start's first frame: kept after the player's first paint, shown by the next start at once.

The store must be right before it is fast: an unchanged deck shows exactly what the player
painted; a changed file, a damaged or foreign entry, or an unwritable folder is a miss, never
an error; keys pressed on the stored frame reach the player.
"""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from nanyi_desk.render.frame_store import FrameStore, frame_key, frame_store, stamps_of
from nanyi_desk.ui.start_frame import FirstFrame, StartFrame


def _image(colour: str = "#336699", size: tuple[int, int] = (64, 36)) -> QImage:
    image = QImage(*size, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    return image


def _deck_files(tmp_path: Path) -> list[Path]:
    files = [tmp_path / "deck.yaml", tmp_path / "picture.png"]
    for file in files:
        file.write_bytes(b"v1")
    return files


def test_a_kept_frame_comes_back_while_its_files_are_unchanged(tmp_path: Path) -> None:
    files = _deck_files(tmp_path)
    store = FrameStore(tmp_path / "frames")
    stamps = stamps_of(files)
    assert stamps is not None
    assert store.save("k1", _image(), stamps)
    found = store.load("k1")
    assert found is not None
    assert found.pixelColor(3, 3) == QColor("#336699")
    assert store.load("k2") is None  # another start


def test_a_changed_deck_file_or_picture_is_a_miss(tmp_path: Path) -> None:
    files = _deck_files(tmp_path)
    store = FrameStore(tmp_path / "frames")
    assert store.save("k", _image(), stamps_of(files) or [])
    files[1].write_bytes(b"a new picture")
    assert store.load("k") is None
    assert store.save("k", _image(), stamps_of(files) or [])
    os.utime(files[0], ns=(1, 1))  # same size, another time: saved again by an editor
    assert store.load("k") is None
    assert store.save("k", _image(), stamps_of(files) or [])
    files[0].unlink()
    assert store.load("k") is None


@pytest.mark.parametrize("damage", ["garbage", "truncated", "foreign", "no stamps"])
def test_a_damaged_or_foreign_entry_is_a_miss(tmp_path: Path, damage: str) -> None:
    store = FrameStore(tmp_path / "frames")
    assert store.save("k", _image(), stamps_of(_deck_files(tmp_path)) or [])
    entry = store._path("k")
    if damage == "garbage":
        entry.write_bytes(b"\x89PNG not really")
    elif damage == "truncated":
        entry.write_bytes(entry.read_bytes()[:100])
    elif damage == "foreign":  # another key's entry under this name
        foreign = FrameStore(tmp_path / "other")
        foreign.save("x", _image(), stamps_of(_deck_files(tmp_path)) or [])
        entry.write_bytes(foreign._path("x").read_bytes())
    else:
        assert store.save("k", _image(), [])
    assert store.load("k") is None


def test_a_folder_that_cannot_take_a_frame_is_left_alone(tmp_path: Path) -> None:
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("")
    store = FrameStore(blocked / "frames")
    assert not store.save("k", _image(), stamps_of(_deck_files(tmp_path)) or [])
    assert store.load("k") is None


def test_the_store_keeps_the_newest_entries_within_its_limit(tmp_path: Path) -> None:
    store = FrameStore(tmp_path / "frames", limit=3)
    stamps = stamps_of(_deck_files(tmp_path)) or []
    for number in range(5):
        assert store.save(f"k{number}", _image(), stamps)
        os.utime(store._path(f"k{number}"), ns=(number * 10**9, number * 10**9))
    store.prune()
    assert [store.has(f"k{n}") for n in range(5)] == [False, False, True, True, True]


def test_turned_off_the_store_keeps_and_finds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NANYI_DESK_FRAME_CACHE", "off")
    store = frame_store()
    assert store.folder is None
    assert not store.save("k", _image(), [("x", 1, 1)])


def test_every_part_of_a_start_names_another_frame() -> None:
    base = ("play", "/decks/a/deck.yaml", "17", "zh", 0, (0, 0, 1920, 1080), 1.0)
    keys = {frame_key(base)}
    for position, other in enumerate(
        ("present", "/decks/b/deck.yaml", "18", "en", 1, (0, 0, 1080, 1920), 2.0)
    ):
        changed = list(base)
        changed[position] = other
        keys.add(frame_key(changed))
    assert len(keys) == 8


# -- the start itself ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def loaded():  # noqa: ANN201
    from nanyi_desk.deck import load_deck
    from nanyi_desk.resources import default_deck

    loaded = load_deck(default_deck())
    assert loaded.deck is not None
    return loaded


def _start(qtbot, loaded, store: FrameStore, index: int = 3, place=None):  # noqa: ANN001, ANN202
    """What `run_player` does after `FirstFrame.begin`: the player, followed, full screen."""
    from nanyi_desk.render.cache import SlideCache
    from nanyi_desk.render.context import deck_context
    from nanyi_desk.render.fonts import register_fonts
    from nanyi_desk.ui.deck_reloader import deck_paths
    from nanyi_desk.ui.state import PlayerState
    from nanyi_desk.ui.window import PlayerWindow

    first = FirstFrame.begin("play", loaded.path, str(index + 1), None, None, store=store)
    register_fonts()
    state = PlayerState.for_deck(loaded.deck, index)
    window = PlayerWindow(state, SlideCache(deck_context(loaded)))
    qtbot.addWidget(window)
    first.follow(window, window.view, place or state.place, lambda: deck_paths(loaded))
    return first, state, window


def _kept(qtbot, first: FirstFrame) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: first.kept is not None, timeout=5000)
    assert first.kept is not None
    first.kept.join(10)


def test_a_start_keeps_its_first_frame_and_the_next_start_shows_it(
    qtbot,  # noqa: ANN001
    loaded,  # noqa: ANN001
    tmp_path: Path,
) -> None:
    store = FrameStore(tmp_path / "frames")
    first, _state, window = _start(qtbot, loaded, store)
    assert first.frame is None  # nothing kept yet: an ordinary start
    window.show_on(QApplication.screens()[0], fullscreen=True)
    _kept(qtbot, first)
    painted = window.grab().toImage()

    again = FirstFrame.begin("play", loaded.path, "4", None, None, store=store)
    assert isinstance(again.frame, StartFrame)
    qtbot.addWidget(again.frame)
    assert again.frame.painted  # on screen before anything of the deck is read
    shown = again.frame.grab().toImage()
    assert shown.size() == painted.size()
    for x, y in itertools.product(range(5, painted.width(), 97), range(5, painted.height(), 61)):
        assert shown.pixelColor(x, y) == painted.pixelColor(x, y), (x, y)
    # Another slide, language or a window instead of the full screen: not this frame.
    assert FirstFrame.begin("play", loaded.path, "5", None, None, store=store).frame is None
    assert FirstFrame.begin("play", loaded.path, "4", "en", None, store=store).frame is None
    windowed = FirstFrame.begin("play", loaded.path, "4", None, None, False, store=store)
    assert windowed.key is None
    assert windowed.frame is None


def test_keys_pressed_on_the_stored_frame_reach_the_player(
    qtbot,  # noqa: ANN001
    loaded,  # noqa: ANN001
    tmp_path: Path,
) -> None:
    store = FrameStore(tmp_path / "frames")
    first, _state, window = _start(qtbot, loaded, store)
    window.show_on(QApplication.screens()[0], fullscreen=True)
    _kept(qtbot, first)
    window.close()

    first, state, window = _start(qtbot, loaded, store)
    frame = first.frame
    assert frame is not None
    qtbot.keyClick(frame, Qt.Key.Key_Right)  # a clicker pressed while the deck loads
    qtbot.keyClick(frame, Qt.Key.Key_Right)
    assert state.index == 3  # the player is not up yet: the keys wait
    window.show_on(QApplication.screens()[0], fullscreen=True)
    qtbot.waitUntil(lambda: first.frame is None, timeout=5000)
    assert state.index == 5
    assert not shiboken6.isValid(frame) or not frame.isVisible()  # closed, then deleted
    assert first.kept is None  # a start that showed its frame has nothing new to keep


def test_a_start_that_moved_on_before_the_grab_keeps_nothing(
    qtbot,  # noqa: ANN001
    loaded,  # noqa: ANN001
    tmp_path: Path,
) -> None:
    store = FrameStore(tmp_path / "frames")
    places = itertools.count()  # a new place at every look: a key was pressed at once
    first, _state, window = _start(qtbot, loaded, store, place=lambda: next(places))
    window.show_on(QApplication.screens()[0], fullscreen=True)
    qtbot.wait(300)
    assert first.kept is None
    assert first.key is not None
    assert not store.has(first.key)


def test_a_kiosk_keeps_the_frame_of_each_place_it_settles_on(
    qtbot,  # noqa: ANN001
    loaded,  # noqa: ANN001
    tmp_path: Path,
) -> None:
    from nanyi_desk.ui.deck_reloader import deck_paths

    store = FrameStore(tmp_path / "frames")
    first, state, window = _start(qtbot, loaded, store, index=0)

    def start_of() -> str | None:
        return None if state.panels else str(state.index + 1)

    first.keep_each_place(
        window,
        state,
        start_of,
        lambda: deck_paths(loaded),
        lambda: window.view.motion.running,
        settle_ms=50,
    )
    window.show_on(QApplication.screens()[0], fullscreen=True)
    state.goto(2)
    qtbot.wait(20)
    state.goto(5)  # passed through slide 3 too quickly to keep it
    key = first.key_for("6")
    assert key is not None
    qtbot.waitUntil(lambda: store.has(key), timeout=5000)
    assert first.kept is not None
    first.kept.join(10)
    assert not store.has(first.key_for("3") or "")
    painted = window.grab().toImage()
    panel = next(p for p in loaded.deck.panels)
    state.open_panel(panel)  # no start opens on a panel: nothing kept
    qtbot.wait(200)
    assert len(list((tmp_path / "frames").glob("*.png"))) == 2  # slide 1 and slide 6

    restarted = FirstFrame.begin("play", loaded.path, "6", None, None, store=store)
    assert restarted.frame is not None
    qtbot.addWidget(restarted.frame)
    shown = restarted.frame.grab().toImage()
    for x, y in itertools.product(range(5, painted.width(), 89), range(5, painted.height(), 67)):
        assert shown.pixelColor(x, y) == painted.pixelColor(x, y), (x, y)


def test_the_store_keeps_within_its_budget_and_a_frame_used_stays(tmp_path: Path) -> None:
    stamps = stamps_of(_deck_files(tmp_path)) or []
    noise = QImage(400, 300, QImage.Format.Format_RGB32)
    for y in range(300):  # a picture that does not compress to nothing
        for x in range(0, 400, 7):
            noise.setPixelColor(x, y, QColor((x * 7919 + y * 104729) % 0xFFFFFF))
    probe = FrameStore(tmp_path / "probe")
    probe.save("p", noise, stamps)
    one = probe._path("p").stat().st_size
    store = FrameStore(tmp_path / "frames", budget_mb=2.5 * one / 1024 / 1024)
    for number in range(2):
        assert store.save(f"k{number}", noise, stamps)
        os.utime(store._path(f"k{number}"), ns=(number * 10**9, number * 10**9))
    assert store.load("k0") is not None  # the oldest written, but used just now
    assert store.save("k2", noise, stamps)  # a third is over the budget: one must go
    assert [store.has(f"k{n}") for n in range(3)] == [True, False, True]


_TALK = """
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
from nanyi_desk.cli import main

seen = {}
class Paints(QObject):
    def eventFilter(self, obj, event):
        name = type(obj).__name__
        if event.type() == QEvent.Type.Paint and name == "StartFrame" and name not in seen:
            seen[name] = obj.screen().name()
            obj.grab().save(sys.argv[1])
        if event.type() == QEvent.Type.Paint and name == "SlideView" and not ended:
            ended.append(True)
            QTimer.singleShot(500, done)  # the console's view paints too: either will do
        return False
ended = []
app = QApplication([])
paints = Paints()
app.installEventFilter(paints)
def done():
    print("SEEN " + json.dumps(seen), flush=True)
    app.quit()
QTimer.singleShot(60000, done)
main(["present", "--start", "17"])
"""


def test_a_talk_shows_its_slide_on_the_projector_before_the_deck_is_read(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    screens = tmp_path / "screens.json"
    screens.write_text(
        json.dumps(
            {
                "screens": [
                    {"name": "laptop", "x": 0, "y": 0, "width": 1280, "height": 800},
                    {"name": "projector", "x": 1280, "y": 0, "width": 1280, "height": 720},
                ]
            }
        ),
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={screens}",
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "NANYI_DESK_FRAME_CACHE": "on",
    }

    def talk() -> dict[str, str]:
        done = subprocess.run(
            [sys.executable, "-c", _TALK, str(tmp_path / "frame.png")],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        line = next((x for x in done.stdout.splitlines() if x.startswith("SEEN ")), None)
        assert line is not None, done.stderr[-2000:]
        return dict(json.loads(line[5:]))

    assert talk() == {}  # the first talk keeps the audience view's first frame
    assert len(list((tmp_path / "cache" / "nanyi-desk" / "frames").glob("*.png"))) == 1
    assert talk() == {"StartFrame": "projector"}  # the next shows it there at once
    shown = QImage(str(tmp_path / "frame.png"))
    assert shown.width() == 1280
    assert shown.pixelColor(640, 360) != QColor("black")


def test_a_deck_path_that_is_not_a_deck_is_an_ordinary_start(tmp_path: Path) -> None:
    store = FrameStore(tmp_path / "frames")
    for path in (tmp_path / "missing.yaml", tmp_path, tmp_path / "a\0b"):
        first = FirstFrame.begin("play", path, None, None, None, store=store)
        assert first.frame is None  # nothing shown, nothing raised: the loader says what is wrong
