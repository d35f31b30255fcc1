"""Read one YAML file into plain data plus the position of every value in it.

Why not `yaml.safe_load`: it forgets positions, keeps the last of two duplicate keys
without a word, and lets an alias bomb or a 10,000-deep nesting through to whoever walks
the result (see NOTES.md). Here the C parser's event stream is folded into data by a loop
(no recursion), so depth, alias expansion and duplicate keys are checked as they arrive
and a hostile file is refused after reading only as much of it as it takes to tell.

Imports PyYAML and `deck.diagnostics`, `deck.budgets` and `deck.files` only.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import yaml
from yaml import events
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from .budgets import (
    MAX_CATEGORIES,
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_LIST_ITEMS,
    MAX_NODES,
    MAX_SLIDES,
    MAX_TEXT_CHARS,
)
from .diagnostics import Diagnostic, Level, Mark
from .files import Unreadable, read_regular

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_NODES",
    "Located",
    "Path_",
    "YamlDocument",
    "YAML11_READS",
    "YamlProblem",
    "parse_yaml",
    "read_yaml",
    "split_figure",
    "walk",
]

Path_ = tuple[str | int, ...]

try:  # libyaml makes parsing several times faster; pure Python is the fallback
    _Parser: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Parser = yaml.SafeLoader

_STR_TAG = "tag:yaml.org,2002:str"
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
YAML11_READS = "YAML reads the unquoted"
"""How a message about a number YAML 1.1 misreads starts; a more specific one may replace it."""


def walk(node: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    """Every value of read data with its path, parents first, in document order.

    Iterative: the data is depth-limited already, but a loop costs nothing.
    """
    stack: list[tuple[Path_, Any]] = [(path, node)]
    while stack:
        here, value = stack.pop()
        yield here, value
        if isinstance(value, dict):
            stack.extend(((*here, k), v) for k, v in reversed(list(value.items())))
        elif isinstance(value, list):
            stack.extend(((*here, i), v) for i, v in reversed(list(enumerate(value))))


class Located:
    """The position of one value, and of the key that names it when it is in a map.

    Kept as bare numbers (a deck has tens of thousands of values; Marks are made only
    for the few that a message names).
    """

    __slots__ = ("file", "line", "column", "key_line", "key_column")

    def __init__(
        self, file: Path, line: int, column: int, key_line: int = 0, key_column: int = 0
    ) -> None:
        self.file = file
        self.line = line
        self.column = column
        self.key_line = key_line
        self.key_column = key_column

    @classmethod
    def at(cls, value: Mark, key: Mark | None = None) -> Located:
        """A position from Marks."""
        if key is None:
            return cls(value.file, value.line, value.column)
        return cls(value.file, value.line, value.column, key.line, key.column)

    @property
    def value(self) -> Mark:
        """Where the value starts."""
        return Mark(self.file, self.line, self.column)

    @property
    def key(self) -> Mark | None:
        """Where its key starts (None for list items and the document itself)."""
        if not self.key_line:
            return None
        return Mark(self.file, self.key_line, self.key_column)


@dataclass
class YamlDocument:
    """A parsed file: its data and a map from each value's path to its position."""

    file: Path
    """The file read."""
    data: Any
    """Plain data: dict, list, str, int, float, bool, None, date."""
    places: dict[Path_, Located] = field(default_factory=dict)
    """Position of every value, by its path of keys and indices from the root."""
    problems: list[Diagnostic] = field(default_factory=list)
    """Problems that did not stop the reading (a duplicate key keeps its first value)."""
    size: int = 1
    """How many values the file holds, each use of an alias counted in full."""
    length: int = 0
    """How many bytes the file holds."""


class YamlProblem(Exception):
    """The file cannot be read as a deck file at all; the diagnostic says why."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        self.diagnostic = diagnostic
        super().__init__(str(diagnostic))


def read_yaml(file: Path, what: str = "deck file") -> YamlDocument:
    """Read and parse one file; raise YamlProblem with a located message if impossible."""
    try:
        raw = read_regular(file, MAX_FILE_BYTES, what)
    except Unreadable as exc:
        message = str(exc)
        if "at most" in message:
            message += " — split it into parts with include:"
        _fail(file, 1, 1, message)
    return parse_yaml(raw, file)


def parse_yaml(raw: bytes, file: Path) -> YamlDocument:
    """Parse bytes that came from `file` (named in every message)."""
    text = _decode(raw, file)
    document = _Builder(file).build(text)
    document.length = len(raw)
    return document


def _decode(raw: bytes, file: Path) -> str:
    if len(raw) > MAX_FILE_BYTES:
        _fail(file, 1, 1, f"the text is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    nul = raw.find(b"\0")
    if nul >= 0:
        line, col = _line_col(raw[:nul].decode("utf-8", "replace"), nul)
        _fail(
            file,
            line,
            col,
            "this is a binary file, not YAML text (it holds a NUL byte) — "
            "give the deck's .yaml file",
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        good = raw[: exc.start].decode("utf-8", "replace")
        line, col = _line_col(good, len(good))
        _fail(
            file,
            line,
            col,
            f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x} here) — save it as UTF-8",
        )


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col


def _fail(file: Path, line: int, col: int, message: str) -> NoReturn:
    raise YamlProblem(Diagnostic(Mark(file, line, col), Level.ERROR, message))


def _start(event: events.Event) -> tuple[int, int]:
    """Where `event` starts: line and column, 1-based."""
    # Every event the parser emits carries its marks; only events made by hand lack them.
    mark = event.start_mark
    assert mark is not None
    return mark.line + 1, mark.column + 1


@dataclass
class _Frame:
    """A map or list being filled."""

    value: dict[str, Any] | list[Any]
    path: Path_
    anchor: str | None
    first_place: int
    """Index into the builder's place list where this node's entries start."""
    size: int = 1
    pending_key: tuple[str, int, int] | None = None
    key_lines: dict[str, int] = field(default_factory=dict)


@dataclass
class _Anchor:
    value: Any
    size: int
    root: Path_
    places: list[tuple[Path_, Located]]


class _Builder:
    """Folds parser events into data; one instance per file."""

    def __init__(self, file: Path) -> None:
        self.file = file
        self.places: list[tuple[Path_, Located]] = []
        self.anchors: dict[str, _Anchor] = {}
        self.nodes = 0
        self.problems: list[Diagnostic] = []
        self.resolver = Resolver()
        self.constructor = SafeConstructor()

    def mark(self, ymark: Any) -> Mark:
        return Mark(self.file, ymark.line + 1, ymark.column + 1)

    def build(self, text: str) -> YamlDocument:
        parser = _Parser(text)
        try:
            return self._fold(parser)
        except yaml.MarkedYAMLError as exc:
            raise YamlProblem(self._syntax(exc, text)) from None
        except yaml.reader.ReaderError as exc:
            line, col = _line_col(text, exc.position)
            _fail(
                self.file,
                line,
                col,
                f"character {exc.character!r} is not allowed in YAML — delete it "
                "or write it as an escape inside double quotes",
            )
        except yaml.YAMLError as exc:  # pragma: no cover - other parser failures
            _fail(self.file, 1, 1, f"cannot parse the YAML: {exc}")
        finally:
            parser.dispose()
        raise AssertionError("unreachable")  # pragma: no cover

    def _syntax(self, exc: yaml.MarkedYAMLError, text: str) -> Diagnostic:
        where = exc.problem_mark or exc.context_mark
        mark = self.mark(where) if where is not None else Mark(self.file, 1, 1)
        problem = exc.problem or "invalid YAML"
        hint = "check the indentation and the quoting on this line"
        lines = text.splitlines()
        line = lines[mark.line - 1] if 0 < mark.line <= len(lines) else ""
        if "\t" in line[: mark.column]:
            hint = "YAML indents with spaces, never tabs — replace the tab with spaces"
        elif "nesting depth" in problem:
            hint = f"a deck needs only a few levels (at most {MAX_DEPTH}) — flatten this part"
        elif "mapping values are not allowed" in problem:
            hint = "a ': ' inside a value needs the whole value in quotes"
        elif "found undefined alias" in problem:
            hint = "define the anchor (&name) before using it (*name)"
        elif "could not find expected ':'" in problem:
            hint = "each line of a map needs 'key: value'"
        context = f" ({exc.context})" if exc.context else ""
        return Diagnostic(mark, Level.ERROR, f"YAML syntax: {problem}{context} — {hint}")

    def _fold(self, parser: Any) -> YamlDocument:
        stack: list[_Frame] = []
        root: list[Any] = []
        documents = 0
        scalar_event = events.ScalarEvent
        while True:
            event = parser.get_event()
            if event is None or isinstance(event, events.StreamEndEvent):
                break
            if type(event) is scalar_event:
                self._scalar(stack, root, event)
            elif isinstance(event, events.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    _fail(
                        self.file,
                        _start(event)[0],
                        1,
                        "a deck file holds one YAML document; this '---' starts a second — "
                        "remove it, or move the rest into its own file and include: it",
                    )
            elif isinstance(event, (events.MappingStartEvent, events.SequenceStartEvent)):
                if len(stack) >= MAX_DEPTH:
                    _fail(
                        self.file,
                        *_start(event),
                        f"nesting is deeper than {MAX_DEPTH} levels — a deck needs only a "
                        "few; flatten this part",
                    )
                if event.tag not in (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
                    shown = event.tag.replace("tag:yaml.org,2002:", "!!")
                    _fail(
                        self.file,
                        *_start(event),
                        f"the tag '{shown}' is not allowed in a deck — remove it and write "
                        "the plain value",
                    )
                path, key_line, key_col = self._slot(stack, root, event)
                value: dict[str, Any] | list[Any] = (
                    {} if isinstance(event, events.MappingStartEvent) else []
                )
                self._count(1, event)
                self.places.append((path, Located(self.file, *_start(event), key_line, key_col)))
                stack.append(_Frame(value, path, event.anchor, len(self.places) - 1))
            elif isinstance(event, (events.MappingEndEvent, events.SequenceEndEvent)):
                frame = stack.pop()
                if frame.anchor is not None:
                    self.anchors[frame.anchor] = _Anchor(
                        frame.value, frame.size, frame.path, self.places[frame.first_place :]
                    )
                self._store(stack, root, frame.value, frame.size)
            elif isinstance(event, events.AliasEvent):
                self._alias(stack, root, event)
        if documents == 0 or not root:
            return YamlDocument(self.file, None, {(): Located(self.file, 1, 1)}, self.problems)
        return YamlDocument(self.file, root[0], dict(self.places), self.problems, self.nodes)

    def _count(self, size: int, event: Any) -> None:
        self.nodes += size
        if self.nodes > MAX_NODES:
            _fail(
                self.file,
                event.start_mark.line + 1,
                event.start_mark.column + 1,
                f"the document expands to more than {MAX_NODES:,} values (aliases "
                "included) — this looks like an alias bomb; write the values out or "
                "split the deck",
            )

    def _slot(self, stack: list[_Frame], root: list[Any], event: Any) -> tuple[Path_, int, int]:
        """The path of the node that `event` starts, and its key's line and column (or 0)."""
        if not stack:
            return (), 0, 0
        parent = stack[-1]
        if isinstance(parent.value, list):
            if len(parent.value) >= MAX_LIST_ITEMS:
                # Refused while reading: a 20,000-slice pie costs seconds to parse alone.
                _fail(
                    self.file,
                    event.start_mark.line + 1,
                    event.start_mark.column + 1,
                    f"this list has more than {MAX_LIST_ITEMS:,} entries — a chart shows at "
                    f"most {MAX_CATEGORIES} categories and a deck at most {MAX_SLIDES} slides; "
                    "sum, sample or split them",
                )
            return (*parent.path, len(parent.value)), 0, 0
        if parent.pending_key is None:
            # A map or list used as a key, which no deck field can be.
            _fail(
                self.file,
                event.start_mark.line + 1,
                event.start_mark.column + 1,
                "a key must be a plain word, not a list or map — "
                "check for a stray '?' or brackets before the ':'",
            )
        key, key_line, key_col = parent.pending_key
        return (*parent.path, key), key_line, key_col

    def _store(self, stack: list[_Frame], root: list[Any], value: Any, size: int) -> None:
        if not stack:
            root.append(value)
            return
        parent = stack[-1]
        parent.size += size
        if isinstance(parent.value, list):
            parent.value.append(value)
        else:
            key = parent.pending_key[0]  # type: ignore[index]
            if "\0duplicate" not in key:
                parent.value[key] = value
            parent.pending_key = None

    def _scalar(self, stack: list[_Frame], root: list[Any], event: Any) -> None:
        start = event.start_mark
        line, column = start.line + 1, start.column + 1
        if len(event.value) > MAX_TEXT_CHARS:
            # Every later step (checks, search index, text fitting) costs per character.
            _fail(
                self.file,
                line,
                column,
                f"this text is {len(event.value):,} characters long; a value may hold at "
                f"most {MAX_TEXT_CHARS:,} — shorten it, or split it over several slides",
            )
        if stack and stack[-1].pending_key is None and isinstance(stack[-1].value, dict):
            self._key(stack[-1], event, line, column)
            return
        path, key_line, key_col = self._slot(stack, root, event)
        if event.style and event.tag is None:
            value: Any = event.value  # quoted or block text is always a string
        else:
            value = self._construct(event, line, column)
        self._count(1, event)
        self.places.append((path, Located(self.file, line, column, key_line, key_col)))
        if event.anchor is not None:
            self.anchors[event.anchor] = _Anchor(value, 1, path, [self.places[-1]])
        self._store(stack, root, value, 1)

    def _key(self, frame: _Frame, event: Any, line: int, column: int) -> None:
        key = event.value
        if key == "<<" and not event.style:
            _fail(
                self.file,
                line,
                column,
                "merge keys ('<<') are not supported — write the keys out in full",
            )
        if key in frame.key_lines:
            self.problems.append(
                Diagnostic(
                    Mark(self.file, line, column),
                    Level.ERROR,
                    f"duplicate key '{key}' (first given on line {frame.key_lines[key]}) — "
                    "YAML would silently keep only the last one; remove one of them",
                )
            )
            # Read the duplicate's value into a slot nobody looks up, and go on.
            key = f"{key}\0duplicate{line}:{column}"
        frame.key_lines.setdefault(event.value, line)
        frame.pending_key = (key, line, column)

    def _construct(self, event: Any, line: int, column: int) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            # PyYAML's stubs leave Resolver.resolve untyped; it returns the tag, a str.
            tag = self.resolver.resolve(ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]
            if tag == _STR_TAG:
                return event.value
        node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            value = self.constructor.construct_object(node)
        except (ConstructorError, ValueError, TypeError):
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            _fail(
                self.file,
                line,
                column,
                f"the tag '{shown}' is not allowed in a deck — remove it and write the plain value",
            )
        if tag in (_INT_TAG, _FLOAT_TAG) and event.tag is None:
            self._check_number(event.value, value, tag, Mark(self.file, line, column))
        return value

    def _check_number(self, text: str, value: float, tag: str, mark: Mark) -> None:
        """A number YAML 1.1 reads otherwise than a person does is an error at its place."""
        digits = text.lstrip("+-").lower()
        kind = ""
        if ":" in digits:
            kind = "a base-60 number"
        elif digits.startswith("0x"):
            kind = "a hexadecimal number"
        elif digits.startswith("0b"):
            kind = "a binary number"
        elif tag == _INT_TAG and len(digits) > 1 and digits.startswith("0"):
            kind = "an octal number"
        if kind:
            message = (
                f"{YAML11_READS} {text} as {value}, {kind} — write the number as it should "
                f'be shown, or "{text}" in quotes if it is text'
            )
        elif isinstance(value, float) and math.isnan(value):
            message = f"'{text}' is not a number — write the figure, or null where there is none"
        elif isinstance(value, float) and math.isinf(value):
            message = (
                f"'{text}' is too large for a number — write it in a larger unit "
                "(e.g. 1.5 with unit: 亿元)"
            )
        else:
            return
        self.problems.append(Diagnostic(mark, Level.ERROR, message))

    def _alias(self, stack: list[_Frame], root: list[Any], event: Any) -> None:
        anchor = self.anchors.get(event.anchor)
        mark = self.mark(event.start_mark)
        if anchor is None:
            _fail(
                self.file,
                mark.line,
                mark.column,
                f"alias '*{event.anchor}' is used before its anchor '&{event.anchor}' is "
                "complete — define the anchor first",
            )
        if stack and isinstance(stack[-1].value, dict) and stack[-1].pending_key is None:
            _fail(self.file, mark.line, mark.column, "an alias cannot be a key")
        path, key_line, key_col = self._slot(stack, root, event)
        self._count(anchor.size, event)
        cut = len(anchor.root)
        for sub_path, located in anchor.places:
            self.places.append((path + sub_path[cut:], located))
        # The alias's own position is where the reader sees it used.
        self.places.append((path, Located(self.file, mark.line, mark.column, key_line, key_col)))
        self._store(stack, root, anchor.value, anchor.size)


_NUMBER_WITH_UNIT = re.compile(r"^\s*([+-]?\d+(?:,\d{3})*(?:\.\d+)?)\s*([^\d\s,.].*?)?\s*$")


def split_figure(text: str) -> tuple[str, str] | None:
    """Split '185.28亿' into ('185.28', '亿') and '1,478' into ('1478', '').

    None when the text is not a number, with or without a unit after it.
    """
    match = _NUMBER_WITH_UNIT.match(text)
    if match is None:
        return None
    return match.group(1).replace(",", ""), match.group(2) or ""
