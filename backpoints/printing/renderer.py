"""The one sheet renderer: lays a Sheet out in pages and paints them with QPainter.

Print preview, the printer and PDF export all call paint_sheet(); nothing else draws
a sheet. Layout units are CSS pixels (1/96 inch), so a painter on any device is
scaled by its resolution / 96 and the pages look the same everywhere.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
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
from ..core.files import WriteError, display_path, writable_target, write_atomically
from ..core.model import AREA_LABELS, Dataset, Point, cautions_for
from ..core.routines import Routine, Stop, route, step_numbers
from ..core.wording import DISCLAIMER
from ..core.sheet import CautionNote, Sheet, gather_cautions, resolve
from ..resources import asset_file
from .badges import BadgeGrid
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
MIN_FLOW_ROOM = 80.0  # a block that flows over pages starts on a new page if less is left
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
    """A piece of a page: its height and how to paint it.

    A block that fits on a page is never split. One that is taller than a page (long notes,
    a very long description) has `pieces`, which cut it between lines of text into parts
    that fit, so that it flows onto the next pages instead of being clipped.
    """

    height: float
    paint: Callable[[QPainter, float, float], None]
    pieces: Callable[[float, float], list["Block"]] | None = None


def _line_bottoms(doc: QTextDocument) -> list[tuple[float, float]]:
    """(top, bottom) of every laid-out line of a document, in document units, top to bottom."""
    lines: list[tuple[float, float]] = []
    layout = doc.documentLayout()
    block = doc.begin()
    while block.isValid():
        rect = layout.blockBoundingRect(block)
        text_layout = block.layout()
        for i in range(text_layout.lineCount()):
            line = text_layout.lineAt(i)
            top = rect.top() + line.y()
            lines.append((top, top + line.height()))
        block = block.next()
    return lines


def _cuts(doc: QTextDocument, first_room: float, page_room: float) -> list[tuple[float, float]]:
    """Slices (start, end) of a document, each ending between two lines, the first one at most
    `first_room` tall and the others at most `page_room`."""
    total = doc.size().height()
    lines = _line_bottoms(doc)
    slices: list[tuple[float, float]] = []
    start, room = 0.0, first_room
    while total - start > room:
        limit = start + room
        fitting = [bottom for top, bottom in lines if top >= start - 0.5 and bottom <= limit]
        end = max(fitting) if fitting else limit  # a single line taller than a page: cut it
        if end <= start:
            end = limit
        slices.append((start, end))
        start, room = end, page_room
    slices.append((start, total))
    return slices


def _draw_lines(p: QPainter, doc: QTextDocument, start: float, end: float) -> None:
    """Draw the lines of `doc` that lie between `start` and `end`, and no others.

    drawContents() with a clip rectangle also draws the line just above the clip (Qt's
    QTextLayout::draw starts one line early), which would put that line, invisibly, in
    the PDF's text twice; drawing line by line keeps each line in exactly one part.
    """
    layout = doc.documentLayout()
    p.save()
    p.setPen(INK)
    block = doc.begin()
    while block.isValid():
        rect = layout.blockBoundingRect(block)
        if rect.bottom() >= start and rect.top() <= end:
            text_layout = block.layout()
            for i in range(text_layout.lineCount()):
                line = text_layout.lineAt(i)
                top = rect.top() + line.y()
                if top >= start - 0.5 and top + line.height() <= end + 0.5:
                    line.draw(p, rect.topLeft())
        block = block.next()
    p.restore()


def _flowing(
    doc: QTextDocument,
    indent: float,
    extra: float = 0.0,
    first: Callable[[QPainter, float, float], None] | None = None,
    last: Callable[[QPainter, float, float, float], None] | None = None,
    behind: Callable[[QPainter, float, float, float], None] | None = None,
    pad: float = 0.0,
) -> Block:
    """A block showing `doc` at `indent`, `extra` units taller than the text, that can flow
    over pages; `first` paints what belongs to its first part (a badge), `last` what follows
    its end (a rule), given the end's y; `behind` paints under every part (a box), given
    the part's height; `pad` is space above and below the text of every part."""

    def painter_for(start: float, end: float, is_first: bool, is_last: bool) -> Callable[[QPainter, float, float], None]:
        def paint(p: QPainter, x: float, y: float) -> None:
            if behind is not None:
                behind(p, x, y, end - start + 2 * pad)
            if is_first and first is not None:
                first(p, x, y)
            p.save()
            p.translate(x + indent, y + pad - start)
            if start <= 0 and end >= height:
                doc.drawContents(p)
            else:
                _draw_lines(p, doc, start, end)
            p.restore()
            if is_last and last is not None:
                last(p, x, y, end - start + extra)

        return paint

    def pieces(first_room: float, page_room: float) -> list[Block]:
        slices = _cuts(doc, first_room - 2 * pad, page_room - extra - 2 * pad)
        return [
            Block(end - start + 2 * pad + (extra if i == len(slices) - 1 else 0),
                  painter_for(start, end, i == 0, i == len(slices) - 1))
            for i, (start, end) in enumerate(slices)
        ]

    height = doc.size().height()
    return Block(height + extra + 2 * pad, painter_for(0.0, height, True, True), pieces)


def document_block(doc: QTextDocument) -> Block:
    """A block that paints a laid-out text document at its place (never split)."""

    def paint(p: QPainter, x: float, y: float) -> None:
        p.save()
        p.translate(x, y)
        doc.drawContents(p)
        p.restore()

    return Block(doc.size().height(), paint)


class SheetLayout:
    """A sheet laid out into pages for one paper size."""

    def __init__(self, sheet: Sheet, dataset: Dataset, layout: QPageLayout | None = None) -> None:
        load_fonts()
        self.sheet = sheet
        self.dataset = dataset
        # Codes the dataset lacks are refused before printing (CLI) or when a sheet opens (GUI).
        self.points, _ = resolve(sheet, dataset)
        self.has_key = False  # set when the figures carry a key to the units
        # A routine's steps print only while the sheet still holds exactly its points.
        routine = sheet.routine
        self.routine: Routine | None = routine if routine is not None and sheet.points == routine.codes else None
        self.numbers = step_numbers(self.routine) if self.routine else {
            p.code: i for i, p in enumerate(self.points, start=1)
        }
        # The paper the user picked in a print dialog wins over the sheet's own.
        rect = (layout or page_layout(sheet.paper)).paintRect(QPageLayout.Unit.Inch)
        self.width = rect.width() * DPI
        self.height = rect.height() * DPI
        self.body_height = self.height - FOOTER_H
        self.pages: list[list[tuple[float, Block]]] = []
        self._paginate(self._blocks())

    # --- layout ----------------------------------------------------------------------
    def _blocks(self) -> list[Block]:
        blocks = [self._header()]
        if self.routine is not None:
            blocks.append(self._routine_steps(self.routine))
        blocks.extend(self._figure_and_cautions())
        if self.sheet.notes.strip():
            blocks.append(self._notes())
        blocks.extend(self._point_block(self.numbers[p.code], p) for p in self.points)
        if not self.has_key:  # the figure's key already explains B-cun and F-cun
            blocks.append(self._text_block(MEASURES_NOTE, 8.0))
        return blocks

    def _paginate(self, blocks: list[Block]) -> None:
        page: list[tuple[float, Block]] = []
        y = 0.0
        for block in blocks:
            parts = [block]
            if block.height > self.body_height and block.pieces is not None:
                room = self.body_height - y if page else self.body_height
                if room < MIN_FLOW_ROOM:  # too little left to start it here
                    self.pages.append(page)
                    page, y, room = [], 0.0, self.body_height
                parts = block.pieces(room, self.body_height)
            for part in parts:
                if page and y + part.height > self.body_height:
                    self.pages.append(page)
                    page, y = [], 0.0
                page.append((y, part))
                y += part.height + 8
        self.pages.append(page)

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def _header(self) -> Block:
        sheet = self.sheet
        width = self.width
        title_size = 18.0
        # Long titles (routine names) shrink to fit first; only then are they elided.
        while title_size > 11 and QFontMetricsF(_font(title_size, True), _layout_device()).horizontalAdvance(
            sheet.title
        ) > width * 0.75:
            title_size -= 1

        def paint(p: QPainter, x: float, y: float) -> None:
            p.setPen(INK)
            p.setFont(_pfont(p, title_size, bold=True))
            # A long title is cut at a whole character with "…", never clipped mid-letter.
            title = _elided(p, sheet.title, width * 0.75)
            p.drawText(QRectF(x, y, width * 0.75, 30), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
            p.setFont(_pfont(p, 8))
            p.setPen(MUTED)
            p.drawText(QRectF(x, y, width, 30), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, "BackPoints point sheet")
            p.setFont(_pfont(p, 10))
            p.setPen(INK)
            name = _elided(p, sheet.name or "", width * 0.62 - 38)
            line_y = y + 38
            p.drawText(QPointF(x, line_y + 12), "For:")
            p.drawText(QPointF(x + 34, line_y + 11), name)
            p.setPen(QPen(MUTED, 0.6))
            p.drawLine(QPointF(x + 30, line_y + 15), QPointF(x + width * 0.62, line_y + 15))
            p.setPen(INK)
            p.drawText(QPointF(x + width * 0.66, line_y + 12), "Date:")
            p.drawText(QPointF(x + width * 0.66 + 40, line_y + 11), _elided(p, sheet.date, width * 0.34 - 42))
            p.setPen(QPen(MUTED, 0.6))
            p.drawLine(QPointF(x + width * 0.66 + 36, line_y + 15), QPointF(x + width, line_y + 15))
            p.setPen(QPen(ACCENT, 1.2))
            p.drawLine(QPointF(x, y + 66), QPointF(x + width, y + 66))

        return Block(70, paint)

    def _views(self) -> list[str]:
        return body_views_of(self.points)

    def _figure_and_cautions(self) -> list[Block]:
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
        if self.routine is not None and self.routine.cautions:
            cautions.insert(0, CautionNote("This routine", " ".join(self.routine.cautions), urgent=True))
        doc = _document(_cautions_html(cautions), box_w - 16, 8.5)
        box_h = doc.size().height() + 16
        numbers = self.numbers
        points = self.points
        routine = self.routine
        self.has_key = bool(insets) and self.width - figures_w - 16 >= 110
        dataset = self.dataset
        # Beside the figures the box has a page less the header; a longer one (thousands
        # of points with cautions) goes below them, full width, flowing over pages. Beside
        # close-ups it would be a narrow column, so then it goes below them too.
        below = bool(insets) or box_h > self.body_height - 80
        if below:
            doc = _document(_cautions_html(cautions), self.width - 16, 8.5)
        height = fig_h + 16 if below else max(fig_h + 16, box_h)

        def box(p: QPainter, x: float, y: float, h: float) -> None:
            p.setPen(QPen(QColor("#d8a200"), 1.2))
            p.setBrush(QColor("#fff8e1"))
            p.drawRoundedRect(QRectF(x, y, self.width, h), 6, 6)

        def paint(p: QPainter, x: float, y: float) -> None:
            for i, view in enumerate(views):
                fx = x + i * (fig_w + 10)
                stops = route(routine, dataset, view)[1] if routine is not None else ()
                _paint_figure(p, view, QRectF(fx, y, fig_w, fig_h), points, numbers, path=stops)
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
            if self.has_key:  # room beside the close-ups: a key to them
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
                    (0.0, "B-cun (proportional cun): the distance between two landmarks divided into "
                          "equal parts on every body (3 B-cun from the spine to the inner edge of the "
                          "shoulder blade)."),
                    (0.0, "F-cun (finger cun): the treated person's thumb width = 1 F-cun; four fingers "
                          "together = 3 F-cun."),
                ):
                    area = QRectF(key.left() + indent, ky, key.width() - indent, 400)
                    p.drawText(area, wrap, text)
                    ky += p.boundingRect(area, wrap, text).height() + 5
            if below:
                return
            box = QRectF(x + box_x, y, box_w, box_h)
            p.setPen(QPen(QColor("#d8a200"), 1.2))
            p.setBrush(QColor("#fff8e1"))
            p.drawRoundedRect(box, 6, 6)
            p.save()
            p.translate(box.left() + 8, box.top() + 8)
            doc.drawContents(p)
            p.restore()

        figure = Block(height, paint)
        if not below:
            return [figure] if views or cautions else []
        return [figure, _flowing(doc, 8.0, behind=box, pad=8.0)] if views else [_flowing(doc, 8.0, behind=box, pad=8.0)]

    def _notes(self) -> Block:
        doc = _document(
            "<p><span class='label'>Notes</span></p><p>" + escape(self.sheet.notes).replace("\n", "<br>") + "</p>",
            self.width,
            9.5,
        )

        return _flowing(doc, 0.0)

    def _text_block(self, text: str, size: float) -> Block:
        return document_block(_document(f"<p class='muted'>{escape(text)}</p>", self.width, size))

    def _routine_steps(self, routine: Routine) -> Block:
        """The routine's purpose, frequency, source and numbered steps with time and side."""
        return document_block(_document(_routine_html(routine, self.dataset), self.width, 9.0))

    def _point_block(self, number: int, point: Point) -> Block:
        indent = 30.0
        # A routine's step list already says how to press or needle each point.
        doc = _document(_point_html(point, self.sheet.technique, show_technique=self.routine is None),
                        self.width - indent, 9.0)
        width = self.width

        def badge(p: QPainter, x: float, y: float) -> None:
            _badge(p, QPointF(x + 11, y + 9), number, 10, 9)

        def rule(p: QPainter, x: float, y: float, height: float) -> None:
            p.setPen(QPen(QColor("#e2d6cc"), 0.6))
            p.drawLine(QPointF(x + indent, y + height), QPointF(x + width, y + height))

        return _flowing(doc, indent, 6.0, badge, rule)

    # --- painting --------------------------------------------------------------------
    def paint_page(self, painter: QPainter, index: int) -> None:
        """Paint one page; the painter's unit is 1/96 inch with (0, 0) at the margin."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        for y, block in self.pages[index]:
            block.paint(painter, 0.0, y)
        self._footer(painter, index)

    def _footer(self, p: QPainter, index: int) -> None:
        paint_footer(p, self.width, self.height, DISCLAIMER, index, self.page_count)


def _elided(p: QPainter, text: str, width: float) -> str:
    """One line of `text` that fits `width` layout units in the painter's font, "…" if cut."""
    line = " ".join(text.split())  # a newline in a title would draw a second, clipped line
    return p.fontMetrics().elidedText(line, Qt.TextElideMode.ElideRight, max(1, int(width)))


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


def _routine_html(routine: Routine, dataset: Dataset) -> str:
    audience = "Self-care (acupressure)" if routine.audience == "self-care" else f"For practitioners ({routine.technique})"
    minutes = routine.total_seconds / 60
    length = f" · about {minutes:.0f} min" if routine.total_seconds else ""
    parts = [
        f"<p><span class='label'>{escape(audience)}{escape(length)}:</span> {escape(routine.purpose)}</p>",
        f"<p><span class='label'>How often:</span> {escape(routine.frequency)}"
        + (" <span class='muted'>Both sides: the left side first, then the right.</span>"
           if any(s.side == "both" and s.timed for s in routine.steps) else "")
        + "</p>",
        "<table width='100%' cellspacing='0' cellpadding='2'>",
    ]
    for index, step in enumerate(routine.steps, start=1):
        point = dataset.point(step.point)
        name = f"{point.code} {point.pinyin}" if point is not None else "Ashi point (most tender spot)"
        note = f" <span class='muted'>{escape(step.note)}</span>" if step.note else ""
        parts.append(
            "<tr>"
            f"<td width='22' valign='top'><b style='color:#0b4f8a'>{index}.</b></td>"
            f"<td width='140' valign='top'><b>{escape(name)}</b><br><span class='muted'>"
            f"{escape(step.side_text())}</span></td>"
            f"<td width='118' valign='top'><b>{escape(step.dose_text()).replace(' ', '&nbsp;')}</b></td>"
            f"<td valign='top'>{escape(step.how)}{note}</td>"
            "</tr>"
        )
    parts.append("</table>")
    parts.append(
        f"<p class='muted' style='margin-top:4px'><span class='label'>Source:</span> {escape(routine.source_text())}"
        + (f" {escape(routine.provenance.detail)}" if routine.provenance.detail else "")
        + "</p>"
    )
    return "".join(parts)


def _paint_figure(
    p: QPainter,
    view: str,
    rect: QRectF,
    points: list[Point],
    numbers: dict[str, int],
    *,
    path: tuple[Stop, ...] = (),
) -> None:
    renderer = QSvgRenderer(str(asset_file(f"{view}.svg")))
    renderer.render(p, rect)
    margin = anatomy.FIGURE_MARGIN
    scale = rect.height() / (anatomy.FIGURE_HEIGHT + 2 * margin)

    def to_page(x: float, y: float) -> QPointF:
        return QPointF(
            rect.left() + (x * anatomy.FIGURE_WIDTH + margin) * scale,
            rect.top() + (y * anatomy.FIGURE_HEIGHT + margin) * scale,
        )

    radius = 5.2
    if len(path) > 1:
        # The press order as a dashed line through one marker of each point.
        stops = [to_page(s.x, s.y) for s in path]
        p.setPen(QPen(BADGE, 0.8, Qt.PenStyle.DashLine))
        p.setBrush(Qt.BrushStyle.NoBrush)
        for a, b in zip(stops, stops[1:]):
            p.drawLine(a, b)
    grid = BadgeGrid(2 * radius)

    def place(at: QPointF) -> QPointF:
        """Where a badge goes: at its point, or nudged aside (with a leader) if it would cover another."""
        side = -1.0 if at.x() < rect.center().x() - 1 else 1.0
        spot = grid.place(at, QPointF(side * radius * 1.1, -radius * 0.6), 12)
        if spot != at:
            p.setPen(QPen(BADGE, 0.7))
            p.drawLine(at, spot)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(BADGE)
            p.drawEllipse(at, 1.4, 1.4)
        return spot

    view_ys = [m.y for q in points for m in q.markers if m.view == view]
    total_y, count_y = sum(view_ys), len(view_ys)
    for point in points:
        mine = markers_on(point, view)
        if is_group(mine):  # a group such as Jiaji: small dots, one number
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(BADGE)
            for m in mine:
                p.drawEllipse(to_page(m.x, m.y), 1.6, 1.6)
            # Number the group where the sheet's other points are (a lumbar sheet: at the
            # lumbar levels), on the left side so it does not sit on the single points.
            rest = count_y - len(mine)  # the other points' markers on this view
            middle = (total_y - sum(m.y for m in mine)) / rest if rest else sum(m.y for m in mine) / len(mine)
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


def _point_html(point: Point, technique: str, *, show_technique: bool = True) -> str:
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
    if not show_technique:
        pass
    elif technique == "needling":
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


def paint_footer(p: QPainter, width: float, height: float, text: str, index: int, count: int) -> None:
    """The footer every printed page carries: a rule, the disclaimer, "Page N of M"."""
    top = height - FOOTER_H + 8
    p.setPen(QPen(QColor("#c9b8aa"), 0.6))
    p.drawLine(QPointF(0, top), QPointF(width, top))
    p.setFont(_pfont(p, 7.5))
    p.setPen(MUTED)
    rect = QRectF(0, top + 3, width, FOOTER_H - 11)
    p.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
    p.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"Page {index + 1} of {count}")


# --- devices ---------------------------------------------------------------------------
#: progress(done, total) is called before each page; returning False cancels the job.
Progress = Callable[[int, int], bool]


class PrintCancelled(PrintError):
    """The user cancelled a long job; nothing was written."""


def paint_sheet(device: QPagedPaintDevice, layout: SheetLayout, resolution: float,
                progress: Progress | None = None) -> None:
    """Paint every page of a laid-out sheet on a PDF writer or printer."""
    painter = QPainter()
    if not painter.begin(device):
        raise PrintError("the output could not be opened for painting")
    try:
        scale = resolution / DPI
        for index in range(layout.page_count):
            if progress is not None and not progress(index, layout.page_count):
                raise PrintCancelled("cancelled; nothing was written")
            if index:
                device.newPage()
            painter.save()
            painter.scale(scale, scale)
            layout.paint_page(painter, index)
            painter.restore()
    finally:
        painter.end()


def pdf_in_memory(page: QPageLayout, title: str, resolution: int, paint: Callable[[QPdfWriter], None]) -> bytes:
    """Paint a document on an in-memory PDF writer and return its bytes. Raises PrintError.

    Rendering into memory means QPdfWriter's own file handling (which ignores write
    errors) never touches the disk; the bytes are then written by save_pdf.
    """
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(resolution)
    writer.setTitle(title)
    writer.setCreator("BackPoints")
    writer.setPageLayout(page)
    paint(writer)  # painter.end() writes the trailer
    del writer
    data = bytes(buffer.data().data())
    buffer.close()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-64:]:
        raise PrintError("the PDF could not be rendered completely")
    return data


def check_pdf_target(path: str | os.PathLike[str]) -> None:
    """Refuse a device, FIFO or unwritable folder before the work of rendering."""
    try:
        writable_target(path)
    except WriteError as exc:
        raise PrintError(str(exc)) from None


def save_pdf(path: str | os.PathLike[str], data: bytes) -> None:
    """Write PDF bytes atomically: all on disk, or the old file left as it was."""
    try:
        write_atomically(Path(path), data)
    except OSError as exc:
        raise PrintError(f"{display_path(path)}: the PDF was not written ({exc.strerror or exc})") from None


def render_pdf(sheet: Sheet, dataset: Dataset, progress: Progress | None = None,
               page: QPageLayout | None = None) -> tuple[bytes, int]:
    """The sheet as PDF bytes, rendered in memory, and its page count. Raises PrintError.

    `page` is the paper picked in a print dialog; by default the sheet's own.
    """
    page = page or page_layout(sheet.paper)
    layout = SheetLayout(sheet, dataset, page)
    data = pdf_in_memory(page, sheet.title, 300,
                         lambda writer: paint_sheet(writer, layout, writer.resolution(), progress))
    return data, layout.page_count


def write_pdf(path: str | os.PathLike[str], sheet: Sheet, dataset: Dataset, progress: Progress | None = None,
              page: QPageLayout | None = None) -> int:
    """Write the sheet as a PDF, atomically; returns the page count. Raises PrintError.

    The PDF is reported written only when every byte is on disk: a full disk, a device,
    FIFO or link to one, or an unwritable folder is an error and any earlier file at
    `path` is left exactly as it was. `progress` (see Progress) can show progress and
    cancel: a cancelled export raises PrintCancelled and writes nothing.
    """
    check_pdf_target(path)
    data, pages = render_pdf(sheet, dataset, progress, page)
    save_pdf(path, data)
    return pages
