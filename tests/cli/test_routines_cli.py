"""`backpoints routines` and `backpoints sheet --routine`."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_sheet_cli import needs_poppler, pdf_pages, pdf_text
from tests.conftest import run_cli


def test_routines_json_lists_id_name_audience_technique_steps_source() -> None:
    result = run_cli("routines", "--json")
    assert result.returncode == 0, result.stderr
    routines = json.loads(result.stdout)
    assert len(routines) >= 8
    cherkin = next(r for r in routines if r["id"] == "cherkin2009-standardized")
    assert cherkin["audience"] == "practitioner" and cherkin["technique"] == "needling"
    assert [s["point"] for s in cherkin["steps"]] == ["BL23", "GV3", "ashi", "BL40", "KI3"]
    assert cherkin["source"]["kind"] == "trial"
    assert "Arch Intern Med. 2009;169(9):858-866" in cherkin["source"]["citation"]
    for routine in routines:
        assert routine["source"]["citation"], routine["id"]
    shoulder = next(r for r in routines if r["id"] == "shoulder-tension-self-care")
    assert shoulder["pregnancy"] is False and shoulder["pregnancy_caution"] is True


def test_routines_table_and_pregnancy_filter() -> None:
    everything = run_cli("routines")
    assert everything.returncode == 0
    assert "shoulder-tension-self-care  Shoulder tension, self-care  [not in pregnancy]" in everything.stdout
    assert "source: Trial protocol: Cherkin DC" in everything.stdout
    safe = run_cli("routines", "--no-pregnancy-caution")
    assert "shoulder-tension-self-care" not in safe.stdout
    # The lumbar points are avoided in pregnancy (WHO 1999), so the lower-back routine says so and is hidden.
    assert "lower-back-self-care  Lower back, self-care  [not in pregnancy]" in everything.stdout
    assert "lower-back-self-care" not in safe.stdout
    assert "neck-stiffness-self-care" in safe.stdout


def test_a_broken_routines_file_is_reported_with_positions(tmp_path: Path) -> None:
    bad = tmp_path / "r.yaml"
    bad.write_text("format: 1\nroutines:\n  - id: x\n    name: X\n", encoding="utf-8")
    result = run_cli("routines", "--routines", str(bad))
    assert result.returncode == 1
    assert f"{bad}:3:5: routine 'x': missing required keys purpose" in result.stderr
    assert "Traceback" not in result.stderr


@needs_poppler
def test_sheet_from_a_routine_prints_steps_times_sides_and_source(tmp_path: Path) -> None:
    out = tmp_path / "lb.pdf"
    result = run_cli("sheet", "--routine", "lower-back-self-care", "--output", str(out))
    assert result.returncode == 0, result.stderr
    assert pdf_pages(out) <= 2
    text = " ".join(pdf_text(out).split())
    assert "Lower back, self-care" in text
    assert "1. BL23 Shènshū" in text and "90 s each side" in text
    assert "3. GV4 Mìngmén" in text and "midline" in text
    assert "Source: Traditional combination" in text and "en.tcm-china.org" in text
    assert text.index("1. BL23") < text.index("2. BL52") < text.index("5. KI3")


@needs_poppler
def test_trial_protocol_sheet_names_the_paper(tmp_path: Path) -> None:
    out = tmp_path / "ck.pdf"
    result = run_cli("sheet", "--routine", "cherkin2009-standardized", "--output", str(out))
    assert result.returncode == 0, result.stderr
    text = " ".join(pdf_text(out).split())
    assert "Source: Trial protocol: Cherkin DC" in text
    assert "Ashi point" in text and "x1 each side" in text


def test_unknown_routine_exit_1_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    result = run_cli("sheet", "--routine", "nope", "--output", str(out))
    assert result.returncode == 1
    assert "--routine: no routine 'nope' (routines: lower-back-self-care" in result.stderr
    assert not out.exists()
