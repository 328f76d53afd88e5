"""The landmark layer, the B-cun grid, the measurement line and the group band.

The shapes come from core.landmarks (the anatomy model that also places the markers).
The two layers are single items with device-coordinate caching: a repaint that does not
change the zoom blits a pixmap instead of drawing hundreds of lines and labels.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QWidget

from ...core import anatomy
from ...core.landmarks import Measurement, Shape

LANDMARK_COLOUR = QColor("#7a4f9a")  # purple: apart from the pain colours and the skin
RULE_COLOUR = QColor("#7a4f9a")
GRID_COLOUR = QColor(0, 110, 130, 150)
LABEL_PX = 11.0  # label size on screen, whatever the zoom
DIMENSION_COLOUR = QColor("#1c1c1c")


def _label_font(pixels: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(max(1, round(pixels)))
    font.setBold(bold)
    return font


def _label_box(text: str, side: str, bold: bool) -> QRectF:
    """Where a label goes around its anchor, in screen pixels from the anchor."""
    metrics = QFontMetricsF(_label_font(LABEL_PX, bold))
    width = metrics.horizontalAdvance(text)
    height = metrics.height()
    if side == "left":
        return QRectF(-width - 6, -height / 2, width + 4, height)
    if side == "above-right":
        return QRectF(0, -height - 2, width + 4, height)
    if side == "above-left":
        return QRectF(-width - 4, -height - 2, width + 4, height)
    if side == "below":
        return QRectF(-width / 2 - 2, 4, width + 4, height)
    return QRectF(5, -height / 2, width + 4, height)


def _scene_box(scale: float, at: QPointF, text: str, side: str, bold: bool) -> QRectF:
    """A label's rectangle in scene units at this zoom."""
    box = _label_box(text, side, bold)
    return QRectF(at.x() + box.x() / scale, at.y() + box.y() / scale, box.width() / scale, box.height() / scale)


def _draw_label(painter: QPainter, scale: float, at: QPointF, text: str, side: str, bold: bool,
                colour: QColor, backdrop: bool = True) -> None:
    """Text of a constant size on screen beside an anchor in scene units."""
    painter.save()
    painter.translate(at)
    painter.scale(1 / scale, 1 / scale)
    painter.setFont(_label_font(LABEL_PX, bold))
    box = _label_box(text, side, bold)
    if backdrop:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 255, 255, 200))
        painter.drawRoundedRect(box, 3, 3)
    painter.setPen(colour)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()


def _add_line(path: QPainterPath, points: tuple[tuple[float, float], ...], smooth: bool) -> None:
    """A polyline, or the same Catmull-Rom curve through the points as tools/make_figures.py draws."""
    path.moveTo(*points[0])
    if not smooth or len(points) < 3:
        for x, y in points[1:]:
            path.lineTo(x, y)
        return
    for i in range(len(points) - 1):
        p0 = points[max(i - 1, 0)]
        p1, p2 = points[i], points[i + 1]
        p3 = points[min(i + 2, len(points) - 1)]
        path.cubicTo(p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6,
                     p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6, p2[0], p2[1])


class ShapeLayer(QGraphicsItem):
    """Landmarks or grid lines of one view, cached as a pixmap per zoom level.

    Labels keep a readable size on screen; minor ones (every spinous process, unemphasised
    names) appear only once the zoom leaves room for them.
    """

    def __init__(self, shapes: list[Shape], rect: QRectF, grid: bool) -> None:
        super().__init__()
        self.shapes = shapes
        self.grid = grid
        self._rect = rect.adjusted(-60, -20, 260, 20)  # room for the labels beside the figure
        self._lines: dict[tuple[str, bool], QPainterPath] = {}
        self._dots: list[QPointF] = []
        for shape in shapes:
            if len(shape.points) == 1:
                self._dots.append(QPointF(*shape.points[0]))
                continue
            path = self._lines.setdefault((shape.kind, shape.emphasis), QPainterPath())
            _add_line(path, shape.points, smooth=shape.kind in ("bone", "crease"))
        #: Scene rectangles other labels hold (the points' codes): a name here would be hidden
        #: under them, so it is left out (labels.py keeps the codes apart from each other).
        self.reserved: list[QRectF] = []
        #: The scene rectangles of the labels drawn at the last paint (for tests and the codes).
        self.drawn: list[QRectF] = []
        self.setZValue(0.6 if grid else 0.7)  # over the figure, under regions and markers
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def boundingRect(self) -> QRectF:
        return self._rect

    def _pen(self, kind: str, emphasis: bool) -> QPen:
        if kind == "grid":
            pen = QPen(GRID_COLOUR, 1.4 if emphasis else 0.9, Qt.PenStyle.DashLine if not emphasis else Qt.PenStyle.SolidLine)
        elif kind == "tick":
            pen = QPen(GRID_COLOUR, 1.6 if emphasis else 1.1)
        elif kind == "rule":
            pen = QPen(RULE_COLOUR, 1.3, Qt.PenStyle.DashDotLine)
        elif kind == "spine":
            pen = QPen(LANDMARK_COLOUR, 2.4 if emphasis else 1.4)
        elif kind == "crease":
            pen = QPen(LANDMARK_COLOUR, 1.6, Qt.PenStyle.DotLine)
        else:
            pen = QPen(LANDMARK_COLOUR, 1.8)
        pen.setCosmetic(True)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        return pen

    def paint(self, painter: QPainter, option: object, widget: QWidget | None = None) -> None:
        scale = painter.worldTransform().m11() or 1.0
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for (kind, emphasis), path in self._lines.items():
            painter.setPen(self._pen(kind, emphasis))
            painter.drawPath(path)
        if self._dots:
            painter.setPen(QPen(QColor("white"), 1.0 / scale))
            painter.setBrush(LANDMARK_COLOUR)
            r = 3.2 / scale
            for dot in self._dots:
                painter.drawEllipse(dot, r, r)
        # A spinous process every ~15 units: number them all once they are 14 px apart.
        level_gap = 15.0 * scale
        taken = list(self.reserved)
        self.drawn = []
        # Emphasised names first: where two would overlap, the minor one is left out.
        for shape in sorted(self.shapes, key=lambda sh: not sh.emphasis):
            if not shape.label:
                continue
            minor = not shape.emphasis
            if shape.kind == "spine" and minor and level_gap < 14:
                continue
            if shape.kind in ("bone", "crease") and scale < 1.3:
                continue  # the whole figure at fit: names only when zoomed in
            if shape.kind == "tick" and minor and scale < 1.3:
                continue
            if shape.kind == "rule" and scale < 1.0:
                continue
            if shape.kind == "grid" and shape.side == "below" and scale < 1.3:
                continue  # the cun numbers under the lines run together at fit
            colour = GRID_COLOUR.darker(150) if self.grid else LANDMARK_COLOUR.darker(120)
            bold = shape.emphasis and shape.kind != "rule"
            at = QPointF(*shape.anchor())
            box = _scene_box(scale, at, shape.label, shape.side, bold)
            if any(box.intersects(other) for other in taken):
                continue
            taken.append(box)
            self.drawn.append(box)
            _draw_label(painter, scale, at, shape.label, shape.side, bold, colour)

    def set_reserved(self, rects: list[QRectF]) -> None:
        """The rectangles the points' codes hold now; names under them are left out."""
        if rects != self.reserved:
            self.reserved = rects
            self.update()


class DimensionItem(QGraphicsItem):
    """A point's measurement: a line from its landmark to its marker(s) and the text ("L2, 1.5 cun")."""

    def __init__(self) -> None:
        super().__init__()
        self.measurement: Measurement | None = None
        #: Scene rectangles of the points' codes: the measurement's text goes where it hides none.
        self.reserved: list[QRectF] = []
        #: Where the text was drawn at the last paint (scene units).
        self.text_rect = QRectF()
        self._rect = QRectF()
        self.setZValue(1.9)  # under the markers, over the regions
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setVisible(False)

    def show_measurement(self, measurement: Measurement | None) -> None:
        if measurement == self.measurement:
            return
        self.prepareGeometryChange()
        self.measurement = measurement
        if measurement is None:
            self.setVisible(False)
            return
        xs = [x for seg in measurement.segments for x, _ in seg]
        ys = [y for seg in measurement.segments for _, y in seg]
        self._rect = QRectF(min(xs) - 320, min(ys) - 60, max(xs) - min(xs) + 640, max(ys) - min(ys) + 120)  # text on either side
        self.setVisible(True)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: object, widget: QWidget | None = None) -> None:
        m = self.measurement
        if m is None:
            return
        scale = painter.worldTransform().m11() or 1.0
        pen = QPen(DIMENSION_COLOUR, 1.6)
        pen.setCosmetic(True)
        painter.setPen(pen)
        tick = 6 / scale
        for a, b in m.segments:
            start, end = QPointF(*a), QPointF(*b)
            painter.drawLine(start, end)
            # Ticks across the line at both ends (a cross where it has no length: "on the crease").
            length = ((end.x() - start.x()) ** 2 + (end.y() - start.y()) ** 2) ** 0.5
            nx, ny = ((start.y() - end.y()) / length, (end.x() - start.x()) / length) if length else (1.0, 0.0)
            for at in (start, end):
                painter.drawLine(QPointF(at.x() - nx * tick, at.y() - ny * tick), QPointF(at.x() + nx * tick, at.y() + ny * tick))
            if not length:
                painter.drawLine(QPointF(at.x(), at.y() - tick), QPointF(at.x(), at.y() + tick))
        # The text above the middle of the rightmost line when the lines are flat (from the spine);
        # else right of the leftmost line, towards the middle of the figure, where there is room.
        flat = all(abs(b[1] - a[1]) < abs(b[0] - a[0]) for a, b in m.segments)
        pick = max if flat else min
        (ax, ay), (bx, by) = pick(m.segments, key=lambda seg: max(seg[0][0], seg[1][0]))
        anchor = QPointF(max(ax, bx) + 10 / scale if not flat else (ax + bx) / 2,
                         (ay + by) / 2 - (14 / scale if flat or ay == by else 0))
        # The first side that hides no point's code and stays on screen; else the first that hides none.
        visible = None
        if widget is not None:
            inverse, ok = painter.worldTransform().inverted()
            visible = inverse.mapRect(QRectF(widget.rect())) if ok else None
        places = [(side, QPointF(anchor.x(), anchor.y() + drop / scale))
                  for side, drop in (("right", 0), ("below", 0), ("below", 14), ("above-right", 0), ("left", 0),
                                     ("below", 28), ("above-right", -14))]
        free = [(side, at) for side, at in places
                if not any(_scene_box(scale, at, m.text, side, True).intersects(r) for r in self.reserved)]
        shown = [(side, at) for side, at in free
                 if visible is None or visible.contains(_scene_box(scale, at, m.text, side, True))]
        side, at = (shown or free or places)[0]
        self.text_rect = _scene_box(scale, at, m.text, side, True)
        _draw_label(painter, scale, at, m.text, side, True, DIMENSION_COLOUR)

    def set_reserved(self, rects: list[QRectF]) -> None:
        """Where the points' codes are now."""
        if rects != self.reserved:
            self.reserved = rects
            self.update()


class GroupBand(QGraphicsItem):
    """A group point (the Jiaji band: one pair at every level T1-L5) drawn as two strips."""

    def __init__(self, spots: list[QPointF], colour: QColor, label: str = "") -> None:
        super().__init__()
        self.label = label
        self.path = QPainterPath()
        self._label_at = QPointF(anatomy.MID, max((p.y() for p in spots), default=0.0))
        half = anatomy.CUN_X * 0.35
        for side in (-1, 1):
            xs = [p for p in spots if (p.x() - anatomy.MID) * side > 0]
            if not xs:
                continue
            x = sum(p.x() for p in xs) / len(xs)
            top = min(p.y() for p in xs) - half
            bottom = max(p.y() for p in xs) + half
            self.path.addRoundedRect(QRectF(x - half, top, 2 * half, bottom - top), half, half)
            if side == 1:
                self._label_at = QPointF(anatomy.MID, bottom)
        self.colour = colour
        self.selected = False
        self.dimmed = False
        self.setZValue(1.7)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        # Markers change over it on every keystroke (dimming): blit it, do not redraw it.
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def set_state(self, selected: bool, dimmed: bool) -> None:
        if (selected, dimmed) != (self.selected, self.dimmed):
            self.selected, self.dimmed = selected, dimmed
            self.update()

    def boundingRect(self) -> QRectF:
        return self.path.boundingRect().adjusted(-60, -4, 60, 30)

    def paint(self, painter: QPainter, option: object, widget: QWidget | None = None) -> None:
        fill = QColor(self.colour)
        fill.setAlpha(40 if self.dimmed else 90 if self.selected else 60)
        pen = QPen(QColor("#1c1c1c") if self.selected else self.colour, 2.2 if self.selected else 1.0)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(QBrush(fill))
        painter.drawPath(self.path)
        scale = painter.worldTransform().m11() or 1.0
        if self.label and (scale >= 1.3 or self.selected):  # named below the band once there is room
            _draw_label(painter, scale, self._label_at, self.label, "below", self.selected, QColor("#1c1c1c"))
