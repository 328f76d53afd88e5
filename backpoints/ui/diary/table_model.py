"""The diary's entries as a table, newest first (a view of DiaryDocument)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ...core.diary import CheckIn, DiaryContents, Entry, format_money
from ...core.diary_summary import describe
from ...core.model import AREA_LABELS

#: The entry of a row, for the panel's Edit and Delete.
EntryRole = Qt.ItemDataRole.UserRole + 1

COLUMNS = ("Date", "Entry", "Pain", "Cost", "Details", "Notes")


class DiaryTableModel(QAbstractTableModel):
    """One row per entry, newest first; every cell is plain text."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._entries: list[Entry] = []

    def set_contents(self, contents: DiaryContents) -> None:
        self.beginResetModel()
        self._entries = list(reversed(contents.entries))
        self.endResetModel()

    def entry(self, row: int) -> Entry:
        return self._entries[row]

    def row_of(self, entry: Entry) -> int:
        """The row showing this entry (matched by kind and id), or -1."""
        for row, e in enumerate(self._entries):
            if e.kind == entry.kind and e.id == entry.id:
                return row
        return -1

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        if role == EntryRole:
            return entry
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 5 and entry.notes:
            from html import escape

            return escape(entry.notes)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == 0:
            return entry.at.strftime("%Y-%m-%d %H:%M")
        if column == 1:
            return "Check-in" if isinstance(entry, CheckIn) else ("Self-care" if entry.provider == "self-care" else "Session")
        if column == 2:
            if isinstance(entry, CheckIn):
                return f"{entry.pain}" + (f" (worst {entry.worst})" if entry.worst is not None else "")
            return ""
        if column == 3:
            if isinstance(entry, CheckIn) or entry.cost_cents is None:
                return ""
            return format_money(entry.cost_cents, entry.currency)
        if column == 4:
            if isinstance(entry, CheckIn):  # pain has its own column; areas by the names the map shows
                parts = [", ".join(AREA_LABELS.get(a, a) for a in entry.areas)] if entry.areas else []
                if entry.activity_score is not None:
                    parts.append(f"activity check {entry.activity_score}/10")
                return "; ".join(parts)
            return describe(entry)
        return entry.notes.replace("\n", " ")
