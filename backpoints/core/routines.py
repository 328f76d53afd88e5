"""Routines: short point sets with a press order, and their files (docs/data-format.md).

A routine is an ordered list of steps (point, side, time or count, how to press or
needle) with its provenance: a published trial protocol, or points taken from a
published prescription ("traditional"), or the user's own ("personal"). The bundled
library is data/routines.yaml; the user's routines live in one file in the user's data
folder, read with the same validator (their stars: core/favourites.py).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

import yaml

from .figures import markers_in
from .files import DataError, Problem, read_text, write_atomically
from .model import Dataset, Source
from .sheet import Sheet, today
from .yamlread import NodeReader, read_top

ROUTINES_FORMAT = 1
AUDIENCES: tuple[str, ...] = ("self-care", "practitioner")
TECHNIQUES: tuple[str, ...] = ("acupressure", "needling")
SIDES: tuple[str, ...] = ("both", "left", "right", "midline")
#: trial: a published protocol as tested; traditional: points from a published
#: prescription; personal: made by the user, never shown as sourced.
PROVENANCE_KINDS: tuple[str, ...] = ("trial", "textbook", "traditional", "personal")
#: A tender point found by palpation: a step may name it instead of a point code.
ASHI = "ashi"
MAX_SECONDS = 600
MAX_COUNT = 100
MAX_STEPS = 12

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
#: Words that make a step a needling instruction, refused in self-care routines.
_NEEDLING_WORDS = re.compile(r"\b(needl\w*|insert\w*|de qi|cun deep)\b", re.IGNORECASE)

_ROUTINE_REQUIRED = (
    "id", "name", "purpose", "audience", "technique", "frequency", "cautions", "provenance", "steps",
)
_ROUTINE_OPTIONAL = ("pregnancy",)
_STEP_REQUIRED = ("point", "side", "how")
_STEP_OPTIONAL = ("seconds", "count", "note")


@dataclass(frozen=True, slots=True)
class Step:
    """One step of a routine: a point, a side, a time in seconds or a count, and how."""

    point: str
    side: str
    how: str
    seconds: int = 0
    count: int = 0
    note: str = ""

    @property
    def passes(self) -> tuple[str, ...]:
        """The sides done in turn: left then right for 'both', else the one side."""
        return ("left", "right") if self.side == "both" else (self.side,)

    @property
    def timed(self) -> bool:
        return self.seconds > 0

    def dose_text(self) -> str:
        """'60 s each side', '1 min', 'x1 each side'."""
        if self.seconds:
            amount = f"{self.seconds // 60} min" if self.seconds % 60 == 0 else f"{self.seconds} s"
        else:
            amount = f"x{self.count}"
        return f"{amount} each side" if self.side == "both" else amount

    def side_text(self) -> str:
        return {"both": "both sides", "midline": "midline"}.get(self.side, f"{self.side} side")

    def to_data(self) -> dict[str, object]:
        data: dict[str, object] = {"point": self.point, "side": self.side}
        if self.seconds:
            data["seconds"] = self.seconds
        else:
            data["count"] = self.count
        data["how"] = self.how
        if self.note:
            data["note"] = self.note
        return data


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a routine comes from; `source` is a key of the file's sources."""

    kind: str
    source: str = ""
    detail: str = ""
    #: Further source keys for points the main source does not give.
    also: tuple[str, ...] = ()


@dataclass(frozen=True)
class Routine:
    """A named, ordered set of steps with its audience, technique, cautions and provenance."""

    id: str
    name: str
    purpose: str
    audience: str
    technique: str
    frequency: str
    cautions: tuple[str, ...]
    provenance: Provenance
    steps: tuple[Step, ...]
    pregnancy: bool = False
    citation: str = ""
    also_citations: tuple[str, ...] = ()
    #: The main source's web address, if it is a web page ('' for a book or journal cited without one).
    source_url: str = ""

    @property
    def codes(self) -> tuple[str, ...]:
        """The routine's point codes in press order, once each, without ashi points."""
        return tuple(dict.fromkeys(s.point for s in self.steps if s.point != ASHI))

    @property
    def total_seconds(self) -> int:
        """Timed length of a full run (both sides counted)."""
        return sum(s.seconds * len(s.passes) for s in self.steps)

    def pregnancy_caution(self, dataset: Dataset | None = None) -> bool:
        """True if the routine says so or any of its points is traditionally avoided in pregnancy."""
        if self.pregnancy:
            return True
        if dataset is None:
            return False
        return any((p := dataset.point(code)) is not None and p.pregnancy_caution for code in self.codes)

    def source_text(self) -> str:
        """One line naming the provenance and its reference."""
        label = {
            "trial": "Trial protocol",
            "textbook": "Textbook protocol",
            "traditional": "Traditional combination (points from a published prescription; not tested as a routine)",
            "personal": "Your own routine (not from a source)",
        }[self.provenance.kind]
        if self.provenance.kind == "traditional" and self.source_url:
            # Say what the source is and is not: a web page, not a textbook checked by us.
            label = ("Traditional combination (points as a web page gives them, not checked against a "
                     "textbook; not tested as a routine)")
        text = f"{label}: {self.citation}" if self.citation else label
        if self.also_citations:
            text += " Also: " + " ".join(self.also_citations)
        return text

    def _described(self) -> dict[str, object]:
        """The fields that say what the routine is, in the order both outputs use."""
        return {"id": self.id, "name": self.name, "purpose": self.purpose, "audience": self.audience,
                "technique": self.technique, "frequency": self.frequency}

    def to_json(self) -> dict[str, object]:
        """Plain data for `backpoints routines --json`."""
        return {
            **self._described(),
            "pregnancy": self.pregnancy,
            "cautions": list(self.cautions),
            "source": {
                "kind": self.provenance.kind,
                "key": self.provenance.source or None,
                "citation": self.citation or None,
                "url": self.source_url or None,
                "also": [
                    {"key": key, "citation": citation}
                    for key, citation in zip(self.provenance.also, self.also_citations)
                ],
                "detail": self.provenance.detail,
            },
            "steps": [s.to_data() for s in self.steps],
        }

    def to_data(self) -> dict[str, object]:
        """Plain data for the YAML file."""
        data: dict[str, object] = {**self._described(), "cautions": list(self.cautions)}
        if self.pregnancy:
            data["pregnancy"] = True
        provenance: dict[str, object] = {"kind": self.provenance.kind}
        if self.provenance.source:
            provenance["source"] = self.provenance.source
        if self.provenance.also:
            provenance["also"] = list(self.provenance.also)
        if self.provenance.detail:
            provenance["detail"] = self.provenance.detail
        data["provenance"] = provenance
        data["steps"] = [s.to_data() for s in self.steps]
        return data

    # --- editing (the user's own routines) ---------------------------------------------
    def with_step_moved(self, index: int, position: int) -> "Routine":
        """The routine with one step moved to a new position."""
        steps = list(self.steps)
        step = steps.pop(index)
        steps.insert(max(0, min(position, len(steps))), step)
        return replace(self, steps=tuple(steps))

    def with_step(self, index: int, **changes: object) -> "Routine":
        """The routine with one step's side, seconds, count, how or note changed."""
        steps = list(self.steps)
        steps[index] = replace(steps[index], **changes)  # type: ignore[arg-type]
        return replace(self, steps=tuple(steps))

    def without_step(self, index: int) -> "Routine":
        return replace(self, steps=self.steps[:index] + self.steps[index + 1 :])


@dataclass(frozen=True)
class RoutineLibrary:
    """A validated routines file: the routines in order and the sources they cite."""

    routines: tuple[Routine, ...]
    sources: Mapping[str, Source] = field(default_factory=lambda: MappingProxyType({}))
    path: str = ""

    def get(self, routine_id: str) -> Routine | None:
        return next((r for r in self.routines if r.id == routine_id), None)

    def visible(self, dataset: Dataset | None, hide_pregnancy: bool) -> tuple[Routine, ...]:
        """The routines left when the pregnancy filter is on (all of them when it is off)."""
        if not hide_pregnancy:
            return self.routines
        return tuple(r for r in self.routines if not r.pregnancy_caution(dataset))


# --- reading -----------------------------------------------------------------------------
def load_routines(path: str | os.PathLike[str], dataset: Dataset | None = None) -> RoutineLibrary:
    """Read and validate a routines file; raises DataError with FILE:LINE:COL problems."""
    name = str(path)
    return parse_routines(read_text(name), name, dataset)


def parse_routines(text: str, name: str = "<routines>", dataset: Dataset | None = None) -> RoutineLibrary:
    """Validate routines text; with a dataset, every point code and side is checked against it."""
    library, _, _ = _parse(text, name, dataset, user=False)
    return library


def _parse(
    text: str, name: str, dataset: Dataset | None, *, user: bool
) -> tuple[RoutineLibrary, tuple[str, ...], tuple[str, ...]]:
    optional = ("sources", "favourites") if user else ("sources",)
    reader, top = read_top(
        name, text, "routines file", "a routines file with a 'routines' list", ("format", "routines"), optional
    )
    version = reader.integer(top["format"], "format") if "format" in top else None
    if version is not None and version != ROUTINES_FORMAT:
        reader.error(top["format"], f"format {version} is not supported (this version reads format {ROUTINES_FORMAT})")
    sources = _read_sources(reader, top["sources"]) if "sources" in top else {}
    routines: list[Routine] = []
    seen: dict[str, int] = {}
    items = reader.sequence(top["routines"], "routines") if "routines" in top else None
    for index, item in enumerate(items or (), start=1):
        routine = _read_routine(reader, item, index, sources, dataset, user=user)
        if routine is None:
            continue
        if routine.id in seen:
            reader.error(item, f"duplicate routine id {routine.id!r} (first defined on line {seen[routine.id]})")
            continue
        seen[routine.id] = item.start_mark.line + 1
        routines.append(routine)
    if items is not None and not items and not user:
        reader.error(top["routines"], "routines: the list is empty")
    points: tuple[str, ...] = ()
    favourite_routines: tuple[str, ...] = ()
    if "favourites" in top:
        fav = reader.mapping(top["favourites"], "favourites", (), ("points", "routines"))
        if fav is not None:
            points = reader.string_list(fav["points"], "favourites points") or () if "points" in fav else ()
            favourite_routines = (
                reader.string_list(fav["routines"], "favourites routines") or () if "routines" in fav else ()
            )
    if reader.problems:
        raise DataError(reader.problems)
    library = RoutineLibrary(tuple(routines), MappingProxyType(dict(sources)), name)
    return library, tuple(dict.fromkeys(points)), tuple(dict.fromkeys(favourite_routines))


def _read_sources(reader: NodeReader, node: yaml.Node) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    entries = reader.mapping(node, "sources", (), open_keys=True)
    for key, value in (entries or {}).items():
        fields = reader.mapping(value, f"source {key!r}", ("citation",), ("url",))
        if fields is None or "citation" not in fields:
            continue
        citation = reader.string(fields["citation"], f"source {key!r} citation")
        url = reader.string(fields["url"], f"source {key!r} url") if "url" in fields else ""
        if citation is not None:
            sources[key] = Source(key=key, citation=citation, url=url or "")
    return sources


def _read_routine(
    reader: NodeReader,
    node: yaml.Node,
    index: int,
    sources: Mapping[str, Source],
    dataset: Dataset | None,
    *,
    user: bool,
) -> Routine | None:
    what = f"routine {_peek_id(node)!r}" if _peek_id(node) else f"routine {index}"
    fields = reader.mapping(node, what, _ROUTINE_REQUIRED, _ROUTINE_OPTIONAL)
    if fields is None:
        return None
    count = len(reader.problems)
    routine_id = reader.string(fields["id"], f"{what} id") if "id" in fields else None
    if routine_id is not None:
        if not _ID_RE.fullmatch(routine_id):
            reader.error(fields["id"], f"{what}: id {routine_id!r} must be lower-case letters, digits and dashes")
        what = f"routine {routine_id!r}"

    def text(key: str) -> str:
        return (reader.string(fields[key], f"{what} {key}") or "") if key in fields else ""

    name, purpose, frequency = text("name"), text("purpose"), text("frequency")
    audience = reader.choice(fields["audience"], f"{what} audience", AUDIENCES) if "audience" in fields else None
    technique = (
        reader.choice(fields["technique"], f"{what} technique", TECHNIQUES) if "technique" in fields else None
    )
    if audience == "self-care" and technique == "needling":
        reader.error(fields["technique"], f"{what}: a self-care routine cannot be a needling routine")
    cautions = reader.string_list(fields["cautions"], f"{what} cautions") or () if "cautions" in fields else ()
    pregnancy = bool(reader.boolean(fields["pregnancy"], f"{what} pregnancy")) if "pregnancy" in fields else False
    provenance, citation, also = (
        _read_provenance(reader, fields["provenance"], what, sources, user=user)
        if "provenance" in fields
        else (None, "", ())
    )
    steps: list[Step] = []
    items = reader.sequence(fields["steps"], f"{what} steps") if "steps" in fields else None
    if items is not None:
        if not items:
            reader.error(fields["steps"], f"{what} steps: a routine needs at least one step")
        elif len(items) > MAX_STEPS:
            reader.error(fields["steps"], f"{what} steps: {len(items)} steps; a routine has at most {MAX_STEPS}")
        for number, item in enumerate(items, start=1):
            step = _read_step(reader, item, f"{what} step {number}", audience, dataset)
            if step is not None:
                steps.append(step)
    if len(reader.problems) != count or routine_id is None or provenance is None:
        return None
    return Routine(
        id=routine_id,
        name=name,
        purpose=purpose,
        audience=audience or "self-care",
        technique=technique or "acupressure",
        frequency=frequency,
        cautions=tuple(cautions),
        provenance=provenance,
        steps=tuple(steps),
        pregnancy=pregnancy,
        citation=citation,
        also_citations=also,
        source_url=sources[provenance.source].url if provenance.source in sources else "",
    )


def _peek_id(node: yaml.Node) -> str:
    """The routine's id if it has a usable one, so messages can name the routine."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if getattr(key, "value", None) == "id" and isinstance(value, yaml.ScalarNode):
                if _ID_RE.fullmatch(str(value.value)):
                    return str(value.value)
    return ""


def _read_provenance(
    reader: NodeReader, node: yaml.Node, what: str, sources: Mapping[str, Source], *, user: bool
) -> tuple[Provenance | None, str, tuple[str, ...]]:
    fields = reader.mapping(node, f"{what} provenance", ("kind",), ("source", "also", "detail"))
    if fields is None or "kind" not in fields:
        return None, "", ()
    kinds = PROVENANCE_KINDS if user else PROVENANCE_KINDS[:-1]
    kind = reader.choice(fields["kind"], f"{what} provenance kind", kinds)
    detail = reader.string(fields["detail"], f"{what} provenance detail") or "" if "detail" in fields else ""
    source = reader.string(fields["source"], f"{what} provenance source") or "" if "source" in fields else ""
    also = reader.string_list(fields["also"], f"{what} provenance also") or () if "also" in fields else ()
    for key in also:
        if key not in sources:
            reader.error(fields["also"], f"{what} provenance also: {key!r} is not in the file's sources")
            return None, "", ()
    if kind is None:
        return None, "", ()
    citation = ""
    if kind != "personal":
        # A sourced routine must name a reference the file spells out in full.
        if not source:
            reader.error(node, f"{what} provenance: a {kind} routine must name its source (a key of 'sources')")
            return None, "", ()
        if source not in sources:
            reader.error(fields["source"], f"{what} provenance source: {source!r} is not in the file's sources")
            return None, "", ()
        citation = " ".join(sources[source].citation.split())
    also_citations = tuple(" ".join(sources[key].citation.split()) for key in also)
    return Provenance(kind, source, detail, tuple(also)), citation, also_citations


def _read_step(
    reader: NodeReader, node: yaml.Node, what: str, audience: str | None, dataset: Dataset | None
) -> Step | None:
    fields = reader.mapping(node, what, _STEP_REQUIRED, _STEP_OPTIONAL)
    if fields is None:
        return None
    count_before = len(reader.problems)
    point = reader.string(fields["point"], f"{what} point") if "point" in fields else None
    side = reader.choice(fields["side"], f"{what} side", SIDES) if "side" in fields else None
    how = reader.string(fields["how"], f"{what} how") if "how" in fields else None
    note = reader.string(fields["note"], f"{what} note") or "" if "note" in fields else ""
    seconds = count = 0
    if ("seconds" in fields) == ("count" in fields):
        reader.error(node, f"{what}: give either seconds or count (not both, not neither)")
    elif "seconds" in fields:
        value = reader.integer(fields["seconds"], f"{what} seconds")
        if value is not None and not 1 <= value <= MAX_SECONDS:
            reader.error(fields["seconds"], f"{what} seconds is {value}; it must be 1..{MAX_SECONDS}")
        seconds = value or 0
    else:
        value = reader.integer(fields["count"], f"{what} count")
        if value is not None and not 1 <= value <= MAX_COUNT:
            reader.error(fields["count"], f"{what} count is {value}; it must be 1..{MAX_COUNT}")
        count = value or 0
    if audience == "self-care" and how is not None:
        for text, key in ((how, "how"), (note, "note")):
            found = _NEEDLING_WORDS.search(text)
            if found:
                reader.error(fields[key], f"{what} {key}: {found.group(0)!r} is a needling instruction in a self-care routine")
    if dataset is not None and point is not None and point != ASHI:
        known = dataset.point(point)
        if known is None:
            reader.error(fields["point"], f"{what}: unknown point code {point!r}")
        elif side is not None and (side == "midline") == known.bilateral:
            wanted = "both, left or right" if known.bilateral else "midline"
            reader.error(fields["side"], f"{what}: {point} is {'paired' if known.bilateral else 'on the midline'}; side must be {wanted}")
    if len(reader.problems) != count_before or point is None or side is None or how is None:
        return None
    return Step(point=point, side=side, how=how, seconds=seconds, count=count, note=note)


# --- press order on the figures (shared by the paper and the map) -----------------------
#: Points drawn with more markers than this on one view are groups (Jiaji): no path stop.
GROUP_MARKERS = 4


@dataclass(frozen=True, slots=True)
class Stop:
    """A numbered marker of a routine on one view, in view units (0..1)."""

    number: int
    code: str
    x: float
    y: float


def step_numbers(routine: Routine) -> dict[str, int]:
    """Each point's step number (its first step), so figures match the step list."""
    numbers: dict[str, int] = {}
    for index, step in enumerate(routine.steps, start=1):
        if step.point != ASHI:
            numbers.setdefault(step.point, index)
    return numbers


def route(routine: Routine, dataset: Dataset, view: str) -> tuple[tuple[Stop, ...], tuple[Stop, ...]]:
    """The routine on one view: every numbered marker, and the path's stops in press order.

    The path goes through one marker per point (the left-most of a pair, so it stays on
    one side of the figure); groups such as Jiaji get a number but no stop.
    """
    badges: list[Stop] = []
    path: list[Stop] = []
    for code, number in step_numbers(routine).items():
        point = dataset.point(code)
        if point is None:
            continue
        mine = markers_in(point, view)  # a crop (low back, neck) shows its body figure's markers
        if not mine or len(mine) > GROUP_MARKERS:
            continue
        badges.extend(Stop(number, code, m.x, m.y) for m in mine)
        first = min(mine, key=lambda m: m.x)
        path.append(Stop(number, code, first.x, first.y))
    return tuple(badges), tuple(path)


# --- routines from sheets and routine sheets -------------------------------------------
def routine_sheet(routine: Routine, **fields: str) -> Sheet:
    """A new sheet holding the routine's points in press order, and the routine itself."""
    technique = "needling" if routine.technique == "needling" else "self-care"
    return Sheet(
        title=routine.name, points=routine.codes, date=today(), technique=technique, routine=routine, **fields
    )


def routine_from_sheet(
    sheet: Sheet, dataset: Dataset, routine_id: str, name: str = "", seconds: int = 60
) -> Routine:
    """A personal self-care routine from a sheet's points, in the sheet's order."""
    if not _ID_RE.fullmatch(routine_id):
        raise ValueError(f"routine id {routine_id!r} must be lower-case letters, digits and dashes")
    steps: list[Step] = []
    for code in sheet.points:
        point = dataset.point(code)
        if point is None:
            continue
        how = _first_sentence(point.technique.acupressure)
        if not how or _NEEDLING_WORDS.search(how):  # a self-care step never carries needling text
            how = f"Press {code} with steady, comfortable pressure."
        steps.append(Step(code, "both" if point.bilateral else "midline", how, seconds=seconds))
    if not steps:
        raise ValueError("the sheet has no points to make a routine from")
    if len(steps) > MAX_STEPS:
        raise ValueError(
            f"a routine has at most {MAX_STEPS} steps and the sheet has {len(steps)} points; "
            "remove some points first"
        )
    return Routine(
        id=routine_id,
        name=name or sheet.title or "My routine",
        purpose=sheet.notes.strip().split("\n")[0] if sheet.notes.strip() else "My own routine",
        audience="self-care",
        technique="acupressure",
        frequency="As you and your practitioner decide.",
        cautions=(),
        provenance=Provenance("personal", "", f"Made from the sheet {sheet.title!r} on {today()}."),
        steps=tuple(steps),
    )


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]


# --- the user's routines and favourites ------------------------------------------------
@dataclass(frozen=True)
class UserRoutines:
    """The user's own routines (and stars kept here before favourites had their own file).

    Stars now live in favourites.yaml (core/favourites.py); the fields below are what an
    older routines file held, read once to carry them over and written back unchanged.
    """

    routines: tuple[Routine, ...] = ()
    favourite_points: tuple[str, ...] = ()
    favourite_routines: tuple[str, ...] = ()

    def with_routine(self, routine: Routine) -> "UserRoutines":
        """Add or replace (by id) a routine."""
        others = tuple(r for r in self.routines if r.id != routine.id)
        if len(others) == len(self.routines):
            return replace(self, routines=self.routines + (routine,))
        return replace(self, routines=tuple(routine if r.id == routine.id else r for r in self.routines))

    def without_routine(self, routine_id: str) -> "UserRoutines":
        return replace(self, routines=tuple(r for r in self.routines if r.id != routine_id))


def user_routines_to_yaml(user: UserRoutines, sources: Mapping[str, Source] | None = None) -> str:
    """The user's file as YAML text; sources are written for routines that cite one."""
    data: dict[str, object] = {"format": ROUTINES_FORMAT}
    cited = {r.provenance.source for r in user.routines if r.provenance.source}
    cited |= {key for r in user.routines for key in r.provenance.also}
    if cited and sources:
        data["sources"] = {
            key: ({"citation": s.citation, "url": s.url} if s.url else {"citation": s.citation})
            for key, s in sources.items()
            if key in cited
        }
    data["routines"] = [r.to_data() for r in user.routines]
    data["favourites"] = {"points": list(user.favourite_points), "routines": list(user.favourite_routines)}
    text: str = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return text


def parse_user_routines(text: str, name: str = "<my routines>", dataset: Dataset | None = None) -> UserRoutines:
    """Validate the user's file; raises DataError with FILE:LINE:COL problems."""
    library, points, favourites = _parse(text, name, dataset, user=True)
    return UserRoutines(library.routines, points, favourites)


def save_user_routines(
    user: UserRoutines, path: str | os.PathLike[str], sources: Mapping[str, Source] | None = None
) -> None:
    """Write the user's file atomically (the old file stays whole until the new one is on disk)."""
    target = Path(path)
    if target.exists() and not target.is_file():
        raise DataError([Problem(str(target), 0, 0, "is not a regular file; not replaced")])
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, user_routines_to_yaml(user, sources).encode("utf-8"))


def load_user_routines(path: str | os.PathLike[str]) -> tuple[UserRoutines, str]:
    """The user's routines, and a message ('' if all is well).

    Only the file's structure is checked, not its point codes: a routine naming a point
    that another dataset (--data) lacks is still the user's and is not set aside.

    A missing file is an empty set. A file that fails validation is renamed aside
    (routines.yaml.bad-YYYYmmdd-HHMMSS) so it is never lost or overwritten, and the
    message says where it went and what was wrong.
    """
    from .userfiles import load_or_set_aside

    return load_or_set_aside(path, parse_user_routines, UserRoutines(), "routines")


def import_routines(path: str | os.PathLike[str], user: UserRoutines, dataset: Dataset | None = None) -> UserRoutines:
    """The user's set with every routine of another routines file added (same id: replaced)."""
    name = str(path)
    library, _, _ = _parse(read_text(name), name, dataset, user=True)
    for routine in library.routines:
        user = user.with_routine(routine)
    return user


def export_routines(
    routines: tuple[Routine, ...], path: str | os.PathLike[str], sources: Mapping[str, Source] | None = None
) -> None:
    """Write routines to a file another BackPoints can import."""
    save_user_routines(UserRoutines(routines=routines), path, sources)
