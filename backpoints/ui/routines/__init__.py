"""Routines in the window: the chooser, the route on the map, the guided-session runner."""

from .chooser import RoutineChooser, describe
from .editor import RoutineEditor
from .overlay import RouteLayer, RouteOverlay
from .runner import Pass, RoutineRunner, Summary, passes_of
from .runner_widget import RunnerWidget

__all__ = [
    "Pass",
    "RouteLayer",
    "RouteOverlay",
    "RoutineChooser",
    "RoutineEditor",
    "RoutineRunner",
    "RunnerWidget",
    "Summary",
    "describe",
    "passes_of",
]
