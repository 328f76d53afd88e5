"""Logging set up once in main(): stderr plus a rotating file; Qt's messages routed in."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from . import paths

_configured = False


def configure(level: int = logging.INFO) -> Path | None:
    """Send log records to stderr and to backpoints.log in the user's log folder."""
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
    log_file: Path | None = None
    try:
        folder = paths.ensure(paths.log_dir())
        log_file = folder / "backpoints.log"
        handler = logging.handlers.RotatingFileHandler(log_file, maxBytes=512_000, backupCount=3, encoding="utf-8")
        handler.setFormatter(formatter)
        root.addHandler(handler)
    except OSError as exc:
        root.warning("cannot write the log file: %s", exc)
        log_file = None
    return log_file


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
