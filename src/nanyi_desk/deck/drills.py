"""Drill paths: which panels a slide or panel opens, and the way to reach a panel.

Plain Python over the deck model, so the player, the exporter and handouts share it
without Qt. Imports only `deck.model`.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from typing import Any

from .model import Deck, Model


def drills_of(value: Any) -> Iterator[str]:
    """Every panel id a slide or panel opens, in the order it shows them."""
    if isinstance(value, Model):
        drill = getattr(value, "drill", None)
        if isinstance(drill, str):
            yield drill
        elif isinstance(drill, tuple):
            yield from (d for d in drill if d)
        for name in type(value).model_fields:
            if name != "drill":
                yield from drills_of(getattr(value, name))
    elif isinstance(value, tuple):
        for item in value:
            yield from drills_of(item)


def panel_path(deck: Deck, panel_id: str) -> tuple[int | None, tuple[str, ...]]:
    """The first slide that leads to a panel, and the panels opened on the way there.

    Returns (slide index or None when no slide leads there, panel ids outermost first,
    ending with `panel_id`): the trail the player would show when the panel is reached the
    shortest way from the earliest slide.
    """
    queue: deque[tuple[int, tuple[str, ...]]] = deque()
    for index, slide in enumerate(deck.slides):
        for target in drills_of(slide):
            queue.append((index, (target,)))
    seen: set[str] = set()
    # Breadth first so that the shortest path wins; ties go to the earliest slide.
    while queue:
        index, path = queue.popleft()
        here = path[-1]
        if here == panel_id:
            return index, path
        if here in seen or here not in deck.panels:
            continue
        seen.add(here)
        for target in drills_of(deck.panels[here]):
            queue.append((index, (*path, target)))
    return None, (panel_id,)
