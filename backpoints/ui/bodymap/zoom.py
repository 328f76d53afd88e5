"""Zoom to a point: where to look and how close, and a short animation to get there."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEasingCurve, QObject, QPointF, QRectF, QVariantAnimation, Signal
from PySide6.QtGui import QTransform

from ...core.figures import COMFORT_SPAN, is_body_view

if TYPE_CHECKING:
    from .view import BodyMapView

#: Milliseconds of the zoom animation; short enough not to be in the way.
DURATION_MS = 260
#: Room left around a point's markers when they all have to fit (figure units).
PADDING = 40.0


def frame_for(view: str, scene_rect: QRectF, spots: list[QPointF], viewport: tuple[int, int]) -> tuple[QPointF, float]:
    """The centre and scale that show these markers of one point comfortably.

    A close-up (hand, foot, lumbar, neck) is shown whole: it was drawn to be read at fit.
    A body figure is zoomed until about COMFORT_SPAN units fill the shorter side of the
    window, less if that would cut off some of the point's markers (both sides of the
    back, the Jiaji band), never below fit.
    """
    width, height = max(viewport[0], 1), max(viewport[1], 1)
    fit = min(width / scene_rect.width(), height / scene_rect.height())
    xs = [p.x() for p in spots]
    ys = [p.y() for p in spots]
    box = QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)) if spots else scene_rect
    centre = box.center()
    if not is_body_view(view):
        return centre, fit
    scale = min(width, height) / COMFORT_SPAN
    if box.width() > 0 or box.height() > 0:
        scale = min(scale, width / (box.width() + 2 * PADDING), height / (box.height() + 2 * PADDING))
    return centre, max(scale, fit)


class ZoomAnimator(QObject):
    """Moves a map's camera (centre and scale) to a target, briefly animated.

    Set `animate` to False for instant moves (tests, screenshots).
    """

    animate = True
    #: The camera arrived (an animation ended).
    finished = Signal()

    def __init__(self, view: "BodyMapView") -> None:
        super().__init__(view)
        self._view = view
        self._from: tuple[QPointF, float] = (QPointF(), 1.0)
        self._to: tuple[QPointF, float] = (QPointF(), 1.0)
        self._animation = QVariantAnimation(self)
        self._animation.setDuration(DURATION_MS)
        self._animation.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._animation.setStartValue(0.0)
        self._animation.setEndValue(1.0)
        self._animation.valueChanged.connect(self._step)
        self._animation.finished.connect(self.finished)

    def is_running(self) -> bool:
        return self._animation.state() == QVariantAnimation.State.Running

    def stop(self) -> None:
        self._animation.stop()

    def go(self, centre: QPointF, scale: float, *, animate: bool | None = None) -> None:
        """Move the camera to show `centre` at `scale` (scene units to pixels)."""
        view = self._view
        self._animation.stop()
        here = view.mapToScene(view.viewport().rect().center())
        self._from = (QPointF(here), view.transform().m11())
        self._to = (QPointF(centre), scale)
        if not (self.animate if animate is None else animate):
            self._apply(centre, scale)
            return
        self._animation.start()

    def _step(self, value: object) -> None:
        t = float(value)  # type: ignore[arg-type]
        (c0, s0), (c1, s1) = self._from, self._to
        # The scale changes geometrically so the zoom feels even; the centre linearly.
        scale = s0 * (s1 / s0) ** t if s0 > 0 else s1
        self._apply(c0 + (c1 - c0) * t, scale)

    def _apply(self, centre: QPointF, scale: float) -> None:
        view = self._view
        view.setTransform(QTransform.fromScale(scale, scale))
        view.centerOn(centre)
        view.camera_moved()
