"""The body map: figures, clickable regions and point markers in a QGraphicsView."""

from __future__ import annotations

from html import escape
from typing import Iterable

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QBrush,
    QColor,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QWheelEvent,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtSvgWidgets import QGraphicsSvgItem
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsSimpleTextItem,
    QGraphicsScene,
    QGraphicsView,
    QWidget,
)

from ..core import anatomy
from ..core.figures import is_body_view, is_group, markers_on, view_size
from ..core.model import AREA_LABELS, VIEW_LABELS, VIEWS, Dataset, Marker, Point
from ..resources import asset_file
from .state import BrowseState

# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies;
# each pain type also has its own marker shape.
PAIN_COLOURS = {"lower": QColor("#0072B2"), "upper": QColor("#D55E00"), "both": QColor("#009E73")}
OTHER_COLOUR = QColor("#8f8f8f")
SELECT_COLOUR = QColor("#1c1c1c")
REGION_HOVER = QColor(0, 114, 178, 34)
REGION_ACTIVE = QColor(0, 114, 178, 22)
REGION_EDGE = QColor(0, 114, 178, 150)
MARKER_RADIUS = 5.5


def pain_kind(point: Point) -> str:
    """'lower', 'upper' or 'both'."""
    if "lower" in point.pain and "upper" in point.pain:
        return "both"
    return point.pain[0] if point.pain else "both"


def marker_path(kind: str, radius: float) -> QPainterPath:
    """The marker shape for a pain type: circle (lower), diamond (upper), square (both)."""
    path = QPainterPath()
    if kind == "upper":
        r = radius * 1.25
        path.addPolygon(QPolygonF([QPointF(0, -r), QPointF(r, 0), QPointF(0, r), QPointF(-r, 0), QPointF(0, -r)]))
    elif kind == "both":
        r = radius * 0.95
        path.addRoundedRect(QRectF(-r, -r, 2 * r, 2 * r), 1.5, 1.5)
    else:
        path.addEllipse(QPointF(0, 0), radius, radius)
    return path


def _set_state(item: "MarkerItem | RegionItem", state: dict[str, object]) -> None:
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
        self.group = False  # one of many markers of a group point (Jiaji): drawn under the rest
        self.dense = False  # in a dense figure the dot layer draws the point; this item only when active
        self.setAcceptHoverEvents(True)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
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
        self._restyle()

    def _radius(self) -> float:
        grow = 2.5 if self.selected else 1.5 if (self.hovered or self.focused) else 0
        return self.base_radius + grow

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
            self.setPen(QPen(QColor("white"), 1.6))
        self.setOpacity(0.22 if self.dimmed and not self.selected else 1.0)
        self.setZValue(4 if self.selected else 3 if self.focused else 1.8 if self.group else 2)
        if self.dense:
            self.setVisible(self.selected or self.hovered or self.focused)
        outer = radius * 1.3 + 3
        if self.selected and self._halo is None:
            self._halo = QGraphicsEllipseItem(self)
            self._halo.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent)
            self._halo.setPen(QPen(SELECT_COLOUR, 2))
            self._halo.setBrush(QColor(255, 255, 255, 200))
        if self._halo is not None:
            self._halo.setRect(QRectF(-outer, -outer, 2 * outer, 2 * outer))
            self._halo.setVisible(self.selected)
        if self.focused and self._ring is None:
            self._ring = QGraphicsEllipseItem(self)
            self._ring.setPen(QPen(SELECT_COLOUR, 1.2, Qt.PenStyle.DashLine))
        if self._ring is not None:
            ring = outer + 2
            self._ring.setRect(QRectF(-ring, -ring, 2 * ring, 2 * ring))
            self._ring.setVisible(self.focused)
        show_label = self.show_label and (self.selected or self.focused or self.always_label)
        if show_label and self._label is None:
            self._label = self._make_label()
        if self._label is not None:
            self._label.setPos(outer + 3, -9)
            self._label.setVisible(show_label)

    def _make_label(self) -> QGraphicsRectItem:
        text = QGraphicsSimpleTextItem(self.point.code)
        font = QFont(text.font())
        font.setPointSizeF(8.5)
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
    scene = item.scene()
    if isinstance(scene, FigureScene):
        return scene.map_view
    return None


#: Above this many markers on one figure, points are drawn as dots by one layer item
#: (level of detail): thousands of individual items cost whole frames to repaint.
DENSE_LIMIT = 1500


class DotLayer(QGraphicsItem):
    """Every point of a dense figure as a dot, painted with a few drawPoints calls.

    All dots are kept, prepared once, as dimmed polygons per pain type; a search result
    only rebuilds the bright dots of the points in it, drawn over the dimmed ones.
    """

    def __init__(self, size: tuple[float, float], entries: list[tuple[str, str, list[QPointF]]]) -> None:
        super().__init__()
        self._rect = QRectF(-30, -30, size[0] + 60, size[1] + 60)
        self._by_code = {code: (kind, points) for code, kind, points in entries}
        every: dict[str, list[QPointF]] = {}
        for _, kind, points in entries:
            every.setdefault(kind, []).extend(points)
        self._all = {kind: QPolygonF(points) for kind, points in every.items()}
        self._bright: dict[str, QPolygonF] = self._all
        self.result: set[str] | None = None
        self.pain_mode = ""
        self.setZValue(1.5)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_result(self, result: set[str] | None) -> None:
        self.result = result
        if result is None:
            self._bright = self._all
        else:
            groups: dict[str, list[QPointF]] = {}
            by_code = self._by_code
            for code in result:
                entry = by_code.get(code)
                if entry is not None:
                    groups.setdefault(entry[0], []).extend(entry[1])
            self._bright = {kind: QPolygonF(points) for kind, points in groups.items()}
        self.update()

    def set_pain_mode(self, mode: str) -> None:
        self.pain_mode = mode
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: object, widget: QWidget | None = None) -> None:
        # Square, unantialiased dots: four to eighteen times cheaper than round smooth ones
        # (measured: 20,000 dots in 5 ms instead of 20-85 ms), and at this density the
        # shape cannot be told apart anyway. Zooming in shows the full markers on hover.
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        layers = [(self._all, 0.22), (self._bright, 1.0)] if self.result is not None else [(self._all, 1.0)]
        for groups, opacity in layers:
            painter.setOpacity(opacity)
            for kind, polygon in groups.items():
                if self.pain_mode and kind not in (self.pain_mode, "both"):
                    colour = OTHER_COLOUR
                else:
                    colour = PAIN_COLOURS[kind]
                pen = QPen(colour, MARKER_RADIUS * 1.3)
                pen.setCapStyle(Qt.PenCapStyle.SquareCap)
                pen.setCosmetic(True)  # the same size on screen at every zoom
                painter.setPen(pen)
                painter.drawPoints(polygon)


class FigureScene(QGraphicsScene):
    """One view's figure with its regions and markers, in drawing units."""

    def __init__(self, view: str, dataset: Dataset, map_view: "BodyMapView") -> None:
        super().__init__(map_view)
        self.view = view
        self.map_view = map_view
        self.renderer = QSvgRenderer(str(asset_file(f"{view}.svg")), self)
        figure = QGraphicsSvgItem()
        figure.setSharedRenderer(self.renderer)
        figure.setZValue(0)
        # Rendered once per zoom level into a device-resolution pixmap (still crisp),
        # not re-rendered from SVG on every repaint.
        figure.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        if is_body_view(view):
            margin = anatomy.FIGURE_MARGIN
            figure.setPos(-margin, -margin)
        self.size = view_size(view)
        self.addItem(figure)
        self.regions: list[RegionItem] = []
        for region in anatomy.REGIONS:
            if region.view != view:
                continue
            path = QPainterPath()
            for x0, y0, x1, y1 in anatomy.region_boxes(region):
                if not is_body_view(view):
                    x0, x1 = x0 * self.size[0], x1 * self.size[0]
                    y0, y1 = y0 * self.size[1], y1 * self.size[1]
                r = min(x1 - x0, y1 - y0) * region.round
                path.addRoundedRect(QRectF(x0, y0, x1 - x0, y1 - y0), r, r)
            item = RegionItem(region.area, view, path)
            self.addItem(item)
            self.regions.append(item)
        self.markers: dict[str, list[MarkerItem]] = {}
        # code -> (point, its markers on this view, radius, the marker that carries the label)
        self.points_here: dict[str, tuple[Point, list[Marker], float, Marker]] = {}
        for point in dataset.points:
            mine = markers_on(point, view)
            if not mine:
                continue
            # A group point (Jiaji: 34 markers) is drawn smaller and below the others so it
            # does not hide them; hand and foot points are small on the whole-body figures
            # (their close-ups show them large); the close-ups draw every marker larger.
            if is_group(mine):
                radius = MARKER_RADIUS * 0.55
            elif is_body_view(view) and {"hand", "foot"} & set(point.areas):
                radius = MARKER_RADIUS * 0.75
            elif not is_body_view(view):
                radius = MARKER_RADIUS * 1.35
            else:
                radius = MARKER_RADIUS
            rightmost = max(mine, key=lambda m: (m.x, -m.y))
            self.points_here[point.code] = (point, mine, radius, rightmost)
        self.marker_scale = 1.0
        self.dense = sum(len(entry[1]) for entry in self.points_here.values()) > DENSE_LIMIT
        self.dots: DotLayer | None = None
        self._grid: dict[tuple[int, int], list[tuple[str, QPointF]]] = {}
        if self.dense:
            entries = [
                (code, pain_kind(point), [self.to_scene(m.x, m.y) for m in mine])
                for code, (point, mine, _, _) in self.points_here.items()
            ]
            self.dots = DotLayer(self.size, entries)
            self.addItem(self.dots)
            for code, _, positions in entries:
                for pos in positions:
                    self._grid.setdefault(self._cell(pos), []).append((code, pos))
        else:
            for code in self.points_here:
                self._create_markers(code)
        self.marker_scale = 1.0
        margin = 24.0
        self.setSceneRect(QRectF(-margin, -margin, self.size[0] + 2 * margin, self.size[1] + 2 * margin))

    def to_scene(self, x: float, y: float) -> QPointF:
        """0..1 marker coordinates to scene coordinates."""
        return QPointF(x * self.size[0], y * self.size[1])

    def _create_markers(self, code: str) -> list[MarkerItem]:
        point, mine, radius, rightmost = self.points_here[code]
        items = []
        for marker in mine:
            item = MarkerItem(point, marker, self.to_scene(marker.x, marker.y), radius)
            item.always_label = not is_body_view(self.view)  # close-ups name every marker
            item.show_label = marker is rightmost or item.always_label
            item.group = is_group(mine)
            item._restyle()
            item.setScale(self.marker_scale)
            if self.dense:
                item.dense = True
                item.setVisible(False)
            self.addItem(item)
            items.append(item)
        self.markers[code] = items
        return items

    def markers_for(self, code: str | None) -> list[MarkerItem]:
        """The marker items of a point on this view; made on demand in a dense figure."""
        if code is None:
            return []
        items = self.markers.get(code)
        if items is None and code in self.points_here:
            items = self._create_markers(code)
            self.map_view.apply_item_state(items)
        return items or []

    @staticmethod
    def _cell(pos: QPointF) -> tuple[int, int]:
        return int(pos.x() // 12), int(pos.y() // 12)

    def code_at(self, pos: QPointF, tolerance: float) -> str | None:
        """The point drawn nearest to a scene position, within tolerance (dense figures)."""
        best: tuple[float, str] | None = None
        cx, cy = self._cell(pos)
        reach = int(tolerance // 12) + 1
        for ix in range(cx - reach, cx + reach + 1):
            for iy in range(cy - reach, cy + reach + 1):
                for code, at in self._grid.get((ix, iy), ()):
                    d = (at.x() - pos.x()) ** 2 + (at.y() - pos.y()) ** 2
                    if d <= tolerance * tolerance and (best is None or d < best[0]):
                        best = (d, code)
        return best[1] if best else None

    def all_markers(self) -> Iterable[MarkerItem]:
        for items in self.markers.values():
            yield from items


class BodyMapView(QGraphicsView):
    """Shows one figure at a time; what the user picks goes to the BrowseState.

    It draws what the state says (result, selection, areas, pain filter, view) and
    writes clicks and keys back to it; it calls no other widget.
    """

    hover_changed = Signal(str)  # status text for what is under the pointer
    add_requested = Signal(str)  # "Add to sheet" from a marker's context menu

    def __init__(self, state: BrowseState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self._dataset = state.dataset
        self._scenes: dict[str, FigureScene] = {}
        self._view = ""
        self._selected: str | None = None
        self._result: set[str] | None = None
        self._areas: frozenset[str] = frozenset()
        self._pain_mode = ""
        self._hovered_point: str | None = None
        self._hovered_region: RegionItem | None = None
        self._focus_index = -1
        self._fitted = True
        self._press: QPointF | None = None
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        # Markers restore the painter themselves (they are plain path items): skip the
        # per-item save/restore, which is a measurable part of a repaint with many markers.
        self.setOptimizationFlags(
            QGraphicsView.OptimizationFlag.DontSavePainterState
            | QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing
        )
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setBackgroundBrush(QColor("#fbfaf8"))
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.viewport().grabGesture(Qt.GestureType.PinchGesture)
        self.setAccessibleName("Body map")
        self.setAccessibleDescription(
            "Use the arrow keys to move between regions and points, Enter to choose, Escape to clear."
        )
        self.show_view(state.view)
        state.dataset_changed.connect(lambda: self.set_dataset(state.dataset))
        state.result_changed.connect(lambda: self.set_result(state.result_codes))
        state.filters_changed.connect(self._show_filters)
        state.selection_changed.connect(lambda code: self.select_point(code or None))
        state.reveal_requested.connect(lambda code: self.select_point(code, reveal=True))
        state.view_changed.connect(self.show_view)

    def _show_filters(self) -> None:
        self.set_areas(self.state.filters.areas)
        self.set_pain_mode(self.state.filters.pain)

    # --- state from outside ------------------------------------------------------
    @property
    def current_view(self) -> str:
        return self._view

    def scene_for(self, view: str) -> FigureScene:
        """The scene of a view, built on first use."""
        scene = self._scenes.get(view)
        if scene is None:
            scene = FigureScene(view, self._dataset, self)
            self._scenes[view] = scene
            self._apply_state(scene)
        return scene

    def set_dataset(self, dataset: Dataset) -> None:
        """Show another dataset; scenes are rebuilt on demand."""
        view = self._view or "back"
        self._dataset = dataset
        old = self._scenes
        self._scenes = {}
        self._view = ""
        self._selected = None
        self._result = None
        self._focus_index = -1
        self.show_view(view)
        for scene in old.values():
            scene.deleteLater()

    def show_view(self, view: str) -> None:
        """Switch figure."""
        if view not in VIEWS:
            raise ValueError(f"unknown view {view!r}")
        if view == self._view:
            return
        self._view = view
        self._focus_index = -1
        self.setScene(self.scene_for(view))
        self.setAccessibleName(f"Body map, {VIEW_LABELS[view]} view")
        self.fit()
        self.state.set_view(view)

    def select_point(self, code: str | None, *, reveal: bool = False) -> None:
        """Highlight every marker of a point; with reveal, switch to a view that draws it and centre it."""
        previous, self._selected = self._selected, code
        if reveal and code is not None:
            point = self._dataset.point(code)
            if point is not None and point.views and self._view not in point.views:
                self.show_view(point.views[0])
        for scene in self._scenes.values():  # only the two points concerned are touched
            for item in scene.markers.get(previous or "", []):
                item.set_state(selected=False)
            for item in scene.markers_for(code):
                item.set_state(selected=True)
        if reveal and code is not None:
            items = self.scene_for(self._view).markers_for(code)
            if items:
                self.centerOn(items[0])

    def set_result(self, codes: frozenset[str] | set[str] | None) -> None:
        """Dim the markers outside the search result (None: nothing dimmed)."""
        if codes == self._result:
            return
        old, self._result = self._result, codes
        # Only the points whose membership changed are touched: typing one more letter
        # usually changes few of them.
        if old is None or codes is None:
            changed: set[str] | None = None
        else:
            changed = old ^ codes
        for scene in self._scenes.values():
            self._apply_dimming(scene, changed)

    def _apply_dimming(self, scene: FigureScene, changed: set[str] | None = None) -> None:
        result = self._result
        if scene.dots is not None:
            scene.dots.set_result(result)
        codes = scene.markers.keys() if changed is None else changed & scene.markers.keys()
        for code in codes:
            dimmed = result is not None and code not in result
            for item in scene.markers[code]:
                if item.dimmed != dimmed:
                    item.set_state(dimmed=dimmed)

    def set_areas(self, areas: frozenset[str]) -> None:
        """Show which regions the area filter holds."""
        self._areas = areas
        for scene in self._scenes.values():
            for region in scene.regions:
                region.set_state(active=region.area in areas)

    def set_pain_mode(self, mode: str) -> None:
        """Colour the points of one pain type ('lower', 'upper' or '' for both)."""
        self._pain_mode = mode
        for scene in self._scenes.values():
            if scene.dots is not None:
                scene.dots.set_pain_mode(mode)
            for item in scene.all_markers():
                item.set_state(pain_mode=mode)

    def _apply_state(self, scene: FigureScene) -> None:
        """Bring a newly built scene up to the view's state."""
        self._apply_dimming(scene)
        if scene.dots is not None:
            scene.dots.set_pain_mode(self._pain_mode)
        self.apply_item_state(list(scene.all_markers()))
        if self._selected is not None and scene.dense:
            self.apply_item_state(scene.markers_for(self._selected))
        for region in scene.regions:
            region.set_state(active=region.area in self._areas)

    def apply_item_state(self, items: list[MarkerItem]) -> None:
        """Selection, colouring and dimming for marker items made after the fact."""
        result = self._result
        for item in items:
            code = item.point.code
            item.set_state(
                selected=code == self._selected,
                pain_mode=self._pain_mode,
                dimmed=result is not None and code not in result,
            )

    # --- hover ---------------------------------------------------------------------
    def set_hovered_point(self, code: str | None) -> None:
        """Highlight every marker of the point under the pointer (both sides)."""
        if code == self._hovered_point:
            return
        scene = self.scene_for(self._view)
        for item in scene.markers.get(self._hovered_point or "", []):
            item.set_state(hovered=False)
        self._hovered_point = code
        for item in scene.markers_for(code):
            item.set_state(hovered=True)
        point = self._dataset.point(code) if code else None
        self.hover_changed.emit(f"{point.code} {point.pinyin}: {point.name}" if point else "")

    def set_hovered_region(self, region: RegionItem | None) -> None:
        if self._hovered_region is not None:
            self._hovered_region.set_state(hovered=False)
        self._hovered_region = region
        if region is not None:
            region.set_state(hovered=True)
            self.hover_changed.emit(f"{AREA_LABELS.get(region.area, region.area)}: click to show its points")
        elif self._hovered_point is None:
            self.hover_changed.emit("")

    # --- zoom and pan --------------------------------------------------------------
    def fit(self) -> None:
        """Fit the whole figure in the window."""
        scene = self.scene()
        if scene is not None:
            self.resetTransform()
            self.fitInView(scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
            self._fitted = True
            self._sync_marker_scale()

    def _sync_marker_scale(self) -> None:
        """Keep markers the same size on screen whatever the zoom."""
        scene = self.scene()
        zoom = self.transform().m11()
        if not isinstance(scene, FigureScene) or zoom <= 0:
            return
        scale = 1.0 / zoom
        if abs(scene.marker_scale - scale) < 1e-9:
            return
        scene.marker_scale = scale
        for item in scene.all_markers():
            item.setScale(scale)

    def zoom_by(self, factor: float) -> None:
        """Zoom in (>1) or out (<1), within sensible limits."""
        current = self.transform().m11()
        scene = self.scene()
        fit_scale = 1.0
        if scene is not None and scene.sceneRect().height() > 0:
            fit_scale = min(
                self.viewport().width() / scene.sceneRect().width(),
                self.viewport().height() / scene.sceneRect().height(),
            )
        target = max(fit_scale * 0.8, min(current * factor, fit_scale * 12))
        if target <= fit_scale * 1.001 and factor < 1:
            self.fit()
            return
        self.scale(target / current, target / current)
        self._fitted = False
        self._sync_marker_scale()

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        if self._fitted:
            self.fit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            self.zoom_by(1.15**steps)
            event.accept()
        else:
            super().wheelEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.NativeGesture:
            gesture = event  # QNativeGestureEvent: trackpad pinch on macOS and Wayland
            if gesture.gestureType() == Qt.NativeGestureType.ZoomNativeGesture:  # type: ignore[attr-defined]
                self.zoom_by(1 + gesture.value())  # type: ignore[attr-defined]
                return True
        if event.type() == QEvent.Type.Gesture:
            pinch = event.gesture(Qt.GestureType.PinchGesture)  # type: ignore[attr-defined]
            if pinch is not None:
                self.zoom_by(pinch.scaleFactor())
                return True
        return super().event(event)

    # --- clicks ----------------------------------------------------------------------
    def _item_at(self, pos: QPointF) -> MarkerItem | RegionItem | None:
        region: RegionItem | None = None
        for item in self.items(pos.toPoint()):
            if isinstance(item, MarkerItem) and item.isVisible():
                return item
            if isinstance(item, RegionItem) and region is None:
                region = item
        code = self._dense_code_at(pos)
        if code is not None:
            return self.scene_for(self._view).markers_for(code)[0]
        return region

    def _dense_code_at(self, pos: QPointF) -> str | None:
        """In a dense figure, the dot under the pointer (the dot layer has no items to hit)."""
        scene = self.scene()
        if not isinstance(scene, FigureScene) or not scene.dense:
            return None
        tolerance = MARKER_RADIUS * 1.4 / max(self.transform().m11(), 1e-6)
        return scene.code_at(self.mapToScene(pos.toPoint()), tolerance)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        scene = self.scene()
        if isinstance(scene, FigureScene) and scene.dense and event.buttons() == Qt.MouseButton.NoButton:
            self.set_hovered_point(self._dense_code_at(event.position()))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position() if event.button() == Qt.MouseButton.LeftButton else None
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        press, self._press = self._press, None
        if press is None or event.button() != Qt.MouseButton.LeftButton:
            return
        if (event.position() - press).manhattanLength() > 6:
            self._fitted = False  # the user panned
            return
        self._activate(self._item_at(event.position()))
        event.accept()

    def _activate(self, item: MarkerItem | RegionItem | None) -> None:
        if isinstance(item, MarkerItem):
            self.state.select(item.point.code)
        elif isinstance(item, RegionItem):
            add = bool(QApplication.keyboardModifiers() & Qt.KeyboardModifier.ControlModifier)
            self.state.choose_area(item.area, add=add)

    def contextMenuEvent(self, event: object) -> None:
        from PySide6.QtWidgets import QMenu

        item = self._item_at(QPointF(event.pos()))  # type: ignore[attr-defined]
        if not isinstance(item, MarkerItem):
            return
        code = item.point.code
        menu = QMenu(self)
        menu.addAction(f"Show {code}", lambda: self.state.select(code))
        menu.addAction(f"Add {code} to sheet", lambda: self.add_requested.emit(code))
        menu.exec(event.globalPos())  # type: ignore[attr-defined]

    # --- keyboard --------------------------------------------------------------------
    def focus_items(self) -> list[MarkerItem | RegionItem]:
        """Regions, then one marker per point, in reading order (the keyboard's order)."""
        scene = self.scene_for(self._view)
        return [t if isinstance(t, RegionItem) else scene.markers_for(t)[0] for t in self._focus_targets()]

    def _focus_targets(self) -> list[RegionItem | str]:
        """Like focus_items, with points as codes (nothing is built for a dense figure)."""
        scene = self.scene_for(self._view)
        regions = sorted(scene.regions, key=lambda r: (r.boundingRect().top(), r.boundingRect().left()))
        seen: set[str] = set()
        regions_done: set[str] = set()
        ordered: list[RegionItem | str] = []
        for region in regions:
            if region.area not in regions_done:
                ordered.append(region)
                regions_done.add(region.area)
        spots = sorted(
            ((round(m.y * scene.size[1] / 4), m.x * scene.size[0], code)
             for code, (_, mine, _, _) in scene.points_here.items() for m in mine)
        )
        for _, _, code in spots:
            if code not in seen:
                seen.add(code)
                ordered.append(code)
        return ordered

    def _materialise(self, target: RegionItem | str) -> MarkerItem | RegionItem:
        if isinstance(target, RegionItem):
            return target
        return self.scene_for(self._view).markers_for(target)[0]

    def focused_item(self) -> MarkerItem | RegionItem | None:
        targets = self._focus_targets()
        if 0 <= self._focus_index < len(targets):
            return self._materialise(targets[self._focus_index])
        return None

    def move_focus(self, step: int) -> None:
        """Move the keyboard focus to the next (+1) or previous (-1) region or point."""
        targets = self._focus_targets()
        if not targets:
            return
        old = self.focused_item()
        if old is not None:
            self._set_item_focus(old, False)
        if self._focus_index < 0:
            self._focus_index = 0 if step > 0 else len(targets) - 1
        else:
            self._focus_index = (self._focus_index + step) % len(targets)
        item = self._materialise(targets[self._focus_index])
        self._set_item_focus(item, True)
        self.ensureVisible(item, 40, 40)
        self.setAccessibleDescription(item.accessible_name)
        QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.DescriptionChanged))
        self.hover_changed.emit(item.accessible_name)

    def _set_item_focus(self, item: MarkerItem | RegionItem, on: bool) -> None:
        if isinstance(item, MarkerItem):
            for other in self.scene_for(self._view).markers.get(item.point.code, []):
                other.set_state(focused=on)
        else:
            for region in self.scene_for(self._view).regions:
                if region.area == item.area:
                    region.set_state(focused=on)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Down):
            self.move_focus(1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Up):
            self.move_focus(-1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self._activate(self.focused_item())
        elif key == Qt.Key.Key_Escape:
            item = self.focused_item()
            if item is not None:
                self._set_item_focus(item, False)
            self._focus_index = -1
            self.state.select(None)
            self.state.set_areas(frozenset())
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(1.25)
        elif key == Qt.Key.Key_Minus:
            self.zoom_by(0.8)
        elif key == Qt.Key.Key_0:
            self.fit()
        else:
            super().keyPressEvent(event)

    def focusOutEvent(self, event: object) -> None:
        super().focusOutEvent(event)  # type: ignore[arg-type]
        item = self.focused_item()
        if item is not None:
            self._set_item_focus(item, False)
