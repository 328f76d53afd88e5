"""Routines in the window: the chooser, the guided-session runner and its widget."""

from .runner import Pass, RoutineRunner, Summary, passes_of
from .runner_widget import RunnerWidget

__all__ = ["Pass", "RoutineRunner", "RunnerWidget", "Summary", "passes_of"]
