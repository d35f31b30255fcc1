"""Load a deck: read its files, splice includes, check everything, report every problem.

`load_deck(path)` never raises for a bad deck: it returns the model when the deck is
usable and, always, every problem found, each at its `file:line:col`. Plain Python:
PyYAML, pydantic and `deck` siblings; no Qt, no matplotlib.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from nanyi_desk.resources import themes_dir

from .budgets import MAX_DECK_BYTES, MAX_DECK_VALUES, MAX_INCLUDE_READS, MAX_SLIDES
from .checks import check_deck
from .csv_data import ChartData, read_chart_csv
from .diagnostics import Diagnostic, Level, Mark
from .explain import explain
from .loaded import DECK_FILE, LoadedDeck, builtin_theme_names, find_deck_file
from .model import Deck, DeckPart
from .places import Places, UnsafePath, inside
from .preflight import preflight
from .suggest import did_you_mean
from .theme_schema import read_theme_file
from .yaml_source import YAML11_READS, Located, Path_, YamlProblem, read_yaml

MAX_INCLUDE_DEPTH = 16
_PART_KEYS = tuple(DeckPart.model_fields)


def load_deck(path: Path) -> LoadedDeck:
    """Load and check the deck at `path` (a .yaml file or a folder holding deck.yaml)."""
    main = find_deck_file(Path(path))
    folder = main.parent
    session = _Session(main, folder)
    deck = session.run()
    diagnostics = _most_specific(sorted(set(session.problems), key=Diagnostic.sort_key))
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
    values: int = 0
    """Values read so far, across every file."""
    length: int = 0
    """Bytes of YAML read so far, across every file."""
    include_reads: int = 0
    slide_count: int = 0
    over_budget: bool = False
    """A budget was passed: the deck is refused, and no more work is done for it."""

    def error(self, mark: Mark, message: str) -> None:
        self.problems.append(Diagnostic(mark, Level.ERROR, message))

    def _refuse(self, mark: Mark, message: str) -> None:
        self.error(mark, message)
        self.over_budget = True

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
        self.values, self.length = document.size, document.length
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
            data["slides"] = [entry for entry, _, _ in spliced]
            moved = [
                (index, origin, at)
                for index, (_, origin, at) in enumerate(spliced)
                if origin is not places or at != index
            ]
            if moved:  # includes were spliced in: each slide's positions go where it landed
                by_slide = {id(origin): _by_slide(origin) for _, origin, _ in moved}
                by_slide[id(places)] = _by_slide(places)
                places.drop_below(("slides",))
                for index, (_, origin, at) in enumerate(spliced):
                    for rest, loc in by_slide[id(origin)].get(at, []):
                        places.add(("slides", index, *rest), loc)
            # else every slide stands where it was read (a deck without includes): its
            # positions are already right, and regrouping them costs a 500-slide deck 0.1 s
        if self.over_budget:
            return None  # the error says which budget; checking the rest is the work refused
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
        theme_file = self._check_theme(data.get("theme"), places)
        if deck is not None and theme_file is not None:
            self.problems.extend(preflight(data, places, self.folder, theme_file))
        return deck

    def _check_theme(self, name: Any, places: Places) -> Path | None:
        """A theme file is read and checked like the deck (a built-in one ships checked).

        Returns the theme's file, if there is a readable one.
        """
        if name is None:
            name = Deck.model_fields["theme"].default
        if not isinstance(name, str):
            return None
        if name in builtin_theme_names():
            return themes_dir() / f"{name}.yaml"
        mark = places.value(("theme",))
        if not name.endswith((".yaml", ".yml")):
            known = builtin_theme_names()
            self.error(
                mark,
                f"theme: '{name}' is not a built-in theme{did_you_mean(name, known)} — use "
                f"{', '.join(known)}, or a theme file such as theme: my-theme.yaml",
            )
            return None
        try:
            file = inside(self.folder, name, "theme")
        except UnsafePath as exc:
            self.error(mark, str(exc))
            return None
        self.files.append(file)
        theme, problems = read_theme_file(file)
        self.problems.extend(problems)
        return file if theme is not None else None

    def _splice(
        self,
        slides: list[Any],
        places: Places,
        deck_data: dict[str, Any],
        chain: list[Path],
        depth: int,
    ) -> list[tuple[Any, Places, int]]:
        """`slides` with every {include: file} replaced by that file's slides.

        Each slide comes back with where it was read (the file's places and its index in
        that file's slides), so that its positions can follow it wherever it lands.
        """
        out: list[tuple[Any, Places, int]] = []
        for index, entry in enumerate(slides):
            if self.over_budget:
                break
            here = ("slides", index)
            if not (isinstance(entry, dict) and "include" in entry):
                self.slide_count += 1
                if self.slide_count > MAX_SLIDES:
                    self._refuse(
                        places.value(here),
                        f"the deck has more than {MAX_SLIDES} slides, includes spliced in — "
                        "split it into several decks",
                    )
                    break
                out.append((entry, places, index))
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
        self.include_reads += 1
        if self.include_reads > MAX_INCLUDE_READS:
            self._refuse(
                mark,
                f"the deck reads more than {MAX_INCLUDE_READS} included files (a file "
                "included twice counts twice) — include each part once",
            )
            return None
        try:
            document = read_yaml(file)
        except YamlProblem as problem:
            self.problems.append(problem.diagnostic)
            return None
        self.values += document.size
        self.length += document.length
        if self.length > MAX_DECK_BYTES:
            self._refuse(
                mark,
                f"with this include the deck's files hold more than "
                f"{MAX_DECK_BYTES // (1024 * 1024)} MB of YAML (a file included twice counts "
                "twice) — split it into several decks",
            )
            return None
        if self.values > MAX_DECK_VALUES:
            self._refuse(
                mark,
                f"with this include the deck holds more than {MAX_DECK_VALUES:,} values — "
                "split it into several decks",
            )
            return None
        if file not in self.files:
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
                hint = (
                    did_you_mean(key, _PART_KEYS)
                    or " — an included file holds slides, panels and sources only"
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
        read_already: dict[tuple[Path, str | None, str], tuple[ChartData | None, list[Diagnostic]]]
        read_already = {}
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
            x = chart.get("x") if isinstance(chart.get("x"), str) else None
            y = chart.get("y") if isinstance(chart.get("y"), (str, list)) else None
            # Read once per file and columns: 500 charts of one 5 MB CSV were 500 readings.
            key = (file, x, repr(y))
            if key not in read_already:
                read_already[key] = read_chart_csv(file, x, y, name)
            read, problems = read_already[key]
            if file not in self.files:
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
            chart["categories"] = list(read.categories)
            chart["series"] = [{**s, "values": list(s["values"])} for s in read.series]
            for sub, located in read.places.items():
                places.add((*path, *sub), located)


def _most_specific(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Of two messages about one number at one place, the one that says more.

    `aspect: 16:9` is read as 969: the model's message (write it in quotes: aspect: "16:9")
    says it better than the reader's, which only knows it saw a base-60 number.
    """
    errors_at = Counter(d.mark for d in diagnostics if d.level is Level.ERROR)
    # And the other way round: the reader's "too large for a number" says more than the
    # model's "expected a finite number".
    return [
        d
        for d in diagnostics
        if not (
            errors_at[d.mark] > 1
            and (d.message.startswith(YAML11_READS) or "expected a finite number" in d.message)
        )
    ]


def _by_slide(places: Places) -> dict[int, list[tuple[Path_, Located]]]:
    """The positions under each ('slides', i), relative to that slide."""
    out: dict[int, list[tuple[Path_, Located]]] = {}
    for path, located in places.items():
        if len(path) >= 2 and path[0] == "slides" and isinstance(path[1], int):
            out.setdefault(path[1], []).append((path[2:], located))
    return out
