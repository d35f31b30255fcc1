"""Rehearsal records: seconds per slide, written beside the deck and read back. No Qt."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nanyi_desk.playback import rehearsal
from nanyi_desk.playback.rehearsal import SlideTimes, behind, planned, slide_key


def test_time_goes_to_the_slide_being_shown() -> None:
    times = SlideTimes()
    times.enter("intro", 0)
    times.enter("kpis", 30)
    times.enter("intro", 75)
    times.settle(80)
    assert times.seconds == {"intro": 35, "kpis": 45}


def test_the_record_is_written_beside_the_deck_and_read_back(tmp_path: Path) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text("format: 1\n")
    times = SlideTimes({"intro": 35.5, "#2": 45})
    where = rehearsal.save(times, deck, "演示")
    assert where == tmp_path / "deck.rehearsal.json"
    assert deck.read_text() == "format: 1\n"  # the deck itself is never touched
    assert rehearsal.load(deck) == {"intro": 35.5, "#2": 45.0}


def test_a_read_only_deck_folder_records_in_the_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deck = tmp_path / "installed" / "deck.yaml"
    deck.parent.mkdir()
    deck.write_text("format: 1\n")
    real_write = rehearsal.write_atomically

    def read_only_beside_the_deck(path: Path, data: str) -> None:
        # As an installed deck's folder (root ignores chmod, so refuse it here).
        if Path(path).parent == deck.parent:
            raise PermissionError(13, "Permission denied", str(path))
        real_write(path, data)

    monkeypatch.setattr(rehearsal, "write_atomically", read_only_beside_the_deck)
    monkeypatch.setenv("NANYI_DESK_DATA_DIR", str(tmp_path / "data"))
    where = rehearsal.save(SlideTimes({"a": 1.0}), deck, "t")
    assert where.is_relative_to(tmp_path / "data")
    assert not rehearsal.record_path(deck).exists()
    assert rehearsal.load(deck) == {"a": 1.0}


def test_a_damaged_record_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NANYI_DESK_DATA_DIR", str(tmp_path / "data"))
    deck = tmp_path / "deck.yaml"
    assert rehearsal.load(deck) is None
    rehearsal.record_path(deck).write_text("{not json")
    assert rehearsal.load(deck) is None
    rehearsal.record_path(deck).write_text(json.dumps({"format": 99, "seconds": {"a": 1}}))
    assert rehearsal.load(deck) is None


def test_behind_compares_with_the_rehearsed_end_of_this_slide() -> None:
    keys = [slide_key(0, "intro"), slide_key(1, None), slide_key(2, "end")]
    assert keys == ["intro", "#2", "end"]
    plan = planned({"intro": 60, "#2": 120}, keys)
    assert plan == [60, 120, None]
    assert behind(plan, 0, 90) == 30  # still on the first slide after its minute
    assert behind(plan, 1, 90) == -90  # on the second, well within it
