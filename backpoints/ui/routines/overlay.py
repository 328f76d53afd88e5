"""RouteOverlay: a routine's press order drawn over one figure of the map.

One item per figure scene: numbered badges on the routine's markers and a dashed path
between them in step order, from the same core.routines.route() the paper uses, so
the screen and the handout always agree. It takes plain values and a function from
view units (0..1) to scene coordinates, and never takes mouse clicks, so the markers
beneath stay clickable.
"""

from __future__ import annotations

from typing import Callable, Protocol

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from ...core.model import Dataset
from ...core.routines import Routine, Stop, route

BADGE = QColor("#0b4f8a")
#: Above the markers (and their labels) of the figure.
Z_VALUE = 50.0


class RouteBadge(QGraphicsItem):
    """One step number beside a marker, the same size on screen at any zoom (as the markers are)."""

    def __init__(self, number: int, at: QPointF, radius: float, parent: QGraphicsItem) -> None:
        super().__init__(parent)
        self.number = number
        self.radius = radius
        self.setPos(at)
        # Screen pixels, not figure units: a close-up or a zoom must not blow the badge up.
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)

    def _centre(self) -> QPointF:
        return QPointF(self.radius * 0.9, -self.radius * 0.9)  # beside the marker, not on it

    def boundingRect(self) -> QRectF:
        c, r = self._centre(), self.radius + 1.5
        return QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        centre, r = self._centre(), self.radius
        font = QFont(painter.font())
        font.setBold(True)
        font.setPointSizeF(max(6.0, r * 0.9))
        painter.setFont(font)
        painter.setPen(QPen(QColor("white"), 1.2))
        painter.setBrush(BADGE)
        painter.drawEllipse(centre, r, r)
        painter.setPen(QColor("white"))
        painter.drawText(QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r), Qt.AlignmentFlag.AlignCenter,
                         str(self.number))


class RouteOverlay(QGraphicsItem):
    """Numbered markers and the path between them for one routine on one view."""

    def __init__(
        self,
        routine: Routine,
        dataset: Dataset,
        view: str,
        to_scene: Callable[[float, float], QPointF],
        radius: float = 9.0,
    ) -> None:
        super().__init__()
        self.routine = routine
        self.view = view
        self.radius = radius
        badges, path = route(routine, dataset, view)
        self.badges: tuple[Stop, ...] = badges
        self.path: tuple[Stop, ...] = path
        self._badge_points = [(s.number, to_scene(s.x, s.y)) for s in badges]
        self._path_points = [to_scene(s.x, s.y) for s in path]
        self.setZValue(Z_VALUE)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)
        for number, at in self._badge_points:
            RouteBadge(number, at, radius, self)
        points = [p for _, p in self._badge_points] or [QPointF(0, 0)]
        xs, ys = [p.x() for p in points], [p.y() for p in points]
        pad = 2.0  # the path's pen is cosmetic; the badges bound themselves
        self._bounds = QRectF(min(xs) - pad, min(ys) - pad, max(xs) - min(xs) + 2 * pad, max(ys) - min(ys) + 2 * pad)

    def numbers_at(self) -> list[tuple[int, QPointF]]:
        """(step number, scene position) of every badge, for tests and accessibility."""
        return list(self._badge_points)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        if len(self._path_points) < 2:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(BADGE, 1.6, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for a, b in zip(self._path_points, self._path_points[1:]):
            painter.drawLine(a, b)


class FigureSceneLike(Protocol):
    """What RouteLayer needs from a figure scene: its view name, to_scene and addItem."""

    view: str

    def to_scene(self, x: float, y: float) -> QPointF: ...

    def addItem(self, item: QGraphicsItem) -> None: ...


class RouteLayer:
    """Keeps one RouteOverlay per figure scene for the routine being shown (or none)."""

    def __init__(self) -> None:
        self.routine: Routine | None = None
        self._dataset: Dataset | None = None
        self._items: list[RouteOverlay] = []

    @property
    def overlays(self) -> list[RouteOverlay]:
        return list(self._items)

    def show(self, routine: Routine | None, dataset: Dataset, scenes: list[FigureSceneLike]) -> None:
        """Draw `routine` on each scene (None clears it)."""
        self.clear()
        self.routine, self._dataset = routine, dataset
        for scene in scenes:
            self.attach(scene)

    def attach(self, scene: FigureSceneLike) -> None:
        """Add the current routine to a scene built later (e.g. a close-up opened afterwards)."""
        if self.routine is None or self._dataset is None:
            return
        if any(item.scene() is scene for item in self._items):  # type: ignore[comparison-overlap]
            return
        overlay = RouteOverlay(self.routine, self._dataset, scene.view, scene.to_scene)
        if overlay.badges:
            scene.addItem(overlay)
            self._items.append(overlay)

    def clear(self) -> None:
        for item in self._items:
            scene = item.scene()
            if scene is not None:
                scene.removeItem(item)
        self._items.clear()
        self.routine = None
