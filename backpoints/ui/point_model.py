"""The point list model: the rows of the BrowseState's result over its dataset.

The core search ranks the points; this model only shows the rows the state holds.
A new result is a layout change, not a reset, so the selection and the current row
survive a keystroke when their point is still in the result.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QAbstractListModel, QByteArray, QModelIndex, QPersistentModelIndex, Qt

from ..core.model import PREGNANCY_LEVEL_LABELS, Point
from .state import BrowseState

CodeRole = Qt.ItemDataRole.UserRole + 1
PointRole = Qt.ItemDataRole.UserRole + 2
PregnancyRole = Qt.ItemDataRole.UserRole + 3
PainRole = Qt.ItemDataRole.UserRole + 4

_Index = QModelIndex | QPersistentModelIndex


class PointListModel(QAbstractListModel):
    """Rows are indices into the state's dataset.points, in result order."""

    def __init__(self, state: BrowseState, parent: Any = None) -> None:
        super().__init__(parent)
        self._state = state
        self._dataset = state.dataset
        self._rows: list[int] = list(state.rows)
        self._row_of: dict[int, int] | None = None
        self._code_index: dict[str, int] | None = None
        state.dataset_changed.connect(self._reset)
        state.result_changed.connect(self._update)

    def _reset(self) -> None:
        self.beginResetModel()
        self._dataset = self._state.dataset
        self._rows = list(self._state.rows)
        self._row_of = None
        self._code_index = None
        self.endResetModel()

    def _update(self) -> None:
        rows = self._state.rows
        if self._dataset is not self._state.dataset:
            self._reset()
            return
        if rows == self._rows:
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        kept = [self._rows[i.row()] if 0 <= i.row() < len(self._rows) else -1 for i in old]
        self._rows = list(rows)
        self._row_of = None
        if old:
            where = self._positions()
            self.changePersistentIndexList(
                old, [self.index(where[p]) if p in where else QModelIndex() for p in kept])
        self.layoutChanged.emit()

    def _positions(self) -> dict[int, int]:
        if self._row_of is None:
            self._row_of = {point: row for row, point in enumerate(self._rows)}
        return self._row_of

    def point_at(self, row: int) -> Point:
        return self._dataset.points[self._rows[row]]

    def code_at(self, row: int) -> str:
        return self.point_at(row).code if 0 <= row < len(self._rows) else ""

    def row_of(self, code: str) -> int:
        """The row showing this code, or -1."""
        if self._code_index is None:
            self._code_index = {p.code: i for i, p in enumerate(self._dataset.points)}
        index = self._code_index.get(code)
        return -1 if index is None else self._positions().get(index, -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        point = self.point_at(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{point.code}  {point.pinyin}  ·  {point.name}"
        if role == Qt.ItemDataRole.ToolTipRole:
            # Escaped: Qt guesses rich text in tooltips, and data text is never markup.
            caution = f"<br>P: {escape(point.pregnancy.text())}" if point.pregnancy is not None else ""
            return f"{escape(point.code)} {escape(point.pinyin)} ({escape(point.hanzi)}), {escape(point.name)}{caution}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            caution = f", {PREGNANCY_LEVEL_LABELS.get(point.pregnancy.level, point.pregnancy.level).lower()}" if point.pregnancy is not None else ""
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

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        names.update({CodeRole: QByteArray(b"code"), PointRole: QByteArray(b"point"),
                      PregnancyRole: QByteArray(b"pregnancy"), PainRole: QByteArray(b"pain")})
        return names
