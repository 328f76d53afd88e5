"""Keyboard navigation of the body map: spatial arrows, regions then their points.

Two levels. On the regions level the arrow keys move between the body regions of the
figure; Enter chooses a region (the area filter) and steps into its points; on the
points level the arrows move to the nearest point in that direction, Enter selects it
and Escape goes back to the regions. Home and End go to the first and last item,
Page Up and Page Down to the previous and next figure. Figures with no regions (none
today, but a dataset may add a view) start on the points level.

Targets are plain values, ("region", area) or ("point", code), with a position taken
from the scene's marker data: a dense figure builds the marker of the focused point
only. The accessibility layer (accessibility.py) reads the same targets.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPen

from ...core.model import VIEWS

if TYPE_CHECKING:
    from .items import MarkerItem, RegionItem
    from .scene import FigureScene
    from .view import BodyMapView

#: ("region", area) or ("point", code)
Target = tuple[str, str]

#: The keys, as the guide and the map's tooltip list them.
KEY_HELP: tuple[tuple[str, str], ...] = (
    ("Arrow keys", "move to the nearest region or point in that direction"),
    ("Enter or Space", "on a region: show its points and step into them; on a point: select it"),
    ("Escape", "back from a region's points to the regions; on the regions: clear the selection and filters"),
    ("Home / End", "first / last region or point"),
    ("Page Up / Page Down", "previous / next figure"),
    ("+ / − / 0", "zoom in / zoom out / fit the figure"),
)

#: Focus ring colours: a dark ring inside a light one reads on light and dark figures alike.
RING_DARK = QColor("#000000")
RING_LIGHT = QColor("#ffd400")


def key_help_text() -> str:
    """The map's keys as plain lines (tooltip, accessible description)."""
    return "\n".join(f"{keys}: {what}" for keys, what in KEY_HELP)


class MapNavigator(QObject):
    """Which map item has the keyboard focus, and how keys move it."""

    #: The focused target changed: ("region", area), ("point", code) or None.
    focus_moved = Signal(object)

    def __init__(self, view: "BodyMapView") -> None:
        super().__init__(view)
        self.view = view
        self.current: Target | None = None
        #: The region whose points the arrows walk, or None on the regions level.
        self.region: str | None = None
        self._membership: dict[int, dict[str, str]] = {}  # id(scene) -> code -> area
        # Orders per figure and region: a screen reader walking thousands of children of a
        # dense figure asks for them one by one, and each ask must not sort them again.
        self._orders: dict[tuple[int, str | None], list[str]] = {}
        self._index: dict[int, dict[Target, int]] = {}

    # --- what there is --------------------------------------------------------------
    def _scene(self) -> "FigureScene":
        return self.view.scene_for(self.view.current_view)

    def region_items(self, area: str) -> list["RegionItem"]:
        return [r for r in self._scene().regions if r.area == area]

    def regions(self) -> list[str]:
        """The areas of the figure, each once, in reading order (top to bottom, left to right)."""
        key = (id(self._scene()), "\0regions")
        known = self._orders.get(key)
        if known is not None:
            return known
        seen: list[str] = []
        for item in sorted(self._scene().regions, key=lambda r: (r.boundingRect().top(), r.boundingRect().left())):
            if item.area not in seen:
                seen.append(item.area)
        self._orders[key] = seen
        return seen

    def points(self, area: str | None = None) -> list[str]:
        """The points drawn on the figure (of one region), in reading order."""
        scene = self._scene()
        known = self._orders.get((id(scene), area))
        if known is not None:
            return known
        membership = self.membership() if area is not None else {}
        codes = [c for c in scene.points_here if area is None or membership.get(c) == area]
        ordered = sorted(codes, key=lambda c: self._reading_key(self.position(("point", c))))
        self._orders[(id(scene), area)] = ordered
        return ordered

    def targets(self) -> list[Target]:
        """What the arrow keys move between now."""
        regions = self.regions()
        if self.region is None and regions:
            return [("region", a) for a in regions]
        return [("point", c) for c in self.points(self.region)]

    def all_targets(self) -> list[Target]:
        """Every region, then every point of the figure (the accessible children)."""
        return [("region", a) for a in self.regions()] + [("point", c) for c in self.points()]

    def target_count(self) -> int:
        return len(self.regions()) + len(self.points())

    def target_at(self, index: int) -> Target | None:
        """The index-th accessible child, without building the whole list."""
        regions = self.regions()
        if 0 <= index < len(regions):
            return ("region", regions[index])
        points = self.points()
        if 0 <= index - len(regions) < len(points):
            return ("point", points[index - len(regions)])
        return None

    def index_of(self, target: Target) -> int:
        """A target's place among the accessible children, or -1."""
        scene_id = id(self._scene())
        index = self._index.get(scene_id)
        if index is None:
            index = {t: i for i, t in enumerate(self.all_targets())}
            self._index[scene_id] = index
        return index.get(target, -1)

    def membership(self) -> dict[str, str]:
        """Point code -> the region it lies in (or the nearest one), per figure."""
        scene = self._scene()
        known = self._membership.get(id(scene))
        if known is not None:
            return known
        result: dict[str, str] = {}
        regions = scene.regions
        for code in scene.points_here:
            pos = self.position(("point", code))
            inside = [r for r in regions if r.shape().contains(pos)]
            if inside:
                # The smallest region that holds it: a hand region inside an arm box wins.
                best = min(inside, key=lambda r: r.boundingRect().width() * r.boundingRect().height())
            elif regions:
                best = min(regions, key=lambda r: _distance(r.boundingRect().center(), pos))
            else:
                continue
            result[code] = best.area
        self._membership[id(scene)] = result
        return result

    def position(self, target: Target) -> QPointF:
        """A target's place in scene units: a region's centre, a point's labelled marker."""
        kind, key = target
        scene = self._scene()
        if kind == "region":
            return self.scene_rect(target).center()
        entry = scene.points_here.get(key)
        if entry is None:
            return QPointF()
        marker = entry[3]
        return scene.to_scene(marker.x, marker.y)

    def scene_rect(self, target: Target) -> QRectF:
        """The target's extent in scene units (a point: its marker's size at the current zoom)."""
        kind, key = target
        if kind == "region":
            rect = QRectF()
            for item in self.region_items(key):
                rect = rect.united(item.sceneBoundingRect())
            return rect
        scene = self._scene()
        built = scene.markers.get(key)
        entry = scene.points_here.get(key)
        if built and entry is not None:
            label = next((m for m in built if m.marker is entry[3]), built[0])
            return label.sceneBoundingRect()
        # Not built (a dense figure): the marker's size on screen, in scene units.
        pos = self.position(target)
        zoom = max(self.view.transform().m11(), 1e-6)
        radius = (entry[2] if entry is not None else 5.5) * 1.3 / zoom
        return QRectF(pos.x() - radius, pos.y() - radius, 2 * radius, 2 * radius)

    def item_for(self, target: Target) -> "list[MarkerItem] | list[RegionItem]":
        """The items drawing a target; the labelled marker first (built on demand when dense)."""
        kind, key = target
        if kind == "region":
            return self.region_items(key)
        scene = self._scene()
        items = scene.markers_for(key)
        entry = scene.points_here.get(key)
        if entry is not None:
            items = sorted(items, key=lambda m: m.marker is not entry[3])
        return items

    @staticmethod
    def _reading_key(pos: QPointF) -> tuple[float, float]:
        return (round(pos.y() / 8), pos.x())

    # --- moving ------------------------------------------------------------------------
    def reset(self) -> None:
        """A new figure or dataset: nothing focused, back on the regions level."""
        self._set(None)
        self.region = None
        self._membership.clear()
        self._orders.clear()
        self._index.clear()

    def focus(self, target: Target | None) -> None:
        """Give a target the keyboard focus (None: none)."""
        if target is not None and target[0] == "point" and self.regions():
            self.region = self.membership().get(target[1], self.region)
        elif target is not None and target[0] == "region":
            self.region = None
        self._set(target)

    def _set(self, target: Target | None) -> None:
        old, self.current = self.current, target
        if old == target:
            return
        if old is not None:
            self._mark(old, False)
        if target is not None:
            self._mark(target, True)
            self.view.ensureVisible(self.scene_rect(target), 40, 40)
        self.view.viewport().update()
        self.focus_moved.emit(target)

    def _mark(self, target: Target, on: bool) -> None:
        kind, key = target
        if kind == "region":
            for item in self.region_items(key):
                item.set_state(focused=on)
        else:
            for marker in self._scene().markers.get(key, []) if not on else self._scene().markers_for(key):
                marker.set_state(focused=on)

    def move(self, dx: float, dy: float) -> None:
        """Move to the nearest target in a direction (screen axes: +x right, +y down)."""
        targets = self.targets()
        if not targets:
            return
        if self.current not in targets:
            self._set(targets[0])
            return
        here = self.position(self.current)
        best: tuple[float, Target] | None = None
        fallback: tuple[float, Target] | None = None
        for target in targets:
            if target == self.current:
                continue
            pos = self.position(target)
            vx, vy = pos.x() - here.x(), pos.y() - here.y()
            along = vx * dx + vy * dy
            if along <= 0.5:
                continue
            across = abs(vx * dy - vy * dx)
            # Straight ahead counts most; sideways drift costs double. Within the 60° cone
            # first, anything ahead only when the cone is empty.
            score = along + 2 * across
            if across <= along * math.tan(math.radians(60)):
                if best is None or score < best[0]:
                    best = (score, target)
            elif fallback is None or score < fallback[0]:
                fallback = (score, target)
        chosen = best or fallback
        if chosen is not None:
            self._set(chosen[1])

    def first(self) -> None:
        targets = self.targets()
        if targets:
            self._set(targets[0])

    def last(self) -> None:
        targets = self.targets()
        if targets:
            self._set(targets[-1])

    def enter(self) -> None:
        """Enter: a region is chosen and its points entered; a point is selected."""
        if self.current is None:
            self.first()
            return
        kind, key = self.current
        state = self.view.state
        if kind == "point":
            self.view.keep_camera = True
            try:
                state.select(key)
            finally:
                self.view.keep_camera = False
            return
        if key not in state.filters.areas:
            # The keyboard user stays on the figure they are walking, not a close-up.
            self.view.keep_camera = True
            try:
                state.choose_area(key)
            finally:
                self.view.keep_camera = False
        points = self.points(key)
        if points:
            self.region = key
            self._set(("point", points[0]))

    def back(self) -> bool:
        """Escape: from a region's points back to the region; False on the regions level."""
        if self.region is not None and self.regions():
            area = self.region
            self.region = None
            self._set(("region", area))
            return True
        return False

    def page(self, step: int) -> None:
        """The previous (-1) or next (+1) figure."""
        index = VIEWS.index(self.view.current_view)
        self.view.state.set_view(VIEWS[(index + step) % len(VIEWS)])

    def handle_key(self, event: QKeyEvent) -> bool:
        """Act on a key; False if the map should treat it itself."""
        key = event.key()
        moves = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}
        if key in moves:
            self.move(*moves[key])  # type: ignore[index]
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.enter()
        elif key == Qt.Key.Key_Home:
            self.first()
        elif key == Qt.Key.Key_End:
            self.last()
        elif key == Qt.Key.Key_PageUp:
            self.page(-1)
        elif key == Qt.Key.Key_PageDown:
            self.page(1)
        elif key == Qt.Key.Key_Escape:
            if not self.back():
                self.view.state.select(None)
                self.view.state.set_areas(frozenset())
        else:
            return False
        return True

    # --- drawing -------------------------------------------------------------------------
    def paint_focus(self, painter: QPainter, has_focus: bool) -> None:
        """The focus ring around the focused item and a frame round the map, while it has focus.

        Drawn by the view over everything (drawForeground), in two colours and 3 px wide so
        it shows on the light figure, on a dark palette and in high contrast alike.
        """
        if not has_focus:
            return
        painter.save()
        transform = painter.transform()
        painter.resetTransform()
        frame = QRectF(self.view.viewport().rect()).adjusted(1.5, 1.5, -1.5, -1.5)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(RING_LIGHT, 3))
        painter.drawRect(frame)
        painter.setPen(QPen(RING_DARK, 1.5))
        painter.drawRect(frame.adjusted(2.25, 2.25, -2.25, -2.25))
        if self.current is not None:
            rect = transform.mapRect(self.scene_rect(self.current)).adjusted(-5, -5, 5, 5)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            radius = 4.0 if self.current[0] == "region" else rect.width() / 2
            painter.setPen(QPen(RING_LIGHT, 5))
            painter.drawRoundedRect(rect, radius, radius)
            painter.setPen(QPen(RING_DARK, 2.5))
            painter.drawRoundedRect(rect, radius, radius)
        painter.restore()


def _distance(a: QPointF, b: QPointF) -> float:
    return math.hypot(a.x() - b.x(), a.y() - b.y())
