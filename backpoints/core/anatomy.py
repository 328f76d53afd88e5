"""One small anatomy model from which both the figures and the point markers follow.

Units: the whole-body figures are FIGURE_WIDTH x FIGURE_HEIGHT units, y = 0 at the
vertex and y = 1000 at the soles, x = 0 at the left edge of the drawing with the
midline at FIGURE_WIDTH / 2.  Proportions are those of an adult about 8 heads tall
(head 125 units), standing in anatomical position (arms at the sides, palms forward).
Heights of the landmarks follow the usual surface anatomy: C7 at the base of the
neck, the root of the scapular spine at T3, the inferior angle of the scapula at T7,
the iliac crests at L4, the posterior superior iliac spines at S2.

Detail views (hand, foot) have their own 0..1 frames, defined at the bottom.

A marker is placed from a point's anatomical description (placement_for), never
typed by hand; tools/place_markers.py writes the results into data/points.yaml and
a test checks that they still agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Marker, SPINE_LEVELS

FIGURE_WIDTH = 340.0
FIGURE_HEIGHT = 1000.0
MID = FIGURE_WIDTH / 2
#: Blank border around the figure inside its SVG, in figure units.
FIGURE_MARGIN = 12.0
#: Drawing sizes of the detail views (their markers use 0..1 over these).
HAND_VIEW_SIZE = (300.0, 400.0)
FOOT_VIEW_SIZE = (400.0, 300.0)

#: One B-cun across the back and abdomen: 3 B-cun from the posterior midline to the
#: medial border of the scapula, 4 B-cun from the anterior midline to the nipple.
CUN_X = 14.3

# Heights of the inferior borders of the spinous processes (units from the vertex).
_LEVEL_Y: dict[str, float] = {
    "C7": 145, "T1": 160, "T2": 175, "T3": 192, "T4": 208, "T5": 224, "T6": 240,
    "T7": 256,
    "L1": 347, "L2": 364, "L3": 381, "L4": 398, "L5": 415,
    "S1": 431, "S2": 446, "S3": 460, "S4": 473,
}
# WHO 2008 (general guidelines, anatomical landmarks f): T12 is level with the midpoint
# of the line from the inferior angle of the scapula (T7) to the highest point of the
# iliac crest (L4). T8-T11 share the distance from T7 to T12 evenly.
_T12 = (_LEVEL_Y["T7"] + _LEVEL_Y["L4"]) / 2
for _n in range(8, 13):
    _LEVEL_Y[f"T{_n}"] = round(_LEVEL_Y["T7"] + (_T12 - _LEVEL_Y["T7"]) * (_n - 7) / 5, 1)
_LEVEL_Y = {level: _LEVEL_Y[level] for level in SPINE_LEVELS}
assert tuple(_LEVEL_Y) == SPINE_LEVELS

SACRAL_HIATUS_Y = 486.0
CHIN_Y = 125.0
#: The external occipital protuberance: about level with the ear canal (the ear spans 60-82).
OCCIPITAL_PROTUBERANCE_Y = 71.0
ACROMION = (112.0, 180.0)  # half-width, height of the lateral end of the acromion
SCAPULA_SPINE_ROOT = (3 * CUN_X, _LEVEL_Y["T3"])
SCAPULA_INFERIOR_ANGLE = (55.0, _LEVEL_Y["T7"])
SCAPULA_SUPERIOR_ANGLE = (50.0, 160.0)
#: Upper end of the posterior axillary fold; the torso outline meets the arm exactly here.
POSTERIOR_AXILLARY_FOLD = (100.0, 236.0)
ILIAC_CREST_Y = _LEVEL_Y["L4"]
PSIS = (22.0, _LEVEL_Y["S2"])
ASIS = (80.0, 425.0)
GREATER_TROCHANTER = (100.0, 482.0)
GLUTEAL_FOLD_Y = 522.0
POPLITEAL_CREASE_Y = 725.0
MALLEOLUS_Y = 952.0
SOLE_Y = 1000.0
UMBILICUS_Y = 395.0
#: One B-cun down the lower abdomen: umbilicus to pubic symphysis is 5 B-cun.
CUN_ABDOMEN = 17.0
#: Gluteal fold to popliteal crease is 14 B-cun; popliteal crease to malleolus 16 B-cun.
CUN_THIGH = (POPLITEAL_CREASE_Y - GLUTEAL_FOLD_Y) / 14
CUN_LEG = (MALLEOLUS_Y - POPLITEAL_CREASE_Y) / 16
#: Cubital crease to wrist crease is 12 B-cun.
ELBOW_Y = 372.0
WRIST_Y = 518.0
FINGERTIP_Y = 626.0
CUN_FOREARM = (WRIST_Y - ELBOW_Y) / 12
#: Axillary fold to cubital crease is 9 B-cun.
CUN_UPPER_ARM = (ELBOW_Y - POSTERIOR_AXILLARY_FOLD[1]) / 9
#: Lateral offset of the centre line of each leg at the hip, knee and ankle.
LEG_CENTRE = {"hip": 50.0, "knee": 46.0, "ankle": 44.0}
#: Lateral offset of the centre line of the arm at the shoulder, elbow, wrist, hand.
ARM_CENTRE = {"shoulder": 116.0, "elbow": 129.0, "wrist": 139.0, "hand": 140.0}


def level_y(level: str) -> float:
    """Height of the inferior border of a spinous process (or a sacral foramen)."""
    return _LEVEL_Y[level]


def to_unit(x: float, y: float) -> tuple[float, float]:
    """Figure units to the 0..1 coordinates markers use, rounded for the dataset."""
    return round(x / FIGURE_WIDTH, 4), round(y / FIGURE_HEIGHT, 4)


@dataclass(frozen=True, slots=True)
class Spot:
    """A position on one side of a view: dx from the midline (positive = lateral)."""

    view: str
    dx: float
    y: float
    frame: str = "figure"  # "figure" (units above), "unit" (0..1 detail views) or "side" (one marker)


def _mirror(spots: list[Spot], bilateral: bool) -> tuple[Marker, ...]:
    """Markers for both sides of each spot (or one midline marker)."""
    markers: list[Marker] = []
    for spot in spots:
        if spot.frame == "unit":
            # Detail views show the right hand/foot only.
            markers.append(Marker(spot.view, round(spot.dx, 4), round(spot.y, 4)))
            continue
        if spot.frame == "side":
            # The side view shows the right side only; dx is forward of the mid-axillary line.
            x, y = to_unit(MID + spot.dx, spot.y)
            markers.append(Marker(spot.view, x, y))
            continue
        if not bilateral or spot.dx == 0:
            x, y = to_unit(MID + spot.dx, spot.y)
            markers.append(Marker(spot.view, x, y))
            continue
        for sign in (-1, 1):
            x, y = to_unit(MID + sign * spot.dx, spot.y)
            markers.append(Marker(spot.view, x, y))
    return tuple(markers)


# --- Detail views -------------------------------------------------------------
# Hand: the dorsum of the right hand, fingers up, thumb to the left; wrist crease at
# HAND_WRIST_Y, metacarpophalangeal joints at HAND_MCP_Y, forearm below the wrist.
HAND_WRIST_Y = 0.72
#: Bases of the metacarpals: the carpus fills the hand between here and the wrist crease.
HAND_CARPUS_Y = 0.63
HAND_MCP_Y = 0.36
HAND_FINGERTIP_Y = 0.03
#: x of metacarpals 1-5 at their bases (wrist) and heads (knuckles).
HAND_METACARPAL_BASE = {1: 0.40, 2: 0.465, 3: 0.54, 4: 0.61, 5: 0.675}
HAND_METACARPAL_HEAD = {1: 0.22, 2: 0.42, 3: 0.54, 4: 0.655, 5: 0.76}
HAND_THUMB_MCP_Y = 0.52
HAND_ULNAR_EDGE = 0.81
HAND_PALM_CENTRE_X = 0.59
#: 2 B-cun of forearm in hand-view units (12 B-cun from elbow to wrist, about 1.3 hand-lengths).
HAND_CUN = 0.075


def _between(a: float, b: float, t: float) -> float:
    return a + (b - a) * t


def metacarpal_x(n: int, y: float) -> float:
    """x of metacarpal n at height y of the hand view."""
    t = (HAND_CARPUS_Y - y) / (HAND_CARPUS_Y - HAND_MCP_Y)
    return _between(HAND_METACARPAL_BASE[n], HAND_METACARPAL_HEAD[n], t)


# Foot, lateral side of the right foot: toes to the right, heel to the left.
FOOT_MALLEOLUS = (0.36, 0.55)  # prominence of the lateral malleolus
FOOT_ACHILLES_X = 0.19  # front edge of the calcaneal tendon at malleolus height
FOOT_CUN = 0.11  # one B-cun of leg in foot-view units
# Foot, medial side of the right foot: toes to the left, heel to the right.
FOOT_MEDIAL_MALLEOLUS = (0.63, 0.53)
FOOT_MEDIAL_ACHILLES_X = 0.80
#: The medial border of the tibia in the medial view (the leg spans about 0.56-0.85 there).
FOOT_MEDIAL_TIBIA_X = 0.635


def hand_to_body(hx: float, hy: float) -> Spot:
    """A hand-view spot on the back figure's hand (dorsum facing back, fingers down)."""
    scale = (FINGERTIP_Y - WRIST_Y) / (HAND_WRIST_Y - HAND_FINGERTIP_Y)
    # Turning the view by 180 degrees puts the thumb lateral, as in anatomical position.
    # The body's hand is drawn a little narrower than the detail view's proportions.
    dx = ARM_CENTRE["hand"] + (HAND_PALM_CENTRE_X - hx) * scale * 0.5
    y = WRIST_Y + (HAND_WRIST_Y - hy) * scale
    return Spot("back", dx, y)


#: The knuckles (metacarpophalangeal joints) on the whole-body figures.
BODY_KNUCKLE_Y = WRIST_Y + (HAND_WRIST_Y - HAND_MCP_Y) * (FINGERTIP_Y - WRIST_Y) / (HAND_WRIST_Y - HAND_FINGERTIP_Y)


# --- Side view ------------------------------------------------------------------
# The right side of the whole body, facing right (the viewer's right is the body's
# front), in the same figure units as the front and back views: every height (iliac
# crest, greater trochanter, knee, fibular head, malleoli) is the one above. x is
# MID + dx, dx measured forwards from the mid-axillary line (negative = behind it).
#: The profile of the side view at each height: (y, back dx, front dx). The figure's
#: outline is a smooth curve through these; markers and landmarks use the same numbers.
SIDE_PROFILE: tuple[tuple[float, float, float], ...] = (
    (0.0, -8.0, 10.0),
    (20.0, -38.0, 42.0),
    (45.0, -49.0, 50.0),
    (OCCIPITAL_PROTUBERANCE_Y, -47.0, 57.0),
    (100.0, -36.0, 50.0),
    (118.0, -24.0, 44.0),
    (CHIN_Y, -24.0, 26.0),
    (level_y("C7"), -30.0, 24.0),
    (175.0, -40.0, 44.0),
    (level_y("T7"), -46.0, 54.0),
    (level_y("T12"), -40.0, 46.0),
    (level_y("L3"), -30.0, 44.0),
    (ILIAC_CREST_Y, -34.0, 46.0),
    (level_y("S2"), -46.0, 42.0),
    (GREATER_TROCHANTER[1], -58.0, 38.0),
    (GLUTEAL_FOLD_Y, -44.0, 40.0),
    (620.0, -36.0, 38.0),
    (700.0, -30.0, 30.0),
    (POPLITEAL_CREASE_Y, -27.0, 26.0),
    (790.0, -36.0, 22.0),
    (870.0, -24.0, 17.0),
    (MALLEOLUS_Y - 20, -17.0, 14.0),
    (MALLEOLUS_Y, -20.0, 16.0),
    (985.0, -26.0, 72.0),
    (SOLE_Y, -18.0, 84.0),
)
#: Bony landmarks seen from the side (dx, y).
SIDE_ACROMION = (0.0, ACROMION[1])
SIDE_ASIS = (34.0, ASIS[1])
SIDE_PSIS = (-40.0, PSIS[1])
SIDE_ILIAC_CREST_TOP = (-4.0, ILIAC_CREST_Y)
SIDE_GREATER_TROCHANTER = (-4.0, GREATER_TROCHANTER[1])
#: The sacral hiatus lies in the midline of the back, just inside the outline behind.
SIDE_SACRAL_HIATUS = (-48.0, SACRAL_HIATUS_Y)
#: The head of the fibula: on the back of the outer knee, 0.8 B-cun below the crease.
SIDE_FIBULA_HEAD = (-10.0, POPLITEAL_CREASE_Y + 0.8 * CUN_LEG)
SIDE_PATELLA = (22.0, 700.0)
SIDE_LATERAL_MALLEOLUS = (-1.0, MALLEOLUS_Y)
SIDE_CALCANEAL_TENDON_DX = -15.0
#: The front edge of the fibula down the lateral leg (GB39 lies in front of it).
SIDE_FIBULA_FRONT_DX = 2.0
SIDE_FIFTH_METATARSAL_BASE = (34.0, 986.0)


def side_profile(y: float) -> tuple[float, float]:
    """The back and front dx of the side view's outline at a height (straight between rows)."""
    rows = SIDE_PROFILE
    if y <= rows[0][0]:
        return rows[0][1], rows[0][2]
    for (y0, b0, f0), (y1, b1, f1) in zip(rows, rows[1:]):
        if y0 <= y <= y1:
            t = (y - y0) / (y1 - y0) if y1 > y0 else 0.0
            return _between(b0, b1, t), _between(f0, f1, t)
    return rows[-1][1], rows[-1][2]


def on_lateral_face(dx: float, y: float) -> bool:
    """Whether a side-view spot lies on the lateral face of the body, well inside the
    outline (seen face-on from the side), rather than near the front or back edge,
    where the front or back figure shows it better."""
    back, front = side_profile(y)
    depth = front - back
    return back + 0.2 * depth <= dx <= front - 0.2 * depth


def _side_points() -> dict[str, list[Spot]]:
    """The points on the side of the body, placed on the side view."""
    trochanter, hiatus = SIDE_GREATER_TROCHANTER, SIDE_SACRAL_HIATUS
    malleolus, fibula = SIDE_LATERAL_MALLEOLUS, SIDE_FIBULA_HEAD
    return {
        # Midway between the ASIS and the greater trochanter.
        "GB29": [Spot("side", (SIDE_ASIS[0] + trochanter[0]) / 2, (SIDE_ASIS[1] + trochanter[1]) / 2, "side")],
        # A third of the way from the trochanter towards the sacral hiatus.
        "GB30": [Spot("side", _between(trochanter[0], hiatus[0], 1 / 3), _between(trochanter[1], hiatus[1], 1 / 3),
                      "side")],
        # In the depression in front of and below the head of the fibula (2 B-cun below the crease).
        "GB34": [Spot("side", fibula[0] + 10, POPLITEAL_CREASE_Y + 2 * CUN_LEG, "side")],
        # Between the prominence of the lateral malleolus and the calcaneal tendon.
        "BL60": [Spot("side", (malleolus[0] + SIDE_CALCANEAL_TENDON_DX) / 2, MALLEOLUS_Y, "side")],
        # In the depression below the tip of the lateral malleolus.
        "BL62": [Spot("side", malleolus[0] + 1, MALLEOLUS_Y + 16, "side")],
        # Just behind and below the acromion (TE14) and in front of and below it (LI15).
        "TE14": [Spot("side", SIDE_ACROMION[0] - 10, SIDE_ACROMION[1] + 11, "side")],
        "LI15": [Spot("side", SIDE_ACROMION[0] + 10, SIDE_ACROMION[1] + 10, "side")],
    }


# --- Placement of every bundled point -----------------------------------------
def _spine_spot(level: str, cun: float) -> Spot:
    return Spot("back", cun * CUN_X, level_y(level))


def _hand_points() -> dict[str, list[Spot]]:
    # LI4: midpoint of the second metacarpal (base to head); EX-UE7: midway between the
    # wrist crease and the knuckles (so a little nearer the wrist than LI4).
    mid_bone = (HAND_CARPUS_Y + HAND_MCP_Y) / 2
    li4 = (metacarpal_x(2, mid_bone) - 0.045, mid_bone)
    mid_meta = (HAND_WRIST_Y + HAND_MCP_Y) / 2
    si3 = (HAND_ULNAR_EDGE - 0.03, HAND_MCP_Y + 0.05)
    ue7a = ((metacarpal_x(2, mid_meta) + metacarpal_x(3, mid_meta)) / 2, mid_meta)
    ue7b = ((metacarpal_x(4, mid_meta) + metacarpal_x(5, mid_meta)) / 2, mid_meta)
    ue8_y = HAND_MCP_Y + 0.05
    ue8 = ((metacarpal_x(2, ue8_y) + metacarpal_x(3, ue8_y)) / 2, ue8_y)
    te5 = (0.56, HAND_WRIST_Y + 2 * HAND_CUN)
    spots: dict[str, list[tuple[float, float]]] = {
        "LI4": [li4],
        "SI3": [si3],
        "EX-UE7": [ue7a, ue7b],
        "EX-UE8": [ue8],
        "TE5": [te5],
    }
    result: dict[str, list[Spot]] = {}
    for code, places in spots.items():
        result[code] = [Spot("hand", x, y, "unit") for x, y in places]
        if code != "TE5":
            result[code] += [hand_to_body(x, y) for x, y in places]
    result["TE5"].append(Spot("back", ARM_CENTRE["wrist"] - 1, WRIST_Y - 2 * CUN_FOREARM))
    return result


def _foot_points() -> dict[str, list[Spot]]:
    mx, my = FOOT_MALLEOLUS
    nx, ny = FOOT_MEDIAL_MALLEOLUS
    lat_leg = LEG_CENTRE["ankle"] + 11
    med_leg = LEG_CENTRE["ankle"] - 11
    return {
        "BL60": [Spot("foot-lateral", (mx + FOOT_ACHILLES_X) / 2, my, "unit"), Spot("back", lat_leg, MALLEOLUS_Y)],
        "BL62": [Spot("foot-lateral", mx, my + 0.09, "unit"), Spot("back", lat_leg + 2, MALLEOLUS_Y + 16)],
        "GB41": [Spot("foot-lateral", 0.66, 0.80, "unit"), Spot("front", LEG_CENTRE["ankle"] + 12, 977)],
        "KI3": [
            Spot("foot-medial", (nx + FOOT_MEDIAL_ACHILLES_X) / 2, ny, "unit"),
            Spot("back", med_leg, MALLEOLUS_Y),
        ],
        "KI7": [
            Spot("foot-medial", FOOT_MEDIAL_ACHILLES_X - 0.035, ny - 2 * FOOT_CUN, "unit"),
            Spot("back", med_leg + 1, MALLEOLUS_Y - 2 * CUN_LEG),
        ],
        "LR3": [Spot("foot-medial", 0.41, 0.735, "unit"), Spot("front", LEG_CENTRE["ankle"] - 7, 975)],
        "SP6": [
            Spot("foot-medial", FOOT_MEDIAL_TIBIA_X + 0.03, ny - 3 * FOOT_CUN, "unit"),  # just behind the border
            Spot("front", LEG_CENTRE["ankle"] - 16, MALLEOLUS_Y - 3 * CUN_LEG),
        ],
    }


def _placements() -> dict[str, list[Spot]]:
    """Anatomical positions of the bundled points (spine-level points come from their data)."""
    scap_mid = (
        (SCAPULA_SPINE_ROOT[0] + ACROMION[0]) / 2,
        (SCAPULA_SPINE_ROOT[1] + ACROMION[1]) / 2,
    )
    si11 = (
        _between(scap_mid[0], SCAPULA_INFERIOR_ANGLE[0], 1 / 3),
        _between(scap_mid[1], SCAPULA_INFERIOR_ANGLE[1], 1 / 3),
    )
    trochanter, hiatus = GREATER_TROCHANTER, (0.0, SACRAL_HIATUS_Y)
    table: dict[str, list[Spot]] = {
        # Head and neck
        "GV20": [Spot("back", 0, 6), Spot("front", 0, 6)],
        "GV16": [Spot("back", 0, OCCIPITAL_PROTUBERANCE_Y + 8)],
        "GB20": [Spot("back", 25, OCCIPITAL_PROTUBERANCE_Y + 9)],
        "BL10": [Spot("back", 1.3 * CUN_X, OCCIPITAL_PROTUBERANCE_Y + 20)],
        # Shoulder and scapula
        "GB21": [Spot("back", ACROMION[0] / 2, (level_y("C7") + ACROMION[1]) / 2)],
        "SI9": [Spot("back", POSTERIOR_AXILLARY_FOLD[0], POSTERIOR_AXILLARY_FOLD[1] - CUN_UPPER_ARM)],
        "SI10": [Spot("back", POSTERIOR_AXILLARY_FOLD[0], 196)],
        "SI11": [Spot("back", si11[0], si11[1])],
        "SI12": [Spot("back", scap_mid[0], scap_mid[1] - 12)],
        "SI13": [Spot("back", SCAPULA_SPINE_ROOT[0] + 4, SCAPULA_SPINE_ROOT[1] - 10)],
        "TE14": [Spot("back", ACROMION[0] + 3, ACROMION[1] + 11)],
        "LI15": [Spot("front", ACROMION[0] + 3, ACROMION[1] + 10)],
        "LI11": [Spot("front", ARM_CENTRE["elbow"] + 10, ELBOW_Y)],
        # Hip and buttock
        "GB30": [Spot("back", _between(trochanter[0], hiatus[0], 1 / 3), _between(trochanter[1], hiatus[1], 1 / 3))],
        "GB29": [Spot("front", (ASIS[0] + trochanter[0]) / 2 - 4, (ASIS[1] + trochanter[1]) / 2)],
        "BL36": [Spot("back", LEG_CENTRE["hip"], GLUTEAL_FOLD_Y)],
        "BL37": [Spot("back", LEG_CENTRE["hip"] - 1, GLUTEAL_FOLD_Y + 6 * CUN_THIGH)],
        # Knee and leg
        "BL40": [Spot("back", LEG_CENTRE["knee"], POPLITEAL_CREASE_Y)],
        "BL57": [Spot("back", LEG_CENTRE["knee"], POPLITEAL_CREASE_Y + 8 * CUN_LEG)],
        # WHO: 7 B-cun above BL60, 1 B-cun lateral to and below BL57 (B-cun of the leg both ways).
        "BL58": [Spot("back", LEG_CENTRE["knee"] + CUN_LEG, MALLEOLUS_Y - 7 * CUN_LEG)],
        "GB34": [Spot("front", LEG_CENTRE["knee"] + 21, POPLITEAL_CREASE_Y + 2 * CUN_LEG)],
        "ST36": [Spot("front", LEG_CENTRE["knee"] + 10, POPLITEAL_CREASE_Y + 3 * CUN_LEG)],
        # Abdomen
        "CV6": [Spot("front", 0, UMBILICUS_Y + 1.5 * CUN_ABDOMEN)],
        "CV4": [Spot("front", 0, UMBILICUS_Y + 3 * CUN_ABDOMEN)],
        "ST25": [Spot("front", 2 * CUN_X, UMBILICUS_Y)],
    }
    table.update(_hand_points())
    table.update(_foot_points())
    for code, spots in _side_points().items():
        table[code] = table[code] + spots
    return table


_TABLE: dict[str, list[Spot]] | None = None


def placement_for(code: str, bilateral: bool, level: str | None, lateral_cun: float | None) -> tuple[Marker, ...] | None:
    """The markers a point should have, or None when the model does not know the point."""
    global _TABLE
    if level is not None and lateral_cun is not None:
        if code == "EX-B2":  # Jiaji: one pair at every level from T1 to L5
            levels = SPINE_LEVELS[SPINE_LEVELS.index("T1") : SPINE_LEVELS.index("L5") + 1]
            return _mirror([_spine_spot(lv, lateral_cun) for lv in levels], True)
        return _mirror([_spine_spot(level, lateral_cun)], bilateral)
    if _TABLE is None:
        _TABLE = _placements()
    spots = _TABLE.get(code)
    if spots is None:
        return None
    return _mirror(spots, bilateral)


# --- Clickable regions -----------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Region:
    """A clickable area on a view: a rounded box in figure units (dx from the midline).

    `mirrored` regions exist on both sides (dx0..dx1 lateral offsets); the others
    span -dx1..dx1 across the midline. Detail-view regions use 0..1 units.
    """

    area: str
    view: str
    dx0: float
    y0: float
    dx1: float
    y1: float
    mirrored: bool = False
    round: float = 0.35  # corner radius as a share of the shorter side


def _body_regions(view: str) -> list[Region]:
    back = view == "back"
    # From behind, the neck starts under the skull (GV16, GB20, BL10 lie there); from the
    # front, under the jaw.
    nape = OCCIPITAL_PROTUBERANCE_Y + 14 if back else 92.0
    regions = [
        Region("head", view, 0, -4, 48, nape, round=0.5),
        Region("neck", view, 0, nape, 36, 152),
        Region("shoulder", view, 50 if back else 58, 150, 134, 246, mirrored=True),
        Region("arm", view, 102, 246, 160, WRIST_Y, mirrored=True, round=0.25),
        Region("hand", view, 112, WRIST_Y, 166, FINGERTIP_Y + 4, mirrored=True),
        Region("leg", view, 4, 530, 100, 690, mirrored=True, round=0.25),
        Region("knee", view, 8, 690, 82, 770 if not back else 762, mirrored=True),
        Region("leg", view, 8, 770 if not back else 762, 82, 936, mirrored=True, round=0.25),
        Region("foot", view, 10, 936, 80, 1004, mirrored=True),
    ]
    if back:
        regions += [
            Region("upper-back", view, 0, 152, 50, 336, round=0.2),
            # Beside the scapula, below the shoulder and inside the arm: still the upper back.
            Region("upper-back", view, 48, 246, 102, 336, mirrored=True, round=0.2),
            Region("lower-back", view, 0, 336, 80, 440, round=0.2),
            Region("hip", view, 0, 440, 108, 530, round=0.3),
        ]
    else:
        regions += [
            Region("abdomen", view, 0, 330, 72, 492, round=0.3),
            Region("hip", view, 72, 420, 110, 520, mirrored=True),
        ]
    return regions


def _side_regions() -> list[Region]:
    """The side view's regions, cut at the same heights as the front and back views'."""
    v = "side"
    nape = OCCIPITAL_PROTUBERANCE_Y + 14
    # One tile per area, no overlaps; the arm is only outlined, so the hip and the side of
    # the trunk belong to the hip and the back; the front of the chest holds no area.
    return [
        Region("head", v, -52, -4, 62, nape, round=0.4),
        Region("neck", v, -34, nape, 30, 152),
        Region("shoulder", v, -30, 152, 30, 246),
        Region("upper-back", v, -54, 152, -30, 336, round=0.2),
        Region("arm", v, -30, 246, 30, 336, round=0.1),
        Region("arm", v, -14, 336, 14, 440, round=0.1),
        Region("lower-back", v, -54, 336, -14, 440, round=0.2),
        Region("abdomen", v, 14, 330, 56, 440, round=0.3),
        Region("hip", v, -64, 440, 50, 530, round=0.2),
        Region("leg", v, -46, 530, 44, 690, round=0.2),
        Region("knee", v, -36, 690, 36, 770),
        Region("leg", v, -38, 770, 26, 936, round=0.2),
        Region("foot", v, -30, 936, 88, 1004, round=0.2),
    ]


REGIONS: tuple[Region, ...] = tuple(
    _body_regions("back")
    + _body_regions("front")
    + _side_regions()
    + [
        Region("hand", "hand", 0.05, 0.0, 0.95, HAND_WRIST_Y + 0.02, round=0.2),
        Region("arm", "hand", 0.3, HAND_WRIST_Y + 0.02, 0.8, 1.0, round=0.1),
        Region("foot", "foot-lateral", 0.0, 0.4, 1.0, 1.0, round=0.15),
        Region("leg", "foot-lateral", 0.0, 0.0, 0.6, 0.4, round=0.1),
        Region("foot", "foot-medial", 0.0, 0.4, 1.0, 1.0, round=0.15),
        Region("leg", "foot-medial", 0.4, 0.0, 1.0, 0.4, round=0.1),
    ]
)


def region_boxes(region: Region) -> list[tuple[float, float, float, float]]:
    """The region's boxes as (x0, y0, x1, y1) in its view's drawing units (0..1 for details)."""
    if region.view == "side":  # dx0..dx1 run from behind (negative) to in front
        return [(MID + region.dx0, region.y0, MID + region.dx1, region.y1)]
    if region.view not in ("front", "back"):
        return [(region.dx0, region.y0, region.dx1, region.y1)]
    if region.mirrored:
        return [
            (MID + region.dx0, region.y0, MID + region.dx1, region.y1),
            (MID - region.dx1, region.y0, MID - region.dx0, region.y1),
        ]
    return [(MID - region.dx1, region.y0, MID + region.dx1, region.y1)]
