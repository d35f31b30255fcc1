"""A panel's chart, live: matplotlib's FigureCanvasQTAgg laid exactly over the painted chart.

Hovering or touching a bar, slice or point shows its exact value and unit; a point with its
own `drill:` opens the next panel. The figure is built by `charts.live_chart` at the panel
sheet's scale, so it matches the picture underneath pixel for pixel and the swap is unseen.
"""

from __future__ import annotations

import matplotlib
from matplotlib.backend_bases import LocationEvent, MouseEvent
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from nanyi_desk.charts import ChartHit, LiveChart, live_chart
from nanyi_desk.deck.figures import figure_text
from nanyi_desk.deck.model import Chart
from nanyi_desk.deck.text import pick
from nanyi_desk.theme import Theme


def tip_text(hit: ChartHit, unit: str) -> str:
    """What a touched point says: category, series when it tells something, value and unit."""
    value = "—" if hit.value is None else figure_text(hit.value)
    head = hit.category
    if hit.series_name and hit.series_name != hit.category:
        head = f"{head} · {hit.series_name}" if head else hit.series_name
    if hit.text:  # the value as the chart's language reads it, unit and all
        return f"{head}\n{hit.text}".strip()
    return f"{head}\n{value} {unit}".strip()


class ChartCanvas(FigureCanvasQTAgg):
    """An interactive chart that knows its points."""

    drill = Signal(str)
    """A panel id, when a point with its own drill is touched."""

    def __init__(
        self,
        chart: Chart,
        lang: str,
        fallbacks: tuple[str, ...],
        theme: Theme,
        accent: str,
        size: tuple[float, float],
        scale: float,
        parent: QWidget,
    ) -> None:
        # Logical canvas px at the sheet's scale: the same figure the static picture shows.
        self.live: LiveChart = live_chart(
            chart,
            lang=lang,
            fallbacks=fallbacks,
            theme=theme,
            accent=accent,
            width_px=size[0],
            height_px=size[1],
            dpi=100.0 * scale,
        )
        super().__init__(self.live.figure)
        self.setParent(parent)
        self.unit = pick(chart.unit, lang, fallbacks) if chart.unit else ""
        self.hovered: ChartHit | None = None
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        figure = self.live.figure
        # Qt's canvas paints opaque: give the figure the card's colour the picture sat on.
        figure.set_facecolor(theme.colors.surface)
        with matplotlib.rc_context(self.live.rc):  # a text takes its font when it is made
            self._tip = figure.text(
                0, 0, "", fontsize=15, color=theme.colors.on_accent, zorder=10, visible=False,
                va="bottom", ha="center", linespacing=1.4,
                bbox={"boxstyle": "round,pad=0.5", "fc": theme.colors.ink, "ec": "none",
                      "alpha": 0.92},
            )  # fmt: skip
        self._connections = [
            self.mpl_connect("motion_notify_event", self._on_move),
            self.mpl_connect("button_release_event", self._on_release),
            self.mpl_connect("figure_leave_event", self._on_leave),
        ]

    def draw(self) -> None:
        """Draw with the theme's fonts (tick labels are made now, see LiveChart)."""
        with matplotlib.rc_context(self.live.rc):
            super().draw()

    def hit_at_event(self, event: LocationEvent) -> ChartHit | None:
        """The point under a matplotlib event."""
        if event.x is None or event.y is None:
            return None
        height = self.live.figure.bbox.height
        return self.live.hit_at(event.x, height - event.y)

    def show_tip(self, hit: ChartHit | None) -> None:
        """Show (or hide) the value of a point above it."""
        if hit == self.hovered:
            return
        self.hovered = hit
        if hit is None:
            self._tip.set_visible(False)
        else:
            figure = self.live.figure
            width, height = figure.bbox.width, figure.bbox.height
            x = min(max(hit.x + hit.w / 2, width * 0.15), width * 0.85)
            if hit.y > height * 0.3:  # above the point
                y, anchor = hit.y - 8, "bottom"
            else:  # near the top edge: below it, so the tip is never cut off
                y, anchor = hit.y + hit.h + 8, "top"
            self._tip.set_text(tip_text(hit, self.unit))
            self._tip.set_verticalalignment(anchor)
            self._tip.set_position((x / width, 1 - y / height))
            self._tip.set_visible(True)
        self.draw_idle()

    def _on_move(self, event: MouseEvent) -> None:
        hit = self.hit_at_event(event)
        self.show_tip(hit)
        drillable = hit is not None and hit.drill
        self.setCursor(
            Qt.CursorShape.PointingHandCursor if drillable else Qt.CursorShape.ArrowCursor
        )

    def _on_release(self, event: MouseEvent) -> None:
        hit = self.hit_at_event(event)
        self.show_tip(hit)  # a tap on a touch screen shows the value, as hover does
        if hit is not None and hit.drill:
            self.drill.emit(hit.drill)

    def _on_leave(self, _event: LocationEvent) -> None:
        self.show_tip(None)

    def release(self) -> None:
        """Let go of the figure: disconnect, so nothing keeps it (or this canvas) alive."""
        for cid in self._connections:
            self.mpl_disconnect(cid)
        self._connections.clear()
        self.live.figure.clear()
