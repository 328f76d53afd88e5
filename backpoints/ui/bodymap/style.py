"""Colours, sizes and marker shapes of the body map."""

from __future__ import annotations


from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import (
    QColor,
    QPainterPath,
    QPalette,
    QPen,
    QPolygonF,
)

from ...core.model import Point



# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies;
# each pain type also has its own marker shape.
PAIN_COLOURS = {"lower": QColor("#0072B2"), "upper": QColor("#D55E00"), "both": QColor("#009E73")}
# Points of the other pain type while a pain filter is on: a light grey that recedes, and
# that stays ΔE 25+ from the bluish green under simulated protanopia and deuteranopia
# (#8f8f8f had the green's lightness: ΔE 10 for a deuteranope; tests/ui/test_colour_vision.py).
OTHER_COLOUR = QColor("#c4c4c4")
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


_PATHS: dict[tuple[str, float], QPainterPath] = {}


def marker_path(kind: str, radius: float) -> QPainterPath:
    """The marker shape for a pain type: circle (lower), diamond (upper), square (both).

    Kept once made: markers are restyled by the hundred on each keystroke, and a path that
    shares its data with the item's present one is recognised as unchanged at once."""
    path = _PATHS.get((kind, radius))
    if path is None:
        path = _PATHS[(kind, radius)] = _make_marker_path(kind, radius)
    return path


def _make_marker_path(kind: str, radius: float) -> QPainterPath:
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


# --- appearance (set by ui/appearance.py: high contrast and text size) ------------------
_appearance = {"high_contrast": False, "text_scale": 1.0}


def set_appearance(*, high_contrast: bool, text_scale: float) -> None:
    """Called by the Appearance state; the map restyles on the palette/font change that follows."""
    _appearance["high_contrast"] = high_contrast
    _appearance["text_scale"] = text_scale


def high_contrast() -> bool:
    return bool(_appearance["high_contrast"])


def marker_scale() -> float:
    """Markers are a third larger in high contrast."""
    return 1.3 if high_contrast() else 1.0


_OUTLINES = {True: QPen(QColor("black"), 2.4), False: QPen(QColor("white"), 1.6)}


def marker_outline() -> QPen:
    """The ring round each marker: white on the figure, black and thicker in high contrast
    (a copy: the caller may change it)."""
    return QPen(_OUTLINES[high_contrast()])


def label_point_size() -> float:
    """The code label beside a marker, following the text-size setting."""
    return 8.5 * float(_appearance["text_scale"]) * (1.15 if high_contrast() else 1.0)


def map_background(palette: QPalette) -> QColor:
    """The map's backdrop: warm white, or a dark grey under a dark palette (the figure stays light)."""
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    if window.lightness() < text.lightness():
        return QColor("#000000") if high_contrast() else QColor("#2b2b2b")
    return QColor("#ffffff") if high_contrast() else QColor("#fbfaf8")
