"""Export handout…: the PDF handout's options, where to save it, and a cancellable progress bar.

The player installs it as an action (Ctrl+E) with `install_export_action`; the presenter
console can do the same with its own window, or open `ExportDialog` itself. Never in kiosk
mode: the kiosk builds its own window and installs no such action.

The export runs in steps (`export.pdf.PdfExport.steps`), one page per turn of the event
loop, driven by a zero-interval timer: the window keeps painting and Cancel is heard between
pages, with no thread to share the renderer with. Cancel closes the steps, which writes
nothing; a file that was there stays as it was.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from nanyi_desk.export.pages import LAYOUTS
from nanyi_desk.export.pdf import ExportError, PdfExport, PdfOptions, Step
from nanyi_desk.export.target import target_problem
from nanyi_desk.render.context import DeckContext

from .words import ui_language

_WORDS = {
    "zh": {
        "title": "导出讲义",
        "lang": "语言",
        "both": "中英对照",
        "layout": "版式",
        "slides": "每页一张幻灯片",
        "handout-2": "A4 每页两张",
        "handout-3": "A4 每页三张",
        "panels": "包含下钻面板(可点击跳转)",
        "notes": "包含演讲备注",
        "file": "保存到",
        "choose": "选择…",
        "export": "导出",
        "cancel": "取消",
        "close": "关闭",
        "cancelled": "已取消,未写入任何文件",
        "wrote": "已保存 {path}({pages} 页)",
    },
    "en": {
        "title": "Export handout",
        "lang": "Language",
        "both": "Both, one after the other",
        "layout": "Layout",
        "slides": "One slide a page",
        "handout-2": "Two slides on an A4 sheet",
        "handout-3": "Three slides on an A4 sheet",
        "panels": "Drill-down panels, linked from their slides",
        "notes": "Presenter notes",
        "file": "Save as",
        "choose": "Choose…",
        "export": "Export",
        "cancel": "Cancel",
        "close": "Close",
        "cancelled": "Cancelled: nothing was written",
        "wrote": "Wrote {path} ({pages} pages)",
    },
}


_LANGUAGE_NAMES = {"zh": "中文", "en": "English"}


def _language_name(code: str) -> str:
    return _LANGUAGE_NAMES.get(code.split("-")[0], code)


def _words(lang: str) -> dict[str, str]:
    return _WORDS[ui_language(lang, _WORDS)]


class ExportDialog(QDialog):
    """The options of a PDF handout, a file name, Export, and progress that can be cancelled."""

    exported = Signal(str)
    """The path of a handout just written."""

    def __init__(self, ctx: DeckContext, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._words = words = _words(lang)
        self._steps: Iterator[Step] | None = None
        self._export: PdfExport | None = None
        # Parented, so it lives as long as the dialog and stops with it.
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._advance)
        self.setWindowTitle(words["title"])

        deck = ctx.deck
        self.language = QComboBox()
        for code in deck.languages:
            self.language.addItem(_language_name(code), (code,))
        if len(deck.languages) > 1:
            pair = (lang, *(x for x in deck.languages if x != lang))[:2]
            names = " + ".join(_language_name(code) for code in pair)
            self.language.addItem(f"{names} · {words['both']}", pair)
        if lang in deck.languages:
            self.language.setCurrentIndex(deck.languages.index(lang))
        self.layout_choice = QComboBox()
        for name in LAYOUTS:
            self.layout_choice.addItem(words[name], name)
        self.panels = QCheckBox(words["panels"])
        self.panels.setChecked(bool(deck.panels))
        self.panels.setEnabled(bool(deck.panels))
        self.notes = QCheckBox(words["notes"])
        self.path = QLineEdit(str(_default_path(ctx, lang)))
        self.choose = QPushButton(words["choose"])
        self.choose.clicked.connect(self._choose)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(self.choose)

        form = QFormLayout()
        form.addRow(words["lang"], self.language)
        form.addRow(words["layout"], self.layout_choice)
        form.addRow("", self.panels)
        form.addRow("", self.notes)
        form.addRow(words["file"], where)

        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_button = QPushButton(words["export"])
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(words["close"])
        self.cancel_button.clicked.connect(self._cancel_or_close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.export_button)

        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.progress)
        column.addWidget(self.status)
        column.addLayout(buttons)
        self.setMinimumWidth(520)

    @property
    def running(self) -> bool:
        """True while an export is under way."""
        return self._steps is not None

    def options(self) -> PdfOptions:
        """The options as the dialog shows them."""
        return PdfOptions(
            langs=tuple(self.language.currentData()),
            panels=self.panels.isChecked(),
            notes=self.notes.isChecked(),
            layout=str(self.layout_choice.currentData()),
        )

    def target(self) -> Path:
        """The file to write: the name given, ending in .pdf."""
        path = Path(self.path.text().strip()).expanduser()
        return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")

    def start(self) -> None:
        """Start exporting with the options shown (Export)."""
        if self.running:
            return
        target = self.target()
        problem = target_problem(target, "pdf")
        if problem:
            self.status.setText(f"{target}: {problem}")
            return
        try:
            self._export = PdfExport(self._ctx, target, self.options())
        except (ValueError, OSError) as exc:
            self.status.setText(str(exc))
            return
        self._steps = steps = self._export.steps()
        # A window closed mid-export takes the dialog with it: end the painter on the PDF
        # before Qt destroys the writer under it (not through self, which is going).
        self.destroyed.connect(lambda *_: steps.close())
        self.progress.setRange(0, self._export.total)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.status.setText("")
        self._set_running(True)
        self._timer.start()

    def cancel(self) -> None:
        """Stop the export under way; nothing is written."""
        if self._steps is None:
            return
        self._timer.stop()
        self._steps.close()
        self._steps = None
        self.progress.setVisible(False)
        self.status.setText(self._words["cancelled"])
        self._set_running(False)

    def _advance(self) -> None:
        assert self._steps is not None
        try:
            step = next(self._steps)
        except StopIteration:
            self._finish(None)
            return
        except ExportError as exc:
            self._finish(str(exc))
            return
        self.progress.setValue(step.done)

    def _finish(self, error: str | None) -> None:
        self._timer.stop()
        self._steps = None
        self._set_running(False)
        export = self._export
        assert export is not None
        if error:
            self.progress.setVisible(False)
            self.status.setText(error)
            return
        self.status.setText(self._words["wrote"].format(path=export.out, pages=export.pages))
        self.exported.emit(str(export.out))

    def _set_running(self, running: bool) -> None:
        for widget in (
            self.language,
            self.layout_choice,
            self.panels,
            self.notes,
            self.path,
            self.choose,
        ):
            widget.setEnabled(
                not running and (widget is not self.panels or bool(self._ctx.deck.panels))
            )
        self.export_button.setEnabled(not running)
        self.cancel_button.setText(self._words["cancel" if running else "close"])

    def _cancel_or_close(self) -> None:
        if self.running:
            self.cancel()
        else:
            self.reject()

    def _choose(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self._words["title"], self.path.text(), "PDF (*.pdf)"
        )
        if path:
            self.path.setText(path)

    def done(self, result: int) -> None:
        # Closing the dialog (Esc, the window's close button) while it runs cancels.
        self.cancel()
        super().done(result)


def _default_path(ctx: DeckContext, lang: str) -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    title = ctx.text(ctx.deck.title, lang)
    # Characters no file system takes, and spaces, become dashes.
    name = re.sub(r'[<>:"/\\|?*\s“”]+', "-", title).strip("-.") or "handout"
    return Path(folder or Path.home()) / f"{name}.pdf"


def open_export_dialog(window: QWidget, ctx: DeckContext, lang: str) -> ExportDialog:
    """Open the dialog over `window` (window-modal), unless it is already open; return it."""
    found = window.findChild(ExportDialog)
    if found is not None and found.isVisible():
        found.raise_()
        return found
    dialog = ExportDialog(ctx, lang, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.show()
    return dialog
