"""The presenter console: two windows, one state; the console drives, both views follow.

Offscreen, with a fake clock, a fake wall clock and fake screens (the offscreen platform has
one screen that never changes), so that plugging a projector in is a test like any other.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage

from nanyi_desk.deck import load_deck
from nanyi_desk.layout.geometry import Rect
from nanyi_desk.render.context import deck_context
from nanyi_desk.resources import default_deck
from nanyi_desk.ui.console_settings import ConsoleSettings
from nanyi_desk.ui.screen_provider import ScreenProvider


class FakeScreens(ScreenProvider):
    """Screens side by side, 1920×1080 each; plug and pull them as a test needs."""

    def __init__(self, count: int = 1, primary: int = 0) -> None:
        super().__init__()
        self.n, self.first = count, primary

    def count(self) -> int:
        return self.n

    def primary(self) -> int:
        return self.first

    def geometry(self, index: int) -> QRect:
        return QRect(1920 * index, 0, 1920, 1080)

    def plug(self, count: int) -> None:
        self.n = count
        self.changed.emit()


class Clock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture(scope="module")
def loaded():  # noqa: ANN201
    deck = load_deck(default_deck())
    assert deck.deck is not None
    return deck


@pytest.fixture
def talk(qtbot, loaded, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN001, ANN201
    """A function that starts a talk on the default deck; returns the session."""
    from nanyi_desk.render.fonts import register_fonts
    from nanyi_desk.ui.presenter_session import PresenterSession
    from nanyi_desk.ui.state import PlayerState

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("NANYI_DESK_DATA_DIR", str(tmp_path / "data"))
    register_fonts()
    made = []

    def start(
        screens: ScreenProvider | None = None,
        clock: Clock | None = None,
        index: int = 0,
        **options: object,
    ):  # noqa: ANN202
        state = PlayerState.for_deck(loaded.deck, index)
        options.setdefault("deck_file", tmp_path / "deck.yaml")
        session = PresenterSession(
            state,
            deck_context(loaded),
            screens or FakeScreens(1),
            now=clock or Clock(),
            wall=lambda: datetime(2026, 12, 3, 14, 5),
            keep_awake=False,
            **options,
        )
        qtbot.addWidget(session.console)
        qtbot.addWidget(session.audience)
        session.start()
        qtbot.waitExposed(session.console)
        qtbot.waitExposed(session.audience)
        made.append(session)
        return session

    return start


def _key(qtbot, widget, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # noqa: ANN001
    # As a presenter's laptop: the console is the active window (shortcuts need one).
    widget.window().activateWindow()
    qtbot.waitActive(widget.window())
    widget.setFocus()
    qtbot.wait(1)  # the activation settles before the shortcut map is asked
    qtbot.keyClick(widget, key, modifier)


def test_console_keys_drive_the_audience_view(talk, qtbot) -> None:  # noqa: ANN001
    session = talk()
    console, audience, state = session.console, session.audience, session.state
    _key(qtbot, console.mirror, Qt.Key.Key_Right)
    assert state.index == 1
    assert audience.view._shown_index == 1  # the audience view followed, not just the state
    assert console.bar.position.text() == f"2 / {state.count}"
    _key(qtbot, console.mirror, Qt.Key.Key_PageDown)  # a clicker's next
    assert state.index == 2
    _key(qtbot, console.mirror, Qt.Key.Key_PageUp)
    assert state.index == 1


def test_blackout_from_the_console_blacks_out_the_projector(talk, qtbot) -> None:  # noqa: ANN001
    session = talk(console_lang="en")
    _key(qtbot, session.console.mirror, Qt.Key.Key_Period)
    assert session.state.blank == "black"
    audience = session.audience.view.grab().toImage()
    assert audience.pixelColor(audience.width() // 2, audience.height() // 2) == QColor("#000000")
    assert "Black screen" in session.console.bar.status.text()
    # The console says what the audience sees, and how to bring the slide back.
    assert "black screen" in session.console.mirror.blank_caption
    assert "B again" in session.console.mirror.blank_caption
    _key(qtbot, session.console.mirror, Qt.Key.Key_B)
    assert session.state.blank is None
    assert session.console.mirror.blank_caption == ""


def test_a_touch_on_the_console_opens_the_panel_on_both_views(talk, qtbot) -> None:  # noqa: ANN001
    session = talk(index=1)  # the key figures
    mirror = session.console.mirror
    _, hotspots, box = mirror.current()
    assert hotspots
    target = hotspots[0]
    view = box.to_view(Rect(target.x, target.y, target.w, target.h))
    x, y = view.x + view.w / 2, view.y + view.h / 2
    qtbot.mouseClick(mirror, Qt.MouseButton.LeftButton, pos=QPoint(int(x), int(y)))
    assert session.state.panels == (target.panel,)
    assert session.audience.view.panels.isVisible()
    assert mirror.panels.isVisible()


def test_two_languages_at_once(talk, qtbot, loaded) -> None:  # noqa: ANN001
    session = talk(console_lang="en", index=1)
    console, state = session.console, session.state
    notes = loaded.deck.slides[1].notes
    assert state.lang == "zh"
    assert console.notes.label.text() == notes["en"].strip()
    _key(qtbot, console.mirror, Qt.Key.Key_L)  # the audience's language
    assert state.lang == "en"
    assert console.console_lang == "en"
    _key(qtbot, console.mirror, Qt.Key.Key_L, Qt.KeyboardModifier.ShiftModifier)  # the console's
    assert console.console_lang == "zh"
    assert state.lang == "en"
    assert console.notes.label.text() == notes["zh"].strip()
    assert console.strip.lang == "zh"
    assert console.preview.lang == "zh"


def test_notes_and_next_slide_follow(talk, qtbot, loaded) -> None:  # noqa: ANN001
    session = talk(console_lang="zh")
    console = session.console
    session.state.goto(4)
    assert console.preview.index == 5
    slide = loaded.deck.slides[4]
    expected = slide.notes["zh"].strip() if slide.notes else "本页没有备注"
    assert console.notes.label.text() == expected
    session.state.last()
    assert console.preview.index is None
    assert console.preview.message == "演示结束"


def test_the_countdown_turns_amber_then_red(talk) -> None:  # noqa: ANN001
    clock = Clock()
    session = talk(clock=clock, duration=100.0, console_lang="en")
    bar = session.console.bar
    clock.t += 50
    session.console.refresh()
    assert bar.elapsed.text() == "0:50"
    assert bar.remaining.text() == "0:50"
    assert "#F2F4F7" in bar.remaining.styleSheet()
    clock.t += 35
    session.console.refresh()
    assert "#FFB020" in bar.remaining.styleSheet()
    clock.t += 30
    session.console.refresh()
    assert "#FF4D4F" in bar.remaining.styleSheet()
    assert bar.remaining_caption.text() == "Over time"
    assert bar.remaining.text() == "−0:15"
    assert bar.wall.text() == "14:05"


def test_pause_stops_the_clock_and_reset_needs_asking(talk, qtbot) -> None:  # noqa: ANN001
    clock = Clock()
    session = talk(clock=clock)
    clock.t += 10
    _key(qtbot, session.console.mirror, Qt.Key.Key_P)
    clock.t += 100
    assert session.clock.paused
    assert session.clock.elapsed == 10
    session.console.reset_clock()  # what the confirmed dialog calls
    clock.t += 3
    assert session.clock.elapsed == 3


def test_the_strip_jumps_to_a_slide(talk, qtbot) -> None:  # noqa: ANN001
    session = talk()
    strip = session.console.strip
    strip.scroll_to(6)
    slot = strip.slot(6).center()
    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=slot.toPoint())
    assert session.state.index == 6
    assert strip.current == 6


def test_notes_size_is_remembered(talk, qtbot) -> None:  # noqa: ANN001
    session = talk()
    before = session.console.notes.size
    _key(qtbot, session.console.mirror, Qt.Key.Key_Plus)
    assert session.console.notes.size > before
    assert ConsoleSettings.load().notes_size == session.console.notes.size


def test_a_projector_plugged_in_and_pulled_out_moves_the_audience_view(talk) -> None:  # noqa: ANN001
    screens = FakeScreens(1)
    session = talk(screens=screens)
    session.state.goto(7)
    assert not session.audience.isFullScreen()
    screens.plug(2)
    assert session.placement is not None
    assert session.placement.audience == 1
    assert session.audience.isFullScreen()
    assert session.audience.geometry() == QRect(1920, 0, 1920, 1080)
    assert not session.console.isFullScreen()
    screens.plug(1)
    assert not session.audience.isFullScreen()
    assert session.state.index == 7  # the place is kept


def test_the_audience_screen_asked_for_wins(talk) -> None:  # noqa: ANN001
    session = talk(screens=FakeScreens(3, primary=1), audience_screen=2)
    assert session.audience.geometry() == QRect(3840, 0, 1920, 1080)
    assert session.placement is not None
    assert session.placement.console == 1


def test_f5_shows_from_the_start_full_screen(talk, qtbot) -> None:  # noqa: ANN001
    session = talk(index=5)
    _key(qtbot, session.console.mirror, Qt.Key.Key_F5)
    assert session.state.index == 0
    assert session.audience.isFullScreen()


def test_a_rehearsal_is_recorded_and_read_back(talk, tmp_path: Path) -> None:  # noqa: ANN001
    clock = Clock()
    deck_file = tmp_path / "deck.yaml"
    session = talk(clock=clock, rehearse=True, deck_file=deck_file)
    clock.t += 30
    session.state.goto(1)
    clock.t += 45
    session.state.goto(2)
    clock.t += 5
    session.console.close()  # the talk ends: the record is written
    assert session.saved_to == tmp_path / "deck.rehearsal.json"
    again = talk(clock=Clock(), deck_file=deck_file)
    plan = again.console.plan
    assert plan is not None
    assert plan[:3] == [30.0, 45.0, 5.0]
    assert again.console.strip.labels[1] == "0:45"
    # Half a minute over the first slide's rehearsed time: the bar warns.
    again.clock.now.t += 40  # type: ignore[attr-defined]
    again.console.refresh()
    assert "落后彩排 0:10" in again.console.bar.rehearsal.text()
    assert "#FFB020" in again.console.bar.rehearsal.styleSheet()


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--duration", "twenty"], "--duration 'twenty' is not a duration"),
        (["--duration", "0"], "at most 24 hours"),
        (["--console-lang", "fr"], "--console-lang fr: the deck's languages are zh, en"),
        (["--lang", "de"], "--lang de: the deck's languages are zh, en"),
        (["--start", "99"], "--start 99: no slide has that id or number (1–32)"),
        (["--audience-screen", "5"], "--audience-screen 5: there is 1 screen (0)"),
    ],
)
def test_bad_present_options_are_one_line_usage_errors(
    qapp,
    args: list[str],
    says: str,
    capsys: pytest.CaptureFixture[str],  # noqa: ANN001
) -> None:
    from nanyi_desk.cli import main

    assert main(["present", str(default_deck()), *args]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert says in err
    assert err.startswith("nanyi-desk present: ")


def test_esc_keeps_the_projector_full_screen_but_leaves_it_on_one_screen(talk, qtbot) -> None:  # noqa: ANN001
    session = talk(screens=FakeScreens(2))
    assert session.audience.isFullScreen()
    _key(qtbot, session.audience.view, Qt.Key.Key_Escape)  # a clicker's "stop" button
    assert session.audience.isFullScreen()
    session.console.close()  # one talk at a time: its keys go with it
    rehearsal = talk(screens=FakeScreens(1))
    _key(qtbot, rehearsal.audience.view, Qt.Key.Key_F5)
    assert rehearsal.audience.isFullScreen()
    _key(qtbot, rehearsal.audience.view, Qt.Key.Key_Escape)
    assert not rehearsal.audience.isFullScreen()


@pytest.mark.parametrize("query", ["185", "钠", "sodium"])
def test_a_figure_found_on_the_console_shows_on_the_projector_at_enter(
    talk,
    qtbot,
    loaded,
    query: str,  # noqa: ANN001
) -> None:
    session = talk(index=3)
    console, state = session.console, session.state
    _key(qtbot, console.mirror, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search = console.search
    assert search is not None
    assert search.isVisible()
    search.field.insert(query)  # QTest cannot type Chinese
    hits = search.hits()
    signed = [
        h
        for h in hits
        if h.slide == 16 or "185.28" in h.figure("zh") or "185.28" in h.text("quote", "zh")
    ]
    assert signed, [h.figure("zh") for h in hits[:5]]
    assert state.index == 3  # the projector does not move while the presenter looks
    while search.current() is not signed[0]:
        qtbot.keyClick(search.field, Qt.Key.Key_Down)
    qtbot.keyClick(search.field, Qt.Key.Key_Return)
    assert not search.isVisible()
    assert loaded.deck.slides[state.index].id == "new-projects"
    assert state.panels == signed[0].panels
    assert session.audience.view._shown_index == state.index


def test_a_slide_without_notes_says_so(qtbot, loaded, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    import dataclasses

    from nanyi_desk.ui.presenter_session import PresenterSession
    from nanyi_desk.ui.state import PlayerState

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    deck = loaded.deck
    bare = deck.model_copy(
        update={"slides": tuple(s.model_copy(update={"notes": None}) for s in deck.slides)}
    )
    ctx = dataclasses.replace(deck_context(loaded), deck=bare)
    session = PresenterSession(
        PlayerState.for_deck(bare, 2), ctx, FakeScreens(1), console_lang="en", keep_awake=False
    )
    qtbot.addWidget(session.console)
    qtbot.addWidget(session.audience)
    session.start()
    assert session.console.notes.label.text() == "No notes for this slide"
    assert session.console.notes.empty
    # Not drawn yet is not the end of the deck.
    assert session.console.preview.index == 3
    preview = session.console.preview
    size = (preview.width(), preview.height(), preview.devicePixelRatioF())
    assert not preview.cache.has(3, "en", *size)  # the warmer has had no turn yet
    image = preview.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    pixels = image.constBits().tobytes()
    assert pixels.count(b"\x00\x00\x00\xff") * 4 == len(pixels)  # all black, no words


def test_the_help_asked_on_the_console_stays_on_the_console(talk, qtbot) -> None:  # noqa: ANN001
    session = talk()
    mirror = session.console.mirror
    _key(qtbot, mirror, Qt.Key.Key_Question)
    assert mirror.help.isVisible()
    assert not session.audience.view.help.isVisible()
    assert session.state.overlay is None
    qtbot.keyClick(mirror.help, Qt.Key.Key_Escape)
    assert not mirror.help.isVisible()
    # The overview still goes through the state: both screens show it.
    _key(qtbot, mirror, Qt.Key.Key_O)
    assert session.audience.view.overview.isVisible()


def test_the_console_offers_the_handout_export(talk) -> None:  # noqa: ANN001
    session = talk()
    action = session.export_action
    assert action in session.console.actions()
    assert action.shortcut().toString() == "Ctrl+E"
    clashes = {s.key().toString() for s in session.shortcuts}
    assert "Ctrl+E" not in clashes
