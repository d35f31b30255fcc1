"""The `report` command's chart: a visits summary drawn as a 2×2 PNG, themed like the slides.

May import: matplotlib's object API (Figure, FigureCanvasAgg, rc_context), nanyi_desk.theme,
nanyi_desk.analytics (the summary it draws) and nanyi_desk.atomic. Never pyplot, never Qt.
The caller registers the bundled CJK fonts first (`nanyi_desk.charts.fonts`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from nanyi_desk.analytics.summary import Summary, duration
from nanyi_desk.atomic import atomic_path
from nanyi_desk.theme import Theme

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

SIZE_PX = (1600, 1000)
"""The PNG's size in pixels."""
DPI = 100
SOFTWARE = "nanyi-desk report"
"""Written into the PNG's Software field: the mark of a file this command may overwrite."""
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

LANGUAGE_NAMES = {"zh": "中文", "en": "English"}
"""How the chart names the languages it knows; others show their code."""


class NotOurs(Exception):
    """The output path holds a file this command did not write: it is left alone."""


def _rc(theme: Theme) -> dict[RcKeyType, Any]:
    c = theme.colors
    return {
        # DejaVu after the CJK face: a glyph the CJK font lacks falls back instead of tofu.
        "font.family": [theme.font, "DejaVu Sans"],
        "font.size": 11,
        "text.color": c.ink,
        "axes.labelcolor": c.muted,
        "axes.edgecolor": c.grid,
        "axes.facecolor": c.surface,
        "axes.titlecolor": c.ink,
        "axes.titlesize": 14,
        "axes.titleweight": "bold",
        "axes.titlelocation": "left",
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.unicode_minus": False,
        "figure.facecolor": c.background,
        "grid.color": c.grid,
        "xtick.color": c.muted,
        "ytick.color": c.muted,
        "text.parse_math": False,  # a '$' in a panel id is a dollar, not TeX
    }


def build_figure(summary: Summary, theme: Theme) -> Figure:
    """The summary as a 2×2 figure: per hour, per day, top panels, language share.

    Draw it inside `matplotlib.rc_context` of the same theme (write_png does): ticks are
    made at draw time and read the rc then.
    """
    with matplotlib.rc_context(_rc(theme)):
        return _build(summary, theme)


def _build(summary: Summary, theme: Theme) -> Figure:
    c = theme.colors
    accent, second = theme.series[0], theme.series[1 % len(theme.series)]
    fig = Figure(figsize=(SIZE_PX[0] / DPI, SIZE_PX[1] / DPI), dpi=DPI, layout="constrained")
    n = summary.sessions
    span = f"{summary.first_day} – {summary.last_day}" if n else "—"
    fig.suptitle(
        f"访客记录 Visits · {n} 次 sessions · {span} · 中位时长 median {duration(summary.median_length_s)}",
        color=c.ink,
        fontsize=16,
        fontweight="bold",
    )
    hours, days, panels, langs = fig.subplots(2, 2).flat

    hours.bar(range(24), summary.per_hour, color=accent, width=0.8)
    hours.set_title("每小时 Sessions per hour of day")
    hours.set_xticks(range(0, 24, 2), [f"{h:02d}" for h in range(0, 24, 2)])
    hours.set_xlim(-0.7, 23.7)

    labels = [d[5:] for d, _ in summary.per_day]  # MM-DD: the year is in the title
    days.bar(range(len(labels)), [k for _, k in summary.per_day], color=second, width=0.8)
    days.set_title("每天 Sessions per day")
    step = max(1, len(labels) // 12)
    days.set_xticks(range(0, len(labels), step), labels[::step])
    # A week of slots at least: two days of data must not look like two walls.
    days.set_xlim(-0.7, max(len(labels), 7) - 0.3)

    for ax in (hours, days):
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.grid(axis="y")
        ax.set_axisbelow(True)

    names = [p for p, _ in summary.top_panels]
    bars = panels.barh(
        range(len(names)), [k for _, k in summary.top_panels], color=accent, height=0.7
    )
    panels.bar_label(bars, padding=4, color=c.ink)
    panels.margins(x=0.08)  # room for the longest bar's count
    panels.set_yticks(range(len(names)), names)
    # Most opened on top, and room for the full top list so that bars keep one thickness.
    panels.set_ylim(max(len(names), 6) - 0.4, -0.6)
    panels.set_title("最常打开的面板 Most-opened panels")
    panels.xaxis.get_major_locator().set_params(integer=True)
    panels.grid(axis="x")
    panels.set_axisbelow(True)
    if not names:
        _nothing(panels, c.muted)

    langs.set_title("语言 Language share")
    if summary.languages:
        langs.pie(
            [k for _, k in summary.languages],
            labels=[LANGUAGE_NAMES.get(lang, lang) for lang, _ in summary.languages],
            colors=[theme.series[i % len(theme.series)] for i in range(len(summary.languages))],
            autopct="%1.0f %%",
            startangle=90,
            counterclock=False,
            wedgeprops={"edgecolor": c.surface, "linewidth": 2},
            textprops={"color": c.ink},
        )
        for text in langs.texts:
            # Percentages sit on the wedges: the theme's text-on-accent colour reads there.
            if text.get_text().endswith("%"):
                text.set_color("white")
        langs.set_aspect("equal")
    else:
        langs.set_axis_off()
        _nothing(langs, c.muted)
    return fig


def _nothing(ax: Any, colour: str) -> None:
    ax.text(
        0.5, 0.5, "暂无 none yet", ha="center", va="center", color=colour, transform=ax.transAxes
    )


def check_writable(path: Path) -> None:
    """Refuse to replace a file the report did not write.

    Raises:
        NotOurs: `path` exists and is not a PNG with our Software mark.
    """
    if not path.exists():
        return
    if path.is_dir():
        raise NotOurs(f"{path} is a folder")
    with path.open("rb") as f:
        head = f.read(4096)
    if not head.startswith(PNG_MAGIC) or SOFTWARE.encode() not in head:
        raise NotOurs(f"{path} exists and is not a chart written by {SOFTWARE}")


def write_png(summary: Summary, theme: Theme, path: Path) -> None:
    """Draw the summary into `path`, atomically: the file is whole or not there.

    Raises:
        NotOurs: `path` holds some other file.
        OSError: the folder cannot be written.
    """
    check_writable(path)
    with matplotlib.rc_context(_rc(theme)):
        canvas = FigureCanvasAgg(_build(summary, theme))
        with atomic_path(path) as temporary:
            canvas.print_png(temporary, metadata={"Software": SOFTWARE})
