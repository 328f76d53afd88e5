"""Shared fixtures: headless Qt, user folders under tmp_path, the bundled dataset."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

# An empty value makes Qt abort, so set it when unset *or* empty.
if not os.environ.get("QT_QPA_PLATFORM", "").strip():
    os.environ["QT_QPA_PLATFORM"] = "offscreen"

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "points.yaml"
CORPUS = Path(__file__).resolve().parent / "corpus"


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_teardown(item):  # type: ignore[no-untyped-def]
    """pytest-qt closes the test's windows here; a window with unsaved changes asks
    first, so answer Discard (and reject any other dialog) while it does."""
    answerer = None
    if "PySide6.QtWidgets" in sys.modules:
        from PySide6.QtWidgets import QApplication

        if QApplication.instance() is not None:
            from tests.helpers import DialogAnswerer

            answerer = DialogAnswerer({"unsaved-changes": "discard"})
    yield
    if answerer is not None:
        answerer.stop()


# The variables that decide where this program and Qt write for the user: settings,
# logs, caches, Qt's own QtProject.conf (file dialogs), runtime sockets.
HOME_VARIABLES = ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR")


def point_home_at(folder: Path, setenv) -> None:  # type: ignore[no-untyped-def]
    """Set HOME and every XDG base folder below `folder` (XDG_RUNTIME_DIR owner-only, as Qt wants)."""
    for name, sub in zip(HOME_VARIABLES, ("", ".config", ".local/share", ".cache", ".local/state", "runtime")):
        path = folder / sub
        path.mkdir(parents=True, exist_ok=True)
        setenv(name, str(path))
    os.chmod(folder / "runtime", 0o700)


@pytest.fixture(scope="session", autouse=True)
def session_home(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A home for the whole session, set before the QApplication exists.

    Qt reads HOME and XDG_CONFIG_HOME once, when QSettings first needs them, so the
    per-test folders below cannot move it later: this one is where Qt's own files land.
    """
    saved = {name: os.environ.get(name) for name in HOME_VARIABLES}
    point_home_at(tmp_path_factory.mktemp("session-home"), os.environ.__setitem__)
    yield
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(autouse=True)
def user_folders(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every user folder (settings, logs, HOME and XDG folders) at temporary ones so
    tests never touch real ones. HOME and XDG sit beside tmp_path, which stays empty."""
    home = tmp_path / "home"
    monkeypatch.setenv("BACKPOINTS_HOME", str(home))
    point_home_at(tmp_path_factory.mktemp("user-home"), monkeypatch.setenv)
    return home


@pytest.fixture(autouse=True)
def fresh_logging():  # type: ignore[no-untyped-def]
    """main() configures logging into the test's folders; undo it after each test."""
    import logging

    from backpoints import logs

    yield
    root = logging.getLogger("backpoints")
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    logs._configured = False


@pytest.fixture(scope="session")
def dataset():  # type: ignore[no-untyped-def]
    from backpoints.core.loader import load_dataset

    return load_dataset(str(DATA))


@pytest.fixture
def window(qtbot, dataset, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The main window on the bundled dataset, shown, with its settings under tmp_path."""
    from PySide6.QtCore import QSettings

    from backpoints.ui.app import create_application
    from backpoints.ui.main_window import MainWindow

    create_application()
    win = MainWindow(dataset, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.resize(1300, 850)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def write(tmp_path: Path):  # type: ignore[no-untyped-def]
    """write(text, name='data.yaml') -> path of a file with that text."""

    def _write(text: str | bytes, name: str = "data.yaml") -> Path:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return _write


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    """Run `python -m backpoints ARGS` in a subprocess; returns CompletedProcess."""
    import subprocess

    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "backpoints", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=full_env,
        timeout=120,
    )
