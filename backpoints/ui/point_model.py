"""The point list model: the rows of the BrowseState's result over its dataset.

The core search ranks the points; this model only shows the rows the state holds.
A new result is a layout change, not a reset, so the selection and the current row
survive a keystroke when their point is still in the result.

A long result is shown a page at a time (Qt's canFetchMore/fetchMore): the view asks for
the next page when it is scrolled to the end. A list view lays out every row it is given,
asking the model (in Python) about each one; with 10,000 rows that was most of a
keystroke's frame, and laid out in batches instead the list stayed blank until typing
paused. The result count above the list always gives the whole number.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QAbstractListModel, QByteArray, QModelIndex, QPersistentModelIndex, Qt

from ..core.model import PREGNANCY_LEVEL_LABELS, Point
from ..core.pointset import RankedRows
from .state import BrowseState

CodeRole = Qt.ItemDataRole.UserRole + 1
PointRole = Qt.ItemDataRole.UserRole + 2
PregnancyRole = Qt.ItemDataRole.UserRole + 3
PainRole = Qt.ItemDataRole.UserRole + 4

_Index = QModelIndex | QPersistentModelIndex

#: Rows shown at first, and added each time the list is scrolled to its end.
PAGE = 200


class PointListModel(QAbstractListModel):
    """Rows are indices into the state's dataset.points, in result order."""

    def __init__(self, state: BrowseState, parent: Any = None) -> None:
        super().__init__(parent)
        self._state = state
        self._dataset = state.dataset
        self._rows: RankedRows = state.rows
        self._shown = min(len(self._rows), PAGE)
        self._inserting = False
        self._code_index: dict[str, int] | None = None
        state.dataset_changed.connect(self._reset)
        state.result_changed.connect(self._update)

    def _reset(self) -> None:
        self.beginResetModel()
        self._dataset = self._state.dataset
        self._rows = self._state.rows
        self._shown = min(len(self._rows), PAGE)
        self._code_index = None
        self.endResetModel()

    def _update(self) -> None:
        rows = self._state.rows
        if self._dataset is not self._state.dataset:
            self._reset()
            return
        if rows is self._rows or rows.groups == self._rows.groups:
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        kept = [self._rows[i.row()] if 0 <= i.row() < self._shown else -1 for i in old]
        self._rows = rows
        # A kept row (the current or selected one) stays reachable: the first page grows to it.
        moved = [rows.position(point) for point in kept]
        self._shown = min(len(rows), max([PAGE] + [row + 1 for row in moved]))
        if old:
            self.changePersistentIndexList(old, [self.index(row) if row >= 0 else QModelIndex() for row in moved])
        self.layoutChanged.emit()

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008 - Qt's signature
        # Not while a page is being added: views (and Qt's model tester) ask again from the
        # signals of the insertion itself.
        return not parent.isValid() and not self._inserting and self._shown < len(self._rows)

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008 - Qt's signature
        if self.canFetchMore(parent):
            self._show_up_to(self._shown + PAGE)

    def _show_up_to(self, count: int) -> None:
        count = min(count, len(self._rows))
        if count > self._shown and not self._inserting:
            self._inserting = True
            try:
                self.beginInsertRows(QModelIndex(), self._shown, count - 1)
                self._shown = count
                self.endInsertRows()
            finally:
                self._inserting = False

    def point_at(self, row: int) -> Point:
        return self._dataset.points[self._rows[row]]

    def code_at(self, row: int) -> str:
        return self.point_at(row).code if 0 <= row < self._shown else ""

    def row_of(self, code: str) -> int:
        """The row showing this code, or -1."""
        if self._code_index is None:
            self._code_index = {p.code: i for i, p in enumerate(self._dataset.points)}
        index = self._code_index.get(code)
        row = -1 if index is None else self._rows.position(index)
        if row >= self._shown:
            self._show_up_to(row + 1)  # a point chosen on the map, further down a long result
        return row

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._shown

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._shown:
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
