"""Pictures a deck shows, read and judged before anything draws them.

A picture is a regular file in the deck's folder within the budgets (bytes, pixels as its
header declares them). An SVG must draw only what it contains: Qt's SVG renderer follows
`<image href="/any/file.png">`, `href="../x.png"` and `xlink:href` to wherever they lead,
which would let a deck show (and export) files from outside its folder. So every reference
in an SVG must point inside the picture itself (`#id`), or be a `data:` raster picture
within the budget; an internal DTD subset (entities), a stylesheet instruction, CSS
`url()` to anything but `#id` and `@import` are refused. Plain Python: the standard
library, `deck.budgets` and `deck.files`.
"""

from __future__ import annotations

import base64
import binascii
import re
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn
from xml.parsers import expat

from .budgets import (
    MAX_PICTURE_BYTES,
    MAX_PICTURE_PIXELS,
    MAX_PICTURE_SIDE,
    MAX_SVG_BYTES,
    MAX_SVG_DATA_BYTES,
    MAX_SVG_ELEMENTS,
    MAX_SVG_EXPANDED,
)
from .files import Unreadable, read_regular

_HEADER_BYTES = 1024 * 1024
"""Enough of a raster picture to find its size: a JPEG's may follow large EXIF blocks."""
_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.I | re.S)
_DATA = re.compile(r"^data:image/(png|jpeg|jpg|gif|webp);base64,", re.I)


class PictureProblem(Exception):
    """The picture must not be shown; where in it (line, column, 1-based) and why."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        self.line = line
        self.column = column
        super().__init__(message)


@dataclass(frozen=True)
class Picture:
    """A picture that passed every check, ready to hand to a decoder as bytes."""

    data: bytes
    """The file's bytes; for an SVG, the (decompressed) SVG text, UTF-8."""
    is_svg: bool
    """True for SVG (drawn from its text), False for a raster picture."""
    width: int
    """Width in pixels as declared (0 for an SVG, which is drawn at the size it is shown)."""
    height: int
    """Height in pixels as declared (0 for an SVG)."""


def read_picture(file: Path, header_only: bool = False) -> Picture:
    """The checked picture in `file`; PictureProblem if it must not be shown.

    Args:
        file: The picture.
        header_only: For a raster picture, read only as much as holds its size (the
            checks of `validate`); `data` is then only that much. An SVG is read whole.
    """
    is_svg = file.suffix.lower() in (".svg", ".svgz")
    head = _HEADER_BYTES if header_only and not is_svg else None
    try:
        raw = read_regular(
            file, MAX_SVG_BYTES if is_svg else MAX_PICTURE_BYTES, "picture", head=head
        )
    except Unreadable as exc:
        raise PictureProblem(str(exc)) from None
    if is_svg:
        text = _expand(raw)
        check_svg(text)
        return Picture(text, True, 0, 0)
    width, height = raster_size(raw)
    return Picture(raw, False, width, height)


def raster_size(raw: bytes) -> tuple[int, int]:
    """Width and height a PNG, JPEG, GIF, BMP or WebP declares, within the pixel budget."""
    size = _declared_size(raw)
    if size is None:
        raise PictureProblem(
            "not a PNG, JPEG, GIF, WebP or SVG picture (or its header is damaged) — "
            "convert it to PNG or JPEG"
        )
    width, height = size
    if width <= 0 or height <= 0:
        raise PictureProblem("the picture declares no pixels — export it again")
    if width > MAX_PICTURE_SIDE or height > MAX_PICTURE_SIDE or width * height > MAX_PICTURE_PIXELS:
        raise PictureProblem(
            f"the picture is {width:,} × {height:,} pixels; a picture may have at most "
            f"{MAX_PICTURE_PIXELS / 1e6:.0f} million pixels and {MAX_PICTURE_SIDE:,} on a side "
            "— scale it down (a 1920×1080 screen shows 2 million)"
        )
    return width, height


def _declared_size(raw: bytes) -> tuple[int, int] | None:
    try:
        if raw.startswith(b"\x89PNG\r\n\x1a\n") and raw[12:16] == b"IHDR":
            return struct.unpack(">II", raw[16:24])
        if raw.startswith(b"GIF8"):
            return struct.unpack("<HH", raw[6:10])
        if raw.startswith(b"BM"):
            width, height = struct.unpack("<ii", raw[18:26])
            return abs(width), abs(height)
        if raw.startswith(b"\xff\xd8"):
            return _jpeg_size(raw)
        if raw[:4] == b"RIFF" and raw[8:12] == b"WEBP":
            return _webp_size(raw)
    except struct.error:
        return None
    return None


def _jpeg_size(raw: bytes) -> tuple[int, int] | None:
    at = 2
    while at + 4 <= len(raw):
        if raw[at] != 0xFF:
            return None
        marker = raw[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker in (0x01, 0xD8) or 0xD0 <= marker <= 0xD7:
            at += 2
            continue
        (length,) = struct.unpack(">H", raw[at + 2 : at + 4])
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", raw[at + 5 : at + 9])
            return width, height
        at += 2 + length
    return None


def _webp_size(raw: bytes) -> tuple[int, int] | None:
    chunk = raw[12:16]
    if chunk == b"VP8X":
        width = int.from_bytes(raw[24:27], "little") + 1
        height = int.from_bytes(raw[27:30], "little") + 1
        return width, height
    if chunk == b"VP8 ":
        width, height = struct.unpack("<HH", raw[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L":
        (bits,) = struct.unpack("<I", raw[21:25])
        return 1 + (bits & 0x3FFF), 1 + ((bits >> 14) & 0x3FFF)
    return None


def _expand(raw: bytes) -> bytes:
    """The SVG text of `raw`, decompressed if it is gzip (.svgz), within the budget."""
    if not raw.startswith(b"\x1f\x8b"):
        return raw
    inflate = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        text = inflate.decompress(raw, MAX_SVG_EXPANDED + 1)
    except zlib.error:
        raise PictureProblem("the compressed SVG is damaged — save it again") from None
    if len(text) > MAX_SVG_EXPANDED:
        raise PictureProblem(
            f"the compressed SVG expands to more than {MAX_SVG_EXPANDED // (1024 * 1024)} MB "
            "— simplify the drawing"
        )
    return text


def check_svg(text: bytes) -> None:
    """PictureProblem, at its line, unless the SVG `text` draws only what it contains."""
    _SvgCheck(text).run()


class _SvgCheck:
    def __init__(self, text: bytes) -> None:
        self.text = text
        self.parser = expat.ParserCreate()
        self.elements = 0
        self.data_bytes = 0
        self.in_style = 0
        self.root: str | None = None

    def run(self) -> None:
        parser = self.parser
        # Never read an external DTD or parameter entity, whatever the file asks.
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartDoctypeDeclHandler = self._doctype
        parser.EntityDeclHandler = self._entity
        parser.ExternalEntityRefHandler = self._external
        parser.ProcessingInstructionHandler = self._instruction
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._characters
        try:
            parser.Parse(self.text, True)
        except expat.ExpatError as exc:
            raise PictureProblem(
                f"this SVG is not valid XML ({expat.ErrorString(exc.code)}) — save it again",
                exc.lineno,
                exc.offset + 1,
            ) from None
        if self.root != "svg":
            raise PictureProblem("this file is not an SVG picture (no <svg> element)")

    def refuse(self, message: str) -> NoReturn:
        raise PictureProblem(
            message, self.parser.CurrentLineNumber, self.parser.CurrentColumnNumber + 1
        )

    def _doctype(self, _name: str, _system: str | None, _public: str | None, internal: int) -> None:
        if internal:
            self.refuse(
                "this SVG declares entities (a <!DOCTYPE [...]> block): they can expand "
                "without end or reach other files — remove the block"
            )

    def _entity(self, *_args: object) -> None:
        self.refuse("this SVG declares an entity — remove it")

    def _external(self, *_args: object) -> int:
        self.refuse("this SVG refers to an external entity — remove it")

    def _instruction(self, target: str, _data: str) -> None:
        if target.lower() == "xml-stylesheet":
            self.refuse("this SVG loads a stylesheet from elsewhere — put the styles inside it")

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        self.elements += 1
        if self.elements > MAX_SVG_ELEMENTS:
            self.refuse(f"this SVG has more than {MAX_SVG_ELEMENTS:,} elements — simplify it")
        local = name.rpartition(":")[2]
        if self.root is None:
            self.root = local
        if local == "style":
            self.in_style += 1
        for key, value in attributes.items():
            if key.rpartition(":")[2] == "href" or key == "src":
                self._reference(f"<{local} {key}>", value)
            elif "url(" in value.lower():
                self._css(f"<{local} {key}>", value)

    def _end(self, name: str) -> None:
        if name.rpartition(":")[2] == "style":
            self.in_style -= 1

    def _characters(self, data: str) -> None:
        if self.in_style > 0:
            if "@import" in data.lower():
                self.refuse("this SVG's styles @import another file — put the styles inside it")
            if "url(" in data.lower():
                self._css("<style>", data)

    def _css(self, where: str, text: str) -> None:
        for match in _URL.finditer(text):
            self._reference(where, match.group(2))

    def _reference(self, where: str, target: str) -> None:
        target = target.strip()
        if target.startswith("#"):
            return
        if _DATA.match(target):
            self._data(where, target)
            return
        if target[:5].lower() == "data:":
            self.refuse(
                f"{where} embeds data that is not a base64 PNG, JPEG, GIF or WebP picture — "
                "embed one of those"
            )
        shown = target if len(target) <= 60 else target[:57] + "…"
        self.refuse(
            f"{where} refers to '{shown}', outside the picture — an SVG in a deck may only "
            "use what it contains: embed the picture in it as data:, or show it as an image: of its own"
        )

    def _data(self, where: str, uri: str) -> None:
        self.data_bytes += len(uri)
        if self.data_bytes > MAX_SVG_DATA_BYTES:
            self.refuse(
                f"this SVG embeds more than {MAX_SVG_DATA_BYTES // (1024 * 1024)} MB of "
                "pictures — use smaller ones"
            )
        try:
            raw = base64.b64decode(uri.partition(",")[2], validate=False)
        except (binascii.Error, ValueError):
            self.refuse(f"{where} embeds a picture that is not valid base64 — embed it again")
        try:
            raster_size(raw)
        except PictureProblem as exc:
            self.refuse(f"{where} embeds a picture that cannot be shown: {exc}")
