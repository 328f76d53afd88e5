"""Sheets in the core: editing, presets, cautions, files written atomically."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from backpoints.core.sheet import (
    Sheet, gather_cautions, load_sheet, parse_sheet, preset_sheet, presets, resolve, save_sheet,
)
from backpoints.core.yamlread import DataError


def test_editing_keeps_order_and_refuses_duplicates() -> None:
    sheet = Sheet().with_point("BL23").with_point("BL40").with_point("BL23").with_point("GV4")
    assert sheet.points == ("BL23", "BL40", "GV4")
    assert sheet.moved("GV4", 0).points == ("GV4", "BL23", "BL40")
    assert sheet.moved("BL23", 99).points == ("BL40", "GV4", "BL23")
    assert sheet.without_point("BL40").points == ("BL23", "GV4")


def test_presets_come_from_the_dataset(dataset) -> None:  # type: ignore[no-untyped-def]
    found = {p.key: p for p in presets(dataset)}
    assert {"pain-lower", "pain-upper", "area-lower-back", "area-hand", "area-knee"} <= found.keys()
    assert all("lower" in dataset.point(c).pain for c in found["pain-lower"].codes)
    assert "BL23" in found["pain-lower"].codes and "GB20" in found["pain-upper"].codes
    sheet = preset_sheet(found["area-hand"], name="Ann")
    assert sheet.title == "Points of the hands" and sheet.name == "Ann" and "LI4" in sheet.points


def test_cautions_gather_by_kind(dataset) -> None:  # type: ignore[no-untyped-def]
    points, missing = resolve(Sheet(points=("LI4", "BL13", "BL23", "XX1")), dataset)
    assert missing == ["XX1"]
    notes = {n.title: n for n in gather_cautions(points)}
    assert notes["Pregnancy"].codes == ("LI4", "BL23") and notes["Pregnancy"].urgent
    assert "BL13" in notes["Chest wall and upper back"].codes
    assert "Bleeding risk" in notes and "Clean technique" in notes
    assert "BL23" in notes["Organs beneath"].codes
    assert "See a doctor first (red flags)" in notes  # BL23 serves lower back pain
    # A self-care sheet gathers no needling hazard and no needle hygiene.
    self_care = {n.title: n for n in gather_cautions(points, "self-care")}
    assert "Chest wall and upper back" not in self_care and "Clean technique" not in self_care
    assert "Pregnancy" in self_care and "Pressing safely" in self_care
    upper_only = gather_cautions([dataset.point("GB20")])
    assert not any(n.title.startswith("See a doctor") for n in upper_only)


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    sheet = Sheet(title="Für Jane: 肾俞", name="Jane", date="2026-11-26", notes="Twice a day.\nGently.",
                  paper="letter", technique="needling", points=("BL23", "BL40"))
    path = tmp_path / "s.bpsheet.yaml"
    save_sheet(sheet, path)
    assert load_sheet(path) == sheet
    assert "backpoints_sheet: 1" in path.read_text(encoding="utf-8")


def test_a_failed_save_leaves_the_old_file_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "s.yaml"
    save_sheet(Sheet(title="Old", points=("BL23",)), path)
    before = path.read_bytes()

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        save_sheet(Sheet(title="New", points=("GV4",)), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["s.yaml"]  # no temporary file left behind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "the file is empty"),
        ("- BL23\n", "sheet must be a mapping"),
        ("backpoints_sheet: 1\npoints: BL23\n", "s.yaml:2:9: points must be a list"),
        ("backpoints_sheet: 1\npoints: [BL23, BL23]\n", "s.yaml:2:16: points: 'BL23' is listed twice"),
        ("backpoints_sheet: 1\npaper: a3\npoints: []\n", "s.yaml:2:8: paper: unknown value 'a3'"),
        ("backpoints_sheet: 1\ncolour: red\npoints: []\n", "s.yaml:2:1: sheet: unknown key 'colour'"),
        ("backpoints_sheet: 9\npoints: []\n", "sheet format 9 is not supported"),
        ("title: x\n", "missing required keys backpoints_sheet, points"),
        ("backpoints_sheet: 1\npoints: !!python/object:os.system []\n", "is not allowed"),
    ],
)
def test_broken_sheets_are_reported(text: str, expected: str) -> None:
    with pytest.raises(DataError) as info:
        parse_sheet(text, "s.yaml")
    assert any(expected in str(p) for p in info.value.problems), info.value.problems


def test_pain_presets_start_with_the_painful_region(dataset) -> None:  # type: ignore[no-untyped-def]
    found = {p.key: p for p in presets(dataset)}
    lower = [dataset.point(c) for c in found["pain-lower"].codes]
    assert "lower-back" in lower[0].areas and "upper-back" not in lower[0].areas
    first_other = next(i for i, p in enumerate(lower) if "lower-back" not in p.areas)
    assert all("lower-back" not in p.areas for p in lower[first_other:])
    upper = [dataset.point(c) for c in found["pain-upper"].codes]
    assert "upper-back" in upper[0].areas


def test_red_flags_come_first_on_lower_back_sheets(dataset) -> None:  # type: ignore[no-untyped-def]
    notes = gather_cautions([dataset.point("LI4"), dataset.point("BL23")])
    assert notes[0].title.startswith("See a doctor first") and notes[1].title == "Pregnancy"


# --- one code normalisation -------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "code"),
    [("bl40", "BL40"), ("BL-40", "BL40"), ("UB40", "BL40"), ("ub 40", "BL40"), ("Du4", "GV4"), ("Ren6", "CV6"),
     ("SJ5", "TE5"), ("Liv3", "LR3"), ("K3", "KI3"), ("ex-ue7", "EX-UE7"), ("EXUE7", "EX-UE7"),
     ("Bladder 23", "BL23"), ("BL23", "BL23"), ("XX1", None), ("BL99", None), ("", None)],
)
def test_canonical_code_accepts_every_spelling_search_accepts(dataset, typed: str, code: str | None) -> None:  # type: ignore[no-untyped-def]
    from backpoints.core.search import SearchIndex, canonical_code

    assert canonical_code(dataset, typed) == code
    if code is not None:
        assert SearchIndex(dataset).search(typed)[0].code == code


def test_sheet_file_with_other_spellings_loads_and_saves_canonical(tmp_path: Path, dataset) -> None:  # type: ignore[no-untyped-def]
    from backpoints.core.sheet import check_codes

    path = tmp_path / "old.bpsheet.yaml"
    path.write_text("backpoints_sheet: 1\ntitle: From my notes\npoints: [bl40, UB60, Du4, ren 6, K3]\n",
                    encoding="utf-8")
    sheet = load_sheet(path, dataset)
    assert sheet.points == ("BL40", "BL60", "GV4", "CV6", "KI3")
    check_codes(sheet, dataset, str(path))  # no unknown code
    save_sheet(sheet, path)
    assert "points: [BL40, BL60, GV4, CV6, KI3]" in path.read_text(encoding="utf-8")
    # Without a dataset the file is read as written, and resolve() still finds the points.
    raw = parse_sheet("backpoints_sheet: 1\npoints: [bl40, UB60]\n")
    assert raw.points == ("bl40", "UB60")
    points, missing = resolve(raw, dataset)
    assert [p.code for p in points] == ["BL40", "BL60"] and missing == []


def test_two_spellings_of_one_point_are_a_duplicate(dataset) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DataError) as caught:
        parse_sheet("backpoints_sheet: 1\npoints: [BL40, bl40]\n", "s.yaml", dataset)
    assert "'BL40' is listed twice" in str(caught.value.problems[0])
    assert caught.value.problems[0].line == 2


_ALIASES = {"BL": ("UB", "B"), "GV": ("Du",), "CV": ("Ren",), "TE": ("SJ", "TB"), "LR": ("Liv", "LV"),
            "KI": ("K", "Kid"), "GB": ("G",), "ST": ("S",), "LI": ("LI",), "SI": ("SI",), "SP": ("SP",)}


def test_every_point_code_in_every_spelling(dataset) -> None:  # type: ignore[no-untyped-def]
    """Each code of the dataset, written as people write it, comes back as the dataset's code."""
    from backpoints.core.search import canonical_code

    for point in dataset.points:
        code = point.code
        letters = code.rstrip("0123456789")
        number = code[len(letters):]
        spellings = {code.lower(), code.replace("-", ""), f"{letters.rstrip('-')} {number}".lower()}
        if not code.startswith("EX"):
            spellings |= {f"{letters}-{number}", f"{letters}0{number}"}
            spellings |= {f"{alias}{number}" for alias in _ALIASES.get(letters, ())}
            spellings |= {f"{alias.lower()} {number}" for alias in _ALIASES.get(letters, ())}
        for spelling in spellings:
            assert canonical_code(dataset, spelling) == code, spelling
