"""One figure with its regions and markers; a dot layer (dots.py) for dense figures."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPath
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtSvgWidgets import QGraphicsSvgItem
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from ...core import anatomy
from ...core.figures import (
    base_view, is_body_view, is_crop, is_group, markers_in, names_every_marker, view_rect, view_size,
)
from ...core.model import Dataset, Marker, Point
from ...resources import asset_file

from .items import MarkerItem, RegionItem
from .landmarks import DimensionItem, GroupBand, ShapeLayer
from .style import MARKER_RADIUS, PAIN_COLOURS, pain_kind

if TYPE_CHECKING:
    from .dots import DotLayer
    from .view import BodyMapView

#: Above this many markers on one figure, points are drawn as dots by one layer item
#: (level of detail): thousands of individual items cost whole frames to repaint.
DENSE_LIMIT = 1500


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
            from .dots import DotLayer  # numpy, for big datasets only

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
