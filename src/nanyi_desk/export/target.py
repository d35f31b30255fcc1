"""Which format an export writes, and whether its `-o` can take it, before anything is drawn.

`nanyi-desk export slides -o briefing.pdf` once made a folder called briefing.pdf full of
PNGs: the format now follows the name, and a name that already holds the other kind of
thing is refused in one line instead of being surprised. Plain Python.
"""

from __future__ import annotations

from pathlib import Path

FORMATS = ("png", "pdf")


def export_format(output: Path, given: str | None) -> str:
    """The format to write: `given` when set, else ".pdf" → pdf, anything else → PNGs."""
    if given:
        return given
    return "pdf" if output.suffix.lower() == ".pdf" else "png"


def target_problem(output: Path, fmt: str) -> str | None:
    """Why `output` cannot take an export of `fmt`, in a few words, or None when it can."""
    if fmt == "pdf":
        if output.is_dir():
            return "is a folder; a PDF handout is one file — name the file, e.g. briefing.pdf"
        if output.parent.exists() and not output.parent.is_dir():
            return f"{output.parent} is a file, not a folder"
        return None
    if output.exists() and not output.is_dir():
        return "is a file; PNGs go into a folder — name a folder, or end the name in .pdf"
    return None


def export_languages(choice: str, available: tuple[str, ...]) -> tuple[str, ...] | None:
    """The languages of `--lang`: "zh", or "zh+en" for each slide in both; None if not the deck's."""
    langs = tuple(part.strip() for part in choice.split("+"))
    if not all(langs) or len(set(langs)) != len(langs):
        return None
    return langs if all(lang in available for lang in langs) else None
