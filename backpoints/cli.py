"""Command line entry point. Qt is imported only by the commands that draw something."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from typing import Sequence

from .core.model import AREAS, MERIDIANS, PAIN_TYPES, VIEWS, Dataset
from .core.files import DataError

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2

# Control characters (ESC, BEL, C1 CSI ...), line and paragraph separators and bidi
# overrides from data must not reach a terminal as themselves.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

# In JSON, json.dumps escapes C0 controls inside strings; the newlines of the layout stay.
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def safe_text(text: str) -> str:
    """Text from data or file names made safe to print: control characters shown as \\xNN / \\uNNNN."""
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _say(message: object) -> None:
    """A message on stderr, with control characters from data escaped."""
    print(safe_text(str(message)), file=sys.stderr)


def _discard_stdout() -> None:
    """After a failed write, send what is left in stdout's buffer to /dev/null, so the
    interpreter's final flush does not fail a second time with a traceback."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):
        pass


def write_stdout(text: str) -> int:
    """Write command output and make sure it arrived; a full disk or closed pipe is reported."""
    import errno

    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        _discard_stdout()  # the reader (e.g. `| head`) went away; that is not an error of ours
        return EXIT_OK
    except OSError as exc:
        _discard_stdout()
        reason = "the disk is full" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
        _say(f"backpoints: the output could not be written ({reason})")
        return EXIT_FAIL
    return EXIT_OK


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

    for stream in (sys.stdout, sys.stderr):
        # A terminal that cannot show a character (LANG=C, PYTHONIOENCODING=ascii) gets
        # an escape such as \u808e instead of a UnicodeEncodeError traceback.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command in ("sheet", "screenshot"):
        # These never show a window: an inherited QT_QPA_PLATFORM=xcb without a display
        # would make Qt abort, so render offscreen whatever the environment says.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
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
        _discard_stdout()
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
                _say(problem)
            status = EXIT_FAIL
        else:
            count = len(dataset)
            _say(f"{name}: OK, {count} point{'s' if count != 1 else ''}")
    return status


def _list(args: argparse.Namespace, data: str | None) -> int:
    from .core.search import Filters, SearchIndex

    try:
        dataset = load(data)
    except DataError as exc:
        for problem in exc.problems:
            _say(problem)
        return EXIT_FAIL
    filters = Filters(
        pain=args.pain or "",
        areas=frozenset(args.area or ()),
        meridian=args.meridian or "",
        hide_pregnancy=args.no_pregnancy_caution,
    )
    points = SearchIndex(dataset).search(args.query, filters)
    if args.json:
        # json escapes C0 controls; C1 controls and bidi overrides are escaped too (still valid JSON).
        text = json.dumps([p.to_json() for p in points], ensure_ascii=False, indent=2) + "\n"
        text = _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    else:
        lines = []
        for point in points:
            flag = " [pregnancy caution]" if point.pregnancy_caution else ""
            lines.append(safe_text(f"{point.code:<8} {point.pinyin:<14} {point.name:<28} {', '.join(point.areas)}{flag}") + "\n")
        text = "".join(lines)
    status = write_stdout(text)
    if status != EXIT_OK:
        return status
    if not points:
        asked = args.query or args.pain or args.area or args.meridian or args.no_pregnancy_caution
        _say("no points match" if asked else "the dataset has no points")
        return EXIT_FAIL
    return EXIT_OK


def _sheet(args: argparse.Namespace, data: str | None) -> int:
    import dataclasses
    import re

    from .core.files import display_path
    from .core.sheet import Sheet, check_codes, load_sheet, preset_sheet, presets, today
    from .core.search import code_key, query_code

    try:
        dataset = load(data)
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
                _say(f"no points in the dataset for {key.split('-', 1)[1]}")
                return EXIT_FAIL
            sheet = preset_sheet(preset)
    except DataError as exc:
        for problem in exc.problems:
            _say(problem)
        return EXIT_FAIL
    changes = {k: v for k, v in (("paper", args.paper), ("title", args.title), ("name", args.name),
                                  ("technique", args.technique)) if v is not None}
    sheet = dataclasses.replace(sheet, **changes)
    if not sheet.points:
        _say("the sheet has no points")
        return EXIT_FAIL

    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    from .printing.renderer import PrintError, write_pdf

    try:
        if args.output:
            pages = write_pdf(args.output, sheet, dataset)
            _say(f"{display_path(args.output)}: {pages} page{'s' if pages != 1 else ''}, {len(sheet.points)} points")
        else:
            from .printing.printer import print_to_named_printer

            outcome = print_to_named_printer(args.printer, sheet, dataset)
            pages = outcome.pages
            if outcome.warning:
                _say(f"queued {pages} page{'s' if pages != 1 else ''} on printer {args.printer}, "
                     f"but {outcome.warning}")
            else:
                _say(f"sent {pages} page{'s' if pages != 1 else ''} to printer {args.printer}")
    except PrintError as exc:
        _say(exc)
        return EXIT_FAIL
    finally:
        del app
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
