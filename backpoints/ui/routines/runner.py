"""RoutineRunner: the state of a guided session, driven by an injectable clock and timer.

A run is a list of passes: a step whose side is 'both' becomes two passes, left then
right. Timed passes count down and move on by themselves; counted passes (needling
steps, "x1 each side") wait for skip(). Nothing here draws; RunnerWidget shows it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable, Protocol

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from ...core.routines import ASHI, Routine, Step

TICK_MS = 200


class TickSource(Protocol):
    """What the runner needs from a timer: a timeout signal, start and stop (QTimer has them)."""

    @property
    def timeout(self) -> object: ...

    def start(self, msec: int) -> None: ...

    def stop(self) -> None: ...


@dataclass(frozen=True, slots=True)
class Pass:
    """One thing to do: a step on one side."""

    step: int
    side: str


@dataclass(frozen=True, slots=True)
class Summary:
    """What a finished run did."""

    passes_done: int
    passes_skipped: int
    seconds_pressed: float


def passes_of(routine: Routine) -> tuple[Pass, ...]:
    """Every pass of a routine in order: both sides run left then right."""
    return tuple(Pass(i, side) for i, step in enumerate(routine.steps) for side in step.passes)


class RoutineRunner(QObject):
    """Current step, side, remaining time, paused and finished, with signals for views."""

    #: (step index, side) whenever the current pass changes, including at start.
    step_changed = Signal(int, str)
    #: Whole seconds left in the current timed pass (rounded up), on every tick.
    tick = Signal(int)
    paused_changed = Signal(bool)
    #: A timed pass ran out (the widget may sound a tone).
    step_ended = Signal()
    #: The point of the current step, so a map can zoom on it ('' for an ashi point).
    point_focused = Signal(str)
    finished = Signal()

    def __init__(
        self,
        routine: Routine,
        parent: QObject | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        timer: TickSource | None = None,
    ) -> None:
        super().__init__(parent)
        self.routine = routine
        self.passes = passes_of(routine)
        self._clock = clock
        if timer is None:
            qtimer = QTimer(self)
            qtimer.setInterval(TICK_MS)
            timer = qtimer
        self._timer = timer
        self._timer.timeout.connect(self._on_tick)  # type: ignore[attr-defined]
        self.index = -1
        self.paused = False
        self.finished_run = False
        self._ends_at = 0.0
        self._remaining = 0.0
        self._done: set[int] = set()
        self._skipped: set[int] = set()
        self._pressed = 0.0
        self._pass_started = 0.0

    # --- state -------------------------------------------------------------------------
    @property
    def started(self) -> bool:
        return self.index >= 0

    @property
    def current(self) -> Pass | None:
        return self.passes[self.index] if 0 <= self.index < len(self.passes) else None

    @property
    def step(self) -> Step | None:
        current = self.current
        return self.routine.steps[current.step] if current is not None else None

    @property
    def side(self) -> str:
        current = self.current
        return current.side if current is not None else ""

    def remaining(self) -> float:
        """Seconds left in the current timed pass (0 for counted passes)."""
        step = self.step
        if step is None or not step.timed:
            return 0.0
        if self.paused or self.finished_run:
            return self._remaining
        return max(0.0, self._ends_at - self._clock())

    def remaining_whole(self) -> int:
        """Seconds left, rounded up, as a countdown shows them."""
        left = self.remaining()
        whole = int(left)
        return whole + 1 if left - whole > 1e-9 else whole

    def summary(self) -> Summary:
        return Summary(len(self._done), len(self._skipped - self._done), self._pressed)

    # --- actions -----------------------------------------------------------------------
    @Slot()
    def start(self) -> None:
        """Start (or restart) the run at the first pass."""
        self._done.clear()
        self._skipped.clear()
        self._pressed = 0.0
        self.finished_run = False
        self._set_paused(False)
        self._enter(0)

    @Slot()
    def toggle_pause(self) -> None:
        """Pause a running pass, resume a paused one; starts the run if it has not started."""
        if not self.started or self.finished_run:
            self.start()
        elif self.paused:
            self.resume()
        else:
            self.pause()

    @Slot()
    def pause(self) -> None:
        if self.paused or not self.started or self.finished_run:
            return
        self._remaining = self.remaining()
        self._account()
        self._timer.stop()
        self._set_paused(True)

    @Slot()
    def resume(self) -> None:
        if not self.paused:
            return
        self._ends_at = self._clock() + self._remaining
        self._pass_started = self._clock()
        self._set_paused(False)
        if self.step is not None and self.step.timed:
            self._timer.start(TICK_MS)
        self.tick.emit(self.remaining_whole())

    @Slot()
    def skip(self) -> None:
        """Move to the next pass (marks a counted pass done; a timed one cut short as skipped)."""
        if not self.started or self.finished_run:
            return
        step = self.step
        if step is not None and not step.timed:
            self._done.add(self.index)
        else:
            self._skipped.add(self.index)
        self._advance()

    @Slot()
    def back(self) -> None:
        """Go back one pass (or restart the first one), its time full again."""
        if not self.started:
            return
        if self.finished_run:
            self.finished_run = False
            self._enter(len(self.passes) - 1)
            return
        self._enter(max(0, self.index - 1))

    @Slot()
    def stop(self) -> None:
        """Stop the timer (the widget closes or the routine changes)."""
        self._timer.stop()

    # --- internals ---------------------------------------------------------------------
    def _set_paused(self, paused: bool) -> None:
        if paused != self.paused:
            self.paused = paused
            self.paused_changed.emit(paused)

    def _account(self) -> None:
        """Add the time pressed in the current pass since it started or resumed."""
        step = self.step
        if step is not None and step.timed and not self.paused:
            self._pressed += max(0.0, min(self._clock(), self._ends_at) - self._pass_started)

    def _enter(self, index: int) -> None:
        if self.started and not self.paused and not self.finished_run:
            self._account()
        self.index = index
        step = self.routine.steps[self.passes[index].step]
        self._remaining = float(step.seconds)
        self._ends_at = self._clock() + step.seconds
        self._pass_started = self._clock()
        if step.timed and not self.paused:
            self._timer.start(TICK_MS)
        else:
            self._timer.stop()
        self.step_changed.emit(self.passes[index].step, self.passes[index].side)
        self.point_focused.emit("" if step.point == ASHI else step.point)
        self.tick.emit(self.remaining_whole())

    def _advance(self) -> None:
        if self.index + 1 < len(self.passes):
            self._enter(self.index + 1)
        else:
            self._finish()

    def _finish(self) -> None:
        if not self.paused:
            self._account()
        self._timer.stop()
        self._remaining = 0.0
        self.finished_run = True
        self._set_paused(False)
        self.finished.emit()

    @Slot()
    def _on_tick(self) -> None:
        if self.paused or self.finished_run or not self.started:
            return
        left = self.remaining()
        self.tick.emit(self.remaining_whole())
        if left <= 0:
            self._done.add(self.index)
            self.step_ended.emit()
            self._advance()
