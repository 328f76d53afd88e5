"""The sheet panel: a view of the SheetDocument (title, name, date, notes, ordered points).

Every edit goes to the document as an undoable command; the panel shows what the
document holds and keeps no copy of the sheet.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
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
from .sheet_document import SheetDocument
from .state import BrowseState


class SheetPanel(QWidget):
    """Compose the sheet; output requests go out as signals to the window's actions."""

    preview_requested = Signal()
    print_requested = Signal()
    export_requested = Signal()

    def __init__(self, document: SheetDocument, state: BrowseState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.state = state

        self.title = QLineEdit(self)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText("optional")
        self.date = QLineEdit(self)
        self.date.setPlaceholderText("YYYY-MM-DD or any text")
        self.date.setToolTip("The date printed on the sheet; any text is kept as typed")
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
        self.notes.setTabChangesFocus(True)

        self.list = QListWidget(self)
        self._shown: tuple[Dataset, tuple[str, ...]] | None = None  # what the rows show
        self.list.setAccessibleName("Points on the sheet")
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.model().rowsMoved.connect(self._on_rows_moved)
        self.list.currentItemChanged.connect(self._on_current_item)
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
        self.clear_button.setToolTip("Remove every point (Edit → Undo brings them back)")
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        self.remove_button.clicked.connect(self.remove_selected)
        self.clear_button.clicked.connect(document.clear)

        # The window gives this button its "Start from a routine" menu (the routines
        # live in their own tab); an area's points are one click away with the area
        # filter and Sheet → Add all shown points.
        self.routine_button = QToolButton(self)
        self.routine_button.setText("Start from a routine")
        self.routine_button.setToolTip("Replace the points with a routine's points in press order "
                                       "(Edit → Undo brings back the sheet)")
        self.routine_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)

        self.preview_button = QPushButton("Preview…", self)
        self.print_button = QPushButton("Print…", self)
        self.export_button = QPushButton("Export PDF…", self)
        self.preview_button.clicked.connect(self.preview_requested)
        self.print_button.clicked.connect(self.print_requested)
        self.export_button.clicked.connect(self.export_requested)

        form = QFormLayout()
        for label, field in (("&Title", self.title), ("&For", self.name), ("&Date", self.date),
                             ("&Paper", self.paper), ("E&xplain", self.technique)):
            form.addRow(label, field)
            # The label names the field for screen readers (QLabel buddy), not the current value.
            field.setAccessibleName(label.replace("&", ""))
        edit_row = QGridLayout()  # two by two, so the panel stays narrow
        for i, button in enumerate((self.up_button, self.down_button, self.remove_button, self.clear_button)):
            edit_row.addWidget(button, i // 2, i % 2)
        output_row = QHBoxLayout()
        for button in (self.preview_button, self.print_button, self.export_button):
            output_row.addWidget(button)
        self.count = QLabel(self)
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.routine_button)
        layout.addLayout(form)
        layout.addWidget(self.notes)
        layout.addWidget(self.count)
        layout.addWidget(self.list, 1)
        layout.addLayout(edit_row)
        layout.addLayout(output_row)

        self.title.textEdited.connect(lambda text: document.set_field("title", text))
        self.name.textEdited.connect(lambda text: document.set_field("name", text))
        self.date.textEdited.connect(lambda text: document.set_field("date", text))
        self.paper.activated.connect(lambda _i: document.set_field("paper", str(self.paper.currentData())))
        self.technique.activated.connect(lambda _i: document.set_field("technique", str(self.technique.currentData())))
        self.notes.textChanged.connect(self._on_notes_edited)
        document.sheet_changed.connect(self._show_sheet)
        state.dataset_changed.connect(self._show_sheet)
        self._show_sheet()

    def set_routine_menu(self, menu: QMenu) -> None:
        """The "Start from a routine" menu (the window fills it from the Routines tab)."""
        self.routine_button.setMenu(menu)

    # --- edits ------------------------------------------------------------------------------
    def current_code(self) -> str:
        item = self.list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else ""

    def remove_selected(self) -> None:
        code = self.current_code()
        if code:
            self.document.remove_point(code)

    def move_selected(self, step: int) -> None:
        code = self.current_code()
        if code:
            self.document.move_point(code, self.document.sheet.points.index(code) + step)

    # --- from the document --------------------------------------------------------------------
    def _show_sheet(self) -> None:
        sheet = self.document.sheet
        for field, value in ((self.title, sheet.title), (self.name, sheet.name), (self.date, sheet.date)):
            if field.text() != value:
                field.setText(value)
        with QSignalBlocker(self.notes):
            if self.notes.toPlainText() != sheet.notes:
                self.notes.setPlainText(sheet.notes)
        self.paper.setCurrentIndex(max(0, self.paper.findData(sheet.paper)))
        self.technique.setCurrentIndex(max(0, self.technique.findData(sheet.technique)))
        self._fill_list()

    def _fill_list(self) -> None:
        sheet = self.document.sheet
        dataset = self.state.dataset
        codes = sheet.points
        current = self.current_code()
        shown, self._shown = self._shown, (dataset, codes)
        # Rows that still show the same code at the same number stay; only the rest is
        # rebuilt, so adding a point to a long sheet costs one row (issue 20).
        keep = 0
        if shown is not None and shown[0] is dataset:
            before = shown[1]
            if codes[: len(before)] == before:
                keep = len(before)
            else:
                while keep < min(len(before), len(codes)) and before[keep] == codes[keep]:
                    keep += 1
        with QSignalBlocker(self.list):
            if keep == 0:
                self.list.clear()
            else:
                for row in range(self.list.count() - 1, keep - 1, -1):
                    self.list.takeItem(row)
            for number, code in enumerate(codes[keep:], start=keep + 1):
                point = dataset.point(code)
                text = (f"{number}.  {code}  {point.pinyin}  ·  {point.name}" if point
                        else f"{number}.  {code}  (not in this dataset)")
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, code)
                self.list.addItem(item)
            if current and self.current_code() != current and current in codes:
                self.list.setCurrentRow(codes.index(current))
        count = len(sheet.points)
        self.count.setText("No points yet: use “Add to sheet” or a routine." if not count
                           else f"{count} point{'s' if count != 1 else ''} on the sheet")
        for button in (self.preview_button, self.print_button, self.export_button, self.clear_button):
            button.setEnabled(count > 0)
        self._update_buttons()

    # --- internals --------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        row = self.list.currentRow()
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.list.count() - 1)
        self.remove_button.setEnabled(row >= 0)

    def _on_current_item(self, *_args: object) -> None:
        self._update_buttons()

    def _on_rows_moved(self, *args: object) -> None:
        self._shown = None  # the rows were moved by the drag: renumber them all
        codes = tuple(str(self.list.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.list.count()))
        self.document.set_order(codes)

    def _on_notes_edited(self) -> None:
        self.document.set_field("notes", self.notes.toPlainText())
