"""The main window's menu bar: which actions exist, their shortcuts, what each calls.

The actions call the window's state objects and services (BrowseState, SheetDocument,
SheetFiles, the panels' public methods); nothing here holds state of its own except the
actions the window keeps for later (view actions, "Add selected point", the recent and
routine menus).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from ..core.model import VIEW_LABELS, VIEWS
from .appearance import Appearance

if TYPE_CHECKING:
    from .main_window import MainWindow


def build_menus(window: MainWindow) -> None:
    """File, Edit, View, Sheet and Help, on the window's menu bar."""
    menu = window.menuBar()
    file_menu = menu.addMenu("&File")
    file_menu.addAction("&New sheet", QKeySequence.StandardKey.New, window.new_sheet)
    file_menu.addAction("&Open sheet…", QKeySequence.StandardKey.Open, window.files.open_sheet_dialog)
    window.recent_menu = file_menu.addMenu("Open &recent sheet")
    window.recent_menu.aboutToShow.connect(window.fill_recent_menu)
    window.fill_recent_menu()
    file_menu.addAction("&Save sheet", QKeySequence.StandardKey.Save, window.save_sheet)
    file_menu.addAction("Save sheet &as…", QKeySequence("Ctrl+Shift+S"), window.files.save_sheet_as)
    file_menu.addSeparator()
    file_menu.addAction("Print pre&view…", QKeySequence("Ctrl+Shift+P"), window.preview_sheet)
    file_menu.addAction("&Print sheet…", QKeySequence.StandardKey.Print, window.print_sheet)
    file_menu.addAction("&Export sheet as PDF…", QKeySequence("Ctrl+E"), window.export_sheet)
    file_menu.addSeparator()
    file_menu.addAction("Open &dataset…", QKeySequence("Ctrl+Shift+O"), window.open_dataset_dialog)
    file_menu.addAction("Use the &bundled dataset", lambda: window.open_dataset(None))
    file_menu.addSeparator()
    quit_action = file_menu.addAction("&Quit", QKeySequence.StandardKey.Quit, window.close)
    quit_action.setMenuRole(QAction.MenuRole.QuitRole)

    edit_menu = menu.addMenu("&Edit")
    undo = window.undo_group.createUndoAction(window, "&Undo")
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo = window.undo_group.createRedoAction(window, "&Redo")
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    edit_menu.addAction(undo)
    edit_menu.addAction(redo)

    view_menu = menu.addMenu("&View")
    view_menu.addAction("&Points and map", QKeySequence("Alt+1"), lambda: window.pages.setCurrentIndex(0))
    view_menu.addAction("&Diary", QKeySequence("Alt+2"), lambda: window.pages.setCurrentWidget(window.diary_panel))
    view_menu.addSeparator()
    group = QActionGroup(window)
    window.view_actions = {}
    for number, view in enumerate(VIEWS, start=1):
        action = view_menu.addAction(f"{VIEW_LABELS[view]} figure")
        action.setShortcut(QKeySequence(f"Ctrl+{number}"))
        action.setCheckable(True)
        action.triggered.connect(lambda _=False, v=view: window.state.set_view(v))
        group.addAction(action)
        window.view_actions[view] = action
    window.state.view_changed.connect(lambda v: window.view_actions[v].setChecked(True))
    window.view_actions[window.state.view].setChecked(True)
    view_menu.addSeparator()
    view_menu.addAction("Zoom &in", QKeySequence.StandardKey.ZoomIn, lambda: window.map.zoom_by(1.25))
    view_menu.addAction("Zoom &out", QKeySequence.StandardKey.ZoomOut, lambda: window.map.zoom_by(0.8))
    view_menu.addAction("&Fit to window", QKeySequence("Ctrl+0"), window.map.fit)
    view_menu.addSeparator()
    view_menu.addActions(window.layer_actions.all())
    view_menu.addSeparator()
    find = view_menu.addAction("&Find point…", QKeySequence.StandardKey.Find, window.search_panel.focus_search)
    find.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    view_menu.addAction("&Clear selection and filters", QKeySequence("Ctrl+Shift+Backspace"), window.clear_all)
    window.appearance = Appearance(window.settings, window)  # text size and high contrast (issue 14)
    window.appearance.add_actions(view_menu)

    sheet_menu = menu.addMenu("&Sheet")
    window.add_action = sheet_menu.addAction("&Add selected point to sheet", QKeySequence("Ctrl+D"),
                                           lambda: window.document.add_point(window.state.selected_code))
    window.add_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    sheet_menu.addAction("Add all &shown points to sheet", QKeySequence("Ctrl+Shift+D"), window.add_shown)
    window.routine_menu = sheet_menu.addMenu("Start from a &routine")
    window.routine_menu.aboutToShow.connect(window.fill_routine_menu)
    window.sheet_panel.set_routine_menu(window.routine_menu)
    sheet_menu.addAction("Make a routine from this sheet…",
                         lambda: window.routines_panel.routine_from_sheet(window.document.sheet))
    sheet_menu.addAction("Show the s&heet", QKeySequence("Ctrl+Shift+T"),
                         lambda: window.tabs.setCurrentWidget(window.sheet_panel))
    sheet_menu.addAction("Show the point &details", QKeySequence("Ctrl+Shift+I"),
                         lambda: window.tabs.setCurrentWidget(window.details))
    sheet_menu.addAction("Show the r&outines", QKeySequence("Ctrl+Shift+R"),
                         lambda: window.tabs.setCurrentWidget(window.routines_panel))

    help_menu = menu.addMenu("&Help")
    help_menu.addAction("&Guide", QKeySequence.StandardKey.HelpContents, window.show_guide)
    help_menu.addAction("&About BackPoints", window.show_about)
