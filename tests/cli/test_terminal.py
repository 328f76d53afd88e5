"""Terminals and pipes: nothing from data drives the terminal, lost output is an error, odd
terminals and inherited display settings do not crash."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from backpoints.core.sheet import Sheet, load_sheet, save_sheet
from tests.conftest import run_cli
from tests.helpers import dataset_text

HOSTILE_NAME = '"Red\\e[31m\\a bell\\x9b2J\\u202e evil"'  # ESC, BEL, C1 CSI, a bidi override


@pytest.fixture
def hostile(write) -> Path:  # type: ignore[no-untyped-def]
    return write(dataset_text("BL23").replace("name: Test Point", f"name: {HOSTILE_NAME}"))


def test_list_escapes_control_characters(hostile: Path) -> None:
    result = run_cli("list", "--data", str(hostile))
    assert result.returncode == 0, result.stderr
    for raw in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert raw not in result.stdout
    assert "Red\\x1b[31m\\x07 bell\\x9b2J\\u202e evil" in result.stdout


def test_list_json_keeps_the_text_but_escapes_it(hostile: Path) -> None:
    import json

    result = run_cli("list", "--json", "--data", str(hostile))
    assert result.returncode == 0
    for raw in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert raw not in result.stdout
    assert json.loads(result.stdout)[0]["name"] == "Red\x1b[31m\x07 bell\x9b2J\u202e evil"


def test_messages_escape_control_characters(write) -> None:  # type: ignore[no-untyped-def]
    path = write(dataset_text("BL23").replace("areas: [lower-back]", 'areas: ["\\e]0;pwned\\a"]'))
    result = run_cli("validate", str(path))
    assert result.returncode == 1
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr and "\\x1b]0;pwned" in result.stderr


def test_list_to_a_full_disk_is_an_error() -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "backpoints", "list"], stdout=full,
                                stderr=subprocess.PIPE, text=True, timeout=120)
    assert result.returncode == 1
    assert "the output could not be written (the disk is full)" in result.stderr
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr


def test_list_into_a_closed_pipe_is_quiet() -> None:
    proc = subprocess.Popen([sys.executable, "-m", "backpoints", "list"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    proc.stdout.read(10)
    proc.stdout.close()  # like `| head -c 10`
    _, err = proc.communicate(timeout=120)
    assert b"Traceback" not in err and b"Exception ignored" not in err


@pytest.mark.parametrize("env", [{"LANG": "C", "LC_ALL": "C", "PYTHONIOENCODING": "ascii"},
                                 {"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": "latin-1"}])
def test_a_terminal_that_cannot_show_the_characters(env: dict[str, str]) -> None:
    for extra in ((), ("--json",)):
        result = subprocess.run([sys.executable, "-m", "backpoints", "list", "--query", "shenshu", *extra],
                                capture_output=True, env=dict(os.environ, **env), timeout=120)
        assert result.returncode == 0, result.stderr
        assert b"Traceback" not in result.stderr and b"BL23" in result.stdout
        assert b"\\u016b" in result.stdout  # the ū of Shènshū, escaped


def test_sheet_renders_offscreen_with_xcb_inherited_and_no_display(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="xcb")
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    out = tmp_path / "x.pdf"
    result = subprocess.run([sys.executable, "-m", "backpoints", "sheet", "--points", "BL23", "--output", str(out)],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF-")


# --- scale ------------------------------------------------------------------------------------
def test_thousands_of_unknown_codes_are_summarised(tmp_path: Path) -> None:
    path = tmp_path / "many.bpsheet.yaml"
    save_sheet(Sheet(points=("BL23",) + tuple(f"XX{i}" for i in range(20_000))), path)
    result = run_cli("sheet", "--open", str(path), "--output", str(tmp_path / "x.pdf"))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) <= 6, lines[:10]
    assert "unknown point code 'XX0'" in lines[0]
    assert "and 19,995 more unknown point codes (20,000 in all)" in lines[-1]


def test_a_sheet_of_100000_codes_loads(tmp_path: Path) -> None:
    """A hang guard (a quadratic duplicate check took minutes), not a benchmark: see bench/."""
    path = tmp_path / "huge.bpsheet.yaml"
    codes = tuple(f"EX-A{i}" for i in range(100_000))
    path.write_text("backpoints_sheet: 1\npoints:\n" + "".join(f"- {c}\n" for c in codes), encoding="utf-8")
    code = "import sys\nfrom backpoints.core.sheet import load_sheet\nprint(len(load_sheet(sys.argv[1]).points))\n"
    result = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "100000", result.stderr
    assert load_sheet(path).points[-1] == "EX-A99999"


def test_list_with_stdout_closed_is_an_error_without_traceback() -> None:
    result = subprocess.run([sys.executable, "-m", "backpoints", "list"], stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: os.close(1), timeout=120)  # like `backpoints list >&-`
    assert result.returncode == 1
    assert "the output could not be written (standard output is closed)" in result.stderr
    assert "Traceback" not in result.stderr
