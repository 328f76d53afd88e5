"""Command line entry point. Qt is imported only by the commands that draw something."""

from __future__ import annotations

import argparse
import json
import os
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

    validate = commands.add_parser(
        "validate", help="check dataset, routines and sheet files; one FILE:LINE:COL line per problem")
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
    source.add_argument("--routine", metavar="ID", help="a routine (see `backpoints routines`)")
    target = sheet.add_mutually_exclusive_group(required=True)
    target.add_argument("--output", metavar="FILE.pdf", help="write a PDF")
    target.add_argument("--printer", metavar="NAME", help="print on this installed printer")
    sheet.add_argument("--paper", choices=("a4", "letter"), help="paper size (default a4)")
    sheet.add_argument("--title", metavar="TEXT")
    sheet.add_argument("--name", metavar="TEXT", help="who the sheet is for")
    sheet.add_argument("--technique", choices=("self-care", "needling"), help="what the sheet explains")
    sheet.add_argument("--data", metavar="FILE", dest="sub_data", help=argparse.SUPPRESS)

    from . import desktop, manual
    from .commands import diary
    from .commands import routines as routines_command

    diary.add_parser(commands)
    routines_command.add_parser(commands)
    desktop.register(commands)
    return manual.describe(parser)


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; returns the process exit code."""
    from .terminal import escaping_output

    with escaping_output():  # control characters from data never reach the terminal as such
        code = _main(argv)
    if argv is None and _one_shot:  # the process's own command line: the process ends here
        from .startup import finish_one_shot

        return finish_one_shot(code)
    return code


_one_shot = False  # set by _main for commands that end the process when done (sheet, screenshot)


def _main(argv: Sequence[str] | None = None) -> int:
    from .logs import configure

    parser = build_parser()
    args = parser.parse_args(argv)
    global _one_shot
    _one_shot = args.command in ("sheet", "screenshot") and args.command is not None
    if args.command in ("sheet", "screenshot"):
        # These never show a window: an inherited QT_QPA_PLATFORM=xcb without a display
        # would make Qt abort, so render offscreen whatever the environment says.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    configure(log_file=args.command not in ("list", "validate", "diary", "routines", "install-desktop",
                                            "uninstall-desktop"))
    data = getattr(args, "sub_data", None) or args.data
    if getattr(args, "handler", None) is not None:
        return int(args.handler(args))
    if args.command in (None, "screenshot", "sheet"):
        from .startup import StartupError, prepare

        try:
            prepare(window=args.command is None)
        except StartupError as exc:
            print(exc, file=sys.stderr)
            return exc.exit_code
    try:
        if args.command == "validate":
            return _validate(args.files)
        if args.command == "list":
            return _list(args, data)
        if args.command == "sheet":
            return _sheet(args, data)
        if args.command == "routines":
            from .commands import routines as routines_command

            return routines_command.run(args, load)
        if args.command == "diary":
            from .commands import diary

            return diary.run(args, data)
        if args.command == "screenshot":
            return _screenshot(args, data, parser)
        from .ui.app import run_gui

        return run_gui(data)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away; that is not an error of ours.
        from .terminal import discard_stdout

        discard_stdout()
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
    """Check each file as what it is: a dataset, a routines file or a sheet (by its top-level key)."""
    import re

    from .core.files import read_text
    from .core.limits import DATASET_MAX_BYTES

    status = EXIT_OK
    for name in files:
        try:
            # Read once to tell the kind (within the largest limit); each loader then reads
            # the file again with its own limit and checks.
            text = read_text(name, limit=DATASET_MAX_BYTES)
            if re.search(r"^routines\s*:", text, re.MULTILINE):
                from .core.routines import load_routines

                count = len(load_routines(name, load(None)).routines)
                what = f"{count} routine{'s' if count != 1 else ''}"
            elif re.search(r"^backpoints_sheet\s*:", text, re.MULTILINE):
                from .core.sheet import load_sheet, resolve

                bundled = load(None)
                sheet = load_sheet(name, bundled)
                count = len(sheet.points)
                what = f"a sheet of {count} point{'s' if count != 1 else ''}"
                missing = resolve(sheet, bundled)[1]
                if missing:
                    what += f" ({len(missing)} not in the bundled dataset: {', '.join(missing[:10])}"
                    what += ", …)" if len(missing) > 10 else ")"
            else:
                count = len(load(name))
                what = f"{count} point{'s' if count != 1 else ''}"
        except DataError as exc:
            print_problems(exc)
            status = EXIT_FAIL
        else:
            print(f"{name}: OK, {what}", file=sys.stderr)
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
    index = SearchIndex(dataset)
    hits = index.search_ranked(args.query, filters)
    # Typo suggestions only when nothing matched, and always marked as such.
    shown = hits or index.suggest(args.query, filters)
    from .terminal import json_safe, write_stdout

    if args.json:
        rows = [h.point.to_json() | {"score": h.score, "matched": h.matched, "fuzzy": h.fuzzy}
                | ({"did_you_mean": h.did_you_mean()} if h.fuzzy else {}) for h in shown]
        text = json_safe(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    else:
        lines = []
        for hit in shown:
            point = hit.point
            flag = " [pregnancy caution]" if point.pregnancy_caution else ""
            lead = "did you mean " if hit.fuzzy else ""
            lines.append(f"{lead}{point.code:<8} {point.pinyin:<14} {point.name:<28} {', '.join(point.areas)}{flag}\n")
        text = "".join(lines)
    if not write_stdout(text):  # `list > /dev/full` must not exit 0 with the output lost
        return EXIT_FAIL
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
        dataset = load(data, cached=True)
        if args.open:
            sheet = load_sheet(args.open, dataset)
            check_codes(sheet, dataset, args.open)
        elif args.routine:
            from .commands.routines import sheet_for

            sheet = sheet_for(args.routine, dataset)
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
        print_problems(exc)
        return EXIT_FAIL
    changes = {k: v for k, v in (("paper", args.paper), ("title", args.title), ("name", args.name),
                                  ("technique", args.technique)) if v is not None}
    sheet = dataclasses.replace(sheet, **changes)
    if not sheet.points:
        print("the sheet has no points", file=sys.stderr)
        return EXIT_FAIL

    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    from .printing.renderer import PrintError, write_pdf

    try:
        if args.output:
            from .core.files import display_path, same_file

            for given in (args.open, data):
                if given and same_file(given, args.output):  # a typo must not turn the input into a PDF
                    raise PrintError(f"{display_path(args.output)}: is the input file {display_path(given)}; not replaced")
            pages = write_pdf(args.output, sheet, dataset)
            print(f"{display_path(args.output)}: {pages} page{'s' if pages != 1 else ''}, {len(sheet.points)} points", file=sys.stderr)
        else:
            from .printing.printer import print_to_named_printer

            outcome = print_to_named_printer(args.printer, sheet, dataset)
            sent = f"{outcome.pages} page{'s' if outcome.pages != 1 else ''}"
            if outcome.warning:  # a paused queue: the job waits, and the user must know
                print(f"queued {sent} on printer {args.printer}, but {outcome.warning}", file=sys.stderr)
            else:
                print(f"sent {sent} to printer {args.printer}", file=sys.stderr)
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
