"""Run start-up work once the window's first frame is painted, not before it."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _AfterPaint(QObject):
    """Calls back (once) from the event loop after `watched` is first painted."""

    def __init__(self, watched: QWidget, callback: Callable[[], object]) -> None:
        super().__init__(watched)
        self._watched = watched
        self._callback: Callable[[], object] | None = callback
        watched.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if obj is self._watched and event.type() == QEvent.Type.Paint and self._callback is not None:
            QTimer.singleShot(0, self.run)  # after this paint has reached the screen
        return False

    def run(self) -> None:
        callback, self._callback = self._callback, None
        if callback is None:
            return
        self._watched.removeEventFilter(self)
        callback()
        self.deleteLater()


def after_first_paint(watched: QWidget, window: QWidget, callback: Callable[[], object]) -> None:
    """Call `callback` once `watched` has painted its first frame (issue 20: restoring the kept
    sheet before it made a returning user wait). A window that is not shown when the event
    loop next runs (tests, scripts) gets the call then, as before."""
    waiter = _AfterPaint(watched, callback)

    def unless_shown() -> None:
        if not window.isVisible():
            waiter.run()

    QTimer.singleShot(0, unless_shown)
