"""Value checks a dataset must pass, on plain values (no YAML): used to verify the JSON copy.

The loader checks the same rules on YAML nodes, with line and column. This module
checks them again on the values a copy hands back, so that a copy that was edited,
damaged or written by something else is never shown as if it had been validated.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from .model import (
    AREAS,
    CAUTION_TECHNIQUES,
    HAZARDS,
    MERIDIANS,
    PAIN_TYPES,
    PREGNANCY_LEVELS,
    PREGNANCY_RULES,
    ROLES,
    SPINE_LEVELS,
    TRIMESTERS,
    VIEWS,
    Dataset,
    Point,
    Source,
)

#: A point code: two letters and a number (BL23) or an extra point (EX-B2).
CODE_RE = re.compile(r"^(?:[A-Z]{2}\d{1,2}|EX-[A-Z]{1,3}\d{1,2})$")

_REQUIRED_TEXT = ("name", "pinyin", "hanzi", "location", "how_to_find", "back_pain_use")


def _text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _choices(values: object, allowed: tuple[str, ...] | Mapping[str, str], *, allow_empty: bool = False) -> bool:
    if not isinstance(values, tuple) or not all(isinstance(v, str) for v in values):
        return False
    if not values and not allow_empty:
        return False
    return len(set(values)) == len(values) and all(v in allowed for v in values)


def _number(value: object, low: float, high: float) -> bool:
    return isinstance(value, float) and math.isfinite(value) and low <= value <= high


def point_problems(point: Point, sources: Mapping[str, Source]) -> list[str]:
    """What is wrong with one point's values, by the loader's rules (empty when fine)."""
    problems: list[str] = []
    what = point.code if isinstance(point.code, str) else "a point"
    if not isinstance(point.code, str) or not CODE_RE.fullmatch(point.code):
        problems.append(f"{what}: code is not a point code")
    for key in _REQUIRED_TEXT:
        if not _text(getattr(point, key)):
            problems.append(f"{what}: {key} must be non-empty text")
    if not isinstance(point.hanzi_traditional, str):
        problems.append(f"{what}: hanzi_traditional must be text")
    if not _text(point.technique.needling) or not _text(point.technique.acupressure):
        problems.append(f"{what}: technique must have needling and acupressure text")
    if point.meridian not in MERIDIANS:
        problems.append(f"{what}: unknown meridian")
    if not _choices(point.pain, PAIN_TYPES):
        problems.append(f"{what}: pain must list known pain types")
    if not _choices(point.areas, AREAS):
        problems.append(f"{what}: areas must list known areas")
    if not _choices(point.hazards, HAZARDS, allow_empty=True):
        problems.append(f"{what}: unknown hazard")
    if point.role not in ROLES:
        problems.append(f"{what}: unknown role")
    if not isinstance(point.bilateral, bool):
        problems.append(f"{what}: bilateral must be true or false")
    flag = point.pregnancy
    if flag is not None and (flag.level not in PREGNANCY_LEVELS or flag.rule not in PREGNANCY_RULES
                             or flag.trimester not in TRIMESTERS or not isinstance(flag.note, str)):
        problems.append(f"{what}: pregnancy flag is not valid")
    notes = point.caution_notes
    if not isinstance(notes, tuple) or not all(_text(c.text) and c.technique in CAUTION_TECHNIQUES for c in notes):
        problems.append(f"{what}: cautions must be non-empty texts for a known technique")
    if (not isinstance(point.sources, tuple) or not point.sources
            or not all(isinstance(s, str) and (s in sources or not sources) for s in point.sources)):
        problems.append(f"{what}: sources must cite the dataset's sources")
    if not isinstance(point.markers, tuple) or not point.markers:
        problems.append(f"{what}: a point needs at least one marker")
    else:
        for marker in point.markers:
            if marker.view not in VIEWS or not _number(marker.x, 0.0, 1.0) or not _number(marker.y, 0.0, 1.0):
                problems.append(f"{what}: marker outside its figure or on an unknown view")
                break
    if point.spine is not None:
        if point.spine.level not in SPINE_LEVELS or not _number(point.spine.lateral_cun, 0.0, 10.0):
            problems.append(f"{what}: spine placement is not valid")
    return problems


def dataset_problems(dataset: Dataset) -> list[str]:
    """Every rule a loaded dataset satisfies, checked on its values (empty when fine)."""
    problems: list[str] = []
    if not _text(dataset.title):
        problems.append("title must be non-empty text")
    for key, source in dataset.sources.items():
        if not isinstance(key, str) or not _text(source.citation) or not isinstance(source.url, str):
            problems.append(f"source {key!r} is not valid")
    if not dataset.points:
        problems.append("points: the list is empty")
    seen: set[str] = set()
    for point in dataset.points:
        problems.extend(point_problems(point, dataset.sources))
        if point.code in seen:
            problems.append(f"duplicate code {point.code!r}")
        seen.add(point.code)
    return problems
