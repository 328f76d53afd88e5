"""Background work that gives way to the user: it runs once keyboard and mouse have been
left alone for a moment.

Warming things up after start-up (loading the chart library, making the diary's chart,
laying out the hidden Diary page once) takes 20-80 ms a step. Run on fixed timers, those
steps landed in the middle of someone's typing: at 10,000 points a keystroke that should
take 8 ms took 30-100 ms whenever one of them fell between two keys. `when_quiet` waits
instead until no key, click, scroll or pointer move has come for `quiet_ms`.

The input clock watches the application's top-level windows (QWindow), where every key
and pointer event arrives from the system before Qt hands it to a widget: a few events
a keystroke, where a filter on the whole application would see every paint and timer of
every widget (measured: 2-3 ms more per keystroke). It is installed only while some work
is waiting (a few seconds after start-up), so it costs nothing the rest of the time.
"""

from __future__ import annotations

import time
from typing import Callable

import shiboken6

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QGuiApplication

#: How long the user must have left keyboard and mouse alone before background work runs.
QUIET_MS = 700

_INPUT = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride,
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove, QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
})


class _InputClock(QObject):
    """When the user last typed, clicked, scrolled or moved the pointer (monotonic seconds)."""

    def __init__(self) -> None:
        super().__init__()
        self.last = 0.0
        self.waiting = 0

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in _INPUT:
            self.last = time.monotonic()
        return False

    def watch(self) -> None:
        """Watch every top-level window there is now (installing twice is harmless)."""
        for window in QGuiApplication.topLevelWindows():
            window.installEventFilter(self)

    def hold(self) -> None:
        self.waiting += 1
        self.watch()

    def release(self) -> None:
        self.waiting -= 1
        if self.waiting == 0:
            for window in QGuiApplication.topLevelWindows():
                window.removeEventFilter(self)


_clock: _InputClock | None = None


def _input_clock() -> _InputClock:
    global _clock
    if _clock is None:
        _clock = _InputClock()
    return _clock


class _QuietCall(QObject):
    """One call waiting for a quiet moment; a child of its owner, so it dies with it."""

    def __init__(self, owner: QObject, callback: Callable[[], object], delay_ms: int, quiet_ms: int) -> None:
        super().__init__(owner)
        self._callback: Callable[[], object] | None = callback
        self._quiet = quiet_ms / 1000
        self._asked = time.monotonic()  # the quiet counts from here at the earliest
        self._clock = clock = _input_clock()
        clock.hold()
        held = [True]

        def let_go(*_: object) -> None:
            # Once, whether the call ran or its owner went first (then `self` is gone too,
            # so this closes over the clock, not over self).
            if held[0]:
                held[0] = False
                if shiboken6.isValid(clock):  # at exit the clock may be gone first
                    clock.release()

        self._let_go = let_go
        self.destroyed.connect(let_go)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._check)
        self._timer.start(delay_ms)

    def _check(self) -> None:
        self._clock.watch()  # windows shown since
        since = time.monotonic() - max(self._clock.last, self._asked)
        if since < self._quiet:
            self._timer.start(max(1, round((self._quiet - since) * 1000)))
            return
        callback, self._callback = self._callback, None
        self._let_go()
        self.deleteLater()
        if callback is not None:
            callback()


def when_quiet(owner: QObject, callback: Callable[[], object], delay_ms: int = 0,
               quiet_ms: int = QUIET_MS) -> None:
    """Call `callback` once, `delay_ms` from now or later: not until the user has left
    keyboard and mouse alone for `quiet_ms` (counted from now at the earliest, since a user
    who has not touched anything yet may be about to). Nothing is called if `owner` is
    deleted first."""
    _QuietCall(owner, callback, delay_ms, quiet_ms)
