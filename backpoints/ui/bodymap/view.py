"""The body map view: one figure at a time, driven by the BrowseState."""

from __future__ import annotations

from collections.abc import Iterable, Set as AbstractSet
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsView,
    QWidget,
)

from ...core.figures import best_view, markers_in, names_every_marker, view_for_area
from ...core.landmarks import measurement
from ...core.model import AREA_LABELS, VIEW_LABELS, VIEWS, Dataset
from ...core.pointset import PointCodes
from ..state import BrowseState

if TYPE_CHECKING:
    from ..routines.overlay import RouteLayer

from . import accessibility
from .items import MarkerItem, RegionItem
from .keyboard import MapNavigator, key_help_text
from .labels import place_labels
from .scene import FigureScene
from .style import MARKER_RADIUS, map_background
from .zoom import ZoomAnimator, frame_for

def marker_size_factor(width: int, height: int) -> float:
    """Markers shrink a little in small windows so neighbours stay apart (1 from 800 px up)."""
    return max(0.65, float(min(1.0, min(width, height) / 800) ** 0.5))


class BodyMapView(QGraphicsView):
    """Shows one figure at a time; what the user picks goes to the BrowseState.

    It draws what the state says (result, selection, areas, pain filter, view) and
    writes clicks and keys back to it; it calls no other widget.
    """

    hover_changed = Signal(str)  # status text for what is under the pointer
    add_requested = Signal(str)  # "Add to sheet" from a marker's context menu
    #: The landmark layer, grid or code labels were switched on or off.
    layers_changed = Signal()

    def __init__(self, state: BrowseState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self._dataset = state.dataset
        self._scenes: dict[str, FigureScene] = {}
        self._view = ""
        self._selected: str | None = None
        self._result: AbstractSet[str] | None = None
        self._areas: frozenset[str] = frozenset()
        self._pain_mode = ""
        self._hovered_point: str | None = None
        self._hovered_region: RegionItem | None = None
        self._fitted = True
        self._press: QPointF | None = None
        self.zoom = ZoomAnimator(self)
        #: Code labels are placed (labels.py) once after a burst of changes, not per change.
        self._label_timer = QTimer(self)
        self._label_timer.setSingleShot(True)
        self._label_timer.setInterval(0)
        self._label_timer.timeout.connect(self.place_labels)
        self.zoom.finished.connect(self.labels_changed)
        self._framed: str | None = None  # the point the camera was last moved to (kept on resize)
        #: Landmarks on the body figures and on the close-ups; the B-cun grid; codes on every marker.
        self.landmarks_on = {"body": False, "close-up": True}
        self.grid_on = False
        self.labels_on = False
        self.route_layer: RouteLayer | None = None  # the press order of state.route, built on first use
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
        self.setBackgroundBrush(map_background(self.palette()))
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.viewport().grabGesture(Qt.GestureType.PinchGesture)
        self.setAccessibleName("Body map")
        self.setAccessibleDescription(
            "Arrow keys move to the nearest region or point in that direction; Enter chooses a region "
            "and steps into its points, or selects a point; Escape goes back; Page Up and Page Down "
            "change the figure."
        )
        self.setToolTip("Body map keys:\n" + key_help_text())
        accessibility.install()
        self.navigator = MapNavigator(self)
        self.announcer = accessibility.MapAnnouncer(self)
        self.show_view(state.view)
        state.dataset_changed.connect(lambda: self.set_dataset(state.dataset))
        state.result_changed.connect(lambda: self.set_result(state.result_codes))
        state.search_ready.connect(self._prepare_dots)
        state.filters_changed.connect(self._show_filters)
        # A point chosen elsewhere (list, search, a click) is framed on its best view; one
        # chosen with the map's own keys stays where the keyboard user is walking.
        self.keep_camera = False
        state.selection_changed.connect(
            lambda code: self.select_point(code or None, reveal=bool(code) and not self.keep_camera))
        state.reveal_requested.connect(lambda code: self.select_point(code, reveal=True))
        state.view_changed.connect(self.show_view)
        state.route_changed.connect(self._show_route)

    def _show_filters(self) -> None:
        added = self.state.filters.areas - self._areas
        if len(added) == 1 and not self.keep_camera:  # an area chosen: show a figure that has it (Abdomen from the back: front)
            self.show_view(view_for_area(next(iter(added)), self._view))
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
            if self.route_layer is not None:
                self.route_layer.attach(scene)
        return scene

    def _show_route(self) -> None:
        """Draw the state's routine (numbers and path) on every figure built so far."""
        from ..routines.overlay import RouteLayer

        if self.route_layer is None:
            self.route_layer = RouteLayer()
        self.route_layer.show(self.state.route, self._dataset, list(self._scenes.values()))

    def set_dataset(self, dataset: Dataset) -> None:
        """Show another dataset; scenes are rebuilt on demand."""
        view = self._view or "back"
        self.navigator.reset()
        self._dataset = dataset
        old = self._scenes
        self._scenes = {}
        if self.route_layer is not None:
            self.route_layer.show(self.state.route, dataset, [])
        self._view = ""
        self._selected = None
        self._result = None
        self.announcer.dataset_changed()
        self.show_view(view)
        for scene in old.values():
            scene.deleteLater()

    def show_view(self, view: str) -> None:
        """Switch figure."""
        if view not in VIEWS:
            raise ValueError(f"unknown view {view!r}")
        if view == self._view:
            return
        if self._view:
            self.navigator.reset()
        self._view = view
        self.zoom.stop()
        self.setScene(self.scene_for(view))
        self.labels_changed()
        self._apply_layers()
        self.setAccessibleName(f"Body map, {VIEW_LABELS[view]} view")
        self.announcer.view_changed()
        if self.hasFocus():
            self.navigator.first()
        self.fit()
        self.state.set_view(view)

    def select_point(self, code: str | None, *, reveal: bool = False) -> None:
        """Highlight every marker of a point; with reveal, switch to a view that draws it and centre it."""
        previous, self._selected = self._selected, code
        point = self._dataset.point(code) if code else None
        if reveal and point is not None:
            view = best_view(point, self._view)
            if view is not None:
                self.show_view(view)
        for scene in self._scenes.values():  # only the two points concerned are touched
            for item in scene.markers.get(previous or "", []):
                item.set_state(selected=False)
            for item in scene.markers_for(code):
                item.set_state(selected=True)
            for band_code, band in scene.bands.items():
                band.set_state(band_code == code, self._result is not None and band_code not in self._result)
        self._show_measurement()
        if reveal and code is not None:
            self.frame_point(code)

    def frame_point(self, code: str, *, animate: bool | None = None) -> bool:
        """Centre a point drawn on the current view and zoom to a comfortable level."""
        scene = self.scene_for(self._view)
        point = self._dataset.point(code)
        if point is None:
            return False
        spots = [scene.to_scene(m.x, m.y) for m in markers_in(point, self._view)]
        if not spots:
            return False
        viewport = self.viewport().rect()
        centre, scale = frame_for(self._view, scene.sceneRect(), spots, (viewport.width(), viewport.height()))
        self.zoom.go(centre, scale, animate=animate)
        self._framed = code
        return True

    def camera_moved(self) -> None:
        """The zoom animator moved the camera."""
        self._fitted = False
        self._sync_marker_scale()

    # --- layers ------------------------------------------------------------------------
    def _kind(self) -> str:
        return "close-up" if names_every_marker(self._view) else "body"

    def landmarks_shown(self) -> bool:
        """Whether the landmark layer is on for the current view (on by default in close-ups)."""
        return self.landmarks_on[self._kind()]

    def set_landmarks(self, on: bool) -> None:
        """Landmarks on or off for this kind of view (body figures, or close-ups)."""
        self.landmarks_on[self._kind()] = on
        self._apply_layers()

    def set_grid(self, on: bool) -> None:
        self.grid_on = on
        self._apply_layers()

    def set_labels(self, on: bool) -> None:
        """Codes beside every marker, not only the selected one's."""
        self.labels_on = on
        for scene in self._scenes.values():
            for item in scene.all_markers():
                item.set_state(always_label=on or names_every_marker(scene.view))
        self.layers_changed.emit()

    def _apply_layers(self) -> None:
        scene = self.scene()
        if isinstance(scene, FigureScene):
            scene.set_layers(self.landmarks_shown(), self.grid_on)
            self.labels_changed()  # a new layer learns where the codes are
        self.layers_changed.emit()

    def _show_measurement(self) -> None:
        """The hovered point's measurement, else the selected point's."""
        code = self._hovered_point or self._selected
        point = self._dataset.point(code) if code else None
        scene = self.scene()
        if isinstance(scene, FigureScene):
            scene.dimension.show_measurement(measurement(point, self._view) if point is not None else None)

    def set_result(self, codes: AbstractSet[str] | None) -> None:
        """Dim the markers outside the search result (None: nothing dimmed)."""
        if codes == self._result:
            return
        old, self._result = self._result, codes
        # Only the points whose membership changed are touched: typing one more letter
        # usually changes few of them. Two results of one search index differ by their bits,
        # so the change is a set of codes without a set of codes being built.
        changed: AbstractSet[str] | None
        if old is None or codes is None:
            changed = None
        elif isinstance(old, PointCodes) and isinstance(codes, PointCodes) and old.index is codes.index:
            changed = PointCodes(codes.index, old.bits ^ codes.bits)
        else:
            changed = frozenset(old ^ codes)
        for scene in self._scenes.values():
            self._apply_dimming(scene, changed)

    def _prepare_dots(self) -> None:
        """Dense figures learn where their points sit in a result before the first key."""
        for scene in self._scenes.values():
            if scene.dots is not None:
                scene.dots.prepare(self.state.code_index())

    def _apply_dimming(self, scene: FigureScene, changed: AbstractSet[str] | None = None) -> None:
        result = self._result
        if scene.dots is not None:
            scene.dots.set_result(result)
        for band_code, band in scene.bands.items():
            band.set_state(band.selected, result is not None and band_code not in result)
        # A dense figure has few marker items (only those hovered or selected): look each
        # one up in the change rather than walking the change.
        if changed is None:
            codes: Iterable[str] = scene.markers.keys()
        elif len(scene.markers) < len(changed):
            codes = [code for code in scene.markers if code in changed]
        else:
            codes = [code for code in changed if code in scene.markers]
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
        self._show_measurement()
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
            self.zoom.stop()
            self.fitInView(scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
            self._fitted = True
            self._framed = None
            self._sync_marker_scale()

    def labels_changed(self) -> None:
        """Which labels show, or the zoom, changed: place the code labels again soon."""
        if not self.zoom.is_running():  # the end of a zoom places them once
            self._label_timer.start()

    def place_labels(self) -> None:
        """Place the current figure's code labels so that none overlap (labels.py)."""
        self._label_timer.stop()
        scene = self.scene()
        if isinstance(scene, FigureScene):
            codes = place_labels(scene.all_markers())
            for layer in scene.layers.values():
                layer.set_reserved(codes)
            scene.dimension.set_reserved(codes)

    def _sync_marker_scale(self) -> None:
        """Keep markers the same size on screen whatever the zoom."""
        scene = self.scene()
        zoom = self.transform().m11()
        if not isinstance(scene, FigureScene) or zoom <= 0:
            return
        self.labels_changed()
        scale = marker_size_factor(self.viewport().width(), self.viewport().height()) / zoom
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
        self.zoom.stop()
        self._framed = None
        target = max(fit_scale * 0.8, min(current * factor, fit_scale * 12))
        if target <= fit_scale * 1.001 and factor < 1:
            self.fit()
            return
        self.scale(target / current, target / current)
        self._fitted = False
        self._sync_marker_scale()

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        if self._framed is not None and self.frame_point(self._framed, animate=False):
            return
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
        self.zoom.stop()  # the user takes over the camera
        self._press = event.position() if event.button() == Qt.MouseButton.LeftButton else None
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        press, self._press = self._press, None
        if press is None or event.button() != Qt.MouseButton.LeftButton:
            return
        if (event.position() - press).manhattanLength() > 6:
            self._fitted = False  # the user panned
            self._framed = None
            return
        self._activate(self._item_at(event.position()))
        event.accept()

    def _activate(self, item: MarkerItem | RegionItem | None) -> None:
        if isinstance(item, MarkerItem):
            # The keyboard carries on from what was clicked.
            self.navigator.focus(("point", item.point.code))
            self.state.select(item.point.code)
        elif isinstance(item, RegionItem):
            self.navigator.focus(("region", item.area))
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

    # --- keyboard and screen readers (keyboard.py, accessibility.py) ------------------------
    def focused_item(self) -> MarkerItem | RegionItem | None:
        """The item with the map's keyboard focus (a point's labelled marker), or None."""
        target = self.navigator.current
        if target is None:
            return None
        items = self.navigator.item_for(target)
        return items[0] if items else None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if self.navigator.handle_key(event):
            event.accept()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(1.25)
        elif key == Qt.Key.Key_Minus:
            self.zoom_by(0.8)
        elif key == Qt.Key.Key_0:
            self.fit()
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        # The ring shows as soon as the map has focus: on the selected point if it is
        # drawn here, else on the first region.
        if self.navigator.current is None:
            code = self.state.selected_code
            if code and code in self.scene_for(self._view).points_here:
                self.navigator.focus(("point", code))
            else:
                self.navigator.first()
        self.viewport().update()
        self.announcer.focus_in()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.viewport().update()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # Appearance (ui/appearance.py) changes the application palette and font.
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self.setBackgroundBrush(map_background(self.palette()))
            for scene in self._scenes.values():
                for item in scene.all_markers():
                    item.refresh_appearance()
            self.viewport().update()

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        super().drawForeground(painter, rect)
        self.navigator.paint_focus(painter, self.hasFocus())
