"""The one place that knows the user's folders.

On Linux and the BSDs the folders follow the XDG base directory specification, worked
out here in plain Python so that `list` and `validate` need no Qt:

    settings          $XDG_CONFIG_HOME/backpoints/backpoints.ini   (~/.config/...)
    private data      $XDG_DATA_HOME/backpoints/                   (~/.local/share/..., owner-only)
                        logs/backpoints.log, current-sheet.yaml (autosave),
                        diary.sqlite3, routines/
    cache             $XDG_CACHE_HOME/backpoints/                  (~/.cache/...)

These are the folders QStandardPaths gives for GenericConfigLocation,
GenericDataLocation and GenericCacheLocation, each with a `backpoints` folder of the
app's own (Qt's App*Location would nest BackPoints/BackPoints). On Windows and macOS
the same roles come from QStandardPaths. BACKPOINTS_HOME puts everything under one
folder (config/, data/, cache/, documents/), which the tests and portable use rely on.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_FOLDER = "backpoints"
PRIVATE_MODE = 0o700


def _override() -> Path | None:
    home = os.environ.get("BACKPOINTS_HOME", "").strip()
    return Path(home) if home else None


def _xdg(variable: str, default: str) -> Path:
    """An XDG base folder: the variable when it holds an absolute path, else ~/default."""
    value = os.environ.get(variable, "").strip()
    # The specification says relative values are invalid and must be ignored.
    if value and os.path.isabs(value):
        return Path(value)
    return Path.home() / default


def _qt_generic(kind: str) -> Path:
    from PySide6.QtCore import QStandardPaths

    location = {
        "config": QStandardPaths.StandardLocation.GenericConfigLocation,
        "data": QStandardPaths.StandardLocation.GenericDataLocation,
        "cache": QStandardPaths.StandardLocation.GenericCacheLocation,
    }[kind]
    return Path(QStandardPaths.writableLocation(location)) / "BackPoints"


def _base(kind: str) -> Path:
    override = _override()
    if override is not None:
        return override / kind
    if sys.platform in ("win32", "darwin"):
        return _qt_generic(kind)
    variable, default = {
        "config": ("XDG_CONFIG_HOME", ".config"),
        "data": ("XDG_DATA_HOME", ".local/share"),
        "cache": ("XDG_CACHE_HOME", ".cache"),
    }[kind]
    return _xdg(variable, default) / APP_FOLDER


def config_dir() -> Path:
    """Where settings live."""
    return _base("config")


def data_dir() -> Path:
    """The app's own data folder: log, autosave, diary, routines. Create it with ensure_private()."""
    return _base("data")


def log_dir() -> Path:
    """Where the log file and its rotated copies live (inside the private data folder)."""
    return data_dir() / "logs"


def log_file() -> Path:
    """The current log file; the error dialog names this path."""
    return log_dir() / "backpoints.log"


def autosave_file() -> Path:
    """The sheet being composed, kept across restarts and crashes."""
    return data_dir() / "current-sheet.yaml"


def diary_file() -> Path:
    """The pain diary's database."""
    return data_dir() / "diary.sqlite3"


def routines_dir() -> Path:
    """The user's own routines."""
    return data_dir() / "routines"


def cache_dir() -> Path:
    """Where copies that only save time live (the dataset's JSON copy)."""
    return _base("cache")


def documents_dir() -> Path:
    """Where file dialogs start (the user's Documents folder, as the desktop names it)."""
    override = _override()
    if override is not None:
        return override / "documents"
    from PySide6.QtCore import QStandardPaths

    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))


def settings_file() -> Path:
    """The settings file (INI format, so a broken one can be detected and replaced)."""
    return config_dir() / "backpoints.ini"


def ensure(path: Path) -> Path:
    """Create a folder if needed and return it; inside data_dir() it is made owner-only."""
    root = data_dir()
    if path == root or root in path.parents:
        return ensure_private(path)
    os.makedirs(path, exist_ok=True)
    return path


def user_routines_file() -> Path:
    """The user's own routines and starred points and routines."""
    return routines_dir() / "routines.yaml"


def user_favourites_file() -> Path:
    """The points and routines the user starred (core/favourites.py)."""
    return routines_dir() / "favourites.yaml"


def ensure_private(path: Path) -> Path:
    """Create a folder readable by its owner only (and tighten an existing one); return it.

    The data folder holds the diary, the autosaved sheet and the log: health notes that
    other accounts on the machine must not read, whatever the umask or the files' modes.
    Everything below data_dir() is made private up to data_dir() itself.
    """
    root = data_dir()
    os.makedirs(path, mode=PRIVATE_MODE, exist_ok=True)
    chain = [path]
    if path != root and root in path.parents:
        chain = [p for p in [path, *path.parents] if p == root or root in p.parents]
    for folder in chain:
        if sys.platform != "win32" and (os.stat(folder).st_mode & 0o777) != PRIVATE_MODE:
            os.chmod(folder, PRIVATE_MODE)
    return path
