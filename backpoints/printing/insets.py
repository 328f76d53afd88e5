"""Close-up insets on a printed sheet: the lower back, the neck, the hand or the foot.

A sheet whose points sit in a crowded part of the body gets the close-up that shows
them best (core.figures.best_close_up), with the same numbered badges as the
whole figures and the level lines its spine points are measured from.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtSvg import QSvgRenderer

from ..core import anatomy
from ..core.figures import base_view, best_close_up, is_group, marker_units, markers_in, view_rect
from ..core.model import VIEW_LABELS, Point
from ..resources import asset_file
from .badges import BadgeGrid

#: At most this many insets beside the whole figures.
MAX_INSETS = 2
LEVEL_INK = QColor("#7a4f9a")

Badge = Callable[[QPainter, QPointF, int, float, float], None]


def insets_for(points: list[Point]) -> list[str]:
    """The close-ups a sheet's points need, most points first (ties in the app's view order)."""
    counts: dict[str, int] = {}
    for point in points:
        view = best_close_up(point)  # the side view is a whole figure, never an inset
        if view is not None:
            counts[view] = counts.get(view, 0) + 1
    ranked = sorted(counts, key=lambda v: -counts[v])
    return ranked[:MAX_INSETS]


def aspect(view: str) -> float:
    """Height over width of a close-up."""
    x0, y0, x1, y1 = view_rect(view)
    return (y1 - y0) / (x1 - x0)


def paint_inset(p: QPainter, view: str, rect: QRectF, points: list[Point], numbers: dict[str, int],
                badge: Badge, font: Callable[[QPainter, float], object]) -> None:
    """One close-up in rect: its drawing, level lines for the sheet's spine points, numbered badges."""
    base = base_view(view)
    x0, y0, x1, y1 = view_rect(view)
    renderer = QSvgRenderer(str(asset_file(f"{base}.svg")))
    if view != base:
        renderer.setViewBox(QRectF(x0, y0, x1 - x0, y1 - y0))
    p.save()
    p.setClipRect(rect)
    renderer.render(p, rect)
    scale = rect.width() / (x1 - x0)

    def to_page(ux: float, uy: float) -> QPointF:
        return QPointF(rect.left() + (ux - x0) * scale, rect.top() + (uy - y0) * scale)

    # The level each spine point is measured from, numbered at the left edge.
    levels = sorted({q.spine.level for q in points if q.spine is not None and markers_in(q, view)},
                    key=lambda lv: anatomy.level_y(lv))
    for level in levels:
        y = to_page(0, anatomy.level_y(level)).y()
        p.setPen(QPen(LEVEL_INK, 0.6, Qt.PenStyle.DashLine))
        p.drawLine(QPointF(rect.left() + 18, y), QPointF(rect.right() - 4, y))
        p.setPen(LEVEL_INK)
        p.setFont(font(p, 6.5))  # type: ignore[arg-type]
        p.drawText(QRectF(rect.left() + 1, y - 6, 17, 12), Qt.AlignmentFlag.AlignCenter, level)
    radius = 6.0
    placed = BadgeGrid(2 * radius)  # linear time at 1,000 points (issue 20)
    for point in points:
        mine = markers_in(point, view)
        if not mine or point.code not in numbers:
            continue
        spots = [to_page(*marker_units(base, m)) for m in mine]
        if is_group(mine):
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor("#b03a2e"))
            for spot in spots:
                p.drawEllipse(spot, 1.6, 1.6)
            spots = [min(spots, key=lambda s: s.y())]  # one number, at the top of the band
        for spot in spots:
            at = placed.place(spot, QPointF(radius * 1.1, -radius * 0.5), 10)  # nudged aside a badge it would cover
            badge(p, at, numbers[point.code], radius, 7)
    p.restore()
    p.setPen(QPen(QColor("#c9b8aa"), 0.8))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRect(rect)
    p.setPen(QColor("#7a6a5e"))
    p.setFont(font(p, 7.5))  # type: ignore[arg-type]
    p.drawText(QRectF(rect.left(), rect.bottom() + 1, rect.width(), 13), Qt.AlignmentFlag.AlignCenter,
               VIEW_LABELS[view])
