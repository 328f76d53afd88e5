"""Printing to a file and exporting: checked, atomic, with progress and a Cancel that works.

Printing to "Print to File (PDF)" from the print dialog is an export by another door:
it must not let Qt write the file unchecked (a full disk truncated the old PDF and
still said "Sent"), and a long export must show progress and stop when cancelled.
"""

from __future__ import annotations

import errno
import os
import subprocess
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog

from backpoints.core import files
from backpoints.core.files import TEMP_PREFIX
from backpoints.ui.main_window import MainWindow
from tests.helpers import DialogAnswerer, last_message

OLD_PDF = b"%PDF-1.4\n% the previous good PDF\n%%EOF\n"


def _fill_sheet(window: MainWindow, codes: list[str]) -> None:
    for code in codes:
        window.document.add_point(code)


def _temp_files(folder: Path) -> list[str]:
    return [name for name in os.listdir(folder) if name.startswith(TEMP_PREFIX)]


def _print_to(window: MainWindow, qtbot, target: Path) -> DialogAnswerer:  # type: ignore[no-untyped-def]
    answerer = DialogAnswerer({"print-dialog": f"file:{target}", "QMessageBox": "keep"})
    window.print_sheet()
    qtbot.waitUntil(lambda: "print-dialog" in answerer.seen, timeout=5000)
    return answerer


def test_print_to_file_writes_the_paper_and_says_wrote(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _fill_sheet(window, ["BL23", "BL40", "GB30"])
    out = tmp_path / "printed.pdf"
    answerer = _print_to(window, qtbot, out)
    qtbot.waitUntil(lambda: out.exists(), timeout=5000)
    answerer.stop()
    assert out.read_bytes().startswith(b"%PDF-") and out.read_bytes().rstrip().endswith(b"%%EOF")
    status = window.statusBar().currentMessage()
    assert status.startswith("Wrote ") and str(out) in status, status
    assert _temp_files(tmp_path) == []
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
        assert "BL23" in text and "GB30" in text


def test_print_to_file_on_a_full_disk_keeps_the_old_pdf(qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    _fill_sheet(window, ["BL23", "BL40"])
    out = tmp_path / "printed.pdf"
    out.write_bytes(OLD_PDF)

    def disk_full(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files.os, "write", disk_full)
    answerer = _print_to(window, qtbot, out)
    qtbot.waitUntil(lambda: last_message(window) is not None, timeout=5000)
    answerer.stop()
    title, text = last_message(window)
    assert "not printed" in title and "disk is full" in text, (title, text)
    assert out.read_bytes() == OLD_PDF  # Qt's own writer had truncated it
    assert "Wrote" not in window.statusBar().currentMessage()
    assert _temp_files(tmp_path) == []


def test_print_to_a_fifo_is_refused_without_hanging(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _fill_sheet(window, ["BL23"])
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    answerer = _print_to(window, qtbot, fifo)  # Qt's writer blocked here for ever
    qtbot.waitUntil(lambda: last_message(window) is not None, timeout=5000)
    answerer.stop()
    assert "FIFO" in last_message(window)[1]
    assert fifo.is_fifo()


def test_print_to_file_keeps_the_paper_picked_in_the_dialog(qapp, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QPageSize
    from PySide6.QtPrintSupport import QPrinter

    if not shutil.which("pdfinfo"):
        pytest.skip("pdfinfo (poppler-utils) is not installed; cannot read the page size")
    _fill_sheet(window, ["BL23"])
    printer = window.output.printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "letter.pdf"
    printer.setOutputFileName(str(out))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))  # the sheet itself is A4
    assert window.output.print_now(window.document.sheet, window.state.dataset, printer)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert "612 x 792" in info, info


def test_a_long_export_shows_progress_and_cancel_writes_nothing(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _fill_sheet(window, [p.code for p in window.state.dataset.points])
    out = tmp_path / "all.pdf"
    out.write_bytes(OLD_PDF)
    seen: list[tuple[int, int]] = []

    def press_cancel() -> None:
        dialog = window.findChild(QProgressDialog, "pdf-progress")
        if dialog is None:
            return
        seen.append((dialog.value(), dialog.maximum()))
        if dialog.maximum() > 1 and dialog.value() >= 1:
            dialog.cancel()  # what the Cancel button does

    ticker = QTimer()
    ticker.timeout.connect(press_cancel)
    ticker.start(0)  # runs whenever the export lets the event loop run
    try:
        done = window.output.export_pdf(window.document.sheet, window.state.dataset, str(out))
    finally:
        ticker.stop()
    assert done is False
    # The window kept processing events during the export, with the page count as maximum.
    assert seen and max(total for _, total in seen) > 1, seen
    assert out.read_bytes() == OLD_PDF
    assert _temp_files(tmp_path) == []
    assert window.statusBar().currentMessage() == f"Export cancelled; {out} was not written"
    QApplication.processEvents()
    assert window.findChild(QProgressDialog, "pdf-progress") is None or not window.findChild(
        QProgressDialog, "pdf-progress").isVisible()


def test_an_export_that_is_not_cancelled_reports_its_pages(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _fill_sheet(window, [p.code for p in window.state.dataset.points][:12])
    out = tmp_path / "twelve.pdf"
    assert window.output.export_pdf(window.document.sheet, window.state.dataset, str(out))
    status = window.statusBar().currentMessage()
    assert status.startswith("Wrote ") and status.endswith(f"to {out}")
    assert out.read_bytes().startswith(b"%PDF-")


def test_export_through_its_dialog_with_a_long_sheet(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Accepting the file dialog starts an export that runs the event loop for its progress.

    The dialog deletes itself on close, so the export must run after its accept(), not
    inside it: the print dialog crashed the process (SIGSEGV) that way when printing to
    a file first showed progress.
    """
    _fill_sheet(window, [p.code for p in window.state.dataset.points])
    out = tmp_path / "long.pdf"
    answerer = DialogAnswerer({"export-pdf": str(out)})
    window.export_sheet()
    qtbot.waitUntil(lambda: out.exists(), timeout=10000)
    answerer.stop()
    assert out.read_bytes().startswith(b"%PDF-")
    assert window.statusBar().currentMessage().endswith(f"to {out}")


def test_the_diary_report_prints_to_file_through_the_checked_writer(qapp, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The diary's Print report… to "Print to File" is written like every other PDF."""
    import datetime as dt

    from PySide6.QtPrintSupport import QPrinter

    from backpoints.core.diary import CheckIn, DiaryContents
    from backpoints.printing.diary_report import ReportOptions, print_report
    from backpoints.printing.renderer import PrintError

    contents = DiaryContents((), (CheckIn(at=dt.datetime(2026, 10, 1, 8, 0), pain=6),))
    out = tmp_path / "report.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    assert print_report(printer, contents, ReportOptions()) >= 1
    assert out.read_bytes().startswith(b"%PDF-")
    assert _temp_files(tmp_path) == []
    out.write_bytes(OLD_PDF)

    def disk_full(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files.os, "write", disk_full)
    with pytest.raises(PrintError, match="the disk is full"):
        print_report(printer, contents, ReportOptions())
    assert out.read_bytes() == OLD_PDF and _temp_files(tmp_path) == []
