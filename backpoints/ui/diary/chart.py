"""The Diary tab's pain chart, drawn with pyqtgraph (imported only when the diary opens).

Pain now (dots and line), worst in 24 h (light dots), the 7-day average (red line),
sessions as green triangles on the time axis and dashed lines where session spacing
changed. Time can be panned and zoomed; the pain axis stays 0-10.

Redraws are cheap with years of daily check-ins: the series (rolling average included)
is computed once per change of the diary (core.diary_summary.chart_series), the items
are made once and only given new arrays, lines are clipped to the visible time and
thinned to about one value per pixel (peak mode keeps the highs and lows), and the
spacing-change lines are rebuilt only when they change. With no check-ins the chart
says so and shows the last four weeks, instead of an axis of meaningless ticks.
"""

from __future__ import annotations

import time

import numpy as np
import pyqtgraph as pg  # type: ignore[import-untyped]  # pyqtgraph ships no type hints
from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...core.diary_summary import ChartSeries

PAIN = "#0b4f8a"
WORST = "#9bb7d4"
AVERAGE = "#c0392b"
SESSION = "#2e7d32"
CHANGE = "#8d6e63"
#: The pain axis runs to 10; the band above it holds the legend, clear of the data.
TOP = 12.2
TOP_NARROW = 14.0
#: Above this many check-ins the readings are drawn as lines rather than dots.
MANY = 400
PAIN_FAINT = (11, 79, 138, 110)
WORST_FAINT = (155, 183, 212, 120)
#: With nothing to show, the time axis spans the last four weeks (and a day ahead).
EMPTY_SPAN_DAYS = 28
DAY = 86400.0
EMPTY_TEXT = ("No check-ins yet.\nAdd one with the check-in form (pain now, 0 to 10);\n"
              "the chart shows your pain over time from the first one on.")
SESSIONS_ONLY_TEXT = "No check-ins yet: sessions are marked below; add a check-in to see your pain."


class DiaryChart(QWidget):
    """A pyqtgraph plot of a ChartSeries; set_series() redraws it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.top = TOP
        self.plot_widget = pg.PlotWidget(background="w", axisItems={"bottom": pg.DateAxisItem(orientation="bottom")})
        self.plot_widget.setAccessibleName("Pain over time")
        plot = self.plot_widget.getPlotItem()
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.showGrid(x=False, y=True, alpha=0.25)
        plot.setLabel("left", "pain (0-10)")
        plot.setMouseEnabled(x=True, y=False)
        plot.setYRange(-0.9, self.top, padding=0)
        plot.getAxis("left").setTicks([[(v, str(v)) for v in range(0, 11, 2)]])
        for name in ("left", "bottom"):
            axis = plot.getAxis(name)
            axis.setPen(pg.mkPen("#5b5b5b"))
            axis.setTextPen(pg.mkPen("#3b3b3b"))
        self.legend = plot.addLegend(offset=(8, 2), labelTextColor="#3b3b3b", brush=pg.mkBrush(255, 255, 255, 210),
                                     colCount=4)
        self.worst_item = pg.PlotDataItem(pen=None, symbol="o", symbolSize=5, symbolPen=None,
                                          symbolBrush=pg.mkBrush(WORST), name="worst in 24 h")
        self.pain_item = pg.PlotDataItem(pen=pg.mkPen(PAIN, width=1), symbol="o", symbolSize=5,
                                         symbolPen=None, symbolBrush=pg.mkBrush(PAIN), name="pain now")
        self.average_item = pg.PlotDataItem(pen=pg.mkPen(AVERAGE, width=2.5), name="7-day average")
        self.session_item = pg.ScatterPlotItem(size=9, symbol="t1", pen=None, brush=pg.mkBrush(SESSION), name="session")
        for item in (self.worst_item, self.pain_item, self.average_item, self.session_item):
            plot.addItem(item)
        for line_item in (self.worst_item, self.pain_item, self.average_item):
            # Draw only what is in view, thinned to about one value per pixel (highs and lows kept).
            line_item.setClipToView(True)
            line_item.setDownsampling(auto=True, method="peak")
        self.pens = {
            "pain": pg.mkPen(PAIN, width=1), "pain_faint": pg.mkPen(PAIN_FAINT, width=1),
            "worst_faint": pg.mkPen(WORST_FAINT, width=1),
        }
        self.brushes = {"pain": pg.mkBrush(PAIN), "worst": pg.mkBrush(WORST)}
        self.change_lines: list[pg.InfiniteLine] = []
        self._drawn_changes: tuple[tuple[float, str], ...] = ()
        self._dense: bool | None = None
        self.empty_label = QLabel(EMPTY_TEXT, self.plot_widget)
        self.empty_label.setObjectName("diaryChartEmpty")
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.empty_label.setStyleSheet("color: #3b3b3b; font-size: 11pt; background: transparent;")
        self.empty_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot_widget)
        self.series: ChartSeries | None = None
        #: Milliseconds the last set_series() took (the benchmark reads it).
        self.set_series_ms = 0.0

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # One legend row when there is room, two (and a taller band above 10) when narrow.
        wide = event.size().width() >= 620
        self.legend.setColumnCount(4 if wide else 2)
        self.top = TOP if wide else TOP_NARROW
        self.plot_widget.getPlotItem().setYRange(-0.9, self.top, padding=0)
        self.empty_label.setGeometry(self.plot_widget.rect().adjusted(60, 40, -20, -40))

    @property
    def is_empty(self) -> bool:
        """Whether the chart shows its empty state (no check-ins)."""
        return self.series is not None and not self.series.times

    def set_series(self, series: ChartSeries) -> None:
        """Draw these numbers (replacing what was drawn). Call once per change of the diary."""
        start = time.perf_counter()
        self.series = series
        plot = self.plot_widget.getPlotItem()
        dense = len(series.times) > MANY
        if dense != self._dense:
            # Hundreds of dots are clutter (and slow to redraw): thin lines, the average carries the trend.
            self._dense = dense
            if dense:
                self.pain_item.setPen(self.pens["pain_faint"])
                self.pain_item.setSymbol(None)
                self.worst_item.setPen(self.pens["worst_faint"])
                self.worst_item.setSymbol(None)
            else:
                self.pain_item.setPen(self.pens["pain"])
                self.pain_item.setSymbol("o")
                self.worst_item.setPen(None)
                self.worst_item.setSymbol("o")
        self.pain_item.setData(np.asarray(series.times, dtype=float), np.asarray(series.pain, dtype=float))
        self.worst_item.setData(np.asarray(series.worst_times, dtype=float), np.asarray(series.worst, dtype=float))
        self.average_item.setData(np.asarray(series.rolling_times, dtype=float), np.asarray(series.rolling, dtype=float))
        self._rename(self.average_item, f"{series.rolling_days}-day average")
        self.session_item.setData(np.asarray(series.sessions, dtype=float), np.full(len(series.sessions), -0.45))
        if series.changes != self._drawn_changes:
            self._draw_changes(series.changes)
        self.legend.setVisible(bool(series.times))
        self.empty_label.setText(SESSIONS_ONLY_TEXT if series.sessions else EMPTY_TEXT)
        self.empty_label.setVisible(not series.times)
        stamps = series.times + series.sessions
        if stamps:
            first, last = min(stamps), max(stamps)
            pad = max(DAY, (last - first) * 0.03)
            plot.setXRange(first - pad, last + pad, padding=0)
        else:
            today = time.time()
            plot.setXRange(today - EMPTY_SPAN_DAYS * DAY, today + DAY, padding=0)
        plot.setYRange(-0.9, self.top, padding=0)
        self.set_series_ms = (time.perf_counter() - start) * 1000

    def _draw_changes(self, changes: tuple[tuple[float, str], ...]) -> None:
        plot = self.plot_widget.getPlotItem()
        for line in self.change_lines:
            plot.removeItem(line)
        self.change_lines = []
        for when, label in changes:
            line = pg.InfiniteLine(pos=when, angle=90, movable=False,
                                   pen=pg.mkPen(CHANGE, width=1, style=Qt.PenStyle.DashLine),
                                   label=label, labelOpts={"position": 0.72, "color": CHANGE, "anchors": [(0, 0), (0, 0)]})
            line.setToolTip(label)
            plot.addItem(line)
            self.change_lines.append(line)
        self._drawn_changes = changes

    def _rename(self, item: pg.PlotDataItem, name: str) -> None:
        for sample, label in self.legend.items:
            if sample.item is item and label.text != name:
                label.setText(name)

    @property
    def point_count(self) -> int:
        """How many pain readings are drawn (tests and the benchmark look at it)."""
        data = self.pain_item.getData()[0]
        return 0 if data is None else len(data)
