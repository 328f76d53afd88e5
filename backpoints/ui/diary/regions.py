""""Where it hurts", chosen on a small body figure: the map's own regions, from behind and in front.

The regions are the body map's (core.anatomy.REGIONS through region_boxes, as the map's
scene draws them), so a check-in's areas are the same ids the map and the dataset use.
Each area is one check box (AreaButton) drawn as its regions on both figures and masked
to them, so a click lands on the area under the pointer; for the keyboard and screen
readers each is an ordinary check box with the area's name: Tab moves between areas,
the arrow keys too, Space chooses or clears one.
"""

from __future__ import annotations

from html import escape
from typing import Iterable

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QKeyEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QRegion,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QCheckBox, QWidget

from ...core import anatomy
from ...core.model import AREA_LABELS, AREAS
from ...resources import asset_file

#: The two figures, left to right, with their captions.
VIEWS = (("back", "Back"), ("front", "Front"))
#: Pixels per figure unit: each figure is about 95 x 266 pixels.
SCALE = 0.26
GAP = 14
CAPTION = 18
CHOSEN_FILL = QColor(192, 57, 43, 105)
CHOSEN_EDGE = QColor(150, 40, 30, 220)
HOVER_FILL = QColor(0, 114, 178, 45)
FOCUS_EDGE = QColor(0, 80, 140, 255)
DESCRIPTION = "Where it hurts: a body area on the figures from behind and in front. Space chooses or clears it."


def _figure_width() -> float:
    return (anatomy.FIGURE_WIDTH + 2 * anatomy.FIGURE_MARGIN) * SCALE


def _figure_height() -> float:
    return (anatomy.FIGURE_HEIGHT + 2 * anatomy.FIGURE_MARGIN) * SCALE


def figure_origin(index: int) -> QPointF:
    """Where figure `index` (0 back, 1 front) starts in the picker."""
    return QPointF(index * (_figure_width() + GAP), 0.0)


def area_path(area: str) -> QPainterPath:
    """The area's regions on both figures, in picker pixels (rounded boxes, as the map draws them)."""
    path = QPainterPath()
    for index, (view, _) in enumerate(VIEWS):
        origin = figure_origin(index)
        for region in anatomy.REGIONS:
            if region.view != view or region.area != area:
                continue
            for x0, y0, x1, y1 in anatomy.region_boxes(region):
                # The figure's SVG starts FIGURE_MARGIN units before the figure's own zero.
                left = origin.x() + (x0 + anatomy.FIGURE_MARGIN) * SCALE
                top = origin.y() + (y0 + anatomy.FIGURE_MARGIN) * SCALE
                width, height = (x1 - x0) * SCALE, (y1 - y0) * SCALE
                r = min(width, height) * region.round
                path.addRoundedRect(QRectF(left, top, width, height), r, r)
    return path.simplified()


class AreaButton(QCheckBox):
    """One body area: a check box drawn as the area's regions on the figures."""

    def __init__(self, area: str, parent: QWidget) -> None:
        label = AREA_LABELS.get(area, area)
        super().__init__(label, parent)
        self.area = area
        whole = area_path(area)
        bounds = whole.boundingRect().toAlignedRect().adjusted(-1, -1, 1, 1)
        self.setGeometry(bounds)
        #: The regions in this button's own coordinates.
        self.path = whole.translated(-bounds.x(), -bounds.y())
        self.setMask(QRegion(self.path.toFillPolygon().toPolygon()))
        self.setAccessibleName(label)
        self.setAccessibleDescription(DESCRIPTION)
        self.setToolTip(escape(label))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def click_point(self) -> QPoint:
        """A point inside the area (its first region's centre), in this button's coordinates."""
        first = self.path.toSubpathPolygons()[0].boundingRect().center()
        return first.toPoint()

    def hitButton(self, pos: QPoint) -> bool:
        return self.path.contains(QPointF(pos))

    def sizeHint(self) -> QSize:
        return self.size()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.isChecked():
            painter.fillPath(self.path, CHOSEN_FILL)
            painter.setPen(QPen(CHOSEN_EDGE, 1.2))
            painter.drawPath(self.path)
        if self.underMouse() and self.isEnabled():
            painter.fillPath(self.path, HOVER_FILL)
        if self.hasFocus():
            painter.setPen(QPen(FOCUS_EDGE, 1.6, Qt.PenStyle.DashLine))
            painter.drawPath(self.path)
        painter.end()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Left):
            picker = self.parentWidget()
            if isinstance(picker, RegionPicker):
                forward = key in (Qt.Key.Key_Down, Qt.Key.Key_Right)
                picker.focus_neighbour(self, forward)
                return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()


class RegionPicker(QWidget):
    """The back and front figures with every body area as a check box; chosen() gives the area ids."""

    #: The chosen areas changed (by click, key or set_chosen).
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Where it hurts")
        width = int(len(VIEWS) * _figure_width() + (len(VIEWS) - 1) * GAP) + 1
        height = int(_figure_height() + CAPTION) + 1
        self.setFixedSize(width, height)
        self._figures: list[QPixmap] = []
        self.buttons: dict[str, AreaButton] = {}
        for area in AREAS:
            button = AreaButton(area, self)
            button.toggled.connect(self.changed)
            self.buttons[area] = button
        order = list(self.buttons.values())
        for before, after in zip(order, order[1:]):
            QWidget.setTabOrder(before, after)

    def chosen(self) -> tuple[str, ...]:
        """The chosen area ids, in the app's area order."""
        return tuple(area for area, button in self.buttons.items() if button.isChecked())

    def set_chosen(self, areas: Iterable[str]) -> None:
        """Choose exactly these areas (unknown ids are ignored)."""
        wanted = set(areas)
        for area, button in self.buttons.items():
            button.setChecked(area in wanted)

    def focus_neighbour(self, button: AreaButton, forward: bool) -> None:
        """Move the keyboard focus to the next (or previous) area, round the ends."""
        order = list(self.buttons.values())
        step = 1 if forward else -1
        order[(order.index(button) + step) % len(order)].setFocus(Qt.FocusReason.TabFocusReason)

    def _figure_pixmaps(self) -> list[QPixmap]:
        # Rendered once at the screen's resolution, not from SVG on every repaint.
        ratio = self.devicePixelRatioF()
        if self._figures and self._figures[0].devicePixelRatio() == ratio:
            return self._figures
        self._figures = []
        for view, _ in VIEWS:
            renderer = QSvgRenderer(str(asset_file(f"{view}.svg")))
            pixmap = QPixmap(int(_figure_width() * ratio) + 1, int(_figure_height() * ratio) + 1)
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            renderer.render(painter, QRectF(0, 0, _figure_width(), _figure_height()))
            painter.end()
            self._figures.append(pixmap)
        return self._figures

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for index, ((_, caption), pixmap) in enumerate(zip(VIEWS, self._figure_pixmaps())):
            origin = figure_origin(index)
            painter.drawPixmap(origin, pixmap)
            painter.setPen(self.palette().windowText().color())
            painter.drawText(QRectF(origin.x(), _figure_height(), _figure_width(), CAPTION),
                             Qt.AlignmentFlag.AlignCenter, caption)
        painter.end()
