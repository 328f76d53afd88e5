"""The body map: figures, clickable regions and point markers in a QGraphicsView.

style (colours, shapes), items (markers, regions), scene (one figure), view (the widget).
"""

from .items import MarkerItem, RegionItem
from .scene import DENSE_LIMIT, FigureScene
from .style import MARKER_RADIUS, PAIN_COLOURS, marker_path, pain_kind
from .view import BodyMapView

__all__ = ["BodyMapView", "DENSE_LIMIT", "FigureScene", "MARKER_RADIUS", "MarkerItem",
           "PAIN_COLOURS", "RegionItem", "marker_path", "pain_kind"]
