"""Application set-up and the GUI entry point."""

from __future__ import annotations

import logging
import os
import sys
import traceback
from types import TracebackType
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

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


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, created once, with names, fonts and message routing set."""
    from PySide6.QtWidgets import QApplication

    from ..logs import route_qt_messages
    from ..printing.fonts import load_fonts

    existing = QApplication.instance()
    if existing is None:
        app = QApplication(argv if argv is not None else [sys.argv[0]])
        route_qt_messages()
    else:
        app = cast(QApplication, existing)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("BackPoints")
    from PySide6.QtGui import QIcon

    from ..resources import APP_ID, icon_file

    app.setWindowIcon(QIcon(str(icon_file())))
    app.setDesktopFileName(APP_ID)  # ties the window to its menu entry (Wayland)
    load_fonts()
    return app


def open_settings() -> QSettings:
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

    from ..logs import log_file

    if QApplication.instance() is None:
        return
    box = QMessageBox(QMessageBox.Icon.Critical, "BackPoints: unexpected error", "Something went wrong. Your work is kept; you can carry on.")
    log = log_file()
    where = f"The details are in the log: {log}" if log is not None else "The log file could not be written."
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText(f"{summary}\n\n{where}")
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
    from ..datasets import load_or_bundled, print_problems
    from .main_window import MainWindow
    from .messages import show_data_error

    dataset, error = load_or_bundled(data)
    window = MainWindow(dataset, open_settings())
    window.restore_state()
    window.show()
    import gc

    from .first_paint import after_first_paint

    def collector_back() -> None:
        # Paused by startup.prepare. What start-up made (Qt wrappers, the dataset) stays for
        # the session: frozen, so later full collections do not walk it again and again.
        gc.freeze()
        gc.enable()

    after_first_paint(window.map.viewport(), window, collector_back)
    if error is not None:
        print_problems(error)
        show_data_error(window, f"The dataset {data} could not be opened", error, "Showing the bundled points instead.")
    return int(app.exec())
