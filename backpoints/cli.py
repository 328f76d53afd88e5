"""Command line entry point. Qt is imported only by the commands that draw something."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Sequence

from .core.model import AREAS, MERIDIANS, PAIN_TYPES, VIEWS, Dataset
from .core.files import DataError

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every command."""
    parser = argparse.ArgumentParser(
        prog="backpoints",
        description="Acupuncture and acupressure points for back pain: an educational "
        "reference, not medical advice. Without a command, opens the window.",
    )
    parser.add_argument("--data", metavar="FILE", help="use this dataset instead of the bundled one")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    validate = commands.add_parser("validate", help="check dataset files; one FILE:LINE:COL line per problem")
    validate.add_argument("files", nargs="+", metavar="FILE")

    listing = commands.add_parser("list", help="list or search points")
    listing.add_argument("--pain", choices=PAIN_TYPES, help="only points for lower or upper back pain")
    listing.add_argument(
        "--area", choices=AREAS, action="append", metavar="AREA",
        help=f"only points in this area (repeatable): {', '.join(AREAS)}",
    )
    listing.add_argument("--meridian", choices=tuple(MERIDIANS), metavar="CODE", help="only this meridian (BL, GV, ...)")
    listing.add_argument("--query", metavar="TEXT", default="", help="search codes, names, pinyin, characters and text")
    listing.add_argument("--no-pregnancy-caution", action="store_true", help="hide points traditionally avoided in pregnancy")
    listing.add_argument("--data", metavar="FILE", dest="sub_data", help=argparse.SUPPRESS)
    listing.add_argument("--json", action="store_true", help="print a JSON array instead of a table")

    shot = commands.add_parser("screenshot", help="render the main window to a PNG, offscreen")
    shot.add_argument("--output", required=True, metavar="FILE.png")
    shot.add_argument("--view", choices=VIEWS, metavar="VIEW", help=f"figure to show: {', '.join(VIEWS)}")
    shot.add_argument("--select", metavar="CODE", help="select this point")
    shot.add_argument("--size", default="1400x900", metavar="WIDTHxHEIGHT")
    shot.add_argument("--data", metavar="FILE", dest="sub_data", help=argparse.SUPPRESS)

    sheet = commands.add_parser("sheet", help="make a point sheet as a PDF or print it")
    source = sheet.add_mutually_exclusive_group(required=True)
    source.add_argument("--points", metavar="CODES", help="point codes, separated by commas or spaces")
    source.add_argument("--pain", choices=PAIN_TYPES, help="the lower or upper back pain preset")
    source.add_argument("--area", choices=AREAS, metavar="AREA", help="the preset of one area")
    source.add_argument("--open", metavar="SHEETFILE", help="a saved sheet file")
    target = sheet.add_mutually_exclusive_group(required=True)
    target.add_argument("--output", metavar="FILE.pdf", help="write a PDF")
    target.add_argument("--printer", metavar="NAME", help="print on this installed printer")
    sheet.add_argument("--paper", choices=("a4", "letter"), help="paper size (default a4)")
    sheet.add_argument("--title", metavar="TEXT")
    sheet.add_argument("--name", metavar="TEXT", help="who the sheet is for")
    sheet.add_argument("--technique", choices=("self-care", "needling"), help="what the sheet explains")
    sheet.add_argument("--data", metavar="FILE", dest="sub_data", help=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; returns the process exit code."""
    from .logs import configure

    parser = build_parser()
    args = parser.parse_args(argv)
    configure(log_file=args.command not in ("list", "validate"))
    data = getattr(args, "sub_data", None) or args.data
    try:
        if args.command == "validate":
            return _validate(args.files)
        if args.command == "list":
            return _list(args, data)
        if args.command == "sheet":
            return _sheet(args, data)
        if args.command == "screenshot":
            from .ui.app import screenshot

            return screenshot(args, data, parser)
        from .ui.app import run_gui

        return run_gui(data)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away; that is not an error of ours.
        sys.stderr.close()
        return EXIT_OK


def load(data: str | None) -> Dataset:
    """The dataset named on the command line, or the bundled one."""
    from .core.loader import load_dataset
    from .resources import default_dataset_path

    return load_dataset(data or str(default_dataset_path()))


def _validate(files: list[str]) -> int:
    from .core.loader import load_dataset

    status = EXIT_OK
    for name in files:
        try:
            dataset = load_dataset(name)
        except DataError as exc:
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            status = EXIT_FAIL
        else:
            count = len(dataset)
            print(f"{name}: OK, {count} point{'s' if count != 1 else ''}", file=sys.stderr)
    return status


def _list(args: argparse.Namespace, data: str | None) -> int:
    from .core.search import Filters, SearchIndex

    try:
        dataset = load(data)
    except DataError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_FAIL
    filters = Filters(
        pain=args.pain or "",
        areas=frozenset(args.area or ()),
        meridian=args.meridian or "",
        hide_pregnancy=args.no_pregnancy_caution,
    )
    index = SearchIndex(dataset)
    hits = index.search_ranked(args.query, filters)
    # Typo suggestions only when nothing matched, and always marked as such.
    shown = hits or index.suggest(args.query, filters)
    if args.json:
        rows = [h.point.to_json() | {"score": h.score, "matched": h.matched, "fuzzy": h.fuzzy}
                | ({"did_you_mean": h.did_you_mean()} if h.fuzzy else {}) for h in shown]
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for hit in shown:
            point = hit.point
            flag = " [pregnancy caution]" if point.pregnancy_caution else ""
            lead = "did you mean " if hit.fuzzy else ""
            print(f"{lead}{point.code:<8} {point.pinyin:<14} {point.name:<28} {', '.join(point.areas)}{flag}")
    for line in dict.fromkeys(h.did_you_mean() for h in shown if h.matched == "word"):
        print(line, file=sys.stderr)
    points = [h.point for h in hits]
    if not points:
        asked = args.query or args.pain or args.area or args.meridian or args.no_pregnancy_caution
        print("no points match" if asked else "the dataset has no points", file=sys.stderr)
        return EXIT_FAIL
    return EXIT_OK


def _sheet(args: argparse.Namespace, data: str | None) -> int:
    import dataclasses
    import re

    from .core.sheet import Sheet, check_codes, load_sheet, preset_sheet, presets, today
    from .core.search import canonical_code

    try:
        dataset = load(data)
        if args.open:
            sheet = load_sheet(args.open, dataset)
            check_codes(sheet, dataset, args.open)
        elif args.points:
            wanted = [c for c in re.split(r"[,\s]+", args.points) if c]
            resolved = [canonical_code(dataset, c) or c for c in wanted]
            sheet = Sheet(title="Point sheet", points=tuple(dict.fromkeys(resolved)), date=today())
            check_codes(sheet, dataset, "--points")
        else:
            key = f"pain-{args.pain}" if args.pain else f"area-{args.area}"
            preset = next((p for p in presets(dataset) if p.key == key), None)
            if preset is None:
                print(f"no points in the dataset for {key.split('-', 1)[1]}", file=sys.stderr)
                return EXIT_FAIL
            sheet = preset_sheet(preset)
    except DataError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_FAIL
    changes = {k: v for k, v in (("paper", args.paper), ("title", args.title), ("name", args.name),
                                  ("technique", args.technique)) if v is not None}
    sheet = dataclasses.replace(sheet, **changes)
    if not sheet.points:
        print("the sheet has no points", file=sys.stderr)
        return EXIT_FAIL

    from .ui.app import ensure_platform

    ensure_platform(offscreen=True)
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    from .printing.renderer import PrintError, write_pdf

    try:
        if args.output:
            pages = write_pdf(args.output, sheet, dataset)
            print(f"{args.output}: {pages} page{'s' if pages != 1 else ''}, {len(sheet.points)} points", file=sys.stderr)
        else:
            from .printing.printer import print_to_named_printer

            pages = print_to_named_printer(args.printer, sheet, dataset)
            print(f"sent {pages} page{'s' if pages != 1 else ''} to printer {args.printer}", file=sys.stderr)
    except PrintError as exc:
        print(exc, file=sys.stderr)
        return EXIT_FAIL
    finally:
        del app
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
