"""The sheet panel: compose the point sheet (title, name, date, notes, ordered points)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.model import Dataset
from ..core.sheet import Preset, Sheet, preset_sheet, presets, today


class SheetPanel(QWidget):
    """Holds the current Sheet; every edit replaces it and emits sheet_changed."""

    sheet_changed = Signal()
    preview_requested = Signal()
    print_requested = Signal()
    export_requested = Signal()

    def __init__(self, dataset: Dataset, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dataset = dataset
        self.sheet = Sheet(date=today())
        self._updating = False

        self.title = QLineEdit(self)
        self.title.setAccessibleName("Sheet title")
        self.name = QLineEdit(self)
        self.name.setPlaceholderText("optional")
        self.name.setAccessibleName("Name of the person the sheet is for")
        self.date = QDateEdit(self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setAccessibleName("Date")
        self.paper = QComboBox(self)
        self.paper.addItem("A4", "a4")
        self.paper.addItem("US Letter", "letter")
        self.technique = QComboBox(self)
        self.technique.addItem("Self-care pressure (for patients)", "self-care")
        self.technique.addItem("Needling (for practitioners)", "needling")
        self.notes = QPlainTextEdit(self)
        self.notes.setPlaceholderText("Notes for the person (optional)")
        self.notes.setAccessibleName("Notes")
        self.notes.setMaximumHeight(80)

        self.list = QListWidget(self)
        self.list.setAccessibleName("Points on the sheet")
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.model().rowsMoved.connect(self._on_rows_moved)
        remove = QAction("Remove from sheet", self.list)
        remove.setShortcut(Qt.Key.Key_Delete)
        remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        remove.triggered.connect(self.remove_selected)
        self.list.addAction(remove)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        self.up_button = QPushButton("Move up", self)
        self.down_button = QPushButton("Move down", self)
        self.remove_button = QPushButton("Remove", self)
        self.clear_button = QPushButton("Clear", self)
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        self.remove_button.clicked.connect(self.remove_selected)
        self.clear_button.clicked.connect(self.clear_points)

        self.presets_button = QToolButton(self)
        self.presets_button.setText("Start from a preset")
        self.presets_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.presets_menu = QMenu(self.presets_button)
        self.presets_button.setMenu(self.presets_menu)
        self._fill_presets()

        self.preview_button = QPushButton("Preview…", self)
        self.print_button = QPushButton("Print…", self)
        self.export_button = QPushButton("Export PDF…", self)
        self.preview_button.clicked.connect(self.preview_requested)
        self.print_button.clicked.connect(self.print_requested)
        self.export_button.clicked.connect(self.export_requested)

        form = QFormLayout()
        form.addRow("Title", self.title)
        form.addRow("For", self.name)
        form.addRow("Date", self.date)
        form.addRow("Paper", self.paper)
        form.addRow("Explain", self.technique)
        edit_row = QGridLayout()  # two by two, so the panel stays narrow
        for i, button in enumerate((self.up_button, self.down_button, self.remove_button, self.clear_button)):
            edit_row.addWidget(button, i // 2, i % 2)
        output_row = QHBoxLayout()
        for button in (self.preview_button, self.print_button, self.export_button):
            output_row.addWidget(button)
        self.count = QLabel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.presets_button)
        layout.addLayout(form)
        layout.addWidget(self.notes)
        layout.addWidget(self.count)
        layout.addWidget(self.list, 1)
        layout.addLayout(edit_row)
        layout.addLayout(output_row)

        for widget, signal in (
            (self.title, self.title.textChanged),
            (self.name, self.name.textChanged),
            (self.date, self.date.dateChanged),
            (self.paper, self.paper.currentIndexChanged),
            (self.technique, self.technique.currentIndexChanged),
            (self.notes, self.notes.textChanged),
        ):
            signal.connect(self._on_field_edited)
        self.set_sheet(self.sheet)

    # --- from outside ------------------------------------------------------------------
    def set_dataset(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self._fill_presets()
        self._fill_list()

    def set_sheet(self, sheet: Sheet) -> None:
        """Show another sheet (opened, preset or restored)."""
        self._updating = True
        self.sheet = sheet
        self.title.setText(sheet.title)
        self.name.setText(sheet.name)
        date = QDate.fromString(sheet.date, "yyyy-MM-dd")
        self.date.setDate(date if date.isValid() else QDate.currentDate())
        self.paper.setCurrentIndex(max(0, self.paper.findData(sheet.paper)))
        self.technique.setCurrentIndex(max(0, self.technique.findData(sheet.technique)))
        if self.notes.toPlainText() != sheet.notes:
            self.notes.setPlainText(sheet.notes)
        self._updating = False
        self._fill_list()
        self.sheet_changed.emit()

    def add_point(self, code: str) -> bool:
        """Add a point at the end; False when it is already there or unknown."""
        if self.dataset.point(code) is None or code in self.sheet.points:
            return False
        self._replace(self.sheet.with_point(code))
        return True

    def remove_selected(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self._replace(self.sheet.without_point(item.data(Qt.ItemDataRole.UserRole)))

    def move_selected(self, step: int) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        code = self.sheet.points[row]
        self._replace(self.sheet.moved(code, row + step))
        self.list.setCurrentRow(self.sheet.points.index(code))

    def clear_points(self) -> None:
        self._replace(replace(self.sheet, points=()))

    def apply_preset(self, preset: Preset) -> None:
        self.set_sheet(preset_sheet(preset, name=self.sheet.name, paper=self.sheet.paper,
                                    technique=self.sheet.technique))

    # --- internals ---------------------------------------------------------------------
    def _replace(self, sheet: Sheet) -> None:
        self.sheet = sheet
        self._fill_list()
        self.sheet_changed.emit()

    def _fill_presets(self) -> None:
        self.presets_menu.clear()
        for preset in presets(self.dataset):
            action = self.presets_menu.addAction(f"{preset.title} ({len(preset.codes)} points)")
            action.triggered.connect(lambda _=False, p=preset: self.apply_preset(p))

    def _fill_list(self) -> None:
        current = self.list.currentRow()
        self.list.blockSignals(True)
        self.list.clear()
        for number, code in enumerate(self.sheet.points, start=1):
            point = self.dataset.point(code)
            text = f"{number}.  {code}  {point.pinyin}  ·  {point.name}" if point else f"{number}.  {code}  (not in this dataset)"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, code)
            self.list.addItem(item)
        if 0 <= current < self.list.count():
            self.list.setCurrentRow(current)
        self.list.blockSignals(False)
        count = len(self.sheet.points)
        self.count.setText("No points yet: use “Add to sheet” or a preset." if not count else f"{count} point{'s' if count != 1 else ''} on the sheet")
        for button in (self.preview_button, self.print_button, self.export_button, self.clear_button):
            button.setEnabled(count > 0)

    def _on_rows_moved(self, *args: object) -> None:
        codes = tuple(self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count()))
        if codes != self.sheet.points:
            self._replace(replace(self.sheet, points=codes))

    def _on_field_edited(self, *args: object) -> None:
        if self._updating:
            return
        self.sheet = replace(
            self.sheet,
            title=self.title.text(),
            name=self.name.text(),
            date=self.date.date().toString("yyyy-MM-dd"),
            paper=str(self.paper.currentData()),
            technique=str(self.technique.currentData()),
            notes=self.notes.toPlainText(),
        )
        self.sheet_changed.emit()
