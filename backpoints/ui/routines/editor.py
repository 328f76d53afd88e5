"""RoutineEditor: edit the user's own routine (name, step order, side, time, how)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.files import DataError
from ...core.model import Dataset
from ...core.routines import MAX_SECONDS, Routine, UserRoutines, parse_user_routines, user_routines_to_yaml

SIDE_LABELS = {"both": "Both (left, then right)", "left": "Left only", "right": "Right only", "midline": "Midline"}


class RoutineEditor(QWidget):
    """A table of steps: move, remove, change side and seconds; Save emits the routine."""

    routine_saved = Signal(object)  # Routine
    cancelled = Signal()

    def __init__(self, routine: Routine, dataset: Dataset, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dataset = dataset
        self.routine = routine
        self.name = QLineEdit(routine.name)
        self.name.setAccessibleName("Routine name")
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Point", "Side", "Seconds", "How"])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.up_button = QPushButton("Move up")
        self.down_button = QPushButton("Move down")
        self.remove_button = QPushButton("Remove step")
        self.save_button = QPushButton("Save")
        self.cancel_button = QPushButton("Cancel")
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a31515")
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.remove_button.clicked.connect(self._remove)
        self.save_button.clicked.connect(self._save)
        self.cancel_button.clicked.connect(self.cancelled)
        row = QHBoxLayout()
        for button in (self.up_button, self.down_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Name"))
        layout.addWidget(self.name)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(row)
        self._fill()

    def _fill(self, select: int = 0) -> None:
        self.table.setRowCount(len(self.routine.steps))
        for index, step in enumerate(self.routine.steps):
            point = self.dataset.point(step.point)
            label = QTableWidgetItem(f"{index + 1}. {step.point}" + (f" {point.pinyin}" if point else ""))
            label.setFlags(label.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(index, 0, label)
            side = QComboBox()
            sides = ("midline",) if step.side == "midline" else ("both", "left", "right")
            for key in sides:
                side.addItem(SIDE_LABELS[key], key)
            side.setCurrentIndex(sides.index(step.side))
            side.currentIndexChanged.connect(lambda _i, r=index, box=side: self._change(r, side=box.currentData()))
            self.table.setCellWidget(index, 1, side)
            seconds = QSpinBox()
            seconds.setRange(5, MAX_SECONDS)
            seconds.setSingleStep(15)
            seconds.setSuffix(" s")
            seconds.setValue(step.seconds or 60)
            seconds.valueChanged.connect(lambda value, r=index: self._change(r, seconds=value, count=0))
            self.table.setCellWidget(index, 2, seconds)
            how = QTableWidgetItem(step.how)
            self.table.setItem(index, 3, how)
        self.table.resizeColumnsToContents()
        if self.routine.steps:
            self.table.selectRow(max(0, min(select, len(self.routine.steps) - 1)))
        self.remove_button.setEnabled(len(self.routine.steps) > 1)

    def _change(self, row: int, **changes: object) -> None:
        self.routine = self.routine.with_step(row, **changes)

    def _current_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    @Slot()
    def _move(self, offset: int) -> None:
        row = self._current_row()
        target = row + offset
        if row < 0 or not 0 <= target < len(self.routine.steps):
            return
        self._collect_how()
        self.routine = self.routine.with_step_moved(row, target)
        self._fill(target)

    @Slot()
    def _remove(self) -> None:
        row = self._current_row()
        if row < 0 or len(self.routine.steps) <= 1:
            return
        self._collect_how()
        self.routine = self.routine.without_step(row)
        self._fill(row)

    def _collect_how(self) -> None:
        for index in range(self.table.rowCount()):
            item = self.table.item(index, 3)
            if item is not None and item.text() != self.routine.steps[index].how:
                self.routine = self.routine.with_step(index, how=item.text())

    def edited(self) -> Routine:
        """The routine as it stands in the editor."""
        self._collect_how()
        return replace(self.routine, name=self.name.text().strip() or self.routine.name)

    @Slot()
    def _save(self) -> None:
        routine = self.edited()
        # The same validator as the file: what is saved can always be read back.
        try:
            parse_user_routines(user_routines_to_yaml(UserRoutines(routines=(routine,))), "this routine", self.dataset)
        except DataError as exc:
            self.error.setText("\n".join(p.message for p in exc.problems))
            return
        self.error.clear()
        self.routine = routine
        self.routine_saved.emit(routine)
