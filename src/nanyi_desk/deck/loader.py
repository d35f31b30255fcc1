"""Load a deck: read its files, splice includes, check everything, report every problem.

`load_deck(path)` never raises for a bad deck: it returns the model when the deck is
usable and, always, every problem found, each at its `file:line:col`. Plain Python:
PyYAML, pydantic and `deck` siblings; no Qt, no matplotlib.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .checks import check_deck
from .csv_data import read_chart_csv
from .diagnostics import Diagnostic, Level, Mark
from .explain import explain
from .model import Deck, DeckPart
from .places import Places, UnsafePath, inside
from .yaml_source import Located, Path_, YamlProblem, read_yaml

DECK_FILE = "deck.yaml"
MAX_INCLUDE_DEPTH = 16
_PART_KEYS = tuple(DeckPart.model_fields)


@dataclass(frozen=True)
class LoadedDeck:
    """What loading a deck gave: the model (when usable) and every problem found."""

    path: Path
    """The deck's main file."""
    folder: Path
    """The deck's folder: every path in the deck is relative to it."""
    deck: Deck | None
    """The checked model; None when any error was found."""
    diagnostics: tuple[Diagnostic, ...]
    """Every error and warning, in file and line order."""
    files: tuple[Path, ...] = ()
    """Every file the deck was read from (main file, includes, CSVs)."""
    places: Places | None = None
    """Where each value stands, for checks that run after loading (the layout's overflow)."""

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        """The diagnostics at error level."""
        return tuple(d for d in self.diagnostics if d.level is Level.ERROR)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        """The diagnostics at warning level."""
        return tuple(d for d in self.diagnostics if d.level is Level.WARNING)


def find_deck_file(path: Path) -> Path:
    """The deck's main file: `path` itself, or the deck.yaml of a folder."""
    return path / DECK_FILE if path.is_dir() else path


def load_deck(path: Path) -> LoadedDeck:
    """Load and check the deck at `path` (a .yaml file or a folder holding deck.yaml)."""
    main = find_deck_file(Path(path))
    folder = main.parent
    session = _Session(main, folder)
    deck = session.run()
    diagnostics = sorted(set(session.problems), key=Diagnostic.sort_key)
    has_errors = any(d.level is Level.ERROR for d in diagnostics)
    return LoadedDeck(
        path=main,
        folder=folder,
        deck=None if has_errors else deck,
        diagnostics=tuple(diagnostics),
        files=tuple(session.files),
        places=session.places,
    )


@dataclass
class _Session:
    main: Path
    folder: Path
    problems: list[Diagnostic] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    places: Places | None = None

    def error(self, mark: Mark, message: str) -> None:
        self.problems.append(Diagnostic(mark, Level.ERROR, message))

    def run(self) -> Deck | None:
        if not self.main.exists():
            hint = (
                f"no {DECK_FILE} in this folder — create one, or name the deck's .yaml file"
                if self.main.name == DECK_FILE
                else "no such file — check the path"
            )
            self.error(Mark(self.main, 1, 1), hint)
            return None
        places = self.places = Places(self.main)
        try:
            document = read_yaml(self.main)
        except YamlProblem as problem:
            self.problems.append(problem.diagnostic)
            return None
        self.files.append(self.main)
        self.problems.extend(document.problems)
        places.update(document.places)
        data = document.data
        if not isinstance(data, dict):
            self.error(
                places.value(()),
                "a deck file is a map of 'key: value' lines starting with 'format: 1' — "
                "see docs/deck-format.md",
            )
            return None
        slides = data.get("slides")
        if isinstance(slides, list):
            spliced = self._splice(slides, places, data, [self.main], 0)
            data["slides"] = [entry for entry, _ in spliced]
            places.drop_below(("slides",))
            for index, (_, located) in enumerate(spliced):
                for rest, loc in located:
                    places.add(("slides", index, *rest), loc)
        self._read_csvs(data, places)
        try:
            deck = Deck.model_validate(data)
        except ValidationError as exc:
            found = explain(exc.errors(), data, places, Deck)
            if isinstance(slides, list) and slides and not data.get("slides"):
                # Every slide came from includes that failed: those errors say it all.
                found = [d for d in found if not d.message.startswith("slides: needs")]
            self.problems.extend(found)
            deck = None
        self.problems.extend(check_deck(data, deck, places, self.folder))
        return deck

    def _splice(
        self,
        slides: list[Any],
        places: Places,
        deck_data: dict[str, Any],
        chain: list[Path],
        depth: int,
    ) -> list[tuple[Any, list[tuple[Path_, Located]]]]:
        """`slides` with every {include: file} replaced by that file's slides.

        Each slide comes back with the positions of its values, relative to the slide,
        so that it can be placed wherever it lands in the spliced deck.
        """
        own = _by_slide(places)
        out: list[tuple[Any, list[tuple[Path_, Located]]]] = []
        for index, entry in enumerate(slides):
            here = ("slides", index)
            if not (isinstance(entry, dict) and "include" in entry):
                out.append((entry, own.get(index, [])))
                continue
            extra = [k for k in entry if k != "include"]
            if extra:
                self.error(
                    places.key((*here, extra[0])),
                    f"an include stands alone: '{extra[0]}' cannot sit beside include: "
                    "— put the slide's keys in the included file",
                )
            part = self._read_part(entry["include"], (*here, "include"), places, chain, depth)
            if part is None:
                continue
            part_file, part_data, part_places = part
            self._merge_maps(part_data, part_places, deck_data, places)
            out.extend(
                self._splice(
                    part_data["slides"], part_places, deck_data, [*chain, part_file], depth + 1
                )
            )
        return out

    def _read_part(
        self, name: Any, at: Path_, places: Places, chain: list[Path], depth: int
    ) -> tuple[Path, dict[str, Any], Places] | None:
        mark = places.value(at)
        if not isinstance(name, str):
            self.error(mark, "include: takes a file name, e.g. include: sections/high.yaml")
            return None
        try:
            file = inside(self.folder, name, "include")
        except UnsafePath as exc:
            self.error(mark, str(exc))
            return None
        if file in [c.resolve() for c in chain]:
            loop = " → ".join(c.name for c in [*chain, file])
            self.error(mark, f"include cycle: {loop} — remove one of these includes")
            return None
        if depth >= MAX_INCLUDE_DEPTH:
            self.error(mark, f"includes nest deeper than {MAX_INCLUDE_DEPTH} files — flatten them")
            return None
        try:
            document = read_yaml(file)
        except YamlProblem as problem:
            self.problems.append(problem.diagnostic)
            return None
        self.files.append(file)
        self.problems.extend(document.problems)
        part_places = Places(file)
        part_places.update(document.places)
        data = document.data
        if not isinstance(data, dict) or "slides" not in data:
            self.error(
                part_places.value(()),
                "an included file is a map with 'slides:' (and optionally 'panels:' and "
                "'sources:') — add slides: with a list of slides",
            )
            return None
        for key in data:
            if key not in _PART_KEYS:
                near = difflib.get_close_matches(key, _PART_KEYS, n=1)
                hint = (
                    f" — did you mean '{near[0]}'?"
                    if near
                    else " — an included file holds slides, panels and sources only"
                )
                self.error(part_places.key((key,)), f"unknown key '{key}'{hint}")
        if not isinstance(data["slides"], list):
            self.error(part_places.value(("slides",)), "slides: must be a list of '- ' entries")
            return None
        return file, data, part_places

    def _merge_maps(
        self, part: dict[str, Any], part_places: Places, deck: dict[str, Any], places: Places
    ) -> None:
        for key in ("panels", "sources"):
            incoming = part.get(key)
            if incoming is None:
                continue
            if not isinstance(incoming, dict):
                self.error(part_places.value((key,)), f"{key}: must be a map of id: {{…}}")
                continue
            target = deck.setdefault(key, {})
            if not isinstance(target, dict):
                continue
            for ident, value in incoming.items():
                if ident in target:
                    first = places.key((key, ident))
                    self.error(
                        part_places.key((key, ident)),
                        f"duplicate {key[:-1]} id '{ident}' (also at {first}) — rename one",
                    )
                    continue
                target[ident] = value
                for path, located in part_places.items():
                    if path[:2] == (key, ident):
                        places.add(path, located)

    def _read_csvs(self, data: dict[str, Any], places: Places) -> None:
        charts: list[tuple[Path_, dict[str, Any]]] = []  # (the chart's path, its holder)
        slides = data.get("slides")
        if isinstance(slides, list):
            charts += [
                (("slides", i, "chart"), s) for i, s in enumerate(slides) if isinstance(s, dict)
            ]
        panels = data.get("panels")
        if isinstance(panels, dict):
            charts += [
                (("panels", k, "chart"), p) for k, p in panels.items() if isinstance(p, dict)
            ]
        for path, holder in charts:
            chart = holder.get("chart")
            if not isinstance(chart, dict) or "data" not in chart:
                continue
            if "categories" in chart or "series" in chart:
                self.error(
                    places.key((*path, "data")),
                    "give the figures either in data: (a CSV file) or in categories: and "
                    "series:, not both",
                )
                continue
            name = chart["data"]
            if not isinstance(name, str):
                continue  # the model reports the wrong type
            try:
                file = inside(self.folder, name, "CSV")
            except UnsafePath as exc:
                self.error(places.value((*path, "data")), str(exc))
                continue
            y = chart.get("y")
            read, problems = read_chart_csv(
                file,
                chart.get("x") if isinstance(chart.get("x"), str) else None,
                y if isinstance(y, (str, list)) else None,
                name,
            )
            self.files.append(file)
            if read is None:
                for problem in problems:
                    # A missing column is the chart's mistake: point at x:/y: in the deck.
                    if "— fix x:" in problem.message or "— fix y:" in problem.message:
                        which = "x" if "fix x:" in problem.message else "y"
                        mark = places.value((*path, which))
                        self.problems.append(Diagnostic(mark, problem.level, problem.message))
                    else:
                        self.problems.append(problem)
                continue
            chart["categories"] = read.categories
            chart["series"] = read.series
            for sub, located in read.places.items():
                places.add((*path, *sub), located)


def _by_slide(places: Places) -> dict[int, list[tuple[Path_, Located]]]:
    """The positions under each ('slides', i), relative to that slide."""
    out: dict[int, list[tuple[Path_, Located]]] = {}
    for path, located in places.items():
        if len(path) >= 2 and path[0] == "slides" and isinstance(path[1], int):
            out.setdefault(path[1], []).append((path[2:], located))
    return out
