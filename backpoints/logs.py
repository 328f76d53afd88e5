"""Logging set up once in main(): stderr plus a file rotated at start-up; Qt's messages routed in."""

from __future__ import annotations

import errno
import logging
import os
import re
import stat
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
        _create_private(path)  # exists from the start: the error dialog names it
        handler = _QuietFileHandler(path, encoding="utf-8")
        handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    except OSError as exc:
        root.warning("cannot write the log file: %s", exc)
        path = None
    return path


class _QuietFileHandler(logging.FileHandler):
    """A log file that, when it cannot be written (a full disk), says so once on stderr and
    stops, instead of printing a "--- Logging error ---" traceback for every record."""

    def handleError(self, record: logging.LogRecord) -> None:
        root = logging.getLogger("backpoints")
        root.removeHandler(self)
        try:
            self.close()
        except OSError:
            pass
        root.warning("the log file %s cannot be written any more; logging to it stopped", self.baseFilename)


def _create_private(path: Path) -> None:
    """Create the log file readable by its owner only (it may name files of patients'
    sheets), and take group and others' permissions off an existing one."""
    # Non-blocking and no links: a FIFO or a link put in the log's place must not hang start-up
    # or send the log elsewhere; it is refused (OSError) and the app runs without a log file.
    flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, 0o600)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "the log is not a regular file", str(path))
        os.fchmod(fd, 0o600)
    finally:
        os.close(fd)


def log_file() -> Path | None:
    """The log file, created if needed (for the error dialog to name), or None if it cannot be."""
    try:
        path = paths.ensure(paths.log_dir()) / "backpoints.log"
        _create_private(path)
    except OSError:
        return None
    return path


# What the log file must not keep: values quoted from files (a title, a name, a code the
# user typed) and the paths of the user's documents (sheets are often named, or filed in
# folders named, after the person they are for). Python source paths in tracebacks and
# the app's own settings and cache paths stay: they are needed to debug.
_QUOTED = re.compile(r"""(?P<q>['"])(?P<v>[^'"\n]{1,300})(?P=q)""")
_DOCUMENT = r"\.(?:bpsheet\.yaml|ya?ml|pdf)\b"  # sheets, datasets, exports (not our .ini or cache)
_USER_FILE = re.compile(r"(?:~|/|[A-Za-z]:[\\/])[^\n'\":]*?" + _DOCUMENT + r"|[^\s/\\'\":]+" + _DOCUMENT)


def redact(text: str) -> str:
    """A log line without quoted values or the names of the user's files."""

    def quoted(match: re.Match[str]) -> str:
        value = match.group("v")
        if value.endswith(".py") or value.startswith("<"):  # File "/…/module.py", <stdin>
            return match.group(0)
        return f"{match.group('q')}…{match.group('q')}"

    text = _QUOTED.sub(quoted, text)
    return _USER_FILE.sub("<file>", text)


class RedactingFormatter(logging.Formatter):
    """Formats a record (and its traceback), then removes what could name a patient."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


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
