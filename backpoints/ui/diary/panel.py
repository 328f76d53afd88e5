"""DiaryPanel: the Diary tab. Forms for a check-in and a session, the summary, the
reminder line, the pain chart and the table of entries, with export, import, report
and "Delete all diary data".

The panel opens the diary file and imports pyqtgraph the first time it is shown (or
when open_diary() is called), so start-up pays for neither. It writes only through
its DiaryDocument and redraws on entries_changed.
"""

from __future__ import annotations

from html import escape

import datetime as dt
import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.diary import CheckIn, DiaryError, Entry
from ...core.diary_summary import chart_series, last_checkin_text, summary_text
from ...core.files import DataError
from ...core.model import Dataset
from ..idle import when_quiet
from .document import DiaryDocument
from .forms import CheckInForm, EntryForm, SessionForm
from .preload import chart_loaded
from .table_model import DiaryTableModel

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from ...printing.diary_report import ReportOptions
    from .chart import DiaryChart
    from .preload import ChartPreloader

log = logging.getLogger(__name__)

#: If the table's first paint never comes (the page is hidden again at once), build the chart anyway.
CHART_FALLBACK_MS = 400
#: After making the chart in idle time, wait this long before drawing it once off screen.
WARM_DELAY_MS = 100

#: The report period box: label and days back from today (0: the whole diary).
REPORT_PERIODS = (("Whole diary", 0), ("Last 4 weeks", 28), ("Last 3 months", 91), ("Last 12 months", 365))


def _plain(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class DiaryPanel(QWidget):
    """The Diary tab over a DiaryDocument. Construct with the dataset (to pick points by code)."""

    #: A short message for the status bar (e.g. "Check-in saved").
    status_message = Signal(str)
    #: The diary was opened (the document is ready) — e.g. to enable menu actions.
    diary_opened = Signal()
    #: The chart is built and drawn (at once when pyqtgraph was loaded, else just after the table).
    chart_ready = Signal()

    def __init__(self, dataset: Dataset | None = None, diary_path: Path | None = None,
                 parent: QWidget | None = None, *, document: DiaryDocument | None = None) -> None:
        """`diary_path` defaults to paths.diary_file(); or pass a DiaryDocument the window owns."""
        super().__init__(parent)
        self.dataset = dataset
        if document is None:
            if diary_path is None:
                from ... import paths

                diary_path = paths.diary_file()
            document = DiaryDocument(Path(diary_path), self)
        self.document = document
        self.document.entries_changed.connect(self._refresh)
        self.document.save_failed.connect(self.show_error)
        self.chart: DiaryChart | None = None  # created with pyqtgraph on first open
        self.printer: QPrinter | None = None  # made on first print (QtPrintSupport loads then)
        self.open_ms = 0.0
        self.chart_ms = 0.0
        self.warm_ms = 0.0
        self.make_ms = 0.0
        self.warm_page_ms = 0.0
        self.preloader: ChartPreloader | None = None
        self._open_tried = False  # the first show opens the file (not after "Delete all")
        self._chart_pending = False  # the chart waits for the table's first paint
        self._build()

    @property
    def undo_stack(self) -> QUndoStack:
        """The diary's undo history (the window's Edit menu switches to it on this page)."""
        return self.document.undo_stack

    def close_diary(self) -> None:
        """Close the database (the window is closing)."""
        self.document.close()

    # --- building ----------------------------------------------------------------------
    def _build(self) -> None:
        self.checkin_form = CheckInForm()
        self.session_form = SessionForm(self.dataset)
        self.forms = QTabWidget()
        for form, title in ((self.checkin_form, "Check-in"), (self.session_form, "Session")):
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setWidget(form)
            self.forms.addTab(scroll, title)
            form.submitted.connect(self._submit_sender)
        self.reminder = _plain()
        self.reminder.setObjectName("diaryReminder")
        self.reminder.setStyleSheet("font-weight: bold;")
        self.summary = _plain()
        self.summary.setObjectName("diarySummary")
        self.chart_box = QVBoxLayout()
        self.chart_placeholder = _plain("The chart appears when the diary opens.")
        self.chart_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.chart_box.addWidget(self.chart_placeholder)

        self.model = DiaryTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((120, 80, 90, 70, 320)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(self.edit_selected)
        self.table.selectionModel().selectionChanged.connect(self._stack_changed)

        self.undo_button = QPushButton("Undo")
        self.redo_button = QPushButton("Redo")
        self.edit_button = QPushButton("Edit…")
        self.delete_button = QPushButton("Delete")
        self.export_button = QPushButton("Export CSV…")
        self.import_button = QPushButton("Import CSV…")
        self.report_button = QPushButton("Report PDF…")
        self.print_button = QPushButton("Print report…")
        self.report_period = QComboBox()
        self.report_period.setAccessibleName("Report period")
        self.report_period.setToolTip("The period the report and its printout cover")
        for label, days in REPORT_PERIODS:
            self.report_period.addItem(label, days)
        self.delete_all_button = QPushButton("Delete all diary data…")
        self.undo_button.clicked.connect(self.document.undo_stack.undo)
        self.redo_button.clicked.connect(self.document.undo_stack.redo)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.export_button.clicked.connect(self.export_csv)
        self.import_button.clicked.connect(self.import_csv)
        self.report_button.clicked.connect(self.make_report)
        self.print_button.clicked.connect(self.print_report)
        self.delete_all_button.clicked.connect(self.delete_all)
        stack = self.document.undo_stack
        # Bound slots, not lambdas: Qt drops them when the panel goes, before its children.
        stack.canUndoChanged.connect(self._stack_changed)
        stack.canRedoChanged.connect(self._stack_changed)
        stack.undoTextChanged.connect(self._stack_changed)
        # Ctrl+Z / Ctrl+Shift+Z belong to the window's Edit menu (a QUndoGroup with the sheet's
        # stack, made active with the tab); a second shortcut here would be ambiguous.
        delete = QAction("Delete diary entry", self.table)
        delete.setShortcut(QKeySequence.StandardKey.Delete)
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.delete_selected)
        self.table.addAction(delete)

        # File actions in two short rows, so the tab fits beside the map in the main window.
        files = QVBoxLayout()
        files_top, files_bottom = QHBoxLayout(), QHBoxLayout()
        for widget in (self.export_button, self.import_button):
            files_top.addWidget(widget)
        files_top.addStretch(1)
        files_top.addWidget(self.delete_all_button)
        for report_widget in (self.report_period, self.report_button, self.print_button):
            files_bottom.addWidget(report_widget)
        files_bottom.addStretch(1)
        files.addLayout(files_top)
        files.addLayout(files_bottom)
        row = QHBoxLayout()
        for button in (self.undo_button, self.redo_button, self.edit_button, self.delete_button):
            row.addWidget(button)
        row.addStretch(1)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(files)
        right_layout.addWidget(self.reminder)
        right_layout.addWidget(self.summary)
        chart_holder = QWidget()
        chart_holder.setLayout(self.chart_box)
        self.chart_box.setContentsMargins(0, 0, 0, 0)
        chart_holder.setMinimumHeight(220)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addLayout(row)
        bottom_layout.addWidget(self.table)
        self.right_split = QSplitter(Qt.Orientation.Vertical)
        self.right_split.addWidget(chart_holder)
        self.right_split.addWidget(bottom)
        self.right_split.setStretchFactor(0, 3)
        self.right_split.setStretchFactor(1, 2)
        # 3 : 2 from the start, whether the chart or its small placeholder is there at the first show.
        self.right_split.setSizes([3000, 2000])
        right_layout.addWidget(self.right_split, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.forms.setMinimumWidth(300)
        self.splitter.addWidget(self.forms)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([420, 900])
        self.error_label = _plain()
        self.error_label.setStyleSheet("color: #a31515; font-weight: bold;")
        self.error_label.hide()
        self.retry_button = QPushButton("Try again")
        self.retry_button.hide()
        self.retry_button.clicked.connect(self.open_diary)
        outer = QVBoxLayout(self)
        outer.addWidget(self.error_label)
        outer.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignLeft)
        outer.addWidget(self.splitter, 1)
        self._update_buttons()

    # --- layout --------------------------------------------------------------------------
    #: Narrower than this, the forms go above the chart and table instead of beside them
    #: (the Diary as a tab beside the map is about 650 pixels wide).
    WIDE = 1000

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wide = event.size().width() >= self.WIDE
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.splitter.orientation() != orientation:
            self.splitter.setOrientation(orientation)
            if wide:
                self.splitter.setSizes([420, max(400, event.size().width() - 420)])
            else:
                self.splitter.setSizes([int(event.size().height() * 0.4), int(event.size().height() * 0.6)])
            self.forms.setMinimumWidth(300 if wide else 0)

    # --- opening -------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._open_tried:
            self.open_diary()
        elif self.document.is_open:
            self.document.reload()  # another window or `backpoints diary` may have written meanwhile

    @Slot()
    def open_diary(self) -> bool:
        """Open the file and build the chart; on failure show why and keep everything disabled."""
        start = time.perf_counter()
        self._open_tried = True
        try:
            self.document.open()
        except DiaryError as exc:
            self.error_label.setText(f"The diary could not be opened.\n{exc}")
            self.error_label.show()
            self.retry_button.show()
            self.splitter.setEnabled(False)
            return False
        self.error_label.hide()
        self.retry_button.hide()
        self.splitter.setEnabled(True)
        if self.chart is not None:
            self.chart_ready.emit()  # made in idle time (or before); drawn by _refresh as the file was read
        elif chart_loaded() or not self.isVisible():
            self._draw_chart()
        elif not self._chart_pending:
            # pyqtgraph is not loaded yet (the diary was opened within a second or two of
            # start-up): show the table and summary first, then load it and draw the chart.
            self._chart_pending = True
            self.chart_placeholder.setText("Loading the chart…")
            self.table.viewport().installEventFilter(self)
            QTimer.singleShot(CHART_FALLBACK_MS, self, self._build_chart)
        self.open_ms = (time.perf_counter() - start) * 1000
        if self.document.read_only:
            self.status_message.emit("The diary file is read-only: it is shown but cannot be changed")
        if self.document.backup_path is not None:
            self.status_message.emit(f"The diary was updated to a new format; a copy of the old file is in {self.document.backup_path}")
        self.diary_opened.emit()
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # After this paint reaches the screen, not inside it.
            QTimer.singleShot(0, self, self._build_chart)
        return super().eventFilter(watched, event)

    @Slot()
    def _build_chart(self) -> None:
        """The deferred chart (after the table's first paint, or the fallback timer): once."""
        if self._chart_pending:
            self._chart_pending = False
            self._draw_chart()

    def _draw_chart(self) -> None:
        """Import pyqtgraph (if it is not yet), make the chart if need be and draw the diary in it."""
        start = time.perf_counter()
        self._make_chart()
        assert self.chart is not None
        self.chart.set_series(chart_series(self.document.contents))
        self.chart_ms = (time.perf_counter() - start) * 1000
        self.chart_ready.emit()

    @Slot()
    def _make_chart(self) -> None:
        """Put an empty chart where the placeholder was (pyqtgraph loads here, or was preloaded)."""
        if self.chart is not None:
            return
        start = time.perf_counter()
        from .chart import DiaryChart  # never at start-up

        chart = DiaryChart()
        self.chart = chart
        self.chart_box.removeWidget(self.chart_placeholder)
        self.chart_placeholder.deleteLater()
        self.chart_box.addWidget(chart)
        self.make_ms = (time.perf_counter() - start) * 1000
        if not self.isVisible():
            when_quiet(self, self._warm_chart, WARM_DELAY_MS)

    def preload_chart_after_paint(self, watched: QWidget | None) -> None:
        """In idle time after `watched` (e.g. the map) is first painted (None: it has been),
        load pyqtgraph and make the chart.

        Opening the diary then only reads the file and draws; the file itself is not opened
        until the page is shown."""
        if self.preloader is None:
            from .preload import ChartPreloader

            self.preloader = ChartPreloader(watched, self)
            # Queued: the chart is made in its own event-loop turn, a short one, and drawn once
            # off screen in another, so its first paint on screen finds fonts, styles and the
            # time-zone data the date axis needs already loaded.
            self.preloader.finished.connect(self._make_chart_soon, Qt.ConnectionType.QueuedConnection)

    @Slot()
    def _make_chart_soon(self) -> None:
        # Making the chart takes tens of milliseconds: at once if the page is showing,
        # otherwise when the user is not in the middle of typing or clicking.
        if self.isVisible():
            self._make_chart()
        else:
            when_quiet(self, self._make_chart)

    @Slot()
    def _warm_chart(self) -> None:
        if self.chart is None or self.chart.isVisible():
            return
        from ...core.diary import DiaryContents

        start = time.perf_counter()
        self.chart.resize(self.chart_box.geometry().size().expandedTo(QSize(800, 320)))
        self.chart.set_series(chart_series(DiaryContents()))
        self.chart.grab()
        self.chart.series = None  # nothing of the diary drawn yet: opening draws it
        self.warm_ms = (time.perf_counter() - start) * 1000
        when_quiet(self, self._warm_page, WARM_DELAY_MS)

    @Slot()
    def _warm_page(self) -> None:
        # The rest of the page (forms, body figures, table) laid out and drawn once off screen.
        if self.isVisible():
            return
        start = time.perf_counter()
        window = self.window()
        self.resize(window.size() if window is not self else self.size())
        self.grab()
        self.warm_page_ms = (time.perf_counter() - start) * 1000

    # --- showing -------------------------------------------------------------------------
    @Slot()
    def _refresh(self) -> None:
        contents = self.document.contents
        selected = self.selected_entries()
        self.model.set_contents(contents)
        self.summary.setText(summary_text(contents))
        self.reminder.setText(last_checkin_text(contents))
        if self.chart is not None:
            self.chart.set_series(chart_series(contents))
        for entry in selected[:1]:
            row = self.model.row_of(entry)
            if row >= 0:
                self.table.selectionModel().select(
                    self.model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self._update_buttons()

    @Slot()
    def _stack_changed(self) -> None:
        stack = self.document.undo_stack
        # Escaped like every tooltip: Qt guesses rich text in them.
        self.undo_button.setToolTip(escape(f"Undo {stack.undoText()}") if stack.canUndo() else "")
        self.redo_button.setToolTip(escape(f"Redo {stack.redoText()}") if stack.canRedo() else "")
        self._update_buttons()

    def _update_buttons(self) -> None:
        stack = self.document.undo_stack
        has_entries = bool(self.document.contents.entries)
        chosen = bool(self.selected_entries())
        writable = not self.document.read_only
        self.undo_button.setEnabled(stack.canUndo() and writable)
        self.redo_button.setEnabled(stack.canRedo() and writable)
        self.edit_button.setEnabled(chosen and writable)
        self.delete_button.setEnabled(chosen and writable)
        self.export_button.setEnabled(has_entries)
        self.report_button.setEnabled(has_entries)
        self.print_button.setEnabled(has_entries)
        self.import_button.setEnabled(writable)
        self.delete_all_button.setEnabled(self.document.is_open or self.document.path.exists())
        for form in (self.checkin_form, self.session_form):
            form.save_button.setEnabled(writable)

    def selected_entries(self) -> list[Entry]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.entry(r) for r in rows]

    # --- changes -------------------------------------------------------------------------
    @Slot()
    def _submit_sender(self) -> None:
        form = self.sender()
        if isinstance(form, EntryForm):
            self._submit(form)

    def _submit(self, form: EntryForm) -> None:
        try:
            entry = form.entry()
        except ValueError as exc:
            form.show_problem(str(exc)[0].upper() + str(exc)[1:])
            return
        try:
            if form.editing is not None:
                self.document.update(form.editing, entry)
                message = f"{form.kind_label.capitalize()} changed"
            else:
                self.document.add(entry)
                message = f"{form.kind_label.capitalize()} saved"
        except (DiaryError, ValueError) as exc:
            self.show_error(str(exc))
            return
        form.reset()
        self.status_message.emit(message)

    @Slot()
    def edit_selected(self) -> None:
        entries = self.selected_entries()
        if not entries:
            return
        entry = entries[0]
        form: EntryForm = self.checkin_form if isinstance(entry, CheckIn) else self.session_form
        form.load(entry)
        self.forms.setCurrentIndex(0 if form is self.checkin_form else 1)

    @Slot()
    def delete_selected(self) -> None:
        entries = self.selected_entries()
        if not entries or self.document.read_only:
            return
        try:
            self.document.delete(entries)
        except DiaryError as exc:
            self.show_error(str(exc))
            return
        for form in (self.checkin_form, self.session_form):
            if form.editing is not None and any(e.kind == form.editing.kind and e.id == form.editing.id for e in entries):
                form.reset()
        self.status_message.emit("Deleted; Undo brings it back")

    def set_dataset(self, dataset: Dataset) -> None:
        """Use another dataset for picking points (after File > Open dataset)."""
        self.dataset = dataset
        self.session_form.set_dataset(dataset)

    def set_sheet_points(self, codes: Sequence[str]) -> None:
        """Offer the current sheet's points in the session form ("Use the sheet's points")."""
        self.session_form.set_sheet_points(codes)

    # --- files ---------------------------------------------------------------------------
    @Slot()
    def export_csv(self) -> None:
        path = self.ask_save_path("Export the diary as CSV", "CSV files (*.csv)", "csv",
                                  f"backpoints-diary-{dt.date.today().isoformat()}.csv")
        if not path:
            return
        from ...core.diary_csv import export_csv

        entries = self.document.contents.entries
        try:
            export_csv(entries, Path(path))
        except OSError as exc:
            self.show_error(f"{path}: the CSV could not be written ({exc.strerror or exc}); nothing was saved")
            return
        self.status_message.emit(f"{len(entries)} entries exported to {path}")

    @Slot()
    def import_csv(self) -> None:
        path = self.ask_open_path("Import diary entries from CSV", "CSV files (*.csv);;All files (*)")
        if not path:
            return
        from ...core.diary_csv import import_csv, new_entries

        try:
            incoming = import_csv(path)
        except DataError as exc:
            lines = [str(p) for p in exc.problems]
            self.show_error("Nothing was imported; the file has problems:\n" + "\n".join(lines))
            return
        fresh = new_entries(self.document.contents.entries, incoming)
        try:
            self.document.add_many(fresh)
        except (DiaryError, ValueError) as exc:
            self.show_error(f"Nothing was imported: {exc}")
            return
        skipped = len(incoming) - len(fresh)
        self.status_message.emit(f"{len(fresh)} entries imported" + (f", {skipped} were already in the diary" if skipped else ""))

    @Slot()
    def make_report(self) -> None:
        path = self.ask_save_path("Save the diary report as PDF", "PDF files (*.pdf)", "pdf",
                                  f"backpoints-diary-report-{dt.date.today().isoformat()}.pdf")
        if not path:
            return
        from ...printing.diary_report import write_report_pdf
        from ...printing.renderer import PrintError

        try:
            pages = write_report_pdf(path, self.document.contents, self.report_options(), self.dataset)
        except PrintError as exc:
            self.show_error(str(exc))
            return
        self.status_message.emit(f"Report written to {path} ({pages} page{'s' if pages != 1 else ''})")

    def report_options(self) -> "ReportOptions":
        """The report's period from the period box (the whole diary, or the last weeks or months)."""
        from ...printing.diary_report import ReportOptions

        days = self.report_period.currentData()
        if not days:
            return ReportOptions()
        today = dt.date.today()
        return ReportOptions(start=today - dt.timedelta(days=int(days) - 1), end=today)

    @Slot()
    def print_report(self) -> None:
        printer = self.ask_printer()
        if printer is None:
            return
        from ...printing.diary_report import print_report
        from ...printing.printer import to_file
        from ...printing.renderer import PrintError

        try:
            pages = print_report(printer, self.document.contents, self.report_options(), self.dataset)
        except PrintError as exc:
            self.show_error(str(exc))
            return
        count = f"{pages} page{'s' if pages != 1 else ''}"
        path = to_file(printer)
        # "Print to File" wrote a file: say where, as the sheet's print does.
        self.status_message.emit(f"Wrote the report ({count}) to {path}" if path
                                 else f"Report sent to {printer.printerName() or 'the printer'} ({count})")

    @Slot()
    def delete_all(self) -> None:
        count = len(self.document.contents.entries)
        if not self.confirm(
            "Delete all diary data?",
            f"This deletes all {count} entries, the diary file and its backup copies from this computer. "
            "It cannot be undone. Export a CSV first if you may want them later.",
        ):
            return
        try:
            self.document.delete_everything()
        except DiaryError as exc:
            self.show_error(str(exc))
            return
        for form in (self.checkin_form, self.session_form):
            form.reset()
        self.status_message.emit("All diary data was deleted")

    # --- dialogs (methods so tests and the main window can replace them) -------------------
    def ask_save_path(self, caption: str, filters: str, suffix: str, name: str) -> str:
        from ... import paths

        dialog = QFileDialog(self, caption, str(paths.documents_dir() / name), filters)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(suffix)
        # Not WA_DeleteOnClose: that deletes the dialog as exec() returns, before the chosen
        # file can be read from it (a RuntimeError on every accepted save, before this fix).
        try:
            chosen = dialog.exec()
            files = dialog.selectedFiles()
            return files[0] if chosen and files else ""
        finally:
            dialog.deleteLater()

    def ask_open_path(self, caption: str, filters: str) -> str:
        from ... import paths

        path, _ = QFileDialog.getOpenFileName(self, caption, str(paths.documents_dir()), filters)
        return path

    def ask_printer(self) -> QPrinter | None:
        """The QPrinter to print on, after the print dialog; None if cancelled.

        The main window may replace this to share its one QPrinter (ui/sheet_output.py)."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = self.printer or QPrinter(QPrinter.PrinterMode.HighResolution)
        self.printer = printer
        dialog = QPrintDialog(printer, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        return printer if dialog.exec() else None

    def confirm(self, title: str, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Cancel, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        delete = box.addButton("Delete all", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        confirmed = box.clickedButton() is delete
        box.deleteLater()
        return confirmed

    @Slot(str)
    def show_error(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, "Diary", text, QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.exec()
