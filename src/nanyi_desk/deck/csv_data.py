"""Read a chart's figures from a CSV file, with the position of every cell.

Plain Python: imports the standard library and `deck` siblings only.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .budgets import MAX_CATEGORIES, MAX_CELL_CHARS, MAX_CSV_COLUMNS, MAX_FILE_BYTES
from .diagnostics import Diagnostic, Level, Mark
from .files import Unreadable, read_regular
from .yaml_source import Located, Path_, split_figure


@dataclass
class ChartData:
    """Categories and series read from a CSV, ready to stand in a chart's data."""

    categories: list[str]
    """The x column, one label per row."""
    series: list[dict[str, Any]]
    """One {name, values} per y column."""
    places: dict[Path_, Located]
    """Positions of the values, by path relative to the chart."""


def read_chart_csv(
    file: Path, x: str | None, y: str | list[str] | None, display: str
) -> tuple[ChartData | None, list[Diagnostic]]:
    """Read `file`; x names the category column (default: the first), y the value columns."""
    problems: list[Diagnostic] = []

    def fail(line: int, col: int, message: str) -> tuple[None, list[Diagnostic]]:
        problems.append(Diagnostic(Mark(file, line, col), Level.ERROR, message))
        return None, problems

    try:
        text = read_regular(file, MAX_FILE_BYTES, "CSV file").decode("utf-8-sig")
    except UnicodeDecodeError:
        return fail(1, 1, f"{display} is not UTF-8 text — save it as UTF-8 CSV")
    except Unreadable as exc:
        return fail(1, 1, str(exc))
    # Only the lines a message may name: splitting a million-line file costs 0.1 s.
    lines = [line.rstrip("\r") for line in text.split("\n", MAX_CATEGORIES + 2)]
    # Read row by row, within the budgets: a 4 MB file may hold a million rows, and a
    # chart of them would take minutes to draw and be unreadable.
    reader = csv.reader(io.StringIO(text))
    rows: list[list[str]] = []
    start = 1  # the line the record being read starts on (a quoted cell may span lines)
    try:
        for row in reader:
            if len(rows) > MAX_CATEGORIES:
                return fail(
                    start,
                    1,
                    f"{display} has more than {MAX_CATEGORIES} rows; a chart shows at most "
                    f"{MAX_CATEGORIES} categories — sum or sample the rows",
                )
            if len(row) > MAX_CSV_COLUMNS:
                return fail(
                    start,
                    1,
                    f"this row has {len(row)} columns; a chart's CSV may have at most "
                    f"{MAX_CSV_COLUMNS}",
                )
            long = next((i for i, cell in enumerate(row) if len(cell) > MAX_CELL_CHARS), None)
            if long is not None:
                starts = _cell_columns(_line(lines, start), len(row))
                return fail(
                    start,
                    starts[long],
                    f"this cell is {len(row[long]):,} characters long; a cell may hold at "
                    f"most {MAX_CELL_CHARS} — shorten it",
                )
            rows.append(row)
            start = reader.line_num + 1
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            return fail(
                start,
                1,
                f"this cell is over {csv.field_size_limit():,} characters long; a cell may "
                f"hold at most {MAX_CELL_CHARS} — shorten it (or close its quotes)",
            )
        return fail(start, 1, f"{display} cannot be read as CSV: {exc} — check its quotes")
    if not rows or not any(cell.strip() for cell in rows[0]):
        return fail(1, 1, f"{display} is empty — its first line must name the columns")
    header = [cell.strip() for cell in rows[0]]
    starts = _cell_columns(_line(lines, 1), len(header))
    for i, name in enumerate(header):
        if name in header[:i]:
            # csv would keep both, and x:/y: would silently take the first.
            return fail(
                1,
                starts[i],
                f"{display} names the column '{name}' twice — rename one",
            )
    x_col = header[0] if x is None else x
    if x_col not in header:
        return fail(
            1, 1, f"{display} has no column '{x_col}' (columns: {', '.join(header)}) — fix x:"
        )
    y_cols = (
        [c for c in header if c != x_col] if y is None else ([y] if isinstance(y, str) else list(y))
    )
    for col in y_cols:
        if col not in header:
            return fail(
                1, 1, f"{display} has no column '{col}' (columns: {', '.join(header)}) — fix y:"
            )
    xi = header.index(x_col)
    categories: list[str] = []
    # Raw data, as a deck file would give it: the model validates it like any other.
    series: list[dict[str, Any]] = [{"name": col, "values": []} for col in y_cols]
    places: dict[Path_, Located] = {}
    for r, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            fail(r, 1, f"this row has {len(row)} cells, the header {len(header)} — make them match")
            continue
        starts = _cell_columns(lines[r - 1] if r - 1 < len(lines) else "", len(row))
        places[("categories", len(categories))] = Located.at(Mark(file, r, starts[xi]))
        categories.append(row[xi].strip())
        for s, col in enumerate(y_cols):
            ci = header.index(col)
            cell = row[ci].strip()
            mark = Mark(file, r, starts[ci])
            places[("series", s, "values", len(series[s]["values"]))] = Located.at(mark)
            series[s]["values"].append(_number(cell, mark, problems))
    if not categories:
        return fail(1, 1, f"{display} has a header but no rows — add one row per category")
    for s in range(len(series)):
        places[("series", s)] = Located.at(Mark(file, 1, 1))
        places[("series", s, "values")] = Located.at(Mark(file, 2, 1))
    places[("categories",)] = Located.at(Mark(file, 2, 1))
    places[("series",)] = Located.at(Mark(file, 1, 1))
    if problems:
        return None, problems
    return ChartData(categories, series, places), problems


def _number(cell: str, mark: Mark, problems: list[Diagnostic]) -> float | int | None:
    if cell == "":
        return None
    try:
        return int(cell)
    except ValueError:
        pass
    try:
        number = float(cell.replace(",", ""))
    except ValueError:
        split = split_figure(cell)
        if split is not None:
            message = (
                f"figure written as text: '{cell}' — write {split[0]} in the cell "
                f"and put unit: {split[1]} on the chart"
            )
        else:
            message = f"'{cell}' is not a number — write a plain number, or leave the cell empty"
        problems.append(Diagnostic(mark, Level.ERROR, message))
        return None
    if not math.isfinite(number):
        problems.append(
            Diagnostic(
                mark,
                Level.ERROR,
                f"'{cell}' is not a finite number — write the figure (in a larger unit if it "
                "is too large), or leave the cell empty",
            )
        )
        return None
    return number


def _line(lines: list[str], number: int) -> str:
    return lines[number - 1] if 0 < number <= len(lines) else ""


def _cell_columns(line: str, count: int) -> list[int]:
    """1-based column where each cell starts (exact for unquoted cells, close otherwise)."""
    starts = [1]
    quoted = False
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == "," and not quoted:
            starts.append(i + 2)
    while len(starts) < count:
        starts.append(starts[-1])
    return starts
