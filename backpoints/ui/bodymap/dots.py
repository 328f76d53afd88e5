"""The dot layer of a dense figure: thousands of points drawn as dots, not items.

Only figures with more than DENSE_LIMIT markers use it, so numpy is imported only for big
datasets (the bundled one never loads it here). Two items share the work of a keystroke:

- DotLayer draws every dot, dimmed (by its opacity) while a search result is shown. Its
  drawing changes only with the pain colouring and the zoom, so Qt keeps it as a pixmap
  (DeviceCoordinateCache) and a keystroke repaints it by copying that pixmap.
- Its child, the bright layer, draws the result's dots over it. A result arrives as bits
  over the dataset's points (PointCodes); numpy picks those points' dots from prepared
  arrays and writes them straight into a QPolygonF's memory.

Measured at 10,000 points (20,000 dots), per keystroke: the old single layer took 2-7 ms
to rebuild its bright dots from Python lists and 4-6 ms to repaint all 20,000 dots; this
one rebuilds in well under a millisecond and repaints only the bright dots.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from typing import Any, cast

import numpy as np
import shiboken6
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QWidget

from ...core.pointset import CodeIndex, PointCodes

from .style import MARKER_RADIUS, OTHER_COLOUR, PAIN_COLOURS

#: How strongly the dots outside a result still show.
DIM_OPACITY = 0.22


def _polygon(xy: np.ndarray[Any, Any]) -> QPolygonF:
    """A QPolygonF holding the (n, 2) float coordinates, copied straight into its memory."""
    polygon = QPolygonF()
    if len(xy):
        polygon.resize(len(xy))
        # data() wraps the first QPointF of the polygon's own array (not a copy); the
        # pointer gives numpy a writable view of it, two doubles a point (as pyqtgraph does).
        memory: Any = shiboken6.VoidPtr(cast(Any, polygon.data()), len(xy) * 16, True)  # type: ignore[call-arg]
        np.frombuffer(memory, dtype=np.float64).reshape(-1, 2)[:] = xy
    return polygon


def _draw(painter: QPainter, groups: dict[str, QPolygonF], pain_mode: str) -> None:
    # Square, unantialiased dots: four to eighteen times cheaper than round smooth ones
    # (measured: 20,000 dots in 5 ms instead of 20-85 ms), and at this density the shape
    # cannot be told apart anyway. Zooming in shows the full markers on hover.
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    for kind, polygon in groups.items():
        colour = OTHER_COLOUR if pain_mode and kind not in (pain_mode, "both") else PAIN_COLOURS[kind]
        pen = QPen(colour, MARKER_RADIUS * 1.3)
        pen.setCapStyle(Qt.PenCapStyle.SquareCap)
        pen.setCosmetic(True)  # the same size on screen at every zoom
        painter.setPen(pen)
        painter.drawPoints(polygon)


class DotLayer(QGraphicsItem):
    """Every dot of a dense figure, dimmed while a result is shown; the result's dots are
    drawn bright by a child item."""

    def __init__(self, size: tuple[float, float], entries: list[tuple[str, str, list[QPointF]]]) -> None:
        super().__init__()
        self._rect = QRectF(-30, -30, size[0] + 60, size[1] + 60)
        #: The layer's own numbering of its points (entry order) and, per pain kind, the
        #: dots' coordinates and the number of the point each dot belongs to.
        self._codes = [code for code, _, _ in entries]
        xy: dict[str, list[tuple[float, float]]] = {}
        owner: dict[str, list[int]] = {}
        for number, (_, kind, points) in enumerate(entries):
            xy.setdefault(kind, []).extend((p.x(), p.y()) for p in points)
            owner.setdefault(kind, []).extend([number] * len(points))
        self._xy = {kind: np.array(v, dtype=np.float64).reshape(-1, 2) for kind, v in xy.items()}
        self._owner = {kind: np.array(v, dtype=np.intp) for kind, v in owner.items()}
        self._all = {kind: _polygon(v) for kind, v in self._xy.items()}
        #: Per dataset code index: each of the layer's points' position in the dataset
        #: (the last slot, for points the dataset lacks, always reads as "not in the result").
        self._positions: tuple[object, np.ndarray[Any, Any]] | None = None
        self.result: AbstractSet[str] | None = None
        self.pain_mode = ""
        self.bright = _BrightDots(self)
        self.setZValue(1.5)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemDoesntPropagateOpacityToChildren)
        # Repainted only when the pain colouring changes or a result comes or goes.
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def set_result(self, result: AbstractSet[str] | None) -> None:
        """Brighten the dots of these points and dim the rest (None: every dot bright)."""
        # Dimming is the item's opacity, applied when Qt copies the cached pixmap: the first
        # letter typed does not redraw 20,000 dots.
        self.setOpacity(1.0 if result is None else DIM_OPACITY)
        self.result = result
        self.bright.set_groups({} if result is None else self._bright_groups(result))

    def set_pain_mode(self, mode: str) -> None:
        self.pain_mode = mode
        self.update()
        self.bright.update()

    def bright_dot_count(self) -> int:
        """How many dots are drawn at full strength."""
        return sum(p.count() for p in (self._all if self.result is None else self.bright.groups).values())

    def prepare(self, index: CodeIndex) -> None:
        """Find the layer's points in the dataset's code index (once per dataset; done when
        the search index is ready, so the first keystroke does not pay for it)."""
        if self._positions is None or self._positions[0] is not index:
            missing = len(index.codes)
            self._positions = (index, np.array([index.position.get(c, missing) for c in self._codes], dtype=np.intp))

    def _bright_groups(self, result: AbstractSet[str]) -> dict[str, QPolygonF]:
        chosen = self._chosen(result)
        groups = {}
        for kind, xy in self._xy.items():
            picked = xy[chosen[self._owner[kind]]]
            if len(picked):
                groups[kind] = _polygon(picked)
        return groups

    def _chosen(self, result: AbstractSet[str]) -> np.ndarray[Any, Any]:
        """A flag per point of the layer: is it in the result?"""
        if not isinstance(result, PointCodes):
            return np.fromiter((code in result for code in self._codes), dtype=bool, count=len(self._codes))
        index = result.index
        self.prepare(index)
        assert self._positions is not None
        size = len(index.codes)
        raw = np.frombuffer(result.bits.to_bytes((size + 7) // 8 + 1, "little"), dtype=np.uint8)
        in_result = np.unpackbits(raw, bitorder="little")[: size + 1].astype(bool)
        in_result[size] = False
        chosen: np.ndarray[Any, Any] = in_result[self._positions[1]]
        return chosen

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: object, widget: QWidget | None = None) -> None:
        _draw(painter, self._all, self.pain_mode)


class _BrightDots(QGraphicsItem):
    """The dots of the current result at full strength, over the dimmed layer."""

    def __init__(self, layer: DotLayer) -> None:
        super().__init__(layer)
        self._layer = layer
        self.groups: dict[str, QPolygonF] = {}
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_groups(self, groups: dict[str, QPolygonF]) -> None:
        if groups or self.groups:
            self.groups = groups
            self.update()

    def boundingRect(self) -> QRectF:
        return self._layer.boundingRect()

    def paint(self, painter: QPainter, option: object, widget: QWidget | None = None) -> None:
        _draw(painter, self.groups, self._layer.pain_mode)
