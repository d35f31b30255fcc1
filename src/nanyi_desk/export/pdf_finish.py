"""What Qt's PDF writer cannot do, added to its output: links, bookmarks, metadata, text fixes.

Qt's `QPdfWriter` draws through the same `QPainter` as the screen — text as text, fonts
embedded as subsets — but it has no API for link annotations or an outline, and its
`ToUnicode` maps send some Chinese characters to look-alike radicals. This module opens the
finished PDF with pypdf (pure Python, BSD, actively kept; its writer copies page content
streams untouched) and adds what is missing:

- a link annotation over each hotspot and control, to the page that it opens;
- the outline: sections, slides, panels, sources;
- the document information (title, subject, author, creator) and the catalog's language;
- `ToUnicode` entries that say 高 where Qt wrote ⾼ (U+2FBC, KANGXI RADICAL TALL): Noto
  CJK draws both with one glyph and Qt takes the glyph's lowest code point, so copied or
  searched text would not match what is on the page;
- `ToUnicode` entries for glyphs Qt left out: those the shaper picked by context rather
  than by the font's character map (Noto CJK draws "2026" after Latin letters with other
  digit glyphs), which Qt cannot name, so "January 2026" would copy as "January". They are
  recognised by their advance and outline box among the glyphs `GlyphShape` lists;
- each font's `BaseFont` given the subset tag its descriptor already has (PDF 32000-1
  §9.6.4), so checkers see the fonts are subsets.

Writing the annotations into Qt's file ourselves (an incremental update) would mean
parsing Qt's page objects by hand; pypdf does that parsing, and is only imported here.
Plain Python apart from pypdf: no Qt.
"""

from __future__ import annotations

import importlib.util
import io
import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, IndirectObject

NEEDS = ("pypdf", "fontTools")
"""The libraries this module imports when it runs (the 'pdf' extra), not when it loads."""


def missing_library() -> str | None:
    """The first of `NEEDS` that is not installed, or None: PDF export can run."""
    return next((name for name in NEEDS if importlib.util.find_spec(name) is None), None)


@dataclass(frozen=True)
class LinkSpot:
    """A region of a page that opens another page."""

    page: int
    """The page it is on (0-based)."""
    rect: tuple[float, float, float, float]
    """Left, top, width, height in points from the page's top left corner."""
    target: int
    """The page it opens (0-based)."""
    target_top: float | None = None
    """Points from the target page's top to show at the top (None: the whole page)."""


@dataclass
class Bookmark:
    """One entry of the outline."""

    title: str
    """What it says."""
    page: int
    """The page it opens (0-based)."""
    children: list[Bookmark] = field(default_factory=list)
    """Entries under it."""


@dataclass(frozen=True)
class GlyphShape:
    """A glyph the shaper may use that the character map does not name, and what it shows."""

    advance: int
    """Its advance in units of `EM`."""
    box: tuple[int, int, int, int]
    """xMin, yMin, xMax, yMax of its outline in units of `EM`, y up."""
    text: str
    """The text it stands for."""


EM = 2048
"""The units of a GlyphShape (those of the subsets Qt embeds)."""


@dataclass(frozen=True)
class Metadata:
    """The document information."""

    title: str
    subject: str
    author: str
    creator: str
    language: str
    """A BCP 47 tag, e.g. zh or en."""


def finish_pdf(
    raw: bytes,
    links: Sequence[LinkSpot],
    outline: Sequence[Bookmark],
    meta: Metadata,
    same_glyph: Mapping[int, str],
    shapes: Mapping[bool, Sequence[GlyphShape]],
) -> bytes:
    """Qt's PDF with links, outline, metadata and `ToUnicode` fixed; the new file's bytes.

    Args:
        raw: The PDF as Qt wrote it.
        links: Regions to make links.
        outline: The bookmarks, top level first.
        meta: Title, subject, author, creator and language.
        same_glyph: Code points Qt may have written for a glyph → the text it stands for
            (a radical → its unified ideograph, ﬁ → fi).
        shapes: Glyphs with no code point of their own, of the bold (True) and the
            regular (False) font.
    """
    # Imported here: the player loads this module with its export dialog, and runs without
    # the 'pdf' extra.
    from pypdf import PdfReader, PdfWriter
    from pypdf.annotations import Link
    from pypdf.generic import BooleanObject, Fit, NameObject, TextStringObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(raw)))
    _fix_fonts(writer, same_glyph, shapes)
    heights = [float(page.mediabox.height) for page in writer.pages]
    for spot in links:
        x, y, w, h = spot.rect
        top = heights[spot.page]
        fit = (
            Fit.fit()
            if spot.target_top is None
            else Fit.xyz(left=None, top=heights[spot.target] - spot.target_top, zoom=None)
        )
        link = Link(
            rect=(x, top - y - h, x + w, top - y),
            border=[0, 0, 0],
            target_page_index=spot.target,
            fit=fit,
        )
        writer.add_annotation(spot.page, link)
    _add_outline(writer, outline, None)
    writer.add_metadata(
        {
            "/Title": meta.title,
            "/Subject": meta.subject,
            "/Author": meta.author,
            "/Creator": meta.creator,
        }
    )
    root = writer.root_object
    root[NameObject("/Lang")] = TextStringObject(meta.language)
    if outline:
        writer.page_mode = "/UseOutlines"
    # Readers show the title, not the file name, in their title bar.
    writer.create_viewer_preferences()[NameObject("/DisplayDocTitle")] = BooleanObject(True)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _add_outline(
    writer: PdfWriter, marks: Sequence[Bookmark], parent: IndirectObject | None
) -> None:
    for mark in marks:
        item = writer.add_outline_item(
            title=mark.title, page_number=mark.page, parent=parent, is_open=False
        )
        _add_outline(writer, mark.children, item)


_HEX = re.compile(rb"<([0-9A-Fa-f]{4,8})>")
_RANGE = re.compile(rb"(<[0-9A-Fa-f]+>\s*<[0-9A-Fa-f]+>\s*)(\[[^\]]*\])")
_CHAR = re.compile(rb"(<[0-9A-Fa-f]+>\s*)(<[0-9A-Fa-f]{4}>)")
_TOKENS = re.compile(rb"<[0-9A-Fa-f]+>|\[|\]")
_BLOCKS = re.compile(rb"(beginbfrange.*?endbfrange|beginbfchar.*?endbfchar)", re.S)


def fix_to_unicode(
    cmap: bytes, same_glyph: Mapping[int, str], named: Mapping[int, str] | None = None
) -> bytes:
    """A `ToUnicode` CMap with each code point in `same_glyph` replaced by the one it means.

    Only destinations change: the character codes (left) stay as Qt numbered the glyphs.
    `named` adds entries for character codes the CMap lacks.
    """

    def swap(match: re.Match[bytes]) -> bytes:
        value = int(match.group(1), 16)
        return b"<%s>" % _utf16(same_glyph[value]) if value in same_glyph else match[0]

    def in_destination(match: re.Match[bytes]) -> bytes:
        return match.group(1) + _HEX.sub(swap, match.group(2))

    fixed = []
    for part in _BLOCKS.split(cmap):
        if part.startswith(b"beginbfrange"):
            part = _RANGE.sub(in_destination, part)
        elif part.startswith(b"beginbfchar"):
            part = _CHAR.sub(in_destination, part)
        fixed.append(part)
    out = b"".join(fixed)
    if named:
        entries = b"".join(
            b"<%04X> <%s>\n" % (code, _utf16(t)) for code, t in sorted(named.items())
        )
        extra = b"%d beginbfchar\n%sendbfchar\n" % (len(named), entries)
        at = out.rfind(b"endcmap")
        out = out[:at] + extra + out[at:] if at >= 0 else out + extra
    return out


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-be").hex().upper().encode()


def mapped_codes(cmap: bytes) -> set[int]:
    """The character codes a `ToUnicode` CMap names."""
    codes: set[int] = set()
    for part in _BLOCKS.findall(cmap):
        tokens = _TOKENS.findall(part)
        i = 0
        if part.startswith(b"beginbfchar"):
            codes.update(int(t[1:-1], 16) for t in tokens[::2])
            continue
        while i + 2 < len(tokens) and tokens[i] not in (b"[", b"]"):
            lo, hi = int(tokens[i][1:-1], 16), int(tokens[i + 1][1:-1], 16)
            codes.update(range(lo, min(hi, lo + 0xFFFF) + 1))
            i += 2
            if tokens[i] == b"[":
                while i < len(tokens) and tokens[i] != b"]":
                    i += 1
            i += 1
    return codes


def _fix_fonts(
    writer: PdfWriter, same_glyph: Mapping[int, str], shapes: Mapping[bool, Sequence[GlyphShape]]
) -> None:
    from pypdf.generic import DictionaryObject, StreamObject

    seen: set[int] = set()
    for page in writer.pages:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources is not None else None
        if fonts is None:
            continue
        for ref in fonts.get_object().values():
            font = ref.get_object()
            if id(font) in seen or not isinstance(font, DictionaryObject):
                continue
            seen.add(id(font))
            _tag_subset(font)
            to_unicode = font.get("/ToUnicode")
            stream = to_unicode.get_object() if to_unicode is not None else None
            if not isinstance(stream, StreamObject):
                continue
            cmap = stream.get_data()
            known = shapes.get("Bold" in str(font.get("/BaseFont", "")), ())
            named = _name_unnamed(font, mapped_codes(cmap), known) if known else {}
            stream.set_data(fix_to_unicode(cmap, same_glyph, named))


def _name_unnamed(
    font: DictionaryObject, mapped: set[int], known: Sequence[GlyphShape]
) -> dict[int, str]:
    """Character codes (= glyphs of the subset) the CMap lacks, named by their shape."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    # Qt dates its subsets 1904 (zero): fontTools says so in a log line on every export.
    logging.getLogger("fontTools.ttLib.tables._h_e_a_d").setLevel(logging.ERROR)
    try:
        descendant: Any = font["/DescendantFonts"][0].get_object()  # type: ignore[index]
        data = descendant["/FontDescriptor"].get_object()["/FontFile2"].get_object().get_data()
        subset = TTFont(io.BytesIO(data))
        order = subset.getGlyphOrder()
        scale = EM / subset["head"].unitsPerEm
        glyf, hmtx = subset["glyf"], subset["hmtx"]
    except (KeyError, IndexError, TypeError, ValueError, AssertionError):
        return {}  # not a subset as Qt writes them: leave its CMap as it is
    named: dict[int, str] = {}
    for code in range(1, len(order)):
        if code in mapped:
            continue
        glyph = glyf[order[code]]
        if not hasattr(glyph, "xMin"):
            continue  # no outline: nothing a reader would copy
        box = tuple(round(v * scale) for v in (glyph.xMin, glyph.yMin, glyph.xMax, glyph.yMax))
        advance = round(hmtx[order[code]][0] * scale)
        texts = {
            k.text
            for k in known
            if abs(k.advance - advance) <= 2
            and all(abs(a - b) <= 3 for a, b in zip(k.box, box, strict=True))
        }
        if len(texts) == 1:
            named[code] = texts.pop()
    return named


def _tag_subset(font: DictionaryObject) -> None:
    from pypdf.generic import NameObject

    descendants = font.get("/DescendantFonts")
    if descendants is None:
        return
    for ref in descendants.get_object():
        cid_font = ref.get_object()
        descriptor = cid_font.get("/FontDescriptor")
        name = descriptor.get_object().get("/FontName") if descriptor is not None else None
        if name and "+" in str(name):
            cid_font[NameObject("/BaseFont")] = NameObject(str(name))
            font[NameObject("/BaseFont")] = NameObject(str(name))
