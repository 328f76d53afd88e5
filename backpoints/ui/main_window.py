"""The main window: builds the panels, lays them out and maps the menu actions.

State lives in BrowseState (what is looked at) and SheetDocument (the sheet being
composed); printing in SheetOutput. The panels talk to those, not to each other,
and this window does not relay between them.
"""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QShowEvent, QUndoGroup
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .. import paths
from ..core.files import DataError
from ..core.model import Dataset
from ..core.wording import DISCLAIMER
from ..datasets import load
from .appearance import Appearance, WarningLabel
from .bodymap import BodyMapView
from .details import DetailsPanel
from .map_toolbar import FigureToolBar, LayerActions, PainToolBar
from .messages import show_data_error, show_message
from .search_panel import SearchPanel
from .sheet_document import SheetDocument
from .sheet_files import SheetFiles
from .sheet_output import SheetOutput
from .sheet_panel import SheetPanel
from .state import BrowseState

if TYPE_CHECKING:
    from .diary import DiaryPanel

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """BackPoints' main window."""

    # Made by menus.build_menus; kept here for the panels and tests that use them.
    recent_menu: QMenu
    routine_menu: QMenu
    view_actions: dict[str, QAction]
    add_action: QAction
    appearance: Appearance

    def __init__(self, dataset: Dataset, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings
        self._splitter_state: QByteArray | None = None
        self.state = BrowseState(dataset, self)
        autosave = paths.autosave_file() if settings is not None else None
        self.document = SheetDocument(self.state, settings, autosave, self)
        self.output = SheetOutput(self)
        self.files = SheetFiles(self, self.document, self.output)
        # The file and output actions, as the menus, the Sheet tab and tests call them.
        self.new_sheet, self.open_sheet, self.save_sheet = (
            self.files.new_sheet, self.files.open_sheet, self.files.save_sheet)
        self.preview_sheet, self.print_sheet, self.export_sheet = (
            self.files.preview_sheet, self.files.print_sheet, self.files.export_sheet)
        self.resize(1400, 900)

        self.search_panel = SearchPanel(self.state, self)
        self.map = BodyMapView(self.state, self)
        self.details = DetailsPanel(self.state, self)
        self.sheet_panel = SheetPanel(self.document, self.state, self)
        self.tabs = QTabWidget(self)
        from .favourites import FavouritesState
        from .routines.panel import RoutinesPanel

        self.favourites = FavouritesState(parent=self)  # stars: read on first use, saved on each change
        self.details.attach_favourites(self.favourites)
        self.routines_panel = RoutinesPanel(self.state, self.document, self.favourites, self)
        self.tabs.addTab(self.details, "Details")
        self.tabs.addTab(self.sheet_panel, "Sheet")
        self.tabs.addTab(self.routines_panel, "Routines")

        map_box = QWidget(self)
        map_layout = QVBoxLayout(map_box)
        map_layout.setContentsMargins(0, 0, 0, 0)
        map_layout.setSpacing(0)
        self.figure_bar = FigureToolBar(self.state, map_box)
        self.pain_bar = PainToolBar(self.state, self.map, map_box)
        self.layer_actions = LayerActions(self.map, self, settings)  # the switches are kept in the settings
        self.pain_bar.addSeparator()
        self.pain_bar.addActions(self.layer_actions.all())
        map_layout.addWidget(self.figure_bar)
        map_layout.addWidget(self.pain_bar)
        map_layout.addWidget(self.map, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        for widget, stretch in ((self.search_panel, 0), (map_box, 1), (self.tabs, 0)):
            self.splitter.addWidget(widget)
            self.splitter.setStretchFactor(self.splitter.count() - 1, stretch)
        self.splitter.setSizes([280, 740, 380])
        self.splitter.setChildrenCollapsible(False)
        # The diary gets the window's whole width: a page beside the points, not a tab
        # squeezed next to the map. The page is made after the first paint, when the user
        # leaves keyboard and mouse alone for a moment, or when first asked for (its modules
        # and widgets were about 0.1 s of every start); it opens its file when first shown.
        self.pages = QTabWidget(self)
        self.pages.setDocumentMode(True)
        self.pages.addTab(self.splitter, "Points")
        self._diary: DiaryPanel | None = None
        self._diary_page = QWidget(self)  # stands in the Diary tab until the page is made
        self.pages.addTab(self._diary_page, "Diary")
        self.setCentralWidget(self.pages)
        self.undo_group = QUndoGroup(self)
        self.undo_group.addStack(self.document.undo_stack)
        self.undo_group.setActiveStack(self.document.undo_stack)
        self.pages.currentChanged.connect(self._on_page_changed)
        from .first_paint import after_first_paint

        after_first_paint(self.map.viewport(), self, self._make_diary_when_quiet)

        self.hover_label = QLabel(self)
        self.hover_label.setTextFormat(Qt.TextFormat.PlainText)  # point names are data, never markup
        disclaimer = WarningLabel(f"⚠ {DISCLAIMER}", self)  # red that reads on dark palettes too
        self.statusBar().addWidget(self.hover_label, 1)
        self.statusBar().addPermanentWidget(disclaimer)

        from .menus import build_menus

        build_menus(self)
        self.map.hover_changed.connect(self.hover_label.setText)
        self.map.add_requested.connect(self.document.add_point)
        self.details.add_to_sheet.connect(self.document.add_point)
        self.search_panel.add_list_action(self.add_action)
        self.sheet_panel.preview_requested.connect(self.preview_sheet)
        self.sheet_panel.print_requested.connect(self.print_sheet)
        self.sheet_panel.export_requested.connect(self.export_sheet)
        for source in (self.document.status, self.output.status):
            source.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.output.failed.connect(lambda title, text: show_message(self, title, text))
        self.files.sheet_shown.connect(lambda: self.tabs.setCurrentWidget(self.sheet_panel))
        self.document.sheet_changed.connect(self._show_sheet_count)
        self.document.path_changed.connect(self._update_title)
        self.document.modified_changed.connect(self._update_title)
        self.state.dataset_changed.connect(self._update_title)
        self.state.selection_changed.connect(self._show_details_tab)
        self.routines_panel.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.favourites.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.favourites.problem.connect(lambda text: show_message(self, "Your routines and favourites", text))
        self._update_title()

    # --- menus -------------------------------------------------------------------------
    # --- browsing --------------------------------------------------------------------------
    def clear_all(self) -> None:
        """No point selected and no query or filter of any kind."""
        self.state.select(None)
        self.state.clear_filters()

    def add_shown(self) -> None:
        self.state.finish_waiting()  # a query still waiting for the index: its own points, not the old list
        dataset = self.state.dataset
        self.document.add_points(dataset.points[i].code for i in self.state.rows)

    @property
    def diary_panel(self) -> DiaryPanel:
        """The Diary page, made on first use if idle time has not made it yet."""
        return self._diary if self._diary is not None else self._make_diary()

    def _make_diary(self) -> DiaryPanel:
        from .diary import DiaryPanel

        panel = DiaryPanel(self.state.dataset, parent=self)
        self._diary = panel
        panel.set_sheet_points(self.document.sheet.points)
        self.undo_group.addStack(panel.undo_stack)
        self.state.dataset_changed.connect(lambda: panel.set_dataset(self.state.dataset))
        self.document.sheet_changed.connect(lambda: panel.set_sheet_points(self.document.sheet.points))
        panel.status_message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        showing = self.pages.currentWidget() is self._diary_page
        index = self.pages.indexOf(self._diary_page)
        self.pages.insertTab(index, panel, "Diary")
        self.pages.removeTab(index + 1)
        self._diary_page.deleteLater()
        if showing:
            self.pages.setCurrentWidget(panel)
        panel.preload_chart_after_paint(None)  # pyqtgraph in idle time, the map having been painted
        return panel

    def _make_diary_when_quiet(self) -> None:
        from .idle import when_quiet

        when_quiet(self, lambda: self._diary is None and self._make_diary())

    def _on_page_changed(self, index: int) -> None:
        """Edit → Undo works on what is in front: the sheet, or the diary."""
        page = self.pages.widget(index)
        if page is self._diary_page:
            if self._diary is None:
                self._make_diary()  # shows it in the stand-in's place; this is called again
            return
        diary = self._diary if page is self._diary else None
        self.undo_group.setActiveStack(diary.undo_stack if diary is not None else self.document.undo_stack)

    def fill_routine_menu(self) -> None:
        self.routine_menu.clear()
        for routine_id, name in self.routines_panel.routines():
            action = self.routine_menu.addAction(name)
            action.triggered.connect(partial(self.routines_panel.make_sheet, routine_id))
        if self.routine_menu.isEmpty():
            self.routine_menu.addAction("No routines").setEnabled(False)

    def _show_details_tab(self, code: str) -> None:
        # Picked while composing the sheet: show what was picked (the Routines tab stays,
        # so a route or a guided session is not pulled away).
        if code and self.tabs.currentWidget() is self.sheet_panel:
            self.tabs.setCurrentWidget(self.details)

    def _show_sheet_count(self) -> None:
        count = len(self.document.sheet.points)
        self.tabs.setTabText(1, f"Sheet ({count})" if count else "Sheet")

    def _update_title(self) -> None:
        from ..resources import default_dataset_path

        dataset = self.state.dataset
        bundled = not dataset.path or Path(dataset.path) == default_dataset_path()
        extra = "" if bundled else f" ({dataset.title or Path(dataset.path).name})"
        self.setWindowTitle(f"{self.document.display_name}[*] — BackPoints{extra}")
        self.setWindowModified(self.document.is_modified)

    # --- datasets ------------------------------------------------------------------------------
    def open_dataset_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open dataset", "", "Point datasets (*.yaml *.yml);;All files (*)")
        if path:
            self.open_dataset(path)

    def open_dataset(self, path: str | None) -> bool:
        """Load another dataset (None: the bundled one); on any problem, say what and keep the current one.

        The sheet keeps its codes; any the new dataset lacks are marked on the sheet
        and named before it is printed or exported.
        """
        try:
            dataset = load(path, cached=True)
        except DataError as exc:
            log.warning("could not open a dataset (%d problems)", len(exc.problems))
            show_data_error(self, "The dataset could not be opened", exc, "The points on screen are unchanged.")
            return False
        self.state.set_dataset(dataset)
        missing = self.document.missing_codes()
        if missing:
            self.statusBar().showMessage(f"Not in this dataset, left off printed sheets: {', '.join(missing[:8])}", 8000)
        return True

    # --- sheet files ------------------------------------------------------------------------------
    def fill_recent_menu(self) -> None:
        self.files.fill_recent_menu(self.recent_menu)

    # --- help ------------------------------------------------------------------------------------
    def show_guide(self) -> None:
        from .guide import GuideDialog

        dialog = self.findChild(GuideDialog)
        if dialog is None:
            dialog = GuideDialog(self.output, self)
        dialog.show()
        dialog.raise_()

    def show_about(self) -> None:
        from .. import __version__

        box = QMessageBox(QMessageBox.Icon.Information, "About BackPoints",
                          f"BackPoints {__version__}\n\nA desktop reference of acupuncture and acupressure "
                          "points used for back pain. Locations follow the WHO Standard Acupuncture Point "
                          f"Locations in the Western Pacific Region (2008).\n\n{DISCLAIMER}",
                          QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setObjectName("about")
        box.open()

    # --- window state ------------------------------------------------------------------------------
    def restore_state(self) -> None:
        """Size, splitter, view and last point from the settings; the kept sheet after the first paint."""
        settings = self.settings
        if settings is None:
            return
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        splitter = settings.value("window/splitter")
        if isinstance(splitter, QByteArray):
            # Applied once the window is laid out (showEvent): the splitter sits in a
            # page that has no size before that.
            self._splitter_state = splitter
        self.state.set_view(str(settings.value("map/view", "back")))
        self.state.select(str(settings.value("map/selected", "") or ""))
        from .first_paint import after_first_paint

        after_first_paint(self.map.viewport(), self, self.document.restore)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.state.build_index_when_idle(250)  # after the first paint, in slices (perf, issue 20)
        state, self._splitter_state = self._splitter_state, None
        if state is not None:
            self.splitter.restoreState(state)
            # A damaged value (sizes of 2**31) could hide the map or the details for good.
            sizes = self.splitter.sizes()
            if len(sizes) != 3 or min(sizes) < 40 or max(sizes) > 20000:
                self.splitter.setSizes([280, 740, 380])

    def save_state(self) -> None:
        settings = self.settings
        if settings is None:
            return
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/splitter", self.splitter.saveState())
        settings.setValue("map/view", self.state.view)
        settings.setValue("map/selected", self.state.selected_code)
        # QSettings writes atomically: a failed write leaves the previous file as it was.
        settings.sync()
        if settings.status() != QSettings.Status.NoError:
            log.warning("settings could not be saved to %s (%s); the previous settings are kept",
                        settings.fileName(), settings.status().name)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.may_close():
            event.ignore()
            return
        self.save_state()
        if self._diary is not None:
            self._diary.close_diary()
        self.appearance.restore_system()  # the application's font and palette as they were (kept in the settings)
        super().closeEvent(event)
