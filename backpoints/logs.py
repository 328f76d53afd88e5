"""Logging set up once in main(): stderr plus a file rotated at start-up; Qt's messages routed in."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from . import paths

_configured = False


def configure(level: int = logging.INFO, *, log_file: bool = True) -> Path | None:
    """Send log records to stderr and (with log_file) to paths.log_file(), in the app's
    own private data folder.

    The data commands pass log_file=False: `list` and `validate` only read, and print
    their problems.
    """
    global _configured
    if _configured:
        return None
    _configured = True
    root = logging.getLogger("backpoints")
    root.setLevel(level)
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    stream = logging.StreamHandler()
    stream.setLevel(logging.WARNING)
    stream.setFormatter(formatter)
    root.addHandler(stream)
    if not log_file:
        return None
    path: Path | None = None
    try:
        paths.ensure_private(paths.log_dir())
        path = paths.log_file()
        _rotate(path)
        handler = logging.FileHandler(path, encoding="utf-8", delay=True)
        handler.setFormatter(formatter)
        root.addHandler(handler)
    except OSError as exc:
        root.warning("cannot write the log file: %s", exc)
        path = None
    return path


MAX_LOG_BYTES = 512_000
KEEP_LOGS = 3


def _rotate(log_file: Path) -> None:
    """Rotate at start-up (backpoints.log -> .1 -> .2 ...) once the log passes MAX_LOG_BYTES.

    logging.handlers.RotatingFileHandler would do it per record, but importing that
    module costs more start-up time than the whole dataset takes to load.
    """
    try:
        if log_file.stat().st_size < MAX_LOG_BYTES:
            return
    except OSError:
        return
    for n in range(KEEP_LOGS - 1, 0, -1):
        older = log_file.with_name(f"{log_file.name}.{n}")
        if older.exists():
            os.replace(older, log_file.with_name(f"{log_file.name}.{n + 1}"))
    os.replace(log_file, log_file.with_name(f"{log_file.name}.1"))


def route_qt_messages() -> None:
    """Qt's own warnings go to the 'backpoints.qt' logger."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    qt_log = logging.getLogger("backpoints.qt")
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def handler(kind: QtMsgType, context: object, message: str) -> None:
        qt_log.log(levels.get(kind, logging.WARNING), "%s", message)

    qInstallMessageHandler(handler)
