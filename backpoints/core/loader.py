"""Load and validate a points dataset (the format is in docs/data-format.md)."""

from __future__ import annotations


import yaml

from .checks import CODE_RE
from .model import (
    AREAS,
    CAUTION_TECHNIQUES,
    HAZARDS,
    PREGNANCY_LEVELS,
    PREGNANCY_RULES,
    TRIMESTERS,
    MERIDIANS,
    PAIN_TYPES,
    ROLES,
    SPINE_LEVELS,
    MARKER_VIEWS,
    Caution,
    Dataset,
    Marker,
    Point,
    PregnancyFlag,
    Source,
    SpinePlacement,
    Technique,
)
from .limits import DATASET_MAX_BYTES, gc_paused
from .yamlread import DataError, NodeReader, read_text, read_top

#: The newest format this loader reads; format 1 files (boolean pregnancy_caution,
#: plain-text cautions) are still read.
FORMAT_VERSION = 2
FORMAT_VERSIONS = (1, 2)

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
    "sources",
)
_POINT_OPTIONAL = ("hanzi_traditional", "role", "hazards", "spine", "pregnancy_caution", "pregnancy")


def load_dataset(path: str) -> Dataset:
    """Read, parse and validate a dataset file; raises DataError listing every problem."""
    name = str(path)
    return parse_dataset(read_text(path, DATASET_MAX_BYTES), name)


def parse_dataset(text: str, name: str = "<text>") -> Dataset:
    """Validate dataset text; `name` is used in messages."""
    with gc_paused():
        return _parse_dataset(text, name)


def _parse_dataset(text: str, name: str) -> Dataset:
    reader, top = read_top(
        name, text, "dataset", "a dataset with a 'points' list", ("format", "points"), ("title", "sources")
    )

    version = reader.integer(top["format"], "format") if "format" in top else None
    if version is not None and version not in FORMAT_VERSIONS:
        reader.error(
            top["format"],
            f"format {version} is not supported (this version reads formats "
            f"{', '.join(str(v) for v in FORMAT_VERSIONS)})",
        )
        version = None

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
            point = _read_point(reader, item, index, sources if "sources" in top else None, version or FORMAT_VERSION)
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
    reader: NodeReader, node: yaml.Node, index: int, sources: dict[str, Source] | None, version: int
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
    pregnancy = _read_pregnancy(reader, node, fields, what, version, sources)
    role = "local"
    if "role" in fields:
        role = reader.choice(fields["role"], f"{what} role", ROLES) or role
    cautions: tuple[Caution, ...] = ()
    if "cautions" in fields:
        cautions = _read_cautions(reader, fields["cautions"], what, version)
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
        caution_notes=cautions,
        hazards=hazards,
        pregnancy=pregnancy,
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
        view = reader.choice(fields["view"], f"{what} marker view", MARKER_VIEWS)
        x = reader.number(fields["x"], f"{what} marker x", low=0.0, high=1.0)
        y = reader.number(fields["y"], f"{what} marker y", low=0.0, high=1.0)
        if view is not None and x is not None and y is not None:
            markers.append(Marker(view, x, y))
    return tuple(markers)


def _needs_format_2(reader: NodeReader, node: yaml.Node, what: str, version: int) -> bool:
    """Report a format 2 construct in a format 1 file; True if it may be read."""
    if version >= 2:
        return True
    reader.error(node, f"{what} needs 'format: 2' at the top of the file (this file says format 1)")
    return False


def _read_cautions(reader: NodeReader, node: yaml.Node, what: str, version: int) -> tuple[Caution, ...]:
    """Cautions: plain text (for every technique) or {text, technique} (format 2)."""
    items = reader.sequence(node, f"{what} cautions")
    if items is None:
        return ()
    cautions: list[Caution] = []
    for item in items:
        if isinstance(item, yaml.MappingNode):
            if not _needs_format_2(reader, item, f"{what} caution with a technique", version):
                continue
            fields = reader.mapping(item, f"{what} caution", ("text", "technique"))
            if fields is None or len(fields) < 2:
                continue
            text = reader.string(fields["text"], f"{what} caution text")
            technique = reader.choice(fields["technique"], f"{what} caution technique", CAUTION_TECHNIQUES)
            if text is not None and technique is not None:
                cautions.append(Caution(text, technique))
        else:
            text = reader.string(item, f"{what} cautions item")
            if text is not None:
                cautions.append(Caution(text, "all"))
    return tuple(cautions)


def _read_pregnancy(
    reader: NodeReader,
    point_node: yaml.Node,
    fields: dict[str, yaml.Node],
    what: str,
    version: int,
    sources: dict[str, Source] | None,
) -> PregnancyFlag | None:
    """The pregnancy flag: format 1's boolean or format 2's {level, rule, trimester, note}."""
    if "pregnancy" in fields and "pregnancy_caution" in fields:
        reader.error(fields["pregnancy_caution"], f"{what}: give either pregnancy or pregnancy_caution, not both")
        return None
    if "pregnancy_caution" in fields:
        flag = reader.boolean(fields["pregnancy_caution"], f"{what} pregnancy_caution")
        return PregnancyFlag("caution", "unspecified", "all") if flag else None
    if "pregnancy" not in fields:
        if version < 2:  # format 1 requires the boolean
            reader.error(point_node, f"{what}: missing required key pregnancy_caution")
        return None
    node = fields["pregnancy"]
    if not _needs_format_2(reader, node, f"{what} pregnancy", version):
        return None
    parts = reader.mapping(node, f"{what} pregnancy", ("level", "rule", "trimester"), ("note",))
    if parts is None or not {"level", "rule", "trimester"} <= parts.keys():
        return None
    level = reader.choice(parts["level"], f"{what} pregnancy level", PREGNANCY_LEVELS)
    rules = tuple(k for k in PREGNANCY_RULES if k != "unspecified")
    rule = reader.choice(parts["rule"], f"{what} pregnancy rule", rules)
    trimester = reader.choice(parts["trimester"], f"{what} pregnancy trimester", tuple(TRIMESTERS))
    note = reader.string(parts["note"], f"{what} pregnancy note") if "note" in parts else ""
    if rule is not None and sources is not None:
        key = PREGNANCY_RULES[rule].source
        if key and key not in sources:
            reader.error(parts["rule"], f"{what} pregnancy rule {rule!r} cites {key!r}, which is not in the dataset's sources")
    if level is None or rule is None or trimester is None or note is None:
        return None
    return PregnancyFlag(level, rule, trimester, note)


