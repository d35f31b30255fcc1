"""The kiosk's rules with a fake clock: attract loop, waking, idle reset, the staff PIN."""

from __future__ import annotations

from nanyi_desk.playback.kiosk import (
    LOCKOUT_S,
    MAX_WRONG_PINS,
    KioskSchedule,
    PinGate,
    in_corner,
)


def _schedule() -> KioskSchedule:
    schedule = KioskSchedule(advance=10, idle_reset=90, durations=(None, 4, None))
    schedule.start(now=1000)
    return schedule


def test_attract_loop_advances_after_each_slides_dwell() -> None:
    schedule = _schedule()
    assert schedule.tick(1009.9) is None
    assert schedule.tick(1010) == "advance"
    schedule.slide_shown(schedule.next_index(3), 1010)
    assert schedule.index == 1
    assert schedule.tick(1013.9) is None  # slide 2 sets its own 4 s
    assert schedule.tick(1014) == "advance"
    schedule.slide_shown(2, 1014)
    assert schedule.next_index(3) == 0  # round and round


def test_first_input_only_wakes_then_idle_resets() -> None:
    schedule = _schedule()
    assert schedule.input(1005) is True  # woke: this touch does nothing else
    assert schedule.mode == "interactive"
    assert schedule.tick(1030) is None  # past the dwell: no auto-advance while a visitor is here
    assert schedule.input(1050) is False
    assert schedule.tick(1139.9) is None
    assert schedule.tick(1140) == "reset"
    schedule.start(1140)
    assert schedule.mode == "attract"
    assert schedule.index == 0


def test_pin_gate_locks_after_five_wrong_tries_for_a_minute() -> None:
    gate = PinGate("2468")
    for _ in range(MAX_WRONG_PINS - 1):
        assert gate.check("0000", 0) == "wrong"
    assert gate.check("0000", 1) == "locked"
    assert gate.check("2468", 2) == "locked"  # even the right PIN waits
    assert gate.locked_for(31) == LOCKOUT_S + 1 - 31
    assert gate.check("2468", 1 + LOCKOUT_S) == "ok"


def test_without_a_pin_the_chord_alone_lets_staff_out() -> None:
    gate = PinGate(None)
    assert not gate.required
    assert gate.check("", 0) == "ok"


def test_corner() -> None:
    assert in_corner(10, 10)
    assert not in_corner(500, 10)
