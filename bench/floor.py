"""The same-widgets floor: the widget kinds BackPoints shows at start-up, with no logic at all.

    python bench/floor.py                      # print "READY <peak RSS KiB>" once the figure's first paint is done
    python bench/floor.py --screenshot OUT.png # grab the window to a PNG and exit (the `screenshot` floor)

A QMainWindow with a tab widget holding a line edit and a 63-row list, a QGraphicsView
showing the back figure (the app's SVG), and a text browser; 1400x900, like the app.
The app cannot start faster than this script without drawing less, so bench/run.py
reports the app against it (and against a bare QMainWindow, the older yardstick).
"""

from __future__ import annotations

import os
import resource
import sys
from pathlib import Path

if not os.environ.get("QT_QPA_PLATFORM", "").strip():  # as bench/run.py: offscreen unless told
    os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtSvgWidgets import QGraphicsSvgItem
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsScene,
    QGraphicsView,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

FIGURE = Path(__file__).resolve().parent.parent / "assets" / "back.svg"


class FirstPaint(QObject):
    """Prints READY and the peak RSS once the watched widget's first paint is done."""

    def __init__(self) -> None:
        super().__init__()
        self.done = False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if not self.done and event.type() == QEvent.Type.Paint:
            self.done = True
            QTimer.singleShot(0, self.ready)  # once this paint is done
        return False

    def ready(self) -> None:
        print("READY", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)


def build() -> tuple[QMainWindow, QGraphicsView]:
    window = QMainWindow()
    window.setWindowTitle("floor")
    left = QWidget()
    column = QVBoxLayout(left)
    column.addWidget(QLineEdit())
    rows = QListWidget()
    rows.addItems([f"BL{i}  Pinyin  ·  Name of point {i}" for i in range(1, 64)])
    column.addWidget(rows)
    tabs = QTabWidget()
    tabs.addTab(left, "Points")
    tabs.addTab(QWidget(), "Sheet")
    view = QGraphicsView()
    scene = QGraphicsScene(view)  # owned by the view: an unowned scene is collected, leaving it empty
    scene.addItem(QGraphicsSvgItem(str(FIGURE)))
    view.setScene(scene)
    text = QTextBrowser()
    text.setPlainText("BL23 Shènshū\n\nLocation: at the level of the lower border of the spinous process of L2.")
    splitter = QSplitter()
    for widget in (tabs, view, text):
        splitter.addWidget(widget)
    splitter.setSizes([280, 740, 380])
    window.setCentralWidget(splitter)
    window.resize(1400, 900)
    return window, view


def main() -> int:
    app = QApplication(sys.argv[:1])
    window, view = build()
    if len(sys.argv) == 3 and sys.argv[1] == "--screenshot":
        window.show()
        app.processEvents()
        image = window.grab()
        ok = image.save(sys.argv[2], "PNG")
        window.close()
        return 0 if ok else 1
    watch = FirstPaint()
    view.viewport().installEventFilter(watch)
    window.show()
    return int(app.exec())


if __name__ == "__main__":
    raise SystemExit(main())
