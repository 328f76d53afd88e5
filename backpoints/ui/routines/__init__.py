"""Routines in the window: the chooser, the route on the map, the guided-session runner.

The names load on first use (PEP 562), so building the window's Routines tab does not
import the routine parser, PyYAML or the runner before the tab is first opened.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "RoutineChooser": ".chooser", "describe": ".chooser",
    "RoutineEditor": ".editor",
    "RouteLayer": ".overlay", "RouteOverlay": ".overlay",
    "Pass": ".runner", "RoutineRunner": ".runner", "Summary": ".runner", "passes_of": ".runner",
    "RunnerWidget": ".runner_widget",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_WHERE[name], __name__), name)
