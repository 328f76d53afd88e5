"""Marker and region items of the body map."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Mapping

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPainterPath,
    QPen,
)
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsSimpleTextItem,
)

from ...core.model import AREA_LABELS, Marker, Point

from . import style
from .style import MARKER_RADIUS, OTHER_COLOUR, PAIN_COLOURS, REGION_ACTIVE, REGION_EDGE, REGION_HOVER, SELECT_COLOUR, marker_path, pain_kind

if TYPE_CHECKING:
    from .view import BodyMapView

def _set_state(item: "MarkerItem | RegionItem", state: Mapping[str, object]) -> None:
    """Set the item's state attributes; restyle once, and only if one of them changed."""
    changed = False
    for key, value in state.items():
        if getattr(item, key) != value:
            setattr(item, key, value)
            changed = True
    if changed:
        item._restyle()


class MarkerItem(QGraphicsPathItem):
    """One drawn marker of a point; stays the same size on screen at every zoom.

    Painting and hit-testing are Qt's own (C++) path item: with thousands of markers a
    Python paint() or boundingRect() per marker per repaint would cost whole frames.
    States change the pen, brush, path and opacity; the halo, focus ring and code label
    are child items made when first needed. The view scales markers by the inverse of
    its zoom (rather than ItemIgnoresTransformations, which keeps items out of the
    scene's spatial index and makes every repaint visit every marker).
    """

    def __init__(self, point: Point, marker: Marker, pos: QPointF, base_radius: float = MARKER_RADIUS) -> None:
        super().__init__()
        self.base_radius = base_radius
        self.point = point
        self.marker = marker
        self.kind = pain_kind(point)
        self.setPos(pos)
        self.show_label = True  # the scene shows the code beside one marker of each point
        self.always_label = False
        self.in_group = False  # one of many markers of a group point (Jiaji): drawn under the rest
        self.dense = False  # in a dense figure the dot layer draws the point; this item only when active
        self.setAcceptHoverEvents(True)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        # Each marker kept as a small pixmap: a keystroke that dims half the figure repaints
        # it by copying pixmaps (dimming is the opacity, applied to the copy) instead of
        # stroking a hundred antialiased outlines again.
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        # Escaped: Qt guesses rich text in tooltips, and data text is never markup.
        self.setToolTip(f"{escape(point.code)}  {escape(point.pinyin)}<br>{escape(point.name)}")
        self.accessible_name = f"Point {point.code}, {point.pinyin}, {point.name}"
        self.selected = False
        self.hovered = False
        self.focused = False
        self.dimmed = False
        self.pain_mode = ""  # "lower", "upper" or "" (no pain filter)
        self._halo: QGraphicsEllipseItem | None = None
        self._ring: QGraphicsEllipseItem | None = None
        self._label: QGraphicsRectItem | None = None
        #: Set by the label placement (labels.py): where the code goes, or hidden when no
        #: place beside the marker is free (the tooltip still names the point).
        self.label_at: QPointF | None = None
        self.label_hidden = False
        self._wanted = False
        self._restyle()

    def wants_label(self) -> bool:
        """Whether the code should be shown beside this marker (before collisions)."""
        return self.show_label and (self.selected or self.focused or self.always_label)

    def outer_radius(self) -> float:
        """The radius of the marker with its halo, in item units."""
        return self._radius() * 1.3 + 3

    def label_size(self) -> tuple[float, float]:
        """The code label's width and height in item units (made if needed)."""
        if self._label is None:
            self._label = self._make_label()
            self._label.setVisible(False)
        rect = self._label.rect()
        return rect.width(), rect.height()

    def place_label(self, at: QPointF | None, hidden: bool) -> None:
        """Put the code label at an offset from the marker, or hide it."""
        if at == self.label_at and hidden == self.label_hidden:
            return
        self.label_at, self.label_hidden = at, hidden
        self._restyle()

    def _radius(self) -> float:
        grow = 2.5 if self.selected else 1.5 if (self.hovered or self.focused) else 0
        return self.base_radius * style.marker_scale() + grow

    def colour(self) -> QColor:
        if self.pain_mode and self.pain_mode not in self.point.pain:
            return OTHER_COLOUR
        return PAIN_COLOURS[self.kind]

    def set_state(self, **state: object) -> None:
        """Change selected/hovered/focused/dimmed/pain_mode; restyle only if something changed."""
        _set_state(self, state)

    def _restyle(self) -> None:
        radius = self._radius()
        colour = self.colour()
        self.setPath(marker_path(self.kind, radius))
        self.setBrush(colour)
        if self.hovered and not self.selected:
            self.setPen(QPen(colour.darker(170), 2.0))
        else:
            self.setPen(style.marker_outline())
        self.setOpacity(0.22 if self.dimmed and not self.selected else 1.0)
        self.setZValue(4 if self.selected else 3 if self.focused else 1.8 if self.in_group else 2)
        if self.dense:
            self.setVisible(self.selected or self.hovered or self.focused)
        outer = radius * 1.3 + 3
        if self.selected and not self.in_group and self._halo is None:  # a group shows its band instead
            self._halo = QGraphicsEllipseItem(self)
            self._halo.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent)
            self._halo.setPen(QPen(SELECT_COLOUR, 2))
            self._halo.setBrush(QColor(255, 255, 255, 200))
        if self._halo is not None:
            self._halo.setRect(QRectF(-outer, -outer, 2 * outer, 2 * outer))
            self._halo.setVisible(self.selected and not self.in_group)
        if self.focused and self._ring is None:
            self._ring = QGraphicsEllipseItem(self)
            self._ring.setPen(QPen(SELECT_COLOUR, 1.2, Qt.PenStyle.DashLine))
        if self._ring is not None:
            ring = outer + 2
            self._ring.setRect(QRectF(-ring, -ring, 2 * ring, 2 * ring))
            self._ring.setVisible(self.focused)
        wanted = self.wants_label()
        show_label = wanted and not self.label_hidden
        if show_label and self._label is None:
            self._label = self._make_label()
        if self._label is not None:
            self._label.setPos(self.label_at if self.label_at is not None else QPointF(outer + 3, -9))
            self._label.setVisible(show_label)
        if wanted != self._wanted:
            self._wanted = wanted
            view = _map_of(self)
            if view is not None:
                view.labels_changed()

    def _make_label(self) -> QGraphicsRectItem:
        text = QGraphicsSimpleTextItem(self.point.code)
        font = QFont(text.font())
        font.setPointSizeF(style.label_point_size())
        font.setBold(True)
        text.setFont(font)
        text.setBrush(SELECT_COLOUR)
        box = text.boundingRect()
        label = QGraphicsRectItem(QRectF(0, 0, box.width() + 8, max(18.0, box.height() + 2)), self)
        label.setPen(Qt.PenStyle.NoPen)
        label.setBrush(QColor(255, 255, 255, 225))
        text.setParentItem(label)
        text.setPos(4, (label.rect().height() - box.height()) / 2)
        return label

    def refresh_appearance(self) -> None:
        """Text size or contrast changed: rebuild the label, restyle the marker."""
        if self._label is not None:
            label, self._label = self._label, None
            label.setParentItem(None)  # type: ignore[arg-type]  # the stubs miss None; Qt takes it
            if label.scene() is not None:
                label.scene().removeItem(label)
        self._restyle()

    def hoverEnterEvent(self, event: object) -> None:
        view = _map_of(self)
        if view is not None:
            view.set_hovered_point(self.point.code)

    def hoverLeaveEvent(self, event: object) -> None:
        view = _map_of(self)
        if view is not None:
            view.set_hovered_point(None)


class RegionItem(QGraphicsPathItem):
    """A clickable body area; hover highlights it."""

    def __init__(self, area: str, view: str, path: QPainterPath) -> None:
        super().__init__(path)
        self.area = area
        self.view = view
        self.hovered = False
        self.active = False
        self.focused = False
        self.setAcceptHoverEvents(True)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(1)
        label = AREA_LABELS.get(area, area)
        self.setToolTip(f"{label}: click to show its points")
        self.accessible_name = f"Region {label}"
        self._restyle()

    def _restyle(self) -> None:
        if self.hovered or self.focused:
            self.setBrush(QBrush(REGION_HOVER))
            self.setPen(QPen(REGION_EDGE, 1.2, Qt.PenStyle.DashLine if self.focused else Qt.PenStyle.SolidLine))
        elif self.active:
            self.setBrush(QBrush(REGION_ACTIVE))
            self.setPen(QPen(REGION_EDGE, 1.0, Qt.PenStyle.DotLine))
        else:
            self.setBrush(Qt.BrushStyle.NoBrush)
            self.setPen(Qt.PenStyle.NoPen)
        pen = self.pen()
        pen.setCosmetic(True)
        self.setPen(pen)

    def set_state(self, **state: bool) -> None:
        """Change hovered/active/focused; restyle only if something changed."""
        _set_state(self, state)

    def hoverEnterEvent(self, event: object) -> None:
        view = _map_of(self)
        if view is not None:
            view.set_hovered_region(self)

    def hoverLeaveEvent(self, event: object) -> None:
        view = _map_of(self)
        if view is not None:
            view.set_hovered_region(None)


def _map_of(item: QGraphicsItem) -> "BodyMapView | None":
    """The map showing an item's scene (scenes know their view)."""
    return getattr(item.scene(), "map_view", None)
