"""What the diary says at a glance: the plain-language summary, the reminder line,
session spacing, the rolling average and the chart's series (no Qt).

The wording states what was recorded and never what caused it: no medical claim.
"""

from __future__ import annotations

import datetime as _dt
import statistics
from collections import Counter
from dataclasses import dataclass

from .diary import CheckIn, DiaryContents, Entry, Session, format_money

#: The rolling average covers this many days up to each check-in...
ROLLING_DAYS = 7
#: ...or this many when the check-ins span more than LONG_SPAN_DAYS (a week's average
#: of years of daily readings is mostly noise at that scale).
ROLLING_DAYS_LONG = 28
LONG_SPAN_DAYS = 183


@dataclass(frozen=True, slots=True)
class SpacingChange:
    """Where the time between sessions changed: at this session, from about `before` to `after` days."""

    at: _dt.datetime
    before: float
    after: float

    @property
    def label(self) -> str:
        word = "spaced out" if self.after > self.before else "closer"
        return f"{word}: every {_days(self.before)} → every {_days(self.after)}"


@dataclass(frozen=True)
class ChartSeries:
    """The numbers the chart draws; times are POSIX seconds of local dates."""

    times: tuple[float, ...]
    pain: tuple[int, ...]
    worst_times: tuple[float, ...]
    worst: tuple[int, ...]
    rolling_times: tuple[float, ...]
    rolling: tuple[float, ...]
    rolling_days: int
    sessions: tuple[float, ...]
    changes: tuple[tuple[float, str], ...]


def _days(value: float) -> str:
    n = round(value)
    return "day" if n == 1 else f"{n} days"


def span_text(days: float) -> str:
    """A length of time in words: 5 days, 6 weeks, 4 months."""
    if days < 14:
        n = max(1, round(days))
        return f"{n} day{'s' if n != 1 else ''}"
    if days < 9 * 7:
        return f"{round(days / 7)} weeks"
    months = round(days / 30.44)
    if months < 24:
        return f"{months} months"
    return f"{days / 365.25:.1f} years".replace(".0 ", " ")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def costs(sessions: tuple[Session, ...] | list[Session]) -> dict[str, int]:
    """Total cost in cents per currency, in the order currencies first appear."""
    totals: dict[str, int] = {}
    for s in sessions:
        if s.cost_cents:
            totals[s.currency] = totals.get(s.currency, 0) + s.cost_cents
    return totals


def summary_text(contents: DiaryContents, today: _dt.date | None = None) -> str:
    """The diary in one or two plain sentences, e.g.
    "Pain fell from 7 to 4 over 6 weeks and 10 sessions; 3 sessions in the last month; spent $640."
    """
    today = today or _dt.date.today()
    checkins, sessions = contents.checkins, contents.sessions
    if not checkins and not sessions:
        return "The diary is empty. Record a check-in (your pain now) or a session to start."
    parts: list[str] = []
    if len(checkins) >= 2:
        first, last = checkins[0], checkins[-1]
        span = (last.at - first.at).total_seconds() / 86400
        during = sum(1 for s in sessions if first.at <= s.at <= last.at)
        if last.pain < first.pain:
            trend = f"Pain fell from {first.pain} to {last.pain}"
        elif last.pain > first.pain:
            trend = f"Pain rose from {first.pain} to {last.pain}"
        else:
            trend = f"Pain was {last.pain} at the first and the latest check-in"
        parts.append(f"{trend} over {span_text(span)}" + (f" and {_plural(during, 'session')}" if during else ""))
    elif checkins:
        parts.append(f"One check-in so far: pain {checkins[0].pain} of 10")
    else:
        parts.append("No check-in yet")
    month_ago = today - _dt.timedelta(days=30)
    recent = sum(1 for s in sessions if month_ago < s.at.date() <= today)
    parts.append(f"{_plural(len(sessions), 'session')} in all, {recent} in the last month" if sessions
                 else "no sessions recorded")
    totals = costs(sessions)
    if totals:
        spent = " and ".join(format_money(c, cur) for cur, c in totals.items())
        paid = sum(1 for s in sessions if s.insurance_paid)
        parts.append(f"spent {spent}" + (f" (insurance paid for {_plural(paid, 'session')})" if paid else ""))
    return "; ".join(parts) + ". These are your own records; they do not show what caused a change."


def last_checkin_text(contents: DiaryContents, now: _dt.datetime | None = None) -> str:
    """The reminder line: when the last check-in was, and how sessions have been spaced lately."""
    now = now or _dt.datetime.now()
    parts: list[str] = []
    if contents.checkins:
        parts.append(f"Last check-in {_ago(contents.checkins[-1].at, now)}")
    else:
        parts.append("No check-in yet")
    sessions = contents.sessions
    if len(sessions) >= 2:
        gaps = session_gaps(sessions)[-3:]
        parts.append(f"recent sessions about every {_days(statistics.median(gaps))} "
                     f"(last {len(gaps) + 1}); last session {_ago(sessions[-1].at, now)}")
    elif sessions:
        parts.append(f"one session, {_ago(sessions[-1].at, now)}")
    else:
        parts.append("no sessions yet")
    return "; ".join(parts) + "."


def _ago(when: _dt.datetime, now: _dt.datetime) -> str:
    days = (now.date() - when.date()).days
    if days < 0:
        return f"on {when.date().isoformat()} (a future date)"
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{days} days ago"


def session_gaps(sessions: tuple[Session, ...] | list[Session]) -> list[float]:
    """Days between consecutive sessions."""
    return [(b.at - a.at).total_seconds() / 86400 for a, b in zip(sessions, sessions[1:])]


def spacing_changes(sessions: tuple[Session, ...] | list[Session]) -> list[SpacingChange]:
    """Sessions where the usual gap changed by half or more (and by 3 days or more).

    The gap before is the median of up to three earlier gaps; this gap and the next must
    both differ from it, so one late (or the latest) session does not count as a change.
    """
    gaps = session_gaps(sessions)
    changes: list[SpacingChange] = []
    i = 1
    while i + 1 < len(gaps):  # a new rhythm needs two gaps to show
        before = statistics.median(gaps[max(0, i - 3):i])
        pair = gaps[i:i + 2]
        longer = all(g >= 1.5 * before and g - before >= 3 for g in pair)
        shorter = all(before >= 1.5 * g and before - g >= 3 for g in pair)
        if longer or shorter:
            changes.append(SpacingChange(sessions[i].at, before, statistics.median(pair)))
            i += 3  # let the new rhythm settle before looking again
        else:
            i += 1
    return changes


def rolling_average(checkins: tuple[CheckIn, ...] | list[CheckIn], days: int = ROLLING_DAYS) -> list[tuple[_dt.datetime, float]]:
    """At each check-in, the mean pain of the check-ins in the `days` days up to it."""
    out: list[tuple[_dt.datetime, float]] = []
    start = 0
    total = 0
    window = _dt.timedelta(days=days)
    for i, c in enumerate(checkins):
        total += c.pain
        while checkins[start].at <= c.at - window:
            total -= checkins[start].pain
            start += 1
        out.append((c.at, total / (i - start + 1)))
    return out


def rolling_days(checkins: tuple[CheckIn, ...] | list[CheckIn]) -> int:
    """The rolling average's window for these check-ins: 7 days, or 28 over long spans."""
    if len(checkins) >= 2 and (checkins[-1].at - checkins[0].at).days > LONG_SPAN_DAYS:
        return ROLLING_DAYS_LONG
    return ROLLING_DAYS


def points_used_most(sessions: tuple[Session, ...] | list[Session], limit: int = 10) -> list[tuple[str, int]]:
    """Point codes by how many sessions used them, most first (ties by code)."""
    counts = Counter(code for s in sessions for code in dict.fromkeys(s.points))
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]


def side_effect_counts(sessions: tuple[Session, ...] | list[Session]) -> list[tuple[str, int]]:
    """How often each side effect was recorded, most first."""
    counts = Counter(e.kind for s in sessions for e in s.side_effects)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def chart_series(contents: DiaryContents) -> ChartSeries:
    """Everything the pain chart plots."""
    checkins = contents.checkins
    times = tuple(c.at.timestamp() for c in checkins)
    worst = [(c.at.timestamp(), c.worst) for c in checkins if c.worst is not None]
    days = rolling_days(checkins)
    rolling = rolling_average(checkins, days)
    return ChartSeries(
        times=times,
        pain=tuple(c.pain for c in checkins),
        worst_times=tuple(t for t, _ in worst),
        worst=tuple(w for _, w in worst),
        rolling_times=tuple(t.timestamp() for t, _ in rolling),
        rolling=tuple(v for _, v in rolling),
        rolling_days=days,
        sessions=tuple(s.at.timestamp() for s in contents.sessions),
        changes=tuple((c.at.timestamp(), c.label) for c in spacing_changes(contents.sessions)),
    )


def describe(entry: Entry) -> str:
    """One line of text about an entry (`diary list`, the Diary table and the report share it)."""
    if isinstance(entry, CheckIn):
        text = f"pain {entry.pain}" + (f", worst {entry.worst}" if entry.worst is not None else "")
        if entry.areas:
            text += f"; {', '.join(entry.areas)}"
        if entry.activity_score is not None:
            text += f"; activity check {entry.activity_score}/10"
        return text
    parts = [entry.technique + (" (self-care)" if entry.provider == "self-care" else "")]
    if entry.points:
        parts.append(" ".join(entry.points))
    if entry.routine:
        parts.append(f"routine {entry.routine}")
    if entry.cost_cents is not None:
        parts.append(format_money(entry.cost_cents, entry.currency) + (" (insurance)" if entry.insurance_paid else ""))
    if entry.side_effects:
        parts.append("side effects: " + ", ".join(f"{e.kind} ({e.severity})" for e in entry.side_effects))
    return "; ".join(parts)
