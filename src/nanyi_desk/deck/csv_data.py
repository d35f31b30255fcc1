"""Read a chart's figures from a CSV file, with the position of every cell.

Plain Python: imports the standard library and `deck` siblings only.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, Level, Mark
from .yaml_source import MAX_FILE_BYTES, Located, Path_, split_figure


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
        if file.stat().st_size > MAX_FILE_BYTES:
            return fail(1, 1, f"{display} is larger than 5 MB — a chart needs a few rows")
        text = file.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return fail(1, 1, f"{display} is not UTF-8 text — save it as UTF-8 CSV")
    except OSError as exc:
        return fail(1, 1, f"cannot read {display}: {exc.strerror or exc}")
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or not any(cell.strip() for cell in rows[0]):
        return fail(1, 1, f"{display} is empty — its first line must name the columns")
    header = [cell.strip() for cell in rows[0]]
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
    lines = text.splitlines()
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
        return float(cell.replace(",", ""))
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
