"""Command line entry point. Qt is imported only by the commands that draw something."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Sequence

from .core.model import AREAS, MERIDIANS, PAIN_TYPES, VIEWS, Dataset
from .core.yamlread import DataError

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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; returns the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    data = getattr(args, "sub_data", None) or args.data
    try:
        if args.command == "validate":
            return _validate(args.files)
        if args.command == "list":
            return _list(args, data)
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


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
