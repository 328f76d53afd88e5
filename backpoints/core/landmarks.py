"""Bony landmarks, the B-cun grid and point measurements, from the anatomy model (no Qt).

The body map draws these as an overlay; the markers come from the same constants
(anatomy.level_y, anatomy.CUN_X, ...), so a point "level of L2, 1.5 B-cun lateral"
sits exactly where the L2 line meets the 1.5 B-cun line.

Every shape is in the drawing units of a marker view (figure units for the body
views, the drawing size for the detail views); a close-up uses its base view's.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import anatomy as A
from .model import SPINE_LEVELS, Point

Pt = tuple[float, float]

#: Levels drawn larger, with the surface rule that finds them (WHO 2008, general guidelines).
KEY_LEVELS: dict[str, str] = {
    "C7": "C7: most prominent",
    "T3": "medial ends of the scapular spines ≈ T3",
    "T7": "inferior angles of the scapulae ≈ T7",
    "T12": "T12: midway from the inferior angle to the iliac crest top",
    "L2": "L2: count up 2 from L4",
    "L4": "tops of the iliac crests ≈ L4",
    "S2": "PSIS ≈ S2",
}
#: Spinal level numbers stand in a column left of every back point (Yaoyan is 3.5 B-cun out).
LEVEL_LABEL_DX = -4.0 * A.CUN_X
#: The back's B-cun lines: 0.5 (Jiaji), 1.5 and 3 (bladder lines), 2 (SI15), 3.5 (Yaoyan).
BACK_CUN_LINES: tuple[float, ...] = (0.5, 1.5, 2.0, 3.0, 3.5)


@dataclass(frozen=True, slots=True)
class Shape:
    """A polyline (two or more points) or a dot (one point), with an optional label.

    kind: "spine" (spinous processes), "bone", "crease", "rule" (a line through
    landmarks that finds a level), "grid" (a B-cun line or level) or "tick".
    The label is drawn at `at` (default: the last point), on the `side` given.
    """

    kind: str
    points: tuple[Pt, ...]
    label: str = ""
    emphasis: bool = False
    side: str = "right"  # where the label goes from its anchor: "right", "left", "below"
    at: Pt | None = None

    def anchor(self) -> Pt:
        return self.at if self.at is not None else self.points[-1]


# Outlines of the bony landmarks of the back as (dx from the midline, y), right side. The
# figure drawing (tools/make_figures.py) and the landmark layer both use these.
SCAPULA_MEDIAL_BORDER: tuple[Pt, ...] = (
    A.SCAPULA_SUPERIOR_ANGLE, (A.SCAPULA_SPINE_ROOT[0] - 1, A.SCAPULA_SPINE_ROOT[1] - 4),
    (A.SCAPULA_SPINE_ROOT[0] + 2, A.SCAPULA_SPINE_ROOT[1] + 30), A.SCAPULA_INFERIOR_ANGLE,
)
SCAPULA_LATERAL_BORDER: tuple[Pt, ...] = (
    A.SCAPULA_INFERIOR_ANGLE, (A.SCAPULA_INFERIOR_ANGLE[0] + 14, A.SCAPULA_INFERIOR_ANGLE[1] - 14), (88, 212), (96, 198),
)
SCAPULAR_SPINE: tuple[Pt, ...] = (
    A.SCAPULA_SPINE_ROOT, (A.SCAPULA_SPINE_ROOT[0] + 20, A.SCAPULA_SPINE_ROOT[1] - 4), (70, 186),
    (A.ACROMION[0] - 8, A.ACROMION[1] + 1), A.ACROMION,
)
ILIAC_CREST: tuple[Pt, ...] = (
    (14, A.ILIAC_CREST_Y + 14), (40, A.ILIAC_CREST_Y + 1), (70, A.ILIAC_CREST_Y + 2), (92, A.ILIAC_CREST_Y + 20),
)
SACRUM_BORDER: tuple[Pt, ...] = ((28, A.level_y("S1") - 6), (20, A.level_y("S4")), (0, A.SACRAL_HIATUS_Y))
GLUTEAL_FOLD: tuple[Pt, ...] = (
    (6, A.GLUTEAL_FOLD_Y - 2), (30, A.GLUTEAL_FOLD_Y + 3), (60, A.GLUTEAL_FOLD_Y + 1), (88, A.GLUTEAL_FOLD_Y - 12),
)
# The foot views (0..1 of the drawing, as drawn in the lateral view; the medial view mirrors x).
#: Base (tuberosity) and shaft of the 5th metatarsal, lateral view.
FIFTH_METATARSAL_BASE: Pt = (0.55, 0.85)
FIFTH_METATARSAL: tuple[Pt, ...] = ((0.57, 0.84), (0.75, 0.82), (0.9, 0.84))
#: Shaft of the 1st metatarsal, medial view (lateral-view x).
FIRST_METATARSAL: tuple[Pt, ...] = ((0.52, 0.76), (0.75, 0.79), (0.9, 0.83))

POPLITEAL_CREASE: tuple[Pt, ...] = tuple(
    (A.LEG_CENTRE["knee"] + dx, A.POPLITEAL_CREASE_Y + dy) for dx, dy in ((-20, 1), (0, 2), (20, 0))
)


def _both(kind: str, points: list[Pt], label: str = "", **kw: object) -> list[Shape]:
    """The shape on both sides of the midline (points as (dx, y)); the label on the right side only."""
    right = tuple((A.MID + dx, y) for dx, y in points)
    left = tuple((A.MID - dx, y) for dx, y in points)
    return [Shape(kind, left, **kw), Shape(kind, right, label, **kw)]  # type: ignore[arg-type]


def base_of(view: str) -> str:
    """The marker view whose drawing a (close-up) view shows."""
    from .figures import base_view

    return base_view(view)


def spinous_process(level: str) -> Pt:
    """The inferior border of a spinous process (or the sacral crest at a foramen's level)."""
    return A.MID, A.level_y(level)


def cun_line_x(lateral_cun: float, sign: int = 1) -> float:
    """x of the line lateral_cun B-cun from the posterior midline (sign -1: the figure's left)."""
    return A.MID + sign * lateral_cun * A.CUN_X


def _back_landmarks() -> list[Shape]:
    shapes: list[Shape] = []
    m = A.MID
    # Spinous processes C7-S4: a tick each, every one numbered (the map hides the minor
    # numbers when they would crowd); key levels larger, with the rule that finds them.
    for level in SPINE_LEVELS:
        x, y = spinous_process(level)
        key = level in KEY_LEVELS
        half = 6.0 if key else 3.5
        shapes.append(Shape("spine", ((x - half, y), (x + half, y)), level, key, "left", (x + LEVEL_LABEL_DX, y)))
    sx, sy = A.SCAPULA_SPINE_ROOT
    ix, iy = A.SCAPULA_INFERIOR_ANGLE
    px, py = A.PSIS
    # Scapulae: medial border from the superior to the inferior angle, spine to the acromion.
    shapes += _both("bone", list(SCAPULA_MEDIAL_BORDER))
    shapes += _both("bone", list(SCAPULAR_SPINE), "scapular spine")
    shapes += _both("bone", [(ix, iy)], "inferior angle")
    # Iliac crests, PSIS, sacrum and hiatus, gluteal folds.
    crest = A.ILIAC_CREST_Y
    shapes += _both("bone", list(ILIAC_CREST), "iliac crest",
                    side="below", at=(m + 64, crest + 4))
    shapes += _both("bone", [(px, py)], "PSIS")
    shapes += _both("bone", list(SACRUM_BORDER))
    shapes.append(Shape("bone", ((m, A.SACRAL_HIATUS_Y),), "sacral hiatus", side="right"))
    shapes += _both("crease", list(GLUTEAL_FOLD), "gluteal fold", side="below",
                    at=(m + 45, A.GLUTEAL_FOLD_Y + 2))
    # Sacral foramina (BL31-BL34 lie in them).
    for level, cun in (("S1", 0.8), ("S2", 0.7), ("S3", 0.6), ("S4", 0.5)):
        shapes += _both("bone", [(cun * A.CUN_X, A.level_y(level))])
    # Rules: the lines through paired landmarks that find a level.
    # Their names sit above the line's right end, inside the close-ups.
    for level, reach in (("T7", ix), ("L4", 92.0), ("S2", 3.6 * A.CUN_X), ("T3", sx)):
        y = A.level_y(level)
        shapes.append(Shape("rule", ((m - reach, y), (m + reach, y)), KEY_LEVELS[level], True, "above-left",
                            (m + max(reach, 3.6 * A.CUN_X), y)))
    # T12 (WHO): level with the midpoint of the line from the inferior angle to the crest's top.
    crest_top = (m + 70.0, A.ILIAC_CREST_Y)
    shapes.append(Shape("rule", ((m + ix, iy), crest_top)))
    t12 = A.level_y("T12")
    midpoint_x = (m + ix + crest_top[0]) / 2
    shapes.append(Shape("rule", ((m, t12), (midpoint_x, t12)), KEY_LEVELS["T12"], True, "above-left",
                        (m + 3.6 * A.CUN_X, t12)))
    c7 = A.level_y("C7")  # on the left: the right side of C7 is crowded (GV14, SI15 and their names)
    shapes.append(Shape("rule", ((m - 5.5 * A.CUN_X, c7), (m, c7)), KEY_LEVELS["C7"], True, "above-right",
                        (m - 5.5 * A.CUN_X, c7)))
    shapes.append(Shape("bone", ((m, A.OCCIPITAL_PROTUBERANCE_Y),), "external occipital protuberance"))
    shapes += _limb_landmarks("back")
    return shapes


def _limb_landmarks(view: str) -> list[Shape]:
    k, a = A.LEG_CENTRE["knee"], A.LEG_CENTRE["ankle"]
    crease = A.POPLITEAL_CREASE_Y
    shapes: list[Shape] = []
    crease_label = "popliteal crease" if view == "back" else "knee crease"
    shapes += _both("crease", list(POPLITEAL_CREASE), crease_label)
    shapes += _both("bone", [(k + 21, crease + A.CUN_LEG * 0.8)], "head of the fibula")
    shapes += _both("bone", [(a + 14, A.MALLEOLUS_Y)], "lateral malleolus")
    shapes += _both("bone", [(a - 15, A.MALLEOLUS_Y - 3)], "medial malleolus", side="left")
    shapes += _both("crease", [(A.ARM_CENTRE["elbow"] - 11, A.ELBOW_Y), (A.ARM_CENTRE["elbow"] + 11, A.ELBOW_Y)],
                    "elbow")
    shapes += _both("crease", [(A.ARM_CENTRE["wrist"] - 9, A.WRIST_Y), (A.ARM_CENTRE["wrist"] + 9, A.WRIST_Y)],
                    "wrist crease")
    return shapes


def _front_landmarks() -> list[Shape]:
    m = A.MID
    pubis = A.UMBILICUS_Y + 5 * A.CUN_ABDOMEN
    shapes = [
        Shape("bone", ((m, A.UMBILICUS_Y),), "umbilicus"),
        Shape("bone", ((m - 18, pubis), (m, pubis + 3), (m + 18, pubis)), "pubic symphysis"),
    ]
    ax, ay = A.ASIS
    shapes += _both("bone", [(ax, ay)], "ASIS")
    shapes += _limb_landmarks("front")
    return shapes


def _hand_landmarks() -> list[Shape]:
    w, h = A.HAND_VIEW_SIZE
    shapes: list[Shape] = []
    for n in range(1, 6):
        base = (A.HAND_METACARPAL_BASE[n] * w, A.HAND_CARPUS_Y * h)
        head_y = A.HAND_THUMB_MCP_Y if n == 1 else A.HAND_MCP_Y
        head = (A.metacarpal_x(n, head_y) * w if n != 1 else A.HAND_METACARPAL_HEAD[1] * w, head_y * h)
        shapes.append(Shape("bone", (base, head), f"{'I II III IV V'.split()[n - 1]}", side="left" if n == 1 else "right",
                            at=head))
    shapes.append(Shape("crease", ((0.3 * w, A.HAND_WRIST_Y * h), (0.8 * w, A.HAND_WRIST_Y * h)), "wrist crease"))
    return shapes


def _foot_landmarks(view: str) -> list[Shape]:
    w, h = A.FOOT_VIEW_SIZE
    if view == "foot-lateral":
        mx, my = A.FOOT_MALLEOLUS
        achilles = A.FOOT_ACHILLES_X
        name = "lateral malleolus"
    else:
        mx, my = A.FOOT_MEDIAL_MALLEOLUS
        achilles = A.FOOT_MEDIAL_ACHILLES_X
        name = "medial malleolus"
    lateral = view == "foot-lateral"

    def at(pt: Pt) -> Pt:
        return ((pt[0] if lateral else 1 - pt[0]) * w, pt[1] * h)

    bones = [Shape("bone", tuple(at(pt) for pt in (FIFTH_METATARSAL if lateral else FIRST_METATARSAL)),
                   "5th metatarsal" if lateral else "1st metatarsal", side="below", at=at((0.72, 0.83)))]
    if lateral:
        bones.append(Shape("bone", (at(FIFTH_METATARSAL_BASE),)))
    return bones + [
        # The name away from the points behind the malleolus (BL60, KI3), towards the toes.
        Shape("bone", ((mx * w, my * h),), name, side="right" if view == "foot-lateral" else "left",
              at=(mx * w + (14 if view == "foot-lateral" else -14), my * h - 14)),
        Shape("crease", ((achilles * w, 0.05 * h), (achilles * w, my * h + 20)), "calcaneal tendon", side="below"),
    ]


def _side(dx: float, y: float) -> Pt:
    return A.MID + dx, y


def _side_landmarks() -> list[Shape]:
    """The side view: the hip bones, the trochanter, the knee, the fibula and the ankle."""
    crest_top = _side(*A.SIDE_ILIAC_CREST_TOP)
    back_l4, _ = A.side_profile(A.ILIAC_CREST_Y)
    back_c7, _ = A.side_profile(A.level_y("C7"))
    fibula = _side(*A.SIDE_FIBULA_HEAD)
    malleolus = _side(*A.SIDE_LATERAL_MALLEOLUS)
    tendon = A.SIDE_CALCANEAL_TENDON_DX
    kb, _ = A.side_profile(A.POPLITEAL_CREASE_Y)
    gb, _ = A.side_profile(A.GLUTEAL_FOLD_Y)
    return [
        Shape("spine", (_side(back_c7 + 3, A.level_y("C7")),), "C7", True, "left"),
        Shape("bone", (_side(*A.SIDE_ACROMION),), "acromion", side="above-right"),
        Shape("bone", (_side(*A.SIDE_ASIS), _side(18, A.ILIAC_CREST_Y + 6), crest_top,
                       _side(-26, A.ILIAC_CREST_Y + 16), _side(*A.SIDE_PSIS)), "iliac crest", side="above-right",
              at=crest_top),
        # The level of the crest's top is L4: the rule runs back to the spine.
        Shape("rule", (crest_top, _side(back_l4 + 2, A.ILIAC_CREST_Y)), KEY_LEVELS["L4"], True, "above-left",
              _side(back_l4 - 2, A.ILIAC_CREST_Y)),
        Shape("bone", (_side(*A.SIDE_ASIS),), "ASIS", side="right"),
        Shape("bone", (_side(*A.SIDE_PSIS),), "PSIS ≈ S2", side="left"),
        Shape("bone", (_side(*A.SIDE_GREATER_TROCHANTER),), "greater trochanter", side="below"),
        Shape("bone", (_side(*A.SIDE_SACRAL_HIATUS),), "sacral hiatus (midline)", side="left"),
        Shape("crease", (_side(gb + 2, A.GLUTEAL_FOLD_Y), _side(gb + 16, A.GLUTEAL_FOLD_Y + 3)), "gluteal fold",
              side="left", at=_side(gb + 2, A.GLUTEAL_FOLD_Y)),
        Shape("crease", (_side(kb + 1, A.POPLITEAL_CREASE_Y), _side(kb + 12, A.POPLITEAL_CREASE_Y + 1)),
              "popliteal crease", side="left", at=_side(kb + 1, A.POPLITEAL_CREASE_Y)),
        Shape("bone", (_side(*A.SIDE_PATELLA),), "patella", side="right"),
        Shape("bone", (fibula,), "head of the fibula", side="left"),
        Shape("bone", (malleolus,), "lateral malleolus", side="right", at=(malleolus[0] + 6, malleolus[1] - 10)),
        Shape("crease", (_side(tendon + 2, 880), _side(tendon, A.MALLEOLUS_Y), _side(tendon - 3, 975)),
              "calcaneal tendon", side="left", at=_side(tendon + 2, 890)),
        Shape("bone", (_side(*A.SIDE_FIFTH_METATARSAL_BASE),), "5th metatarsal base", side="below"),
    ]


def landmarks(view: str) -> list[Shape]:
    """The landmark shapes of a view (a close-up gets its base view's)."""
    base = base_of(view)
    if base == "side":
        return _side_landmarks()
    if base == "back":
        return _back_landmarks()
    if base == "front":
        return _front_landmarks()
    if base == "hand":
        return _hand_landmarks()
    return _foot_landmarks(base)


def _leg_scale(view: str) -> list[Shape]:
    """Proportional B-cun of the leg and thigh: popliteal crease to malleolus 16, gluteal fold to crease 14."""
    shapes: list[Shape] = []
    k, a, hip = A.LEG_CENTRE["knee"], A.LEG_CENTRE["ankle"], A.LEG_CENTRE["hip"]
    for sign in (-1, 1):
        def at(y: float) -> float:
            if y <= A.POPLITEAL_CREASE_Y:
                t = (y - A.GLUTEAL_FOLD_Y) / (A.POPLITEAL_CREASE_Y - A.GLUTEAL_FOLD_Y)
                return A.MID + sign * (hip + (k - hip) * t)
            t = (y - A.POPLITEAL_CREASE_Y) / (A.MALLEOLUS_Y - A.POPLITEAL_CREASE_Y)
            return A.MID + sign * (k + (a - k) * t)

        for i in range(17):
            y = A.POPLITEAL_CREASE_Y + i * A.CUN_LEG
            x = at(y)
            label = f"{i}" if i % 4 == 0 and sign == 1 else ""
            shapes.append(Shape("tick", ((x - 4, y), (x + 4, y)), label, i in (0, 16)))
        if view == "back":
            for i in range(15):
                y = A.GLUTEAL_FOLD_Y + i * A.CUN_THIGH
                x = at(y)
                label = f"{14 - i}" if i % 7 == 0 and sign == 1 else ""
                shapes.append(Shape("tick", ((x - 4, y), (x + 4, y)), label, i in (0, 14)))
        if sign == 1:
            shapes.append(Shape("grid", ((at(A.POPLITEAL_CREASE_Y), A.POPLITEAL_CREASE_Y),
                                         (at(A.MALLEOLUS_Y), A.MALLEOLUS_Y)),
                                "16 B-cun: popliteal crease → malleolus", side="right",
                                at=(at(A.POPLITEAL_CREASE_Y + 8 * A.CUN_LEG) + 8, A.POPLITEAL_CREASE_Y + 8 * A.CUN_LEG)))
    # Forearm: cubital crease to wrist crease is 12 B-cun.
    for sign in (-1, 1):
        for i in range(13):
            y = A.ELBOW_Y + i * A.CUN_FOREARM
            t = i / 12
            x = A.MID + sign * (A.ARM_CENTRE["elbow"] + (A.ARM_CENTRE["wrist"] - A.ARM_CENTRE["elbow"]) * t)
            label = "12 B-cun: elbow → wrist" if i == 6 and sign == 1 else ""
            shapes.append(Shape("tick", ((x - 3, y), (x + 3, y)), label, i in (0, 12), "right", (x + 6, y)))
    return shapes


def cun_grid(view: str) -> list[Shape]:
    """The B-cun grid of a view: on the back the cun lines and the levels; on the limbs the divisions."""
    base = base_of(view)
    shapes: list[Shape] = []
    if base == "back":
        top, bottom = A.level_y("C7") - 6, A.level_y("S4") + 6
        shapes.append(Shape("grid", ((A.MID, top), (A.MID, bottom))))
        for cun in BACK_CUN_LINES:
            for sign in (-1, 1):
                x = cun_line_x(cun, sign)
                label = (f"{cun:g}" if sign == 1 else "")
                shapes.append(Shape("grid", ((x, top), (x, bottom)), label, cun in (1.5, 3.0), "below"))
        half = 3.5 * A.CUN_X
        for level in SPINE_LEVELS:
            y = A.level_y(level)
            shapes.append(Shape("grid", ((A.MID - half, y), (A.MID + half, y)), "", level in KEY_LEVELS))
        shapes += _leg_scale("back")
    elif base == "front":
        pubis = A.UMBILICUS_Y + 5 * A.CUN_ABDOMEN
        shapes.append(Shape("grid", ((A.MID, A.UMBILICUS_Y - 3 * A.CUN_ABDOMEN), (A.MID, pubis))))
        for cun in (2.0, 4.0):
            for sign in (-1, 1):
                x = A.MID + sign * cun * A.CUN_X
                shapes.append(Shape("grid", ((x, A.UMBILICUS_Y - 3 * A.CUN_ABDOMEN), (x, pubis)),
                                    f"{cun:g}" if sign == 1 else "", False, "below"))
        for i in range(6):
            y = A.UMBILICUS_Y + i * A.CUN_ABDOMEN
            label = "umbilicus → pubic symphysis: 5 B-cun" if i == 5 else ""
            shapes.append(Shape("grid", ((A.MID - 4 * A.CUN_X, y), (A.MID + 4 * A.CUN_X, y)), label, i in (0, 5)))
        shapes += _leg_scale("front")
    elif base == "side":
        shapes += _side_scale()
    return shapes


def _side_scale() -> list[Shape]:
    """The lateral thigh and leg: greater trochanter → popliteal crease 19 B-cun,
    popliteal crease → lateral malleolus 16 B-cun, ticked along the side of the limb."""
    shapes: list[Shape] = []
    tx, ty = A.SIDE_GREATER_TROCHANTER
    fx = A.SIDE_FIBULA_FRONT_DX
    thigh = (A.POPLITEAL_CREASE_Y - ty) / 19
    for i in range(20):
        y = ty + i * thigh
        x = A.MID + tx + (fx - tx) * i / 19
        shapes.append(Shape("tick", ((x - 4, y), (x + 4, y)), f"{19 - i}" if i in (0, 19) else "", i in (0, 19),
                            "right", (x + 6, y)))
    shapes.append(Shape("grid", ((A.MID + tx, ty), (A.MID + fx, A.POPLITEAL_CREASE_Y)),
                        "19 B-cun: greater trochanter → popliteal crease", side="right",
                        at=(A.MID + (tx + fx) / 2 + 8, (ty + A.POPLITEAL_CREASE_Y) / 2)))
    for i in range(17):
        y = A.POPLITEAL_CREASE_Y + i * A.CUN_LEG
        x = A.MID + fx
        shapes.append(Shape("tick", ((x - 4, y), (x + 4, y)), f"{i}" if i % 4 == 0 else "", i in (0, 16),
                            "right", (x + 6, y)))
    shapes.append(Shape("grid", ((A.MID + fx, A.POPLITEAL_CREASE_Y), (A.MID + fx, A.MALLEOLUS_Y)),
                        "16 B-cun: popliteal crease → malleolus", side="right",
                        at=(A.MID + fx + 8, A.POPLITEAL_CREASE_Y + 10 * A.CUN_LEG)))
    return shapes


@dataclass(frozen=True, slots=True)
class Measurement:
    """How a point is measured, as dimension lines from its landmark: "L2, 1.5 cun"."""

    text: str
    segments: tuple[tuple[Pt, Pt], ...]  # landmark -> marker (one per marker drawn)


#: Points measured along the body from a crease or a landmark height: code -> (view, landmark y, text).
_FROM_HEIGHT: dict[str, tuple[str, float, str]] = {
    "BL37": ("back", A.GLUTEAL_FOLD_Y, "6 B-cun below the gluteal fold"),
    "BL57": ("back", A.POPLITEAL_CREASE_Y, "8 B-cun below the popliteal crease"),
    "BL58": ("back", A.MALLEOLUS_Y, "7 B-cun above the lateral malleolus (BL60)"),
    "KI7": ("back", A.MALLEOLUS_Y, "2 B-cun above the medial malleolus"),
    "TE5": ("back", A.WRIST_Y, "2 B-cun above the wrist crease"),
    "SI9": ("back", A.POSTERIOR_AXILLARY_FOLD[1], "1 B-cun above the posterior axillary fold"),
    "CV6": ("front", A.UMBILICUS_Y, "1.5 B-cun below the umbilicus"),
    "CV4": ("front", A.UMBILICUS_Y, "3 B-cun below the umbilicus"),
    "ST36": ("front", A.POPLITEAL_CREASE_Y, "3 B-cun below the knee crease"),
    "SP6": ("front", A.MALLEOLUS_Y, "3 B-cun above the medial malleolus"),
}
#: Points measured from a landmark beside them: code -> (view, landmark (dx, y) on the right side, text).
_FROM_LANDMARK: dict[str, tuple[str, Pt, str]] = {
    "GV16": ("back", (0.0, A.OCCIPITAL_PROTUBERANCE_Y), "below the external occipital protuberance"),
    "ST25": ("front", (0.0, A.UMBILICUS_Y), "2 B-cun lateral to the umbilicus"),
    "GB34": ("front", (A.LEG_CENTRE["knee"] + 21, A.POPLITEAL_CREASE_Y + A.CUN_LEG * 0.8),
             "in front of and below the head of the fibula"),
    "GB21": ("back", (0.0, A.level_y("C7")), "midway between C7 and the acromion"),
    "GB30": ("back", A.GREATER_TROCHANTER, "⅓ of the way from the greater trochanter to the sacral hiatus"),
    "GB20": ("back", (0.0, A.OCCIPITAL_PROTUBERANCE_Y), "below the occiput, level with GV16"),
    "BL10": ("back", (0.0, A.OCCIPITAL_PROTUBERANCE_Y + 20), "1.3 B-cun from the midline, at the hairline"),
}
#: Points on a crease: code -> (view, text).
_ON_CREASE: dict[str, tuple[str, str]] = {
    "BL36": ("back", "on the gluteal fold"),
    "BL40": ("back", "on the popliteal crease"),
    "LI11": ("front", "at the outer end of the elbow crease"),
}


#: Points measured on the side view: code -> (landmark (dx, y), far end or None (the marker), text).
_ON_SIDE: dict[str, tuple[Pt, Pt | None, str]] = {
    "GB29": (A.SIDE_ASIS, A.SIDE_GREATER_TROCHANTER, "halfway from the ASIS to the greater trochanter"),
    "GB30": (A.SIDE_GREATER_TROCHANTER, A.SIDE_SACRAL_HIATUS,
             "⅓ of the way from the greater trochanter to the sacral hiatus"),
    "GB34": (A.SIDE_FIBULA_HEAD, None, "in front of and below the head of the fibula"),
    "BL60": (A.SIDE_LATERAL_MALLEOLUS, (A.SIDE_CALCANEAL_TENDON_DX, A.MALLEOLUS_Y),
             "midway between the lateral malleolus and the calcaneal tendon"),
    "BL62": (A.SIDE_LATERAL_MALLEOLUS, None, "directly below the lateral malleolus"),
    "TE14": (A.SIDE_ACROMION, None, "behind and below the acromion"),
    "LI15": (A.SIDE_ACROMION, None, "in front of and below the acromion"),
}


def _scapula_mid() -> Pt:
    return ((A.SCAPULA_SPINE_ROOT[0] + A.ACROMION[0]) / 2, (A.SCAPULA_SPINE_ROOT[1] + A.ACROMION[1]) / 2)


def _more() -> dict[tuple[str, str], tuple[Pt, Pt | None, str]]:
    """Measurements of the other points: (code, marker view) -> (landmark, far end or None
    (the marker), text). On the front and back figures x is dx from the midline on the
    right side (mirrored for the left markers); on the close-ups, the drawing's units."""
    hw, hh = A.HAND_VIEW_SIZE
    fw, fh = A.FOOT_VIEW_SIZE
    a = A.LEG_CENTRE["ankle"]
    vertex_rule = "on the midline at the vertex, on the line over the head joining the ear apexes"
    first_base = ((1 - FIRST_METATARSAL[0][0]) * fw, FIRST_METATARSAL[0][1] * fh)  # the medial view mirrors x
    mx, my = A.FOOT_MEDIAL_MALLEOLUS
    lx, ly = A.FOOT_MALLEOLUS
    return {
        ("GV20", "front"): ((42.0, 60.0), None, vertex_rule),
        ("GV20", "back"): ((42.0, 60.0), None, vertex_rule),
        ("SI10", "back"): (A.POSTERIOR_AXILLARY_FOLD, None, "straight above the posterior axillary fold, below the scapular spine"),
        ("SI11", "back"): (_scapula_mid(), A.SCAPULA_INFERIOR_ANGLE,
                           "⅓ of the way from the middle of the scapular spine to the inferior angle"),
        ("SI12", "back"): (_scapula_mid(), None, "above the middle of the scapular spine"),
        ("SI13", "back"): (A.SCAPULA_SPINE_ROOT, None, "above the medial end of the scapular spine"),
        ("TE14", "back"): (A.ACROMION, None, "behind and below the acromion"),
        ("LI15", "front"): (A.ACROMION, None, "in front of and below the acromion"),
        ("GB29", "front"): (A.ASIS, A.GREATER_TROCHANTER, "halfway from the ASIS to the greater trochanter"),
        ("BL60", "back"): ((a + 14, A.MALLEOLUS_Y), None, "between the lateral malleolus and the calcaneal tendon"),
        ("BL62", "back"): ((a + 14, A.MALLEOLUS_Y), None, "directly below the lateral malleolus"),
        ("KI3", "back"): ((a - 15, A.MALLEOLUS_Y - 3), None, "between the medial malleolus and the calcaneal tendon"),
        ("BL62", "foot-lateral"): ((lx * fw, ly * fh), None, "directly below the lateral malleolus"),
        ("SP6", "foot-medial"): ((mx * fw, my * fh), None, "3 B-cun above the medial malleolus"),
        ("KI7", "foot-medial"): ((mx * fw, my * fh), None, "2 B-cun above the medial malleolus, in front of the tendon"),
        ("LR3", "foot-medial"): (first_base, None, "between the 1st and 2nd metatarsals, in front of their bases"),
        ("GB41", "foot-lateral"): ((FIFTH_METATARSAL_BASE[0] * fw, FIFTH_METATARSAL_BASE[1] * fh), None,
                                   "in front of where the 4th and 5th metatarsal bases meet"),
        ("SI3", "hand"): ((A.HAND_METACARPAL_HEAD[5] * hw, A.HAND_MCP_Y * hh), None,
                          "just above the 5th knuckle, on the little-finger edge"),
        ("EX-UE8", "hand"): ((A.metacarpal_x(2, A.HAND_MCP_Y) * hw, A.HAND_MCP_Y * hh), None,
                             "between the 2nd and 3rd metacarpals, just above the knuckles"),
        ("TE5", "hand"): ((0.56 * hw, A.HAND_WRIST_Y * hh), None, "2 B-cun above the wrist crease"),
    }


_MORE: dict[tuple[str, str], tuple[Pt, Pt | None, str]] | None = None
#: Points drawn on the back figure's hand as well as on the hand close-up.
_HAND_ON_BODY = ("LI4", "SI3", "EX-UE7", "EX-UE8")


def measurement(point: Point, view: str = "back") -> Measurement | None:
    """The dimension lines that show how a point on a view is found, or None when there are none."""
    from .figures import base_view, marker_units, markers_in

    base = base_view(view)
    spots = [marker_units(base, m) for m in markers_in(point, view)]
    if not spots:
        return None
    if base == "side":
        if point.code not in _ON_SIDE:
            return None
        start, far, text = _ON_SIDE[point.code]
        begin = (A.MID + start[0], start[1])
        if far is None:
            return Measurement(text, tuple((begin, spot) for spot in spots))
        return Measurement(text, ((begin, (A.MID + far[0], far[1])),))
    spine = point.spine
    if spine is not None and base == "back":
        start = spinous_process(spine.level)
        if point.code == "EX-B2":  # the band: one pair at every level
            return Measurement(f"T1–L5, {spine.lateral_cun:g} cun each side", tuple(((A.MID, y), (x, y)) for x, y in spots))
        if spine.lateral_cun == 0:
            return Measurement(f"{spine.level}, on the midline", ((start, start),))
        return Measurement(f"{spine.level}, {spine.lateral_cun:g} cun", tuple((start, spot) for spot in spots))
    if point.code in _FROM_HEIGHT and _FROM_HEIGHT[point.code][0] == base:
        _, y, text = _FROM_HEIGHT[point.code]
        return Measurement(text, tuple(((x, y), (x, my)) for x, my in spots))
    if point.code in _FROM_LANDMARK and _FROM_LANDMARK[point.code][0] == base:
        _, (dx, y), text = _FROM_LANDMARK[point.code]
        segments = []
        for x, my in spots:
            side = 1 if x >= A.MID else -1
            start = (A.MID + side * dx, y)
            end: Pt = (x, my)
            if point.code == "GB30":  # the whole line from the trochanter to the hiatus
                end = (A.MID, A.SACRAL_HIATUS_Y)
            segments.append((start, end))
        return Measurement(text, tuple(segments))
    if point.code in _ON_CREASE and _ON_CREASE[point.code][0] == base:
        return Measurement(_ON_CREASE[point.code][1], tuple(((x, y), (x, y)) for x, y in spots))
    if base == "back" and point.code in _HAND_ON_BODY:
        # The back figure's hand is the hand close-up, turned and scaled (anatomy._hand_to_body):
        # its measurement is the close-up's, carried over the same way.
        close = measurement(point, "hand")
        if close is None:
            return None
        hw, hh = A.HAND_VIEW_SIZE
        sides = {1 if x >= A.MID else -1 for x, _ in spots}

        def on_body(pt: Pt, sign: int) -> Pt:
            spot = A.hand_to_body(pt[0] / hw, pt[1] / hh)
            return A.MID + sign * spot.dx, spot.y

        return Measurement(close.text, tuple((on_body(a, sign), on_body(b, sign))
                                             for sign in sorted(sides) for a, b in close.segments))
    global _MORE
    if _MORE is None:
        _MORE = _more()
    extra = _MORE.get((point.code, base))
    if extra is not None:
        start, far, text = extra
        segments = []
        for x, y in spots:
            if base in ("front", "back"):
                side = 1 if x >= A.MID else -1
                begin = (A.MID + side * start[0], start[1])
                end = (A.MID + side * far[0], far[1]) if far is not None else (x, y)
            else:
                begin, end = start, far if far is not None else (x, y)
            segments.append((begin, end))
        return Measurement(text, tuple(dict.fromkeys(segments)))
    if base == "hand" and point.code == "EX-UE7":
        w, h = A.HAND_VIEW_SIZE
        return Measurement("midway between the wrist crease and the knuckles, between the metacarpals",
                           tuple(((x, A.HAND_WRIST_Y * h), (x, A.HAND_MCP_Y * h)) for x, _ in spots))
    if base == "hand" and point.code == "LI4":
        w, h = A.HAND_VIEW_SIZE
        base_pt = (A.HAND_METACARPAL_BASE[2] * w, A.HAND_CARPUS_Y * h)
        head_pt = (A.metacarpal_x(2, A.HAND_MCP_Y) * w, A.HAND_MCP_Y * h)
        return Measurement("beside the middle of the 2nd metacarpal", ((base_pt, head_pt),) +
                           tuple((((base_pt[0] + head_pt[0]) / 2, (base_pt[1] + head_pt[1]) / 2), s) for s in spots))
    if base in ("foot-medial", "foot-lateral") and point.code in ("KI3", "BL60"):
        w, h = A.FOOT_VIEW_SIZE
        mx, my = A.FOOT_MEDIAL_MALLEOLUS if base == "foot-medial" else A.FOOT_MALLEOLUS
        tendon = A.FOOT_MEDIAL_ACHILLES_X if base == "foot-medial" else A.FOOT_ACHILLES_X
        return Measurement("midway between the malleolus and the calcaneal tendon",
                           (((mx * w, my * h), (tendon * w, my * h)),))
    return None
