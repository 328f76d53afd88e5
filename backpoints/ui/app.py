"""Application set-up, the GUI entry point and offscreen screenshots."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType

from ..core.model import Dataset
from ..core.files import DataError

log = logging.getLogger(__name__)

ORGANISATION = "BackPoints"
APPLICATION = "BackPoints"


def ensure_platform(offscreen: bool = False) -> None:
    """Pick the offscreen platform when asked or when there is no display at all."""
    current = os.environ.get("QT_QPA_PLATFORM", "")
    if current.strip():
        return
    # An empty QT_QPA_PLATFORM makes Qt abort, so it is set rather than left blank.
    if offscreen or not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or sys.platform in ("win32", "darwin")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    elif "QT_QPA_PLATFORM" in os.environ:
        del os.environ["QT_QPA_PLATFORM"]


def create_application(argv: list[str] | None = None):  # type: ignore[no-untyped-def]
    """The QApplication, created once, with names, fonts and message routing set."""
    from PySide6.QtWidgets import QApplication

    from ..logs import route_qt_messages
    from .fonts import load_fonts

    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else [sys.argv[0]])
        route_qt_messages()
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("BackPoints")
    load_fonts()
    return app


def open_settings():  # type: ignore[no-untyped-def]
    """QSettings in an INI file; a corrupt file is set aside and defaults are used."""
    from PySide6.QtCore import QSettings

    from .. import paths

    path = paths.settings_file()
    settings = QSettings(str(path), QSettings.Format.IniFormat)
    if settings.status() != QSettings.Status.NoError:
        log.warning("settings file %s is unreadable (%s); starting with defaults", path, settings.status().name)
        try:
            path.replace(path.with_suffix(".ini.corrupt"))
        except OSError as exc:
            log.warning("could not set the corrupt settings file aside: %s", exc)
        settings = QSettings(str(path), QSettings.Format.IniFormat)
    return settings


def load_for_gui(data: str | None) -> tuple[Dataset, DataError | None]:
    """The requested dataset (through its JSON copy when unchanged), or the bundled one
    plus the error that prevented it."""
    from .. import paths
    from ..core.cache import load_dataset_cached
    from ..resources import default_dataset_path

    def load(name: str | None) -> Dataset:
        return load_dataset_cached(name or str(default_dataset_path()), paths.cache_dir())

    try:
        return load(data), None
    except DataError as exc:
        if data is None:
            raise
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return load(None), exc


def install_exception_hook() -> None:
    """Unexpected errors: logged with their traceback and shown in a dialog; the app goes on."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        details = "".join(traceback.format_exception(kind, value, tb))
        log.error("unexpected error\n%s", details)
        show_error_dialog(f"{kind.__name__}: {value}", details)

    sys.excepthook = hook


def show_error_dialog(summary: str, details: str) -> None:
    """A non-modal dialog with the error and its copyable details."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QMessageBox

    from .. import paths

    if QApplication.instance() is None:
        return
    box = QMessageBox(QMessageBox.Icon.Critical, "BackPoints: unexpected error", "Something went wrong. Your work is kept; you can carry on.")
    box.setInformativeText(f"{summary}\n\nThe details are in the log: {paths.log_dir() / 'backpoints.log'}")
    box.setDetailedText(details)
    box.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    box.setObjectName("unexpected-error")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    _open_dialogs.append(box)  # keep a reference: an unowned dialog would be collected at once


_open_dialogs: list[object] = []


def run_gui(data: str | None) -> int:
    """Open the main window and run until it closes."""
    ensure_platform()
    app = create_application()
    install_exception_hook()
    from .main_window import MainWindow

    dataset, error = load_for_gui(data)
    window = MainWindow(dataset, open_settings())
    window.restore_state()
    window.show()
    if error is not None:
        window._show_data_error(f"The dataset {data} could not be opened; showing the bundled points", error)
    return int(app.exec())


def parse_size(text: str) -> tuple[int, int] | None:
    """'1400x900' -> (1400, 900), or None when it is not a sensible size."""
    parts = text.lower().split("x")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        return None
    width, height = int(parts[0]), int(parts[1])
    if not (320 <= width <= 8000 and 240 <= height <= 8000):
        return None
    return width, height


def screenshot(args: argparse.Namespace, data: str | None, parser: argparse.ArgumentParser) -> int:
    """`backpoints screenshot`: render the main window offscreen to a PNG."""
    size = parse_size(args.size)
    if size is None:
        parser.error(f"--size: expected WIDTHxHEIGHT such as 1400x900 (320..8000 by 240..8000), not {args.size!r}")
    from ..cli import load

    try:
        dataset = load(data)
    except DataError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    if args.select and dataset.point(args.select) is None:
        parser.error(f"--select: no point with code {args.select!r} in the dataset")
    ensure_platform(offscreen=True)
    app = create_application()
    from .main_window import MainWindow

    window = MainWindow(dataset, None)
    window.resize(*size)
    window.show()
    if args.view:
        window.map.show_view(args.view)
    if args.select:
        window.select_point(args.select)
        point = dataset.point(args.select)
        if point is not None and not args.view:
            window.map.select_point(args.select, reveal=True)
    app.processEvents()
    window.map.fit()
    app.processEvents()
    image = window.grab()
    output = Path(args.output)
    if not image.save(str(output), "PNG"):
        print(f"{output}: cannot write the PNG (check the folder exists and is writable)", file=sys.stderr)
        return 1
    print(f"{output}: {image.width()}x{image.height()} screenshot", file=sys.stderr)
    window.close()
    return 0
