"""The kiosk player in-process with a fake clock: loop, wake, idle reset, exit, lockdown, reload."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication

from nanyi_desk.deck import load_deck
from nanyi_desk.render.fonts import register_fonts
from nanyi_desk.resources import starter_deck
from nanyi_desk.supervisor import link
from nanyi_desk.theme import load_theme
from nanyi_desk.ui.kiosk import KioskController
from nanyi_desk.ui.kiosk_widgets import KEYS
from nanyi_desk.ui.kiosk_window import KioskWindow


class Clock:
    """Time that moves only when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def deck_dir(tmp_path: Path) -> Path:
    """A copy of the starter deck the test may change."""
    target = tmp_path / "deck"
    shutil.copytree(starter_deck(), target)
    return target


@pytest.fixture
def kiosk(qtbot, deck_dir: Path, tmp_path: Path):  # noqa: ANN001, ANN201
    register_fonts()
    loaded = load_deck(deck_dir)
    assert loaded.deck is not None
    window = KioskWindow(load_theme(loaded.deck.theme))
    qtbot.addWidget(window)
    clock = Clock()
    exits: list[int] = []
    controller = KioskController(
        window,
        loaded,
        pin="2468",
        advance=5,
        idle_reset=30,
        state_file=tmp_path / "state.json",
        heartbeat=tmp_path / "beat",
        clock=clock,
        quit_app=exits.append,
    )
    window.resize(960, 540)
    window.show()
    qtbot.waitExposed(window)
    controller.start()
    yield window, controller, clock
    controller.exit()  # stops its timers, lets the window close
    assert exits[-1] == 0


def test_attract_loop_advances_by_itself(kiosk) -> None:  # noqa: ANN001
    window, controller, clock = kiosk
    assert controller.schedule.mode == "attract"
    assert window.cue.isVisible()
    assert not window.controls.isVisible()
    clock.now += 4.9
    controller.tick()
    assert controller.state.index == 0
    clock.now += 0.2
    controller.tick()
    assert controller.state.index == 1
    assert link.read_state(controller.state_file) == {"slide": 1, "lang": "zh"}


def test_first_touch_wakes_and_does_nothing_else(qtbot, kiosk) -> None:  # noqa: ANN001
    window, controller, clock = kiosk
    qtbot.mouseClick(window.view, Qt.MouseButton.LeftButton, pos=QPoint(480, 270))
    assert controller.schedule.mode == "interactive"
    assert controller.state.index == 0  # the waking touch did not turn the page
    assert window.controls.isVisible()
    assert not window.cue.isVisible()
    qtbot.mouseClick(window.view, Qt.MouseButton.LeftButton, pos=QPoint(480, 270))
    assert controller.state.index == 1  # the next one does
    clock.now += 100
    controller.tick()  # no auto-advance while a visitor is here; but now idle: reset
    assert controller.schedule.mode == "attract"


def test_idle_reset_closes_panels_and_returns_to_the_start(qtbot, kiosk) -> None:  # noqa: ANN001
    window, controller, clock = kiosk
    state = controller.state
    qtbot.keyClick(window.view, Qt.Key.Key_Right)  # wakes
    qtbot.keyClick(window.view, Qt.Key.Key_Right)
    qtbot.keyClick(window.view, Qt.Key.Key_L)
    state.open_panel(next(iter(controller.loaded.deck.panels)))
    assert (state.index, state.lang, bool(state.panels)) == (1, "en", True)
    clock.now += 29
    controller.tick()
    assert controller.schedule.mode == "interactive"
    clock.now += 1.5
    controller.tick()
    assert (state.index, state.lang, state.panels) == (0, "zh", ())
    assert controller.schedule.mode == "attract"
    assert window.cue.isVisible()


def test_on_screen_controls(qtbot, kiosk) -> None:  # noqa: ANN001
    window, controller, _ = kiosk
    controller.wake()
    controller.schedule.input(0)
    bar = window.controls
    centre = bar.button_rect(4).center().toPoint()  # next
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=centre)
    assert controller.state.index == 1
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.button_rect(3).center().toPoint())
    assert controller.state.lang == "en"
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.button_rect(1).center().toPoint())
    assert controller.state.index == 0
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.button_rect(2).center().toPoint())
    assert controller.view.overview.isVisible()
    assert bar.button_rect(0).width() >= 80  # a finger's target


def test_close_events_and_context_menus_are_refused(qtbot, kiosk) -> None:  # noqa: ANN001
    window, _, _ = kiosk
    event = QCloseEvent()
    QApplication.sendEvent(window, event)
    assert not event.isAccepted()
    assert window.isVisible()
    window.close()  # what Alt+F4 asks for
    assert window.isVisible()
    from PySide6.QtGui import QContextMenuEvent

    menu = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(10, 10), QPoint(10, 10))
    assert QApplication.instance().notify(window.view, menu) is True  # swallowed by the filter


def test_exit_chord_then_pin_and_lockout(qtbot, kiosk) -> None:  # noqa: ANN001
    window, controller, clock = kiosk
    modifiers = (
        Qt.KeyboardModifier.ControlModifier
        | Qt.KeyboardModifier.AltModifier
        | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.keyClick(window.view, Qt.Key.Key_E, modifiers)
    pad = window.pinpad
    assert pad.isVisible()
    for _ in range(4):
        qtbot.keyClicks(pad, "1111")
        qtbot.keyClick(pad, Qt.Key.Key_Return)
        assert "Wrong" in pad.message
    qtbot.keyClicks(pad, "1111")
    qtbot.keyClick(pad, Qt.Key.Key_Return)
    assert "Locked" in pad.message
    qtbot.keyClicks(pad, "2468")
    qtbot.keyClick(pad, Qt.Key.Key_Return)
    assert window.isVisible()  # locked: even the right PIN waits a minute
    clock.now += 61
    qtbot.keyClicks(pad, "2468")
    qtbot.keyClick(pad, Qt.Key.Key_Return)
    assert controller.quit_app.__self__ == [0]  # the exit code the supervisor will see
    assert window.allow_close
    assert not window.isVisible()


def test_long_press_in_the_corner_asks_for_the_pin(qtbot, kiosk) -> None:  # noqa: ANN001
    window, controller, _ = kiosk
    controller.input.long_press.setInterval(50)
    qtbot.mousePress(window.view, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    qtbot.waitUntil(window.pinpad.isVisible, timeout=1000)
    qtbot.mouseRelease(window.view, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))


def test_resumes_where_the_state_file_says(qtbot, deck_dir: Path, tmp_path: Path) -> None:  # noqa: ANN001
    register_fonts()
    link.write_state(tmp_path / "state.json", {"slide": 2, "lang": "en"})
    loaded = load_deck(deck_dir)
    window = KioskWindow(load_theme("nanyi"))
    qtbot.addWidget(window)
    controller = KioskController(
        window, loaded, pin=None, advance=5, idle_reset=30,
        state_file=tmp_path / "state.json", heartbeat=tmp_path / "beat", quit_app=lambda _code: None,
    )  # fmt: skip
    assert (controller.state.index, controller.state.lang) == (2, "en")
    controller.start()
    assert (tmp_path / "beat").read_text().split()[0].isdigit()
    controller.exit()


def _edit(deck_dir: Path, old: str, new: str) -> None:
    path = deck_dir / "deck.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def test_hot_reload_takes_a_valid_deck_at_the_next_loop_step(qtbot, kiosk, deck_dir: Path) -> None:  # noqa: ANN001
    window, controller, clock = kiosk
    controller.reloader.settle.setInterval(10)
    first_title = controller.loaded.deck.title
    text = (deck_dir / "deck.yaml").read_text(encoding="utf-8")
    assert "title:" in text
    _edit(deck_dir, "format: 1", "format: 1\n# edited on site")
    _edit(deck_dir, "我的简报", "新的简报")  # the deck's title
    qtbot.waitUntil(lambda: controller.pending is not None, timeout=5000)
    assert controller.state.index == 0  # nothing changes mid-slide
    clock.now += 5.1
    controller.tick()
    assert controller.pending is None
    assert controller.loaded.deck.title != first_title


def test_hot_reload_keeps_the_last_good_deck_when_the_new_one_is_broken(
    qtbot, kiosk, deck_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:  # noqa: ANN001
    window, controller, clock = kiosk
    controller.reloader.settle.setInterval(10)
    good = controller.loaded
    with caplog.at_level("ERROR", logger="nanyi_desk.kiosk"):
        _edit(deck_dir, "format: 1", "format: 2")
        qtbot.waitUntil(lambda: "keeps playing" in caplog.text, timeout=5000)
    clock.now += 5.1
    controller.tick()
    assert controller.loaded is good
    assert controller.state.index == 1  # the loop goes on
    assert "format" in caplog.text


def test_event_filter_lets_ordinary_events_through(kiosk) -> None:  # noqa: ANN001
    window, controller, _ = kiosk
    assert controller.input.eventFilter(window, QEvent(QEvent.Type.Show)) is False


def test_a_visit_is_recorded_from_wake_to_idle_reset(qtbot, kiosk, tmp_path: Path) -> None:  # noqa: ANN001
    import sqlite3

    from nanyi_desk.analytics import Recorder
    from nanyi_desk.ui.visits import VisitObserver

    window, controller, clock = kiosk
    recorder = Recorder(tmp_path / "visits.sqlite3", "starter")
    deck = controller.loaded.deck
    controller.visits = VisitObserver(
        controller.state, recorder, [s.id for s in deck.slides], controller
    )
    clock.now += 3
    controller.tick()  # attract loop: nobody is here, nothing is recorded
    qtbot.mouseClick(window.view, Qt.MouseButton.LeftButton, pos=QPoint(480, 270))  # wake
    qtbot.keyClick(window.view, Qt.Key.Key_Right)
    controller.state.open_panel(next(iter(deck.panels)))
    clock.now += 31
    controller.tick()  # idle reset ends the visit
    recorder.close()
    with sqlite3.connect(tmp_path / "visits.sqlite3") as db:
        assert db.execute("select count(*), max(end_reason) from sessions").fetchone() == (
            1,
            "idle",
        )
        assert db.execute("select count(*) from slide_views").fetchone()[0] >= 2
        assert db.execute("select panel_id from panel_opens").fetchall() == [
            (next(iter(deck.panels)),)
        ]


# -- one state: the controls, idle reset and hot reload all go through PlayerState ------


def test_the_kiosk_language_button_follows_every_language_change(qtbot, kiosk) -> None:  # noqa: ANN001
    """It was a hand-kept copy: after L or an idle reset it named the wrong language."""
    window, controller, clock = kiosk
    bar = window.controls
    assert bar.language_label == "EN"  # zh now: the button offers English
    qtbot.keyClick(window.view, Qt.Key.Key_L)  # wakes the kiosk
    qtbot.keyClick(window.view, Qt.Key.Key_L)
    assert controller.state.lang == "en"
    assert bar.language_label == "中文"
    clock.now += 31
    controller.tick()  # idle reset: back to Chinese
    assert controller.state.lang == "zh"
    assert bar.language_label == "EN"


def test_idle_reset_closes_the_overview_and_blank_through_the_state(qtbot, kiosk) -> None:  # noqa: ANN001
    window, controller, clock = kiosk
    qtbot.keyClick(window.view, Qt.Key.Key_Right)  # wakes
    qtbot.keyClick(window.view, Qt.Key.Key_O)
    assert window.view.overview.isVisible()
    controller.state.toggle_blank("black")
    clock.now += 31
    controller.tick()
    assert (controller.state.overlay, controller.state.blank) == (None, None)
    assert not window.view.overview.isVisible()


def test_a_hot_reload_keeps_one_state_and_one_view(qtbot, kiosk, deck_dir: Path) -> None:  # noqa: ANN001
    window, controller, clock = kiosk
    state, view = controller.state, window.view
    controller.reloader.settle.setInterval(10)
    path = deck_dir / "deck.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("我的简报", "新的简报", 1), encoding="utf-8"
    )
    qtbot.waitUntil(lambda: controller.pending is not None, timeout=5000)
    with qtbot.waitSignal(state.deck_changed):
        clock.now += 5.1
        controller.tick()
    assert controller.state is state
    assert window.view is view
    assert view.ctx.text(view.ctx.deck.title, "zh") == "新的简报"
    assert state.index == 0


def test_typing_a_pin_counts_as_activity(qtbot, kiosk) -> None:  # noqa: ANN001
    window, controller, clock = kiosk
    qtbot.keyClick(window.view, Qt.Key.Key_Right)  # a visitor wakes the kiosk
    assert controller.schedule.mode == "interactive"
    controller.ask_exit()
    pad = window.pinpad
    assert pad.isVisible()
    for digit in "246":  # a key tapped every 20 s: slow, but never 30 s idle
        clock.now += 20
        controller.tick()
        key = pad.key_rect(KEYS.index(digit)).center().toPoint()
        qtbot.mouseClick(pad, Qt.MouseButton.LeftButton, pos=key)
    clock.now += 20
    controller.tick()
    assert pad.isVisible()  # 80 s since the visitor's last touch: typing kept the kiosk up
    assert pad.entered == "246"
    assert controller.schedule.mode == "interactive"
    clock.now += 31  # a keypad left alone still goes away with the idle reset
    controller.tick()
    assert not pad.isVisible()
    assert controller.schedule.mode == "attract"


def test_the_fallback_screen_shows_no_visitor_controls(qtbot) -> None:  # noqa: ANN001
    from nanyi_desk.ui.kiosk_child import install_fallback

    register_fonts()
    window = KioskWindow(load_theme("nanyi"))
    qtbot.addWidget(window)
    install_fallback(window, "ValueError: slide 3: no such chart")
    controller = KioskController(
        window, None, pin=None, advance=None, idle_reset=None,
        state_file=None, heartbeat=None, quit_app=lambda _code: None,
    )  # fmt: skip
    window.resize(1080, 1920)
    window.show()
    qtbot.waitExposed(window)
    controller.start()
    qtbot.mouseClick(window.view, Qt.MouseButton.LeftButton, pos=QPoint(540, 960))
    assert not window.controls.isVisible()
    assert not window.cue.isVisible()
    assert window.view.geometry() == window.rect()  # the message has the whole screen
    controller.exit()


def test_on_a_portrait_screen_the_controls_never_cover_the_slide(
    qtbot, deck_dir: Path, tmp_path: Path
) -> None:  # noqa: ANN001
    register_fonts()
    _edit(deck_dir, 'aspect: "16:9"', 'aspect: "9:16"')
    loaded = load_deck(deck_dir)
    assert loaded.deck is not None
    window = KioskWindow(load_theme(loaded.deck.theme))
    qtbot.addWidget(window)
    controller = KioskController(
        window, loaded, pin=None, advance=5, idle_reset=30,
        state_file=None, heartbeat=None, quit_app=lambda _code: None,
    )  # fmt: skip
    window.resize(1080, 1920)
    window.show()
    qtbot.waitExposed(window)
    controller.start()
    slide = window.view.geometry()
    assert window.cue.isVisible()
    assert window.cue.geometry().top() > slide.bottom()
    controller.wake()
    assert window.controls.isVisible()
    assert window.controls.geometry().top() > slide.bottom()
    assert window.view.geometry() == slide  # the first touch does not move the slide
    window.resize(1920, 1080)  # and on a landscape screen too
    assert window.controls.geometry().top() > window.view.geometry().bottom()
    controller.exit()
