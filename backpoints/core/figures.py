"""Figure rules shared by the body map and the sheet renderer (no Qt).

Both draw the same figures with the same markers; these rules decide what a view
is, how big it is, where a marker lands in it and which markers form a group, so
the screen and the paper cannot disagree.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from . import anatomy
from .model import Marker, Point

#: Whole-body figures drawn on a sheet; the other views are close-ups.
BODY_VIEWS: tuple[str, ...] = ("front", "back")
#: The whole body seen from its right side, in the same figure units as the front and back.
SIDE_VIEW = "side"
#: Every whole-body figure on screen.
WHOLE_FIGURES: tuple[str, ...] = BODY_VIEWS + (SIDE_VIEW,)
#: A point with more markers than this on one view (the Jiaji band) is drawn as a group.
GROUP_MIN_MARKERS = 5


def is_body_view(view: str) -> bool:
    """Whether the view is a whole-body figure (front, back, side) rather than a close-up."""
    return view in WHOLE_FIGURES


def names_every_marker(view: str) -> bool:
    """Whether a view names every marker and shows its landmarks by default: the close-ups
    and the side view (few points each), not the crowded front and back figures."""
    return view not in BODY_VIEWS


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


# --- Close-ups of the body figures and the view that shows a point best ------------
#: Close-ups of a crowded part of a body figure: (base view, x0, y0, x1, y1) in its units.
#: They show the base figure's own drawing and markers, so they cannot disagree with it.
CROPS: dict[str, tuple[str, float, float, float, float]] = {
    # T12 to below the coccyx, both sides, out to the iliac crests and BL54 / GB30.
    "lumbar": ("back", anatomy.MID - 100, anatomy.level_y("T12") - 14, anatomy.MID + 100, anatomy.SACRAL_HIATUS_Y + 26),
    # The occiput to T4, out past GB21 (GB20, BL10, GV16, GV14, GB21, SI14, SI15, BL11-BL13).
    "neck": ("back", anatomy.MID - 84, anatomy.OCCIPITAL_PROTUBERANCE_Y - 16, anatomy.MID + 84,
             anatomy.level_y("T4") + 10),
}
#: Close-ups with their own drawing (a marker view each).
DETAIL_VIEWS: tuple[str, ...] = ("hand", "foot-lateral", "foot-medial")
#: How much of a body figure a revealed point shows around it (figure units, about a quarter of the body).
COMFORT_SPAN = 250.0


def is_crop(view: str) -> bool:
    """Whether the view is a close-up of a body figure."""
    return view in CROPS


def base_view(view: str) -> str:
    """The marker view whose drawing and markers a view shows (itself unless a crop)."""
    return CROPS[view][0] if view in CROPS else view


def view_rect(view: str) -> tuple[float, float, float, float]:
    """The part of its base drawing a view shows: x0, y0, x1, y1 in drawing units."""
    if view in CROPS:
        _, x0, y0, x1, y1 = CROPS[view]
        return x0, y0, x1, y1
    width, height = view_size(view)
    return 0.0, 0.0, width, height


def markers_in(point: Point, view: str) -> list[Marker]:
    """The point's markers drawn on a view (a crop: its base view's markers inside it)."""
    base = base_view(view)
    mine = markers_on(point, base)
    if view not in CROPS:
        return mine
    x0, y0, x1, y1 = view_rect(view)
    return [m for m in mine if x0 <= marker_units(base, m)[0] <= x1 and y0 <= marker_units(base, m)[1] <= y1]


def shows_best_from_side(point: Point) -> bool:
    """Whether the side view shows a point best: its side markers lie on the lateral face
    of the body, well inside the outline, where the front and back figures see it edge-on."""
    mine = markers_on(point, SIDE_VIEW)
    if not mine:
        return False
    for marker in mine:
        x, y = marker_units(SIDE_VIEW, marker)
        if not anatomy.on_lateral_face(x - anatomy.MID, y):
            return False
    return True


def best_close_up(point: Point) -> str | None:
    """The close-up that shows a point best (its detail view, else a crop holding all its
    markers on a body figure), or None: what a printed sheet's insets are made of."""
    for view in DETAIL_VIEWS:
        if markers_on(point, view):
            return view
    for view, (base, *_rest) in CROPS.items():
        mine = markers_on(point, base)
        if mine and len(markers_in(point, view)) == len(mine) and not is_group(mine):
            return view
    return None


def best_view(point: Point, current: str = "") -> str | None:
    """The view that shows a point best: its detail close-up, else the side view for a
    point on the side of the body, else a crop holding all its markers on a body figure,
    else the body figure on screen if it draws the point, else the first one that does."""
    for view in DETAIL_VIEWS:
        if markers_on(point, view):
            return view
    if shows_best_from_side(point):
        return SIDE_VIEW
    close_up = best_close_up(point)
    if close_up is not None:
        return close_up
    if base_view(current) in WHOLE_FIGURES and markers_on(point, base_view(current)):
        return base_view(current)
    for view in WHOLE_FIGURES:
        if markers_on(point, view):
            return view
    return None


def view_shows_area(view: str, area: str) -> bool:
    """Whether the view has a clickable region of this area."""
    x0, y0, x1, y1 = view_rect(view)
    base = base_view(view)
    for region in anatomy.REGIONS:
        if region.view != base or region.area != area:
            continue
        for bx0, by0, bx1, by1 in anatomy.region_boxes(region):
            if not is_body_view(base):
                return True
            if bx0 < x1 and bx1 > x0 and by0 < y1 and by1 > y0:
                return True
    return False


def view_for_area(area: str, current: str) -> str:
    """The view to show when an area is chosen: the current one if it shows the area,
    else the first body figure (then any view) that does."""
    if view_shows_area(current, area):
        return current
    for view in (base_view(current),) + WHOLE_FIGURES + DETAIL_VIEWS:
        if view_shows_area(view, area):
            return view
    return current
