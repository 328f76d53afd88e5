"""The user's own small files (routines, favourites): read, or set aside when broken."""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path
from typing import Callable, TypeVar

from .files import DataError, read_text

T = TypeVar("T")


def load_or_set_aside(path: str | os.PathLike[str], parse: Callable[[str, str], T], empty: T,
                      what: str) -> tuple[T, str]:
    """The file parsed by parse(text, name), and a message ('' if all is well).

    A missing file is `empty`. A file that fails validation is renamed aside
    (NAME.bad-YYYYmmdd-HHMMSS) so that the next save can never overwrite it, and the
    message says where it went and what was wrong. `what` names the file for the user
    ("routines", "favourites").
    """
    target = Path(path)
    if not target.exists():
        return empty, ""
    try:
        return parse(read_text(str(target)), str(target)), ""
    except DataError as exc:
        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = target.with_name(f"{target.name}.bad-{stamp}")
        try:
            os.replace(target, aside)
        except OSError as move:
            return empty, f"Your {what} file could not be read and was left in place ({move.strerror or move}):\n{exc}"
        return empty, f"Your {what} file could not be read; it was kept as {aside}.\n{exc}"
