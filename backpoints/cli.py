"""Command line entry point. Qt is imported only by the commands that draw something."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Sequence

from .core.files import DataError
from .core.model import AREAS, MERIDIANS, PAIN_TYPES, VIEWS
from .datasets import load, print_problems

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
    listing.add_argument("--no-pregnancy-caution", action="store_true", help="hide points avoided in pregnancy (WHO 1999 regions, classical forbidden points)")
    listing.add_argument("--data", metavar="FILE", dest="sub_data", help=argparse.SUPPRESS)
    listing.add_argument("--json", action="store_true", help="print a JSON array instead of a table")

    shot = commands.add_parser("screenshot", help="render the main window to a PNG, offscreen")
    shot.add_argument("--output", required=True, metavar="FILE.png")
    shot.add_argument("--view", choices=VIEWS, metavar="VIEW", help=f"figure to show: {', '.join(VIEWS)}")
    shot.add_argument("--select", metavar="CODE", help="select this point and frame it as the app does")
    shot.add_argument("--landmarks", action="store_true", help="draw the landmark layer on every figure")
    shot.add_argument("--grid", action="store_true", help="draw the B-cun grid")
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
            return _screenshot(args, data, parser)
        from .ui.app import run_gui

        return run_gui(data)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away; that is not an error of ours.
        sys.stderr.close()
        return EXIT_OK


def parse_size(text: str) -> tuple[int, int] | None:
    """'1400x900' -> (1400, 900), or None when it is not a sensible size."""
    parts = text.lower().split("x")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        return None
    width, height = int(parts[0]), int(parts[1])
    if not (320 <= width <= 8000 and 240 <= height <= 8000):
        return None
    return width, height


def _validate(files: list[str]) -> int:
    status = EXIT_OK
    for name in files:
        try:
            dataset = load(name)
        except DataError as exc:
            print_problems(exc)
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
        print_problems(exc)
        return EXIT_FAIL
    filters = Filters(
        pain=args.pain or "",
        areas=frozenset(args.area or ()),
        meridian=args.meridian or "",
        hide_pregnancy=args.no_pregnancy_caution,
    )
    points = SearchIndex(dataset).search(args.query, filters)
    if args.json:
        json.dump([p.to_json() for p in points], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for point in points:
            flag = " [pregnancy caution]" if point.pregnancy_caution else ""
            print(f"{point.code:<8} {point.pinyin:<14} {point.name:<28} {', '.join(point.areas)}{flag}")
    if not points:
        asked = args.query or args.pain or args.area or args.meridian or args.no_pregnancy_caution
        print("no points match" if asked else "the dataset has no points", file=sys.stderr)
        return EXIT_FAIL
    return EXIT_OK


def _sheet(args: argparse.Namespace, data: str | None) -> int:
    import dataclasses
    import re

    from .core.sheet import Sheet, check_codes, load_sheet, preset_sheet, presets, today
    from .core.search import code_key, query_code

    try:
        dataset = load(data, cached=True)
        if args.open:
            sheet = load_sheet(args.open)
            check_codes(sheet, dataset, args.open)
        elif args.points:
            wanted = [c for c in re.split(r"[,\s]+", args.points) if c]
            codes = {code_key(p.code): p.code for p in dataset.points}
            resolved = [codes.get(query_code(c) or code_key(c), c) for c in wanted]
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
        print_problems(exc)
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


def _screenshot(args: argparse.Namespace, data: str | None, parser: argparse.ArgumentParser) -> int:
    """`backpoints screenshot`: render the main window offscreen to a PNG."""
    size = parse_size(args.size)
    if size is None:
        parser.error(f"--size: expected WIDTHxHEIGHT such as 1400x900 (320..8000 by 240..8000), not {args.size!r}")
    try:
        dataset = load(data, cached=True)
    except DataError as exc:
        print_problems(exc)
        return EXIT_FAIL
    if args.select and dataset.point(args.select) is None:
        parser.error(f"--select: no point with code {args.select!r} in the dataset")
    from .ui.screenshot import take_screenshot

    return take_screenshot(dataset, args.output, size, args.view, args.select, args.landmarks, args.grid)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
