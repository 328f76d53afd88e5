"""The command line: exit codes, messages on stderr, data on stdout."""

from __future__ import annotations

import json
from pathlib import Path

from backpoints.cli import main
from tests.conftest import DATA, run_cli
from tests.helpers import dataset_text


def test_validate_good_file(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["validate", str(DATA)]) == 0
    assert "OK, " in capsys.readouterr().err


def test_validate_broken_file_prints_line_and_column(write, capsys) -> None:  # type: ignore[no-untyped-def]
    text = dataset_text().replace("{view: back, x: 0.45, y: 0.36}", "{view: back, x: 2.5, y: 0.36}")
    path = write(text)
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr()
    assert out.out == ""
    assert out.err.strip() == f"{path}:16:25: BL23 marker x is 2.5, outside the allowed range 0..1"


def test_validate_several_files(write, capsys) -> None:  # type: ignore[no-untyped-def]
    good = write(dataset_text(), "good.yaml")
    bad = write("- not a dataset\n", "bad.yaml")
    assert main(["validate", str(good), str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{good}: OK, 1 point" in err and f"{bad}:1:1: dataset must be a mapping" in err


def test_validate_knows_routines_and_sheets(write, capsys) -> None:  # type: ignore[no-untyped-def]
    """Each file is checked as what it is, not every file as a dataset."""
    routines = DATA.parent / "routines.yaml"
    sheet = write("backpoints_sheet: 1\ntitle: Mine\npoints: [bl23, UB40, XX9]\n", "mine.bpsheet.yaml")
    broken = write("format: 1\nroutines:\n  - id: x\n", "broken-routines.yaml")
    assert main(["validate", str(routines), str(sheet)]) == 0
    err = capsys.readouterr().err
    assert f"{routines}: OK, " in err and " routines" in err and "unknown key" not in err
    assert f"{sheet}: OK, a sheet of 3 points (1 not in the bundled dataset: XX9)" in err
    assert main(["validate", str(broken)]) == 1
    assert f"{broken}:3:5: routine 'x': missing required keys" in capsys.readouterr().err


def test_list_json_has_the_documented_keys(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["list", "--json"]) == 0
    points = json.loads(capsys.readouterr().out)
    assert len(points) >= 60
    keys = {"code", "name", "pinyin", "hanzi", "meridian", "pain", "areas", "bilateral", "markers",
            "location", "cautions", "pregnancy_caution"}
    for point in points:
        assert keys <= point.keys()
        assert all({"view", "x", "y"} == m.keys() for m in point["markers"])
        assert isinstance(point["bilateral"], bool) and isinstance(point["cautions"], list)


def test_list_query_shenshu_returns_bl23_first(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["list", "--query", "shenshu", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["code"] == "BL23"


def test_list_filters_and_table(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["list", "--pain", "upper", "--area", "neck"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines and any(line.startswith("GB20") for line in lines)
    assert not any(line.startswith("BL23") for line in lines)


def test_list_nothing_found_exits_1(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["list", "--query", "xylophone"]) == 1
    out = capsys.readouterr()
    assert out.out == "" and "no points match" in out.err


def test_list_with_broken_data_exits_1(write, capsys) -> None:  # type: ignore[no-untyped-def]
    path = write("format: 1\npoints: [\n")
    assert main(["list", "--data", str(path)]) == 1
    assert capsys.readouterr().err.startswith(f"{path}:")


def test_usage_errors_exit_2() -> None:
    result = run_cli("list", "--area", "elbow")
    assert result.returncode == 2 and "invalid choice" in result.stderr
    result = run_cli("frobnicate")
    assert result.returncode == 2


def test_python_m_backpoints_runs(tmp_path: Path) -> None:
    result = run_cli("list", "--query", "du4", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["code"] == "GV4"
    assert "Traceback" not in result.stderr
