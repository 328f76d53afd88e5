"""When the chart's libraries load: never before the window's first paint, in idle time after
it, and an early click on the Diary shows the table first and the chart after.

Each case runs in a fresh process, the only way to see what a start-up imports.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

WINDOW = r"""
import json, sys, time
from PySide6.QtCore import QEvent, QObject
from backpoints.ui.app import create_application
from backpoints.datasets import load_or_bundled
app = create_application()
from backpoints.ui.main_window import MainWindow
from backpoints import paths
dataset, _ = load_or_bundled(None)
window = MainWindow(dataset, None)
window.resize(1300, 850)
seen = {}
class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and "first_paint" not in seen:
            seen["first_paint"] = {"pyqtgraph": "pyqtgraph" in sys.modules, "numpy": "numpy" in sys.modules}
        return False
watch = Watch()
window.map.viewport().installEventFilter(watch)
window.show()
while "first_paint" not in seen:
    app.processEvents()
panel = window.diary_panel
def wait(condition, what):
    start = time.monotonic()
    while not condition():
        app.processEvents()
        time.sleep(0.005)
        if time.monotonic() - start > 60:
            raise SystemExit("timed out waiting for " + what)
"""

PRELOAD = WINDOW + r"""
wait(lambda: panel.preloader is not None and panel.preloader.done and panel.chart is not None, "the preload")
seen["after_preload"] = {"pyqtgraph": "pyqtgraph" in sys.modules, "diary_file": paths.diary_file().exists(),
                         "document_open": panel.document.is_open}
window.pages.setCurrentWidget(panel)
app.processEvents()
seen["opened"] = {"rows": panel.model.rowCount(), "points": panel.chart.point_count}
print(json.dumps(seen))
"""

EARLY = WINDOW + r"""
table = {}
class TableWatch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not table:
            table.update(rows=panel.model.rowCount(), chart_made=panel.chart is not None,
                         placeholder=panel.chart_placeholder.text())
        return False
table_watch = TableWatch()
panel.table.viewport().installEventFilter(table_watch)
window.pages.setCurrentWidget(panel)  # at once, before the idle preload has begun
wait(lambda: bool(table), "the table's paint")
seen["table_painted"] = table
wait(lambda: panel.chart is not None and panel.chart.series is not None, "the chart")
seen["chart"] = {"points": panel.chart.point_count}
print(json.dumps(seen))
"""


def run_window(script: str, home: Path) -> dict[str, dict[str, object]]:
    env = dict(os.environ, BACKPOINTS_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=ROOT,
                            timeout=180)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def add_checkins(home: Path, count: int) -> None:
    from backpoints.cli import main

    diary = home / "data" / "diary.sqlite3"
    for day in range(1, count + 1):
        assert main(["diary", "--diary", str(diary), "checkin", "--pain", str(day % 10),
                     "--date", f"2026-10-{day:02d}"]) == 0


def test_start_up_does_not_load_the_chart_then_idle_time_does(tmp_path: Path) -> None:
    seen = run_window(PRELOAD, tmp_path)
    assert seen["first_paint"] == {"pyqtgraph": False, "numpy": False}
    # Loaded in idle time, and the chart widget made, without opening (or creating) the diary file.
    assert seen["after_preload"] == {"pyqtgraph": True, "diary_file": False, "document_open": False}
    assert seen["opened"] == {"rows": 0, "points": 0}


def test_an_early_click_on_the_diary_shows_the_table_then_the_chart(tmp_path: Path) -> None:
    add_checkins(tmp_path, 3)
    seen = run_window(EARLY, tmp_path)
    assert seen["first_paint"]["pyqtgraph"] is False
    assert seen["table_painted"] == {"rows": 3, "chart_made": False, "placeholder": "Loading the chart…"}
    assert seen["chart"] == {"points": 3}


RETURNING = WINDOW.replace("panel = window.diary_panel\n", "") + r"""
seen["modules"] = {name: name in sys.modules for name in ("yaml", "pyqtgraph", "PySide6.QtPrintSupport",
                                                            "backpoints.core.routines", "backpoints.ui.diary.panel",
                                                            "sqlite3")}
print(json.dumps(seen))
"""

IDLE_PAGE = WINDOW.replace("panel = window.diary_panel\n", "") + r"""
seen["page_at_first_paint"] = window._diary is not None
wait(lambda: window._diary is not None, "the Diary page, made in idle time")
seen["page"] = {"tab": window.pages.indexOf(window._diary), "current": window.pages.currentIndex(),
                "file_opened": window._diary.document.is_open}
window.pages.setCurrentIndex(1)
app.processEvents()
seen["shown"] = {"current": window.pages.currentWidget() is window._diary, "visible": window._diary.isVisible()}
print(json.dumps(seen))
"""


def test_a_returning_users_start_up_loads_no_parser_printing_or_chart(tmp_path: Path) -> None:
    """With the verified copy of the dataset warm, the first screen needs neither PyYAML (the
    routines and favourites read on first use), printing support nor the chart."""
    run_window(RETURNING, tmp_path)  # a new user: reads the YAML and writes the verified copy
    seen = run_window(RETURNING, tmp_path)
    assert seen["modules"] == {"yaml": False, "pyqtgraph": False, "PySide6.QtPrintSupport": False,
                               "backpoints.core.routines": False, "backpoints.ui.diary.panel": False,
                               "sqlite3": False}, seen


def test_the_diary_page_is_made_in_idle_time_after_the_first_paint(tmp_path: Path) -> None:
    """Not part of start-up (its modules and widgets were about 0.1 s of it), made once the
    window is up and idle, in the Diary tab's place, its file still unopened until shown."""
    seen = run_window(IDLE_PAGE, tmp_path)
    assert seen["page_at_first_paint"] is False
    assert seen["page"] == {"tab": 1, "current": 0, "file_opened": False}
    assert seen["shown"] == {"current": True, "visible": True}
