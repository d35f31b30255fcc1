"""Pre-flight checks that need Qt: characters the bundled fonts cannot draw, pictures Qt cannot read.

`validate` runs these beside the layout check (`layout_check`), in the offscreen application
it starts: the font coverage is read from the bundled font files themselves (QRawFont), the
picture formats from the image plugins this Qt has. Each problem is a warning at the place
of the text or picture. The pure checks (contrast, figures, picture sizes) are in
`deck.preflight`. QtGui and QtSvg only; the caller provides the application object.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QImageReader, QRawFont
from PySide6.QtSvg import QSvgRenderer

from nanyi_desk.deck import LoadedDeck
from nanyi_desk.deck.diagnostics import Diagnostic, Level, Mark
from nanyi_desk.deck.pictures import PictureProblem, read_picture
from nanyi_desk.deck.places import UnsafePath, inside
from nanyi_desk.resources import fonts_dir

NOT_TEXT = frozenset(
    {
        "icon",  # a qtawesome icon's name, drawn as an icon
        "image",
        "drill",
        "source",
        "id",
        "data",
        "x",
        "y",
        "layout",
        "type",
        "section",
        "transition",
        "theme",
        "languages",
        "aspect",
        "color",
        "kind",
        "axis",
        "include",
    }
)
"""Keys whose strings are names, not text anyone sees."""
_INVISIBLE = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})
"""Controls, format characters (joiners, variation selectors) and spaces: no glyph needed."""
_MOST_NAMED = 5


def preflight_diagnostics(loaded: LoadedDeck) -> list[Diagnostic]:
    """Warnings for missing glyphs and unreadable pictures in the loaded deck."""
    if loaded.deck is None:
        return []
    data = _plain(loaded.deck)
    return [*missing_glyphs(loaded, data), *unreadable_pictures(loaded, data)]


def _plain(value: Any) -> Any:
    """The model as the deck's plain data: the fields it was given, under their YAML keys.

    Not `model_dump`: a bullet may be text or a map, and pydantic's serializer warns on
    every union it cannot tell apart.
    """
    if isinstance(value, BaseModel):
        given = value.model_fields_set
        return {
            key: _plain(getattr(value, key)) for key in type(value).model_fields if key in given
        }
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def _fonts() -> list[QRawFont]:
    return [QRawFont(str(file), 16) for file in sorted(fonts_dir().glob("*.otf"))]


def drawable(font: QRawFont, char: str) -> bool:
    """Whether `font` draws `char`: its own glyph, or the parts it decomposes into.

    Qt and matplotlib shape text with HarfBuzz, which draws a character the font lacks from
    its canonical decomposition when the font has every part: a Hangul syllable from its
    jamo (the offline build's subset fonts keep the jamo, not the 11,172 syllables), an
    accented letter from the letter and the accent.
    """
    if font.supportsCharacter(ord(char)):
        return True
    parts = unicodedata.normalize("NFD", char)
    return parts != char and all(font.supportsCharacter(ord(part)) for part in parts)


def missing_glyphs(loaded: LoadedDeck, data: dict[str, Any]) -> list[Diagnostic]:
    """A warning at each text holding characters a bundled font cannot draw."""
    fonts = [font for font in _fonts() if font.isValid()]
    if not fonts:
        return []
    known: dict[str, bool] = {}
    lines: dict[Path, list[str]] = {}
    out: list[Diagnostic] = []
    for path, text in _texts(data, ()):
        missing: list[str] = []
        for char in dict.fromkeys(text):
            if char not in known:
                known[char] = unicodedata.category(char) in _INVISIBLE or all(
                    drawable(font, char) for font in fonts
                )
            if not known[char]:
                missing.append(char)
        if missing:
            named = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in missing[:_MOST_NAMED])
            more = f" and {len(missing) - _MOST_NAMED} more" if len(missing) > _MOST_NAMED else ""
            out.append(
                Diagnostic(
                    _at_character(_mark(loaded, path), missing[0], lines),
                    Level.WARNING,
                    f"{named}{more} cannot be drawn by the bundled fonts (Noto Sans CJK SC): "
                    "shown as a box — write it in words, or use a character the font has",
                )
            )
    return out


def _at_character(start: Mark, char: str, lines: dict[Path, list[str]]) -> Mark:
    """The character's own column when it stands on the text's first line, else the text's."""
    if start.file not in lines:
        try:
            lines[start.file] = start.file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            lines[start.file] = []
    source = lines[start.file]
    line = source[start.line - 1] if 0 < start.line <= len(source) else ""
    at = line.find(char, start.column - 1)
    return Mark(start.file, start.line, at + 1) if at >= 0 else start


def _texts(data: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            if key not in NOT_TEXT:
                yield from _texts(value, (*path, key))
    elif isinstance(data, (list, tuple)):
        for index, value in enumerate(data):
            yield from _texts(value, (*path, index))


def unreadable_pictures(loaded: LoadedDeck, data: dict[str, Any]) -> list[Diagnostic]:
    """A warning at each picture the deck checks pass but this Qt has no reader for."""
    out: list[Diagnostic] = []
    judged: dict[str, str | None] = {}
    for path, name in _pictures(data, ()):
        if name not in judged:
            judged[name] = _unreadable(loaded, name)
        if judged[name]:
            out.append(
                Diagnostic(
                    _mark(loaded, path),
                    Level.WARNING,
                    f"image '{name}': {judged[name]}",
                )
            )
    return out


def _pictures(data: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "image" and isinstance(value, str) and path[:1] != ("sources",):
                yield (*path, key), value
            else:
                yield from _pictures(value, (*path, key))
    elif isinstance(data, (list, tuple)):
        for index, value in enumerate(data):
            yield from _pictures(value, (*path, index))


def _unreadable(loaded: LoadedDeck, name: str) -> str | None:
    """Why Qt cannot show the picture, or None (also when the loader reports it already).

    The header alone says the format; only decoding finds a damaged or cut-off file, so the
    picture is decoded, small (a JPEG decodes at the reduced size, fast).
    """
    try:
        picture = read_picture(inside(loaded.folder, name, "image"))
    except (UnsafePath, PictureProblem):
        return None
    if picture.is_svg:
        return (
            None if QSvgRenderer(QByteArray(picture.data)).isValid() else "Qt cannot draw this SVG"
        )
    # From memory: Qt is never handed a deck's path (see render.pictures).
    buffer = QBuffer()
    buffer.setData(QByteArray(picture.data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    if not reader.canRead():
        kind = "WebP" if picture.data[8:12] == b"WEBP" else "this format"
        return (
            f"this Qt has no reader for {kind}, so the player cannot show it — convert it to "
            "PNG or JPEG"
        )
    reader.setScaledSize(QSize(64, 64))
    if reader.read().isNull():
        return (
            f"Qt cannot decode it ({reader.errorString()}): the file is damaged or cut off, "
            "and the player cannot show it — export or copy the picture again"
        )
    return None


def _mark(loaded: LoadedDeck, path: tuple[Any, ...]) -> Mark:
    if loaded.places is None:
        return Mark(loaded.path, 1, 1)
    return loaded.places.value(path)
