"""Checked decks kept between runs: read back only while none of their files changed."""

from __future__ import annotations

import os
from pathlib import Path

from nanyi_desk.deck import load_cache
from nanyi_desk.deck.load_cache import load_deck_cached
from nanyi_desk.deck.starter import write_starter


def _deck(tmp_path: Path) -> Path:
    folder = tmp_path / "deck"
    write_starter(folder)
    return folder


def _bump(path: Path, text_from: str, text_to: str) -> None:
    stat = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace(text_from, text_to), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_an_unchanged_deck_is_read_back_not_loaded(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    deck, cache = _deck(tmp_path), tmp_path / "cache"
    first = load_deck_cached(deck, cache)
    assert first.deck is not None
    assert len(list(cache.glob("*.pickle"))) == 1

    def no_loading(_path: Path) -> None:
        raise AssertionError("loaded again")

    monkeypatch.setattr(load_cache, "_load", no_loading)
    again = load_deck_cached(deck, cache)
    assert again.deck == first.deck
    assert again.diagnostics == first.diagnostics


def test_a_changed_file_of_the_deck_is_loaded_again(tmp_path: Path) -> None:
    deck, cache = _deck(tmp_path), tmp_path / "cache"
    load_deck_cached(deck, cache)
    _bump(deck / "parts" / "figures.yaml", "{zh: 卡片, en: Cards}", "{zh: 卡片, en: Changed}")
    again = load_deck_cached(deck, cache)
    assert again.deck is not None
    assert any(
        getattr(s, "title", None) == {"zh": "卡片", "en": "Changed"} for s in again.deck.slides
    )
    _bump(deck / "data" / "investment.csv", "2026,185.28", "2026,190")
    csv = load_deck_cached(deck, cache)
    assert csv.deck is not None
    values = [
        v for s in csv.deck.slides if getattr(s, "chart", None) for v in s.chart.series[0].values
    ]
    assert 190 in values


def test_a_damaged_entry_or_a_broken_deck_is_never_trusted(tmp_path: Path) -> None:
    deck, cache = _deck(tmp_path), tmp_path / "cache"
    load_deck_cached(deck, cache)
    (entry,) = cache.glob("*.pickle")
    entry.write_bytes(b"not a pickle")
    assert load_deck_cached(deck, cache).deck is not None
    _bump(deck / "deck.yaml", "layout: quote", "layout: quotes")
    broken = load_deck_cached(deck, cache)
    assert broken.deck is None
    assert broken.errors
    assert load_deck_cached(deck, cache).deck is None  # not read back as the old good deck


def test_no_folder_means_no_cache(tmp_path: Path) -> None:
    deck = _deck(tmp_path)
    assert load_deck_cached(deck, None).deck is not None
    assert not (tmp_path / "cache").exists()
