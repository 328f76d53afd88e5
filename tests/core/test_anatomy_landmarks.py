"""Landmarks of the anatomy model that the issue 12 review found drawn in the wrong place."""

from __future__ import annotations

import re

import pytest

from backpoints.core import anatomy as A
from tests.conftest import ROOT


def _back(dataset, code: str) -> list[tuple[float, float]]:  # type: ignore[no-untyped-def]
    return [(m.x * A.FIGURE_WIDTH, m.y * A.FIGURE_HEIGHT) for m in dataset.point(code).markers if m.view == "back"]


def test_si9_is_one_b_cun_above_the_posterior_axillary_fold(dataset) -> None:  # type: ignore[no-untyped-def]
    fold_x, fold_y = A.POSTERIOR_AXILLARY_FOLD
    assert A.CUN_UPPER_ARM == pytest.approx((A.ELBOW_Y - fold_y) / 9)  # WHO: fold to cubital crease 9 B-cun
    for x, y in _back(dataset, "SI9"):
        assert fold_y - y == pytest.approx(A.CUN_UPPER_ARM, abs=0.2)


def test_bl58_is_one_b_cun_lateral_and_distal_to_bl57(dataset) -> None:  # type: ignore[no-untyped-def]
    right57 = max(_back(dataset, "BL57"))
    right58 = max(_back(dataset, "BL58"))
    assert right58[0] - right57[0] == pytest.approx(A.CUN_LEG, abs=0.5)
    assert right58[1] - right57[1] == pytest.approx(A.CUN_LEG, abs=0.5)


def test_back_figure_knuckles_are_at_the_hand_models_knuckles(dataset) -> None:  # type: ignore[no-untyped-def]
    expected = A.WRIST_Y + (A.HAND_WRIST_Y - A.HAND_MCP_Y) * (A.FINGERTIP_Y - A.WRIST_Y) / (
        A.HAND_WRIST_Y - A.HAND_FINGERTIP_Y
    )
    assert A.BODY_KNUCKLE_Y == pytest.approx(expected)
    svg = (ROOT / "assets" / "back.svg").read_text(encoding="utf-8")
    assert f",{A.BODY_KNUCKLE_Y:.1f}".rstrip("0").rstrip(".") in svg
    # SI3 and EX-UE8 lie just proximal to the knuckles (towards the wrist, up on the
    # hanging hand), within one finger-cun, not in the middle of the hand.
    for code in ("SI3", "EX-UE8"):
        for _, y in _back(dataset, code):
            assert A.BODY_KNUCKLE_Y - 15 < y < A.BODY_KNUCKLE_Y, (code, y)


def test_hand_has_a_carpus_and_li4_sits_at_the_middle_of_the_second_metacarpal(dataset) -> None:  # type: ignore[no-untyped-def]
    assert A.HAND_MCP_Y < A.HAND_CARPUS_Y < A.HAND_WRIST_Y
    [li4] = [m for m in dataset.point("LI4").markers if m.view == "hand"]
    assert li4.y == pytest.approx((A.HAND_CARPUS_Y + A.HAND_MCP_Y) / 2, abs=0.002)
    assert li4.x < A.metacarpal_x(2, li4.y)  # radial side
    # EX-UE7: midway between the wrist crease and the knuckles.
    for m in dataset.point("EX-UE7").markers:
        if m.view == "hand":
            assert m.y == pytest.approx((A.HAND_WRIST_Y + A.HAND_MCP_Y) / 2, abs=0.002)
    svg = (ROOT / "assets" / "hand.svg").read_text(encoding="utf-8")
    assert "<rect" in svg  # the carpal block is drawn


def test_occipital_protuberance_is_level_with_the_ear() -> None:
    # The ear is drawn from y 60 to 82; the protuberance sits near its middle, above the nape points.
    assert 62 <= A.OCCIPITAL_PROTUBERANCE_Y <= 76


def test_medial_tibial_border_lies_on_the_leg_with_sp6_behind_it(dataset) -> None:  # type: ignore[no-untyped-def]
    # The medial view's leg spans about 0.56-0.85 (mirrored leg chain 0.29-0.3 with radius 0.13-0.14).
    assert 0.58 < A.FOOT_MEDIAL_TIBIA_X < 0.8
    [sp6] = [m for m in dataset.point("SP6").markers if m.view == "foot-medial"]
    assert sp6.x > A.FOOT_MEDIAL_TIBIA_X  # posterior (towards the heel, on the right)
    svg = (ROOT / "assets" / "foot-medial.svg").read_text(encoding="utf-8")
    xs = [float(x) for x in re.findall(r'stroke-dasharray="2 4"', svg) and re.findall(r'M([\d.]+),30', svg)]
    assert xs and all(0.58 * 400 < x < 0.8 * 400 for x in xs), xs


def test_bundled_figures_are_what_the_model_draws(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Landmark fixes live in the model: regenerating the figures changes nothing."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_figures", ROOT / "tools" / "make_figures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "ASSETS", tmp_path)
    module.write_body("back")
    module.write_body("front")
    module.write_hand()
    module.write_foot("lateral")
    module.write_foot("medial")
    module.write_side()
    for name in ("back.svg", "front.svg", "hand.svg", "foot-lateral.svg", "foot-medial.svg", "side.svg"):
        assert (tmp_path / name).read_text(encoding="utf-8") == (ROOT / "assets" / name).read_text(encoding="utf-8"), name
    # The torso outline is drawn to meet the arm at the model's posterior axillary fold.
    import inspect

    assert "A.POSTERIOR_AXILLARY_FOLD[1], A.POSTERIOR_AXILLARY_FOLD[0]" in inspect.getsource(module.body_parts)
