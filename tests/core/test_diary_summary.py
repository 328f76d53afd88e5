"""The diary's summary sentence, reminder line, spacing changes and rolling average."""

from __future__ import annotations

import datetime as dt

from backpoints.core.diary import CheckIn, DiaryContents, Session, SideEffect
from backpoints.core.diary_summary import (
    chart_series,
    last_checkin_text,
    points_used_most,
    rolling_average,
    side_effect_counts,
    spacing_changes,
    span_text,
    summary_text,
)

START = dt.datetime(2026, 9, 1, 9, 0)


def day(n: float) -> dt.datetime:
    return START + dt.timedelta(days=n)


def six_weeks() -> DiaryContents:
    # Sessions twice a week for 3 weeks, then weekly; pain 7 -> 4 over 42 days; $64 each.
    session_days = [0, 3, 7, 10, 14, 17, 24, 31, 38, 42]
    sessions = tuple(Session(at=day(d), points=("BL23", "BL40") if d % 2 else ("BL23",), cost_cents=6400) for d in session_days)
    pains = [7, 7, 6, 6, 5, 5, 4]
    checkins = tuple(CheckIn(at=day(7 * i), pain=p) for i, p in enumerate(pains))
    return DiaryContents(sessions, checkins)


def test_summary_states_pain_sessions_and_cost_without_claims() -> None:
    text = summary_text(six_weeks(), today=day(42).date())
    assert text.startswith("Pain fell from 7 to 4 over 6 weeks and 10 sessions; 10 sessions in all, 6 in the last month; spent $640.")
    assert "do not show what caused" in text
    for claim in ("works", "effective", "cure", "helped", "improv"):
        assert claim not in text.lower()


def test_summary_of_an_empty_and_a_one_entry_diary() -> None:
    assert "empty" in summary_text(DiaryContents())
    one = DiaryContents((), (CheckIn(at=START, pain=3),))
    assert summary_text(one, START.date()).startswith("One check-in so far: pain 3 of 10; no sessions recorded.")


def test_summary_with_two_currencies_and_insurance() -> None:
    contents = DiaryContents(
        (Session(at=day(0), cost_cents=9000, currency="EUR", insurance_paid=True), Session(at=day(1), cost_cents=12050, currency="CHF")),
        (CheckIn(at=day(0), pain=5), CheckIn(at=day(2), pain=6)),
    )
    text = summary_text(contents, day(2).date())
    assert "Pain rose from 5 to 6 over 2 days and 2 sessions" in text
    assert "spent €90 and CHF 120.50 (insurance paid for 1 session)" in text


def test_reminder_line_says_when_and_how_often() -> None:
    contents = six_weeks()
    assert last_checkin_text(contents, day(45)) == (
        "Last check-in 3 days ago; recent sessions about every 7 days (last 4); last session 3 days ago."
    )
    assert last_checkin_text(DiaryContents(), day(0)) == "No check-in yet; no sessions yet."


def test_spacing_change_is_found_where_twice_weekly_became_weekly() -> None:
    changes = spacing_changes(six_weeks().sessions)
    assert [(c.at, round(c.before), round(c.after)) for c in changes] == [(day(17), 3, 7)]
    assert changes[0].label == "spaced out: every 3 days → every 7 days"
    # One late session is not a new rhythm.
    steady = [Session(at=day(d)) for d in (0, 7, 14, 28, 35, 42)]
    assert spacing_changes(steady) == []


def test_rolling_average_covers_the_last_seven_days() -> None:
    checkins = [CheckIn(at=day(d), pain=p) for d, p in ((0, 8), (1, 6), (6, 4), (7, 2), (20, 5))]
    assert [round(v, 2) for _, v in rolling_average(checkins)] == [8, 7, 6, 4, 5]


def test_long_spans_use_a_four_week_average() -> None:
    year = [CheckIn(at=day(d), pain=d % 10) for d in range(0, 365)]
    series = chart_series(DiaryContents((), tuple(year)))
    assert series.rolling_days == 28
    assert round(series.rolling[100], 3) == round(sum(d % 10 for d in range(73, 101)) / 28, 3)
    assert chart_series(DiaryContents((), tuple(year[:60]))).rolling_days == 7


def test_points_and_side_effects_counted_once_per_session() -> None:
    sessions = [
        Session(at=day(0), points=("BL23", "BL23", "GV4"), side_effects=(SideEffect("soreness"),)),
        Session(at=day(1), points=("GV4",), side_effects=(SideEffect("soreness"), SideEffect("bruising"))),
    ]
    assert points_used_most(sessions) == [("GV4", 2), ("BL23", 1)]
    assert side_effect_counts(sessions) == [("soreness", 2), ("bruising", 1)]


def test_chart_series_lines_up_with_the_entries() -> None:
    series = chart_series(six_weeks())
    assert len(series.times) == len(series.pain) == len(series.rolling) == 7
    assert len(series.sessions) == 10 and len(series.changes) == 1
    assert series.times == tuple(sorted(series.times))


def test_span_words() -> None:
    assert [span_text(d) for d in (0.2, 1, 10, 42, 120, 800)] == ["1 day", "1 day", "10 days", "6 weeks", "4 months", "2.2 years"]
