"""The body map view: one figure at a time, driven by the BrowseState."""

from __future__ import annotations


from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QColor,
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

from ...core.figures import best_view, is_body_view, markers_in, view_for_area
from ...core.landmarks import measurement
from ...core.model import AREA_LABELS, VIEW_LABELS, VIEWS, Dataset
from ..state import BrowseState

from .items import MarkerItem, RegionItem
from .scene import FigureScene
from .style import MARKER_RADIUS
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
        self._result: set[str] | None = None
        self._areas: frozenset[str] = frozenset()
        self._pain_mode = ""
        self._hovered_point: str | None = None
        self._hovered_region: RegionItem | None = None
        self._focus_index = -1
        self._fitted = True
        self._press: QPointF | None = None
        self.zoom = ZoomAnimator(self)
        self._framed: str | None = None  # the point the camera was last moved to (kept on resize)
        #: Landmarks on the body figures and on the close-ups; the B-cun grid; codes on every marker.
        self.landmarks_on = {"body": False, "close-up": True}
        self.grid_on = False
        self.labels_on = False
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
        state.selection_changed.connect(lambda code: self.select_point(code or None, reveal=bool(code)))
        state.reveal_requested.connect(lambda code: self.select_point(code, reveal=True))
        state.view_changed.connect(self.show_view)

    def _show_filters(self) -> None:
        added = self.state.filters.areas - self._areas
        if len(added) == 1:  # an area chosen: show a figure that has it (Abdomen from the back: front)
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
        self.zoom.stop()
        self.setScene(self.scene_for(view))
        self._apply_layers()
        self.setAccessibleName(f"Body map, {VIEW_LABELS[view]} view")
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
        return "body" if is_body_view(self._view) else "close-up"

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
                item.set_state(always_label=on or not is_body_view(scene.view))
        self.layers_changed.emit()

    def _apply_layers(self) -> None:
        scene = self.scene()
        if isinstance(scene, FigureScene):
            scene.set_layers(self.landmarks_shown(), self.grid_on)
        self.layers_changed.emit()

    def _show_measurement(self) -> None:
        """The hovered point's measurement, else the selected point's."""
        code = self._hovered_point or self._selected
        point = self._dataset.point(code) if code else None
        scene = self.scene()
        if isinstance(scene, FigureScene):
            scene.dimension.show_measurement(measurement(point, self._view) if point is not None else None)

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
        for band_code, band in scene.bands.items():
            band.set_state(band.selected, result is not None and band_code not in result)
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

    def _sync_marker_scale(self) -> None:
        """Keep markers the same size on screen whatever the zoom."""
        scene = self.scene()
        zoom = self.transform().m11()
        if not isinstance(scene, FigureScene) or zoom <= 0:
            return
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
