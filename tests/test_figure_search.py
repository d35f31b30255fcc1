"""The console's search overlay: typing filters, keys move and choose, language follows."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from nanyi_desk.deck import load_deck
from nanyi_desk.deck.model import Deck
from nanyi_desk.deck.search import FigureIndex, Hit
from nanyi_desk.resources import default_deck
from nanyi_desk.theme import load_theme
from nanyi_desk.ui.figure_search import FigureSearch


@pytest.fixture(scope="module")
def deck() -> Deck:
    loaded = load_deck(default_deck())
    assert loaded.deck is not None
    return loaded.deck


@pytest.fixture
def search(qtbot, deck: Deck) -> Iterator[FigureSearch]:  # noqa: ANN001 - pytest-qt's fixture
    # The console it lies over; held here, as qtbot keeps only a weak reference to it.
    host = QWidget()
    qtbot.addWidget(host)
    host.resize(1000, 700)
    widget = FigureSearch(host, load_theme(deck.theme))
    widget.use(FigureIndex.build(deck))
    host.show()
    qtbot.waitExposed(host)
    widget.open()
    yield widget  # noqa: PT022 - keeps `host` alive for the test


def row_text(search: FigureSearch, row: int) -> str:
    return search.model.data(search.model.index(row), Qt.ItemDataRole.DisplayRole)


def test_typing_filters_the_rows(qtbot, search: FigureSearch) -> None:  # noqa: ANN001
    assert search.hits() == []
    qtbot.keyClicks(search.field, "185")
    hits = search.hits()
    assert hits
    assert hits[0].entry.value == 185.28
    assert search.model.rowCount() == len(hits)
    qtbot.keyClicks(search.field, " xyzzy")
    assert search.hits() == []
    assert search.status.text() == "没有找到"


def test_down_then_enter_chooses_the_second_hit(qtbot, search: FigureSearch, deck: Deck) -> None:  # noqa: ANN001
    qtbot.keyClicks(search.field, "185.28")
    second = search.hits()[1]
    assert search.field.hasFocus()
    with qtbot.waitSignal(search.chosen) as chosen:
        qtbot.keyClick(search.field, Qt.Key.Key_Down)
        qtbot.keyClick(search.field, Qt.Key.Key_Enter)
    hit = chosen.args[0]
    assert isinstance(hit, Hit)
    assert hit == second
    new = next(i for i, s in enumerate(deck.slides) if s.id == "new-projects")
    assert (hit.slide, hit.panels, hit.entry.value) == (new, ("panel-signed",), 185.28)
    assert not search.isVisible()


def test_up_and_page_keys_stay_in_range(qtbot, search: FigureSearch) -> None:  # noqa: ANN001
    qtbot.keyClicks(search.field, "investment")
    count = len(search.hits())
    assert count > 5
    qtbot.keyClick(search.field, Qt.Key.Key_Up)
    assert search.current() == search.hits()[0]
    qtbot.keyClick(search.field, Qt.Key.Key_PageDown)
    assert 0 < search.list.currentIndex().row() < count
    for _ in range(count):
        qtbot.keyClick(search.field, Qt.Key.Key_PageDown)
    assert search.current() == search.hits()[-1]
    assert search.field.hasFocus()
    assert search.field.text() == "investment"


def test_escape_closes(qtbot, search: FigureSearch) -> None:  # noqa: ANN001
    qtbot.keyClicks(search.field, "39")
    with qtbot.waitSignal(search.closed):
        qtbot.keyClick(search.field, Qt.Key.Key_Escape)
    assert not search.isVisible()


def test_a_click_on_a_row_chooses_it(qtbot, search: FigureSearch) -> None:  # noqa: ANN001
    qtbot.keyClicks(search.field, "39")
    third = search.hits()[2]
    spot = search.list.visualRect(search.model.index(2)).center()
    with qtbot.waitSignal(search.chosen) as chosen:
        qtbot.mouseClick(search.list.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    assert chosen.args[0] == third


def test_language_switch_changes_the_rows(qtbot, search: FigureSearch) -> None:  # noqa: ANN001
    qtbot.keyClicks(search.field, "185.28")
    hit = search.hits()[0]
    zh = row_text(search, 0)
    assert zh == f"{hit.figure('zh')} {hit.text('label', 'zh')}"
    assert search.field.placeholderText() == "搜索数字、标题、备注…"
    search.set_language("en")
    en = row_text(search, 0)
    assert en == f"{hit.figure('en')} {hit.text('label', 'en')}"
    assert en != zh
    assert search.field.placeholderText() == "Search figures, titles, notes…"
    assert search.status.text().startswith(f"{len(search.hits())} results")


def test_reopening_selects_the_last_query(qtbot, search: FigureSearch) -> None:  # noqa: ANN001
    qtbot.keyClicks(search.field, "39")
    qtbot.keyClick(search.field, Qt.Key.Key_Escape)
    search.open()
    assert search.isVisible()
    assert search.field.selectedText() == "39"
    # QTest types ASCII only (it asserts on 钠); insert() is what an input method does.
    search.field.insert("钠")
    assert search.field.text() == "钠"
    assert search.hits() == search.index.search("钠")


def test_it_keeps_covering_the_console_when_that_is_resized(qtbot, search: FigureSearch) -> None:  # noqa: ANN001
    console = search.parentWidget()
    console.resize(820, 560)
    assert search.geometry() == console.rect()
    assert console.rect().contains(search.sheet.geometry())


def test_it_can_be_built_as_the_console_builds_it(qtbot, deck: Deck) -> None:  # noqa: ANN001
    host = QWidget()
    qtbot.addWidget(host)
    search = FigureSearch(host)  # the console passes only itself
    assert search.theme == load_theme(deck.theme)
    search.use(FigureIndex.build(deck))
    search.set_language("en")
    host.show()
    qtbot.waitExposed(host)
    search.open()
    assert search.isVisible()
    assert search.field.placeholderText() == "Search figures, titles, notes…"
