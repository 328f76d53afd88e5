"""The menu entry, icon and AppStream file: valid, installed into XDG folders, removed again."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from backpoints import desktop
from backpoints.resources import APP_ID, desktop_entry_file, icon_file, metainfo_file
from tests.conftest import run_cli

needs_desktop_file_utils = pytest.mark.skipif(
    not shutil.which("desktop-file-validate"), reason="desktop-file-validate is not installed (apt package desktop-file-utils)"
)
needs_appstream = pytest.mark.skipif(
    not shutil.which("appstreamcli"), reason="appstreamcli is not installed (apt package appstream)"
)


def entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


@needs_desktop_file_utils
def test_shipped_desktop_entry_is_valid() -> None:
    result = subprocess.run(["desktop-file-validate", str(desktop_entry_file())], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


@needs_appstream
def test_metainfo_is_valid() -> None:
    """Valid for AppStream 0.16 (Debian 12) and 1.0 (Debian 13).

    The file names no homepage until the project has a public address (a made-up one
    would be false). AppStream 1.0 counts that as a warning and fails; that one issue, and
    nothing else, is lowered to a note there (0.16 does not know the tag).
    """
    command = ["appstreamcli", "validate", "--no-net", str(metainfo_file())]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0 and "url-homepage-missing" in result.stdout:
        result = subprocess.run([*command[:-1], "--override=url-homepage-missing=info", command[-1]],
                                capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_icon_is_an_svg_qt_can_draw_small(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QIcon

    icon = QIcon(str(icon_file()))
    assert not icon.isNull()
    image = icon.pixmap(16, 16).toImage()
    assert image.width() == 16
    colours = {image.pixelColor(x, y).name() for x in range(16) for y in range(16)}
    assert len(colours) > 8  # drawn, not a blank square


def test_install_puts_files_in_the_xdg_data_folder_and_uninstall_removes_them(tmp_path: Path) -> None:
    data_home = tmp_path / "share"
    result = run_cli("install-desktop", env={"XDG_DATA_HOME": str(data_home)})
    assert result.returncode == 0, result.stderr
    installed = data_home / "applications" / f"{APP_ID}.desktop"
    icon = data_home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    metainfo = data_home / "metainfo" / f"{APP_ID}.metainfo.xml"
    assert result.stdout.split() == [str(installed), str(icon), str(metainfo)]
    assert icon.read_bytes() == icon_file().read_bytes()
    values = entry(installed)
    assert values["Icon"] == APP_ID
    # Exec starts this installation, found without PATH.
    command = values["Exec"]
    assert os.path.isabs(command.split()[0]) and os.access(values["TryExec"], os.X_OK)
    version = subprocess.run([*command.split(), "--version"], capture_output=True, text=True, timeout=60)
    assert version.returncode == 0 and version.stdout.startswith("backpoints "), version.stderr
    assert oct(installed.stat().st_mode & 0o777) == "0o644"
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(installed)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout

    removed = run_cli("uninstall-desktop", env={"XDG_DATA_HOME": str(data_home)})
    assert removed.returncode == 0
    assert not installed.exists() and not icon.exists() and not metainfo.exists()
    again = run_cli("uninstall-desktop", env={"XDG_DATA_HOME": str(data_home)})
    assert again.returncode == 0 and "no menu entry was installed" in again.stderr


def test_install_into_an_unwritable_folder_is_a_message(tmp_path: Path) -> None:
    blocker = tmp_path / "share"
    blocker.write_text("a file where the folder should be")
    result = run_cli("install-desktop", env={"XDG_DATA_HOME": str(blocker)})
    assert result.returncode == 1
    assert result.stderr.startswith("cannot install the menu entry:") and "Traceback" not in result.stderr


@pytest.mark.parametrize("argument, quoted", [
    ("/opt/backpoints/backpoints", "/opt/backpoints/backpoints"),
    ("/home/a b/.venv/bin/backpoints", '"/home/a b/.venv/bin/backpoints"'),
    ('/odd/"$x', '"/odd/\\\\"\\\\$x"'),
])
def test_exec_arguments_are_quoted_as_the_spec_says(argument: str, quoted: str) -> None:
    assert desktop.quote_exec_argument(argument) == quoted


@needs_desktop_file_utils
def test_entry_with_spaces_in_the_path_is_still_valid(tmp_path: Path) -> None:
    path = tmp_path / "x.desktop"
    path.write_text(desktop.desktop_entry(["/home/a b/venv/bin/backpoints"]), encoding="utf-8")
    result = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout
