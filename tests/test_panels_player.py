"""Drill-down panels in the player: opening from the slide, nesting, closing, keys, language."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt, QTimer
from PySide6.QtWidgets import QApplication

from nanyi_desk.ui.chart_canvas import tip_text


def _slide_with(window, kind: str) -> int:  # noqa: ANN001
    """The first slide with a hotspot of `kind` (kpi, card, chart …)."""
    view = window.view
    for index in range(len(view.cache.ctx.deck.slides)):
        window.state.goto(index)
        if any(h.kind == kind for h in view.current()[1]):
            return index
    raise AssertionError(f"no slide has a {kind} hotspot")


def _click_canvas(qtbot, widget, transform, x: float, y: float) -> None:  # noqa: ANN001
    scale, dx, dy = transform
    qtbot.mouseClick(
        widget, Qt.MouseButton.LeftButton, pos=QPoint(round(x * scale + dx), round(y * scale + dy))
    )


def _settled(qtbot, layer) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: layer.progress() == 1.0 and layer.isVisible(), timeout=3000)


def _closed(qtbot, layer) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: not layer.isVisible(), timeout=3000)


@pytest.mark.parametrize("kind", ["kpi", "card", "chart"])
def test_touching_a_figure_opens_its_panel(qtbot, player, kind: str) -> None:  # noqa: ANN001
    view, state = player.view, player.state
    _slide_with(player, kind)
    _, hotspots, transform = view.current()
    target = next(h for h in hotspots if h.kind == kind)
    with qtbot.waitSignal(state.panels_changed) as blocker:
        _click_canvas(qtbot, view, transform, *target.centre)
    assert blocker.args == [(target.panel,)]
    layer = view.panels
    _settled(qtbot, layer)
    assert layer.painted is not None
    assert layer.painted.error is None
    assert layer.hasFocus()


def test_nested_panels_and_back(qtbot, player) -> None:  # noqa: ANN001
    view, state = player.view, player.state
    deck = view.cache.ctx.deck
    # A panel whose own figure or bar opens a further panel.
    outer = next(p for p, panel in deck.panels.items() if any(i.drill for i in panel.items))
    state.open_panel(outer)
    layer = view.panels
    _settled(qtbot, layer)
    inner = layer.hotspots()[0]
    _click_canvas(qtbot, layer, layer.transform(), *inner.centre)
    assert state.panels == (outer, inner.panel)
    _settled(qtbot, layer)
    assert "back" in layer.painted.controls
    back = layer.painted.controls["back"].center()
    _click_canvas(qtbot, layer, layer.transform(), back.x(), back.y())
    assert state.panels == (outer,)


def _open(qtbot, player) -> str:  # noqa: ANN001
    panel = next(iter(player.view.cache.ctx.deck.panels))
    player.state.open_panel(panel)
    _settled(qtbot, player.view.panels)
    return panel


def test_close_with_the_cross(qtbot, player) -> None:  # noqa: ANN001
    _open(qtbot, player)
    layer = player.view.panels
    cross = layer.painted.controls["close"].center()
    _click_canvas(qtbot, layer, layer.transform(), cross.x(), cross.y())
    assert player.state.panels == ()
    _closed(qtbot, layer)


def test_close_with_escape(qtbot, player) -> None:  # noqa: ANN001
    _open(qtbot, player)
    qtbot.keyClick(player.view.panels, Qt.Key.Key_Escape)
    assert player.state.panels == ()
    _closed(qtbot, player.view.panels)
    assert player.view.hasFocus()  # the keys go back to the slide


def test_close_by_tapping_the_dimmed_slide(qtbot, player) -> None:  # noqa: ANN001
    _open(qtbot, player)
    layer = player.view.panels
    sheet = layer.to_widget(layer.painted.sheet)
    outside = QPoint(round(sheet.left() / 2), round(layer.height() / 2))
    assert not sheet.contains(QPointF(outside))
    qtbot.mouseClick(layer, Qt.MouseButton.LeftButton, pos=outside)
    assert player.state.panels == ()
    assert player.state.index == 0  # the tap closed the panel; it did not turn the page


def test_close_with_a_swipe_down(qtbot, player) -> None:  # noqa: ANN001
    _open(qtbot, player)
    layer = player.view.panels
    qtbot.mousePress(layer, Qt.MouseButton.LeftButton, pos=QPoint(480, 200))
    qtbot.mouseRelease(layer, Qt.MouseButton.LeftButton, pos=QPoint(485, 420))
    assert player.state.panels == ()


def test_a_tap_on_the_sheet_itself_keeps_it_open(qtbot, player) -> None:  # noqa: ANN001
    _open(qtbot, player)
    layer = player.view.panels
    sheet = layer.to_widget(layer.painted.sheet)
    # Just inside the sheet's bottom-left corner: no control, no figure.
    qtbot.mouseClick(
        layer,
        Qt.MouseButton.LeftButton,
        pos=QPoint(round(sheet.left() + 12), round(sheet.bottom() - 12)),
    )
    assert player.state.panels != ()


def test_tab_and_enter_drill_with_the_keyboard_alone(qtbot, player) -> None:  # noqa: ANN001
    view, state = player.view, player.state
    index = _slide_with(player, "kpi")
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    first = view.current()[1][0]
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert state.panels == (first.panel,)
    layer = view.panels
    _settled(qtbot, layer)
    inner = layer.hotspots()[0]  # the deck's first KPI panel has figures that drill further
    qtbot.keyClick(layer, Qt.Key.Key_Tab)
    qtbot.keyClick(layer, Qt.Key.Key_Return)
    assert state.panels == (first.panel, inner.panel)
    qtbot.keyClick(view.panels, Qt.Key.Key_Backspace)
    assert state.panels == (first.panel,)
    qtbot.keyClick(view.panels, Qt.Key.Key_Escape)
    assert state.panels == ()
    assert state.index == index


def test_next_key_puts_the_panels_away_first(qtbot, player) -> None:  # noqa: ANN001
    _open(qtbot, player)
    qtbot.keyClick(player.view.panels, Qt.Key.Key_PageDown)
    assert player.state.panels == ()
    assert player.state.index == 0


def test_language_switch_rerenders_the_open_panel(qtbot, player) -> None:  # noqa: ANN001
    panel = _open(qtbot, player)
    layer = player.view.panels
    before = layer.sheet.copy()
    qtbot.keyClick(layer, Qt.Key.Key_L)
    assert player.state.lang == "en"
    assert player.state.panels == (panel,)
    assert layer.isVisible()
    assert layer.sheet != before


def test_a_panel_chart_is_live_and_its_bars_drill(qtbot, player) -> None:  # noqa: ANN001
    view, state = player.view, player.state
    deck = view.cache.ctx.deck
    outer = next(
        p
        for p, panel in deck.panels.items()
        if panel.chart is not None and any(s.drill for s in panel.chart.series or ())
    )
    state.open_panel(outer)
    layer = view.panels
    layer._anim.stop()  # noqa: SLF001 - the sheet is still, as after its animation
    layer._settled()  # noqa: SLF001
    assert layer.canvas is None  # not live until touched: matplotlib need not load
    chart_centre = layer.to_widget(layer.painted.chart_rect).center().toPoint()
    qtbot.mouseMove(layer, chart_centre)
    qtbot.waitUntil(lambda: layer.canvas is not None, timeout=10000)
    canvas = layer.canvas
    # The live canvas lies exactly over the painted chart.
    placed = layer.to_widget(layer.painted.chart_rect)
    assert abs(canvas.geometry().left() - placed.left()) <= 1
    assert abs(canvas.geometry().top() - placed.top()) <= 1
    hit = next(h for h in canvas.live.hits() if h.drill)
    ratio = canvas.devicePixelRatioF()
    centre = QPoint(round((hit.x + hit.w / 2) / ratio), round((hit.y + hit.h / 2) / ratio))
    qtbot.mouseMove(canvas, centre)
    qtbot.waitUntil(lambda: canvas.hovered is not None)
    assert canvas.hovered.index == hit.index
    with qtbot.waitSignal(state.panels_changed) as blocker:
        qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=centre)
    assert blocker.args == [(outer, hit.drill)]


def test_tip_says_value_and_unit() -> None:
    from nanyi_desk.charts import ChartHit

    hit = ChartHit(0, 0, 1, 1, 0, 0, 20, "前海涌泉基金", "基金规模", None)
    assert tip_text(hit, "亿元") == "前海涌泉基金 · 基金规模\n20 亿元"


def _live() -> dict[str, int]:
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure

    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    widgets = len(QApplication.allWidgets())
    objects = [o for o in gc.get_objects() if isinstance(o, Figure)]
    timers = len(QApplication.instance().findChildren(QTimer)) if QApplication.instance() else 0
    window_timers = sum(len(w.findChildren(QTimer)) for w in QApplication.topLevelWidgets())
    return {
        "widgets": widgets,
        "canvases": sum(isinstance(w, FigureCanvasQTAgg) for w in QApplication.allWidgets()),
        "figures": len(objects),
        "timers": timers + window_timers,
        "qobjects": sum(len(w.findChildren(QObject)) for w in QApplication.topLevelWidgets()),
    }


def test_twenty_open_close_cycles_leave_nothing_behind(qtbot, player) -> None:  # noqa: ANN001
    """Every count back to exactly where it was; the 1,000-cycle run is benchmarks/soak.py."""
    view, state = player.view, player.state
    deck = view.cache.ctx.deck
    chart_panel = next(p for p, panel in deck.panels.items() if panel.chart is not None)
    plain = next(p for p, panel in deck.panels.items() if panel.chart is None)
    layer = view.panels
    live_charts = 0

    def cycle(panel: str) -> None:
        nonlocal live_charts
        state.open_panel(panel)
        layer._anim.stop()  # noqa: SLF001 - the animation's time is not what is counted
        layer._settled()  # noqa: SLF001
        if layer.painted is not None and layer.painted.chart_rect is not None:
            layer._touch_chart(layer.to_widget(layer.painted.chart_rect).center())  # noqa: SLF001
        QApplication.processEvents()  # the chart's idle draw, as the event loop would run it
        live_charts += layer.canvas is not None
        state.close_panels()
        layer._anim.stop()  # noqa: SLF001
        layer._settled()  # noqa: SLF001

    for _ in range(5):  # warm up: the first chart loads matplotlib's Qt backend
        cycle(chart_panel)
        cycle(plain)
    before = _live()
    live_charts = 0
    for step in range(20):
        cycle(chart_panel if step % 4 == 0 else plain)
        if step % 5 == 0:  # what the event loop does between taps: run deleteLater
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    after = _live()
    assert live_charts == 5  # the chart panel's live canvas was made each time it was touched
    assert after == before
    assert not layer.isVisible()
    assert layer.canvas is None
