"""Run start-up work once the window's first frame is painted, not before it."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _AfterPaint(QObject):
    """Calls back (once) from the event loop after `watched` is first painted.

    Its timers are its children, so nothing fires once the watched widget (its parent)
    is gone."""

    def __init__(self, watched: QWidget, window: QWidget, callback: Callable[[], object], latest_ms: int) -> None:
        super().__init__(watched)
        self._watched = watched
        self._window = window
        self._callback: Callable[[], object] | None = callback
        self._soon = self._timer(0, self.run)  # started by the first paint
        self._timer(0, self._unless_shown).start()
        self._timer(latest_ms, self.run).start()
        watched.installEventFilter(self)

    def _timer(self, ms: int, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(ms)
        timer.timeout.connect(slot)
        return timer

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if obj is self._watched and event.type() == QEvent.Type.Paint and self._callback is not None:
            self._soon.start()  # after this paint has reached the screen
        return False

    def _unless_shown(self) -> None:
        if not self._window.isVisible():
            self.run()

    def run(self) -> None:
        callback, self._callback = self._callback, None
        if callback is None:
            return
        self._watched.removeEventFilter(self)
        callback()
        self.deleteLater()


def after_first_paint(watched: QWidget, window: QWidget, callback: Callable[[], object], latest_ms: int = 3000) -> None:
    """Call `callback` once `watched` has painted its first frame (issue 20: restoring the kept
    sheet before it made a returning user wait). A window that is not shown when the event
    loop next runs (tests, scripts) gets the call then, as before; one that never paints
    (minimised at start) gets it after `latest_ms`."""
    _AfterPaint(watched, window, callback, latest_ms)
