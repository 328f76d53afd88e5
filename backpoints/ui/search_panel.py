"""The search panel: query box, filters, result count and the point list."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListView,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.model import AREA_LABELS, AREAS, MERIDIANS
from ..core.search import Filters
from .body_map import PAIN_COLOURS, marker_path, pain_kind
from .point_model import PointListModel, PointRole


class PointDelegate(QStyledItemDelegate):
    """A list row: marker shape, code, pinyin and name, and a pregnancy badge."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        return QSize(200, 40)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        point = index.data(PointRole)
        if point is None:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = option.rect  # type: ignore[attr-defined]
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        palette = option.palette  # type: ignore[attr-defined]
        if selected:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight))
        text_colour = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        kind = pain_kind(point)
        painter.translate(rect.left() + 14, rect.center().y())
        painter.setPen(QColor("white"))
        painter.setBrush(PAIN_COLOURS[kind])
        painter.drawPath(marker_path(kind, 5))
        painter.translate(-(rect.left() + 14), -rect.center().y())
        bold = QFont(option.font)  # type: ignore[attr-defined]
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text_colour)
        top = rect.adjusted(28, 3, -6, -rect.height() // 2)
        painter.drawText(top, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, point.code)
        code_width = painter.fontMetrics().horizontalAdvance(point.code + "  ")
        painter.setFont(option.font)  # type: ignore[attr-defined]
        painter.drawText(
            top.adjusted(code_width, 0, 0, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, point.pinyin
        )
        bottom = rect.adjusted(28, rect.height() // 2, -6, -3)
        small = QFont(option.font)  # type: ignore[attr-defined]
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.9))
        painter.setFont(small)
        if not selected:
            painter.setPen(QColor("#555"))
        painter.drawText(bottom, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, point.name)
        if point.pregnancy_caution:
            badge = rect.adjusted(rect.width() - 30, 6, -6, -rect.height() + 22)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#d9534f"))
            painter.drawRoundedRect(badge, 4, 4)
            painter.setPen(QColor("white"))
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, "P")
        painter.restore()


class SearchPanel(QWidget):
    """Emits filters_changed whenever the query or a filter changes."""

    filters_changed = Signal()

    def __init__(self, model: PointListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search: BL23, shenshu, 肾俞, sciatica…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search points")
        self.search.textChanged.connect(self.filters_changed)

        self._pain = ""
        self.area_buttons: dict[str, QToolButton] = {}
        grid = QGridLayout()
        grid.setSpacing(3)
        for i, area in enumerate(AREAS):
            button = QToolButton(self)
            button.setText(AREA_LABELS[area])
            button.setCheckable(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setAccessibleName(f"Area filter: {AREA_LABELS[area]}")
            button.toggled.connect(self.filters_changed)
            grid.addWidget(button, i // 2, i % 2)
            self.area_buttons[area] = button

        self.meridian = QComboBox(self)
        self.meridian.addItem("All meridians", "")
        for code, name in MERIDIANS.items():
            self.meridian.addItem(f"{code}: {name}", code)
        self.meridian.setAccessibleName("Meridian filter")
        self.meridian.currentIndexChanged.connect(self.filters_changed)

        self.hide_pregnancy = QCheckBox("Hide points avoided in pregnancy", self)
        self.hide_pregnancy.toggled.connect(self.filters_changed)

        self.count = QLabel(self)
        self.count.setAccessibleName("Result count")
        self.list = QListView(self)
        self.list.setModel(model)
        self.list.setItemDelegate(PointDelegate(self.list))
        self.list.setUniformItemSizes(True)
        # Lay out a long result in batches: the rows on screen show at once and the rest
        # follow while idle (a full layout of 10,000 rows took most of a keystroke's frame).
        self.list.setLayoutMode(QListView.LayoutMode.Batched)
        self.list.setBatchSize(200)
        self.list.setAccessibleName("Points")
        self.list.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.list.setDragEnabled(True)
        self.empty = QLabel("No points match.\nTry fewer words or clear a filter.", self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #777; padding: 20px;")
        self.empty.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.search)
        areas_label = QLabel("Areas", self)
        areas_label.setStyleSheet("color:#555; font-weight:bold;")
        layout.addWidget(areas_label)
        layout.addLayout(grid)
        layout.addWidget(self.meridian)
        layout.addWidget(self.hide_pregnancy)
        layout.addWidget(self.count)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)

    def query(self) -> str:
        return self.search.text()

    def set_pain(self, pain: str) -> None:
        """'lower', 'upper' or '' (both); set from the pain toggle."""
        if pain != self._pain:
            self._pain = pain
            self.filters_changed.emit()

    def areas(self) -> frozenset[str]:
        return frozenset(a for a, b in self.area_buttons.items() if b.isChecked())

    def set_areas(self, areas: frozenset[str]) -> None:
        """Set the area filter (one signal for the whole change)."""
        if areas == self.areas():
            return
        for area, button in self.area_buttons.items():
            button.blockSignals(True)
            button.setChecked(area in areas)
            button.blockSignals(False)
        self.filters_changed.emit()

    def filters(self) -> Filters:
        return Filters(
            pain=self._pain,
            areas=self.areas(),
            meridian=str(self.meridian.currentData() or ""),
            hide_pregnancy=self.hide_pregnancy.isChecked(),
        )

    def is_filtering(self) -> bool:
        return bool(self.query().strip()) or self.filters() != Filters()

    def show_count(self, shown: int, total: int) -> None:
        if shown == 0:
            self.count.setText("No points match")
        elif shown == total:
            self.count.setText(f"All {total} points")
        else:
            self.count.setText(f"{shown} of {total} points")
        self.empty.setVisible(shown == 0)
        self.list.setVisible(shown > 0)
