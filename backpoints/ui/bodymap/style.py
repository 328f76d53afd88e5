"""Colours, sizes and marker shapes of the body map."""

from __future__ import annotations


from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import (
    QColor,
    QPainterPath,
    QPolygonF,
)

from ...core.model import Point



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
