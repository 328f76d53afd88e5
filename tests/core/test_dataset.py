"""The bundled dataset: coverage, cautions, sources and the anatomy of its markers."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import defaultdict

import pytest

from backpoints.core import anatomy
from backpoints.core.model import (
    AREAS, CAUTION_TECHNIQUES, HAZARD_INFO, PREGNANCY_RULES, SPINE_LEVELS, TRIMESTERS, Point,
)
from tests.conftest import DATA, ROOT

REQUIRED_CODES = """BL22 BL23 BL24 BL25 BL26 BL52 GV3 GV4 BL31 BL32 EX-B2 EX-B7 GB30 GB29 BL54 BL36
BL40 BL37 BL57 BL58 GB34 ST36 BL60 BL62 KI3 KI7 LR3 GB41 SI3 LI4 EX-UE7 EX-UE8 CV4 CV6 ST25
GB20 GB21 BL10 BL11 BL13 BL15 BL17 BL43 GV14 GV16 GV20 SI9 SI10 SI11 SI12 SI13 SI14 SI15 TE14
LI15 LI11 TE5""".split()


def test_size_and_required_points(dataset) -> None:  # type: ignore[no-untyped-def]
    codes = {p.code for p in dataset.points}
    assert len(codes) >= 60
    assert not set(REQUIRED_CODES) - codes


def test_every_area_has_at_least_three_points(dataset) -> None:  # type: ignore[no-untyped-def]
    counts = {area: sum(area in p.areas for p in dataset.points) for area in AREAS}
    for area in ("lower-back", "hip", "knee", "foot", "hand", "abdomen", "head", "neck", "shoulder", "upper-back"):
        assert counts[area] >= 3, (area, counts[area])


def test_both_pain_types_are_well_served(dataset) -> None:  # type: ignore[no-untyped-def]
    assert sum("lower" in p.pain for p in dataset.points) >= 15
    assert sum("upper" in p.pain for p in dataset.points) >= 15


def test_every_point_is_complete_and_sourced(dataset) -> None:  # type: ignore[no-untyped-def]
    for p in dataset.points:
        for text in (p.name, p.pinyin, p.hanzi, p.location, p.how_to_find, p.back_pain_use,
                     p.technique.needling, p.technique.acupressure):
            assert text.strip(), p.code
        assert re.search(r"[\u0300-\u036f\u00e0-\u01dc]", p.pinyin), f"{p.code}: pinyin without tone marks"
        assert all("\u3400" <= c <= "\u9fff" for c in p.hanzi), p.code
        assert p.sources and all(key in dataset.sources for key in p.sources), p.code
        standard = "gbt12346" if p.code.startswith("EX-") else "who2008"
        assert standard in p.sources, p.code
        assert "<" not in p.location + p.how_to_find, "plain text only"


@pytest.mark.parametrize("code", ["LI4", "SP6", "BL60", "GB21", "BL31", "BL32", "CV4", "CV6"])
def test_pregnancy_cautions(dataset, code: str) -> None:  # type: ignore[no-untyped-def]
    point = dataset.point(code)
    assert point.pregnancy_caution
    text = point.pregnancy.text()
    assert "pregnan" in text.lower()
    # Each flag names its rule (WHO 1999 or the classical list) and when it applies.
    assert "WHO 1999" in text or "Cummings 2011" in text
    assert any(words in text for words in TRIMESTERS.values())


_LUMBOSACRAL = {f"L{i}" for i in range(1, 6)} | {f"S{i}" for i in range(1, 5)}


def test_lumbosacral_and_lower_abdominal_points_are_avoided_in_pregnancy(dataset) -> None:  # type: ignore[no-untyped-def]
    """WHO 1999: no acupuncture or moxibustion on these regions in the first trimester."""
    covered = [
        p for p in dataset.points
        if "lower-back" in p.areas or "abdomen" in p.areas or (p.spine is not None and p.spine.level in _LUMBOSACRAL)
    ]
    assert {"BL23", "BL52", "GV3", "GV4", "EX-B7", "EX-B2", "BL31", "CV4", "CV6", "ST25"} <= {p.code for p in covered}
    for p in covered:
        assert p.pregnancy is not None and p.pregnancy.level == "avoid", p.code
        assert p.pregnancy.rule.startswith("who1999-"), p.code
        assert p.pregnancy.trimester in ("first", "all"), p.code
        assert "who1999" in p.sources, p.code


def test_every_hazard_and_caution_names_a_technique(dataset) -> None:  # type: ignore[no-untyped-def]
    for key, hazard in HAZARD_INFO.items():
        assert hazard.technique in CAUTION_TECHNIQUES, key
    for p in dataset.points:
        for note in p.caution_notes:
            assert note.technique in CAUTION_TECHNIQUES, p.code


@pytest.mark.parametrize("code", ["BL22", "BL23", "BL52", "CV4", "CV6", "ST25"])
def test_organs_beneath_carry_the_organ_hazard_and_a_limit(dataset, code: str) -> None:  # type: ignore[no-untyped-def]
    point = dataset.point(code)
    assert "organ" in point.hazards
    assert re.search(r"never deeper than [\d.]+ cun|[\d.]+ cun is the limit", " ".join(point.cautions + (point.technique.needling,)), re.I)


def test_gb21_keeps_to_the_standard_depth_with_an_absolute_limit(dataset) -> None:  # type: ignore[no-untyped-def]
    gb21 = dataset.point("GB21")
    needling = gb21.technique.needling
    assert "0.3-0.5 cun" in needling and "0.5 cun is the absolute limit" in needling
    assert "14.6 mm" in needling and "chen2018" in gb21.sources and "cam1999" in gb21.sources
    assert "0.5-1 cun" not in needling


def test_gb20_direction_agrees_with_its_caution(dataset) -> None:  # type: ignore[no-untyped-def]
    gb20 = dataset.point("GB20")
    needling = gb20.technique.needling
    assert "towards the tip of the nose" in needling
    assert "directed towards the tip of the nose or the opposite eye" not in needling
    assert "Never aim towards the opposite eye" in needling


def test_spinal_hazard_text_agrees_with_upward_oblique_technique(dataset) -> None:  # type: ignore[no-untyped-def]
    text = HAZARD_INFO["spinal-cord"].text.lower()
    for code in ("GV14", "GV12", "GV9"):
        assert "upward" in dataset.point(code).technique.needling.lower()
    assert "never needle deeply or upwards" not in text and "foramen magnum" in text


def test_every_cited_source_resolves_to_a_full_reference(dataset) -> None:  # type: ignore[no-untyped-def]
    cited = {key for p in dataset.points for key in p.sources}
    cited |= {PREGNANCY_RULES[p.pregnancy.rule].source for p in dataset.points if p.pregnancy is not None}
    cited.discard("")
    for key in cited:
        citation = dataset.sources[key].citation
        assert re.search(r"(19|20)\d\d", citation), key  # a year
        assert len(citation) > 60 and citation.rstrip().endswith((".", ")")), key
    cummings = dataset.sources["cummings2011"].citation
    assert "2011;29(2):140-142" in cummings and "cummings2001" not in dataset.sources


def test_abdominal_points_are_front_back_pairs(dataset) -> None:  # type: ignore[no-untyped-def]
    for p in dataset.points:
        if "abdomen" in p.areas:
            assert p.role == "front-back", p.code


def test_gb30_states_the_who_controversy(dataset) -> None:  # type: ignore[no-untyped-def]
    location = dataset.point("GB30").location
    assert "controversial" in location and "anterior superior iliac spine" in location


@pytest.mark.parametrize("code", ["BL11", "BL12", "BL13", "BL15", "BL17", "BL43", "GB21", "SI14", "SI15"])
def test_chest_wall_points_warn_of_pneumothorax(dataset, code: str) -> None:  # type: ignore[no-untyped-def]
    point = dataset.point(code)
    assert "pneumothorax" in point.hazards
    assert "pneumothorax" in (" ".join(point.cautions) + point.technique.needling).lower()


def _back_markers(point: Point) -> list[tuple[float, float]]:
    return [(m.x, m.y) for m in point.markers if m.view == "back"]


def test_midline_points_sit_on_the_midline(dataset) -> None:  # type: ignore[no-untyped-def]
    for p in dataset.points:
        if p.meridian in ("GV", "CV"):
            assert not p.bilateral, p.code
            for m in p.markers:
                if m.view in ("front", "back"):
                    assert m.x == pytest.approx(0.5), p.code


def test_bilateral_markers_are_mirrored(dataset) -> None:  # type: ignore[no-untyped-def]
    for p in dataset.points:
        if not p.bilateral:
            continue
        for view in ("front", "back"):
            xs = sorted(round(m.x, 4) for m in p.markers if m.view == view)
            ys = defaultdict(list)
            for m in p.markers:
                if m.view == view:
                    ys[round(m.y, 4)].append(round(m.x - 0.5, 4))
            for offsets in ys.values():
                assert sorted(offsets) == sorted(-o for o in offsets), (p.code, view)
            assert len(xs) % 2 == 0, (p.code, view)


def _spine_points(dataset) -> list[Point]:  # type: ignore[no-untyped-def]
    return [p for p in dataset.points if p.spine is not None and p.code != "EX-B2"]


def test_vertical_order_follows_the_spine(dataset) -> None:  # type: ignore[no-untyped-def]
    height: dict[str, set[float]] = defaultdict(set)
    for p in _spine_points(dataset):
        for _, y in _back_markers(p):
            height[p.spine.level].add(y)
    # One vertebral level: one height, whatever the point.
    for level, ys in height.items():
        assert len(ys) == 1, (level, ys)
    ordered = [next(iter(height[lv])) for lv in SPINE_LEVELS if lv in height]
    assert ordered == sorted(ordered) and len(set(ordered)) == len(ordered)
    assert len(height) >= 12  # C7 to the sacrum, well covered


def test_lateral_distance_is_proportional_to_cun(dataset) -> None:  # type: ignore[no-untyped-def]
    per_cun = set()
    for p in _spine_points(dataset):
        for x, _ in _back_markers(p):
            if p.spine.lateral_cun:
                per_cun.add(round(abs(x - 0.5) / p.spine.lateral_cun, 3))
            else:
                assert x == pytest.approx(0.5)
    assert len(per_cun) == 1, per_cun
    bl23, bl52 = dataset.point("BL23"), dataset.point("BL52")
    assert abs(_back_markers(bl52)[0][0] - 0.5) == pytest.approx(2 * abs(_back_markers(bl23)[0][0] - 0.5), abs=1e-3)


def test_location_text_names_the_spinal_level(dataset) -> None:  # type: ignore[no-untyped-def]
    for p in _spine_points(dataset):
        assert f"({p.spine.level})" in p.location, p.code
        if p.spine.lateral_cun and not p.code.startswith("BL3"):
            cun = f"{p.spine.lateral_cun:g} B-cun"
            assert cun in p.location or "level with BL" in p.location, (p.code, cun)


def test_landmark_heights_are_anatomical() -> None:
    y = anatomy.level_y
    assert anatomy.SCAPULA_SPINE_ROOT[1] == y("T3")
    assert anatomy.SCAPULA_INFERIOR_ANGLE[1] == y("T7")
    assert anatomy.ILIAC_CREST_Y == y("L4")
    assert anatomy.PSIS[1] == y("S2")
    heights = [anatomy.CHIN_Y, y("C7"), y("T12"), y("L4"), y("S4"), anatomy.GLUTEAL_FOLD_Y,
               anatomy.POPLITEAL_CREASE_Y, anatomy.MALLEOLUS_Y, anatomy.SOLE_Y]
    assert heights == sorted(heights)
    # About 8 heads tall.
    assert 7.5 <= anatomy.FIGURE_HEIGHT / anatomy.CHIN_Y <= 8.1


def test_every_marker_lies_in_a_region_of_its_areas(dataset) -> None:  # type: ignore[no-untyped-def]
    for p in dataset.points:
        for m in p.markers:
            if m.view in ("front", "back", "side"):
                x, y = m.x * anatomy.FIGURE_WIDTH, m.y * anatomy.FIGURE_HEIGHT
            else:
                x, y = m.x, m.y
            areas = {
                r.area
                for r in anatomy.REGIONS
                if r.view == m.view
                for x0, y0, x1, y1 in anatomy.region_boxes(r)
                if x0 <= x <= x1 and y0 <= y <= y1
            }
            assert areas & set(p.areas), (p.code, m, areas)


def test_markers_match_the_anatomy_model() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "place_markers.py"), str(DATA), "--check"],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "no placement" not in result.stderr


def test_every_point_has_a_placement(dataset) -> None:  # type: ignore[no-untyped-def]
    for p in dataset.points:
        spine = p.spine
        markers = anatomy.placement_for(p.code, p.bilateral, spine.level if spine else None,
                                        spine.lateral_cun if spine else None)
        assert markers == p.markers, p.code


#: Needling depths (cun) in Chinese Acupuncture and Moxibustion (1999), read from the TARA
#: ontology's curated table of that book; checked by hand for issue 12.
CAM_DEPTHS = {
    "GV20": "0.3-0.5", "GV16": "0.5-0.8", "GB20": "0.5-0.8", "BL10": "0.5-0.8", "GV14": "0.5-1",
    "GB21": "0.3-0.5", "SI15": "0.3-0.6", "SI14": "0.3-0.7", "SI13": "0.3-0.5", "SI12": "0.5-0.7",
    "SI11": "0.5-1", "SI10": "0.5-1", "SI9": "0.5-1", "TE14": "0.7-1", "LI15": "0.8-1.5",
    "BL11": "0.5-0.7", "BL12": "0.5-0.7", "BL13": "0.5-0.7", "GV12": "0.5-1", "BL43": "0.3-0.5",
    "BL15": "0.5-0.7", "GV9": "0.5-1", "BL17": "0.5-0.7", "BL18": "0.5-0.7", "BL20": "0.5-0.7",
    "BL22": "0.5-1", "BL23": "1-1.2", "BL24": "0.8-1.2", "BL25": "0.8-1.2", "BL26": "0.8-1.2",
    "BL52": "0.5-1", "GV4": "0.5-1", "GV3": "0.5-1", "EX-B7": "0.8-1.2", "EX-B2": "1-1.5",
    "BL31": "0.8-1.2", "BL32": "0.8-1.2", "BL54": "1.5-2", "GB30": "1.5-2.5", "GB29": "0.5-1",
    "BL36": "1-1.5", "BL37": "1-2", "BL40": "0.5-1", "BL57": "0.8-1.2", "BL58": "0.7-1",
    "GB34": "0.8-1.2", "ST36": "0.5-1.2", "SP6": "0.5-1", "BL60": "0.5-1", "BL62": "0.3-0.5",
    "LR3": "0.3-0.5", "GB41": "0.3-0.5", "LI11": "1-1.5", "TE5": "0.5-1", "LI4": "0.5-1",
    "SI3": "0.5-0.7", "EX-UE7": "0.5-1", "EX-UE8": "0.5-0.8", "CV6": "0.8-1.2", "CV4": "0.8-1.2",
    "ST25": "0.7-1.2",
}


def test_needling_depths_are_the_cited_standard_texts(dataset) -> None:  # type: ignore[no-untyped-def]
    """Every depth CAM 1999 gives is the one the point states, and CAM is then cited."""
    for code, depth in CAM_DEPTHS.items():
        point = dataset.point(code)
        needling = re.sub(r"(\d) to (\d)", r"\1-\2", point.technique.needling)
        assert f"{depth} cun" in needling, (code, depth, needling)
        assert "cam1999" in point.sources, code
    # No depth is credited to unnamed "Chinese texts" any more.
    for p in dataset.points:
        assert "Chinese texts" not in p.technique.needling, p.code


_LIMIT = re.compile(
    r"never deeper than [\d.]+ cun|[\d.]+ cun is the (absolute )?limit|no deeper than (about )?[\d.]+ cun"
    r"|(do not|never) go past [\d.]+ cun|beyond about [\d.]+ cun|insertion to about [\d.]+ cun",
    re.I,
)


def test_every_point_over_an_organ_states_an_absolute_limit(dataset) -> None:  # type: ignore[no-untyped-def]
    for p in dataset.points:
        if set(p.hazards) & {"pneumothorax", "spinal-cord", "organ"}:
            assert _LIMIT.search(" ".join(p.cautions) + " " + p.technique.needling), p.code
