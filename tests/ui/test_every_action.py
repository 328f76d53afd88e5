"""Every menu action and every panel button, triggered in a real main window.

Dialogs are answered as they appear; any exception, Qt warning or dialog left alive
after it was closed fails the test. This is the guard that would have caught Print…
crashing: add a menu item or a button and it is exercised here with no new code.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QMenu, QToolButton

from backpoints.ui.main_window import MainWindow
from tests.helpers import DialogAnswerer


def menu_actions(menu: QMenu) -> list[QAction]:
    """Every action in a menu and its submenus (submenus filled as when they open)."""
    menu.aboutToShow.emit()
    found: list[QAction] = []
    for action in list(menu.actions()):
        if action.isSeparator():
            continue
        if action.menu() is not None:
            found.extend(menu_actions(action.menu()))
        else:
            found.append(action)
    return found


def window_actions(window: MainWindow) -> list[QAction]:
    """Every action of every menu in the menu bar."""
    return [a for top in window.menuBar().actions() if top.menu() is not None for a in menu_actions(top.menu())]


def settle(qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.wait(60)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qtbot.wait(10)


def leaked_dialogs(window: MainWindow) -> list[str]:
    """Dialogs still alive under the window after everything was answered and closed."""
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return [d.objectName() or type(d).__name__ for d in window.findChildren(QDialog)]


@pytest.fixture
def busy_window(window: MainWindow) -> MainWindow:
    """The window with a point selected and an unsaved two-point sheet: every action has work to do."""
    window.state.select("BL23")
    window.document.add_point("BL23")
    window.document.add_point("BL40")
    return window


def test_every_menu_action(qtbot, busy_window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = busy_window
    answerer = DialogAnswerer({"unsaved-changes": "cancel", "QFileDialog": "reject", "export-pdf": "reject"})
    actions = window_actions(window)
    texts = [a.text() for a in actions]
    for expected in ("&Print sheet…", "Print pre&view…", "&Export sheet as PDF…", "&New sheet", "&Quit",
                     "&Guide", "&Undo", "&Redo"):
        assert any(t.startswith(expected) for t in texts), expected
    quit_action = next(a for a in actions if a.text() == "&Quit")
    for action in actions:
        if action is quit_action or not action.isEnabled():
            continue
        action.trigger()
        settle(qtbot)
        answerer.answer_all()
        settle(qtbot)
        assert window.isVisible(), f"{action.text()} closed the window"
    # Quit with unsaved changes asks; Cancel keeps the window and the sheet.
    quit_action.trigger()
    settle(qtbot)
    assert window.isVisible() and window.document.sheet.points
    answerer.stop()
    for name in ("print-dialog", "print-preview", "unsaved-changes", "guide", "about"):
        assert name in answerer.seen, f"{name} never showed"
    assert leaked_dialogs(window) == []


def test_every_panel_button(qtbot, busy_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = busy_window
    answerer = DialogAnswerer({"unsaved-changes": "cancel", "export-pdf": "reject"})
    window.sheet_panel.list.setCurrentRow(1)
    clicked = []
    buttons = []
    pages = (window.details, window.sheet_panel, window.routines_panel)
    for page in pages:
        window.tabs.setCurrentWidget(page)
        settle(qtbot)  # the Routines tab builds its chooser when first shown
        buttons += [b for b in window.findChildren(QAbstractButton)
                    if b.isVisibleTo(window) and b.window() is window and b not in buttons]
    window.routines_panel.chooser.select("neck-stiffness-self-care")
    for button in buttons:
        if isinstance(button, QToolButton) and button.menu() is not None:
            for action in menu_actions(button.menu()):
                action.trigger()
                settle(qtbot)
            clicked.append(button.text())
            continue
        window.tabs.setCurrentWidget(next(p for p in pages if p.isAncestorOf(button)) if any(
            p.isAncestorOf(button) for p in pages) else window.details)
        if not button.isEnabled():
            continue
        button.click()
        settle(qtbot)
        answerer.answer_all()
        settle(qtbot)
        clicked.append(button.text())
    answerer.stop()
    for text in ("Print…", "Preview…", "Export PDF…", "Add to sheet", "Show on map", "Start from a routine",
                 "Move up", "Remove", "Start guided session", "Make sheet", "★ Starred",
                 "Add starred points to sheet", "Import / export"):
        assert text in clicked, text
    # The guided session opened in its own window; closing it deletes it.
    runners = [w for w in QApplication.topLevelWidgets() if w.objectName() == "routine-runner" and w.isVisible()]
    assert runners
    for runner in runners:
        runner.close()
    settle(qtbot)
    assert not [w for w in QApplication.topLevelWidgets() if w.objectName() == "routine-runner"]
    assert "print-dialog" in answerer.seen and "print-preview" in answerer.seen
    assert leaked_dialogs(window) == []


def test_print_from_every_door_prints(qtbot, busy_window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """File → Print, Ctrl+P and the Sheet tab's Print… open the dialog; accepting prints."""
    from PySide6.QtCore import Qt

    window = busy_window
    doors = {
        "menu": lambda: next(a for a in window.menuBar().findChildren(QAction) if a.text() == "&Print sheet…").trigger(),
        "ctrl-p": lambda: qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier),
        "button": lambda: window.sheet_panel.print_button.click(),
    }
    for name, door in doors.items():
        out = tmp_path / f"{name}.pdf"
        answerer = DialogAnswerer({"print-dialog": f"file:{out}"})
        window.tabs.setCurrentWidget(window.sheet_panel)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        door()
        qtbot.waitUntil(lambda: out.exists() and out.stat().st_size > 0, timeout=5000)
        answerer.stop()
        assert "print-dialog" in answerer.seen, name
        assert out.read_bytes().startswith(b"%PDF"), name
        assert re.search(rf"Wrote \d+ pages? to {re.escape(str(out))}$", window.statusBar().currentMessage()), name
    # Cancel prints nothing.
    out = tmp_path / "cancelled.pdf"
    answerer = DialogAnswerer({"print-dialog": "reject"})
    window.print_sheet()
    settle(qtbot)
    answerer.answer_all()
    settle(qtbot)
    answerer.stop()
    assert not out.exists()


def test_the_guide_prints_through_the_print_dialog(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from backpoints.ui.guide import GuideDialog

    window.show_guide()
    guide = window.findChild(GuideDialog)
    out = tmp_path / "guide.pdf"
    answerer = DialogAnswerer({"print-dialog": f"file:{out}", "guide": "keep"})
    guide.print_button.click()
    qtbot.waitUntil(lambda: out.exists() and out.stat().st_size > 0, timeout=5000)
    answerer.stop()
    assert out.read_bytes().startswith(b"%PDF")
    guide.close()
    settle(qtbot)
    assert window.findChild(GuideDialog) is None  # deleted on close


def test_every_diary_button(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """The Diary page's buttons, area choices included, each form in turn; dialogs cancelled."""
    panel = window.diary_panel
    window.pages.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.chart is not None and panel.chart.series is not None)
    panel.checkin_form.pain.setValue(4)
    qtbot.mouseClick(panel.checkin_form.save_button, Qt.MouseButton.LeftButton)
    assert panel.model.rowCount() == 1
    panel.table.selectRow(0)
    answerer = DialogAnswerer()  # file and print dialogs rejected, "Delete all" cancelled
    clicked = []
    for tab in range(panel.forms.count()):
        panel.forms.setCurrentIndex(tab)
        settle(qtbot)
        for button in panel.findChildren(QAbstractButton):
            if not button.isVisibleTo(window) or not button.isEnabled():
                continue
            button.click()
            settle(qtbot)
            answerer.answer_all()
            settle(qtbot)
            clicked.append(button.text())
            panel.forms.setCurrentIndex(tab)
    answerer.stop()
    for text in ("Lower back", "Hips and buttocks", "Save check-in", "Save session", "Export CSV…", "Import CSV…",
                 "Report PDF…", "Print report…", "Delete all diary data…", "Undo"):
        assert text in clicked, text
    assert panel.document.is_open and panel.model.rowCount() >= 1  # "Delete all" was cancelled
    assert leaked_dialogs(window) == []
