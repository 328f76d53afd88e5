"""The Diary tab's pain chart, drawn with pyqtgraph (imported only when the diary opens).

Pain now (dots and line), worst in 24 h (light dots), the 7-day average (red line),
sessions as green triangles on the time axis and dashed lines where session spacing
changed. Time can be panned and zoomed; the pain axis stays 0-10.
"""

from __future__ import annotations

import pyqtgraph as pg  # type: ignore[import-untyped]  # pyqtgraph ships no type hints
from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

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
        self.change_lines: list[pg.InfiniteLine] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot_widget)
        self.series: ChartSeries | None = None

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # One legend row when there is room, two (and a taller band above 10) when narrow.
        wide = event.size().width() >= 620
        self.legend.setColumnCount(4 if wide else 2)
        self.top = TOP if wide else TOP_NARROW
        self.plot_widget.getPlotItem().setYRange(-0.9, self.top, padding=0)

    def set_series(self, series: ChartSeries) -> None:
        """Draw these numbers (replacing what was drawn)."""
        self.series = series
        plot = self.plot_widget.getPlotItem()
        if len(series.times) > MANY:
            # Hundreds of dots are clutter (and slow to redraw): thin lines, the average carries the trend.
            self.pain_item.setData(series.times, series.pain, pen=pg.mkPen(PAIN_FAINT, width=1), symbol=None)
            self.worst_item.setData(series.worst_times, series.worst, pen=pg.mkPen(WORST_FAINT, width=1), symbol=None)
        else:
            self.pain_item.setData(series.times, series.pain, pen=pg.mkPen(PAIN, width=1), symbol="o",
                                   symbolSize=5, symbolPen=None, symbolBrush=pg.mkBrush(PAIN))
            self.worst_item.setData(series.worst_times, series.worst, pen=None, symbol="o", symbolSize=5,
                                    symbolPen=None, symbolBrush=pg.mkBrush(WORST))
        self.average_item.setData(series.rolling_times, series.rolling)
        self._rename(self.average_item, f"{series.rolling_days}-day average")
        self.session_item.setData(list(series.sessions), [-0.45] * len(series.sessions))
        for line in self.change_lines:
            plot.removeItem(line)
        self.change_lines = []
        for when, label in series.changes:
            line = pg.InfiniteLine(pos=when, angle=90, movable=False,
                                   pen=pg.mkPen(CHANGE, width=1, style=Qt.PenStyle.DashLine),
                                   label=label, labelOpts={"position": 0.72, "color": CHANGE, "anchors": [(0, 0), (0, 0)]})
            line.setToolTip(label)
            plot.addItem(line)
            self.change_lines.append(line)
        stamps = list(series.times) + list(series.sessions)
        if stamps:
            start, end = min(stamps), max(stamps)
            pad = max(86400.0, (end - start) * 0.03)
            plot.setXRange(start - pad, end + pad, padding=0)
        plot.setYRange(-0.9, self.top, padding=0)

    def _rename(self, item: pg.PlotDataItem, name: str) -> None:
        for sample, label in self.legend.items:
            if sample.item is item and label.text != name:
                label.setText(name)

    @property
    def point_count(self) -> int:
        """How many pain readings are drawn (tests and the benchmark look at it)."""
        data = self.pain_item.getData()[0]
        return 0 if data is None else len(data)
