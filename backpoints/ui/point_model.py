"""The point list model: the rows of the current search result over the dataset.

The core search ranks the points; this model only shows the rows it returns, so a
keystroke costs one search plus one model reset, whatever the dataset size.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from ..core.model import Dataset, Point

CodeRole = Qt.ItemDataRole.UserRole + 1
PointRole = Qt.ItemDataRole.UserRole + 2
PregnancyRole = Qt.ItemDataRole.UserRole + 3
PainRole = Qt.ItemDataRole.UserRole + 4

_Index = QModelIndex | QPersistentModelIndex


class PointListModel(QAbstractListModel):
    """Rows are indices into dataset.points, in result order."""

    def __init__(self, dataset: Dataset, parent: Any = None) -> None:
        super().__init__(parent)
        self._dataset = dataset
        self._rows: list[int] = list(range(len(dataset.points)))

    @property
    def dataset(self) -> Dataset:
        return self._dataset

    def set_dataset(self, dataset: Dataset) -> None:
        """Show another dataset (all of its points)."""
        self.beginResetModel()
        self._dataset = dataset
        self._rows = list(range(len(dataset.points)))
        self.endResetModel()

    def set_rows(self, rows: list[int]) -> None:
        """Show these points (indices into dataset.points), in this order."""
        if rows == self._rows:
            return
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def point_at(self, row: int) -> Point:
        return self._dataset.points[self._rows[row]]

    def row_of(self, code: str) -> int:
        """The row showing this code, or -1."""
        for row, index in enumerate(self._rows):
            if self._dataset.points[index].code == code:
                return row
        return -1

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        point = self.point_at(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{point.code}  {point.pinyin}  ·  {point.name}"
        if role == Qt.ItemDataRole.ToolTipRole:
            caution = "\nP: traditionally avoided in pregnancy" if point.pregnancy_caution else ""
            return f"{point.code} {point.pinyin} ({point.hanzi}), {point.name}{caution}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            caution = ", traditionally avoided in pregnancy" if point.pregnancy_caution else ""
            return f"{point.code}, {point.pinyin}, {point.name}{caution}"
        if role == CodeRole:
            return point.code
        if role == PointRole:
            return point
        if role == PregnancyRole:
            return point.pregnancy_caution
        if role == PainRole:
            return "+".join(point.pain)
        return None

    def roleNames(self) -> dict[int, bytes]:
        names = dict(super().roleNames())
        names.update({CodeRole: b"code", PointRole: b"point", PregnancyRole: b"pregnancy", PainRole: b"pain"})
        return names
