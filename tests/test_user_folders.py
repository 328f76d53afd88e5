"""Files go where a Linux user expects them, private data stays private, and the tests
never touch the real home."""

from __future__ import annotations

import os
import pwd
import stat
import subprocess
import sys
from pathlib import Path

import pytest


def xdg_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "BACKPOINTS_HOME"}
    env.update(XDG_CONFIG_HOME=str(tmp_path / "cfg"), XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CACHE_HOME=str(tmp_path / "cache"), HOME=str(tmp_path / "home"))
    return env


def test_folders_follow_xdg_and_agree_with_qt(tmp_path: Path) -> None:
    code = (
        "from backpoints import paths\n"
        "from backpoints.ui.app import create_application\n"
        "from PySide6.QtCore import QStandardPaths as S\n"
        "create_application()\n"
        "print(paths.settings_file()); print(paths.log_file()); print(paths.autosave_file())\n"
        "print(paths.diary_file()); print(paths.routines_dir()); print(paths.cache_dir())\n"
        "L = S.StandardLocation\n"
        "for kind in (L.GenericConfigLocation, L.GenericDataLocation, L.GenericCacheLocation):\n"
        "    print(S.writableLocation(kind))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=xdg_env(tmp_path), timeout=60)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split("\n")
    assert lines[:6] == [
        f"{tmp_path}/cfg/backpoints/backpoints.ini",
        f"{tmp_path}/data/backpoints/logs/backpoints.log",
        f"{tmp_path}/data/backpoints/current-sheet.yaml",
        f"{tmp_path}/data/backpoints/diary.sqlite3",
        f"{tmp_path}/data/backpoints/routines",
        f"{tmp_path}/cache/backpoints",
    ]
    assert lines[6:9] == [f"{tmp_path}/cfg", f"{tmp_path}/data", f"{tmp_path}/cache"]


def test_without_xdg_variables_the_folders_are_under_home(tmp_path: Path) -> None:
    env = {k: v for k, v in xdg_env(tmp_path).items() if not k.startswith("XDG_")}
    code = "from backpoints import paths; print(paths.settings_file(), paths.log_file(), paths.cache_dir())"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    home = tmp_path / "home"
    assert result.stdout.split() == [
        f"{home}/.config/backpoints/backpoints.ini",
        f"{home}/.local/share/backpoints/logs/backpoints.log",
        f"{home}/.cache/backpoints",
    ]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_the_log_lives_in_a_private_data_folder(tmp_path: Path) -> None:
    env = xdg_env(tmp_path)
    result = subprocess.run([sys.executable, "-m", "backpoints", "screenshot", "--output", str(tmp_path / "s.png")],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    data = tmp_path / "data" / "backpoints"
    assert (data / "logs" / "backpoints.log").is_file()
    for folder in (data, data / "logs"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_ensure_private_tightens_an_existing_folder(user_folders: Path) -> None:
    from backpoints import paths

    folder = paths.data_dir()
    folder.mkdir(parents=True, mode=0o755)
    os.chmod(folder, 0o755)
    paths.ensure_private(paths.routines_dir())
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(paths.routines_dir().stat().st_mode) == 0o700


def test_any_folder_made_for_private_data_is_owner_only(user_folders: Path) -> None:
    from backpoints import paths

    old_umask = os.umask(0o022)
    try:
        paths.ensure(paths.diary_file().parent)
        paths.ensure(paths.routines_dir())
        paths.ensure(paths.cache_dir())
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(paths.data_dir().stat().st_mode) == 0o700
    assert stat.S_IMODE(paths.routines_dir().stat().st_mode) == 0o700
    assert stat.S_IMODE(paths.cache_dir().stat().st_mode) == 0o755  # a cache holds nothing personal


def test_error_dialog_names_the_real_log_file(qtbot, user_folders: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication, QMessageBox

    from backpoints import logs, paths
    from backpoints.ui.app import create_application, show_error_dialog

    create_application()
    written = logs.configure()
    assert written == paths.log_file() and written.parent.is_dir()
    show_error_dialog("RuntimeError: x", "details")
    box = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.objectName() == "unexpected-error"][-1]
    assert str(written) in box.informativeText()
    box.close()


def test_tests_run_with_home_and_xdg_folders_in_tmp(tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    real_home = Path(pwd.getpwuid(os.getuid()).pw_dir)
    base = tmp_path_factory.getbasetemp()
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"):
        value = Path(os.environ[name])
        assert base in value.parents, name
        assert real_home not in value.parents or real_home == Path("/"), name


def test_file_dialog_state_stays_out_of_the_real_home(qtbot, tmp_path: Path, tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    """QFileDialog saves its state in QtProject.conf under the user's config folder."""
    import shiboken6
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QFileDialog

    from backpoints.ui.app import create_application

    create_application()
    real = Path(pwd.getpwuid(os.getuid()).pw_dir) / ".config" / "QtProject.conf"
    before = real.stat().st_mtime_ns if real.exists() else None
    dialog = QFileDialog(None, "Save sheet", str(tmp_path))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.reject()
    shiboken6.delete(dialog)  # the dialog writes its state when it is destroyed
    written = Path(QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, "QtProject").fileName())
    assert written.name == "QtProject.conf" and written.is_file()
    assert tmp_path_factory.getbasetemp() in written.parents
    assert (real.stat().st_mtime_ns if real.exists() else None) == before



def test_the_autosaved_sheet_is_private(window, user_folders: Path) -> None:  # type: ignore[no-untyped-def]
    from backpoints import paths

    window.document.add_point("BL23")
    window.document.autosave()
    assert paths.autosave_file().is_file()
    assert stat.S_IMODE(paths.autosave_file().stat().st_mode) == 0o600
    assert stat.S_IMODE(paths.data_dir().stat().st_mode) == 0o700
