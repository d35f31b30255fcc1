"""WCAG's contrast between two colours, and the nearest colour that has enough of it.

Pre-flight warns with these; the charts pick their label colours with them. Plain Python.
"""

from __future__ import annotations

BODY_RATIO = 4.5
"""WCAG AA's least contrast for normal text."""
LARGE_RATIO = 3.0
"""WCAG AA's least contrast for large text: 18 pt (24 px), or 14 pt (18.7 px) bold."""


def luminance(colour: str) -> float:
    """WCAG's relative luminance of #RRGGBB (an alpha byte, if any, is ignored)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG's contrast ratio of two #RRGGBB colours, 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def is_large(px: float, bold: bool) -> bool:
    """WCAG's large text, a canvas pixel counted as a CSS pixel (a 1080p screen's)."""
    return px >= 24 or (bold and px >= 18.66)


def nearest_passing(text: str, ground: str, ratio: float) -> str:
    """The colour nearest `text`, towards black or white, that reaches `ratio` on `ground`."""
    return nearest_passing_all(text, [(ground, ratio)])


def nearest_passing_all(text: str, needs: list[tuple[str, float]]) -> str:
    """The colour nearest `text`, towards black or white, that passes on every ground."""
    rgb = [int(text[i : i + 2], 16) for i in (1, 3, 5)]
    best: tuple[int, str] | None = None
    for target in (0, 255):
        for step in range(1, 101):
            mixed = [round(c + (target - c) * step / 100) for c in rgb]
            shown = "#" + "".join(f"{c:02X}" for c in mixed)
            if all(contrast(shown, ground) >= ratio for ground, ratio in needs):
                if best is None or step < best[0]:
                    best = (step, shown)
                break
    return best[1] if best else "#000000"
