"""Keyboard-only use, labels, announcements and dialogs that go away (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QLabel

from backpoints.ui.main_window import MainWindow


class _NoMouse(QObject):
    """Counts every mouse press or release the application sees."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
                            QEvent.Type.MouseButtonDblClick):
            self.count += 1
        return False


def _press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    """A key press to whatever has the keyboard focus, as a keyboard would send it."""
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    qtbot.keyClick(target, key, modifier)


# Typing a path in the file dialog opens its completer popup, which asks the offscreen
# platform for a keyboard grab it cannot give; harmless here.
@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")
def test_keyboard_only_find_select_add_and_export(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    mouse = _NoMouse()
    QApplication.instance().installEventFilter(mouse)
    try:
        window.activateWindow()
        # Ctrl+F: the search box; type the code.
        qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        assert QApplication.focusWidget() is window.search_panel.search
        qtbot.keyClicks(QApplication.focusWidget(), "BL23")
        assert window.search_panel.count.text().endswith(f"of {len(window.state.dataset.points)} points")
        # Down: into the list, on the first result, which is selected and shown.
        _press(qtbot, Qt.Key.Key_Down)
        assert QApplication.focusWidget() is window.search_panel.list
        assert window.state.selected_code == "BL23"
        _press(qtbot, Qt.Key.Key_Return)
        assert "Shènshū" in window.details.plain_text()
        assert window.map.scene_for("back").markers["BL23"][0].selected
        # Ctrl+D adds it to the sheet.
        _press(qtbot, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
        assert window.document.sheet.points == ("BL23",)
        # Ctrl+E: the export dialog; type a file name and press Enter.
        _press(qtbot, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QFileDialog)
                        or window.findChild(QFileDialog, "export-pdf") is not None)
        dialog = window.findChild(QFileDialog, "export-pdf")
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and dialog.isAncestorOf(QApplication.focusWidget()))
        target = tmp_path / "keyboard.pdf"
        _press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(QApplication.focusWidget(), str(target))
        _press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(target.exists)
        assert target.read_bytes().startswith(b"%PDF")
        qtbot.waitUntil(lambda: window.findChild(QFileDialog, "export-pdf") is None)
    finally:
        QApplication.instance().removeEventFilter(mouse)
    assert mouse.count == 0


def test_fields_are_named_by_their_labels(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    panel = window.search_panel
    labels = [w for w in panel.findChildren(QLabel) if w.buddy() is panel.meridian]
    assert labels and labels[0].text().replace("&", "") == "Meridian"
    assert panel.meridian.accessibleName() == "Meridian"
    sheet = window.sheet_panel
    for field, name in ((sheet.title, "Title"), (sheet.paper, "Paper"), (sheet.technique, "Explain")):
        buddies = [w for w in sheet.findChildren(QLabel) if w.buddy() is field]
        assert buddies and buddies[0].text().replace("&", "") == name
        assert field.accessibleName() == name


def test_result_count_is_read_and_announced(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QAccessible

    count = window.search_panel.count
    iface = QAccessible.queryAccessibleInterface(count)
    total = len(window.state.dataset.points)
    assert iface.text(QAccessible.Text.Name) == f"All {total} points"
    qtbot.keyClicks(window.search_panel.search, "BL23")
    assert iface.text(QAccessible.Text.Name) == count.text() != f"All {total} points"
    assert window.search_panel.announcer.last == count.text()


def test_every_dialog_is_gone_once_closed(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.document.add_point("BL23")
    openers = [window.show_guide, window.show_about, window.preview_sheet, window.export_sheet, window.print_sheet]
    for open_dialog in openers:
        open_dialog()
        qtbot.waitUntil(lambda: any(isinstance(w, QDialog) and w.isVisible() for w in QApplication.topLevelWidgets()))
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject() if not hasattr(widget, "close") else widget.close()
        qtbot.waitUntil(lambda: not any(isinstance(w, QDialog) for w in window.findChildren(QDialog)))
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog)], open_dialog.__name__


def test_details_are_read_line_by_line_with_the_arrow_keys(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """A caret in the details: Down moves it a line (Orca reads the line it lands on)."""
    from PySide6.QtCore import Qt

    window.state.select("BL23")
    browser = window.details.browser
    browser.setFocus()
    qtbot.waitUntil(browser.hasFocus)
    browser.moveCursor(browser.textCursor().MoveOperation.Start)
    start = browser.textCursor().position()
    qtbot.keyClick(browser, Qt.Key.Key_Down)
    qtbot.keyClick(browser, Qt.Key.Key_Down)
    line = browser.textCursor().block().text()
    assert browser.textCursor().position() > start and line, line
