"""Load the chart's libraries (numpy, pyqtgraph) in a worker thread after the window's first paint.

Importing pyqtgraph and numpy takes a third to half a second (most of it pyqtgraph.Qt
copying every PySide6 class into its own namespace). Paid when the Diary page opens,
it makes opening the diary slow; paid at start-up, it makes every start slow.
ChartPreloader waits for the first paint of a widget the window names (so start-up
never pays), then a little longer, then imports both in a worker thread while the
event loop keeps running.

Why a thread is safe here (checked against pyqtgraph 0.14): importing pyqtgraph
creates no QObject and touches no QApplication; at module level it builds only value
types (QPainterPath, QTransform), which are reentrant, and it connects its clean-up
to the application later, from GraphicsView.__init__ on the GUI thread. Every chart
object is still made on the GUI thread (DiaryChart). If the worker has not finished
when the diary opens, the GUI thread's import simply waits for it (the import lock);
if it failed, the GUI thread's import raises again where it is handled.

If the user opens the diary before this has finished, the page opens anyway: the
table and summary show at once and the chart follows (see DiaryPanel).
"""

from __future__ import annotations

import importlib
import logging
import sys
import threading
import time

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot

from ..idle import when_quiet

log = logging.getLogger(__name__)

#: After the first paint, wait this long before starting: the window settles, the user
#: sees it, and the first clicks and keys are served before anything else.
IDLE_DELAY_MS = 1500
#: The import competes with the GUI thread for the interpreter for about half a second, so it
#: waits for a longer pause than other background work: someone who has left keyboard and
#: mouse alone for two seconds is reading, not typing.
QUIET_MS = 2000
#: The interpreter's thread switch interval while the worker imports (Python's default: 5 ms).
SWITCH_INTERVAL_S = 0.0005
#: How often the GUI thread looks whether the worker has finished (it never waits for it).
POLL_MS = 40


def chart_loaded() -> bool:
    """Whether pyqtgraph is already imported (opening the chart then costs no import)."""
    return "pyqtgraph" in sys.modules


class ChartPreloader(QObject):
    """Imports the chart's libraries once, after `watched` is first painted (None: it has
    been), without blocking start-up."""

    #: The libraries are loaded (also emitted when they already were).
    finished = Signal()

    def __init__(self, watched: QObject | None, parent: QObject | None = None, *, delay_ms: int = IDLE_DELAY_MS) -> None:
        super().__init__(parent)
        self.delay_ms = delay_ms
        self.done = chart_loaded()
        #: Milliseconds the GUI thread spent on the final import (about 0 when the worker succeeded).
        self.gui_thread_ms = 0.0
        self._worker: threading.Thread | None = None
        self._switch_interval: float | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._check_worker)
        self._watched: QObject | None = watched
        if watched is None:  # already painted (the Diary page is made after the first paint)
            when_quiet(self, self.start, self.delay_ms, QUIET_MS)
        else:
            watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._watched and event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            self._watched = None
            # Later, not now: the paint in progress finishes and shows first, and the import
            # (a worker thread, but one that competes for the interpreter) waits until the
            # user stops typing or clicking.
            when_quiet(self, self.start, self.delay_ms, QUIET_MS)
        return False

    @Slot()
    def start(self) -> None:
        """Start loading now (the diary may call this when it is opened early)."""
        if self.done or self._worker is not None:
            return
        if chart_loaded():
            self._finish()
            return
        self._worker = threading.Thread(target=_import_quietly, args=(("numpy", "pyqtgraph"),),
                                        name="backpoints-preload", daemon=True)
        # While the worker imports, the GUI thread must not wait long for the interpreter
        # lock: every call from Qt into Python (a paint, a model's rowCount) asks for it, and
        # at the default 5 ms a keystroke in that half second took 60-100 ms instead of 10.
        self._switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(min(self._switch_interval, SWITCH_INTERVAL_S))
        self._worker.start()
        self._poll.start()

    @Slot()
    def _check_worker(self) -> None:
        if self._worker is not None and self._worker.is_alive():
            return
        self._poll.stop()
        if self._switch_interval is not None:
            sys.setswitchinterval(self._switch_interval)
            self._switch_interval = None
        start = time.perf_counter()
        try:
            # A no-op when the worker succeeded; otherwise the error shows here, on the GUI thread.
            importlib.import_module("pyqtgraph")
        except ImportError:
            # Opening the diary imports it again and says what is missing; nothing to do here.
            log.warning("the chart library could not be preloaded", exc_info=True)
        self.gui_thread_ms = (time.perf_counter() - start) * 1000
        self._finish()

    def _finish(self) -> None:
        self.done = True
        self.finished.emit()


def _import_quietly(names: tuple[str, ...]) -> None:
    """Import modules in the worker; a failure is left for the GUI thread's import to report."""
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - the GUI thread's import raises it again, where it is handled
            return
