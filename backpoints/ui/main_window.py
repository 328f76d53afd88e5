"""The main window: search panel, body map and details, wired together with signals."""

from __future__ import annotations

import logging

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QByteArray, QItemSelectionModel, QSettings, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.model import VIEW_LABELS, VIEWS, Dataset
from ..core.search import SearchIndex
from ..core.sheet import Sheet, load_sheet, resolve, save_sheet, today
from ..core.files import DataError
from .body_map import BodyMapView
from .details import DISCLAIMER, DetailsPanel
from .point_model import PointListModel
from .search_panel import SearchPanel
from .sheet_panel import SheetPanel

log = logging.getLogger(__name__)

PAIN_MODES = (("all", "All"), ("lower", "Lower back"), ("upper", "Upper back"))
#: Short toolbar labels, so the figure buttons fit a narrow window; menus use VIEW_LABELS.
SHORT_VIEW_LABELS = {"front": "Front", "back": "Back", "hand": "Hand", "foot-lateral": "Outer foot",
                     "foot-medial": "Inner foot"}


class MainWindow(QMainWindow):
    """BackPoints' main window."""

    def __init__(self, dataset: Dataset, settings: QSettings | None = None) -> None:
        super().__init__()
        self.dataset = dataset
        self.settings = settings
        self._index: SearchIndex | None = None
        self.setWindowTitle(self._title())
        self.resize(1400, 900)

        self.model = PointListModel(dataset, self)
        self.search_panel = SearchPanel(self.model, self)
        self.map = BodyMapView(dataset, self)
        self.details = DetailsPanel(self)
        self.sheet_panel = SheetPanel(dataset, self)
        self.sheet_path: str | None = None
        self._printer = None
        self.last_message: tuple[str, str] | None = None
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.details, "Details")
        self.tabs.addTab(self.sheet_panel, "Sheet")

        map_box = QWidget(self)
        map_layout = QVBoxLayout(map_box)
        map_layout.setContentsMargins(0, 0, 0, 0)
        map_layout.setSpacing(0)
        for bar in self._map_toolbars():
            map_layout.addWidget(bar)
        map_layout.addWidget(self.map, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.search_panel)
        self.splitter.addWidget(map_box)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([280, 740, 380])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.hover_label = QLabel(self)
        disclaimer = QLabel(f"⚠ {DISCLAIMER}", self)
        disclaimer.setStyleSheet("color: #8a1c1c; font-weight: bold; padding: 0 6px;")
        self.statusBar().addWidget(self.hover_label, 1)
        self.statusBar().addPermanentWidget(disclaimer)

        self._build_menus()
        self.search_panel.filters_changed.connect(self.apply_search)
        self.search_panel.list.selectionModel().currentChanged.connect(self._on_list_current)
        self.search_panel.list.activated.connect(self._on_list_current)
        self.map.point_clicked.connect(self.select_point)
        self.map.area_clicked.connect(self.toggle_area)
        self.map.hover_changed.connect(self.hover_label.setText)
        self.map.view_changed.connect(self._on_view_changed)
        self.map.cleared.connect(self.clear_selection)
        self.details.show_on_map.connect(lambda code: self.map.select_point(code, reveal=True))
        self.details.add_to_sheet.connect(self.add_to_sheet)
        self.map.add_requested.connect(self.add_to_sheet)
        self.search_panel.list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.search_panel.list.addAction(self.add_action)
        self.sheet_panel.sheet_changed.connect(self._on_sheet_changed)
        self.sheet_panel.preview_requested.connect(self.preview_sheet)
        self.sheet_panel.print_requested.connect(self.print_sheet_dialog)
        self.sheet_panel.export_requested.connect(self.export_pdf_dialog)
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(800)
        self._autosave.timeout.connect(self.autosave_sheet)
        self.apply_search()

    def _title(self) -> str:
        name = self.dataset.title
        return f"BackPoints: {name}" if name else "BackPoints"

    # --- building ------------------------------------------------------------------
    def _map_toolbars(self) -> tuple[QToolBar, QToolBar]:
        bar = QToolBar("Figures", self)
        bar.setObjectName("figure-toolbar")
        self.view_group = QButtonGroup(self)
        self.view_buttons: dict[str, QToolButton] = {}
        for view in VIEWS:
            button = QToolButton(bar)
            button.setText(SHORT_VIEW_LABELS.get(view, VIEW_LABELS[view]))
            button.setToolTip(f"{VIEW_LABELS[view]} (Ctrl+{VIEWS.index(view) + 1})")
            button.setCheckable(True)
            button.setAccessibleName(f"Show the {VIEW_LABELS[view]} figure")
            button.clicked.connect(lambda _=False, v=view: self.map.show_view(v))
            self.view_group.addButton(button)
            self.view_buttons[view] = button
            bar.addWidget(button)
        self.view_buttons[self.map.current_view].setChecked(True)
        figures = bar
        bar = QToolBar("Pain type and zoom", self)
        bar.setObjectName("pain-toolbar")
        pain_box = QWidget(bar)
        pain_layout = QHBoxLayout(pain_box)
        pain_layout.setContentsMargins(0, 0, 0, 0)
        pain_layout.addWidget(QLabel("Pain:", pain_box))
        self.pain_group = QButtonGroup(self)
        self.pain_buttons: dict[str, QToolButton] = {}
        for mode, label in PAIN_MODES:
            button = QToolButton(pain_box)
            button.setText(label)
            button.setCheckable(True)
            button.setAccessibleName(f"Pain type: {label}")
            button.clicked.connect(lambda _=False, m=mode: self.set_pain_mode(m))
            self.pain_group.addButton(button)
            self.pain_buttons[mode] = button
            pain_layout.addWidget(button)
        self.pain_buttons["all"].setChecked(True)
        bar.addWidget(pain_box)
        bar.addSeparator()
        for text, tip, slot in (
            ("−", "Zoom out (Ctrl+−)", lambda: self.map.zoom_by(0.8)),
            ("+", "Zoom in (Ctrl++)", lambda: self.map.zoom_by(1.25)),
            ("Fit", "Fit the figure to the window (Ctrl+0)", self.map.fit),
        ):
            action = bar.addAction(text)
            action.setToolTip(tip)
            action.triggered.connect(slot)
        return figures, bar

    def _build_menus(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        file_menu.addAction("&New sheet", QKeySequence.StandardKey.New, self.new_sheet)
        file_menu.addAction("&Open sheet…", QKeySequence.StandardKey.Open, self.open_sheet_dialog)
        self.recent_menu = file_menu.addMenu("Open &recent sheet")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addAction("&Save sheet", QKeySequence.StandardKey.Save, self.save_sheet)
        file_menu.addAction("Save sheet &as…", QKeySequence.StandardKey.SaveAs, self.save_sheet_as)
        file_menu.addSeparator()
        file_menu.addAction("Print pre&view…", QKeySequence("Ctrl+Shift+P"), self.preview_sheet)
        self.print_action = file_menu.addAction("&Print sheet…", QKeySequence.StandardKey.Print, self.print_sheet_dialog)
        file_menu.addAction("&Export sheet as PDF…", QKeySequence("Ctrl+E"), self.export_pdf_dialog)
        file_menu.addSeparator()
        self.open_action = file_menu.addAction("Open &dataset…", QKeySequence("Ctrl+Shift+O"), self.open_dataset_dialog)
        file_menu.addAction("Use the &bundled dataset", self.use_bundled_dataset)
        file_menu.addSeparator()
        self.file_menu = file_menu
        quit_action = file_menu.addAction("&Quit", QKeySequence.StandardKey.Quit, self.close)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        view_menu = menu.addMenu("&View")
        group = QActionGroup(self)
        self.view_actions: dict[str, QAction] = {}
        for number, view in enumerate(VIEWS, start=1):
            action = view_menu.addAction(f"{VIEW_LABELS[view]} figure")
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.setCheckable(True)
            action.triggered.connect(lambda _=False, v=view: self.map.show_view(v))
            group.addAction(action)
            self.view_actions[view] = action
        self.view_actions[self.map.current_view].setChecked(True)
        view_menu.addSeparator()
        view_menu.addAction("Zoom &in", QKeySequence.StandardKey.ZoomIn, lambda: self.map.zoom_by(1.25))
        view_menu.addAction("Zoom &out", QKeySequence.StandardKey.ZoomOut, lambda: self.map.zoom_by(0.8))
        view_menu.addAction("&Fit to window", QKeySequence("Ctrl+0"), self.map.fit)
        view_menu.addSeparator()
        find = view_menu.addAction("&Find point…", QKeySequence.StandardKey.Find, self.focus_search)
        find.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        view_menu.addAction("&Clear selection and filters", QKeySequence("Ctrl+Shift+Backspace"), self.clear_all)

        sheet_menu = menu.addMenu("&Sheet")
        self.add_action = sheet_menu.addAction("&Add selected point to sheet", QKeySequence("Ctrl+D"), self.add_selected_to_sheet)
        self.add_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        sheet_menu.addAction("Show the &sheet", QKeySequence("Ctrl+Shift+S"), lambda: self.tabs.setCurrentWidget(self.sheet_panel))

        help_menu = menu.addMenu("&Help")
        help_menu.addAction("&Guide", QKeySequence.StandardKey.HelpContents, self.show_guide)
        help_menu.addAction("&About BackPoints", self.show_about)

    # --- search and selection --------------------------------------------------------
    def search_index(self) -> SearchIndex:
        """Built on first use: start-up shows all points without it."""
        if self._index is None or self._index.dataset is not self.dataset:
            self._index = SearchIndex(self.dataset)
        return self._index

    @Slot()
    def apply_search(self) -> None:
        """Run the query with the filters; update the list, count and map."""
        panel = self.search_panel
        selected = self.details.point.code if self.details.point else None
        if panel.is_filtering():
            rows = self.search_index().search_indices(panel.query(), panel.filters())
            points = self.dataset.points
            self.map.set_result({points[i].code for i in rows})
        else:
            rows = list(range(len(self.dataset.points)))
            self.map.set_result(None)
        self.model.set_rows(rows)
        self.map.set_areas(panel.areas())
        panel.show_count(len(rows), len(self.dataset.points))
        if selected is not None:
            self._select_row(selected)

    def _select_row(self, code: str) -> None:
        row = self.model.row_of(code)
        view = self.search_panel.list
        selection = view.selectionModel()
        selection.blockSignals(True)
        if row >= 0:
            index = self.model.index(row)
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            view.scrollTo(index)
        else:
            selection.clear()
        selection.blockSignals(False)
        view.viewport().update()

    @Slot(str)
    def select_point(self, code: str) -> None:
        """Select a point from the map (or anywhere): details, list and markers follow."""
        point = self.dataset.point(code)
        if point is None:
            return
        self.details.show_point(point, self.dataset)
        self.map.select_point(code)
        self._select_row(code)

    def _on_list_current(self, index: object) -> None:
        if not getattr(index, "isValid", lambda: False)():
            return
        point = self.model.point_at(index.row())  # type: ignore[attr-defined]
        self.details.show_point(point, self.dataset)
        self.map.select_point(point.code, reveal=True)

    @Slot()
    def clear_selection(self) -> None:
        """Escape: no point selected, no area filter."""
        self.details.show_point(None, None)
        self.map.select_point(None)
        self.search_panel.list.selectionModel().clear()
        self.search_panel.set_areas(frozenset())

    def clear_all(self) -> None:
        self.search_panel.search.clear()
        self.clear_selection()

    @Slot(str)
    def toggle_area(self, area: str) -> None:
        """Clicking a region filters to it; clicking it again clears the area filter."""
        areas = self.search_panel.areas()
        self.search_panel.set_areas(frozenset() if areas == {area} else frozenset({area}))

    def set_pain_mode(self, mode: str) -> None:
        """The pain toggle colours the map and filters the list."""
        self.pain_buttons[mode].setChecked(True)
        self.map.set_pain_mode(mode)
        self.search_panel.set_pain("" if mode == "all" else mode)

    def _on_view_changed(self, view: str) -> None:
        self.view_buttons[view].setChecked(True)
        self.view_actions[view].setChecked(True)

    def focus_search(self) -> None:
        self.search_panel.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_panel.search.selectAll()

    # --- datasets --------------------------------------------------------------------
    def open_dataset_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open dataset", "", "Point datasets (*.yaml *.yml);;All files (*)")
        if path:
            self.open_dataset(path)

    def open_dataset(self, path: str) -> bool:
        """Load another dataset; on any problem, say what and keep the current one."""
        from ..core.loader import load_dataset

        try:
            dataset = load_dataset(path)
        except DataError as exc:
            log.warning("could not open dataset %s: %s", path, exc)
            self._show_data_error("The dataset could not be opened", exc)
            return False
        self.set_dataset(dataset)
        return True

    def use_bundled_dataset(self) -> None:
        from ..resources import default_dataset_path

        self.open_dataset(str(default_dataset_path()))

    def _show_data_error(self, title: str, exc: DataError) -> None:
        lines = [str(p) for p in exc.problems]
        shown = "\n".join(lines[:12]) + (f"\n… and {len(lines) - 12} more" if len(lines) > 12 else "")
        box = QMessageBox(QMessageBox.Icon.Warning, title, f"{title}. The points on screen are unchanged.", parent=self)
        box.setInformativeText(shown)
        box.setDetailedText("\n".join(lines))
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setObjectName("data-error")
        box.open()
        self.last_error_box = box

    def set_dataset(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self._index = None
        self.model.set_dataset(dataset)
        self.map.set_dataset(dataset)
        self.sheet_panel.set_dataset(dataset)
        self.details.show_point(None, None)
        self.setWindowTitle(self._title())
        self.apply_search()

    # --- dialogs ---------------------------------------------------------------------
    def show_guide(self) -> None:
        from .guide import GuideDialog

        dialog = getattr(self, "_guide", None)
        if dialog is None:
            dialog = GuideDialog(self)
            self._guide = dialog
        dialog.show()
        dialog.raise_()

    def show_about(self) -> None:
        from .. import __version__

        QMessageBox.about(
            self,
            "About BackPoints",
            f"<b>BackPoints {__version__}</b><p>A desktop reference of acupuncture and acupressure "
            "points used for back pain. Locations follow the WHO Standard Acupuncture Point "
            "Locations in the Western Pacific Region (2008).</p>"
            f"<p><b>{DISCLAIMER}</b></p>",
        )

    # --- state -----------------------------------------------------------------------
    def restore_state(self) -> None:
        """Size, splitter, view and last point from the settings."""
        settings = self.settings
        if settings is None:
            return
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        splitter = settings.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        view = str(settings.value("map/view", "back"))
        if view in VIEWS:
            self.map.show_view(view)
        code = str(settings.value("map/selected", "") or "")
        if code and self.dataset.point(code) is not None:
            self.select_point(code)
        # The sheet tab is not on the first screen: bring the kept sheet back just after it.
        QTimer.singleShot(0, self.restore_autosaved_sheet)

    def save_state(self) -> None:
        settings = self.settings
        if settings is None:
            return
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/splitter", self.splitter.saveState())
        settings.setValue("map/view", self.map.current_view)
        settings.setValue("map/selected", self.details.point.code if self.details.point else "")
        # QSettings writes atomically (setAtomicSyncRequired is on by default): a failed
        # write leaves the previous file as it was, and we say so in the log.
        settings.sync()
        if settings.status() != QSettings.Status.NoError:
            log.warning("settings could not be saved to %s (%s); the previous settings are kept",
                        settings.fileName(), settings.status().name)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        if self.settings is not None:
            self.autosave_sheet()
        super().closeEvent(event)

    # --- sheets -------------------------------------------------------------------------
    @Slot(str)
    def add_to_sheet(self, code: str) -> None:
        """Add a point to the sheet and say so."""
        if self.sheet_panel.add_point(code):
            self.statusBar().showMessage(f"{code} added to the sheet ({len(self.sheet_panel.sheet.points)} points)", 4000)
        else:
            self.statusBar().showMessage(f"{code} is already on the sheet", 4000)

    def add_selected_to_sheet(self) -> None:
        if self.details.point is not None:
            self.add_to_sheet(self.details.point.code)

    def _on_sheet_changed(self) -> None:
        count = len(self.sheet_panel.sheet.points)
        self.tabs.setTabText(1, f"Sheet ({count})" if count else "Sheet")
        if self.settings is not None:
            self._autosave.start()

    def _autosave_path(self) -> Path:
        from .. import paths

        return paths.autosave_file()

    def autosave_sheet(self) -> None:
        """Keep the sheet being composed, so a crash or a restart never loses it."""
        from .. import paths

        try:
            paths.ensure(paths.data_dir())  # owner-only: what someone is treating is private
            save_sheet(self.sheet_panel.sheet, self._autosave_path())
        except OSError as exc:
            log.warning("could not keep the current sheet: %s", exc)

    def restore_autosaved_sheet(self) -> None:
        path = self._autosave_path()
        if not path.exists():
            return
        try:
            sheet = load_sheet(path)
        except DataError as exc:
            log.warning("the kept sheet %s is unreadable, starting a new one: %s", path, exc)
            return
        self.sheet_panel.set_sheet(sheet)

    def new_sheet(self) -> None:
        self.sheet_panel.set_sheet(Sheet(date=today()))
        self.sheet_path = None
        self.tabs.setCurrentWidget(self.sheet_panel)

    def open_sheet_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open sheet", self._sheet_folder(), "BackPoints sheets (*.bpsheet.yaml *.yaml *.yml);;All files (*)")
        if path:
            self.open_sheet(path)

    def open_sheet(self, path: str) -> bool:
        """Open a saved sheet; problems are shown and the current sheet stays."""
        try:
            sheet = load_sheet(path)
        except DataError as exc:
            log.warning("could not open sheet %s: %s", path, exc)
            self._show_data_error("The sheet could not be opened", exc)
            return False
        _, missing = resolve(sheet, self.dataset)
        if missing:
            sheet = replace(sheet, points=tuple(c for c in sheet.points if c not in missing))
            self.message("Some points are not in this dataset",
                         f"Left out of the sheet because the dataset has no such point: {', '.join(missing)}.")
        self.sheet_panel.set_sheet(sheet)
        self.sheet_path = path
        self._remember_recent(path)
        self.tabs.setCurrentWidget(self.sheet_panel)
        return True

    def save_sheet(self) -> bool:
        if self.sheet_path is None:
            return self.save_sheet_as()
        return self.save_sheet_to(self.sheet_path)

    def save_sheet_as(self) -> bool:
        suggested = str(Path(self._sheet_folder()) / f"{self.sheet_panel.sheet.title or 'sheet'}.bpsheet.yaml")
        path, _ = QFileDialog.getSaveFileName(self, "Save sheet", suggested, "BackPoints sheets (*.bpsheet.yaml)")
        return bool(path) and self.save_sheet_to(path)

    def save_sheet_to(self, path: str) -> bool:
        """Save atomically; a failure leaves any earlier file intact and says why."""
        try:
            save_sheet(self.sheet_panel.sheet, path)
        except OSError as exc:
            self.message("The sheet was not saved", f"{path}: {exc.strerror or exc}. Any earlier copy is unchanged.")
            return False
        self.sheet_path = path
        self._remember_recent(path)
        self.statusBar().showMessage(f"Sheet saved to {path}", 4000)
        return True

    def _sheet_folder(self) -> str:
        from .. import paths

        if self.sheet_path:
            return str(Path(self.sheet_path).parent)
        return str(paths.documents_dir())

    def recent_sheets(self) -> list[str]:
        if self.settings is None:
            return []
        value = self.settings.value("sheets/recent", [])
        items = [value] if isinstance(value, str) else list(value or [])
        return [str(v) for v in items if v]

    def _remember_recent(self, path: str) -> None:
        if self.settings is None:
            return
        items = [path] + [p for p in self.recent_sheets() if p != path]
        self.settings.setValue("sheets/recent", items[:8])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        items = self.recent_sheets()
        for path in items:
            self.recent_menu.addAction(Path(path).name, lambda p=path: self.open_sheet(p)).setToolTip(path)
        if not items:
            self.recent_menu.addAction("No recent sheets").setEnabled(False)

    def message(self, title: str, text: str, icon: QMessageBox.Icon = QMessageBox.Icon.Warning) -> None:
        """A non-blocking message box (kept for tests as last_message)."""
        self.last_message = (title, text)
        box = QMessageBox(icon, title, text, parent=self)
        box.setObjectName("message")
        box.open()

    # --- printing (QtPrintSupport loads here, on first use) --------------------------------
    def printer(self):  # type: ignore[no-untyped-def]
        """One QPrinter for the session, so the user's choices persist between jobs."""
        from PySide6.QtPrintSupport import QPrinter

        if self._printer is None:
            self._printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        return self._printer

    def _sheet_ready(self) -> bool:
        if not self.sheet_panel.sheet.points:
            self.message("The sheet is empty", "Add points to the sheet first (Add to sheet, or a preset).")
            return False
        return True

    def preview_sheet(self) -> None:
        from PySide6.QtPrintSupport import QPrintPreviewDialog

        from ..printing.printer import prepare

        if not self._sheet_ready():
            return
        printer = self.printer()
        prepare(printer, self.sheet_panel.sheet)
        dialog = QPrintPreviewDialog(printer, self)
        dialog.setWindowTitle(f"Preview: {self.sheet_panel.sheet.title}")
        dialog.paintRequested.connect(self._paint_preview)
        dialog.resize(900, 1000)
        dialog.open()
        self.preview_dialog = dialog

    def _paint_preview(self, printer) -> None:  # type: ignore[no-untyped-def]
        from ..printing.renderer import PrintError, SheetLayout, paint_sheet

        try:
            paint_sheet(printer, SheetLayout(self.sheet_panel.sheet, self.dataset), printer.resolution())
        except PrintError as exc:
            self.message("The preview could not be drawn", str(exc))

    def print_sheet_dialog(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog

        if not self._sheet_ready():
            return
        printer = self.printer()
        dialog = QPrintDialog(printer, self)
        dialog.accepted.connect(lambda: self.print_sheet_now(printer))
        dialog.open()
        self.print_dialog = dialog

    def print_sheet_now(self, printer) -> bool:  # type: ignore[no-untyped-def]
        from ..printing.printer import print_sheet
        from ..printing.renderer import PrintError

        try:
            pages = print_sheet(printer, self.sheet_panel.sheet, self.dataset)
        except PrintError as exc:
            self.message("The sheet was not printed", str(exc))
            return False
        self.statusBar().showMessage(f"Sent {pages} pages to {printer.printerName() or 'the printer'}", 5000)
        return True

    def export_pdf_dialog(self) -> None:
        if not self._sheet_ready():
            return
        name = f"{self.sheet_panel.sheet.title or 'sheet'}.pdf"
        dialog = QFileDialog(self, "Export sheet as PDF", str(Path(self._sheet_folder()) / name), "PDF files (*.pdf)")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("pdf")
        dialog.fileSelected.connect(self.export_pdf)
        dialog.open()
        self.export_dialog = dialog

    def export_pdf(self, path: str) -> bool:
        from ..printing.renderer import PrintError, write_pdf

        try:
            pages = write_pdf(path, self.sheet_panel.sheet, self.dataset)
        except PrintError as exc:
            self.message("The PDF was not written", str(exc))
            return False
        self.statusBar().showMessage(f"Wrote {pages} pages to {path}", 5000)
        return True
