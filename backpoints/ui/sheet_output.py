"""Sheet output: the one QPrinter and the preview, print and export dialogs.

QtPrintSupport loads here on first use, not at start-up. One QPrinter is kept for
the session so the printer, paper and copies the user picked stay picked. Every
dialog deletes itself when closed. The guide prints through the same service.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from ..core.model import Dataset
from ..core.sheet import Sheet

if TYPE_CHECKING:
    from PySide6.QtGui import QTextDocument
    from PySide6.QtPrintSupport import QPrinter

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
        from ..printing.printer import send_sheet
        from ..printing.renderer import PrintError

        printer = printer or self._printer_for(sheet)
        try:
            outcome = send_sheet(printer, sheet, dataset, keep_layout=True)
        except PrintError as exc:
            self.failed.emit("The sheet was not printed", str(exc))
            return False
        pages = outcome.pages
        where = printer.outputFileName() or printer.printerName() or "the printer"
        if outcome.warning:
            # The job exists but will not print yet (a paused queue): say so, not "sent".
            self.failed.emit("The sheet is waiting to print", outcome.warning)
        self.status.emit(f"Sent {pages} page{'s' if pages != 1 else ''} to {where}")
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
        dialog.fileSelected.connect(lambda path: self.export_pdf(sheet, dataset, path))
        dialog.open()
        return dialog

    def export_pdf(self, sheet: Sheet, dataset: Dataset, path: str) -> bool:
        """Write the PDF; says how many pages only once they are on disk."""
        from PySide6.QtWidgets import QApplication, QProgressDialog

        from ..printing.renderer import PrintCancelled, PrintError, write_pdf

        # A long sheet shows its progress and can be cancelled; the window keeps painting.
        progress = QProgressDialog("Writing the PDF…", "Cancel", 0, 0, self._parent)
        progress.setObjectName("pdf-progress")
        progress.setWindowTitle("Export sheet as PDF")
        progress.setMinimumDuration(400)
        progress.setAutoClose(False)

        def step(done: int, total: int) -> bool:
            progress.setMaximum(total)
            progress.setValue(done)
            QApplication.processEvents()
            return not progress.wasCanceled()

        try:
            pages = write_pdf(path, sheet, dataset, step)
        except PrintCancelled:
            self.status.emit(f"Export cancelled; {path} was not written")
            return False
        except PrintError as exc:
            self.failed.emit("The PDF was not written", str(exc))
            return False
        finally:
            progress.close()
            progress.deleteLater()
        self.status.emit(f"Wrote {pages} page{'s' if pages != 1 else ''} to {path}")
        return True

    # --- other documents --------------------------------------------------------------------
    def print_document_dialog(self, document: QTextDocument, title: str, parent: QWidget | None = None) -> QDialog:
        """Print a text document (the guide) through the same printer and dialog.

        The dialog is modal to `parent` (the guide), so the document outlives it.
        """
        printer = self.printer()
        printer.setDocName(title)

        def run(chosen: QPrinter) -> None:
            document.print_(chosen)
            self.status.emit(f"Sent “{title}” to {chosen.outputFileName() or chosen.printerName() or 'the printer'}")

        return self._ask_printer(title, printer, run, parent)

    # --- internals ----------------------------------------------------------------------------
    def _ask_printer(self, title: str, printer: QPrinter, then: Callable[[QPrinter], object],
                     parent: QWidget | None = None) -> QDialog:
        from PySide6.QtPrintSupport import QPrintDialog

        dialog = QPrintDialog(printer, parent or self._parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setObjectName("print-dialog")
        dialog.setWindowTitle(f"Print: {title}")
        dialog.accepted.connect(lambda: then(printer))
        # QPrintDialog's binding hides QDialog.open() behind open(receiver, member), so
        # `dialog.open()` raises TypeError; call the base class's window-modal open.
        QDialog.open(dialog)
        return dialog
