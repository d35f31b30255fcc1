"""What the presenter console remembers between talks: the notes' type size.

A small JSON file in the per-user config folder, written atomically; a missing or damaged
one means the defaults (a preference is never worth a crash at the podium).
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass
from pathlib import Path

from nanyi_desk.atomic import write_atomically
from nanyi_desk.user_dirs import config_dir

log = logging.getLogger("nanyi_desk.present")

NOTES_SIZES = (16, 18, 20, 22, 24, 28, 32, 36, 42, 48, 56, 64)
"""The notes' type sizes A+ and A− step through (px)."""


@dataclass
class ConsoleSettings:
    """The console's remembered preferences."""

    notes_size: int = 28
    """The notes' type size in px."""

    @staticmethod
    def path() -> Path:
        """Where they are kept."""
        return config_dir() / "console.json"

    @classmethod
    def load(cls) -> ConsoleSettings:
        """The saved settings, or the defaults."""
        try:
            data = json.loads(cls.path().read_text(encoding="utf-8"))
            size = int(data["notes_size"])
        except (OSError, ValueError, KeyError, TypeError):
            return cls()
        return cls(notes_size=min(NOTES_SIZES, key=lambda s: abs(s - size)))

    def save(self) -> None:
        """Keep them for the next talk (a failure is logged, never raised)."""
        try:
            self.path().parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self.path(), json.dumps(asdict(self)), fsync=False)
        except OSError as exc:
            log.warning("cannot remember the console's settings: %s", exc)

    def step_notes(self, steps: int) -> int:
        """A+ (1) or A− (−1): the next size along; returns it."""
        at = min(range(len(NOTES_SIZES)), key=lambda i: abs(NOTES_SIZES[i] - self.notes_size))
        self.notes_size = NOTES_SIZES[max(0, min(len(NOTES_SIZES) - 1, at + steps))]
        return self.notes_size
