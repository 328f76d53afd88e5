"""Real printers (QtPrintSupport, loaded only when the user prints)."""

from __future__ import annotations

from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from ..core.model import Dataset
from ..core.sheet import Sheet
from .renderer import PrintError, SheetLayout, page_layout, paint_sheet


def printer_names() -> list[str]:
    return [info.printerName() for info in QPrinterInfo.availablePrinters()]


def prepare(printer: QPrinter, sheet: Sheet) -> None:
    """Title and paper for a job."""
    printer.setDocName(sheet.title or "BackPoints sheet")
    printer.setCreator("BackPoints")
    printer.setPageLayout(page_layout(sheet.paper))


def print_sheet(printer: QPrinter, sheet: Sheet, dataset: Dataset, *, keep_layout: bool = False) -> int:
    """Send a sheet to a printer; returns the page count. Raises PrintError.

    With keep_layout the paper and margins the user picked in the print dialog are
    used; otherwise the sheet's own paper.
    """
    if printer.outputFormat() == QPrinter.OutputFormat.NativeFormat:
        # The printer may have gone since the user chose it (unplugged, queue removed).
        name = printer.printerName()
        if not name or QPrinterInfo.printerInfo(name).isNull() or not printer.isValid():
            raise PrintError(f"printer {name!r} is not available any more; choose another printer")
    if keep_layout:
        printer.setDocName(sheet.title or "BackPoints sheet")
        printer.setCreator("BackPoints")
    else:
        prepare(printer, sheet)
    layout = SheetLayout(sheet, dataset, printer.pageLayout())
    try:
        paint_sheet(printer, layout, printer.resolution())
    except PrintError as exc:
        raise PrintError(f"printer {printer.printerName()!r} refused the job ({exc})") from None
    if printer.printerState() == QPrinter.PrinterState.Error:
        raise PrintError(f"printer {printer.printerName()!r} reported an error while printing")
    return layout.page_count


def print_to_named_printer(name: str, sheet: Sheet, dataset: Dataset) -> int:
    """Print to an installed printer by name (the CLI's --printer)."""
    info = QPrinterInfo.printerInfo(name)
    if info.isNull():
        known = ", ".join(printer_names()) or "none installed"
        raise PrintError(f"no printer named {name!r} (printers: {known})")
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    return print_sheet(printer, sheet, dataset)
