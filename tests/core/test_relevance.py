"""Relevance: the first results for queries as patients, students and practitioners type them.

Each row says which points a practitioner would name first for the query: the first
result must be one of `first`, and every point in `top3` must be among the first three.
The rows pin intent, not an exact list: within those bounds the order may change.
"""

from __future__ import annotations

import pytest

from backpoints.core.search import Filters, SearchIndex

RELEVANCE: list[tuple[str, set[str], set[str]]] = [
    # patients, in their own words
    ("low back", {"BL23", "BL25", "GV3", "GV4"}, {"BL23"}),
    ("lower back pain", {"BL23", "BL25", "GV3", "GV4"}, {"BL23"}),
    ("my lower back hurts", {"BL23", "BL25", "GV3", "GV4"}, {"BL23"}),
    ("lumbago", {"BL23", "BL25", "GV3", "GV4"}, {"BL23"}),
    ("LBP", {"BL23", "BL25", "GV3", "GV4"}, {"BL23"}),
    ("slipped disc", {"BL23", "BL25", "GV3", "GV4", "EX-B2"}, set()),
    ("sciatica", {"GB30", "BL40", "BL54", "BL36"}, {"GB30"}),
    ("pain down my leg", {"GB30", "BL40", "BL54", "BL36", "BL57"}, set()),
    ("leg pain", {"GB30", "BL40", "BL54", "BL36", "BL57"}, set()),
    ("stiff neck", {"EX-UE8", "GB20", "BL10", "SI3"}, {"EX-UE8"}),
    ("crick in the neck", {"GB20", "BL10", "GB21", "GV16", "EX-UE8"}, set()),
    ("neck pain", {"GB20", "BL10", "GB21", "GV16", "EX-UE8"}, set()),
    ("between shoulder blades", {"GV12", "BL15", "BL13", "BL43", "SI11"}, set()),
    ("shoulder blade pain", {"SI11", "SI13", "SI12", "BL43"}, {"SI11"}),
    ("mid back", {"GV9", "BL17", "BL18", "BL20"}, set()),
    ("upper back", {"GV14", "BL11", "GB21", "SI11", "BL13", "SI15", "BL43"}, set()),
    ("back of knee", {"BL40"}, {"BL40"}),
    ("behind the knee", {"BL40"}, {"BL40"}),
    ("tailbone", {"BL32", "BL31", "BL54", "BL36", "BL60"}, set()),
    ("hip pain", {"GB30", "GB29", "BL54"}, {"GB30"}),
    ("buttock", {"GB30", "BL54", "BL36"}, {"GB30"}),
    ("calf cramps", {"BL57"}, {"BL57"}),
    ("acute lumbar sprain", {"EX-UE7", "SI3", "BL40"}, {"EX-UE7", "SI3"}),
    ("headache and neck", {"GB20", "GV16", "BL10"}, {"GB20"}),
    ("bowel", {"BL25", "ST25"}, {"BL25", "ST25"}),
    ("period pain", {"SP6", "BL32"}, {"SP6", "BL32"}),
    ("weak knees", {"KI3", "ST36"}, {"KI3", "ST36"}),
    ("hand point for back pain", {"SI3", "EX-UE7"}, {"EX-UE7"}),
    ("migraine", {"GB20", "GV20", "GV16"}, set()),
    ("leg cramps at night", {"BL57"}, {"BL57"}),
    ("sacroiliac joint pain", {"BL32", "BL31", "BL54", "BL26"}, set()),
    ("back pain and fatigue", {"ST36", "BL23", "KI3", "GV3", "BL20"}, set()),
    ("older people back pain", {"BL23", "GV4", "CV4"}, {"BL23"}),
    ("backache", {"BL23", "BL25", "GV3", "GV4", "BL40"}, set()),
    ("bad back", {"BL23", "BL25", "GV3", "GV4", "BL40"}, set()),
    ("slipped disk", {"BL23", "BL25", "GV3", "GV4", "EX-B2"}, set()),
    ("lower back pain radiating to leg", {"BL25", "GB30", "BL40", "BL54"}, {"GB30", "BL40"}),
    ("pins and needles in leg", {"GB30", "BL40", "BL54", "BL36"}, set()),
    ("sciatic nerve", {"GB30", "BL54", "BL40"}, {"GB30"}),
    ("pain between my shoulder blades", {"GV12", "BL15", "BL13"}, {"GV12", "BL15", "BL13"}),
    ("rhomboid", {"GV12", "BL15", "BL13", "BL43"}, set()),
    ("upper back knots", {"SI13", "SI11", "GV9"}, {"SI11"}),
    ("traps", {"GB21"}, {"GB21"}),
    ("hamstring", {"BL36", "BL37"}, {"BL36", "BL37"}),
    ("quadratus lumborum", {"BL52", "EX-B7"}, {"BL52"}),
    ("pulled my back", {"BL40", "SI3", "EX-UE7"}, {"BL40", "SI3"}),
    ("sudden back pain", {"BL40", "SI3", "EX-UE7"}, set()),
    ("acute low back pain", {"BL40", "SI3", "EX-UE7"}, {"BL40"}),
    ("back spasm", {"GB34", "LR3"}, {"GB34", "LR3"}),
    ("period cramps", {"SP6", "BL32"}, {"SP6", "BL32"}),
    ("kidney point", {"BL23"}, {"BL23"}),
    ("stress", {"LR3", "GV20"}, {"LR3"}),
    ("coccyx", {"BL32", "BL31", "BL54", "BL36", "BL60"}, set()),
    # students: names, pinyin, channel names
    ("kidney shu", {"BL23"}, {"BL23"}),
    ("shen shu", {"BL23"}, {"BL23"}),
    ("bladder 23", {"BL23"}, {"BL23"}),
    ("large intestine 4", {"LI4"}, {"LI4"}),
    ("wei zhong", {"BL40"}, {"BL40"}),
    ("huantiao", {"GB30"}, {"GB30"}),
    ("Jiaji", {"EX-B2"}, {"EX-B2"}),
    ("hua tuo", {"EX-B2"}, {"EX-B2"}),
    ("four gates", {"LI4", "LR3"}, {"LI4", "LR3"}),
    ("command point for the back", {"BL40"}, {"BL40"}),
    ("Luozhen", {"EX-UE8"}, {"EX-UE8"}),
    ("du mai", {"SI3", "GV4", "GV3", "GV14", "GV16"}, set()),
    ("zusanli", {"ST36"}, {"ST36"}),
    ("kidney 3", {"KI3"}, {"KI3"}),
    ("source point of the kidney", {"KI3"}, {"KI3"}),
    ("influential point of the sinews", {"GB34"}, {"GB34"}),
    ("back shu point of the kidney", {"BL23"}, {"BL23"}),
    ("Commanding Middle", {"BL40"}, {"BL40"}),
    ("mingmen", {"GV4"}, {"GV4"}),
    ("Wěizhōng", {"BL40"}, {"BL40"}),
    ("腎俞", {"BL23"}, {"BL23"}),
    ("baliao", {"BL31", "BL32"}, {"BL31", "BL32"}),
    ("hui point", {"BL11", "BL17", "GB34"}, {"BL11", "BL17", "GB34"}),
    ("influential point of bone", {"BL11"}, {"BL11"}),
    ("bl 2", {"BL20", "BL22", "BL23", "BL24", "BL25", "BL26"}, set()),
    ("ub 2", {"BL20", "BL22", "BL23", "BL24", "BL25", "BL26"}, set()),
    # practitioners: codes in every spelling
    ("UB40", {"BL40"}, {"BL40"}),
    ("Du4", {"GV4"}, {"GV4"}),
    ("ren 6", {"CV6"}, {"CV6"}),
    ("SJ5", {"TE5"}, {"TE5"}),
    ("Liv3", {"LR3"}, {"LR3"}),
    ("K3", {"KI3"}, {"KI3"}),
    ("40", {"BL40"}, {"BL40"}),
    ("kd3", {"KI3"}, {"KI3"}),
    ("UB 23", {"BL23"}, {"BL23"}),
    ("GB 30", {"GB30"}, {"GB30"}),
    ("SI3 back", {"SI3"}, {"SI3"}),
    ("yaoyan", {"EX-B7"}, {"EX-B7"}),
    ("distal points for low back", {"BL40"}, {"BL40"}),
    ("ashi", {"SI11", "SI13", "GV9", "BL24", "BL26", "BL54"}, set()),
]


@pytest.fixture(scope="module")
def index(dataset):  # type: ignore[no-untyped-def]
    return SearchIndex(dataset)


def test_the_table_is_large_enough() -> None:
    assert len(RELEVANCE) >= 30


@pytest.mark.parametrize(("query", "first", "top3"), RELEVANCE, ids=[r[0] for r in RELEVANCE])
def test_first_results_are_what_a_practitioner_names(index: SearchIndex, query: str, first: set[str],
                                                     top3: set[str]) -> None:
    codes = [p.code for p in index.search(query)]
    assert codes, f"{query!r} finds nothing"
    assert codes[0] in first, f"{query!r}: {codes[:5]}"
    assert top3 <= set(codes[:3]), f"{query!r}: {codes[:5]}"


def test_main_purpose_ranks_before_passing_mentions(index: SearchIndex) -> None:
    """GB20 (a neck point) mentions lumbar pain in passing: lower-back points come first."""
    codes = [p.code for p in index.search("low back")]
    assert "GB20" in codes
    lower_back = [p.code for p in index.dataset.points if "lower-back" in p.areas]
    assert codes.index("GB20") > max(codes.index(c) for c in lower_back if c in codes[:10])
    sciatica = [p.code for p in index.search("sciatica")]
    assert sciatica.index("GB30") < sciatica.index("EX-B2")


def test_tiers_code_then_name_then_use_then_text(index: SearchIndex) -> None:
    hits = index.search_ranked("lumbar")
    matched = [h.matched for h in hits]
    # "Lumbar" is in three names: they come first, then back-pain use, then other text.
    assert matched[:3] == ["name"] * 3
    assert matched == sorted(matched, key=["code", "name", "use", "text"].index)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    bl40 = index.search_ranked("BL40")
    assert bl40[0].point.code == "BL40" and bl40[0].matched == "code"
    assert all(h.matched != "code" for h in bl40[1:])  # BL23, BL36 ... name BL40 in their text


def test_forbidden_points_are_the_classical_ones(index: SearchIndex) -> None:
    """'Forbidden points' names a rule, not every point flagged in pregnancy (most are WHO regions)."""
    classical = {p.code for p in index.dataset.points
                 if p.pregnancy is not None and p.pregnancy.rule == "traditional-forbidden"}
    assert classical == {"GB21", "SP6", "BL60", "LI4"}
    assert set(p.code for p in index.search("forbidden points")) == classical
    assert len(index.search("pregnant")) > len(classical)


def test_ranking_respects_filters(index: SearchIndex) -> None:
    codes = [p.code for p in index.search("low back", Filters(areas=frozenset({"knee"})))]
    assert codes[0] == "BL40"
    assert "LI4" not in [p.code for p in index.search("pregnant", Filters(hide_pregnancy=True))]
