"""The talk clock: durations as presenters write them, pause, countdown phases. No Qt."""

from __future__ import annotations

import pytest

from nanyi_desk.playback.talk_clock import TalkClock, format_clock, parse_duration


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("20m", 1200), ("20", 1200), ("1h30m", 5400), ("90s", 90), ("1.5h", 5400), (" 1h 5s", 3605)],
)
def test_durations_as_presenters_write_them(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "twenty", "20x", "5m1h", "1m1m", "0", "25h", "-5m", "1:30"])
def test_a_bad_duration_says_what_to_write(text: str) -> None:
    with pytest.raises(ValueError, match="duration|24 hours"):
        parse_duration(text)


def test_the_clock_counts_only_once_started_and_leaves_pauses_out() -> None:
    now = Clock()
    clock = TalkClock(duration=600, now=now)
    now.t += 50
    assert clock.elapsed == 0
    assert not clock.started
    clock.start()
    now.t += 100
    clock.toggle_pause()
    now.t += 1000  # a long pause
    assert clock.paused
    assert clock.elapsed == 100
    clock.toggle_pause()
    now.t += 20
    assert clock.elapsed == 120
    assert clock.remaining == 480
    clock.start()  # starting again changes nothing
    assert clock.elapsed == 120


def test_the_countdown_turns_amber_in_the_last_fifth_and_over_after() -> None:
    now = Clock()
    clock = TalkClock(duration=100, now=now)
    clock.start()
    assert clock.phase == "normal"
    now.t += 79
    assert clock.phase == "normal"
    now.t += 2
    assert clock.phase == "amber"
    now.t += 20
    assert clock.phase == "over"
    assert clock.remaining == pytest.approx(-1)
    clock.reset()
    assert clock.elapsed == 0
    assert not clock.started
    assert TalkClock(now=now).phase == "none"


def test_clock_faces() -> None:
    assert format_clock(0) == "0:00"
    assert format_clock(245.9) == "4:05"
    assert format_clock(3723) == "1:02:03"
    assert format_clock(-42) == "−0:42"
