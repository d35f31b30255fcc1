"""How a figure reads: the number as the deck wrote it, and part-way through counting up.

One formatter for slides, panels, charts and the exporter, so 1478 never shows as 1478.0 in
one place and 1478 in another. Plain Python.
"""

from __future__ import annotations

from decimal import Decimal


def figure_text(value: float | int, decimals: int | None = None) -> str:
    """A figure as the deck wrote it: 1478, 185.28, 351.6 (never 1478.0, never 1.5e-05).

    With `decimals`, exactly that many places (a key figure that says 12.0 on purpose).
    """
    if decimals is not None:
        return f"{value:.{decimals}f}"
    if not isinstance(value, float):
        return str(value)
    if value.is_integer():
        return str(int(value))
    text = repr(float(value))  # the shortest that reads back the same (numpy's too)
    # No scientific notation on a slide: 1.5e-05 reads 0.000015.
    return format(Decimal(text), "f") if "e" in text else text


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
