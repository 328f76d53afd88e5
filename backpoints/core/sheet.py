"""Point sheets: what a printed handout holds, presets, and the sheet file format.

A sheet file is small YAML (docs/sheet-format.md):

    backpoints_sheet: 1
    title: Lower back pain
    name: Jane Doe          # who the sheet is for (optional)
    date: 2026-11-26        # optional
    paper: a4               # a4 or letter
    technique: self-care    # self-care (acupressure) or needling
    notes: |                # optional free text
      Twice a day.
    points: [BL23, BL25, BL40]
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .model import AREA_LABELS, AREAS, HAZARD_INFO, Dataset, Point, applies
from .files import DataError, Problem, read_text, write_atomically
from .search import canonical_code

if TYPE_CHECKING:
    from .routines import Routine

SHEET_FORMAT = 1
PAPERS = ("a4", "letter")
TECHNIQUES = ("self-care", "needling")


@dataclass(frozen=True)
class Sheet:
    """A sheet's content; points are codes in the order they are printed."""

    title: str = "Point sheet"
    name: str = ""
    date: str = ""
    notes: str = ""
    paper: str = "a4"
    technique: str = "self-care"
    points: tuple[str, ...] = field(default_factory=tuple)
    #: Set when the sheet was made from a routine: the paper then prints its steps
    #: in press order, their times and sides, and its source (not saved in sheet files).
    routine: Routine | None = field(default=None, compare=False)

    def with_point(self, code: str) -> "Sheet":
        """The sheet with a point added at the end (no duplicates)."""
        if code in self.points:
            return self
        return replace(self, points=self.points + (code,))

    def without_point(self, code: str) -> "Sheet":
        return replace(self, points=tuple(c for c in self.points if c != code))

    def moved(self, code: str, position: int) -> "Sheet":
        """The sheet with one point moved to a new position."""
        rest = [c for c in self.points if c != code]
        position = max(0, min(position, len(rest)))
        rest.insert(position, code)
        return replace(self, points=tuple(rest))


def resolve(sheet: Sheet, dataset: Dataset) -> tuple[list[Point], list[str]]:
    """The sheet's points found in the dataset, and the codes that are not there."""
    found: list[Point] = []
    missing: list[str] = []
    for code in sheet.points:
        point = dataset.point(canonical_code(dataset, code) or code)
        if point is None:
            missing.append(code)
        else:
            found.append(point)
    return found, missing


def today() -> str:
    return _dt.date.today().isoformat()


# --- presets ----------------------------------------------------------------------
# Area order on the pain presets: the painful region first, then outwards to distal points.
_LOWER_ORDER = ("lower-back", "hip", "leg", "knee", "foot", "abdomen", "hand", "arm", "upper-back")
_UPPER_ORDER = ("upper-back", "neck", "shoulder", "head", "arm", "hand", "lower-back", "leg", "knee", "foot")


@dataclass(frozen=True, slots=True)
class Preset:
    """A ready-made sheet built from the dataset."""

    key: str
    title: str
    codes: tuple[str, ...]


def presets(dataset: Dataset) -> list[Preset]:
    """Lower back pain, upper back pain, and one per area that has points."""
    def ordered(pain: str, areas: tuple[str, ...]) -> tuple[str, ...]:
        """The points for a pain type, the local ones first (areas in this order)."""
        chosen = [p for p in dataset.points if pain in p.pain]
        rank = {a: i for i, a in enumerate(areas)}
        return tuple(p.code for p in sorted(chosen, key=lambda p: min(rank.get(a, len(rank)) for a in p.areas)))

    result = [
        Preset("pain-lower", "Lower back pain", ordered("lower", _LOWER_ORDER)),
        Preset("pain-upper", "Upper back pain", ordered("upper", _UPPER_ORDER)),
    ]
    for area in AREAS:
        codes = tuple(p.code for p in dataset.points if area in p.areas)
        if codes:
            result.append(Preset(f"area-{area}", f"Points of the {AREA_LABELS[area].lower()}", codes))
    return [p for p in result if p.codes]


def preset_sheet(preset: Preset, **fields: Any) -> Sheet:
    """A new sheet from a preset."""
    return Sheet(title=preset.title, points=preset.codes, date=today(), **fields)


# --- files ------------------------------------------------------------------------
def sheet_to_yaml(sheet: Sheet) -> str:
    """The sheet as YAML text."""
    data: dict[str, object] = {
        "backpoints_sheet": SHEET_FORMAT,
        "title": sheet.title,
        "name": sheet.name,
        "date": sheet.date,
        "paper": sheet.paper,
        "technique": sheet.technique,
        "notes": sheet.notes,
        "points": list(sheet.points),
    }
    import yaml  # only when saving: start-up does not need PyYAML

    text: str = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=None, width=100)
    return text


def save_sheet(sheet: Sheet, path: str | os.PathLike[str], *, private: bool = False) -> None:
    """Write a sheet atomically: the old file stays intact until the new one is complete.

    A new file follows the umask like any program's, an existing one keeps its mode and
    group; `private` (the working copy in the config folder) makes a new file 0600.
    Raises WriteError (an OSError) naming the file and the reason.
    """
    write_atomically(Path(path), sheet_to_yaml(sheet).encode("utf-8"), private=private)


def load_sheet(path: str | os.PathLike[str], dataset: Dataset | None = None) -> Sheet:
    """Read and validate a sheet file; raises DataError with FILE:LINE:COL problems.

    With a dataset, codes in any spelling search accepts (bl40, UB40, Du4) come back in
    the dataset's spelling (BL40, GV4), so saving the sheet writes the canonical form.
    """
    name = str(path)
    return parse_sheet(read_text(name), name, dataset)


def parse_sheet(text: str, name: str = "<sheet>", dataset: Dataset | None = None) -> Sheet:
    """Validate sheet text (codes made canonical when a dataset is given)."""
    from .yamlread import read_top

    reader, fields = read_top(
        name, text, "sheet", "a BackPoints sheet", ("backpoints_sheet", "points"),
        ("title", "name", "date", "paper", "technique", "notes"),
    )
    version = reader.integer(fields["backpoints_sheet"], "backpoints_sheet") if "backpoints_sheet" in fields else None
    if version is not None and version != SHEET_FORMAT:
        reader.error(fields["backpoints_sheet"], f"sheet format {version} is not supported")
    values: dict[str, Any] = {}
    for key in ("title", "name", "date", "notes"):
        if key in fields:
            values[key] = reader.string(fields[key], key, allow_empty=True) or ""
    if "paper" in fields:
        values["paper"] = reader.choice(fields["paper"], "paper", PAPERS) or "a4"
    if "technique" in fields:
        values["technique"] = reader.choice(fields["technique"], "technique", TECHNIQUES) or "self-care"
    codes: list[str] = []
    seen: set[str] = set()  # a set: a list made 100,000 codes take minutes
    if "points" in fields:
        items = reader.sequence(fields["points"], "points") or []
        for item in items:
            code = reader.string(item, "points item")
            if code is None:
                continue
            if dataset is not None:
                code = canonical_code(dataset, code) or code
            if code in seen:
                reader.error(item, f"points: {code!r} is listed twice")
            else:
                seen.add(code)
                codes.append(code)
    if reader.problems:
        raise DataError(reader.problems)
    return Sheet(points=tuple(codes), **values)


#: How many unknown codes a message names before it gives only the count.
SHOW_CODES = 5


def summarise_codes(codes: list[str] | tuple[str, ...], limit: int = SHOW_CODES) -> str:
    """'XX1', 'XX2' and 19,998 more: a list of codes a person can read."""
    shown = ", ".join(repr(c) for c in codes[:limit])
    rest = len(codes) - limit
    return f"{shown} and {rest:,} more" if rest > 0 else shown


def check_codes(sheet: Sheet, dataset: Dataset, name: str = "sheet") -> None:
    """Raise DataError naming the codes the dataset does not have (the first few, then a count)."""
    _, missing = resolve(sheet, dataset)
    if not missing:
        return
    problems = [Problem(name, 0, 0, f"unknown point code {code!r}") for code in missing[:SHOW_CODES]]
    if len(missing) > SHOW_CODES:
        problems.append(Problem(name, 0, 0, f"and {len(missing) - SHOW_CODES:,} more unknown point codes "
                                            f"({len(missing):,} in all)"))
    raise DataError(problems)


def parse_sheet_date(text: str) -> _dt.date | None:
    """The date a sheet's free-text date field holds, if it is an ISO date (2026-11-26).

    Anything else ('spring 2026', '26/11') is not a date the app can edit with a calendar:
    keep the text as it is and show it in a text field, rather than replacing it with today.
    """
    try:
        return _dt.date.fromisoformat(text.strip())
    except ValueError:
        return None



# --- cautions for the whole set ------------------------------------------------------
RED_FLAGS = (
    "loss of bladder or bowel control, or new difficulty passing urine",
    "numbness around the groin, genitals or buttocks (saddle area)",
    "leg weakness that is getting worse, or a dropping foot",
    "fever or feeling unwell with the back pain",
    "unexplained weight loss, or a history of cancer",
    "back pain after a fall, accident or other significant injury",
)


@dataclass(frozen=True, slots=True)
class CautionNote:
    """One paragraph of the sheet's caution box."""

    title: str
    text: str
    codes: tuple[str, ...] = ()
    urgent: bool = False


def gather_cautions(points: list[Point], technique: str = "needling") -> list[CautionNote]:
    """The cautions a set of points calls for, most important first.

    `technique` is the sheet's (self-care or needling): hazards that only concern a
    needle are left off a self-care sheet.
    """
    notes: list[CautionNote] = []
    if any("lower" in p.pain or "lower-back" in p.areas for p in points):
        notes.append(
            CautionNote(
                "See a doctor first (red flags)",
                "Back pain with any of these needs a doctor, not acupuncture: " + "; ".join(RED_FLAGS) + ". "
                "Loss of bladder or bowel control or saddle numbness needs emergency care the same day.",
                urgent=True,
            )
        )
    pregnancy = tuple(p.code for p in points if p.pregnancy is not None)
    if pregnancy:
        notes.append(
            CautionNote(
                "Pregnancy",
                "WHO 1999 safety guidelines: no acupuncture or moxibustion on the lower abdomen or the "
                "lumbosacral region in the first trimester; after the third month avoid the upper abdomen, "
                "the lumbosacral region and strong stimulation. Some distal points are traditionally "
                "avoided as well. Each point below says which rule applies: tell your practitioner if you "
                "are or may be pregnant.",
                pregnancy,
                urgent=True,
            )
        )
    for hazard, title in (("pneumothorax", "Chest wall and upper back"), ("spinal-cord", "Spine and skull"),
                          ("organ", "Organs beneath"), ("blood-vessel", "Blood vessels"), ("nerve", "Nerves")):
        info = HAZARD_INFO[hazard]
        if not applies(info.technique, technique):
            continue
        codes = tuple(p.code for p in points if hazard in p.hazards)
        if codes:
            notes.append(CautionNote(title, info.text, codes))
    if applies("needling", technique):
        notes.append(
            CautionNote(
                "Bleeding risk",
                "If you take blood thinners or have a bleeding disorder, say so before treatment: "
                "needling can bruise or bleed. Minor soreness or bruising usually clears within days.",
            )
        )
        notes.append(
            CautionNote(
                "Clean technique",
                "Needles must be sterile and single-use, on clean skin.",
            )
        )
    if applies("acupressure", technique):
        notes.append(
            CautionNote(
                "Pressing safely",
                "Press gently to firmly, never to the point of sharp pain, and never on broken skin, "
                "bruises, varicose veins or swelling. If you take blood thinners, press lightly.",
            )
        )
    return notes
