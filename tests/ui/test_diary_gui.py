"""The Diary tab end to end: fill the forms, watch the chart and table, export, report, undo, delete all."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from backpoints.core.diary import DiaryStore


@pytest.fixture
def panel(qtbot, dataset, tmp_path: Path):  # type: ignore[no-untyped-def]
    from backpoints.ui.app import create_application
    from backpoints.ui.diary import DiaryPanel

    create_application()
    widget = DiaryPanel(dataset, tmp_path / "diary.sqlite3")
    qtbot.addWidget(widget)
    widget.resize(1300, 850)
    widget.errors = []  # type: ignore[attr-defined]
    widget.show_error = widget.errors.append  # type: ignore[method-assign]
    return widget


def show(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    panel.show()
    qtbot.waitExposed(panel)
    # Without pyqtgraph loaded yet, the table shows first and the chart follows.
    qtbot.waitUntil(lambda: panel.chart is not None and panel.chart.series is not None and panel.chart.isVisible())


def set_when(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Set a date as the calendar popup does (typing into date sections is platform-dependent)."""
    import datetime as dt

    widget.set_value(dt.datetime.fromisoformat(text))


def type_into(qtbot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Select what is there and type, as a user does."""
    line = widget.lineEdit() if hasattr(widget, "lineEdit") and callable(widget.lineEdit) else widget
    line.selectAll()
    qtbot.keyClicks(line, text)


def add_checkin(qtbot, panel, when: str, pain: int, worst: int | None = None, areas=()) -> None:  # type: ignore[no-untyped-def]
    form = panel.checkin_form
    panel.forms.setCurrentIndex(0)
    set_when(form.when, when)
    type_into(qtbot, form.pain, str(pain))
    if worst is not None:
        type_into(qtbot, form.worst, str(worst))
    for area in areas:
        button = form.area_boxes[area]
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=button.click_point())
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)


def test_add_a_session_and_two_checkins_then_export_and_report(qtbot, panel, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert panel.chart is None  # nothing opened or imported before the tab is shown
    show(qtbot, panel)
    assert panel.chart is not None and panel.chart.point_count == 0
    assert "empty" in panel.summary.text()
    assert panel.summary.textFormat() == Qt.TextFormat.PlainText

    # A session: points picked from the dataset, a cost, a side effect.
    panel.forms.setCurrentIndex(1)
    form = panel.session_form
    set_when(form.when, "2026-10-01 09:00")
    qtbot.keyClicks(form.points, "bl23, bl40")
    form.pick.setCurrentIndex(form.pick.findData("GV4"))
    form.pick.activated.emit(form.pick.currentIndex())
    qtbot.keyClicks(form.cost, "85")
    box, severity, note = form.effect_rows["soreness"]
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    severity.setCurrentText("moderate")
    qtbot.keyClicks(note, "stiff <b>next</b> morning")
    with qtbot.waitSignal(panel.document.entries_changed):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert panel.errors == []
    assert form.points.text() == ""  # ready for the next one

    add_checkin(qtbot, panel, "2026-09-30 08:00", 7, 8, areas=("lower-back",))
    assert panel.chart.point_count == 1
    add_checkin(qtbot, panel, "2026-10-14 08:00", 4)
    assert panel.chart.point_count == 2
    assert panel.chart.series.pain == (7, 4)
    assert len(panel.chart.series.sessions) == 1
    assert panel.model.rowCount() == 3
    assert panel.summary.text().startswith("Pain fell from 7 to 4 over 2 weeks and 1 session")
    assert "spent $85" in panel.summary.text()
    assert panel.reminder.text().startswith("Last check-in")

    # Saved on disk at once, as a second reader sees it.
    with DiaryStore(tmp_path / "diary.sqlite3") as other:
        saved = other.contents()
    assert [c.pain for c in saved.checkins] == [7, 4]
    (session,) = saved.sessions
    assert session.points == ("BL23", "BL40", "GV4") and session.cost_cents == 8500
    assert session.side_effects[0].severity == "moderate" and session.side_effects[0].note == "stiff <b>next</b> morning"

    # Export CSV.
    csv_path = tmp_path / "out" / "diary.csv"
    csv_path.parent.mkdir()
    panel.ask_save_path = lambda *a: str(csv_path)
    qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    text = csv_path.read_text(encoding="utf-8-sig")
    assert text.count("\n") == 4 and "BL23 BL40 GV4" in text and "soreness (moderate): stiff <b>next</b> morning" in text

    # The report PDF, read back with poppler.
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed; cannot check the report text")
    pdf = tmp_path / "out" / "report.pdf"
    panel.ask_save_path = lambda *a: str(pdf)
    messages: list[str] = []
    panel.status_message.connect(messages.append)
    qtbot.mouseClick(panel.report_button, Qt.MouseButton.LeftButton)
    assert panel.errors == []
    assert messages and messages[-1].startswith(f"Report written to {pdf}")
    words = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for expected in ("Treatment and pain diary", "Pain fell from 7 to 4", "Period: 30 Sep 2026 to 14 Oct 2026",
                     "Points used most", "BL23", "Shènshū", "soreness (moderate)", "stiff <b>next</b>",
                     "Sessions", "Check-ins", "$85", "Lower back", "not a medical assessment"):
        assert expected in words, expected


def test_edit_delete_and_undo_are_saved_each_time(qtbot, panel, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    show(qtbot, panel)
    add_checkin(qtbot, panel, "2026-10-01 08:00", 6)
    add_checkin(qtbot, panel, "2026-10-02 08:00", 5)

    def on_disk() -> list[int]:
        with DiaryStore(tmp_path / "diary.sqlite3") as other:
            return [c.pain for c in other.contents().checkins]

    # Edit the newest (row 0): pain 5 -> 3.
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    assert panel.checkin_form.save_button.text() == "Save changes"
    type_into(qtbot, panel.checkin_form.pain, "3")
    qtbot.mouseClick(panel.checkin_form.save_button, Qt.MouseButton.LeftButton)
    assert on_disk() == [6, 3]
    # Delete the oldest.
    panel.table.selectRow(1)
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert on_disk() == [3]
    assert panel.chart.point_count == 1
    # Undo the delete, then the edit; redo both.
    qtbot.mouseClick(panel.undo_button, Qt.MouseButton.LeftButton)
    assert on_disk() == [6, 3]
    qtbot.mouseClick(panel.undo_button, Qt.MouseButton.LeftButton)
    assert on_disk() == [6, 5]
    assert panel.chart.series.pain == (6, 5)
    qtbot.mouseClick(panel.redo_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.redo_button, Qt.MouseButton.LeftButton)
    assert on_disk() == [3]
    assert panel.model.rowCount() == 1
    assert panel.errors == []


def test_a_bad_value_is_explained_in_the_form(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    show(qtbot, panel)
    panel.forms.setCurrentIndex(1)
    qtbot.keyClicks(panel.session_form.points, "BL23 XX99")
    qtbot.mouseClick(panel.session_form.save_button, Qt.MouseButton.LeftButton)
    assert panel.session_form.problem.isVisible()
    assert panel.session_form.problem.text() == "Not in the dataset: XX99"
    panel.session_form.points.clear()
    qtbot.keyClicks(panel.session_form.cost, "eighty")
    qtbot.mouseClick(panel.session_form.save_button, Qt.MouseButton.LeftButton)
    assert panel.session_form.problem.text().startswith("Cost: 'eighty' is not an amount")
    assert panel.model.rowCount() == 0


def test_import_reports_line_numbers_and_imports_nothing(qtbot, panel, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    show(qtbot, panel)
    bad = tmp_path / "bad.csv"
    bad.write_text("kind,date,pain\ncheckin,2026-10-01,5\ncheckin,2026-10-02,eleven\n", encoding="utf-8")
    panel.ask_open_path = lambda *a: str(bad)
    qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)
    assert len(panel.errors) == 1
    assert f"{bad}:3:3: pain: must be a whole number" in panel.errors[0]
    assert "Nothing was imported" in panel.errors[0]
    assert panel.model.rowCount() == 0
    good = tmp_path / "good.csv"
    good.write_text("kind,date,pain\ncheckin,2026-10-01,5\ncheckin,2026-10-02,4\n", encoding="utf-8")
    panel.ask_open_path = lambda *a: str(good)
    qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)  # twice: nothing doubled
    assert panel.model.rowCount() == 2
    qtbot.mouseClick(panel.undo_button, Qt.MouseButton.LeftButton)  # one import is one step
    assert panel.model.rowCount() == 0


def test_delete_all_asks_first_then_removes_the_file(qtbot, panel, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    show(qtbot, panel)
    add_checkin(qtbot, panel, "2026-10-01 08:00", 6)
    path = tmp_path / "diary.sqlite3"
    panel.confirm = lambda *a: False
    qtbot.mouseClick(panel.delete_all_button, Qt.MouseButton.LeftButton)
    assert path.exists() and panel.model.rowCount() == 1
    asked: list[str] = []
    panel.confirm = lambda title, text: asked.append(text) or True
    qtbot.mouseClick(panel.delete_all_button, Qt.MouseButton.LeftButton)
    assert "all 1 entries" in asked[0] and "cannot be undone" in asked[0]
    assert not path.exists() and not path.with_name("diary.sqlite3-wal").exists()
    assert panel.model.rowCount() == 0 and panel.chart.point_count == 0
    assert not panel.undo_button.isEnabled()
    # The next entry starts a new, private diary.
    add_checkin(qtbot, panel, "2026-10-02 08:00", 2)
    assert path.exists() and (path.stat().st_mode & 0o777) == 0o600


def test_a_damaged_diary_is_reported_and_left_alone(qtbot, dataset, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from backpoints.ui.app import create_application
    from backpoints.ui.diary import DiaryPanel

    create_application()
    path = tmp_path / "diary.sqlite3"
    path.write_bytes(b"this is not a database at all" * 50)
    widget = DiaryPanel(dataset, path)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    assert widget.error_label.isVisible()
    assert "could not be opened" in widget.error_label.text() and "left untouched" in widget.error_label.text()
    assert not widget.splitter.isEnabled()
    assert path.read_bytes() == b"this is not a database at all" * 50


def test_newer_diary_is_refused(qtbot, dataset, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from backpoints.ui.app import create_application
    from backpoints.ui.diary import DiaryPanel

    create_application()
    path = tmp_path / "diary.sqlite3"
    DiaryStore(path).close()
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.commit()
    db.close()
    widget = DiaryPanel(dataset, path)
    qtbot.addWidget(widget)
    assert widget.open_diary() is False
    assert "newer BackPoints" in widget.error_label.text()


def test_table_model_and_plain_text(qtbot, panel, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    show(qtbot, panel)
    form = panel.checkin_form
    qtbot.keyClicks(form.notes, "<img src='x.png'><b>bold?</b>")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtmodeltester.check(panel.model)
    notes = panel.model.index(0, 5).data()
    assert notes == "<img src='x.png'><b>bold?</b>"
    assert "&lt;img" in panel.model.index(0, 5).data(Qt.ItemDataRole.ToolTipRole)


def test_sheet_points_can_be_used(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    show(qtbot, panel)
    assert not panel.session_form.from_sheet.isEnabled()
    panel.set_sheet_points(["BL23", "BL25"])
    panel.forms.setCurrentIndex(1)
    qtbot.mouseClick(panel.session_form.from_sheet, Qt.MouseButton.LeftButton)
    assert panel.session_form.points.text() == "BL23 BL25"


def test_print_report_for_the_last_weeks(qtbot, panel, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from PySide6.QtPrintSupport import QPrinter

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed; cannot read the printout back")
    show(qtbot, panel)
    today = dt.date.today()
    add_checkin(qtbot, panel, f"{today - dt.timedelta(days=200)}T08:00", 9)
    add_checkin(qtbot, panel, f"{today - dt.timedelta(days=10)}T08:00", 6)
    add_checkin(qtbot, panel, f"{today - dt.timedelta(days=1)}T08:00", 5)
    out = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    panel.ask_printer = lambda: printer
    messages: list[str] = []
    panel.status_message.connect(messages.append)
    panel.report_period.setCurrentIndex(panel.report_period.findText("Last 4 weeks"))
    qtbot.mouseClick(panel.print_button, Qt.MouseButton.LeftButton)
    assert panel.errors == []
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "Pain fell from 6 to 5" in text
    assert str(today - dt.timedelta(days=200)) not in text and str(today - dt.timedelta(days=10)) in text
    assert printer.docName() == "Treatment and pain diary"
    assert messages and messages[-1] == f"Wrote the report (1 page) to {out}", messages


def test_showing_again_reads_what_the_command_line_wrote(qtbot, panel, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from backpoints.cli import main

    show(qtbot, panel)
    panel.hide()
    assert main(["diary", "--diary", str(tmp_path / "diary.sqlite3"), "checkin", "--pain", "3"]) == 0
    show(qtbot, panel)
    assert panel.model.rowCount() == 1 and panel.chart.point_count == 1


def test_double_click_opens_the_entry_for_editing(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    show(qtbot, panel)
    panel.forms.setCurrentIndex(1)
    qtbot.keyClicks(panel.session_form.points, "BL23")
    qtbot.mouseClick(panel.session_form.save_button, Qt.MouseButton.LeftButton)
    panel.forms.setCurrentIndex(0)
    rect = panel.table.visualRect(panel.model.index(0, 1))
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert panel.forms.currentIndex() == 1
    assert panel.session_form.points.text() == "BL23" and panel.session_form.cancel_button.isVisible()


def test_long_report_repeats_table_headers_on_every_page(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from backpoints.core.diary import CheckIn, DiaryContents
    from backpoints.printing.diary_report import ReportOptions, write_report_pdf
    from backpoints.ui.app import create_application

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed; cannot read the report back")
    create_application()
    start = dt.datetime(2026, 1, 1, 9, 0)
    contents = DiaryContents((), tuple(CheckIn(at=start + dt.timedelta(days=d), pain=d % 11) for d in range(150)))
    pdf = tmp_path / "long.pdf"
    pages = write_report_pdf(pdf, contents, ReportOptions(paper="letter"))
    assert pages >= 3
    for page in range(2, pages + 1):
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert "Pain" in text and "Where" in text and f"Page {page} of {pages}" in text


def test_delete_key_in_the_table_deletes_and_undo_restores(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    show(qtbot, panel)
    add_checkin(qtbot, panel, "2026-10-01 08:00", 6, areas=("hip",))
    panel.activateWindow()
    panel.table.setFocus()
    panel.table.selectRow(0)
    qtbot.waitUntil(panel.table.hasFocus)
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert panel.model.rowCount() == 0
    assert panel.undo_button.toolTip() == "Undo delete check-in"
    qtbot.mouseClick(panel.undo_button, Qt.MouseButton.LeftButton)
    assert panel.model.rowCount() == 1
    assert panel.model.entry(0).areas == ("hip",)


def test_another_dataset_changes_the_points_offered(qtbot, panel, write) -> None:  # type: ignore[no-untyped-def]
    from backpoints.core.loader import load_dataset
    from tests.helpers import dataset_text

    show(qtbot, panel)
    small = load_dataset(str(write(dataset_text("BL23", "BL99"))))
    panel.set_dataset(small)
    assert [panel.session_form.pick.itemData(i) for i in range(panel.session_form.pick.count())] == ["BL23", "BL99"]


def test_a_narrow_panel_puts_the_forms_above_the_chart(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    show(qtbot, panel)
    assert panel.splitter.orientation() == Qt.Orientation.Horizontal
    panel.resize(650, 850)
    qtbot.waitUntil(lambda: panel.splitter.orientation() == Qt.Orientation.Vertical)
    assert panel.minimumSizeHint().width() < 650
    panel.resize(1300, 850)
    qtbot.waitUntil(lambda: panel.splitter.orientation() == Qt.Orientation.Horizontal)


def test_a_failed_save_keeps_what_was_typed(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    """A full disk at commit time: the message says so, the form keeps the values, nothing is shown as saved."""
    show(qtbot, panel)
    add_checkin(qtbot, panel, "2026-10-01 08:00", 6)
    store = panel.document._store
    real = store._db

    class FullDisk:
        def execute(self, sql: str, *args: object):  # type: ignore[no-untyped-def]
            if sql == "COMMIT":
                raise sqlite3.OperationalError("database or disk is full")
            return real.execute(sql, *args)

        def __getattr__(self, name: str) -> object:
            return getattr(real, name)

    store._db = FullDisk()
    try:
        form = panel.checkin_form
        type_into(qtbot, form.pain, "8")
        qtbot.keyClicks(form.notes, "after the long walk")
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    finally:
        store._db = real
    assert len(panel.errors) == 1 and "disk is full" in panel.errors[0] and "nothing was changed" in panel.errors[0]
    assert form.pain.value() == 8 and form.notes.toPlainText() == "after the long walk"
    assert panel.model.rowCount() == 1 and not panel.document.undo_stack.canRedo()
    assert panel.document.undo_stack.count() == 1
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)  # the disk has room again
    assert panel.model.rowCount() == 2


def test_a_read_only_diary_is_shown_but_cannot_be_changed(qtbot, dataset, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import os

    from backpoints.ui.app import create_application
    from backpoints.ui.diary import DiaryPanel
    from tests.core.test_diary import checkin
    from tests.helpers import small_tmpfs

    with small_tmpfs(tmp_path / "disk") as mount:
        with DiaryStore(mount / "diary.sqlite3") as store:
            store.add(checkin(0, 5))
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        create_application()
        widget = DiaryPanel(dataset, mount / "diary.sqlite3")
        qtbot.addWidget(widget)
        messages: list[str] = []
        widget.status_message.connect(messages.append)
        show(qtbot, widget)
        assert widget.model.rowCount() == 1 and widget.chart.point_count == 1
        assert any("read-only" in m for m in messages)
        assert not widget.checkin_form.save_button.isEnabled() and not widget.import_button.isEnabled()
        assert widget.export_button.isEnabled() and widget.report_button.isEnabled()
        widget.close()
        widget.document.close()
        assert os.listdir(mount) == ["diary.sqlite3"]


def test_panel_over_a_document_the_window_owns(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from backpoints.ui.app import create_application
    from backpoints.ui.diary import DiaryDocument, DiaryPanel

    create_application()
    document = DiaryDocument(tmp_path / "shared.sqlite3")
    widget = DiaryPanel(document=document)
    qtbot.addWidget(widget)
    show(qtbot, widget)
    assert widget.document is document and document.is_open
    with qtbot.waitSignal(document.entries_changed):
        document.add(checkin_value())
    assert widget.model.rowCount() == 1 and widget.chart.point_count == 1
    document.undo_stack.undo()  # e.g. from the window's Edit menu through a QUndoGroup
    assert widget.model.rowCount() == 0
    document.close()


def checkin_value():  # type: ignore[no-untyped-def]
    import datetime as dt

    from backpoints.core.diary import CheckIn

    return CheckIn(at=dt.datetime(2026, 10, 1, 8, 0), pain=4)


def test_an_empty_diary_says_so_and_its_time_axis_shows_dates(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    import time

    show(qtbot, panel)
    chart = panel.chart
    assert chart.is_empty and chart.empty_label.isVisible()
    assert chart.empty_label.text().startswith("No check-ins yet.")
    assert chart.empty_label.textFormat() == Qt.TextFormat.PlainText
    plot = chart.plot_widget.getPlotItem()
    low, high = plot.viewRange()[0]
    assert 28 <= (high - low) / 86400 <= 30 and abs(high - time.time()) < 2 * 86400  # the last four weeks
    axis = plot.getAxis("bottom")
    levels = axis.tickValues(low, high, axis.width())
    assert levels and levels[0][0] >= 86400  # ticks a day or more apart: dates, not fractions of a second
    labels = axis.tickStrings(levels[0][1], axis.scale, levels[0][0])
    assert labels and all("." not in label for label in labels)

    # A session alone: still no pain to draw, and the chart says that instead.
    panel.forms.setCurrentIndex(1)
    qtbot.keyClicks(panel.session_form.points, "BL23")
    with qtbot.waitSignal(panel.document.entries_changed):
        qtbot.mouseClick(panel.session_form.save_button, Qt.MouseButton.LeftButton)
    assert chart.empty_label.isVisible() and "sessions are marked below" in chart.empty_label.text()

    add_checkin(qtbot, panel, "2026-10-01 08:00", 5)
    assert not chart.is_empty and not chart.empty_label.isVisible() and chart.legend.isVisible()
    panel.document.undo_stack.undo()
    assert chart.is_empty and chart.empty_label.isVisible()


def test_report_and_csv_through_the_real_file_dialogs(qtbot, dataset, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The panel's own save dialogs (not replaced), answered as a user does: type a path, accept."""
    from backpoints.ui.app import create_application
    from backpoints.ui.diary import DiaryPanel
    from tests.helpers import DialogAnswerer

    create_application()
    widget = DiaryPanel(dataset, tmp_path / "diary.sqlite3")
    qtbot.addWidget(widget)
    widget.resize(1300, 850)
    show(qtbot, widget)
    add_checkin(qtbot, widget, "2026-10-01 08:00", 6)
    messages: list[str] = []
    widget.status_message.connect(messages.append)
    for button, path in ((widget.report_button, tmp_path / "report.pdf"), (widget.export_button, tmp_path / "d.csv")):
        answerer = DialogAnswerer({"QFileDialog": str(path)})
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        answerer.stop()
        assert "QFileDialog" in answerer.seen
        assert path.exists() and path.stat().st_size > 0, messages
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    assert any("Report written to" in m for m in messages) and any("1 entries exported" in m for m in messages)
