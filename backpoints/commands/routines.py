"""`backpoints routines` and the `--routine` source of `backpoints sheet` (no Qt)."""

from __future__ import annotations

import argparse
import json
import sys

from typing import TYPE_CHECKING

from ..core.files import DataError, Problem

if TYPE_CHECKING:  # the parser is built for every start, the window's too: no YAML here
    from ..core.model import Dataset
    from ..core.routines import RoutineLibrary
    from ..core.sheet import Sheet

EXIT_OK, EXIT_FAIL = 0, 1


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the `routines` command."""
    parser = commands.add_parser("routines", help="list the routines (short point sets with a press order)")
    parser.add_argument("--json", action="store_true", help="print a JSON array instead of a table")
    parser.add_argument("--no-pregnancy-caution", action="store_true",
                        help="hide routines that are not for use in pregnancy")
    parser.add_argument("--routines", metavar="FILE", help="use this routines file instead of the bundled one")
    parser.add_argument("--data", metavar="FILE", dest="sub_data", help=argparse.SUPPRESS)


def load_library(dataset: Dataset, path: str | None = None) -> RoutineLibrary:
    """The bundled routines (or `path`), checked against the dataset."""
    from ..core.routines import load_routines
    from ..resources import data_file

    return load_routines(path or str(data_file("routines.yaml")), dataset)


def run(args: argparse.Namespace, dataset_loader: object) -> int:
    """List routines; `dataset_loader` is cli.load (the dataset named on the command line)."""
    data = getattr(args, "sub_data", None) or getattr(args, "data", None)
    try:
        dataset: Dataset = dataset_loader(data)  # type: ignore[operator]
        library = load_library(dataset, args.routines)
    except DataError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_FAIL
    routines = library.visible(dataset, args.no_pregnancy_caution)
    if args.json:
        # pregnancy_caution: the routine's own flag or any of its points' (what the filter uses).
        items = [{**r.to_json(), "pregnancy_caution": r.pregnancy_caution(dataset)} for r in routines]
        json.dump(items, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK if routines else EXIT_FAIL
    for routine in routines:
        flag = "  [not in pregnancy]" if routine.pregnancy_caution(dataset) else ""
        print(f"{routine.id}  {routine.name}{flag}")
        print(f"    {routine.audience}, {routine.technique}; {routine.frequency}")
        steps = ", ".join(f"{i}. {s.point} {s.dose_text()}" for i, s in enumerate(routine.steps, start=1))
        print(f"    steps: {steps}")
        print(f"    source: {routine.source_text()}")
    if not routines:
        print("no routines", file=sys.stderr)
        return EXIT_FAIL
    return EXIT_OK


def sheet_for(routine_id: str, dataset: Dataset) -> Sheet:
    """The sheet of one routine (for `backpoints sheet --routine ID`); DataError if unknown."""
    library = load_library(dataset)
    routine = library.get(routine_id)
    if routine is None:
        known = ", ".join(r.id for r in library.routines)
        raise DataError([Problem("--routine", 0, 0, f"no routine {routine_id!r} (routines: {known})")])
    from ..core.routines import routine_sheet

    return routine_sheet(routine)
