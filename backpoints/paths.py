"""The one place that knows the user's folders; BACKPOINTS_HOME overrides them (tests)."""

from __future__ import annotations

import os
from pathlib import Path


def _override() -> Path | None:
    home = os.environ.get("BACKPOINTS_HOME", "").strip()
    return Path(home) if home else None


def _standard(kind: str) -> Path:
    from PySide6.QtCore import QStandardPaths

    location = {
        "config": QStandardPaths.StandardLocation.AppConfigLocation,
        "data": QStandardPaths.StandardLocation.AppDataLocation,
        "cache": QStandardPaths.StandardLocation.CacheLocation,
        "documents": QStandardPaths.StandardLocation.DocumentsLocation,
    }[kind]
    return Path(QStandardPaths.writableLocation(location))


def config_dir() -> Path:
    """Where settings live."""
    base = _override()
    return base / "config" if base else _standard("config")


def log_dir() -> Path:
    """Where the rotating log file lives."""
    base = _override()
    return base / "logs" if base else _standard("data") / "logs"


def cache_dir() -> Path:
    """Where copies that only save time live (the dataset's JSON copy)."""
    base = _override()
    return base / "cache" if base else _standard("cache")


def documents_dir() -> Path:
    """Where file dialogs start."""
    base = _override()
    return base / "documents" if base else _standard("documents")


def settings_file() -> Path:
    """The settings file (INI format, so a broken one can be detected and replaced)."""
    return config_dir() / "backpoints.ini"


def ensure(path: Path) -> Path:
    """Create a folder if needed and return it."""
    os.makedirs(path, exist_ok=True)
    return path


def diary_file() -> Path:
    """The treatment and pain diary (SQLite), in the user's data folder; the CLI and GUI share it."""
    base = _override()
    if base:
        return base / "data" / "diary.sqlite3"
    from PySide6.QtCore import QCoreApplication

    # The CLI has no application object; name it as the GUI does so both find the same file.
    if not QCoreApplication.organizationName():
        QCoreApplication.setOrganizationName("BackPoints")
    if QCoreApplication.applicationName() != "BackPoints":
        QCoreApplication.setApplicationName("BackPoints")
    return _standard("data") / "diary.sqlite3"


def data_dir() -> Path:
    """Where the user's own files live (routines and favourites)."""
    base = _override()
    return base / "data" if base else _standard("data")


def user_routines_file() -> Path:
    """The user's routines and starred points and routines."""
    return data_dir() / "routines.yaml"
