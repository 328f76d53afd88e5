"""One figure with its regions and markers; a dot layer for dense figures."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from itertools import chain
from typing import TYPE_CHECKING, Iterable, Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtSvgWidgets import QGraphicsSvgItem
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
    QWidget,
)

from ...core import anatomy
from ...core.figures import (
    base_view, is_body_view, is_crop, is_group, markers_in, names_every_marker, view_rect, view_size,
)
from ...core.model import Dataset, Marker, Point
from ...core.pointset import PointCodes, indices_of
from ...resources import asset_file

from .items import MarkerItem, RegionItem
from .landmarks import DimensionItem, GroupBand, ShapeLayer
from .style import MARKER_RADIUS, OTHER_COLOUR, PAIN_COLOURS, pain_kind

if TYPE_CHECKING:
    from .view import BodyMapView

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
        self.result: AbstractSet[str] | None = None
        self.pain_mode = ""
        self.setZValue(1.5)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_result(self, result: AbstractSet[str] | None) -> None:
        self.result = result
        if result is None:
            self._bright = self._all
        elif isinstance(result, PointCodes):
            self._bright = self._bright_from_bits(result)
        else:
            groups: dict[str, list[QPointF]] = {}
            by_code = self._by_code
            for code in result:
                entry = by_code.get(code)
                if entry is not None:
                    groups.setdefault(entry[0], []).extend(entry[1])
            self._bright = {kind: QPolygonF(points) for kind, points in groups.items()}
        self.update()

    def _bright_from_bits(self, result: PointCodes) -> dict[str, QPolygonF]:
        """The bright dots of a search result held as bits (issue 20): no code look-ups, the
        per-point work done by C-level iteration (map, chain), and the last few results kept,
        so that a backspace back to an earlier result rebuilds nothing."""
        cache = self.__dict__.setdefault("_bits_cache", {})
        if cache.get("index") is not result.index:
            # Per pain kind, a table by dataset position: that point's dots, or none.
            position = result.index.position
            size = len(result.index.codes)
            tables: dict[str, list[Sequence[QPointF]]] = {kind: [()] * size for kind in self._all}
            for code, (kind, points) in self._by_code.items():
                i = position.get(code)
                if i is not None:
                    tables[kind][i] = points
            cache.clear()
            cache.update(index=result.index, tables=tables, recent={})
        recent: dict[int, dict[str, QPolygonF]] = cache["recent"]
        bright = recent.pop(result.bits, None)
        if bright is None:
            rows = indices_of(result.bits)
            bright = {}
            for kind, table in cache["tables"].items():
                points = list(chain.from_iterable(map(table.__getitem__, rows)))
                if points:
                    bright[kind] = QPolygonF(points)
        recent[result.bits] = bright  # most recent last
        while len(recent) > 6:
            del recent[next(iter(recent))]
        return bright

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
        #: The marker view whose drawing and markers this view shows (a crop shows part of one).
        self.base = base = base_view(view)
        self.map_view = map_view
        self.renderer = QSvgRenderer(str(asset_file(f"{base}.svg")), self)
        figure = QGraphicsSvgItem()
        figure.setSharedRenderer(self.renderer)
        figure.setZValue(0)
        # Rendered once per zoom level into a device-resolution pixmap (still crisp),
        # not re-rendered from SVG on every repaint.
        figure.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        if is_body_view(base):
            margin = anatomy.FIGURE_MARGIN
            figure.setPos(-margin, -margin)
        self.size = view_size(base)
        self.addItem(figure)
        self.regions: list[RegionItem] = []
        for region in anatomy.REGIONS:
            if region.view != base:
                continue
            path = QPainterPath()
            for x0, y0, x1, y1 in anatomy.region_boxes(region):
                if not is_body_view(base):
                    x0, x1 = x0 * self.size[0], x1 * self.size[0]
                    y0, y1 = y0 * self.size[1], y1 * self.size[1]
                r = min(x1 - x0, y1 - y0) * region.round
                path.addRoundedRect(QRectF(x0, y0, x1 - x0, y1 - y0), r, r)
            item = RegionItem(region.area, view, path)
            self.addItem(item)
            self.regions.append(item)
        self.markers: dict[str, list[MarkerItem]] = {}
        #: The landmark and grid layers, made when first shown (cached items).
        self.layers: dict[str, ShapeLayer] = {}
        self.dimension = DimensionItem()
        self.addItem(self.dimension)
        self.bands: dict[str, GroupBand] = {}
        # code -> (point, its markers on this view, radius, the marker that carries the label)
        self.points_here: dict[str, tuple[Point, list[Marker], float, Marker]] = {}
        for point in dataset.points:
            mine = markers_in(point, view)
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
        margin = 6.0 if is_crop(view) else 24.0
        x0, y0, x1, y1 = view_rect(view)
        self.setSceneRect(QRectF(x0 - margin, y0 - margin, x1 - x0 + 2 * margin, y1 - y0 + 2 * margin))

    def set_layers(self, landmarks: bool, grid: bool) -> None:
        """Show or hide the landmark layer and the B-cun grid (built on first use)."""
        from ...core.landmarks import cun_grid, landmarks as landmark_shapes

        for name, on in (("landmarks", landmarks), ("grid", grid)):
            layer = self.layers.get(name)
            if on and layer is None:
                shapes = landmark_shapes(self.view) if name == "landmarks" else cun_grid(self.view)
                if not shapes:
                    continue
                layer = ShapeLayer(shapes, QRectF(0, 0, *self.size), name == "grid")
                self.addItem(layer)
                self.layers[name] = layer
            if layer is not None:
                layer.setVisible(on)

    def to_scene(self, x: float, y: float) -> QPointF:
        """0..1 marker coordinates to scene coordinates."""
        return QPointF(x * self.size[0], y * self.size[1])

    def _create_markers(self, code: str) -> list[MarkerItem]:
        point, mine, radius, rightmost = self.points_here[code]
        items = []
        for marker in mine:
            item = MarkerItem(point, marker, self.to_scene(marker.x, marker.y), radius)
            # Close-ups name every marker; the map's "codes" switch names every point.
            item.always_label = names_every_marker(self.view) or self.map_view.labels_on
            # A group (Jiaji) is named once, beside its band, not at each of its markers.
            item.show_label = not is_group(mine) and (marker is rightmost or item.always_label)
            item.in_group = is_group(mine)
            item._restyle()
            item.setScale(self.marker_scale)
            if self.dense:
                item.dense = True
                item.setVisible(False)
            self.addItem(item)
            items.append(item)
        if is_group(mine) and code not in self.bands:
            band = GroupBand([item.pos() for item in items], PAIN_COLOURS[pain_kind(point)], f"{point.code} {point.pinyin}")
            self.addItem(band)
            self.bands[code] = band
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
