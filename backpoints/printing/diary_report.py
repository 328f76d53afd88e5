"""The diary report for a doctor or practitioner: period, summary, pain chart, side effects,
points used most, and tables of sessions and check-ins.

Laid out in blocks and painted through renderer.paint_sheet() with the sheet's fonts,
page layout and footer, so preview, printer and PDF show the same pages. The chart
is painted here with QPainter (a static vector figure for paper); the Diary tab's
interactive chart uses pyqtgraph, which needs a QApplication and screen widgets.
All diary text is escaped: it is shown as plain text.
"""

from __future__ import annotations

import datetime as _dt
import math
import os
from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPageLayout, QPagedPaintDevice, QPainter, QPainterPath, QPen

from ..core.diary import ACTIVITY_NOTE, CheckIn, DiaryContents, Session, format_money, format_when
from ..core.diary_summary import (
    chart_series,
    costs,
    points_used_most,
    side_effect_counts,
    spacing_changes,
    summary_text,
)
from ..core.model import AREA_LABELS, Dataset
from .renderer import (
    ACCENT,
    DPI,
    FOOTER_H,
    INK,
    MUTED,
    Block,
    PrintError,
    _document,
    document_block,
    _pfont,
    check_pdf_target,
    page_layout,
    paint_footer,
    paint_sheet,
    pdf_in_memory,
    save_pdf,
)

REPORT_TITLE = "Treatment and pain diary"
REPORT_DISCLAIMER = "A personal record kept by the patient with BackPoints; it is not a medical assessment."
PAIN_COLOUR = QColor("#0b4f8a")
WORST_COLOUR = QColor("#9bb7d4")
AVERAGE_COLOUR = QColor("#c0392b")
SESSION_COLOUR = QColor("#2e7d32")


@dataclass(frozen=True)
class ReportOptions:
    """What the report covers and how it is printed."""

    start: _dt.date | None = None
    end: _dt.date | None = None
    paper: str = "a4"
    name: str = ""


def _date(value: _dt.datetime | _dt.date) -> str:
    return f"{value.day} {value.strftime('%b %Y')}"


class DiaryReportLayout:
    """A diary report laid out into pages; paint_sheet() paints it on any paged device."""

    def __init__(self, contents: DiaryContents, options: ReportOptions, dataset: Dataset | None = None) -> None:
        from .fonts import load_fonts

        load_fonts()
        self.options = options
        self.dataset = dataset
        self.all = contents
        self.period = contents.between(options.start, options.end)
        rect = page_layout(options.paper).paintRect(QPageLayout.Unit.Inch)
        self.width = rect.width() * DPI
        self.height = rect.height() * DPI
        self.body_height = self.height - FOOTER_H
        self.pages: list[list[tuple[float, Block]]] = []
        self._headers: dict[int, Block] = {}  # row block id -> its table's header row
        self._paginate(self._blocks())

    @property
    def page_count(self) -> int:
        return len(self.pages)

    @property
    def title(self) -> str:
        return report_title(self.options)

    def period_text(self) -> str:
        entries = self.period.entries
        start = self.options.start or (entries[0].at.date() if entries else None)
        end = self.options.end or (entries[-1].at.date() if entries else None)
        if start is None or end is None:
            return "no entries"
        return f"{_date(start)} to {_date(end)}"

    # --- layout ----------------------------------------------------------------------
    def _paginate(self, blocks: list[Block]) -> None:
        page: list[tuple[float, Block]] = []
        y = 0.0
        for block in blocks:
            if page and y + block.height > self.body_height:
                self.pages.append(page)
                page, y = [], 0.0
                header = self._headers.get(id(block))
                if header is not None:  # a table goes on: repeat its header row
                    page.append((0.0, header))
                    y = header.height + 6
            page.append((y, block))
            y += block.height + 6
        self.pages.append(page)

    def _blocks(self) -> list[Block]:
        period = self.period
        blocks = [self._header(), self._html(self._summary_html(), 9.5)]
        if period.checkins:
            blocks.append(self._chart())
        blocks.append(self._html(self._facts_html(), 9.0))
        if period.sessions:
            blocks.append(self._html("<p style='font-size:11pt'><b>Sessions</b></p>", 9))
            blocks.extend(self._table(("Date", "Treatment", "Points or routine", "Cost", "Side effects", "Notes"),
                                      SESSION_WIDTHS, [self._session_cells(s) for s in period.sessions]))
        if period.checkins:
            blocks.append(self._html("<p style='font-size:11pt'><b>Check-ins</b></p>", 9))
            blocks.extend(self._table(("Date", "Pain now", "Worst 24\u00a0h", "Where", "Activity check", "Notes"),
                                      CHECKIN_WIDTHS, [self._checkin_cells(c) for c in period.checkins]))
        return blocks

    def _table(self, titles: tuple[str, ...], widths: tuple[float, ...], rows: list[tuple[str, ...]]) -> list[Block]:
        """A header row and the rows; pagination repeats the header on each new page."""
        header = self._row(titles, widths, header=True)
        blocks = [header]
        for cells in rows:
            block = self._row(cells, widths)
            self._headers[id(block)] = header
            blocks.append(block)
        return blocks

    def _header(self) -> Block:
        width = self.width
        options = self.options
        period = self.period_text()
        printed = _date(_dt.date.today())

        def paint(p: QPainter, x: float, y: float) -> None:
            p.setPen(INK)
            p.setFont(_pfont(p, 17, bold=True))
            p.drawText(QRectF(x, y, width * 0.7, 28), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, REPORT_TITLE)
            p.setFont(_pfont(p, 8))
            p.setPen(MUTED)
            p.drawText(QRectF(x, y, width, 28), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                       "BackPoints diary report")
            p.setPen(INK)
            p.setFont(_pfont(p, 9.5))
            line = y + 44
            left = f"For: {options.name}" if options.name else "For: ____________________"
            p.drawText(QPointF(x, line), left)
            p.drawText(QRectF(x, line - 12, width, 16), Qt.AlignmentFlag.AlignRight,
                       f"Period: {period}    Printed: {printed}")
            p.setPen(QPen(ACCENT, 1.2))
            p.drawLine(QPointF(x, y + 54), QPointF(x + width, y + 54))

        return Block(58, paint)

    def _html(self, html: str, size: float) -> Block:
        return document_block(_document(html, self.width, size))

    def _summary_html(self) -> str:
        period = self.period
        text = summary_text(period, today=self.options.end or _dt.date.today())
        return f"<p>{escape(text)}</p>"

    def _facts_html(self) -> str:
        period = self.period
        parts: list[str] = []
        effects = side_effect_counts(period.sessions)
        parts.append("<p><span class='label'>Side effects recorded:</span> ")
        if effects:
            parts.append(escape(", ".join(f"{kind} ({n} session{'s' if n != 1 else ''})" for kind, n in effects)))
            severe = [s for s in period.sessions if any(e.severity == "severe" for e in s.side_effects)]
            if severe:
                parts.append(f" <span class='urgent'>Severe: {escape(', '.join(format_when(s.at)[:10] for s in severe))}</span>")
        else:
            parts.append("none")
        parts.append("</p>")
        most = points_used_most(period.sessions, 8)
        if most:
            def name(code: str) -> str:
                point = self.dataset.point(code) if self.dataset else None
                return f"{code} {point.pinyin}" if point else code

            parts.append("<p><span class='label'>Points used most:</span> "
                         + escape("; ".join(f"{name(c)} ({n}×)" for c, n in most)) + "</p>")
        routines = sorted({s.routine for s in period.sessions if s.routine})
        if routines:
            parts.append("<p><span class='label'>Routines:</span> " + escape(", ".join(routines)) + "</p>")
        totals = costs(period.sessions)
        if totals:
            paid = sum(1 for s in period.sessions if s.insurance_paid)
            parts.append("<p><span class='label'>Cost:</span> "
                         + escape(" and ".join(format_money(c, cur) for cur, c in totals.items()))
                         + escape(f" in {len(period.sessions)} sessions; insurance paid for {paid}") + "</p>")
        changes = spacing_changes(period.sessions)
        if changes:
            parts.append("<p><span class='label'>Session spacing:</span> "
                         + escape("; ".join(f"{format_when(c.at)[:10]} {c.label}" for c in changes)) + "</p>")
        if any(c.activity is not None for c in period.checkins):
            parts.append(f"<p class='muted'>{escape(ACTIVITY_NOTE)}</p>")
        return "".join(parts)

    # --- the chart -------------------------------------------------------------------
    def _chart(self) -> Block:
        height = 230.0
        width = self.width
        series = chart_series(self.period)

        def paint(p: QPainter, x: float, y: float) -> None:
            _paint_chart(p, QRectF(x, y, width, height - 8), series)

        return Block(height, paint)

    # --- tables ----------------------------------------------------------------------
    def _session_cells(self, s: Session) -> tuple[str, ...]:
        treatment = s.technique + (" (self-care)" if s.provider == "self-care" else "")
        if s.duration_min:
            treatment += f", {s.duration_min}\u00a0min"
        used = " ".join(s.points) or (f"routine {s.routine}" if s.routine else "")
        cost = "" if s.cost_cents is None else format_money(s.cost_cents, s.currency) + (" (insurance)" if s.insurance_paid else "")
        effects = ", ".join(f"{e.kind} ({e.severity})" + (f": {e.note}" if e.note else "") for e in s.side_effects)
        return (format_when(s.at).replace("T", " "), treatment, used, cost, effects, s.notes)

    def _checkin_cells(self, c: CheckIn) -> tuple[str, ...]:
        where = ", ".join(AREA_LABELS.get(a, a) for a in c.areas)
        activity = "" if c.activity_score is None else f"{c.activity_score} of 10"
        return (format_when(c.at).replace("T", " "), str(c.pain), "" if c.worst is None else str(c.worst),
                where, activity, c.notes)

    def _row(self, cells: tuple[str, ...], widths: tuple[float, ...], header: bool = False) -> Block:
        total = self.width
        docs = []
        for text, share in zip(cells, widths):
            clipped = text if len(text) <= 600 else text[:600] + "…"
            html = escape(clipped).replace("\n", "<br>")
            docs.append(_document(f"<p>{'<b>' + html + '</b>' if header else html}</p>", total * share - 6, 8.0))
        height = max(d.size().height() for d in docs) + 3

        def paint(p: QPainter, x: float, y: float) -> None:
            left = x
            if header:
                p.fillRect(QRectF(x, y - 2, total, height + 1), QColor("#f3ece6"))
            for doc, share in zip(docs, widths):
                p.save()
                p.translate(left + 2, y)
                doc.drawContents(p)
                p.restore()
                left += total * share
            p.setPen(QPen(QColor("#e2d6cc"), 0.6))
            p.drawLine(QPointF(x, y + height), QPointF(x + total, y + height))

        return Block(height, paint)

    # --- painting --------------------------------------------------------------------
    def paint_page(self, painter: QPainter, index: int) -> None:
        """Paint one page; the painter's unit is 1/96 inch with (0, 0) at the margin."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        for y, block in self.pages[index]:
            block.paint(painter, 0.0, y)
        paint_footer(painter, self.width, self.height, REPORT_DISCLAIMER, index, self.page_count)


SESSION_WIDTHS = (0.15, 0.17, 0.19, 0.12, 0.2, 0.17)
CHECKIN_WIDTHS = (0.16, 0.09, 0.1, 0.25, 0.12, 0.28)


def _ticks(start: float, end: float) -> list[tuple[float, str]]:
    """Date ticks for a span of POSIX seconds: days, weeks, months or years."""
    first = _dt.datetime.fromtimestamp(start).date()
    last = _dt.datetime.fromtimestamp(end).date()
    days = (last - first).days
    out: list[tuple[float, str]] = []
    if days <= 21:
        step = max(1, math.ceil(days / 7))
        d = first
        while d <= last:
            out.append((_ts(d), d.strftime("%d %b")))
            d += _dt.timedelta(days=step)
        return out
    if days <= 120:
        d = first + _dt.timedelta(days=(7 - first.weekday()) % 7)  # Mondays
        while d <= last:
            out.append((_ts(d), d.strftime("%d %b")))
            d += _dt.timedelta(days=7 if days <= 70 else 14)
        return out
    months = days / 30.44
    step = 1 if months <= 8 else 2 if months <= 16 else 3 if months <= 30 else 6 if months <= 72 else 12
    year, month = first.year, first.month + 1
    while True:
        if month > 12:
            year, month = year + 1, month - 12
        d = _dt.date(year, month, 1)
        if d > last:
            return out
        if (month - 1) % step == 0:
            out.append((_ts(d), d.strftime("%b %Y") if month == 1 or not out else d.strftime("%b")))
        month += 1


def _ts(day: _dt.date) -> float:
    return _dt.datetime.combine(day, _dt.time()).timestamp()


def _paint_chart(p: QPainter, rect: QRectF, series) -> None:  # type: ignore[no-untyped-def]
    """Pain over time (0-10), worst pain, the rolling average, sessions on the time axis and spacing changes."""
    left, top = rect.left() + 26, rect.top() + 26
    plot = QRectF(left, top, rect.right() - left - 4, rect.height() - 26 - 34)
    stamps = list(series.times) + list(series.sessions)
    start, end = float(min(stamps)), float(max(stamps))
    if end - start < 86400:
        start, end = start - 86400, end + 86400
    pad = (end - start) * 0.02
    start, end = start - pad, end + pad

    def px(t: float) -> float:
        return plot.left() + (t - start) / (end - start) * plot.width()

    def py(v: float) -> float:
        return plot.bottom() - v / 10 * plot.height()

    p.save()
    p.setFont(_pfont(p, 9, bold=True))
    p.setPen(INK)
    p.drawText(QPointF(rect.left(), rect.top() + 10), "Pain over time (0 = none, 10 = worst imaginable)")
    # Legend.
    p.setFont(_pfont(p, 7))
    lx = rect.right() - 330
    for colour, label, kind in ((PAIN_COLOUR, "pain now", "dot"), (WORST_COLOUR, "worst in 24 h", "dot"),
                                (AVERAGE_COLOUR, f"{series.rolling_days}-day average", "line"), (SESSION_COLOUR, "session", "tick")):
        p.setPen(QPen(colour, 1.6))
        p.setBrush(colour)
        if kind == "dot":
            p.drawEllipse(QPointF(lx + 4, rect.top() + 7), 2.2, 2.2)
        elif kind == "line":
            p.drawLine(QPointF(lx, rect.top() + 7), QPointF(lx + 10, rect.top() + 7))
        else:
            p.drawLine(QPointF(lx + 4, rect.top() + 2), QPointF(lx + 4, rect.top() + 11))
        p.setPen(MUTED)
        p.drawText(QPointF(lx + 13, rect.top() + 10), label)
        lx += 82
    # Grid and axes.
    p.setFont(_pfont(p, 7))
    for v in range(0, 11, 2):
        p.setPen(QPen(QColor("#e6e0da"), 0.6))
        p.drawLine(QPointF(plot.left(), py(v)), QPointF(plot.right(), py(v)))
        p.setPen(MUTED)
        p.drawText(QRectF(rect.left(), py(v) - 6, 20, 12), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(v))
    p.setPen(QPen(MUTED, 0.8))
    p.drawLine(plot.bottomLeft(), plot.bottomRight())
    for t, label in _ticks(start, end):
        if plot.left() <= px(t) <= plot.right():
            p.drawLine(QPointF(px(t), plot.bottom()), QPointF(px(t), plot.bottom() + 3))
            p.drawText(QRectF(px(t) - 30, plot.bottom() + 14, 60, 12), Qt.AlignmentFlag.AlignCenter, label)
    # Spacing changes: dashed lines with a short label.
    for t, label in series.changes:
        pen = QPen(QColor("#8d6e63"), 0.8, Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.drawLine(QPointF(px(t), plot.top()), QPointF(px(t), plot.bottom()))
        p.setPen(QColor("#6d4c41"))
        p.drawText(QPointF(px(t) + 3, plot.top() + 8), label.split(":")[0])
    # Sessions as ticks under the axis.
    p.setPen(QPen(SESSION_COLOUR, 1.4))
    for t in series.sessions:
        p.drawLine(QPointF(px(t), plot.bottom() + 2), QPointF(px(t), plot.bottom() + 11))
    dot = 2.0 if len(series.times) < 120 else 1.0
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(WORST_COLOUR)
    for t, v in zip(series.worst_times, series.worst):
        p.drawEllipse(QPointF(px(t), py(v)), dot, dot)
    p.setPen(QPen(PAIN_COLOUR, 0.7))
    path = QPainterPath()
    for i, (t, v) in enumerate(zip(series.times, series.pain)):
        (path.lineTo if i else path.moveTo)(QPointF(px(t), py(v)))
    p.setBrush(Qt.BrushStyle.NoBrush)
    if len(series.times) < 120:
        p.drawPath(path)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(PAIN_COLOUR)
    for t, v in zip(series.times, series.pain):
        p.drawEllipse(QPointF(px(t), py(v)), dot, dot)
    average = QPainterPath()
    for i, (t, v) in enumerate(zip(series.rolling_times, series.rolling)):
        (average.lineTo if i else average.moveTo)(QPointF(px(t), py(v)))
    p.setPen(QPen(AVERAGE_COLOUR, 1.8))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(average)
    p.restore()


def report_title(options: ReportOptions) -> str:
    """The report's title, with the patient's name when one is given."""
    return REPORT_TITLE + (f": {options.name}" if options.name else "")


# --- devices ---------------------------------------------------------------------------
def paint_report(device: QPagedPaintDevice, layout: DiaryReportLayout, resolution: float) -> None:
    """Paint every page of the report on a PDF writer or printer (the sheets' paint loop)."""
    paint_sheet(device, layout, resolution)  # type: ignore[arg-type]


def report_pdf_bytes(contents: DiaryContents, options: ReportOptions, dataset: Dataset | None = None,
                     page: QPageLayout | None = None) -> tuple[bytes, int]:
    """The report as PDF bytes and its page count (on `page`, by default the report's paper)."""
    layout = DiaryReportLayout(contents, options, dataset)
    payload = pdf_in_memory(page or page_layout(options.paper), layout.title, 300,
                            lambda writer: paint_report(writer, layout, writer.resolution()))
    return payload, layout.page_count


def write_report_pdf(path: str | os.PathLike[str], contents: DiaryContents, options: ReportOptions,
                     dataset: Dataset | None = None, page: QPageLayout | None = None) -> int:
    """Write the report as a PDF, atomically (the sheets' writer); returns the page count."""
    check_pdf_target(path)
    payload, pages = report_pdf_bytes(contents, options, dataset, page)
    save_pdf(path, payload)
    return pages


__all__ = ["DiaryReportLayout", "ReportOptions", "paint_report", "print_report", "report_pdf_bytes", "write_report_pdf"]


def print_report(printer, contents: DiaryContents, options: ReportOptions,  # type: ignore[no-untyped-def]
                 dataset: Dataset | None = None) -> int:
    """Send the report to a QPrinter the user chose (or one set to PDF output); returns the page count.

    Raises PrintError as printer.print_sheet() does: a printer that went away, a refused job.
    """
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

    from .printer import to_file

    path = to_file(printer)
    if path:  # "Print to File": the checked atomic writer, on the paper picked in the dialog
        printer.setDocName(report_title(options))
        printer.setCreator("BackPoints")
        return write_report_pdf(path, contents, options, dataset, printer.pageLayout())
    if printer.outputFormat() == QPrinter.OutputFormat.NativeFormat:
        name = printer.printerName()
        if not name or QPrinterInfo.printerInfo(name).isNull() or not printer.isValid():
            raise PrintError(f"printer {name!r} is not available any more; choose another printer")
    layout = DiaryReportLayout(contents, options, dataset)
    printer.setDocName(layout.title)
    printer.setCreator("BackPoints")
    printer.setPageLayout(page_layout(options.paper))
    try:
        paint_report(printer, layout, printer.resolution())
    except PrintError as exc:
        raise PrintError(f"printer {printer.printerName()!r} refused the job ({exc})") from None
    if printer.printerState() == QPrinter.PrinterState.Error:
        raise PrintError(f"printer {printer.printerName()!r} reported an error while printing")
    return layout.page_count
