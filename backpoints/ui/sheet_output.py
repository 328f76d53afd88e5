"""Sheet output: the one QPrinter and the preview, print and export dialogs.

QtPrintSupport loads here on first use, not at start-up. One QPrinter is kept for
the session so the printer, paper and copies the user picked stay picked. Every
dialog deletes itself when closed. The guide prints through the same service.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from ..core.model import Dataset
from ..core.sheet import Sheet

if TYPE_CHECKING:
    from PySide6.QtGui import QTextDocument
    from PySide6.QtPrintSupport import QPrinter

    from ..printing.renderer import Progress

log = logging.getLogger(__name__)


class SheetOutput(QObject):
    """Preview, print and PDF export for sheets (and printing for the guide)."""

    #: A problem to show the user: title, text.
    failed = Signal(str, str)
    #: What was done, for the status bar.
    status = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self._printer: QPrinter | None = None
        self._paper_for: str | None = None

    def printer(self) -> QPrinter:
        """One QPrinter for the session, so the user's choices persist between jobs."""
        from PySide6.QtPrintSupport import QPrinter

        if self._printer is None:
            self._printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        return self._printer

    def _printer_for(self, sheet: Sheet) -> QPrinter:
        """The session printer, set to the sheet's paper until the user picks another."""
        from ..printing.renderer import page_layout

        printer = self.printer()
        printer.setDocName(sheet.title or "BackPoints sheet")
        printer.setCreator("BackPoints")
        # The sheet's paper is the starting choice; a paper picked in the print dialog
        # is kept for later jobs until the sheet asks for another paper.
        if self._paper_for != sheet.paper:
            printer.setPageLayout(page_layout(sheet.paper))
            self._paper_for = sheet.paper
        return printer

    # --- sheets --------------------------------------------------------------------------
    def preview(self, sheet: Sheet, dataset: Dataset) -> QDialog:
        """Open the print preview (non-modal, deleted on close)."""
        from PySide6.QtPrintSupport import QPrintPreviewDialog

        from ..printing.renderer import PrintError, SheetLayout, paint_sheet

        printer = self._printer_for(sheet)
        dialog = QPrintPreviewDialog(printer, self._parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setObjectName("print-preview")
        dialog.setWindowTitle(f"Preview: {sheet.title or 'sheet'}")

        def paint(device: QPrinter) -> None:
            try:
                paint_sheet(device, SheetLayout(sheet, dataset, device.pageLayout()), device.resolution())
            except PrintError as exc:
                self.failed.emit("The preview could not be drawn", str(exc))

        dialog.paintRequested.connect(paint)
        dialog.resize(900, 1000)
        dialog.open()
        return dialog

    def print_dialog(self, sheet: Sheet, dataset: Dataset) -> QDialog:
        """Open the print dialog; the sheet prints when the user accepts it."""
        return self._ask_printer(sheet.title or "BackPoints sheet", self._printer_for(sheet),
                                 lambda printer: self.print_now(sheet, dataset, printer))

    def print_now(self, sheet: Sheet, dataset: Dataset, printer: QPrinter | None = None) -> bool:
        """Print on the chosen printer (its paper as picked); False with a message on failure."""
        from ..printing.printer import send_sheet, to_file
        from ..printing.renderer import PrintCancelled, PrintError

        printer = printer or self._printer_for(sheet)
        path = to_file(printer)
        try:
            with self._progress("Printing…" if not path else "Writing the PDF…", "Print") as step:
                outcome = send_sheet(printer, sheet, dataset, keep_layout=True, progress=step)
        except PrintCancelled:
            self.status.emit("Printing cancelled; nothing was sent" if not path
                             else f"Printing cancelled; {path} was not written")
            return False
        except PrintError as exc:
            self.failed.emit("The sheet was not printed", str(exc))
            return False
        pages = outcome.pages
        if outcome.warning:
            # The job exists but will not print yet (a paused queue): say so, not "sent".
            self.failed.emit("The sheet is waiting to print", outcome.warning)
        plural = "s" if pages != 1 else ""
        if path:
            self.status.emit(f"Wrote {pages} page{plural} to {path}")
        else:
            self.status.emit(f"Sent {pages} page{plural} to {printer.printerName() or 'the printer'}")
        return True

    def export_dialog(self, sheet: Sheet, dataset: Dataset, folder: str) -> QDialog:
        """Ask for a PDF file name, then write the sheet there."""
        from ..core.files import safe_file_name

        name = safe_file_name(sheet.title, ".pdf")
        dialog = QFileDialog(self._parent, "Export sheet as PDF", str(Path(folder) / name), "PDF files (*.pdf)")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setObjectName("export-pdf")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("pdf")
        # After the dialog has finished, not inside its accept(): the export runs the event
        # loop for its progress, and that would delete the closing dialog under its own feet.
        dialog.fileSelected.connect(lambda path: QTimer.singleShot(0, lambda: self.export_pdf(sheet, dataset, path)))
        dialog.open()
        return dialog

    def export_pdf(self, sheet: Sheet, dataset: Dataset, path: str) -> bool:
        """Write the PDF; says how many pages only once they are on disk."""
        from ..printing.renderer import PrintCancelled, PrintError, write_pdf

        try:
            with self._progress("Writing the PDF…", "Export sheet as PDF") as step:
                pages = write_pdf(path, sheet, dataset, step)
        except PrintCancelled:
            self.status.emit(f"Export cancelled; {path} was not written")
            return False
        except PrintError as exc:
            self.failed.emit("The PDF was not written", str(exc))
            return False
        self.status.emit(f"Wrote {pages} page{'s' if pages != 1 else ''} to {path}")
        return True

    @contextmanager
    def _progress(self, label: str, title: str) -> Iterator[Progress]:
        """A progress dialog for a long job, shown after 400 ms, with Cancel.

        The step function keeps the window painting and says whether to go on.
        """
        from PySide6.QtWidgets import QApplication, QProgressDialog

        progress = QProgressDialog(label, "Cancel", 0, 0, self._parent)
        progress.setObjectName("pdf-progress")
        progress.setWindowTitle(title)
        progress.setMinimumDuration(400)
        progress.setAutoClose(False)

        def step(done: int, total: int) -> bool:
            progress.setMaximum(total)
            progress.setValue(done)
            QApplication.processEvents()
            return not progress.wasCanceled()

        try:
            yield step
        finally:
            progress.close()
            progress.deleteLater()

    # --- other documents --------------------------------------------------------------------
    def print_document_dialog(self, document: QTextDocument, title: str, parent: QWidget | None = None) -> QDialog:
        """Print a text document (the guide) through the same printer and dialog.

        The dialog is modal to `parent` (the guide), so the document outlives it.
        """
        printer = self.printer()
        printer.setDocName(title)

        def run(chosen: QPrinter) -> None:
            from ..printing.printer import print_document, to_file
            from ..printing.renderer import PrintError

            try:
                print_document(chosen, document)
            except PrintError as exc:
                self.failed.emit(f"“{title}” was not printed", str(exc))
                return
            path = to_file(chosen)
            self.status.emit(f"Wrote “{title}” to {path}" if path
                             else f"Sent “{title}” to {chosen.printerName() or 'the printer'}")

        return self._ask_printer(title, printer, run, parent)

    # --- internals ----------------------------------------------------------------------------
    def _ask_printer(self, title: str, printer: QPrinter, then: Callable[[QPrinter], object],
                     parent: QWidget | None = None) -> QDialog:
        from PySide6.QtPrintSupport import QPrintDialog

        dialog = QPrintDialog(printer, parent or self._parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setObjectName("print-dialog")
        dialog.setWindowTitle(f"Print: {title}")
        # Deferred like the export: a job that shows progress runs the event loop, which
        # must not delete this dialog (deleted on close) while it is still in accept().
        dialog.accepted.connect(lambda: QTimer.singleShot(0, lambda: then(printer)))
        # QPrintDialog's binding hides QDialog.open() behind open(receiver, member), so
        # `dialog.open()` raises TypeError; call the base class's window-modal open.
        QDialog.open(dialog)
        return dialog
