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


@pytest.fixture(autouse=True)
def user_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every user folder (settings, logs) at tmp_path so tests never touch real ones."""
    home = tmp_path / "home"
    monkeypatch.setenv("BACKPOINTS_HOME", str(home))
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
