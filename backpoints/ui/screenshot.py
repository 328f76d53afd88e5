"""Offscreen screenshots of the main window (the `screenshot` command, docs and tests)."""

from __future__ import annotations

import sys
from pathlib import Path

from typing import TYPE_CHECKING

from ..core.model import Dataset

if TYPE_CHECKING:
    from .main_window import MainWindow


def take_screenshot(dataset: Dataset, output: str, size: tuple[int, int], view: str | None = None,
                    select: str | None = None, landmarks: bool = False, grid: bool = False) -> int:
    """Render the main window offscreen to a PNG; returns a process exit code."""
    from .app import create_application, ensure_platform

    ensure_platform(offscreen=True)
    app = create_application()
    window = prepare_window(dataset, size, view, select, landmarks, grid)
    app.processEvents()
    image = window.grab()
    target = Path(output)
    if not image.save(str(target), "PNG"):
        print(f"{target}: cannot write the PNG (check the folder exists and is writable)", file=sys.stderr)
        return 1
    print(f"{target}: {image.width()}x{image.height()} screenshot", file=sys.stderr)
    window.close()
    return 0


def prepare_window(dataset: Dataset, size: tuple[int, int], view: str | None = None, select: str | None = None,
                   landmarks: bool = False, grid: bool = False) -> "MainWindow":
    """The main window, shown at a size, on a view, with a point selected and framed as the app does."""
    from PySide6.QtWidgets import QApplication

    from .main_window import MainWindow

    window = MainWindow(dataset, None)
    window.map.zoom.animate = False  # one frame: the camera goes straight to the point
    window.resize(*size)
    window.show()
    QApplication.processEvents()
    if view:
        window.state.set_view(view)
    if landmarks:
        window.map.landmarks_on.update({"body": True, "close-up": True})
    window.map.set_grid(grid)
    QApplication.processEvents()
    window.map.fit()
    if select:
        # As in the app: the point's best view (or --view, if it draws the point), zoomed and centred.
        window.state.select(select, reveal=True)
        if view and view != window.map.current_view:
            window.state.set_view(view)
            window.map.frame_point(select, animate=False)
    QApplication.processEvents()
    return window
