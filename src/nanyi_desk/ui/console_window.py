"""The presenter console: what the official at the podium sees while the projector shows the deck.

The current slide as the audience sees it (a second `SlideView` on the same `PlayerState`, so
an open panel, the overview and a blank screen show here too, and a touch on a figure opens
its panel on both), the next slide, the notes in large type, the talk's times, a strip of
every slide, and the figure search for questions. It observes the state and sends requests
to it, like every other view; it never calls the audience window.

The console has a language of its own (`console_lang`, Shift+L): notes, labels, the next slide
and the thumbnails follow it, while the current slide shows the audience's language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from nanyi_desk.deck.search import FigureIndex, Hit
from nanyi_desk.playback.rehearsal import behind
from nanyi_desk.playback.talk_clock import TalkClock, format_clock
from nanyi_desk.render.cache import SlideCache
from nanyi_desk.render.context import DeckContext

from .console_settings import ConsoleSettings
from .console_text import word
from .figure_search import FigureSearch
from .notes_view import NotesView
from .slide_preview import SlidePreview
from .slide_view import SlideView
from .state import PlayerState
from .talk_bar import TalkBar
from .thumbnail_strip import ThumbnailStrip

STRIP_HEIGHT = 132
"""The thumbnail strip's height (px)."""


def _caption() -> QLabel:
    label = QLabel()
    label.setStyleSheet("color: #9AA4B2; font-size: 15px; padding: 6px 2px 4px 2px;")
    return label


class ConsoleWindow(QMainWindow):
    """The presenter's window; `console_lang` is its own, the rest is the state's."""

    console_language_changed = Signal(str)
    """The console switched language (Shift+L); the audience's is unchanged."""
    closing = Signal()
    """The presenter closed the console: the talk is over."""

    def __init__(
        self,
        state: PlayerState,
        ctx: DeckContext,
        clock: TalkClock,
        console_lang: str | None = None,
        plan: Sequence[float | None] | None = None,
        settings: ConsoleSettings | None = None,
        wall: Callable[[], datetime] = datetime.now,
        recording: bool = False,
    ) -> None:
        super().__init__()
        self.state = state
        self.ctx = ctx
        self.clock = clock
        self.console_lang = console_lang or state.lang
        self.plan = list(plan) if plan else None
        self.settings = settings or ConsoleSettings.load()
        self.wall = wall
        self.recording = recording
        self._entered = 0.0  # the clock's elapsed when this slide came up
        self.search: FigureSearch | None = None  # built on first use
        self._index: FigureIndex | None = None  # the index behind it, built on first use

        self.setFont(QFont(ctx.theme.font))
        self.setStyleSheet("QMainWindow, #console { background: #15191F; }")
        self.bar = TalkBar()
        self.mirror = SlideView(state, SlideCache(ctx, budget_mb=24), self)
        self.preview = SlidePreview(SlideCache(ctx, budget_mb=12))
        self.notes = NotesView(self.settings.notes_size)
        self.strip = ThumbnailStrip(ctx)
        self.strip.setFixedHeight(STRIP_HEIGHT)
        self.current_caption, self.next_caption, self.notes_caption = (
            _caption(),
            _caption(),
            _caption(),
        )

        left = QVBoxLayout()
        left.addWidget(self.current_caption)
        left.addWidget(self.mirror, 1)
        right = QVBoxLayout()
        right.addWidget(self.next_caption)
        right.addWidget(self.preview, 2)
        notes_head = QHBoxLayout()
        notes_head.addWidget(self.notes_caption)
        notes_head.addStretch(1)
        notes_head.addWidget(self.bar.rehearsal)
        right.addLayout(notes_head)
        right.addWidget(self.notes, 3)
        main = QHBoxLayout()
        main.setContentsMargins(12, 0, 12, 0)
        main.setSpacing(16)
        main.addLayout(left, 3)
        main.addLayout(right, 2)
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        column.addWidget(self.bar)
        column.addLayout(main, 1)
        column.addWidget(self.strip)
        body = QWidget()
        body.setObjectName("console")
        body.setLayout(column)
        self.setCentralWidget(body)

        self.bar.pause_clicked.connect(self.toggle_pause)
        self.bar.reset_clicked.connect(self.ask_reset)
        self.bar.search_clicked.connect(self.open_search)
        self.bar.smaller_clicked.connect(lambda: self.step_notes(-1))
        self.bar.larger_clicked.connect(lambda: self.step_notes(1))
        self.bar.language_clicked.connect(self.cycle_console_language)
        self.strip.chosen.connect(self._strip_chosen)

        # Bound methods: Qt drops the connections when the console goes.
        state.slide_changed.connect(self._on_slide)
        state.blank_changed.connect(self._on_blank)
        state.deck_changed.connect(self._on_deck)

        self._ticker = QTimer(self)
        self._ticker.setInterval(250)
        self._ticker.timeout.connect(self.refresh)
        self._ticker.start()
        self.resize(1280, 800)
        self._follow()
        self._relabel()
        self.refresh()

    # -- following the talk ---------------------------------------------------------

    def _on_slide(self, _index: int) -> None:
        self._entered = self.clock.elapsed
        self._follow()
        self.refresh()

    def _on_blank(self, blank: str) -> None:
        lang = self.console_lang
        self.mirror.blank_caption = (
            word("blank_caption", lang).format(
                blank=word(f"{blank}_screen", lang), key="B" if blank == "black" else "W"
            )
            if blank
            else ""
        )
        self.mirror.update()
        self.refresh()

    def _on_deck(self, ctx: DeckContext) -> None:
        self.ctx = ctx
        self.preview.cache = SlideCache(ctx, budget_mb=12)
        self.strip.use(ctx)
        self._index = None
        self._follow()

    def _follow(self) -> None:
        """Next slide, notes and strip for the current slide, in the console's language."""
        index, lang = self.state.index, self.console_lang
        following = index + 1 if index + 1 < self.state.count else None
        self.preview.show_slide(following, lang, word("end", lang))
        slide = self.ctx.deck.slides[index]
        notes = self.ctx.text(slide.notes, lang) if slide.notes is not None else ""
        self.notes.set_notes(notes, word("no_notes", lang))
        self.strip.set_current(index)

    def _relabel(self) -> None:
        """Every word of the console in its language."""
        lang = self.console_lang
        self.setWindowTitle(
            f"{word('window', lang)} — {self.ctx.text(self.ctx.deck.title, lang)} — nanyi-desk"
        )
        self.current_caption.setText(word("current", lang))
        self.next_caption.setText(word("next", lang))
        self.notes_caption.setText(word("notes", lang))
        self.bar.elapsed_caption.setText(word("elapsed", lang))
        others = [x for x in self.state.languages if x != lang]
        self.bar.set_words(
            {
                "reset": word("reset", lang),
                "search": word("search", lang) + "  (Ctrl+F)",
                "language": f"{word('console_language', lang)}: {lang} → "
                f"{others[0] if others else lang}  (Shift+L)",
            }
        )
        self.bar.buttons["language"].setEnabled(bool(others))
        if self.plan:
            self.strip.set_labels(
                {i: format_clock(s) for i, s in enumerate(self.plan) if s is not None}
            )
        if self.search is not None:
            self.search.set_language(lang)
        self._on_blank(self.state.blank or "")

    def refresh(self) -> None:
        """The times and status, as of now (a few times a second)."""
        lang, clock, bar = self.console_lang, self.clock, self.bar
        bar.position.setText(f"{self.state.index + 1} / {self.state.count}")
        bar.elapsed.setText(format_clock(clock.elapsed))
        remaining = clock.remaining
        has_duration = remaining is not None
        bar.remaining.setVisible(has_duration)
        bar.remaining_caption.setVisible(has_duration)
        if remaining is not None:
            over = remaining < 0
            bar.remaining_caption.setText(word("over" if over else "remaining", lang))
            bar.remaining.setText(format_clock(remaining))
        bar.show_phase(clock.phase)
        bar.wall.setText(self.wall().strftime("%H:%M"))
        bar.set_words({"pause": f"{word('resume' if clock.paused else 'pause', lang)}  (P)"})
        status = []
        if self.state.blank:
            status.append(word(self.state.blank, lang))
        if clock.paused:
            status.append(word("paused", lang))
        if self.recording:
            status.append("● " + word("recording", lang))
        bar.status.setText("   ".join(status))
        bar.status.setStyleSheet(
            f"color: {'#FF4D4F' if self.state.blank else '#FFB020'}; font-size: 18px;"
            " font-weight: bold;"
        )
        text, late = self._rehearsal_text()
        bar.rehearsal.setText(text)
        colour = "#FFB020" if late else "#F2F4F7"
        bar.rehearsal.setStyleSheet(f"color: {colour}; font-size: 16px;")

    def _rehearsal_text(self) -> tuple[str, bool]:
        """What the bar says of this slide's time (and the rehearsal's), and if running late."""
        lang = self.console_lang
        late = False
        here = self.clock.elapsed - self._entered
        parts = [f"{word('on_slide', lang)} {format_clock(here)}"]
        if self.plan:
            index = self.state.index
            rehearsed = self.plan[index] if index < len(self.plan) else None
            if rehearsed is not None:
                parts.append(f"{word('rehearsed', lang)} {format_clock(rehearsed)}")
            lag = behind(self.plan, index, self.clock.elapsed)
            if lag > 0:
                late = True
                parts.append(f"{word('behind', lang)} {format_clock(lag)}")
        return "  ·  ".join(parts), late

    # -- the console's own actions --------------------------------------------------

    def cycle_console_language(self) -> None:
        """Shift+L: the console's next language; the audience's stays."""
        languages = self.state.languages
        lang = languages[(languages.index(self.console_lang) + 1) % len(languages)]
        self.set_console_language(lang)

    def set_console_language(self, lang: str) -> None:
        """Notes, labels, next slide and thumbnails in `lang`."""
        if lang == self.console_lang or lang not in self.state.languages:
            return
        self.console_lang = lang
        self.strip.set_language(lang)
        self._follow()
        self._relabel()
        self.refresh()
        self.console_language_changed.emit(lang)

    def step_notes(self, steps: int) -> None:
        """A+ / A−: the notes' type size, remembered for the next talk."""
        self.notes.set_size(self.settings.step_notes(steps))
        self.settings.save()

    def toggle_pause(self) -> None:
        """P: pause the timer, or go on."""
        self.clock.toggle_pause()
        self.refresh()

    def ask_reset(self) -> None:
        """Reset the timer, once the presenter confirms (never by accident)."""
        answer = QMessageBox.question(
            self,
            word("reset", self.console_lang),
            word("reset_ask", self.console_lang),
            QMessageBox.StandardButton.Reset | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Reset:
            self.reset_clock()

    def reset_clock(self) -> None:
        """Elapsed back to zero, counting again from now."""
        self.clock.reset()
        self.clock.start()
        self._entered = 0.0
        self.refresh()

    def _strip_chosen(self, index: int) -> None:
        self.state.close_overlay()
        self.state.goto(index)

    # -- figure search --------------------------------------------------------------

    def open_search(self) -> None:
        """Ctrl+F or /: the search over every figure, over the console only."""
        if self.search is None:
            self.search = FigureSearch(
                self.centralWidget(), theme=self.ctx.theme, lang=self.console_lang
            )
            self.search.chosen.connect(self.show_hit)
            self.search.closed.connect(self._search_closed)
        if self._index is None:  # first use, or the deck was reloaded
            self._index = FigureIndex.build(self.ctx.deck)
            self.search.use(self._index)
        self.search.open()

    def _search_closed(self) -> None:
        self.mirror.setFocus()

    def show_hit(self, hit: Hit) -> None:
        """Enter on a search hit: its slide, and its panels, on both views."""
        slide, panels = hit.slide, hit.panels
        state = self.state
        state.close_overlay()
        state.unblank()
        if slide is not None:
            state.goto(slide)
        state.close_panels()
        for panel in panels:
            state.open_panel(panel)
        self._search_closed()

    # -- window ---------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self._ticker.stop()
        self.closing.emit()
        super().closeEvent(event)
