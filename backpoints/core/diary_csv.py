"""Diary entries to and from CSV (no Qt): one row per entry, validated on import.

Columns (docs in the header row; order on import is free, unknown columns are refused):

    kind            session or checkin
    date            2026-11-27T08:30 (or a plain date, read as noon)
    pain, worst     0-10 (check-ins)
    areas           body areas separated by spaces: lower-back hip
    activity        the activity check's five answers as digits 0-2, e.g. 01201
    provider        practitioner or self-care (sessions)
    technique       acupuncture, acupressure, ...
    points          point codes separated by spaces
    routine         a routine id
    duration_min    minutes
    cost            75 or 75.50
    currency        USD, EUR, ...
    insurance_paid  yes or no
    side_effects    "soreness (mild): note | bruising (moderate)"
    notes           free text

Text cells that a spreadsheet would run as a formula (starting with = + - @), or that
start with an apostrophe, are written with a leading apostrophe; import removes one.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from .diary import (
    ACTIVITY_ITEMS,
    SIDE_EFFECTS,
    CheckIn,
    Entry,
    Session,
    SideEffect,
    format_when,
    parse_money,
    parse_when,
    validate,
)
from .files import DataError, Problem, read_text, write_atomically

COLUMNS: tuple[str, ...] = (
    "kind", "date", "pain", "worst", "areas", "activity", "provider", "technique", "points", "routine",
    "duration_min", "cost", "currency", "insurance_paid", "side_effects", "notes",
)
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_EFFECT_RE = re.compile(r"^\s*([a-z]+) \(([a-z]+)\)(?:: (.*))?\s*$", re.S)
_EFFECT_SPLIT = re.compile(r"\s\|\s(?=(?:" + "|".join(SIDE_EFFECTS) + r") \()")
#: More problems than this and the import stops listing them.
MAX_PROBLEMS = 20


def _safe(text: str) -> str:
    # An apostrophe already in front is doubled, so import can always remove exactly one.
    return "'" + text if text.startswith(_FORMULA + ("'",)) else text


def _unsafe(text: str) -> str:
    return text[1:] if text.startswith("'") else text


def _effects_text(effects: tuple[SideEffect, ...]) -> str:
    return " | ".join(f"{e.kind} ({e.severity})" + (f": {e.note}" if e.note else "") for e in effects)


def entry_row(entry: Entry) -> dict[str, str]:
    """One entry as CSV cells."""
    row = dict.fromkeys(COLUMNS, "")
    row["kind"] = entry.kind
    row["date"] = format_when(entry.at)
    row["notes"] = _safe(entry.notes)
    if isinstance(entry, CheckIn):
        row["pain"] = str(entry.pain)
        row["worst"] = "" if entry.worst is None else str(entry.worst)
        row["areas"] = " ".join(entry.areas)
        row["activity"] = "" if entry.activity is None else "".join(str(a) for a in entry.activity)
        return row
    row.update(
        provider=entry.provider,
        technique=entry.technique,
        points=" ".join(entry.points),
        routine=entry.routine,
        duration_min="" if entry.duration_min is None else str(entry.duration_min),
        cost="" if entry.cost_cents is None else f"{entry.cost_cents / 100:.2f}",
        currency=entry.currency,
        insurance_paid="yes" if entry.insurance_paid else "no",
        side_effects=_safe(_effects_text(entry.side_effects)),
    )
    return row


def to_csv(entries: tuple[Entry, ...] | list[Entry]) -> str:
    """The entries as CSV text with a header row."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for entry in entries:
        writer.writerow(entry_row(entry))
    return out.getvalue()


def export_csv(entries: tuple[Entry, ...] | list[Entry], path: str | Path) -> None:
    """Write the entries to a CSV file atomically. Raises OSError (with the file name)."""
    target = Path(path)
    if target.exists() and not target.is_file():
        raise IsADirectoryError(f"{target}: is not a regular file")
    # The BOM lets spreadsheet programs see UTF-8; import ignores it.
    write_atomically(target, ("\ufeff" + to_csv(entries)).encode("utf-8"))


def _int(text: str, what: str, low: int, high: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise ValueError(f"must be a whole number, not {text!r}") from None
    if not low <= value <= high:
        raise ValueError(f"must be from {low} to {high}, not {value}")
    return value


def _bool(text: str) -> bool:
    value = text.strip().lower()
    if value in ("yes", "y", "true", "1"):
        return True
    if value in ("", "no", "n", "false", "0"):
        return False
    raise ValueError(f"insurance_paid must be yes or no, not {text!r}")


def _effects(text: str) -> tuple[SideEffect, ...]:
    if not text.strip():
        return ()
    effects = []
    for part in _EFFECT_SPLIT.split(text.strip()):
        match = _EFFECT_RE.match(part)
        if not match:
            raise ValueError(f"side effect {part.strip()!r} should look like 'soreness (mild)' or 'bruising (moderate): note'")
        effects.append(SideEffect(match.group(1), match.group(2), match.group(3) or ""))
    return tuple(effects)


def row_entry(row: dict[str, str]) -> Entry:
    """One CSV row as an entry; ValueError names the column at fault as 'column: message'."""

    def cell(name: str) -> str:
        return (row.get(name) or "").strip()

    def field(name: str, convert):  # type: ignore[no-untyped-def]
        try:
            return convert(cell(name))
        except ValueError as exc:
            raise ValueError(f"{name}: {exc}") from None

    kind = cell("kind").lower()
    if kind not in ("session", "checkin"):
        raise ValueError(f"kind: must be session or checkin, not {cell('kind')!r}")
    if not cell("date"):
        raise ValueError("date: is empty")
    at = field("date", parse_when)
    notes = _unsafe(row.get("notes") or "")
    entry: Entry
    if kind == "checkin":
        if not cell("pain"):
            raise ValueError("pain: a check-in needs the pain now (0-10)")
        entry = CheckIn(
            at=at,
            pain=field("pain", lambda t: _int(t, "pain", 0, 10)),
            worst=field("worst", lambda t: _int(t, "worst pain", 0, 10) if t else None),
            areas=tuple(cell("areas").split()),
            activity=field("activity", _activity),
            notes=notes,
        )
    else:
        entry = Session(
            at=at,
            provider=cell("provider") or "practitioner",
            technique=cell("technique") or "acupuncture",
            points=tuple(cell("points").replace(",", " ").split()),
            routine=cell("routine"),
            duration_min=field("duration_min", lambda t: _int(t, "duration", 1, 1440) if t else None),
            cost_cents=field("cost", lambda t: parse_money(t) if t else None),
            currency=(cell("currency") or "USD").upper(),
            insurance_paid=field("insurance_paid", _bool),
            side_effects=field("side_effects", lambda t: _effects(_unsafe(t))),
            notes=notes,
        )
    try:
        validate(entry)
    except ValueError as exc:
        raise ValueError(f"{_column_of(str(exc))}{exc}") from None
    return entry


def _column_of(message: str) -> str:
    for name, words in (("areas", "area"), ("provider", "provider"), ("technique", "technique"),
                        ("points", "point code"), ("routine", "routine"), ("currency", "currency"),
                        ("side_effects", "side effect"), ("side_effects", "severity"), ("notes", "notes")):
        if words in message:
            return f"{name}: "
    return ""


def _activity(text: str) -> tuple[int, ...] | None:
    if not text:
        return None
    if not re.fullmatch(r"[012]{%d}" % len(ACTIVITY_ITEMS), text):
        raise ValueError(f"must be {len(ACTIVITY_ITEMS)} digits, each 0, 1 or 2 (like 01201), not {text!r}")
    return tuple(int(c) for c in text)


def parse_csv(text: str, name: str = "<csv>") -> list[Entry]:
    """Entries from CSV text; DataError lists every bad row as FILE:LINE:COLUMN: message."""
    problems: list[Problem] = []
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise DataError([Problem(name, 1, 0, f"not readable as CSV ({exc})")]) from None
    if header is None or not any(h.strip() for h in header):
        raise DataError([Problem(name, 1, 0, f"the file is empty; expected a header row with: {', '.join(COLUMNS)}")])
    names = [h.strip().lower() for h in header]
    unknown = [h for h in names if h not in COLUMNS]
    missing = [c for c in ("kind", "date") if c not in names]
    duplicate = sorted({h for h in names if names.count(h) > 1})
    if unknown or missing or duplicate:
        why = []
        if unknown:
            why.append(f"unknown column(s) {', '.join(repr(u) for u in unknown)}")
        if missing:
            why.append(f"missing column(s) {', '.join(missing)}")
        if duplicate:
            why.append(f"repeated column(s) {', '.join(duplicate)}")
        raise DataError([Problem(name, 1, 0, "; ".join(why) + f" (known columns: {', '.join(COLUMNS)})")])
    entries: list[Entry] = []
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(Problem(name, reader.line_num, 0, f"not readable as CSV ({exc})"))
            break
        line = start
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(names):
            problems.append(Problem(name, line, 0, f"has {len(cells)} cells; the header has {len(names)}"))
        else:
            row = dict(zip(names, cells))
            try:
                entries.append(row_entry(row))
            except ValueError as exc:
                message = str(exc)
                column_name = message.split(":", 1)[0] if ":" in message else ""
                column = names.index(column_name) + 1 if column_name in names else 0
                problems.append(Problem(name, line, column, message))
        if len(problems) >= MAX_PROBLEMS:
            problems.append(Problem(name, 0, 0, "too many problems; stopped reading"))
            break
    if problems:
        raise DataError(problems)
    return entries


def import_csv(path: str | Path) -> list[Entry]:
    """Read and validate a CSV file; DataError on any problem (then nothing should be imported)."""
    return parse_csv(read_text(str(path)), str(path))


def _key(entry: Entry) -> tuple[object, ...]:
    from dataclasses import astuple, replace

    return (entry.kind, *astuple(replace(entry, id=None)))


def new_entries(existing: tuple[Entry, ...] | list[Entry], incoming: list[Entry]) -> list[Entry]:
    """The incoming entries that are not already in the diary (so importing twice adds nothing)."""
    seen = {_key(e) for e in existing}
    out = []
    for entry in incoming:
        key = _key(entry)
        if key not in seen:
            seen.add(key)
            out.append(entry)
    return out
