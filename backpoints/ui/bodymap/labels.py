"""Code labels that never overlap: a placement pass over the markers of one figure.

Each marker that wants its code shown gets the first free place around it (right,
left, above, below and the corners), tried in that order; a place that covers
another label is never taken, one that covers another marker only when nothing
better is free. A label with no free place is hidden: the marker's tooltip and the
details panel still name the point. The selected point is placed first, then the
focused and hovered ones, then the rest from the top of the figure, so the labels
that matter win.
"""

from __future__ import annotations

from typing import Iterable

from PySide6.QtCore import QPointF, QRectF

from .items import MarkerItem

#: Space between a marker's halo and its label, in item units (scaled like the marker).
GAP = 2.0


def _candidates(outer: float, width: float, height: float) -> list[QPointF]:
    """Top-left corners of the label around a marker, in the marker's own units, best first."""
    g = GAP
    return [
        QPointF(outer + g, -height / 2),  # right
        QPointF(-outer - g - width, -height / 2),  # left
        QPointF(outer * 0.6, -outer * 0.6 - height),  # above right
        QPointF(outer * 0.6, outer * 0.6),  # below right
        QPointF(-outer * 0.6 - width, -outer * 0.6 - height),  # above left
        QPointF(-outer * 0.6 - width, outer * 0.6),  # below left
        QPointF(-width / 2, -outer - g - height),  # above
        QPointF(-width / 2, outer + g),  # below
    ]


def _priority(item: MarkerItem) -> tuple[int, float, float]:
    rank = 0 if item.selected else 1 if item.focused else 2 if item.hovered else 4 if item.dimmed else 3
    return rank, item.pos().y(), item.pos().x()


def label_rect(item: MarkerItem) -> QRectF | None:
    """The scene rectangle of a marker's visible label, or None when it shows none."""
    label = item._label
    if label is None or not label.isVisible() or not item.isVisible():
        return None
    return label.sceneBoundingRect()


def _dots_near(item: MarkerItem, reach: float) -> list[QRectF]:
    """The other visible markers within reach of a marker, as scene rectangles (scene index)."""
    scene = item.scene()
    pos = item.pos()
    if scene is None:
        return []
    dots = []
    for other in scene.items(QRectF(pos.x() - reach, pos.y() - reach, 2 * reach, 2 * reach)):
        if isinstance(other, MarkerItem) and other is not item and other.isVisible():
            r = other._radius() * other.scale()
            dots.append(QRectF(other.pos().x() - r, other.pos().y() - r, 2 * r, 2 * r))
    return dots


def place_labels(markers: Iterable[MarkerItem]) -> list[QRectF]:
    """Place or hide the code labels of these markers (one figure) without overlaps;
    returns the scene rectangles of the labels shown."""
    wanting: list[MarkerItem] = []
    for item in markers:
        if item.wants_label() and item.isVisible():
            wanting.append(item)
        elif item.label_hidden:
            item.place_label(item.label_at, False)  # shown again as soon as it is wanted
    placed: list[QRectF] = []
    for item in sorted(wanting, key=_priority):
        scale = item.scale()
        width, height = item.label_size()
        pos = item.pos()
        outer = item.outer_radius()
        dots = _dots_near(item, (outer + GAP + width + height) * scale)
        best: tuple[int, QPointF, QRectF] | None = None
        candidates = _candidates(outer, width, height)
        for offset in candidates:
            rect = QRectF(pos.x() + offset.x() * scale, pos.y() + offset.y() * scale, width * scale, height * scale)
            if any(rect.intersects(other) for other in placed):
                continue
            covered = sum(1 for dot in dots if rect.intersects(dot))
            if best is None or covered < best[0]:
                best = (covered, offset, rect)
            if covered == 0:
                break
        if best is None and item.selected:
            # The selected point's code always shows; it is placed first, so this only
            # happens when it has no neighbours' labels yet: keep the default place.
            first = candidates[0]
            best = (0, first, QRectF(pos.x() + first.x() * scale, pos.y() + first.y() * scale,
                                     width * scale, height * scale))
        if best is None:
            item.place_label(item.label_at, True)
            continue
        item.place_label(best[1], False)
        placed.append(best[2])
    return placed
