"""BackPoints benchmark, diary part: open the Diary with 5 years of daily check-ins, redraw its chart.

    python bench/diary.py [--quick] [--json]      (bench/run.py calls bench_diary())

What a user sees, measured honestly in fresh processes (each figure is a median):

- start-up: process start to the main window's first paint, and whether pyqtgraph
  was imported by then (it must not be: start-up does not pay for the chart);
- preload: after the first paint the window imports numpy and pyqtgraph (worker
  thread), then makes the chart and draws it and the page once off screen (GUI thread,
  separate turns of the event loop); the longest the event loop was blocked meanwhile,
  each GUI-thread step, and how long until the chart is ready to open;
- open after preload: the user clicks the Diary page a few seconds after start-up:
  click to table, summary and chart painted;
- open at once: the user clicks Diary at the first paint, before the preload: click to
  table painted (the chart follows), and click to chart painted;
- open again: back to the points and to the diary (the file is read again);
- in process: a new panel with pyqtgraph loaded, the chart's redraw (a repaint, as when panning or
  zooming), and a data change (new series + repaint).

Targets (issue 16): open < 200 ms, redraw < 16 ms. Timings live here, never in tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
if not os.environ.get("QT_QPA_PLATFORM", "").strip():
    os.environ["QT_QPA_PLATFORM"] = "offscreen"

# A fresh process: the real main window, the diary at BACKPOINTS_HOME; MODE says when to
# click the Diary page ("preloaded": after the idle preload, "early": at the first paint).
# Prints one JSON line.
CHILD = r"""
import json, sys, time
T0 = time.perf_counter()
from PySide6.QtCore import QEvent, QObject
from backpoints.logs import configure
from backpoints.datasets import load_or_bundled
from backpoints.ui.app import create_application, ensure_platform, install_exception_hook, open_settings
configure()
ensure_platform()
app = create_application()
install_exception_hook()
from backpoints.ui.main_window import MainWindow
dataset, _ = load_or_bundled(None)
window = MainWindow(dataset, open_settings())
window.restore_state()
window.resize(1400, 900)
painted = []
class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            painted.append(time.perf_counter())
        return False
watch = Watch()
window.map.viewport().installEventFilter(watch)
window.show()
while not painted:
    app.processEvents()
out = {"startup_s": painted[0] - T0, "pyqtgraph_at_first_paint": "pyqtgraph" in sys.modules}
panel = window.diary_panel
if MODE == "preloaded":
    longest = 0.0
    start = time.perf_counter()
    loop = start
    while panel.preloader is None or not panel.preloader.done:
        app.processEvents()
        now = time.perf_counter()
        longest = max(longest, now - loop)
        loop = now
        if now - start > 30:
            raise SystemExit("preload did not finish")
    while panel.chart is None:
        app.processEvents()
        now = time.perf_counter()
        longest = max(longest, now - loop)
        loop = now
    out["preload_ready_after_paint_s"] = time.perf_counter() - painted[0]
    out["preload_longest_block_ms"] = longest * 1000
    out["preload_gui_thread_ms"] = panel.preloader.gui_thread_ms
    out["chart_make_ms"] = panel.make_ms
    settle = time.perf_counter()
    while not panel.warm_page_ms and time.perf_counter() - settle < 5:
        app.processEvents()
        time.sleep(0.005)
    out["chart_warm_ms"] = panel.warm_ms
    out["page_warm_ms"] = panel.warm_page_ms
    settle = time.perf_counter()
    while time.perf_counter() - settle < 0.5:  # the user looks at the window a moment
        app.processEvents()
        time.sleep(0.01)
table_painted = []
class TableWatch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not table_painted:
            table_painted.append(time.perf_counter())
        return False
table_watch = TableWatch()
panel.table.viewport().installEventFilter(table_watch)
start = time.perf_counter()
cpu = time.thread_time()
window.pages.setCurrentWidget(panel)
while not table_painted:
    app.processEvents()
# When the table starts painting: the same processEvents() goes on to build the chart.
out["open_to_table_ms"] = (table_painted[0] - start) * 1000
while panel.chart is None:
    app.processEvents()
chart_painted = []
class ChartWatch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            chart_painted.append(time.perf_counter())
        return False
chart_watch = ChartWatch()
panel.chart.plot_widget.viewport().installEventFilter(chart_watch)
while not chart_painted:
    app.processEvents()
out["open_to_chart_ms"] = (time.perf_counter() - start) * 1000  # after the chart's paint has finished
out["open_to_chart_cpu_ms"] = (time.thread_time() - cpu) * 1000  # this thread's CPU time: less hurt by machine load
out["points_drawn"] = panel.chart.point_count
# Back to the points and to the diary again: the file is read again (another process may have written).
window.pages.setCurrentIndex(0)
app.processEvents()
chart_painted.clear()
start = time.perf_counter()
window.pages.setCurrentWidget(panel)
while not chart_painted:
    app.processEvents()
out["reopen_ms"] = (time.perf_counter() - start) * 1000
print(json.dumps(out), flush=True)
"""


def median(values: list[float]) -> float:
    return statistics.median(values)


def repeat(fn: Callable[[], object], times: int, clock: Callable[[], float] = time.perf_counter) -> list[float]:
    results = []
    for _ in range(times):
        start = clock()
        fn()
        results.append(clock() - start)
    return results


def load_average() -> float:
    """The machine's 1-minute load average (the figures are wall-clock times: read them with it)."""
    try:
        return os.getloadavg()[0]
    except OSError:
        return -1.0


def make_diary(path: Path, years: int = 5) -> int:
    """A diary of daily check-ins and weekly sessions over `years` years; returns the entry count."""
    from backpoints.core.diary import CheckIn, DiaryStore, Entry, Session, SideEffect

    rng = random.Random(16)
    start = dt.datetime(2021, 1, 1, 8, 0)
    days = round(365.25 * years)
    entries: list[Entry] = []
    for d in range(days):
        pain = max(0, min(10, round(6 - 3 * d / days + rng.uniform(-1.5, 1.5))))
        entries.append(CheckIn(at=start + dt.timedelta(days=d, hours=rng.randint(0, 12)), pain=pain,
                               worst=min(10, pain + rng.randint(0, 2)), areas=("lower-back",)))
    gap = 3
    d = 0
    while d < days:
        effects = (SideEffect("soreness"),) if rng.random() < 0.1 else ()
        entries.append(Session(at=start + dt.timedelta(days=d, hours=10), points=("BL23", "BL40", "GV4"),
                               cost_cents=8500, side_effects=effects))
        d += gap
        if d > 60:
            gap = 7 if d < days // 2 else 14
    with DiaryStore(path) as store:
        store.add_many(entries)
    return len(entries)


def run_child(home: Path, mode: str) -> dict[str, Any]:
    """One fresh app process (see CHILD); its JSON line."""
    env = dict(os.environ, BACKPOINTS_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", f"MODE = {mode!r}\n" + CHILD], capture_output=True, text=True,
                            env=env, cwd=str(ROOT), timeout=120)
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        raise RuntimeError(f"diary child ({mode}) failed: {result.stderr[-1500:]}")
    return json.loads(lines[-1])  # type: ignore[no-any-return]


def bench_diary(app: Any, home: Path, dataset: Any, reps: int) -> dict[str, float]:
    """The diary figures (milliseconds unless named otherwise); `app` is the running QApplication."""
    from backpoints.core.diary_summary import chart_series

    diary_home = home / "diary-bench-home"
    diary_home.mkdir(parents=True, exist_ok=True)
    from backpoints import paths

    os.environ["BACKPOINTS_HOME"] = str(diary_home)
    path = paths.diary_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    count = make_diary(path)

    report: dict[str, float] = {"entries": float(count), "load_average_before": load_average()}
    children = max(2, reps // 3)
    preloaded = [run_child(diary_home, "preloaded") for _ in range(children)]
    early = [run_child(diary_home, "early") for _ in range(children)]
    report["startup_s"] = median([r["startup_s"] for r in preloaded + early])
    report["pyqtgraph_at_first_paint"] = float(any(r["pyqtgraph_at_first_paint"] for r in preloaded + early))
    report["preload_ready_after_paint_s"] = median([r["preload_ready_after_paint_s"] for r in preloaded])
    report["preload_longest_block"] = median([r["preload_longest_block_ms"] for r in preloaded])
    report["preload_gui_thread"] = median([r["preload_gui_thread_ms"] for r in preloaded])
    report["preload_chart_make"] = median([r["chart_make_ms"] for r in preloaded])
    report["preload_chart_warm"] = median([r["chart_warm_ms"] for r in preloaded])
    report["preload_page_warm"] = median([r["page_warm_ms"] for r in preloaded])
    report["open_after_preload"] = median([r["open_to_chart_ms"] for r in preloaded])
    report["open_after_preload_cpu"] = median([r["open_to_chart_cpu_ms"] for r in preloaded])
    report["open"] = report["open_after_preload"]  # the headline figure (target < 200 ms)
    report["open_early_to_table"] = median([r["open_to_table_ms"] for r in early])
    report["open_early_to_chart"] = median([r["open_to_chart_ms"] for r in early])
    report["points_drawn"] = float(min(r["points_drawn"] for r in preloaded + early))
    report["reopen"] = median([r["reopen_ms"] for r in preloaded + early])

    # In process: open again with everything imported, then redraws.
    from backpoints.ui.diary import DiaryPanel

    def open_panel() -> tuple[Any, float]:
        panel = DiaryPanel(dataset, path)
        panel.resize(1400, 900)
        start = time.perf_counter()
        panel.show()  # opens the file, reads every entry, builds table, summary and chart
        while panel.chart is None:
            app.processEvents()
        app.processEvents()  # and paints them
        return panel, (time.perf_counter() - start) * 1000

    def close(panel: Any) -> None:
        panel.close()
        panel.document.close()
        panel.deleteLater()
        app.processEvents()

    close(open_panel()[0])  # warm-up
    opens = []
    for _ in range(reps):
        panel, ms = open_panel()
        opens.append(ms)
        close(panel)
    report["open_new_panel"] = median(opens)
    panel, _ = open_panel()
    series = chart_series(panel.document.contents)
    chart = panel.chart
    viewport = chart.plot_widget.viewport()
    plot = chart.plot_widget.getPlotItem()
    low, high = plot.viewRange()[0]

    def pan() -> None:
        # What a drag or a wheel step does: a new time range, then the repaint.
        shift = (high - low) * 0.01
        plot.setXRange(low + shift, high + shift, padding=0)
        viewport.repaint()

    def change() -> None:
        chart.set_series(series)
        viewport.repaint()

    report["redraw"] = median([t * 1000 for t in repeat(viewport.repaint, reps * 3)])
    report["pan_redraw"] = median([t * 1000 for t in repeat(pan, reps * 3)])
    report["data_change_redraw"] = median([t * 1000 for t in repeat(change, reps * 3)])
    report["redraw_cpu"] = median([t * 1000 for t in repeat(viewport.repaint, reps * 3, time.thread_time)])
    report["pan_redraw_cpu"] = median([t * 1000 for t in repeat(pan, reps * 3, time.thread_time)])
    report["chart_series"] = median([t * 1000 for t in repeat(lambda: chart_series(panel.document.contents), reps)])
    report["read_file"] = median([t * 1000 for t in repeat(lambda: panel.document.open(), reps)])
    close(panel)
    report["load_average_after"] = load_average()
    os.environ["BACKPOINTS_HOME"] = str(home)
    return report


def print_diary(dy: dict[str, float]) -> None:
    """The diary lines of the benchmark table."""
    print(f"diary           load average {dy['load_average_before']:.1f} before, {dy['load_average_after']:.1f} after "
          "(wall-clock times grow with it)")
    print(f"diary           {dy['entries']:.0f} entries; app start-up {dy['startup_s']:.3f} s, pyqtgraph loaded at first "
          f"paint: {'YES' if dy['pyqtgraph_at_first_paint'] else 'no'}")
    print(f"diary preload   ready {dy['preload_ready_after_paint_s']:.2f} s after first paint; longest event-loop block "
          f"{dy['preload_longest_block']:.0f} ms (GUI thread: import {dy['preload_gui_thread']:.0f} ms, making the chart "
          f"{dy['preload_chart_make']:.0f} ms, drawing it off screen {dy['preload_chart_warm']:.0f} ms, "
          f"then the page {dy['preload_page_warm']:.0f} ms)")
    print(f"diary open      after preload {dy['open_after_preload']:.0f} ms (target < 200; GUI-thread CPU "
          f"{dy['open_after_preload_cpu']:.0f} ms)   again {dy['reopen']:.0f} ms"
          f"   at first paint: table {dy['open_early_to_table']:.0f} ms, chart {dy['open_early_to_chart']:.0f} ms")
    print(f"diary in process: a new panel with pyqtgraph loaded {dy['open_new_panel']:.0f} ms")
    print(f"diary redraw    {dy['redraw']:.1f} ms   pan {dy['pan_redraw']:.1f} ms (target < 16; CPU {dy['redraw_cpu']:.1f}"
          f" and {dy['pan_redraw_cpu']:.1f} ms)   "
          f"data change {dy['data_change_redraw']:.1f} ms (series {dy['chart_series']:.1f} ms, file read {dy['read_file']:.1f} ms)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    args = parser.parse_args()
    from backpoints.datasets import load_or_bundled
    from backpoints.ui.app import create_application

    home = Path(tempfile.mkdtemp(prefix="bench-diary-"))
    os.environ["BACKPOINTS_HOME"] = str(home)
    app = create_application()
    dataset, _ = load_or_bundled(None)
    report = bench_diary(app, home, dataset, 3 if args.quick else 9)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_diary(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
