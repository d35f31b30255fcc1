"""Did you mean …? The closest of some names to a word, in time linear in the names.

difflib's full ratio is quadratic in the lengths of the two strings, and a hostile deck
may hold thousands of ids, each a suggestion's candidate: so long words are not compared,
the names looked at are capped, and difflib's cheap upper bounds turn most of them away
before the full comparison. Plain Python: the standard library only.
"""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Iterable

_MAX_WORD = 64
"""Longer names are not compared: a comparison costs the product of the two lengths."""
_MAX_CANDIDATES = 2_000
"""Names compared at most: past this a suggestion would cost more than it helps."""


def closest(word: str, names: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The name most like `word` (a ratio of at least `cutoff`), or None."""
    if not word or len(word) > _MAX_WORD:
        return None
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)
    best, best_score = None, cutoff
    for name in itertools.islice(names, _MAX_CANDIDATES):
        if not isinstance(name, str) or len(name) > _MAX_WORD:
            continue
        matcher.set_seq1(name)
        if (
            matcher.real_quick_ratio() >= best_score
            and matcher.quick_ratio() >= best_score
            and (score := matcher.ratio()) >= best_score
            and (best is None or score > best_score)
        ):
            best, best_score = name, score
    return best


def did_you_mean(word: str, names: Iterable[str], cutoff: float = 0.6) -> str:
    """The words " — did you mean 'x'?" for the closest of `names`, or an empty string."""
    match = closest(word, names, cutoff)
    return f" — did you mean '{match}'?" if match else ""
