"""`backpoints list --query`: the GUI's order, scores and matched fields, typo suggestions marked."""

from __future__ import annotations

import json
from pathlib import Path

from backpoints.cli import main
from backpoints.core.search import SearchIndex
from tests.conftest import run_cli


def test_list_query_is_in_the_engines_relevance_order(capsys, dataset) -> None:  # type: ignore[no-untyped-def]
    assert main(["list", "--query", "low back", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    hits = SearchIndex(dataset).search_ranked("low back")
    assert [r["code"] for r in rows] == [h.point.code for h in hits]
    assert rows[0]["code"] == "BL23"
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    assert {r["matched"] for r in rows} <= {"code", "name", "use", "text"}
    assert all(r["fuzzy"] is False for r in rows)


def test_list_table_is_in_the_same_order(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["list", "--query", "sciatica", "--json"]) == 0
    order = [r["code"] for r in json.loads(capsys.readouterr().out)]
    assert main(["list", "--query", "sciatica"]) == 0
    table = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert table == order and table[0] == "GB30"


def test_list_typo_offers_suggestions_marked_fuzzy(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["list", "--query", "shensu", "--json"]) == 1  # nothing matched exactly
    out = capsys.readouterr()
    rows = json.loads(out.out)
    assert rows[0]["code"] == "BL23" and rows[0]["fuzzy"] is True and rows[0]["matched"] == "pinyin"
    assert rows[0]["did_you_mean"] == "Did you mean Shènshū (BL23)?"
    assert all(r["fuzzy"] for r in rows)
    assert "no points match" in out.err


def test_list_table_says_did_you_mean(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["list", "--query", "shensu"]) == 1
    out = capsys.readouterr()
    lines = out.out.splitlines()
    assert lines[0].startswith("did you mean BL23") and all(line.startswith("did you mean ") for line in lines)
    assert main(["list", "--query", "sciatca"]) == 1
    out = capsys.readouterr()
    assert "Did you mean \u201csciatica\u201d?" in out.err
    assert out.out.splitlines()[0].startswith("did you mean GB30")


def test_list_nonsense_has_no_suggestions(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["list", "--query", "xylophone", "--json"]) == 1
    assert json.loads(capsys.readouterr().out) == []


def test_sheet_points_accept_every_code_spelling(tmp_path: Path) -> None:
    out = tmp_path / "sheet.pdf"
    result = run_cli("sheet", "--points", "bl40, UB60 du4,Ren6,K3,sj5", "--output", str(out))
    assert result.returncode == 0, result.stderr
    assert "6 points" in result.stderr and out.stat().st_size > 1000


def test_sheet_open_accepts_other_spellings(tmp_path: Path) -> None:
    sheet = tmp_path / "notes.bpsheet.yaml"
    sheet.write_text("backpoints_sheet: 1\npoints: [bl23, UB40, Liv3]\n", encoding="utf-8")
    out = tmp_path / "sheet.pdf"
    result = run_cli("sheet", "--open", str(sheet), "--output", str(out))
    assert result.returncode == 0, result.stderr
    assert "3 points" in result.stderr
    bad = tmp_path / "bad.bpsheet.yaml"
    bad.write_text("backpoints_sheet: 1\npoints: [bl23, BL999]\n", encoding="utf-8")
    result = run_cli("sheet", "--open", str(bad), "--output", str(out))
    assert result.returncode == 1 and "unknown point code 'BL999'" in result.stderr
