"""The one sheet renderer: lays a Sheet out in pages and paints them with QPainter.

Print preview, the printer and PDF export all call paint_sheet(); nothing else draws
a sheet. Layout units are CSS pixels (1/96 inch), so a painter on any device is
scaled by its resolution / 96 and the pages look the same everywhere.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPagedPaintDevice,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
)
from PySide6.QtSvg import QSvgRenderer

from ..core import anatomy
from ..core.figures import body_views_of, is_group, markers_on
from ..core.model import AREA_LABELS, Dataset, Point, cautions_for
from ..core.wording import DISCLAIMER
from ..core.sheet import CautionNote, Sheet, gather_cautions, resolve
from ..resources import asset_file
from .fonts import load_fonts, sheet_font

DPI = 96.0
MARGIN_MM = 15.0
FOOTER_H = 26.0
#: The units the locations use, explained once on every sheet (WHO 2008 general guidelines).
MEASURES_NOTE = (
    "Measures: a B-cun (proportional cun) divides the distance between two landmarks into equal "
    "parts on every body, e.g. navel to pubic bone = 5 B-cun, between the inner borders of the "
    "shoulder blades = 6 B-cun. An F-cun (finger cun) uses the fingers of the person being "
    "treated: thumb width at its joint = 1 F-cun; four fingers together at the middle joint = 3 F-cun."
)
INK = QColor("#1f1f1f")
MUTED = QColor("#5b5b5b")
ACCENT = QColor("#6b4f3f")
BADGE = QColor("#0b4f8a")
URGENT = QColor("#a31515")


class PrintError(Exception):
    """A sheet could not be printed or written; the message says why."""


def page_size(paper: str) -> QPageSize:
    return QPageSize(QPageSize.PageSizeId.Letter if paper == "letter" else QPageSize.PageSizeId.A4)


def page_layout(paper: str) -> QPageLayout:
    """Portrait, with margins every printer honours."""
    return QPageLayout(
        page_size(paper),
        QPageLayout.Orientation.Portrait,
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
        QPageLayout.Unit.Millimeter,
    )


_metrics_device: QImage | None = None


def _layout_device() -> QImage:
    """A 96-dpi device for measuring text, so layout does not depend on the screen."""
    global _metrics_device
    if _metrics_device is None:
        image = QImage(4, 4, QImage.Format.Format_ARGB32)
        dots = round(DPI / 0.0254)
        image.setDotsPerMeterX(dots)
        image.setDotsPerMeterY(dots)
        _metrics_device = image
    return _metrics_device


def _font(size: float, bold: bool = False) -> QFont:
    return sheet_font(size, bold)


def _pfont(painter: QPainter, size: float, bold: bool = False) -> QFont:
    """A font for painter text: `size` points on the page, whatever the device resolution."""
    dpi = painter.device().logicalDpiY() or DPI
    return _font(size * DPI / dpi, bold)


def _document(html: str, width: float, size: float = 9.0) -> QTextDocument:
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(_layout_device())
    doc.setDefaultFont(_font(size))
    doc.setDocumentMargin(0)
    doc.setDefaultStyleSheet(
        "p { margin: 0 0 3px 0; } .label { color: #6b4f3f; font-weight: bold; } "
        ".urgent { color: #a31515; font-weight: bold; } .muted { color: #5b5b5b; }"
    )
    doc.setHtml(html)
    doc.setTextWidth(width)
    return doc


@dataclass
class Block:
    """A piece of a page that is never split: its height and how to paint it."""

    height: float
    paint: Callable[[QPainter, float, float], None]


class SheetLayout:
    """A sheet laid out into pages for one paper size."""

    def __init__(self, sheet: Sheet, dataset: Dataset, layout: QPageLayout | None = None) -> None:
        load_fonts()
        self.sheet = sheet
        self.dataset = dataset
        # Codes the dataset lacks are refused before printing (CLI) or when a sheet opens (GUI).
        self.points, _ = resolve(sheet, dataset)
        # The paper the user picked in a print dialog wins over the sheet's own.
        rect = (layout or page_layout(sheet.paper)).paintRect(QPageLayout.Unit.Inch)
        self.width = rect.width() * DPI
        self.height = rect.height() * DPI
        self.body_height = self.height - FOOTER_H
        self.pages: list[list[tuple[float, Block]]] = []
        self._paginate(self._blocks())

    # --- layout ----------------------------------------------------------------------
    def _blocks(self) -> list[Block]:
        blocks = [self._header(), self._figure_and_cautions()]
        if self.sheet.notes.strip():
            blocks.append(self._notes())
        blocks.extend(self._point_block(i, p) for i, p in enumerate(self.points, start=1))
        blocks.append(self._text_block(MEASURES_NOTE, 8.0))
        return blocks

    def _paginate(self, blocks: list[Block]) -> None:
        page: list[tuple[float, Block]] = []
        y = 0.0
        for block in blocks:
            if page and y + block.height > self.body_height:
                self.pages.append(page)
                page, y = [], 0.0
            page.append((y, block))
            y += block.height + 8
        self.pages.append(page)

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def _header(self) -> Block:
        sheet = self.sheet
        width = self.width

        def paint(p: QPainter, x: float, y: float) -> None:
            p.setPen(INK)
            p.setFont(_pfont(p, 18, bold=True))
            p.drawText(QRectF(x, y, width * 0.75, 30), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, sheet.title)
            p.setFont(_pfont(p, 8))
            p.setPen(MUTED)
            p.drawText(QRectF(x, y, width, 30), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, "BackPoints point sheet")
            p.setFont(_pfont(p, 10))
            p.setPen(INK)
            name = sheet.name or ""
            line_y = y + 38
            p.drawText(QPointF(x, line_y + 12), "For:")
            p.drawText(QPointF(x + 34, line_y + 11), name)
            p.setPen(QPen(MUTED, 0.6))
            p.drawLine(QPointF(x + 30, line_y + 15), QPointF(x + width * 0.62, line_y + 15))
            p.setPen(INK)
            p.drawText(QPointF(x + width * 0.66, line_y + 12), "Date:")
            p.drawText(QPointF(x + width * 0.66 + 40, line_y + 11), sheet.date)
            p.setPen(QPen(MUTED, 0.6))
            p.drawLine(QPointF(x + width * 0.66 + 36, line_y + 15), QPointF(x + width, line_y + 15))
            p.setPen(QPen(ACCENT, 1.2))
            p.drawLine(QPointF(x, y + 66), QPointF(x + width, y + 66))

        return Block(70, paint)

    def _views(self) -> list[str]:
        return body_views_of(self.points)

    def _figure_and_cautions(self) -> Block:
        views = self._views()
        fig_h = 430.0 if views else 0.0
        fig_w = fig_h * (anatomy.FIGURE_WIDTH + 2 * anatomy.FIGURE_MARGIN) / (anatomy.FIGURE_HEIGHT + 2 * anatomy.FIGURE_MARGIN)
        figures_w = len(views) * fig_w + max(0, len(views) - 1) * 10
        # Close-ups (lower back, neck, hand, foot) stacked in one column beside the figures.
        from .insets import LEVEL_INK, aspect, insets_for, paint_inset

        insets = insets_for(self.points) if views else []
        inset_w = 0.0
        if insets:
            room = fig_h - 16 * len(insets) - 8 * (len(insets) - 1)
            inset_w = min(200.0, room / sum(aspect(v) for v in insets))
            figures_w += 10 + inset_w
        box_x = figures_w + (16 if views else 0)
        box_w = self.width - box_x
        cautions = gather_cautions(self.points, self.sheet.technique)
        doc = _document(_cautions_html(cautions), box_w - 16, 8.5)
        box_h = doc.size().height() + 16
        box_y = 0.0
        if insets:  # beside the close-ups the box would be a narrow column: it goes under the figures
            box_x, box_w, box_y = 0.0, self.width, fig_h + 24
            doc = _document(_cautions_html(cautions), box_w - 16, 8.5)
            box_h = doc.size().height() + 16
        height = max(fig_h + 16, box_y + box_h)
        numbers = {p.code: i for i, p in enumerate(self.points, start=1)}
        points = self.points

        def paint(p: QPainter, x: float, y: float) -> None:
            for i, view in enumerate(views):
                fx = x + i * (fig_w + 10)
                _paint_figure(p, view, QRectF(fx, y, fig_w, fig_h), points, numbers)
                p.setPen(MUTED)
                p.setFont(_pfont(p, 7.5))
                p.drawText(QRectF(fx, y + fig_h, fig_w, 14), Qt.AlignmentFlag.AlignCenter, view.capitalize())
            iy = y
            for inset in insets:
                ix = x + len(views) * (fig_w + 10)
                height = inset_w * aspect(inset)
                paint_inset(p, inset, QRectF(ix, iy, inset_w, height), points, numbers, _badge, _pfont)
                iy += height + 24
            key_w = self.width - figures_w - 16
            if insets and key_w >= 110:  # room beside the close-ups: a key to them
                key = QRectF(x + figures_w + 16, y, key_w, 200)
                p.setPen(QPen(LEVEL_INK, 0.7, Qt.PenStyle.DashLine))
                p.drawLine(QPointF(key.left(), key.top() + 22), QPointF(key.left() + 22, key.top() + 22))
                p.setPen(INK)
                p.setFont(_pfont(p, 8, bold=True))
                p.drawText(QRectF(key.left(), key.top(), key.width(), 14), Qt.AlignmentFlag.AlignLeft, "Key")
                p.setFont(_pfont(p, 7.5))
                p.setPen(MUTED)
                wrap = Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
                ky = key.top() + 16
                for indent, text in (
                    (26.0, "the spinal level a point is measured from (L2: 2nd lumbar vertebra)"),
                    (0.0, "B-cun: the distance between two landmarks divided into equal parts "
                          "(3 B-cun from the spine to the inner edge of the shoulder blade)."),
                    (0.0, "F-cun: thumb width = 1; four fingers together = 3."),
                ):
                    area = QRectF(key.left() + indent, ky, key.width() - indent, 400)
                    p.drawText(area, wrap, text)
                    ky += p.boundingRect(area, wrap, text).height() + 5
            box = QRectF(x + box_x, y + box_y, box_w, box_h)
            p.setPen(QPen(QColor("#d8a200"), 1.2))
            p.setBrush(QColor("#fff8e1"))
            p.drawRoundedRect(box, 6, 6)
            p.save()
            p.translate(box.left() + 8, box.top() + 8)
            doc.drawContents(p)
            p.restore()

        return Block(height, paint)

    def _notes(self) -> Block:
        doc = _document(
            "<p><span class='label'>Notes</span></p><p>" + escape(self.sheet.notes).replace("\n", "<br>") + "</p>",
            self.width,
            9.5,
        )

        def paint(p: QPainter, x: float, y: float) -> None:
            p.save()
            p.translate(x, y)
            doc.drawContents(p)
            p.restore()

        return Block(doc.size().height(), paint)

    def _text_block(self, text: str, size: float) -> Block:
        doc = _document(f"<p class='muted'>{escape(text)}</p>", self.width, size)

        def paint(p: QPainter, x: float, y: float) -> None:
            p.save()
            p.translate(x, y)
            doc.drawContents(p)
            p.restore()

        return Block(doc.size().height(), paint)

    def _point_block(self, number: int, point: Point) -> Block:
        indent = 30.0
        doc = _document(_point_html(point, self.sheet.technique), self.width - indent, 9.0)
        height = doc.size().height() + 6

        def paint(p: QPainter, x: float, y: float) -> None:
            _badge(p, QPointF(x + 11, y + 9), number, 10, 9)
            p.save()
            p.translate(x + indent, y)
            doc.drawContents(p)
            p.restore()
            p.setPen(QPen(QColor("#e2d6cc"), 0.6))
            p.drawLine(QPointF(x + indent, y + height), QPointF(x + self.width, y + height))

        return Block(height, paint)

    # --- painting --------------------------------------------------------------------
    def paint_page(self, painter: QPainter, index: int) -> None:
        """Paint one page; the painter's unit is 1/96 inch with (0, 0) at the margin."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        for y, block in self.pages[index]:
            block.paint(painter, 0.0, y)
        self._footer(painter, index)

    def _footer(self, p: QPainter, index: int) -> None:
        top = self.height - FOOTER_H + 8
        p.setPen(QPen(QColor("#c9b8aa"), 0.6))
        p.drawLine(QPointF(0, top), QPointF(self.width, top))
        p.setFont(_pfont(p, 7.5))
        p.setPen(MUTED)
        rect = QRectF(0, top + 3, self.width, FOOTER_H - 11)
        p.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, DISCLAIMER)
        p.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"Page {index + 1} of {self.page_count}")


def _badge(p: QPainter, centre: QPointF, number: int, radius: float, size: float) -> None:
    p.setPen(QPen(QColor("white"), max(0.8, radius * 0.12)))
    p.setBrush(BADGE)
    p.drawEllipse(centre, radius, radius)
    font = _pfont(p, size, bold=True)
    p.setFont(font)
    p.setPen(QColor("white"))
    text = str(number)
    rect = QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius)
    if len(text) > 1:
        p.setFont(_pfont(p, size * 0.8, bold=True))
    p.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)


def _paint_figure(p: QPainter, view: str, rect: QRectF, points: list[Point], numbers: dict[str, int]) -> None:
    renderer = QSvgRenderer(str(asset_file(f"{view}.svg")))
    renderer.render(p, rect)
    margin = anatomy.FIGURE_MARGIN
    scale = rect.height() / (anatomy.FIGURE_HEIGHT + 2 * margin)

    def to_page(x: float, y: float) -> QPointF:
        return QPointF(
            rect.left() + (x * anatomy.FIGURE_WIDTH + margin) * scale,
            rect.top() + (y * anatomy.FIGURE_HEIGHT + margin) * scale,
        )

    placed: list[QPointF] = []
    radius = 5.2

    def place(at: QPointF) -> QPointF:
        """Where a badge goes: at its point, or nudged aside (with a leader) if it would cover another."""
        spot = QPointF(at)
        side = -1.0 if at.x() < rect.center().x() - 1 else 1.0
        for _ in range(12):
            if all((spot.x() - q.x()) ** 2 + (spot.y() - q.y()) ** 2 >= (2 * radius) ** 2 for q in placed):
                break
            spot = spot + QPointF(side * radius * 1.1, -radius * 0.6)
        placed.append(spot)
        if spot != at:
            p.setPen(QPen(BADGE, 0.7))
            p.drawLine(at, spot)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(BADGE)
            p.drawEllipse(at, 1.4, 1.4)
        return spot

    for point in points:
        mine = markers_on(point, view)
        if is_group(mine):  # a group such as Jiaji: small dots, one number
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(BADGE)
            for m in mine:
                p.drawEllipse(to_page(m.x, m.y), 1.6, 1.6)
            # Number the group where the sheet's other points are (a lumbar sheet: at the
            # lumbar levels), on the left side so it does not sit on the single points.
            others = [m.y for q in points if q is not point for m in q.markers if m.view == view]
            middle = sum(others) / len(others) if others else sum(m.y for m in mine) / len(mine)
            left = [m for m in mine if m.x < 0.5] or mine
            chosen = min(left, key=lambda m: abs(m.y - middle))
            _badge(p, place(to_page(chosen.x, chosen.y) + QPointF(-9, -6)), numbers[point.code], radius, 6)
            continue
        for m in mine:
            _badge(p, place(to_page(m.x, m.y)), numbers[point.code], radius, 6)


def _cautions_html(notes: list[CautionNote]) -> str:
    parts = ["<p><b>Cautions for these points</b></p>"]
    for note in notes:
        cls = "urgent" if note.urgent else "label"
        codes = f" ({escape(', '.join(note.codes))})" if note.codes else ""
        parts.append(f"<p><span class='{cls}'>{escape(note.title)}{codes}:</span> {escape(note.text)}</p>")
    return "".join(parts)


def _point_html(point: Point, technique: str) -> str:
    hanzi = escape(point.hanzi)
    areas = ", ".join(AREA_LABELS.get(a, a) for a in point.areas)
    side = "both sides" if point.bilateral else "midline"
    parts = [
        f"<p style='font-size:11pt'><b>{escape(point.code)}</b> &nbsp;{escape(point.pinyin)} &nbsp;{hanzi}"
        f" &nbsp;<span class='muted'>{escape(point.name)}</span></p>",
        f"<p class='muted'>{escape(areas)} · {escape(side)}</p>",
        f"<p><span class='label'>Location:</span> {escape(point.location)}</p>",
        f"<p><span class='label'>How to find it:</span> {escape(point.how_to_find)}</p>",
    ]
    if technique == "needling":
        parts.append(f"<p><span class='label'>Needling:</span> {escape(point.technique.needling)}</p>")
    else:
        parts.append(f"<p><span class='label'>Self-care pressure:</span> {escape(point.technique.acupressure)}</p>")
    # Only what concerns this sheet's technique; the hazards are in the box at the top.
    cautions = cautions_for(point, technique, include_hazards=False)
    if cautions:
        first = 1 if point.pregnancy is not None else 0
        items = " ".join(
            f"<span class='{'urgent' if i < first else ''}'>{escape(c)}</span>" for i, c in enumerate(cautions)
        )
        parts.append(f"<p><span class='urgent'>Cautions:</span> {items}</p>")
    return "".join(parts)


# --- devices ---------------------------------------------------------------------------
def paint_sheet(device: QPagedPaintDevice, layout: SheetLayout, resolution: float) -> None:
    """Paint every page of a laid-out sheet on a PDF writer or printer."""
    painter = QPainter()
    if not painter.begin(device):
        raise PrintError("the output could not be opened for painting")
    try:
        scale = resolution / DPI
        for index in range(layout.page_count):
            if index:
                device.newPage()
            painter.save()
            painter.scale(scale, scale)
            layout.paint_page(painter, index)
            painter.restore()
    finally:
        painter.end()


def write_pdf(path: str | os.PathLike[str], sheet: Sheet, dataset: Dataset) -> int:
    """Write the sheet as a PDF, atomically; returns the page count. Raises PrintError."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise PrintError(f"{target}: is a folder, not a file name")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        os.close(fd)
    except OSError as exc:
        raise PrintError(f"{target}: cannot write here ({exc.strerror or exc})") from None
    try:
        layout = SheetLayout(sheet, dataset)
        writer = QPdfWriter(tmp)
        writer.setResolution(300)
        writer.setTitle(sheet.title)
        writer.setCreator("BackPoints")
        writer.setPageLayout(page_layout(sheet.paper))
        paint_sheet(writer, layout, writer.resolution())
        del writer  # flushes and closes the file
        if os.path.getsize(tmp) == 0:
            raise PrintError(f"{target}: the PDF came out empty")
        os.replace(tmp, target)
    except OSError as exc:
        raise PrintError(f"{target}: cannot write the PDF ({exc.strerror or exc})") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return layout.page_count
