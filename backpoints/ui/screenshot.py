"""Offscreen screenshots of the main window (the `screenshot` command, docs and tests)."""

from __future__ import annotations

import sys
from pathlib import Path

from ..core.model import Dataset


def take_screenshot(dataset: Dataset, output: str, size: tuple[int, int], view: str | None = None,
                    select: str | None = None, landmarks: bool = False, grid: bool = False) -> int:
    """Render the main window offscreen to a PNG; returns a process exit code."""
    from .app import create_application, ensure_platform

    ensure_platform(offscreen=True)
    app = create_application()
    from .main_window import MainWindow

    from .bodymap.zoom import ZoomAnimator

    ZoomAnimator.animate = False  # one frame: the camera goes straight to the point
    window = MainWindow(dataset, None)
    window.resize(*size)
    window.show()
    app.processEvents()
    if view:
        window.state.set_view(view)
    if landmarks:
        window.map.landmarks_on.update({"body": True, "close-up": True})
    window.map.set_grid(grid)
    app.processEvents()
    window.map.fit()
    if select:
        # As in the app: the point's best view (or --view, if it draws the point), zoomed and centred.
        window.state.select(select, reveal=True)
        if view and view != window.map.current_view:
            window.state.set_view(view)
            window.map.frame_point(select, animate=False)
    app.processEvents()
    image = window.grab()
    target = Path(output)
    if not image.save(str(target), "PNG"):
        print(f"{target}: cannot write the PNG (check the folder exists and is writable)", file=sys.stderr)
        return 1
    print(f"{target}: {image.width()}x{image.height()} screenshot", file=sys.stderr)
    window.close()
    return 0
