"""PDF handouts: pages, text, fonts, links, outline, layouts, and writing that never half-writes."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from nanyi_desk.deck import load_deck
from nanyi_desk.deck.model import Kpi
from nanyi_desk.deck.starter import write_starter
from nanyi_desk.export.pages import LAYOUTS, page_plan
from nanyi_desk.export.pdf_finish import fix_to_unicode, mapped_codes
from nanyi_desk.export.sources import source_entries
from nanyi_desk.export.target import export_format, export_languages, target_problem
from nanyi_desk.export.terminal_progress import TerminalProgress
from nanyi_desk.resources import default_deck, starter_deck

# ----------------------------------------------------------------------------- plain parts


@pytest.mark.parametrize("aspect", ["16:9", "9:16"])
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("notes", [False, True])
def test_every_slide_keeps_its_aspect_inside_the_page(
    aspect: str, layout: str, notes: bool
) -> None:
    plan = page_plan(aspect, layout, notes)
    ratio = 16 / 9 if aspect == "16:9" else 9 / 16
    assert len(plan.cells) == {"slides": 1, "handout-2": 2, "handout-3": 3}[layout]
    for cell in plan.cells:
        assert cell.slide.w / cell.slide.h == pytest.approx(ratio)
        for r in (cell.slide, cell.notes):
            if r is not None:
                assert r.x >= 0
                assert r.y >= 0
                assert r.right <= plan.width + 1e-6
                assert r.bottom <= plan.height + 1e-6
        if cell.notes is not None:  # notes never cover the slide
            n, s = cell.notes, cell.slide
            assert n.x >= s.right or n.y >= s.bottom
    if layout == "slides" and not notes:
        assert plan.width / plan.height == pytest.approx(ratio)


def test_format_follows_the_name_unless_given(tmp_path: Path) -> None:
    assert export_format(Path("briefing.pdf"), None) == "pdf"
    assert export_format(Path("Briefing.PDF"), None) == "pdf"
    assert export_format(Path("out"), None) == "png"
    assert export_format(Path("briefing.pdf"), "png") == "png"
    assert target_problem(tmp_path, "pdf") is not None  # a folder cannot be a PDF
    file = tmp_path / "a.pdf"
    file.write_bytes(b"%PDF")
    assert target_problem(file, "pdf") is None  # replaced, atomically
    assert target_problem(file, "png") is not None
    assert target_problem(tmp_path / "new", "png") is None


def test_languages_one_or_joined_by_plus() -> None:
    assert export_languages("zh", ("zh", "en")) == ("zh",)
    assert export_languages("zh+en", ("zh", "en")) == ("zh", "en")
    assert export_languages("en+zh", ("zh", "en")) == ("en", "zh")
    assert export_languages("fr", ("zh", "en")) is None
    assert export_languages("zh+zh", ("zh", "en")) is None
    assert export_languages("zh+", ("zh", "en")) is None


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_waits_a_second_and_is_erased() -> None:
    now = [0.0]
    stream = _Tty()
    bar = TerminalProgress(stream, clock=lambda: now[0])
    bar.update(1, 10, "slide 1")
    assert stream.getvalue() == ""  # a quick export prints only its result
    now[0] = 1.5
    bar.update(5, 10, "slide 5")
    assert "[" + "#" * 15 + "." * 15 + "] 5/10 slide 5" in stream.getvalue()
    bar.finish()
    assert stream.getvalue().endswith("\r")


def test_progress_bar_is_silent_in_a_pipe() -> None:
    stream = io.StringIO()
    bar = TerminalProgress(stream, clock=lambda: 10.0, delay=0)
    bar.update(1, 2)
    bar.finish()
    assert stream.getvalue() == ""


def test_to_unicode_radicals_become_the_ideographs_and_codes_stay() -> None:
    cmap = (
        b"2 beginbfrange\n<0000> <0000> <0000>\n<0001> <0003> [<4EE5> <2FBC> <0033>]\n"
        b"endbfrange\n1 beginbfchar\n<2FBC> <2ED4>\nendbfchar\nendcmap\n"
    )
    fixed = fix_to_unicode(cmap, {0x2FBC: "高", 0x2ED4: "门", 0xFB01: "fi"}, {0x0004: "2"})
    assert b"[<4EE5> <9AD8> <0033>]" in fixed
    assert b"<2FBC> <95E8>" in fixed  # the character code on the left is the glyph's: kept
    assert fixed.endswith(b"1 beginbfchar\n<0004> <0032>\nendbfchar\nendcmap\n")
    assert mapped_codes(fixed) == {0, 1, 2, 3, 4, 0x2FBC}


def test_sources_list_each_figure_under_its_source_with_its_quote() -> None:
    deck = load_deck(default_deck()).deck
    assert deck is not None
    entries = source_entries(deck, "zh")
    assert [e.source_id for e in entries] == ["article"]
    kpi = deck.slides[1].items[0]
    assert isinstance(kpi, Kpi)
    backed = next(b for b in entries[0].backed if b.quote == kpi.quote)
    assert any(f.startswith("351.6平方公里 总面积 (第 2 页)") for f in backed.figures)
    # The figures' time frame goes with the source: "in negotiation now" ages.
    as_of = deck.sources["article"].as_of
    assert as_of is not None
    assert as_of["zh"] in entries[0].details
    assert as_of["en"] in source_entries(deck, "en")[0].details


# ----------------------------------------------------------------------------- the PDF


def _export(qapp, deck: Path, out: Path, **options):  # noqa: ANN001, ANN003, ANN202
    from nanyi_desk.export.pdf import PdfOptions, write_pdf

    langs = options.pop("langs", ("zh",))
    return write_pdf(load_deck(deck), out, PdfOptions(langs, **options))


@pytest.fixture(scope="module")
def default_pdf(qapp, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:  # noqa: ANN001
    out = tmp_path_factory.mktemp("pdf") / "briefing.pdf"
    done = _export(qapp, default_deck(), out, panels=True)
    return out, done


def _text(reader: PdfReader, page: int) -> str:
    return re.sub(r"\s+", "", reader.pages[page].extract_text())


def test_default_deck_has_slides_then_panels_then_sources(default_pdf) -> None:  # noqa: ANN001
    out, done = default_pdf
    deck = load_deck(default_deck()).deck
    assert deck is not None
    reader = PdfReader(out)
    slides, panels = len(deck.slides), len(deck.panels)
    assert len(reader.pages) == done.pages > slides + panels
    first_panel = next(iter(deck.panels.values()))
    assert deck.panels
    assert first_panel.title["zh"] in _text(reader, slides)
    for page in range(slides + panels, len(reader.pages)):
        assert "来源" in _text(reader, page) or page > slides + panels
    assert "来源" in _text(reader, slides + panels)
    # Each page in the deck's aspect: 13.33 × 7.5 in.
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx((960, 540))


def test_text_is_text_chinese_included_and_searchable(default_pdf) -> None:  # noqa: ANN001
    out, _ = default_pdf
    deck = load_deck(default_deck()).deck
    assert deck is not None
    reader = PdfReader(out)
    everything = "".join(_text(reader, p) for p in range(len(reader.pages)))
    assert re.sub(r"\s+", "", deck.title["zh"]) in _text(reader, 0)
    kpi = deck.slides[1].items[0]
    assert isinstance(kpi, Kpi)
    assert isinstance(kpi.quote, str)
    assert kpi.quote in everything  # the quoted sentence, on the Sources page
    # Qt maps some glyphs to look-alike radicals (⾼ for 高); the handout says what it shows.
    assert not re.search("[\u2e80-\u2fdf]", everything)
    assert "高新区" in everything


def test_fonts_are_embedded_subsets(default_pdf) -> None:  # noqa: ANN001
    out, _ = default_pdf
    reader = PdfReader(out)
    seen = 0
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            for descendant in font["/DescendantFonts"]:
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                assert "/FontFile2" in descriptor or "/FontFile3" in descriptor
                assert re.match(r"/[A-Z]{6}\+", str(font["/BaseFont"]))
                seen += 1
    assert seen


def _links(reader: PdfReader, page: int) -> list[tuple[tuple[float, ...], int]]:
    found = []
    for ref in reader.pages[page].get("/Annots", []):
        annot = ref.get_object()
        target = reader.get_page_number(annot["/Dest"][0].get_object())
        found.append((tuple(float(v) for v in annot["/Rect"]), target))
    return found


def test_a_hotspot_links_to_its_panel_and_the_panel_back_to_its_slide(
    default_pdf,  # noqa: ANN001
    qapp,  # noqa: ANN001
) -> None:
    from nanyi_desk.render.context import deck_context
    from nanyi_desk.render.painter import render_image

    out, _ = default_pdf
    loaded = load_deck(default_deck())
    deck = loaded.deck
    assert deck is not None
    reader = PdfReader(out)
    _, painted, _ = render_image(deck_context(loaded), 1, "zh", 1920, 1080)
    hotspot = painted.hotspots[0]
    panel_page = len(deck.slides) + list(deck.panels).index(hotspot.panel)
    # Canvas px → points (0.5 pt a px), with the PDF's origin at the bottom left.
    x, y = (hotspot.x + hotspot.w / 2) / 2, 540 - (hotspot.y + hotspot.h / 2) / 2
    hits = [t for (x0, y0, x1, y1), t in _links(reader, 1) if x0 <= x <= x1 and y0 <= y <= y1]
    assert hits == [panel_page]
    assert deck.panels[hotspot.panel].title["zh"] in _text(reader, panel_page)
    assert 1 in [t for _, t in _links(reader, panel_page)]  # its close control: the slide


def test_nested_panels_link_down_and_each_back_to_its_slide(default_pdf) -> None:  # noqa: ANN001
    from nanyi_desk.deck.drills import drills_of, panel_path

    out, _ = default_pdf
    deck = load_deck(default_deck()).deck
    assert deck is not None
    reader = PdfReader(out)
    ids = list(deck.panels)
    parent = next(p for p in ids if any(d in deck.panels for d in drills_of(deck.panels[p])))
    child = next(d for d in drills_of(deck.panels[parent]) if d in deck.panels)
    child_page = len(deck.slides) + ids.index(child)
    assert child_page in [t for _, t in _links(reader, len(deck.slides) + ids.index(parent))]
    # The child's page wears the trail the player shows when it is reached the shortest
    # way; its close control goes back to the slide at the start of that trail.
    slide, trail = panel_path(deck, child)
    back = len(deck.slides) + ids.index(trail[-2]) if len(trail) > 1 else slide
    assert back in [t for _, t in _links(reader, child_page)]


def test_metadata_and_bookmarks(default_pdf) -> None:  # noqa: ANN001
    out, _ = default_pdf
    deck = load_deck(default_deck()).deck
    assert deck is not None
    reader = PdfReader(out)
    meta = reader.metadata
    assert meta is not None
    assert meta.title == deck.title["zh"]
    assert meta.subject
    assert meta.author
    assert reader.trailer["/Root"]["/Lang"] == "zh"
    top = [m.title for m in reader.outline if not isinstance(m, list)]
    sections = [s for s in deck.slides if s.layout == "section"]
    for section in sections:
        assert any(section.title["zh"] in t for t in top)
    assert top[-2:] == ["面板", "来源"]


def test_zh_en_doubles_the_slide_pages(qapp, tmp_path: Path) -> None:  # noqa: ANN001
    deck = load_deck(starter_deck()).deck
    assert deck is not None
    one = _export(qapp, starter_deck(), tmp_path / "zh.pdf")
    both = _export(qapp, starter_deck(), tmp_path / "both.pdf", langs=("zh", "en"))
    slides = len(deck.slides)
    assert both.pages - 2 * slides >= one.pages - slides  # sources once per language
    reader = PdfReader(tmp_path / "both.pdf")
    assert deck.title["zh"] in _text(reader, 0)
    # Latin ligatures and digits the shaper picked by context copy as the letters they are.
    assert "MybriefingOneslideofeachlayoutJanuary2026" in _text(reader, 1)


def test_handout_3_prints_notes_under_or_beside_each_slide(qapp, tmp_path: Path) -> None:  # noqa: ANN001
    deck = load_deck(starter_deck()).deck
    assert deck is not None
    done = _export(qapp, starter_deck(), tmp_path / "h.pdf", layout="handout-3", notes=True)
    reader = PdfReader(tmp_path / "h.pdf")
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx((595.28, 841.89), abs=0.5)
    assert done.pages >= -(-len(deck.slides) // 3)
    assert "欢迎大家。" in _text(reader, 0)


def test_a_portrait_deck_gives_portrait_pages(qapp, tmp_path: Path) -> None:  # noqa: ANN001
    folder = tmp_path / "tall"
    write_starter(folder)
    deck_file = folder / "deck.yaml"
    deck_file.write_text(
        deck_file.read_text(encoding="utf-8").replace('aspect: "16:9"', 'aspect: "9:16"'),
        encoding="utf-8",
    )
    _export(qapp, folder, tmp_path / "tall.pdf", panels=True)
    box = PdfReader(tmp_path / "tall.pdf").pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx((540, 960))


def test_a_cancelled_export_leaves_nothing_and_keeps_the_old_file(qapp, tmp_path: Path) -> None:  # noqa: ANN001
    from nanyi_desk.export.pdf import PdfExport, PdfOptions
    from nanyi_desk.render.context import deck_context

    out = tmp_path / "h.pdf"
    out.write_bytes(b"%PDF-1.4 a good old handout")
    export = PdfExport(deck_context(load_deck(starter_deck())), out, PdfOptions(("zh",)))
    steps = export.steps()
    next(steps)
    next(steps)
    steps.close()  # what the dialog's Cancel does
    assert out.read_bytes() == b"%PDF-1.4 a good old handout"
    assert [p.name for p in tmp_path.iterdir()] == ["h.pdf"]


def test_a_failed_write_names_the_file_and_keeps_the_old_one(
    qapp,  # noqa: ANN001
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import errno
    import os

    from nanyi_desk.export.pdf import ExportError

    out = tmp_path / "h.pdf"
    out.write_bytes(b"%PDF-1.4 a good old handout")

    def full(*_: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(ExportError) as caught:
        _export(qapp, starter_deck(), out)
    message = str(caught.value)
    assert message == f"cannot write {out}: No space left on device"
    assert out.read_bytes() == b"%PDF-1.4 a good old handout"
    assert [p.name for p in tmp_path.iterdir()] == ["h.pdf"]


# ----------------------------------------------------------------------------- the dialog


def _dialog_on(player, qtbot):  # noqa: ANN001, ANN202
    from PySide6.QtCore import Qt

    from nanyi_desk.ui.export_action import install_export_action
    from nanyi_desk.ui.export_dialog import ExportDialog

    install_export_action(player, lambda: player.view.ctx, lambda: player.state.lang)
    qtbot.keyClick(player.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: player.findChild(ExportDialog) is not None)
    dialog = player.findChild(ExportDialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_ctrl_e_in_the_player_exports_a_handout_with_progress(
    player,  # noqa: ANN001
    qtbot,  # noqa: ANN001
    tmp_path: Path,
) -> None:
    dialog = _dialog_on(player, qtbot)
    assert dialog.language.currentData() == ("zh",)
    dialog.panels.setChecked(False)
    dialog.layout_choice.setCurrentIndex(dialog.layout_choice.findData("handout-3"))
    dialog.notes.setChecked(True)
    dialog.path.setText(str(tmp_path / "handout"))  # .pdf is added
    seen: list[int] = []
    dialog.progress.valueChanged.connect(seen.append)
    with qtbot.waitSignal(dialog.exported, timeout=30_000) as done:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert done.args == [str(tmp_path / "handout.pdf")]
    assert len(seen) > 5  # the bar moved page by page, the window painting between
    reader = PdfReader(tmp_path / "handout.pdf")
    assert len(reader.pages) >= 11  # 32 slides, three a sheet, and the sources
    assert "handout.pdf" in dialog.status.text()


def test_cancel_in_the_dialog_writes_nothing_and_keeps_the_old_file(
    player,  # noqa: ANN001
    qtbot,  # noqa: ANN001
    tmp_path: Path,
) -> None:
    out = tmp_path / "h.pdf"
    out.write_bytes(b"%PDF-1.4 the good one")
    dialog = _dialog_on(player, qtbot)
    dialog.path.setText(str(out))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.progress.value() >= 2)
    assert dialog.cancel_button.text() in ("取消", "Cancel")
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.running
    assert out.read_bytes() == b"%PDF-1.4 the good one"
    assert [p.name for p in tmp_path.iterdir()] == ["h.pdf"]
    assert dialog.export_button.isEnabled()


def test_without_the_pdf_extra_the_export_says_what_to_install(
    qapp,  # noqa: ANN001
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import nanyi_desk.export.pdf as pdf

    monkeypatch.setattr(pdf, "missing_library", lambda: "pypdf")
    with pytest.raises(pdf.ExportError, match=r"need pypdf: pip install 'nanyi-desk\[pdf\]'"):
        _export(qapp, starter_deck(), tmp_path / "h.pdf")
    assert list(tmp_path.iterdir()) == []


def test_the_dialog_speaks_and_exports_the_language_shown(qapp, tmp_path: Path) -> None:  # noqa: ANN001
    from nanyi_desk.render.context import deck_context
    from nanyi_desk.ui.export_dialog import ExportDialog

    dialog = ExportDialog(deck_context(load_deck(starter_deck())), "en")
    assert dialog.windowTitle() == "Export handout"
    assert dialog.options().langs == ("en",)
    dialog.language.setCurrentIndex(dialog.language.count() - 1)
    assert dialog.options().langs == ("en", "zh")
    (tmp_path / "x.pdf").mkdir()
    dialog.path.setText(str(tmp_path / "x.pdf"))  # a folder: refused in the dialog's own words
    dialog.start()
    assert not dialog.running
    assert "is a folder" in dialog.status.text()


def test_a_window_closed_mid_export_ends_it_cleanly(qapp, qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QWidget

    from nanyi_desk.render.context import deck_context
    from nanyi_desk.ui.export_dialog import ExportDialog

    window = QWidget()
    dialog = ExportDialog(deck_context(load_deck(starter_deck())), "zh", window)
    dialog.path.setText(str(tmp_path / "h.pdf"))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.progress.value() >= 1)
    gone: list[bool] = []
    dialog.destroyed.connect(lambda *_: gone.append(True))
    window.deleteLater()
    qtbot.waitUntil(lambda: bool(gone))
    assert list(tmp_path.iterdir()) == []
