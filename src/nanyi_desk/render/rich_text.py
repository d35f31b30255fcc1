"""Rich text for panels: a body's paragraphs, lists and **bold**, set to fit its box.

Markup in, a QTextDocument at the largest size that fits out. Imports QtGui and `text`.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter, QTextDocument

from . import text as tx

_BOLD = re.compile(r"\*\*(.+?)\*\*")


def _inline(text: str, strong: str | None = None) -> str:
    """Escaped text with **bold** runs as <b>."""
    colour = f' style="color:{strong}"' if strong else ""
    return _BOLD.sub(rf"<b{colour}>\1</b>", html.escape(text, quote=False))


def body_blocks(text: str) -> list[tuple[str, list[str]]]:
    """A panel body as blocks: ("p", [paragraph]) or ("ul", [item, ...]).

    Blank lines separate paragraphs; lines starting '- ' are list items, and consecutive
    ones form one list; other lines inside a paragraph stay lines of it.
    """
    blocks: list[tuple[str, list[str]]] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        start = len(blocks)
        for raw in chunk.splitlines():
            line = raw.strip()
            if not line:
                continue
            kind = "ul" if line.startswith("- ") else "p"
            words = line[2:].strip() if kind == "ul" else line
            if len(blocks) > start and blocks[-1][0] == kind:
                blocks[-1][1].append(words)
            else:
                blocks.append((kind, [words]))
    return blocks


def body_html(blocks: list[tuple[str, list[str]]], px: float, ink: str, accent: str) -> str:
    """The blocks as HTML at `px`: paragraphs in `ink`, list items with a bullet in `accent`."""
    gap = round(px * 0.75)
    parts = []
    for kind, lines in blocks:
        if kind == "p":
            inner = "<br>".join(_inline(x) for x in lines)
            parts.append(f'<p style="margin-bottom:{gap}px; color:{ink}">{inner}</p>')
        else:
            # A drawn bullet in the accent, hanging: the list reads as a designed column.
            indent = round(px * 1.2)
            for i, line in enumerate(lines):
                bottom = gap if i == len(lines) - 1 else round(px * 0.3)
                parts.append(
                    f'<p style="margin-left:{indent}px; text-indent:-{indent}px; '
                    f'margin-bottom:{bottom}px; color:{ink}">'
                    f'<span style="color:{accent}; font-size:{round(px * 0.6)}px">●</span>'
                    f"&nbsp;&nbsp;{_inline(line)}</p>"
                )
    return "".join(parts)


@dataclass
class Rich:
    """Rich text set at the largest size that fits its box, down to the floor."""

    doc: QTextDocument
    height: float
    overflow: bool


def _document(markup: str, family: str, px: float, width: float) -> QTextDocument:
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setDefaultFont(tx.make_font(family, px))
    doc.setHtml(markup)
    doc.setTextWidth(max(1.0, width))
    return doc


def fit_rich(
    make_html: Any, family: str, width: float, height: float, px: float, floor: float
) -> Rich:
    """Shrink from `px` to `floor` until `make_html(size)` fits width×height."""
    size = px
    while True:
        doc = _document(make_html(size), family, size, width)
        h = doc.size().height()
        fits = h <= height + 0.5
        if fits or size <= floor:
            return Rich(doc, h, not fits)
        size = max(floor, size * 0.92)


def natural_height(make_html: Any, family: str, width: float, px: float) -> float:
    """The height rich text takes at `px` in `width`."""
    return _document(make_html(px), family, px, width).size().height()


def draw_rich(painter: QPainter, rich: Rich, rect: QRectF) -> None:
    """Draw fitted rich text with its top left at `rect`'s."""
    painter.save()
    painter.translate(rect.topLeft())
    rich.doc.drawContents(painter, QRectF(0, 0, rect.width(), rect.height()))
    painter.restore()
