"""`backpoints diary ...`: record check-ins and sessions, list, export, import and report.

Every subcommand works on the same file the GUI's Diary tab uses (paths.diary_file()),
or on --diary FILE. Only `report` loads Qt (to paint the PDF). Nothing from the
diary's contents is logged.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.diary import (
    PROVIDERS,
    SEVERITIES,
    SIDE_EFFECTS,
    TECHNIQUES,
    CheckIn,
    DiaryContents,
    DiaryError,
    DiaryStore,
    Entry,
    Session,
    SideEffect,
    format_when,
    now,
    parse_money,
    parse_when,
)
from ..core.files import DataError
from ..core.model import AREAS

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


if TYPE_CHECKING:
    from ..core.routines import Routine

def _when(text: str) -> dt.datetime:
    try:
        return parse_when(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-27") from None


def _score(text: str) -> int:
    if not re.fullmatch(r"\d{1,2}", text.strip()) or not 0 <= int(text) <= 10:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number from 0 to 10")
    return int(text)


def _cents(text: str) -> int:
    try:
        return parse_money(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _effect(text: str) -> SideEffect:
    kind, _, severity = text.partition(":")
    if kind not in SIDE_EFFECTS or (severity and severity not in SEVERITIES):
        raise argparse.ArgumentTypeError(
            f"{text!r}: use KIND or KIND:SEVERITY with KIND one of {', '.join(SIDE_EFFECTS)} "
            f"and SEVERITY one of {', '.join(SEVERITIES)}"
        )
    return SideEffect(kind, severity or "mild")


def add_parser(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Add `diary` and its subcommands to the main parser."""
    diary = commands.add_parser("diary", help="the treatment and pain diary (check-ins, sessions, reports)")
    diary.add_argument("--diary", metavar="FILE", help="use this diary file instead of the one in your data folder")
    sub = diary.add_subparsers(dest="diary_command", metavar="ACTION", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--diary", metavar="FILE", dest="sub_diary", help=argparse.SUPPRESS)

    checkin = sub.add_parser("checkin", help="record pain now (0-10) and, optionally, the worst in 24 hours")
    checkin.add_argument("--pain", type=_score, required=True, metavar="N", help="pain now, 0 (none) to 10 (worst imaginable)")
    checkin.add_argument("--worst", type=_score, metavar="N", help="worst pain in the last 24 hours, 0-10")
    checkin.add_argument("--date", type=_when, metavar="ISO", help="when (default now): 2026-11-27 or 2026-11-27T08:30")
    checkin.add_argument("--area", choices=AREAS, action="append", metavar="AREA", help=f"where it hurts (repeatable): {', '.join(AREAS)}")
    checkin.add_argument("--notes", default="", metavar="TEXT")
    common(checkin)

    session = sub.add_parser("session", help="record a treatment session")
    session.add_argument("--date", type=_when, metavar="ISO", help="when (default now): 2026-11-27 or 2026-11-27T08:30")
    session.add_argument("--cost", type=_cents, metavar="AMOUNT", help="what it cost, e.g. 75 or 75.50")
    session.add_argument("--currency", default="USD", metavar="C", help="three-letter currency code (default USD)")
    used = session.add_mutually_exclusive_group()
    used.add_argument("--routine", metavar="ID", help="the routine used (bundled or your own; sets who treated and how)")
    used.add_argument("--points", metavar="CODES", help="point codes, separated by commas or spaces")
    session.add_argument("--technique", choices=TECHNIQUES, default=None, metavar="T", help=f"{', '.join(TECHNIQUES)}")
    session.add_argument("--provider", choices=PROVIDERS, default=None,
                         help="who treated (default: the routine's audience with --routine, else practitioner)")
    session.add_argument("--duration", type=int, metavar="MINUTES")
    session.add_argument("--insurance-paid", action="store_true", help="insurance paid for this session")
    session.add_argument("--side-effect", type=_effect, action="append", metavar="KIND[:SEVERITY]",
                         help=f"repeatable; KIND: {', '.join(SIDE_EFFECTS)}; SEVERITY: {', '.join(SEVERITIES)}")
    session.add_argument("--notes", default="", metavar="TEXT")
    session.add_argument("--data", metavar="FILE", dest="sub_data", help=argparse.SUPPRESS)
    common(session)

    listing = sub.add_parser("list", help="list the entries, oldest first, then the summary")
    listing.add_argument("--json", action="store_true", help="print a JSON array of entries")
    listing.add_argument("--from", dest="start", type=_day, metavar="ISO")
    listing.add_argument("--to", dest="end", type=_day, metavar="ISO")
    common(listing)

    export = sub.add_parser("export", help="write every entry to a CSV file")
    export.add_argument("file", metavar="FILE.csv")
    common(export)

    importing = sub.add_parser("import", help="add the entries of a CSV file (all or none; entries already present are skipped)")
    importing.add_argument("file", metavar="FILE.csv")
    common(importing)

    report = sub.add_parser("report", help="write a PDF report for your doctor or practitioner")
    report.add_argument("--output", required=True, metavar="FILE.pdf")
    report.add_argument("--from", dest="start", type=_day, metavar="ISO")
    report.add_argument("--to", dest="end", type=_day, metavar="ISO")
    report.add_argument("--paper", choices=("a4", "letter"), default="a4")
    report.add_argument("--name", default="", metavar="TEXT", help="whose diary it is (printed in the heading)")
    report.add_argument("--data", metavar="FILE", dest="sub_data", help=argparse.SUPPRESS)
    common(report)

    wipe = sub.add_parser("delete-all", help="delete the diary file and its backups (asks for --yes)")
    wipe.add_argument("--yes", action="store_true", help="really delete every entry")
    common(wipe)


def diary_path(args: argparse.Namespace) -> Path:
    """--diary FILE, or the diary in the user's data folder."""
    chosen = getattr(args, "sub_diary", None) or getattr(args, "diary", None)
    if chosen:
        return Path(chosen)
    from .. import paths

    return paths.diary_file()


def run(args: argparse.Namespace, data: str | None) -> int:
    """Run one `diary` subcommand; returns the exit code. Messages go to stderr."""
    path = diary_path(args)
    action = args.diary_command
    try:
        if action == "delete-all":
            return _delete_all(path, args.yes)
        if action in ("list", "export", "report") and not path.exists():
            print(f"{path}: no diary yet; record a check-in or a session first", file=sys.stderr)
            return EXIT_FAIL
        with DiaryStore(path) as store:
            if action == "checkin":
                entry: Entry = CheckIn(at=args.date or now(), pain=args.pain, worst=args.worst,
                                       areas=tuple(dict.fromkeys(args.area or ())), notes=args.notes)
                return _add(store, entry)
            if action == "session":
                return _session(store, args, data)
            contents = store.contents()
            if action == "list":
                return _list(contents.between(args.start, args.end), args.json)
            if action == "export":
                return _export(contents, args.file)
            if action == "import":
                return _import(store, contents, args.file)
            if action == "report":
                return _report(contents, args, data)
    except DiaryError as exc:
        print(exc, file=sys.stderr)
        return EXIT_FAIL
    except ValueError as exc:
        print(f"diary {action}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    raise AssertionError(action)  # pragma: no cover - argparse allows only the actions above


def _add(store: DiaryStore, entry: Entry) -> int:
    saved = store.add(entry)
    what = "check-in" if isinstance(saved, CheckIn) else "session"
    print(f"{store.path}: {what} of {format_when(saved.at)} saved", file=sys.stderr)
    return EXIT_OK


def _find_routine(routine_id: str, data: str | None) -> Routine | None:
    """A bundled routine, or one of the user's own (read only: a bad file is not moved here)."""
    from .. import paths
    from ..core.files import read_text
    from ..core.routines import parse_user_routines
    from ..datasets import load
    from .routines import load_library

    try:
        found = load_library(load(data)).get(routine_id)
    except DataError:
        found = None
    if found is not None:
        return found
    try:
        user = parse_user_routines(read_text(str(paths.user_routines_file())))
    except (DataError, OSError):
        return None
    return next((r for r in user.routines if r.id == routine_id), None)


def _session(store: DiaryStore, args: argparse.Namespace, data: str | None) -> int:
    points: tuple[str, ...] = ()
    if args.points:
        from ..datasets import load
        from ..core.search import code_key, query_code

        try:
            dataset = load(data)
        except DataError as exc:
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            return EXIT_FAIL
        known = {code_key(p.code): p.code for p in dataset.points}
        wanted = [c for c in re.split(r"[,\s]+", args.points) if c]
        resolved = [known.get(query_code(c) or code_key(c)) for c in wanted]
        unknown = [w for w, r in zip(wanted, resolved) if r is None]
        if unknown:
            print(f"--points: not in the dataset: {', '.join(unknown)}", file=sys.stderr)
            return EXIT_FAIL
        points = tuple(dict.fromkeys(r for r in resolved if r))
    routine = None
    if args.routine:
        routine = _find_routine(args.routine, data)
        if routine is None:
            print(f"--routine: no routine {args.routine!r} (`backpoints routines` lists them)", file=sys.stderr)
            return EXIT_FAIL
    # Who treated and how follow the routine (a trial protocol is a practitioner's needling),
    # unless the command line says otherwise.
    provider = args.provider or (routine.audience if routine is not None else "practitioner")
    technique = args.technique or (
        "acupressure" if (routine.technique == "acupressure" if routine is not None else provider == "self-care")
        else "acupuncture")
    entry = Session(
        at=args.date or now(), provider=provider, technique=technique, points=points, routine=args.routine or "",
        duration_min=args.duration, cost_cents=args.cost, currency=args.currency.upper(),
        insurance_paid=args.insurance_paid, side_effects=tuple(args.side_effect or ()), notes=args.notes,
    )
    return _add(store, entry)


def entry_json(entry: Entry) -> dict[str, object]:
    """One entry as plain data for `diary list --json`."""
    base: dict[str, object] = {"kind": entry.kind, "id": entry.id, "date": format_when(entry.at), "notes": entry.notes}
    if isinstance(entry, CheckIn):
        base.update(pain=entry.pain, worst=entry.worst, areas=list(entry.areas),
                    activity=None if entry.activity is None else list(entry.activity),
                    activity_score=entry.activity_score)
    else:
        base.update(provider=entry.provider, technique=entry.technique, points=list(entry.points),
                    routine=entry.routine or None, duration_min=entry.duration_min,
                    cost=None if entry.cost_cents is None else entry.cost_cents / 100, currency=entry.currency,
                    insurance_paid=entry.insurance_paid,
                    side_effects=[{"kind": e.kind, "severity": e.severity, "note": e.note} for e in entry.side_effects])
    return base


def _list(contents: DiaryContents, as_json: bool) -> int:
    from ..core.diary_summary import describe, last_checkin_text, summary_text

    if as_json:
        json.dump([entry_json(e) for e in contents.entries], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    for entry in contents.entries:
        print(f"{format_when(entry.at)}  {'check-in' if entry.kind == 'checkin' else 'session ':<8}  {describe(entry)}")
    print()
    print(summary_text(contents))
    print(last_checkin_text(contents))
    return EXIT_OK


def _export(contents: DiaryContents, file: str) -> int:
    from ..core.diary_csv import export_csv

    try:
        export_csv(contents.entries, Path(file))
    except OSError as exc:
        print(f"{file}: cannot write the CSV ({exc.strerror or exc})", file=sys.stderr)
        return EXIT_FAIL
    print(f"{file}: {len(contents.entries)} entries written", file=sys.stderr)
    return EXIT_OK


def _import(store: DiaryStore, contents: DiaryContents, file: str) -> int:
    from ..core.diary_csv import import_csv, new_entries

    try:
        incoming = import_csv(file)
    except DataError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{file}: nothing was imported", file=sys.stderr)
        return EXIT_FAIL
    fresh = new_entries(contents.entries, incoming)
    store.add_many(fresh)
    skipped = len(incoming) - len(fresh)
    print(f"{file}: {len(fresh)} entries added" + (f", {skipped} already in the diary" if skipped else ""), file=sys.stderr)
    return EXIT_OK


def _report(contents: DiaryContents, args: argparse.Namespace, data: str | None) -> int:
    from ..datasets import load

    try:
        dataset = load(data)
    except DataError:
        dataset = None  # the report then shows codes without names
    from ..ui.app import ensure_platform

    ensure_platform(offscreen=True)
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    from ..printing.diary_report import ReportOptions, write_report_pdf
    from ..printing.renderer import PrintError

    options = ReportOptions(start=args.start, end=args.end, paper=args.paper, name=args.name)
    try:
        pages = write_report_pdf(args.output, contents, options, dataset)
    except PrintError as exc:
        print(exc, file=sys.stderr)
        return EXIT_FAIL
    finally:
        del app
    period = contents.between(args.start, args.end)
    print(f"{args.output}: {pages} page{'s' if pages != 1 else ''}, {len(period.entries)} entries", file=sys.stderr)
    return EXIT_OK


def _delete_all(path: Path, yes: bool) -> int:
    from ..core.diary import remove_diary_files

    if not yes:
        print(f"this deletes every entry in {path} and its backups; run again with --yes to do it", file=sys.stderr)
        return EXIT_USAGE
    gone = remove_diary_files(path)
    print(f"{path}: deleted ({len(gone)} file{'s' if len(gone) != 1 else ''})" if gone else f"{path}: there was no diary",
          file=sys.stderr)
    return EXIT_OK
