"""A deck's picture made into a QImage, only once it has passed the deck's checks.

Qt is never handed the path: `QImage(path)` would open a pipe and wait, decode a picture
of any size, and draw an SVG's references to files anywhere on the disk. The bytes are
read and judged by `deck.pictures` (regular file, budgets, an SVG that draws only what it
contains), then decoded from memory; an SVG is drawn at the size it will be shown, not at
the size it declares. QtGui and QtSvg only, with `deck.pictures` and `deck.places`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from nanyi_desk.deck.budgets import MAX_PICTURE_PIXELS
from nanyi_desk.deck.pictures import PictureProblem, read_picture
from nanyi_desk.deck.places import UnsafePath, inside

log = logging.getLogger(__name__)

SVG_LONGEST = 2048
"""An SVG is drawn with this many pixels on its longer side: sharp on a slide, 16 MB at most."""


def load_picture(folder: Path, name: str) -> QImage:
    """The picture `name` of the deck in `folder`, or a null QImage if it must not be shown."""
    try:
        picture = read_picture(inside(folder, name, "image"))
    except (UnsafePath, PictureProblem) as exc:
        log.warning("picture %s not shown: %s", name, exc)
        return QImage()
    if not picture.is_svg:
        image = QImage.fromData(picture.data)
        # The header was judged; a decoder that found other dimensions gets no pixels.
        if image.width() * image.height() > MAX_PICTURE_PIXELS:
            return QImage()
        return image
    return _draw_svg(picture.data)


def _draw_svg(text: bytes) -> QImage:
    renderer = QSvgRenderer(QByteArray(text))
    if not renderer.isValid():
        return QImage()
    declared = renderer.defaultSize()
    if declared.isEmpty():
        declared = QSize(SVG_LONGEST, SVG_LONGEST)
    size = declared.scaled(SVG_LONGEST, SVG_LONGEST, Qt.AspectRatioMode.KeepAspectRatio)
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    return image
