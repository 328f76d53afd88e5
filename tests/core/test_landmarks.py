"""Landmarks, the B-cun grid and the markers come from one anatomy model and agree."""

from __future__ import annotations

import pytest

from backpoints.core import anatomy
from backpoints.core.figures import CROPS, best_view, markers_in, marker_units, view_for_area
from backpoints.core.landmarks import BACK_CUN_LINES, KEY_LEVELS, cun_grid, landmarks, measurement
from backpoints.core.model import SPINE_LEVELS

TOLERANCE = 0.6  # figure units (a figure is 1000 high): well under a marker's radius


def _level_lines() -> dict[float, bool]:
    """y of every horizontal grid line on the back."""
    return {s.points[0][1]: True for s in cun_grid("back") if s.kind == "grid" and s.points[0][1] == s.points[1][1]}


def _cun_lines() -> list[float]:
    """Lateral offsets (signed, figure units) of the vertical grid lines on the back."""
    return [s.points[0][0] - anatomy.MID for s in cun_grid("back")
            if s.kind == "grid" and s.points[0][0] == s.points[1][0]]


def _foramina() -> list[tuple[float, float]]:
    return [s.points[0] for s in landmarks("back") if s.kind == "bone" and len(s.points) == 1]


def test_every_spine_point_lies_on_its_level_and_cun_line(dataset) -> None:  # type: ignore[no-untyped-def]
    levels = _level_lines()
    lines = _cun_lines()
    dots = _foramina()
    spine_points = [p for p in dataset.points if p.spine is not None]
    assert len(spine_points) >= 20
    for point in spine_points:
        spine = point.spine
        assert spine is not None
        back = [m for m in point.markers if m.view == "back"]
        assert back, point.code
        for marker in back:
            x, y = marker_units("back", marker)
            if point.code == "EX-B2":  # one pair at every level T1-L5: each on some level line
                assert min(abs(y - ly) for ly in levels) < TOLERANCE, (point.code, y)
            else:
                assert abs(y - anatomy.level_y(spine.level)) < TOLERANCE, (point.code, y)
                assert min(abs(y - ly) for ly in levels) < TOLERANCE
            dx = x - anatomy.MID
            assert abs(abs(dx) - spine.lateral_cun * anatomy.CUN_X) < TOLERANCE, (point.code, dx)
            # ... and that line is drawn: a grid line, the midline, or a sacral foramen dot.
            on_line = min(abs(dx - lx) for lx in lines) < TOLERANCE
            on_dot = any(abs(x - fx) < TOLERANCE and abs(y - fy) < TOLERANCE for fx, fy in dots)
            assert on_line or on_dot, f"{point.code}: no grid line or landmark at {spine.lateral_cun} B-cun"


def test_the_grid_has_the_back_lines_and_every_level() -> None:
    lines = sorted({round(abs(dx) / anatomy.CUN_X, 3) for dx in _cun_lines()})
    assert lines == sorted({0.0, *BACK_CUN_LINES})
    assert {0.5, 1.5, 3.0, 3.5} <= set(lines)
    assert len(_level_lines()) == len(SPINE_LEVELS)


def test_key_levels_carry_their_rule_and_match_the_landmarks() -> None:
    shapes = landmarks("back")
    rules = {s.label: s for s in shapes if s.kind == "rule"}
    for level in ("T3", "T7", "L4", "S2", "C7"):
        rule = rules[KEY_LEVELS[level]]
        assert all(abs(y - anatomy.level_y(level)) < 1e-9 for _, y in rule.points)
    # The rules' landmarks: inferior angles at T7, iliac crests at L4, PSIS at S2.
    assert anatomy.SCAPULA_INFERIOR_ANGLE[1] == anatomy.level_y("T7")
    assert anatomy.ILIAC_CREST_Y == anatomy.level_y("L4")
    assert anatomy.PSIS[1] == anatomy.level_y("S2")
    # WHO 2008 (general guidelines f): T12 level with the midpoint from the inferior angle to the crest's top.
    assert anatomy.level_y("T12") == pytest.approx((anatomy.level_y("T7") + anatomy.ILIAC_CREST_Y) / 2)
    # (d) T3 on the line through the medial ends of the scapular spines.
    assert anatomy.SCAPULA_SPINE_ROOT[1] == anatomy.level_y("T3")
    t12 = rules[KEY_LEVELS["T12"]]
    assert all(y == anatomy.level_y("T12") for _, y in t12.points)
    numbered = {s.label for s in shapes if s.kind == "spine"}
    assert numbered == set(SPINE_LEVELS)


def test_measurement_reads_level_and_cun(dataset) -> None:  # type: ignore[no-untyped-def]
    m = measurement(dataset.point("BL23"), "lumbar")
    assert m is not None and m.text == "L2, 1.5 cun"
    assert {start for start, _ in m.segments} == {(anatomy.MID, anatomy.level_y("L2"))}
    assert sorted(x - anatomy.MID for _, (x, _) in m.segments) == pytest.approx([-1.5 * anatomy.CUN_X, 1.5 * anatomy.CUN_X],
                                                                                abs=TOLERANCE)
    assert measurement(dataset.point("GV4")).text == "L2, on the midline"  # type: ignore[union-attr]
    assert measurement(dataset.point("BL23"), "front") is None  # not drawn there


def test_limb_and_abdomen_points_are_measured_from_their_landmark(dataset) -> None:  # type: ignore[no-untyped-def]
    st36 = measurement(dataset.point("ST36"), "front")
    assert st36 is not None and st36.text == "3 B-cun below the knee crease"
    for (sx, sy), (ex, ey) in st36.segments:  # a vertical line from the crease down to each marker
        assert sx == ex and sy == anatomy.POPLITEAL_CREASE_Y
        assert ey - sy == pytest.approx(3 * anatomy.CUN_LEG, abs=0.6)
    cv4 = measurement(dataset.point("CV4"), "front")
    assert cv4 is not None and cv4.segments[0][1][1] - anatomy.UMBILICUS_Y == pytest.approx(3 * anatomy.CUN_ABDOMEN, abs=0.6)
    assert measurement(dataset.point("KI3"), "foot-medial") is not None
    measured = [p.code for p in dataset.points if any(measurement(p, v) for v in p.views + ("lumbar", "neck"))]
    assert len(measured) >= 45, sorted(set(p.code for p in dataset.points) - set(measured))


@pytest.mark.parametrize(("code", "view"), [("KI3", "foot-medial"), ("SI3", "hand"), ("BL23", "lumbar"),
                                            ("BL54", "lumbar"), ("GB20", "neck"), ("SI15", "neck"),
                                            ("GB34", "side"), ("GB30", "side"), ("GB29", "side"), ("TE14", "side"),
                                            ("BL60", "foot-lateral"), ("ST36", "front"), ("BL40", "back"),
                                            ("EX-B2", "back")])
def test_best_view(dataset, code: str, view: str) -> None:  # type: ignore[no-untyped-def]
    assert best_view(dataset.point(code), "back") == view


def test_close_ups_hold_the_crowded_points(dataset) -> None:  # type: ignore[no-untyped-def]
    lumbar = {p.code for p in dataset.points if markers_in(p, "lumbar")}
    assert {"BL23", "BL25", "BL52", "GV3", "GV4", "EX-B2", "EX-B7", "BL31", "BL32", "BL54"} <= lumbar
    neck = {p.code for p in dataset.points if markers_in(p, "neck")}
    assert {"GB20", "BL10", "GV16", "GV14", "GB21", "SI14", "SI15", "BL11", "BL13"} <= neck
    assert set(CROPS) == {"lumbar", "neck"}


def test_area_views() -> None:
    assert view_for_area("abdomen", "back") == "front"
    assert view_for_area("lower-back", "front") == "back"
    assert view_for_area("lower-back", "lumbar") == "lumbar"
    assert view_for_area("hand", "lumbar") == "back"
    assert view_for_area("foot", "hand") == "front"  # the first body figure with feet


def test_sheets_get_the_close_ups_their_points_need(dataset) -> None:  # type: ignore[no-untyped-def]
    from backpoints.printing.insets import insets_for

    def points(*codes: str):  # type: ignore[no-untyped-def]
        return [dataset.point(c) for c in codes]

    assert insets_for(points("BL23", "BL25", "GV4", "KI3")) == ["lumbar", "foot-medial"]
    assert insets_for(points("GB20", "SI15", "LI4", "SI3", "EX-UE7")) == ["hand", "neck"]
    assert insets_for(points("GB34", "ST36", "BL40")) == []
    # GB30 is shown on the side view in the app; on paper its buttock markers get the lumbar close-up.
    assert insets_for(points("GB30")) == ["lumbar"]


def _side_units(dataset, code: str) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    [marker] = [m for m in dataset.point(code).markers if m.view == "side"]
    x, y = marker_units("side", marker)
    return x - anatomy.MID, y


def test_side_view_markers_follow_the_model(dataset) -> None:  # type: ignore[no-untyped-def]
    # GB29: halfway from the ASIS to the greater trochanter.
    asis, troch = anatomy.SIDE_ASIS, anatomy.SIDE_GREATER_TROCHANTER
    assert _side_units(dataset, "GB29") == pytest.approx(((asis[0] + troch[0]) / 2, (asis[1] + troch[1]) / 2),
                                                         abs=TOLERANCE)
    # GB30: a third of the way from the trochanter to the sacral hiatus, at the trochanter's height.
    hiatus = anatomy.SIDE_SACRAL_HIATUS
    assert _side_units(dataset, "GB30") == pytest.approx(
        (troch[0] + (hiatus[0] - troch[0]) / 3, troch[1] + (hiatus[1] - troch[1]) / 3), abs=TOLERANCE)
    assert abs(troch[1] - anatomy.GREATER_TROCHANTER[1]) < 1e-9  # the same height as on the back figure
    # GB34 in front of and below the head of the fibula, 2 B-cun below the crease as on the front figure.
    fx, fy = anatomy.SIDE_FIBULA_HEAD
    gx, gy = _side_units(dataset, "GB34")
    assert gx > fx and gy > fy
    [front] = [m for m in dataset.point("GB34").markers if m.view == "front"][:1]
    assert gy == pytest.approx(marker_units("front", front)[1], abs=TOLERANCE)
    # BL60 between the malleolus and the calcaneal tendon, at the malleolus' height.
    bx, by = _side_units(dataset, "BL60")
    assert anatomy.SIDE_CALCANEAL_TENDON_DX < bx < anatomy.SIDE_LATERAL_MALLEOLUS[0]
    assert by == pytest.approx(anatomy.MALLEOLUS_Y, abs=TOLERANCE)
    # Every side marker lies inside the drawn outline.
    for point in dataset.points:
        for marker in point.markers:
            if marker.view == "side":
                x, y = marker_units("side", marker)
                back, front = anatomy.side_profile(y)
                assert back < x - anatomy.MID < front, point.code


def test_side_view_has_its_landmarks_grid_and_measurements(dataset) -> None:  # type: ignore[no-untyped-def]
    names = {s.label for s in landmarks("side")}
    assert {"iliac crest", "ASIS", "greater trochanter", "head of the fibula", "lateral malleolus",
            "popliteal crease"} <= names
    rule = next(s for s in landmarks("side") if s.kind == "rule")
    assert rule.label == KEY_LEVELS["L4"] and all(y == anatomy.level_y("L4") for _, y in rule.points)
    grid = [s.label for s in cun_grid("side") if s.kind == "grid"]
    assert any("19 B-cun" in g for g in grid) and any("16 B-cun" in g for g in grid)
    for code in ("GB29", "GB30", "GB34", "BL60", "BL62", "TE14", "LI15"):
        assert measurement(dataset.point(code), "side") is not None, code
    assert measurement(dataset.point("ST36"), "side") is None  # not drawn there
    assert view_for_area("hip", "side") == "side"


def test_every_point_shows_its_measurement_where_it_is_drawn(dataset) -> None:  # type: ignore[no-untyped-def]
    """Hovering any bundled point on its best view, or on any figure that draws it, shows a dimension line."""
    # The front figure's feet are a few pixels wide; LR3 and GB41 are measured on the foot close-ups.
    tiny = {("LR3", "front"), ("GB41", "front")}
    for point in dataset.points:
        view = best_view(point)
        assert view is not None and measurement(point, view) is not None, (point.code, view)
        for drawn in point.views:
            if (point.code, drawn) not in tiny:
                found = measurement(point, drawn)
                assert found is not None and found.text and found.segments, (point.code, drawn)


def test_measurements_start_at_their_landmark(dataset) -> None:  # type: ignore[no-untyped-def]
    si11 = measurement(dataset.point("SI11"), "back")
    assert si11 is not None
    ends = {pt for seg in si11.segments for pt in seg}
    assert (anatomy.MID + anatomy.SCAPULA_INFERIOR_ANGLE[0], anatomy.SCAPULA_INFERIOR_ANGLE[1]) in ends
    ue7 = measurement(dataset.point("EX-UE7"), "hand")
    assert ue7 is not None
    h = anatomy.HAND_VIEW_SIZE[1]
    assert all(a[1] == anatomy.HAND_WRIST_Y * h and b[1] == anatomy.HAND_MCP_Y * h for a, b in ue7.segments)
    # The back figure's hand carries the close-up's measurement: SI3 just above the knuckles.
    si3 = measurement(dataset.point("SI3"), "back")
    assert si3 is not None and len(si3.segments) == 2
    assert all(abs(a[1] - anatomy.BODY_KNUCKLE_Y) < 0.6 for a, _ in si3.segments)
