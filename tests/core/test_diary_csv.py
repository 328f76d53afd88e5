"""Diary CSV: a lossless round trip, spreadsheet-safe cells, and errors with line numbers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from backpoints.core.diary import CheckIn, DiaryStore, Session, SideEffect
from backpoints.core.diary_csv import COLUMNS, export_csv, import_csv, new_entries, parse_csv, to_csv
from backpoints.core.files import DataError

T = dt.datetime(2026, 11, 2, 18, 45)
ENTRIES = [
    CheckIn(at=T, pain=6, worst=8, areas=("lower-back", "leg"), activity=(1, 2, 0, 1, 1), notes='sore, "stiff"\nafter the drive'),
    Session(at=T + dt.timedelta(days=1), provider="self-care", technique="acupressure", points=("BL23", "GV4"),
            routine="lower-back-basic", duration_min=20, notes="=SUM(A1:A9)"),
    Session(at=T + dt.timedelta(days=3), points=("BL40",), cost_cents=8550, currency="GBP", insurance_paid=True,
            side_effects=(SideEffect("bruising", "moderate", "left | right"), SideEffect("dizziness", "severe"))),
    CheckIn(at=T + dt.timedelta(days=4), pain=0, notes="Ünïcødé 腰痛"),
]


def test_round_trip_through_a_file_keeps_every_field(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    export_csv(ENTRIES, path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # spreadsheets see UTF-8
    assert "'=SUM(A1:A9)" in raw.decode("utf-8")  # not run as a formula
    assert import_csv(path) == ENTRIES


def test_import_into_a_store_and_again_adds_nothing(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    export_csv(ENTRIES, path)
    with DiaryStore(tmp_path / "d.sqlite3") as store:
        store.add_many(new_entries(store.contents().entries, import_csv(path)))
        assert len(store.contents().entries) == 4
        assert new_entries(store.contents().entries, import_csv(path)) == []


def test_errors_name_file_line_and_column(tmp_path: Path) -> None:
    text = (
        "kind,date,pain,worst,areas,cost\n"
        "checkin,2026-11-01,5,,lower-back,\n"   # line 2 fine
        "checkin,2026-11-02,12,,,\n"            # line 3: pain
        "session,2026-13-01,,,,\n"              # line 4: date
        '"checkin","2026-11-03","4","","elbow",""\n'  # line 5: area
        "session,2026-11-04,,,,-5\n"            # line 6: cost
        "sessions,2026-11-04,,,,\n"             # line 7: kind
        "checkin,2026-11-05,3\n"                # line 8: too few cells
    )
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as info:
        import_csv(path)
    lines = [str(p) for p in info.value.problems]
    assert lines[0].startswith(f"{path}:3:3: pain: must be from 0 to 10")
    assert lines[1].startswith(f"{path}:4:2: date:")
    assert lines[2].startswith(f"{path}:5:5: areas: unknown area 'elbow'")
    assert lines[3].startswith(f"{path}:6:6: cost:")
    assert lines[4].startswith(f"{path}:7:1: kind:")
    assert lines[5] == f"{path}:8:0: has 3 cells; the header has 6"
    assert len(lines) == 6


def test_a_quoted_multiline_note_keeps_later_line_numbers_right() -> None:
    text = 'kind,date,pain,notes\ncheckin,2026-11-01,5,"one\ntwo\nthree"\ncheckin,2026-11-02,x,\n'
    with pytest.raises(DataError) as info:
        parse_csv(text, "f.csv")
    assert str(info.value.problems[0]).startswith("f.csv:5:3: pain: must be a whole number")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("kind,date,mood\n", "unknown column(s) 'mood'"),
        ("date,pain\n", "missing column(s) kind"),
        ("kind,date,date\n", "repeated column(s) date"),
    ],
)
def test_bad_headers_are_explained(text: str, message: str) -> None:
    with pytest.raises(DataError, match=r"f\.csv:1:0: .*" + message.replace("(", r"\(").replace(")", r"\)")):
        parse_csv(text, "f.csv")


def test_not_text_and_missing_files_are_reported(tmp_path: Path) -> None:
    binary = tmp_path / "x.csv"
    binary.write_bytes(b"kind,date\n\xff\xfe\x00")
    with pytest.raises(DataError, match="not valid UTF-8"):
        import_csv(binary)
    with pytest.raises(DataError, match="no such file"):
        import_csv(tmp_path / "missing.csv")


def test_header_lists_every_column() -> None:
    assert to_csv([]).strip() == ",".join(COLUMNS)


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from backpoints.core.diary import MAX_TEXT, SEVERITIES, SIDE_EFFECTS  # noqa: E402
from backpoints.core.model import AREAS  # noqa: E402

_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=60)
_when = st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2099, 12, 31)).map(
    lambda d: d.replace(second=0, microsecond=0))
_checkins = st.builds(
    CheckIn, at=_when, pain=st.integers(0, 10), worst=st.none() | st.integers(0, 10),
    areas=st.lists(st.sampled_from(AREAS), unique=True, max_size=4).map(tuple),
    activity=st.none() | st.tuples(*[st.integers(0, 2)] * 5), notes=_text,
)
_effects = st.builds(SideEffect, kind=st.sampled_from(SIDE_EFFECTS), severity=st.sampled_from(SEVERITIES),
                     note=_text.filter(lambda t: " | " not in t and t == t.strip() and "\n" not in t and "\r" not in t))
_sessions = st.builds(
    Session, at=_when, points=st.lists(st.sampled_from(["BL23", "BL40", "GV4", "EX-B2"]), unique=True).map(tuple),
    cost_cents=st.none() | st.integers(0, 10**8), currency=st.sampled_from(["USD", "EUR", "CHF"]),
    duration_min=st.none() | st.integers(1, 1440), insurance_paid=st.booleans(), notes=_text,
    side_effects=st.lists(_effects, max_size=3).map(tuple),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_checkins | _sessions, max_size=8))
def test_any_entries_survive_a_csv_round_trip(entries: list) -> None:  # type: ignore[type-arg]
    assert parse_csv(to_csv(entries)) == entries
    assert MAX_TEXT > 60
