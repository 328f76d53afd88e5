"""The main window: search panel, body map and details, wired together with signals."""

from __future__ import annotations

import logging

from PySide6.QtCore import QByteArray, QItemSelectionModel, QSettings, Qt, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.model import VIEW_LABELS, VIEWS, Dataset
from ..core.search import SearchIndex
from ..core.yamlread import DataError
from .body_map import BodyMapView
from .details import DISCLAIMER, DetailsPanel
from .point_model import PointListModel
from .search_panel import SearchPanel

log = logging.getLogger(__name__)

PAIN_MODES = (("all", "All points"), ("lower", "Lower back"), ("upper", "Upper back"))


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
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([300, 700, 400])
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
            button.setText(VIEW_LABELS[view])
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
        self.open_action = file_menu.addAction("&Open dataset…", QKeySequence.StandardKey.Open, self.open_dataset_dialog)
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
            self.map.set_result({self.dataset.points[i].code for i in rows})
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

    def save_state(self) -> None:
        settings = self.settings
        if settings is None:
            return
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/splitter", self.splitter.saveState())
        settings.setValue("map/view", self.map.current_view)
        settings.setValue("map/selected", self.details.point.code if self.details.point else "")
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)
