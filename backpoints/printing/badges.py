"""Where numbered badges go on a figure without covering one another, in linear time.

Badges placed so far are kept in a grid of cells one badge wide, so a new badge is checked
only against the badges in its neighbouring cells: a 1,000-point sheet no longer costs a
million comparisons (the full figure and the close-up insets both place through here).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF


class BadgeGrid:
    """Badges at least `distance` apart (centre to centre), nudged aside when they would touch."""

    def __init__(self, distance: float) -> None:
        self.distance = distance
        self._cells: dict[tuple[int, int], list[tuple[float, float]]] = {}

    def free(self, x: float, y: float) -> bool:
        """Whether a badge centred here keeps its distance from every badge placed so far."""
        d = self.distance
        cx, cy = int(x // d), int(y // d)
        limit = d * d
        cells = self._cells
        for gx in (cx - 1, cx, cx + 1):
            for gy in (cy - 1, cy, cy + 1):
                for qx, qy in cells.get((gx, gy), ()):
                    if (x - qx) ** 2 + (y - qy) ** 2 < limit:
                        return False
        return True

    def place(self, at: QPointF, step: QPointF, tries: int) -> QPointF:
        """The first free spot from `at` on, moving by `step` up to `tries` times; it is taken."""
        x, y = at.x(), at.y()
        sx, sy = step.x(), step.y()
        for _ in range(tries):
            if self.free(x, y):
                break
            x, y = x + sx, y + sy
        d = self.distance
        self._cells.setdefault((int(x // d), int(y // d)), []).append((x, y))
        return QPointF(x, y)
