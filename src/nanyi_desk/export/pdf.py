"""Write a deck as a PDF handout, through the same painter as the screen.

Each slide (and with `panels`, each drill-down panel) is painted by `paint_slide` /
`paint_panel` onto a `QPdfWriter`, so text stays text in the embedded, subset fonts and the
pages look like the slides. Charts come from `ctx.charts` as images drawn for at least
300 dpi on paper. The pages are laid out by `pages.page_plan`; the Sources pages by
`pdf_sources`; links, outline and metadata are added by `pdf_finish`.

The export runs as steps (`PdfExport.steps`, one per page drawn) so that the command line
can draw a progress bar and the player's dialog can stay responsive and cancel between
pages. Nothing is written until the last step, and then atomically: a failed or cancelled
export leaves no file and never replaces a good one. QtGui only.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QRawFont,
    QTextLayout,
)

from nanyi_desk import __version__
from nanyi_desk.atomic import write_atomically
from nanyi_desk.deck import LoadedDeck
from nanyi_desk.deck.drills import panel_path
from nanyi_desk.deck.model import SectionSlide
from nanyi_desk.layout.geometry import Rect
from nanyi_desk.render import text as tx
from nanyi_desk.render.context import DeckContext, deck_context
from nanyi_desk.render.fonts import register_fonts
from nanyi_desk.render.frame import Hotspot, Painted
from nanyi_desk.render.painter import paint_placeholder, paint_slide
from nanyi_desk.render.panel import paint_panel, panel_rect
from nanyi_desk.resources import fonts_dir

from .pages import POINTS_PER_INCH, Cell, PagePlan, page_plan
from .pdf_finish import (
    EM,
    Bookmark,
    GlyphShape,
    LinkSpot,
    Metadata,
    finish_pdf,
    missing_library,
)
from .pdf_sources import SourcesPages, sources_heading

CHART_DPI = 300
"""Charts and pictures are drawn for at least this many dots per inch of paper."""
RESOLUTION = 1200
"""QPdfWriter's device units per inch: fine enough that no position is rounded visibly."""


class ExportError(Exception):
    """An export could not be written; the message is one line and names the file."""


@dataclass(frozen=True)
class PdfOptions:
    """What a handout holds and how its pages are laid out."""

    langs: tuple[str, ...]
    """The languages, each slide in each of them one after the other (zh+en → ("zh", "en"))."""
    panels: bool = False
    """Add every drill-down panel as a page after the slides, linked from its hotspots."""
    notes: bool = False
    """Print the presenter's notes beside or under each slide."""
    layout: str = "slides"
    """slides | handout-2 | handout-3 (`pages.LAYOUTS`)."""
    author: str | None = None
    """The PDF's author; by default whoever published the deck's sources."""


@dataclass(frozen=True)
class Step:
    """How far an export has come."""

    done: int
    """Steps finished."""
    total: int
    """Steps in all."""
    what: str
    """What was just done, in a few words."""


@dataclass(frozen=True)
class _Item:
    kind: str
    """slide | panel."""
    ref: str
    """The slide's index (as text) or the panel's id."""
    lang: str


@dataclass
class PdfExport:
    """One export of a deck to a PDF file: plan it, then run its steps.

    Needs a QGuiApplication with the bundled fonts registered (`render.fonts`).
    """

    ctx: DeckContext
    out: Path
    options: PdfOptions
    problems: list[tuple[str, str]] = field(default_factory=list)
    """(where, what) for each slide or panel that could not be drawn or overflowed."""
    pages: int = 0
    """Pages in the file."""

    def __post_init__(self) -> None:
        ctx = self.ctx
        # A context of its own: charts are drawn at print resolution, and the player's
        # cache (if any) keeps its screen-sized ones.
        self.ctx = DeckContext(ctx.deck, ctx.folder, ctx.theme, image_loader=ctx.image_loader)
        deck, options = self.ctx.deck, self.options
        self.plan: PagePlan = page_plan(deck.aspect, options.layout, options.notes)
        per_page = len(self.plan.cells)
        slides = [
            _Item("slide", str(i), lang) for i in range(len(deck.slides)) for lang in options.langs
        ]
        panels = (
            [_Item("panel", p, lang) for p in deck.panels for lang in options.langs]
            if options.panels
            else []
        )
        self._sheets = _chunks(slides, per_page) + _chunks(panels, per_page)
        self._where: dict[_Item, tuple[int, Cell]] = {}
        for page, items in enumerate(self._sheets):
            for cell, item in zip(self.plan.cells, items, strict=False):
                self._where[item] = (page, cell)
        self._sources = [SourcesPages(self.ctx, lang, self.plan.body) for lang in options.langs]
        self.pages = len(self._sheets) + sum(s.pages for s in self._sources)
        self.total = len(slides) + len(panels) + len(self._sources) + 1
        self._links: list[LinkSpot] = []

    def run(self, progress: Callable[[Step], None] | None = None) -> None:
        """Run every step; `progress` hears of each."""
        for step in self.steps():
            if progress is not None:
                progress(step)

    def steps(self) -> Iterator[Step]:
        """Draw page after page, then write the file; yields after each slide or panel.

        Closing the iterator early (a cancel) writes nothing.

        Raises:
            ExportError: The file could not be written (disk full, read-only folder, a file
                held open elsewhere); the message names it, and any file there is unchanged.
        """
        missing = missing_library()
        if missing:
            raise ExportError(
                f"cannot write {self.out}: PDF handouts need {missing}: "
                "pip install 'nanyi-desk[pdf]'"
            )
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = self._writer(buffer)
        painter = QPainter()
        if not painter.begin(writer):
            raise ExportError(f"cannot write {self.out}: Qt's PDF writer did not start")
        done = 0
        page = 0
        try:
            for items in self._sheets:
                if page:
                    writer.newPage()
                _to_points(painter, writer)
                for cell, item in zip(self.plan.cells, items, strict=False):
                    self._paint_item(painter, page, cell, item)
                    done += 1
                    yield Step(done, self.total, self._label(item))
                self._paint_footer(painter, page)
                page += 1
            for sources in self._sources:
                for part in range(sources.pages):
                    if page:
                        writer.newPage()
                    _to_points(painter, writer)
                    sources.paint(painter, part)
                    self._paint_footer(painter, page)
                    page += 1
                done += 1
                yield Step(done, self.total, sources_heading(self.options.langs[0]))
        finally:
            painter.end()
        data = finish_pdf(
            bytes(buffer.data().data()),
            self._links,
            self._outline(),
            self._metadata(),
            same_glyph(),
            glyph_shapes(self.ctx.theme.font),
        )
        self._write(data)
        yield Step(self.total, self.total, str(self.out))

    # ------------------------------------------------------------------ pages

    def _writer(self, buffer: QBuffer) -> QPdfWriter:
        writer = QPdfWriter(buffer)
        writer.setResolution(RESOLUTION)
        size = QPageSize(
            QSizeF(self.plan.width, self.plan.height),
            QPageSize.Unit.Point,
            "",
            QPageSize.SizeMatchPolicy.ExactMatch,
        )
        writer.setPageLayout(
            QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
        )
        meta = self._metadata()
        writer.setTitle(meta.title)
        writer.setCreator(meta.creator)
        if hasattr(writer, "setAuthor"):  # Qt 6.8 and later
            writer.setAuthor(meta.author)
        return writer

    def _paint_item(self, painter: QPainter, page: int, cell: Cell, item: _Item) -> None:
        ctx = self.ctx
        cw, ch = ctx.size
        box = cell.slide
        s = box.w / cw
        # Device pixels per canvas pixel for the chart images: CHART_DPI on paper.
        dpi_scale = max(1.0, math.ceil(box.w / POINTS_PER_INCH * CHART_DPI / cw * 4) / 4)
        painter.save()
        painter.translate(box.x, box.y)
        painter.scale(s, s)
        painter.setClipRect(QRectF(0, 0, cw, ch))
        if item.kind == "slide":
            spots = self._paint_slide(painter, int(item.ref), item.lang, dpi_scale)
        else:
            spots = self._paint_panel(painter, item.ref, item.lang, dpi_scale)
        painter.restore()
        for rect, target in spots:
            where = self._where.get(target)
            if where is None:
                continue
            x, y, w, h = rect
            top = where[1].slide.y if len(self.plan.cells) > 1 else None
            self._links.append(
                LinkSpot(page, (box.x + x * s, box.y + y * s, w * s, h * s), where[0], top)
            )
        if self.plan.footer is not None:
            painter.save()
            painter.setPen(QPen(QColor(ctx.theme.colors.grid).darker(115), 0.6))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(box.x, box.y, box.w, box.h))
            painter.restore()
        if cell.notes is not None:
            self._paint_notes(painter, cell.notes, item)

    def _paint_slide(
        self, painter: QPainter, index: int, lang: str, dpi_scale: float
    ) -> list[tuple[tuple[float, float, float, float], _Item]]:
        ctx = self.ctx
        where = f"slide {index + 1}" + (f" ({lang})" if len(self.options.langs) > 1 else "")
        try:
            painted = paint_slide(painter, ctx, index, lang, dpi_scale)
        except Exception as exc:  # noqa: BLE001 - one bad slide must not stop the handout
            reason = f"{type(exc).__name__}: {exc}"
            painted = Painted(error=reason)
            painter.setOpacity(1.0)
            paint_placeholder(painter, ctx, reason, lang)
            self.problems.append((where, f"cannot be drawn: {reason}"))
        self.problems.extend((where, f"text does not fit: {t}…") for t in painted.overflows)
        return [(_box(h), _Item("panel", h.panel, lang)) for h in painted.hotspots]

    def _paint_panel(
        self, painter: QPainter, panel_id: str, lang: str, dpi_scale: float
    ) -> list[tuple[tuple[float, float, float, float], _Item]]:
        ctx = self.ctx
        cw, ch = ctx.size
        theme = ctx.theme
        # No dimmed slide behind the sheet, as the player shows: on paper it is a grey page
        # of ink, and its words would turn up again in every search of the handout.
        painter.fillRect(QRectF(0, 0, cw, ch), QColor(theme.colors.background))
        veil = QColor(theme.colors.ink)
        veil.setAlphaF(0.08)
        painter.fillRect(QRectF(0, 0, cw, ch), veil)
        index, trail = panel_path(ctx.deck, panel_id)
        painted = paint_panel(painter, ctx, panel_id, lang, panel_rect(ctx), dpi_scale, trail)
        where = f"panel {panel_id}" + (f" ({lang})" if len(self.options.langs) > 1 else "")
        if painted.error:
            self.problems.append((where, f"cannot be drawn: {painted.error}"))
        self.problems.extend((where, f"text does not fit: {t}…") for t in painted.overflows)
        spots = [(_box(h), _Item("panel", h.panel, lang)) for h in painted.hotspots]
        back = painted.controls.get("back")
        if back is not None and len(trail) > 1:
            spots.append((_qbox(back), _Item("panel", trail[-2], lang)))
        close = painted.controls.get("close")
        if close is not None and index is not None:
            spots.append((_qbox(close), _Item("slide", str(index), lang)))
        return spots

    def _paint_notes(self, painter: QPainter, rect: Rect, item: _Item) -> None:
        ctx = self.ctx
        theme = ctx.theme
        words = ""
        if self.options.notes and item.kind == "slide":
            words = ctx.text(ctx.deck.slides[int(item.ref)].notes, item.lang).strip()
        box = QRectF(rect.x, rect.y, rect.w, rect.h)
        painter.save()
        if words:
            # A slide page's band is as wide as a 13-inch slide: a handout's 10 pt would be
            # footnote-small there.
            px = 10.0 if self.plan.footer is not None else 15.0
            fitted = tx.fit(words, box, theme.font, px, 6.5)
            if fitted.overflow:
                self.problems.append((self._label(item), "notes do not fit: shortened"))
            tx.draw(painter, words, box, fitted, theme.colors.ink)
        elif self.plan.footer is not None:
            # Ruled lines for the reader's own notes, as a printed handout has.
            painter.setPen(QPen(QColor(theme.colors.grid).darker(110), 0.5))
            y = rect.y + 22.0
            while y < rect.bottom - 4:
                painter.drawLine(QPointF(rect.x, y), QPointF(rect.right, y))
                y += 22.0
        painter.restore()

    def _paint_footer(self, painter: QPainter, page: int) -> None:
        footer = self.plan.footer
        if footer is None:
            return
        ctx = self.ctx
        theme = ctx.theme
        rect = QRectF(footer.x, footer.y, footer.w, footer.h)
        fitted = tx.fit("0", rect, theme.font, 8.0, 8.0)
        title = ctx.text(ctx.deck.title, self.options.langs[0])
        tx.draw(painter, title, rect, fitted, theme.colors.muted, wrap=False)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
        tx.draw(painter, f"{page + 1} / {self.pages}", rect, fitted, theme.colors.muted, right)

    # ------------------------------------------------------------------ the file

    def _label(self, item: _Item) -> str:
        if item.kind == "slide":
            return f"slide {int(item.ref) + 1} ({item.lang})"
        return f"panel {item.ref} ({item.lang})"

    def _outline(self) -> list[Bookmark]:
        ctx, lang = self.ctx, self.options.langs[0]
        deck = ctx.deck
        zh = lang.startswith("zh")
        marks: list[Bookmark] = []
        section: Bookmark | None = None
        section_id: str | None = None
        for index, slide in enumerate(deck.slides):
            title = ctx.text(slide.title, lang) if slide.title else ""
            name = title or (f"第 {index + 1} 页" if zh else f"Slide {index + 1}")
            mark = Bookmark(
                f"{index + 1}  {name}", self._where[_Item("slide", str(index), lang)][0]
            )
            if isinstance(slide, SectionSlide):
                section, section_id = mark, slide.section
                marks.append(mark)
            elif section is not None and slide.section == section_id:
                section.children.append(mark)
            else:
                section = None
                marks.append(mark)
        if self.options.panels and deck.panels:
            first = _Item("panel", next(iter(deck.panels)), lang)
            panels = Bookmark("面板" if zh else "Panels", self._where[first][0])
            for panel_id, panel in deck.panels.items():
                page = self._where[_Item("panel", panel_id, lang)][0]
                panels.children.append(Bookmark(ctx.text(panel.title, lang) or panel_id, page))
            marks.append(panels)
        marks.append(Bookmark(sources_heading(lang), len(self._sheets)))
        return marks

    def _metadata(self) -> Metadata:
        ctx, lang = self.ctx, self.options.langs[0]
        deck = ctx.deck
        publishers = dict.fromkeys(
            ctx.text(s.publisher, lang) for s in deck.sources.values() if s.publisher
        )
        return Metadata(
            title=ctx.text(deck.title, lang),
            subject=ctx.text(deck.subtitle, lang) if deck.subtitle else "",
            author=self.options.author or "; ".join(publishers),
            creator=f"nanyi-desk {__version__}",
            language=lang,
        )

    def _write(self, data: bytes) -> None:
        try:
            self.out.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self.out, data)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise ExportError(f"cannot write {self.out}: {reason}") from exc


def export_pdf(
    ctx: DeckContext,
    out: Path,
    options: PdfOptions,
    progress: Callable[[Step], None] | None = None,
) -> PdfExport:
    """Write the deck to `out` as a PDF handout; return the finished export (pages, problems).

    Raises:
        ExportError: The file could not be written; nothing was left behind.
    """
    export = PdfExport(ctx, out, options)
    export.run(progress)
    return export


def same_glyph() -> dict[int, str]:
    """Code points Qt may name a glyph by → the text the deck wrote with that glyph.

    Qt's ToUnicode maps each glyph to its lowest code point, so 高 comes out as ⾼ (U+2FBC)
    and "fi" as ﬁ when the text is copied; `pdf_finish` puts back what the deck's text
    holds (a deck that wrote a radical on purpose gets its ideograph: the same shape, and
    the one a search would look for).
    """
    fonts = sorted(fonts_dir().glob("*Regular*.otf")) or sorted(fonts_dir().glob("*.otf"))
    found = {cp: unicodedata.normalize("NFKC", chr(cp)) for cp in range(0xFB00, 0xFB07)}
    if not fonts:
        return found
    font = QRawFont(str(fonts[0]), 12)
    unified = "".join(map(chr, [*range(0x3400, 0x4DC0), *range(0x4E00, 0xA000)]))
    first: dict[int, int] = {}
    for char, glyph in zip(unified, font.glyphIndexesForString(unified), strict=True):
        if glyph:
            first.setdefault(glyph, ord(char))
    radicals = "".join(map(chr, range(0x2E80, 0x2FE0)))
    for char, glyph in zip(radicals, font.glyphIndexesForString(radicals), strict=True):
        if glyph in first:
            found[ord(char)] = chr(first[glyph])
    return found


_SHAPED = [chr(c) for c in range(0x21, 0x7F)] + list("²³°%‰–—‘’“”…·×€£¥")


def glyph_shapes(family: str) -> dict[bool, list[GlyphShape]]:
    """The glyphs the shaper picks by context in `family` (regular and bold), by shape.

    Each character is shaped between letters, digits and ideographs, as a slide's text
    puts it; a glyph that differs from the character map's is one Qt cannot name.
    """
    shapes: dict[bool, list[GlyphShape]] = {}
    for bold in (False, True):
        font = tx.make_font(family, EM, bold)
        found: dict[int, GlyphShape] = {}
        for char in _SHAPED:
            for before, after in (("a", "a"), ("1", "1"), ("中", "中"), ("A ", "")):
                layout = QTextLayout(before + char + after, font)
                layout.beginLayout()
                layout.createLine()
                layout.endLayout()
                for run in layout.glyphRuns():
                    raw, glyphs = run.rawFont(), list(run.glyphIndexes())
                    if len(glyphs) != len(before) + 1 + len(after):
                        continue  # a ligature: the positions no longer line up
                    glyph = glyphs[len(before)]
                    if glyph in found or glyph == raw.glyphIndexesForString(char)[0]:
                        continue
                    box = raw.pathForGlyph(glyph).boundingRect()
                    if box.isEmpty():
                        continue
                    advance = raw.advancesForGlyphIndexes([glyph])[0].x()
                    found[glyph] = GlyphShape(
                        round(advance),
                        (
                            round(box.left()),
                            round(-box.bottom()),
                            round(box.right()),
                            round(-box.top()),
                        ),
                        char,
                    )
        shapes[bold] = list(found.values())
    return shapes


def _to_points(painter: QPainter, writer: QPdfWriter) -> None:
    painter.resetTransform()
    painter.setClipping(False)
    painter.scale(writer.resolution() / POINTS_PER_INCH, writer.resolution() / POINTS_PER_INCH)


def _chunks(items: Sequence[_Item], size: int) -> list[list[_Item]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def _box(hotspot: Hotspot) -> tuple[float, float, float, float]:
    return hotspot.x, hotspot.y, hotspot.w, hotspot.h


def _qbox(rect: QRectF) -> tuple[float, float, float, float]:
    return rect.x(), rect.y(), rect.width(), rect.height()


def write_pdf(
    loaded: LoadedDeck,
    out: Path,
    options: PdfOptions,
    progress: Callable[[Step], None] | None = None,
) -> PdfExport:
    """`export_pdf` for a loaded deck, from a program with no Qt application yet (the CLI).

    Raises:
        ExportError: The file could not be written; nothing was left behind.
    """
    _app = QGuiApplication.instance() or QGuiApplication([])
    register_fonts()
    return export_pdf(deck_context(loaded), out, options, progress)
