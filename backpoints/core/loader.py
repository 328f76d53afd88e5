"""Load and validate a points dataset (the format is in docs/data-format.md)."""

from __future__ import annotations

import re

import yaml

from .checks import CODE_RE
from .model import (
    AREAS,
    HAZARDS,
    MERIDIANS,
    PAIN_TYPES,
    ROLES,
    SPINE_LEVELS,
    VIEWS,
    Dataset,
    Marker,
    Point,
    Source,
    SpinePlacement,
    Technique,
)
from .yamlread import DataError, NodeReader, read_text, read_top

FORMAT_VERSION = 1

_CODE_RE = CODE_RE

_POINT_REQUIRED = (
    "code",
    "name",
    "pinyin",
    "hanzi",
    "meridian",
    "pain",
    "areas",
    "bilateral",
    "markers",
    "location",
    "how_to_find",
    "technique",
    "back_pain_use",
    "cautions",
    "pregnancy_caution",
    "sources",
)
_POINT_OPTIONAL = ("hanzi_traditional", "role", "hazards", "spine")


def load_dataset(path: str) -> Dataset:
    """Read, parse and validate a dataset file; raises DataError listing every problem."""
    name = str(path)
    return parse_dataset(read_text(path), name)


def parse_dataset(text: str, name: str = "<text>") -> Dataset:
    """Validate dataset text; `name` is used in messages."""
    reader, top = read_top(
        name, text, "dataset", "a dataset with a 'points' list", ("format", "points"), ("title", "sources")
    )

    version = reader.integer(top["format"], "format") if "format" in top else None
    if version is not None and version != FORMAT_VERSION:
        reader.error(top["format"], f"format {version} is not supported (this version reads format {FORMAT_VERSION})")

    title = "Untitled dataset"
    if "title" in top:
        title = reader.string(top["title"], "title") or title

    sources: dict[str, Source] = {}
    if "sources" in top:
        sources = _read_sources(reader, top["sources"])

    points: list[Point] = []
    first_seen: dict[str, yaml.Node] = {}
    items = reader.sequence(top["points"], "points") if "points" in top else None
    if items is not None:
        if not items:
            reader.error(top["points"], "points: the list is empty")
        for index, item in enumerate(items, start=1):
            point = _read_point(reader, item, index, sources if "sources" in top else None)
            if point is None:
                continue
            if point.code in first_seen:
                other = first_seen[point.code].start_mark.line + 1
                reader.error(item, f"duplicate code {point.code!r} (first defined on line {other})")
                continue
            first_seen[point.code] = item
            points.append(point)

    if reader.problems:
        raise DataError(reader.problems)
    return Dataset(title=title, points=tuple(points), sources=sources, path=name)


def _read_sources(reader: NodeReader, node: yaml.Node) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    entries = reader.mapping(node, "sources", (), open_keys=True)
    if entries is None:
        return sources
    for key, value in entries.items():
        fields = reader.mapping(value, f"source {key!r}", ("citation",), ("url",))
        if fields is None:
            continue
        citation = reader.string(fields["citation"], f"source {key!r} citation") if "citation" in fields else None
        url = reader.string(fields["url"], f"source {key!r} url") if "url" in fields else ""
        if citation is not None:
            sources[key] = Source(key=key, citation=citation, url=url or "")
    return sources


def _read_point(
    reader: NodeReader, node: yaml.Node, index: int, sources: dict[str, Source] | None
) -> Point | None:
    what = _peek_code(node) or f"point {index}"
    fields = reader.mapping(node, what, _POINT_REQUIRED, _POINT_OPTIONAL)
    if fields is None:
        return None
    count = len(reader.problems)
    code = reader.string(fields["code"], f"{what} code") if "code" in fields else None
    if code is not None:
        if not _CODE_RE.fullmatch(code):
            reader.error(fields["code"], f"{what}: code {code!r} is not a point code like BL23 or EX-B2")
        what = code

    def text(key: str) -> str:
        return (reader.string(fields[key], f"{what} {key}") or "") if key in fields else ""

    name = text("name")
    pinyin = text("pinyin")
    hanzi = text("hanzi")
    hanzi_traditional = text("hanzi_traditional")
    location = text("location")
    how_to_find = text("how_to_find")
    back_pain_use = text("back_pain_use")
    meridian = ""
    if "meridian" in fields:
        meridian = reader.choice(fields["meridian"], f"{what} meridian", tuple(MERIDIANS)) or ""
    pain: tuple[str, ...] = ()
    if "pain" in fields:
        pain = reader.choice_list(fields["pain"], f"{what} pain", PAIN_TYPES) or ()
    areas: tuple[str, ...] = ()
    if "areas" in fields:
        areas = reader.choice_list(fields["areas"], f"{what} areas", AREAS) or ()
    bilateral = False
    if "bilateral" in fields:
        bilateral = bool(reader.boolean(fields["bilateral"], f"{what} bilateral"))
    pregnancy = False
    if "pregnancy_caution" in fields:
        pregnancy = bool(reader.boolean(fields["pregnancy_caution"], f"{what} pregnancy_caution"))
    role = "local"
    if "role" in fields:
        role = reader.choice(fields["role"], f"{what} role", ROLES) or role
    cautions: tuple[str, ...] = ()
    if "cautions" in fields:
        cautions = reader.string_list(fields["cautions"], f"{what} cautions") or ()
    hazards: tuple[str, ...] = ()
    if "hazards" in fields:
        hazards = reader.choice_list(fields["hazards"], f"{what} hazards", tuple(HAZARDS), allow_empty=True) or ()
    cited: tuple[str, ...] = ()
    if "sources" in fields:
        cited = reader.string_list(fields["sources"], f"{what} sources") or ()
        if not cited:
            reader.error(fields["sources"], f"{what} sources: cite at least one source")
        elif sources is not None:
            for key in cited:
                if key not in sources:
                    reader.error(fields["sources"], f"{what} sources: {key!r} is not in the dataset's sources")
    technique = Technique("", "")
    if "technique" in fields:
        parts = reader.mapping(fields["technique"], f"{what} technique", ("needling", "acupressure"))
        if parts is not None:
            technique = Technique(
                needling=reader.string(parts["needling"], f"{what} technique needling") or ""
                if "needling" in parts
                else "",
                acupressure=reader.string(parts["acupressure"], f"{what} technique acupressure") or ""
                if "acupressure" in parts
                else "",
            )
    spine = _read_spine(reader, fields["spine"], what) if "spine" in fields else None
    markers = _read_markers(reader, fields["markers"], what, bilateral) if "markers" in fields else ()

    if len(reader.problems) != count or code is None:
        return None
    return Point(
        code=code,
        name=name,
        pinyin=pinyin,
        hanzi=hanzi,
        hanzi_traditional=hanzi_traditional,
        meridian=meridian,
        pain=pain,
        areas=areas,
        bilateral=bilateral,
        markers=markers,
        location=location,
        how_to_find=how_to_find,
        technique=technique,
        back_pain_use=back_pain_use,
        role=role,
        cautions=cautions,
        hazards=hazards,
        pregnancy_caution=pregnancy,
        sources=cited,
        spine=spine,
    )


def _peek_code(node: yaml.Node) -> str | None:
    """The point's code, if it has a plain one, so messages can name the point."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if getattr(key, "value", None) == "code" and isinstance(value, yaml.ScalarNode):
                code = str(value.value)
                if _CODE_RE.fullmatch(code):
                    return code
    return None


def _read_spine(reader: NodeReader, node: yaml.Node, what: str) -> SpinePlacement | None:
    fields = reader.mapping(node, f"{what} spine", ("level", "lateral_cun"))
    if fields is None or len(fields) < 2:
        return None
    level = reader.choice(fields["level"], f"{what} spine level", SPINE_LEVELS)
    lateral = reader.number(fields["lateral_cun"], f"{what} spine lateral_cun", low=0, high=10)
    if level is None or lateral is None:
        return None
    return SpinePlacement(level=level, lateral_cun=lateral)


def _read_markers(reader: NodeReader, node: yaml.Node, what: str, bilateral: bool) -> tuple[Marker, ...]:
    items = reader.sequence(node, f"{what} markers")
    if items is None:
        return ()
    if not items:
        reader.error(node, f"{what} markers: a point needs at least one marker")
    markers: list[Marker] = []
    for item in items:
        fields = reader.mapping(item, f"{what} marker", ("view", "x", "y"))
        if fields is None or len(fields) < 3:
            continue
        view = reader.choice(fields["view"], f"{what} marker view", VIEWS)
        x = reader.number(fields["x"], f"{what} marker x", low=0.0, high=1.0)
        y = reader.number(fields["y"], f"{what} marker y", low=0.0, high=1.0)
        if view is not None and x is not None and y is not None:
            markers.append(Marker(view, x, y))
    return tuple(markers)
