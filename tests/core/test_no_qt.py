"""The core and the data commands never import Qt."""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys

import backpoints.core


def test_core_modules_do_not_import_qt() -> None:
    modules = [f"backpoints.core.{m.name}" for m in pkgutil.iter_modules(backpoints.core.__path__)]
    assert "backpoints.core.loader" in modules and "backpoints.core.search" in modules
    code = "import sys\n" + "".join(f"import {m}\n" for m in modules) + (
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\nprint(bad)\nsys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_list_and_validate_do_not_import_qt(tmp_path) -> None:  # type: ignore[no-untyped-def]
    code = (
        "import sys, io, contextlib\n"
        "from backpoints.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        "    a = main(['list', '--json', '--query', 'shenshu'])\n"
        "    b = main(['validate', sys.argv[1]])\n"
        "bad = [m for m in sys.modules if m.startswith('PySide6')]\n"
        "print(a, b, bad)\n"
        "sys.exit(0 if (a, b, bad) == (0, 0, []) else 1)\n"
    )
    from tests.conftest import DATA

    # Without BACKPOINTS_HOME, as a user runs it: no Qt lookup of user folders either.
    env = {k: v for k, v in os.environ.items() if k != "BACKPOINTS_HOME"}
    result = subprocess.run([sys.executable, "-c", code, str(DATA)], capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_whole_package_is_mypy_strict_clean() -> None:
    """mypy --strict over backpoints/ (core, printing, ui, commands): pyproject.toml sets the files."""
    from tests.conftest import ROOT

    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml")],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
