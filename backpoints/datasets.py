"""The one door to load a dataset, and the one way to report what is wrong with one.

Every command and the window come through here: `load` reads the YAML (validated)
or, where allowed, its verified JSON copy; `problem_lines` turns a DataError into the
FILE:LINE:COL lines shown on the terminal or in a message box.
"""

from __future__ import annotations

import sys
from typing import TextIO

from .core.files import DataError
from .core.model import Dataset


def dataset_path(name: str | None) -> str:
    """The file to read: the one named, or the bundled dataset."""
    from .resources import default_dataset_path

    return name or str(default_dataset_path())


def load(name: str | None = None, *, cached: bool = False) -> Dataset:
    """Load and validate a dataset (the bundled one for None); raises DataError.

    With cached, an unchanged file is read from its validated JSON copy in the cache
    folder (no PyYAML at start-up). `list` and `validate` leave it off: finding the
    cache folder needs Qt, and they never load Qt.
    """
    path = dataset_path(name)
    if cached:
        from . import paths
        from .core.cache import load_dataset_cached

        return load_dataset_cached(path, paths.cache_dir())
    from .core.loader import load_dataset

    return load_dataset(path)


def load_or_bundled(name: str | None) -> tuple[Dataset, DataError | None]:
    """The requested dataset, or the bundled one plus the error that kept the other out."""
    try:
        return load(name, cached=True), None
    except DataError as exc:
        if name is None:
            raise
        return load(None, cached=True), exc


def problem_lines(exc: DataError) -> list[str]:
    """One FILE:LINE:COL line per problem."""
    return [str(p) for p in exc.problems]


def print_problems(exc: DataError, stream: TextIO | None = None) -> None:
    """Write every problem to stderr (or stream), one per line."""
    out = stream or sys.stderr
    for line in problem_lines(exc):
        print(line, file=out)
