"""Figure rules shared by the body map and the sheet renderer (no Qt).

Both draw the same figures with the same markers; these rules decide what a view
is, how big it is, where a marker lands in it and which markers form a group, so
the screen and the paper cannot disagree.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from . import anatomy
from .model import Marker, Point

#: Whole-body figures; the other views are close-ups.
BODY_VIEWS: tuple[str, ...] = ("front", "back")
#: A point with more markers than this on one view (the Jiaji band) is drawn as a group.
GROUP_MIN_MARKERS = 5


def is_body_view(view: str) -> bool:
    """Whether the view is a whole-body figure rather than a close-up."""
    return view in BODY_VIEWS


def view_size(view: str) -> tuple[float, float]:
    """The drawing size of a view in its own units (what marker x, y from 0 to 1 span)."""
    if is_body_view(view):
        return anatomy.FIGURE_WIDTH, anatomy.FIGURE_HEIGHT
    return anatomy.HAND_VIEW_SIZE if view == "hand" else anatomy.FOOT_VIEW_SIZE


def marker_units(view: str, marker: Marker) -> tuple[float, float]:
    """A marker's position in the view's drawing units."""
    width, height = view_size(view)
    return marker.x * width, marker.y * height


def markers_on(point: Point, view: str) -> list[Marker]:
    """The point's markers on one view."""
    return [m for m in point.markers if m.view == view]


def is_group(markers: Sequence[Marker]) -> bool:
    """Whether these markers (one point, one view) form a group such as the Jiaji band."""
    return len(markers) >= GROUP_MIN_MARKERS


def body_views_of(points: Iterable[Point]) -> list[str]:
    """The whole-body views on which any of the points is drawn, front first."""
    present = {m.view for p in points for m in p.markers}
    return [v for v in BODY_VIEWS if v in present]
