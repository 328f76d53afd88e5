"""`backpoints diary ...` on a real diary file."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from backpoints.cli import main
from tests.conftest import ROOT, run_cli


def diary(tmp_path: Path, capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(["diary", "--diary", str(tmp_path / "d.sqlite3"), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_checkin_session_list_json(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert diary(tmp_path, capsys, "checkin", "--pain", "7", "--worst", "9", "--date", "2026-10-01T08:00",
                 "--area", "lower-back")[0] == 0
    code, _, err = diary(tmp_path, capsys, "session", "--date", "2026-10-02", "--cost", "85.50", "--currency", "eur",
                         "--points", "bl23, BL40", "--technique", "acupuncture", "--side-effect", "bruising:moderate")
    assert code == 0 and "session of 2026-10-02T12:00 saved" in err
    assert diary(tmp_path, capsys, "session", "--date", "2026-10-05", "--routine", "lower-back-self-care")[0] == 0
    assert diary(tmp_path, capsys, "checkin", "--pain", "4", "--date", "2026-10-15")[0] == 0
    code, out, _ = diary(tmp_path, capsys, "list", "--json")
    entries = json.loads(out)
    assert [e["kind"] for e in entries] == ["checkin", "session", "session", "checkin"]
    assert entries[0]["pain"] == 7 and entries[0]["worst"] == 9
    assert entries[1]["points"] == ["BL23", "BL40"] and entries[1]["cost"] == 85.5 and entries[1]["currency"] == "EUR"
    assert entries[1]["side_effects"] == [{"kind": "bruising", "severity": "moderate", "note": ""}]
    assert entries[2]["provider"] == "self-care" and entries[2]["technique"] == "acupressure"
    code, out, _ = diary(tmp_path, capsys, "list")
    assert "Pain fell from 7 to 4 over 2 weeks and 2 sessions" in out and "spent €85.50" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["checkin", "--pain", "11"], "not a whole number from 0 to 10"),
        (["checkin", "--pain", "3", "--date", "yesterday"], "not a date"),
        (["session", "--cost", "-4"], "not an amount"),
        (["session", "--points", "BL23", "--routine", "x"], "not allowed with argument"),
        (["session", "--side-effect", "headache"], "use KIND or KIND:SEVERITY"),
    ],
)
def test_bad_arguments_are_refused(tmp_path: Path, capsys, args: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exit_info:
        diary(tmp_path, capsys, *args)
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "d.sqlite3").exists()


def test_a_routine_session_is_who_and_how_the_routine_says(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """A trial protocol is a practitioner's needling; an unknown routine is refused, not stored."""
    assert diary(tmp_path, capsys, "session", "--routine", "cherkin2009-standardized")[0] == 0
    code, out, _ = diary(tmp_path, capsys, "list", "--json")
    entry = json.loads(out)[0]
    assert (entry["provider"], entry["technique"], entry["routine"]) == (
        "practitioner", "acupuncture", "cherkin2009-standardized")
    code, _, err = diary(tmp_path, capsys, "session", "--routine", "lower-back-evening")
    assert code == 1 and "no routine 'lower-back-evening'" in err
    assert len(json.loads(diary(tmp_path, capsys, "list", "--json")[1])) == 1


def test_unknown_points_and_currency_are_refused(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, _, err = diary(tmp_path, capsys, "session", "--points", "BL23 ZZ9")
    assert code == 1 and "not in the dataset: ZZ9" in err
    code, _, err = diary(tmp_path, capsys, "session", "--currency", "dollars")
    assert code == 2 and "three-letter" in err and "Traceback" not in err


def test_export_import_round_trip_and_errors(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    diary(tmp_path, capsys, "checkin", "--pain", "5", "--date", "2026-10-01")
    diary(tmp_path, capsys, "session", "--date", "2026-10-02", "--cost", "60")
    out_csv = tmp_path / "x.csv"
    code, _, err = diary(tmp_path, capsys, "export", str(out_csv))
    assert code == 0 and "2 entries written" in err
    other = ["diary", "--diary", str(tmp_path / "other.sqlite3")]
    assert main([*other, "import", str(out_csv)]) == 0
    assert "2 entries added" in capsys.readouterr().err
    assert main([*other, "import", str(out_csv)]) == 0
    assert "0 entries added, 2 already in the diary" in capsys.readouterr().err
    bad = tmp_path / "bad.csv"
    bad.write_text("kind,date,pain\ncheckin,2026-10-01,5\ncheckin,someday,5\n", encoding="utf-8")
    assert main([*other, "import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:3:2: date:" in err and "nothing was imported" in err


def test_a_damaged_diary_is_reported_without_traceback(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "d.sqlite3"
    path.write_bytes(b"\x00junk" * 400)
    code, _, err = diary(tmp_path, capsys, "checkin", "--pain", "3")
    assert code == 1 and "not a readable BackPoints diary" in err
    assert path.read_bytes() == b"\x00junk" * 400


def test_list_without_a_diary_says_so(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, _, err = diary(tmp_path, capsys, "list")
    assert code == 1 and "no diary yet" in err


def test_delete_all_needs_yes(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    diary(tmp_path, capsys, "checkin", "--pain", "5")
    code, _, err = diary(tmp_path, capsys, "delete-all")
    assert code == 2 and "--yes" in err and (tmp_path / "d.sqlite3").exists()
    code, _, err = diary(tmp_path, capsys, "delete-all", "--yes")
    assert code == 0 and not (tmp_path / "d.sqlite3").exists()


def test_default_diary_lives_in_the_data_folder(tmp_path: Path, capsys, user_folders: Path) -> None:  # type: ignore[no-untyped-def]
    assert main(["diary", "checkin", "--pain", "2"]) == 0
    path = user_folders / "data" / "diary.sqlite3"
    assert path.exists() and (path.stat().st_mode & 0o777) == 0o600


def test_data_commands_do_not_load_qt(tmp_path: Path) -> None:
    code = (
        "import sys, io, contextlib\n"
        "from backpoints.cli import main\n"
        "d = ['diary', '--diary', sys.argv[1]]\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        "    r = [main(d + ['checkin', '--pain', '3']), main(d + ['session', '--points', 'BL23']), main(d + ['list'])]\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph'))]\n"
        "print(r, bad)\n"
        "sys.exit(0 if r == [0, 0, 0] and not bad else 1)\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path / "d.sqlite3")], capture_output=True,
                            text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_report_pdf_has_the_period_and_entries(tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed; cannot read the report back")
    base = ["diary", "--diary", str(tmp_path / "d.sqlite3")]
    for args in (["checkin", "--pain", "8", "--date", "2026-08-20"],
                 ["checkin", "--pain", "6", "--date", "2026-09-01"],
                 ["session", "--date", "2026-09-02", "--points", "BL23 BL40", "--cost", "70", "--side-effect", "soreness"],
                 ["checkin", "--pain", "5", "--date", "2026-09-20"],
                 ["checkin", "--pain", "1", "--date", "2026-11-01"]):
        assert main(base + args) == 0
    pdf = tmp_path / "r.pdf"
    result = run_cli(*base, "report", "--output", str(pdf), "--from", "2026-09-01", "--to", "2026-09-30", "--name", "Jane")
    assert result.returncode == 0, result.stderr
    assert f"{pdf}: 1 page, 3 entries" in result.stderr
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Treatment and pain diary" in text and "For: Jane" in text
    assert "Period: 1 Sep 2026 to 30 Sep 2026" in text
    assert "Pain fell from 6 to 5 over 3 weeks and 1 session" in text
    assert "2026-09-02" in text and "BL23 BL40" in text and "soreness (mild)" in text
    assert "2026-08-20" not in text and "2026-11-01" not in text  # outside the period
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "Treatment and pain diary: Jane" in info
    # A folder as output is refused and nothing is left behind.
    result = run_cli(*base, "report", "--output", str(tmp_path))
    assert result.returncode == 1 and "is a folder, not a file name" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
