"""Core helpers the GUI uses for sheets: dates kept as written, codes summarised."""

from __future__ import annotations

import datetime
from pathlib import Path

from backpoints.core.sheet import Sheet, load_sheet, parse_sheet_date, save_sheet, summarise_codes


def test_a_free_text_date_is_kept_as_written(tmp_path: Path) -> None:
    path = tmp_path / "s.bpsheet.yaml"
    save_sheet(Sheet(date="spring 2026, after the 2nd visit", points=("BL23",)), path)
    sheet = load_sheet(path)
    assert sheet.date == "spring 2026, after the 2nd visit"
    assert parse_sheet_date(sheet.date) is None  # not a calendar date: the GUI keeps the text
    assert parse_sheet_date("2026-11-26") == datetime.date(2026, 11, 26)
    assert parse_sheet_date("") is None


def test_codes_are_summarised() -> None:
    codes = tuple(f"XX{i}" for i in range(20_000))
    text = summarise_codes(codes)
    assert text == "'XX0', 'XX1', 'XX2', 'XX3', 'XX4' and 19,995 more"
    assert summarise_codes(("A1", "B2")) == "'A1', 'B2'"
