"""How a figure reads: the number as the deck wrote it, and part-way through counting up.

One formatter for slides, panels, charts and the exporter, so 1478 never shows as 1478.0 in
one place and 1478 in another. Plain Python.
"""

from __future__ import annotations


def figure_text(value: float | int, decimals: int | None = None) -> str:
    """A figure as the deck wrote it: 1478, 185.28, 351.6 (never 1478.0)."""
    if decimals is not None:
        return f"{value:.{decimals}f}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def counted(number: str, progress: float) -> str:
    """`number` (as figure_text wrote it) part-way through counting up from zero.

    Keeps the final figure's decimals, so 351.6 counts 0.0, 12.3 … and never shows 12.345.
    """
    if progress >= 1.0:
        return number
    try:
        final = float(number)
    except ValueError:
        return number
    decimals = len(number.partition(".")[2])
    return f"{final * max(0.0, progress):.{decimals}f}"
