"""Start-up without a display or without a Qt library: one clear sentence, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import run_cli


def without_display() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}


def test_window_without_a_display_says_so_and_exits_2() -> None:
    result = subprocess.run([sys.executable, "-m", "backpoints"], capture_output=True, text=True,
                            env=without_display(), timeout=60)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "graphical desktop session" in lines[0] and "backpoints list" in lines[0]
    assert "Traceback" not in result.stderr


def test_a_display_nobody_answers_is_a_message_too() -> None:
    # Qt would print "could not connect to display" and abort with a core dump.
    env = dict(without_display(), DISPLAY=":987")
    result = subprocess.run([sys.executable, "-m", "backpoints"], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith("BackPoints cannot reach the display :987: no X server answers there")


def test_headless_commands_still_work_without_a_display(tmp_path) -> None:  # type: ignore[no-untyped-def]
    env = without_display()
    listed = subprocess.run([sys.executable, "-m", "backpoints", "list", "--query", "BL23"],
                            capture_output=True, text=True, env=env, timeout=60)
    assert listed.returncode == 0 and "BL23" in listed.stdout
    shot = subprocess.run([sys.executable, "-m", "backpoints", "screenshot", "--output", str(tmp_path / "s.png")],
                          capture_output=True, text=True, env=env, timeout=120)
    assert shot.returncode == 0, shot.stderr
    assert (tmp_path / "s.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


MISSING_EGL = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6.QtGui":
            raise ImportError("libEGL.so.1: cannot open shared object file: No such file or directory")
sys.meta_path.insert(0, Block())
import backpoints.startup
backpoints.startup.x_display_answers = lambda display: True  # as if a desktop were there
from backpoints.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


def test_missing_qt_library_names_it_and_its_package(tmp_path) -> None:  # type: ignore[no-untyped-def]
    for args in ([], ["screenshot", "--output", str(tmp_path / "s.png")]):
        env = dict(os.environ, DISPLAY=":0")
        result = subprocess.run([sys.executable, "-c", MISSING_EGL, *args], capture_output=True, text=True,
                                env=env, timeout=60)
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr
        assert "libEGL.so.1 is missing" in result.stderr
        assert "sudo apt-get install libegl1" in result.stderr
        assert not (tmp_path / "s.png").exists()


MISSING_XCB_CURSOR = """
import ctypes, sys
real = ctypes.CDLL
def cdll(name, *args, **kwargs):
    if name == "libxcb-cursor.so.0":  # the first one tried, so the others need not be installed
        raise OSError("libxcb-cursor.so.0: cannot open shared object file: No such file or directory")
    return real(name, *args, **kwargs)
ctypes.CDLL = cdll
import backpoints.startup
backpoints.startup.x_display_answers = lambda display: True  # as if a desktop were there
from backpoints.cli import main
raise SystemExit(main([]))
"""


def test_missing_xcb_library_is_found_before_qt_aborts() -> None:
    # Qt itself would print a hint and abort the process (SIGABRT) from inside QApplication.
    env = dict(os.environ, DISPLAY=":0", QT_QPA_PLATFORM="xcb")
    env.pop("WAYLAND_DISPLAY", None)
    result = subprocess.run([sys.executable, "-c", MISSING_XCB_CURSOR], capture_output=True, text=True,
                            env=env, timeout=60)
    assert result.returncode == 1, result.stderr
    assert result.stderr.strip() == (
        "BackPoints cannot start Qt: the system library libxcb-cursor.so.0 is missing; "
        "on Debian or Ubuntu install it with: sudo apt-get install libxcb-cursor0."
    )


def test_version_and_help() -> None:
    from backpoints import __version__

    version = run_cli("--version")
    assert version.returncode == 0 and version.stdout.strip() == f"backpoints {__version__}"
    for command in ("validate", "list", "screenshot", "sheet", "install-desktop", "uninstall-desktop"):
        shown = run_cli(command, "--help")
        assert shown.returncode == 0, shown.stderr
        assert "example" in shown.stdout, command  # every command shows how it is used
        assert "  -h, --help" in shown.stdout


def test_version_matches_the_package_metadata() -> None:
    import tomllib

    from backpoints import __version__
    from tests.conftest import ROOT

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["version"] == __version__
