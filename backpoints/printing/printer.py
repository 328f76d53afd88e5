"""Real printers (QtPrintSupport, loaded only when the user prints)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from ..core.model import Dataset
from ..core.sheet import Sheet
from . import cups
from .renderer import (PrintError, Progress, SheetLayout, check_pdf_target, page_layout, paint_sheet, pdf_in_memory,
                       save_pdf, write_pdf)


@dataclass(frozen=True, slots=True)
class PrintOutcome:
    """A job the printer took: its pages and, if it will not print at once, why (else "")."""

    pages: int
    warning: str = ""


def printer_names() -> list[str]:
    return [info.printerName() for info in QPrinterInfo.availablePrinters()]


def prepare(printer: QPrinter, sheet: Sheet) -> None:
    """Title and paper for a job."""
    printer.setDocName(sheet.title or "BackPoints sheet")
    printer.setCreator("BackPoints")
    printer.setPageLayout(page_layout(sheet.paper))


def print_sheet(printer: QPrinter, sheet: Sheet, dataset: Dataset, *, keep_layout: bool = False) -> int:
    """Send a sheet to a printer the user chose; returns the page count. Raises PrintError.

    Kept for callers that only need the count; send_sheet() also says when the job waits.
    """
    return send_sheet(printer, sheet, dataset, keep_layout=keep_layout).pages


def to_file(printer: QPrinter) -> str:
    """The file a "print to file" job goes to, or "" for a real printer."""
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
        return printer.outputFileName()
    return ""


def send_sheet(printer: QPrinter, sheet: Sheet, dataset: Dataset, *, keep_layout: bool = False,
               progress: Progress | None = None) -> PrintOutcome:
    """Send a sheet to a printer; raises PrintError when the job was not taken.

    For a real (CUPS) queue the queue is asked before and after: a queue that rejects
    jobs is an error before anything is sent, a job that never appeared in a queue that
    stopped accepting is an error, and a paused queue or a job CUPS does not list comes
    back as a warning to show, never as a silent "sent". With keep_layout the paper
    and margins the user picked in the print dialog are used, not the sheet's own.
    """
    if keep_layout:
        printer.setDocName(sheet.title or "BackPoints sheet")
        printer.setCreator("BackPoints")
    else:
        prepare(printer, sheet)
    path = to_file(printer)
    if path:
        # "Print to file" is an export: Qt's own file writing ignores write errors and
        # truncates the old file first, so the PDF goes through the checked atomic writer.
        return PrintOutcome(write_pdf(path, sheet, dataset, progress, printer.pageLayout()))
    native = printer.outputFormat() == QPrinter.OutputFormat.NativeFormat
    name = printer.printerName()
    before_jobs: set[str] | None = None
    if native:
        # The printer may have gone since the user chose it (unplugged, queue removed).
        if not name or QPrinterInfo.printerInfo(name).isNull() or not printer.isValid():
            raise PrintError(f"printer {name!r} is not available any more; choose another printer")
        state = cups.queue_state(name)
        if state is not None and state.refusal():
            raise PrintError(str(state.refusal()))
        before_jobs = cups.job_ids(name)
    layout = SheetLayout(sheet, dataset, printer.pageLayout())
    try:
        paint_sheet(printer, layout, printer.resolution(), progress)
    except PrintError as exc:
        raise PrintError(f"printer {printer.printerName()!r} refused the job ({exc})") from None
    if printer.printerState() == QPrinter.PrinterState.Error:
        raise PrintError(f"printer {printer.printerName()!r} reported an error while printing")
    if not native:
        return PrintOutcome(layout.page_count)
    return PrintOutcome(layout.page_count, _after_job(name, before_jobs))


def _after_job(name: str, before_jobs: set[str] | None) -> str:
    """Ask the queue again once the job was handed over: "" when it is on its way, else a warning."""
    state = cups.queue_state(name)
    if state is None:
        return ""  # not CUPS, or CUPS cannot be asked: Qt's word is all there is
    after_jobs = cups.job_ids(name)
    arrived = before_jobs is None or after_jobs is None or bool(after_jobs - before_jobs)
    if not arrived and state.refusal():
        raise PrintError(str(state.refusal()))
    if state.hold():
        return str(state.hold())
    if not arrived:
        return f"no job appeared in the queue of printer {name!r}; check the printer before relying on the copy"
    return ""


def queue_warning(name: str) -> str:
    """Before printing: why a job sent to this printer now would wait or be refused ("" if none)."""
    state = cups.queue_state(name)
    if state is None:
        return ""
    return state.refusal() or state.hold() or ""


def print_to_named_printer(name: str, sheet: Sheet, dataset: Dataset) -> PrintOutcome:
    """Print to an installed printer by name (the CLI's --printer)."""
    info = QPrinterInfo.printerInfo(name)
    if info.isNull():
        known = ", ".join(printer_names()) or "none installed"
        raise PrintError(f"no printer named {name!r} (printers: {known})")
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    return send_sheet(printer, sheet, dataset)


def print_document(printer: QPrinter, document: QTextDocument) -> None:
    """Print a text document (the guide); to a file through the checked atomic writer.

    Raises PrintError when the file could not be written or the printer failed.
    """
    path = to_file(printer)
    if not path:
        document.print_(printer)
        if printer.printerState() == QPrinter.PrinterState.Error:
            raise PrintError(f"printer {printer.printerName()!r} reported an error while printing")
        return
    check_pdf_target(path)
    data = pdf_in_memory(printer.pageLayout(), printer.docName(), printer.resolution(), document.print_)
    save_pdf(path, data)
