"""Favourites: the points and routines a user starred, kept as one small YAML file.

    format: 1
    points: [BL23, KI3]
    routines: [lower-back-self-care]

The file lives in the user's data folder (paths.user_favourites_file). It is read with
the same FILE:LINE:COL validation as every other file, written atomically, and a file
that fails validation is renamed aside, never overwritten, so nothing starred is lost.
Codes that the current dataset lacks are kept: they may belong to another dataset.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from .files import DataError, Problem, read_text, write_atomically

FAVOURITES_FORMAT = 1
#: Point codes as datasets spell them (BL23, GV4, EX-B2, M-UE-24) and routine ids.
_CODE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9-]{0,23}$")
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
#: Far more than anyone stars; a bigger list is a wrong file, not favourites.
MAX_ENTRIES = 2000


@dataclass(frozen=True, slots=True)
class Favourites:
    """Starred point codes and routine ids, each in the order they were starred."""

    points: tuple[str, ...] = ()
    routines: tuple[str, ...] = ()

    def has_point(self, code: str) -> bool:
        return code in self.points

    def has_routine(self, routine_id: str) -> bool:
        return routine_id in self.routines

    def toggled_point(self, code: str) -> "Favourites":
        """Star the point, or unstar it if it is starred."""
        if code in self.points:
            return replace(self, points=tuple(c for c in self.points if c != code))
        return replace(self, points=self.points + (code,))

    def toggled_routine(self, routine_id: str) -> "Favourites":
        """Star the routine, or unstar it if it is starred."""
        if routine_id in self.routines:
            return replace(self, routines=tuple(r for r in self.routines if r != routine_id))
        return replace(self, routines=self.routines + (routine_id,))

    def merged(self, other: "Favourites") -> "Favourites":
        """Both sets of stars (an import never removes a star)."""
        return Favourites(
            tuple(dict.fromkeys(self.points + other.points)),
            tuple(dict.fromkeys(self.routines + other.routines)),
        )

    def is_empty(self) -> bool:
        return not self.points and not self.routines


def favourites_to_yaml(favourites: Favourites) -> str:
    """The favourites file's text."""
    data = {"format": FAVOURITES_FORMAT, "points": list(favourites.points), "routines": list(favourites.routines)}
    import yaml  # loaded when the stars are first written, not at start-up

    text: str = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return "# BackPoints favourites: starred points and routines.\n" + text


def parse_favourites(text: str, name: str = "<favourites>") -> Favourites:
    """Validate a favourites file; raises DataError with FILE:LINE:COL problems."""
    from .yamlread import read_top  # PyYAML loads with the first read, not at start-up

    reader, top = read_top(
        name, text, "favourites file", "a favourites file with 'points' and 'routines' lists",
        ("format",), ("points", "routines"),
    )
    version = reader.integer(top["format"], "format") if "format" in top else None
    if version is not None and version != FAVOURITES_FORMAT:
        reader.error(top["format"], f"format {version} is not supported (this version reads format {FAVOURITES_FORMAT})")
    found: dict[str, tuple[str, ...]] = {}
    for key, pattern, what in (("points", _CODE_RE, "point code"), ("routines", _ID_RE, "routine id")):
        if key not in top:
            continue
        items = reader.sequence(top[key], key)
        if items is None:
            continue
        if len(items) > MAX_ENTRIES:
            reader.error(top[key], f"{key}: {len(items)} entries; at most {MAX_ENTRIES} are read")
            continue
        values: list[str] = []
        for item in items:
            value = reader.string(item, f"{key} item")
            if value is None:
                continue
            if not pattern.fullmatch(value):
                reader.error(item, f"{key}: {value!r} is not a {what}")
            elif value not in values:
                values.append(value)
        found[key] = tuple(values)
    if reader.problems:
        raise DataError(reader.problems)
    return Favourites(found.get("points", ()), found.get("routines", ()))


def load_favourites(path: str | os.PathLike[str]) -> tuple[Favourites, str]:
    """The favourites in a file, and a message ('' if all is well).

    A missing file is no favourites. A file that fails validation is renamed aside
    (favourites.yaml.bad-YYYYmmdd-HHMMSS) so the next save cannot overwrite it, and the
    message says where it went and what was wrong.
    """
    from .userfiles import load_or_set_aside

    return load_or_set_aside(path, parse_favourites, Favourites(), "favourites")


def save_favourites(favourites: Favourites, path: str | os.PathLike[str]) -> None:
    """Write the favourites atomically (the old file stays whole until the new one is on disk)."""
    target = Path(path)
    if target.exists() and not target.is_file():
        raise DataError([Problem(str(target), 0, 0, "is not a regular file; not replaced")])
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, favourites_to_yaml(favourites).encode("utf-8"))


def import_favourites(path: str | os.PathLike[str], current: Favourites) -> Favourites:
    """The current stars plus those of another favourites file; raises DataError if it is bad."""
    name = str(path)
    return current.merged(parse_favourites(read_text(name), name))
