"""The one byte-bounded cache: plain Python, no Qt."""

from __future__ import annotations

from nanyi_desk.memory import BytesLRU


def _cache(budget: int = 10, keep: int = 1) -> BytesLRU[str, bytes]:
    return BytesLRU(budget, len, keep=keep)


def test_a_miss_then_a_hit_are_counted() -> None:
    cache = _cache()
    assert cache.get("a") is None
    cache.put("a", b"xx")
    assert cache.get("a") == b"xx"
    assert (cache.hits, cache.misses) == (1, 1)


def test_bytes_follow_what_is_held_and_stay_within_budget() -> None:
    cache = _cache(budget=10)
    for key in "abcd":
        cache.put(key, b"xxx")
    assert cache.bytes == 9
    assert cache.keys() == ["b", "c", "d"]
    assert cache.bytes <= cache.budget


def test_the_least_recently_used_goes_first() -> None:
    cache = _cache(budget=9)
    for key in "abc":
        cache.put(key, b"xxx")
    assert cache.get("a") == b"xxx"  # a is now the newest; b the oldest
    cache.put("d", b"xxx")
    assert cache.keys() == ["c", "a", "d"]
    assert "b" not in cache


def test_the_newest_few_stay_even_over_budget() -> None:
    cache = _cache(budget=10, keep=3)
    for key in "abcd":
        cache.put(key, b"x" * 8)
    assert cache.keys() == ["b", "c", "d"]
    assert cache.bytes == 24


def test_putting_a_key_again_replaces_its_bytes() -> None:
    cache = _cache(budget=100)
    cache.put("a", b"x" * 5)
    cache.put("a", b"x" * 7)
    assert (len(cache), cache.bytes) == (1, 7)


def test_clear_forgets_entries_and_bytes_but_keeps_the_counts() -> None:
    cache = _cache()
    cache.put("a", b"xx")
    cache.get("a")
    cache.get("b")
    cache.clear()
    assert (len(cache), cache.bytes, "a" in cache) == (0, 0, False)
    assert (cache.hits, cache.misses) == (1, 1)
