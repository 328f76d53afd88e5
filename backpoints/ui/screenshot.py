"""Offscreen screenshots of the main window (the `screenshot` command, docs and tests)."""

from __future__ import annotations

import sys
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
    window.close()
    # Through the project's one writer: a device node or FIFO is refused, a full disk is
    # an error, and a half-written PNG never replaces a good one.
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    from ..core.files import display_path, write_atomically

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        print(f"{display_path(output)}: the screenshot could not be encoded as PNG", file=sys.stderr)
        return 1
    buffer.close()
    try:
        write_atomically(output, bytes(data.data()))
    except OSError as exc:
        print(exc if str(exc).startswith(display_path(output)) else f"{display_path(output)}: {exc}", file=sys.stderr)
        return 1
    print(f"{display_path(output)}: {image.width()}x{image.height()} screenshot", file=sys.stderr)
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
