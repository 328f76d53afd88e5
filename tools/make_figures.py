"""Generate the body-map figures in assets/ from the anatomy model.

    python tools/make_figures.py

Each figure is built from smooth tapered limbs (chains of centre points with
radii, outlined with Catmull-Rom splines). Drawing every part's outline first and
every fill on top leaves one clean silhouette without seams. Landmark cues (spine
levels, scapulae, iliac crests, creases, malleoli) come from the same constants
that place the point markers, so figure and markers cannot drift apart.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from backpoints.core import anatomy as A  # noqa: E402
from backpoints.core import landmarks as L  # noqa: E402
from backpoints.core.model import SPINE_LEVELS  # noqa: E402

ASSETS = Path(__file__).resolve().parent.parent / "assets"

SKIN = "#f6ebe1"
SKIN_SHADE = "#ecdccd"
OUTLINE = "#8a6f60"
CUE = "#c4a692"
CUE_DARK = "#a88a76"
LABEL = "#9a7d6b"

Pt = tuple[float, float]
Chain = list[tuple[float, float, float]]  # x, y, radius


def _fmt(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def _curves(points: list[Pt]) -> str:
    """Cubic Bezier commands through the points (Catmull-Rom), from points[0] onwards."""
    out = []
    for i in range(len(points) - 1):
        p0 = points[max(i - 1, 0)]
        p1, p2 = points[i], points[i + 1]
        p3 = points[min(i + 2, len(points) - 1)]
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        out.append(
            f"C{_fmt(c1[0])},{_fmt(c1[1])} {_fmt(c2[0])},{_fmt(c2[1])} {_fmt(p2[0])},{_fmt(p2[1])}"
        )
    return " ".join(out)


def _spline(points: list[Pt]) -> str:
    """An open smooth path through the points."""
    return f"M{_fmt(points[0][0])},{_fmt(points[0][1])} " + _curves(points)


def limb(chain: Chain) -> str:
    """A closed smooth outline around a chain of (x, y, r) with round ends."""
    left: list[Pt] = []
    right: list[Pt] = []
    n = len(chain)
    for i, (x, y, r) in enumerate(chain):
        ax, ay, _ = chain[max(i - 1, 0)]
        bx, by, _ = chain[min(i + 1, n - 1)]
        tx, ty = bx - ax, by - ay
        length = math.hypot(tx, ty) or 1.0
        nx, ny = -ty / length, tx / length
        left.append((x + nx * r, y + ny * r))
        right.append((x - nx * r, y - ny * r))
    r_end, r_start = chain[-1][2], chain[0][2]
    back = right[::-1]
    return (
        _spline(left)
        + f" A{_fmt(r_end)},{_fmt(r_end)} 0 0 0 {_fmt(back[0][0])},{_fmt(back[0][1])} "
        + _curves(back)
        + f" A{_fmt(r_start)},{_fmt(r_start)} 0 0 0 {_fmt(left[0][0])},{_fmt(left[0][1])} Z"
    )


def mirror_chain(chain: Chain) -> Chain:
    return [(2 * A.MID - x, y, r) for x, y, r in chain]


def silhouette(parts: list[str], stroke: float = 2.2) -> str:
    """Outline layer under fill layer: one seamless silhouette."""
    outline = "".join(f'<path d="{d}"/>' for d in parts)
    fill = "".join(f'<path d="{d}"/>' for d in parts)
    return (
        f'<g fill="{OUTLINE}" stroke="{OUTLINE}" stroke-width="{stroke * 2}" stroke-linejoin="round">{outline}</g>'
        f'<g fill="{SKIN}" stroke="{SKIN}" stroke-width="0.6">{fill}</g>'
    )


def line(points: list[Pt], color: str = CUE, width: float = 1.2, dash: str = "", smooth: bool = True) -> str:
    d = _spline(points) if smooth else "M" + " L".join(f"{_fmt(x)},{_fmt(y)}" for x, y in points)
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return f'<path d="{d}" fill="none" stroke="{color}" stroke-width="{width}" stroke-linecap="round"{dash_attr}/>'


def both(points: list[Pt], **kw: object) -> str:
    """A cue line and its mirror image (points given as dx from the midline)."""
    right = [(A.MID + dx, y) for dx, y in points]
    left = [(A.MID - dx, y) for dx, y in points]
    return line(right, **kw) + line(left, **kw)  # type: ignore[arg-type]


def text(x: float, y: float, s: str, size: float = 9, anchor: str = "end", color: str = LABEL) -> str:
    return (
        f'<text x="{_fmt(x)}" y="{_fmt(y)}" font-family="BackPoints Sans" font-size="{size}" '
        f'fill="{color}" text-anchor="{anchor}">{s}</text>'
    )


# --- whole-body figures -------------------------------------------------------
def body_parts() -> list[str]:
    m = A.MID
    head: Chain = [(m, 42, 41), (m, 62, 44), (m, 88, 41), (m, 108, 31), (m, 115, 13)]
    neck: Chain = [(m, 100, 24), (m, 128, 25), (m, 150, 30)]
    torso: Chain = [
        (m, 146, 32), (m, 163, 78), (m, 180, 104), (m, 205, 100),
        # The arm leaves the torso at the posterior axillary fold of the model.
        (m, A.POSTERIOR_AXILLARY_FOLD[1], A.POSTERIOR_AXILLARY_FOLD[0]),
        (m, 290, 84), (m, 340, 79), (m, 372, 78), (m, 410, 88), (m, 450, 97),
        (m, 474, 99), (m, 498, 72), (m, 506, 34),
    ]
    ear: Chain = [(m + 42, 60, 6), (m + 45, 70, 6.5), (m + 43, 82, 4.5)]
    arm = A.ARM_CENTRE
    upper_arm: Chain = [(m + 108, 188, 22), (m + arm["shoulder"] + 4, 230, 20), (m + 126, 290, 17.5), (m + arm["elbow"], A.ELBOW_Y, 16)]
    forearm: Chain = [(m + arm["elbow"], A.ELBOW_Y, 16), (m + 134, 415, 17), (m + 138, 475, 13), (m + arm["wrist"], A.WRIST_Y, 11)]
    hand: Chain = [(m + arm["wrist"], A.WRIST_Y + 2, 13), (m + arm["hand"], 548, 21), (m + arm["hand"], 585, 20), (m + arm["hand"], 606, 14), (m + arm["hand"], 614, 12)]
    thumb: Chain = [(m + arm["hand"] + 7, 528, 8), (m + arm["hand"] + 16, 552, 7), (m + arm["hand"] + 20, 572, 5.5), (m + arm["hand"] + 20, 578, 4.5)]
    thigh: Chain = [
        (m + 54, 482, 46), (m + 52, 540, 42), (m + 49, 610, 37), (m + 47, 680, 31),
        (m + 46, 715, 30), (m + 46, 740, 29),
    ]
    leg: Chain = [
        (m + 46, 735, 29), (m + 48, 790, 32), (m + 47, 840, 27), (m + 45, 900, 20),
        (m + 44, A.MALLEOLUS_Y, 17), (m + 44, 968, 17),
    ]
    foot: Chain = [(m + 44, 968, 18), (m + 46, 984, 21), (m + 48, 993, 19)]
    parts = [limb(head), limb(neck), limb(torso)]
    for chain in (ear, upper_arm, forearm, hand, thumb, thigh, leg, foot):
        parts.append(limb(chain))
        parts.append(limb(mirror_chain(chain)))
    return parts


def svg_document(width: float, height: float, margin: float, body: str, title: str) -> str:
    vb = f"{_fmt(-margin)} {_fmt(-margin)} {_fmt(width + 2 * margin)} {_fmt(height + 2 * margin)}"
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{vb}" '
        f'width="{_fmt(width + 2 * margin)}" height="{_fmt(height + 2 * margin)}">\n'
        f"<title>{title}</title>\n"
        "<!-- Generated by tools/make_figures.py from backpoints/core/anatomy.py; do not edit. -->\n"
        f"{body}\n</svg>\n"
    )


def back_cues() -> str:
    m = A.MID
    out = []
    # Spine: midline with a tick at every level and labels at the landmark levels.
    top, bottom = A.level_y("C7") - 8, A.SACRAL_HIATUS_Y
    out.append(line([(m, top), (m, bottom)], color=CUE, width=1.1, smooth=False))
    labelled = {"C7", "T3", "T7", "T12", "L4", "S2"}
    for level in SPINE_LEVELS:
        y = A.level_y(level)
        half = 4.5 if level in labelled else 2.5
        out.append(line([(m - half, y), (m + half, y)], color=CUE_DARK, width=1.0, smooth=False))
        if level in labelled:
            out.append(text(m - 33, y + 3, level, size=7, anchor="middle"))
    # Scapulae: medial border, inferior angle, lateral border, spine to the acromion.
    out.append(both(list(L.SCAPULA_MEDIAL_BORDER + L.SCAPULA_LATERAL_BORDER[1:])))
    out.append(both(list(L.SCAPULAR_SPINE), color=CUE_DARK, width=1.4))
    # Iliac crests, PSIS dimples, sacrum, gluteal cleft and folds.
    out.append(both(list(L.ILIAC_CREST)))
    px, py = A.PSIS
    out.append(f'<circle cx="{_fmt(m - px)}" cy="{_fmt(py)}" r="2.6" fill="{CUE}"/><circle cx="{_fmt(m + px)}" cy="{_fmt(py)}" r="2.6" fill="{CUE}"/>')
    out.append(both(list(L.SACRUM_BORDER), dash="3 3"))
    out.append(line([(m, A.SACRAL_HIATUS_Y + 4), (m, A.GLUTEAL_FOLD_Y + 2)], color=CUE_DARK, width=1.2, smooth=False))
    out.append(both(list(L.GLUTEAL_FOLD)))
    # Popliteal creases, calf, Achilles tendons, malleoli, heels.
    k = A.LEG_CENTRE["knee"]
    out.append(both(list(L.POPLITEAL_CREASE), color=CUE_DARK))
    out.append(both([(k + 2, A.POPLITEAL_CREASE_Y + 50), (k + 1, A.POPLITEAL_CREASE_Y + 8 * A.CUN_LEG - 6)], dash="2 3"))
    a = A.LEG_CENTRE["ankle"]
    out.append(both([(a - 4, 880), (a - 3, A.MALLEOLUS_Y - 6), (a - 2, 975)]))
    out.append(both([(a + 4, 880), (a + 3, A.MALLEOLUS_Y - 6), (a + 2, 975)]))
    out.append(both([(a + 13, A.MALLEOLUS_Y - 7), (a + 17, A.MALLEOLUS_Y), (a + 13, A.MALLEOLUS_Y + 7)], color=CUE_DARK))
    out.append(both([(a - 13, A.MALLEOLUS_Y - 10), (a - 16, A.MALLEOLUS_Y - 3), (a - 13, A.MALLEOLUS_Y + 4)], color=CUE_DARK))
    # Elbows (olecranon) and the backs of the hands (knuckles, metacarpal lines).
    out.append(both([(124, A.ELBOW_Y - 4), (129, A.ELBOW_Y + 2), (134, A.ELBOW_Y - 4)]))
    ky = A.BODY_KNUCKLE_Y
    out.append(both([(128, ky - 4), (135, ky), (143, ky), (150, ky - 5)]))

        # Head: hairline at the nape.
    out.append(both([(0, A.OCCIPITAL_PROTUBERANCE_Y + 22), (20, A.OCCIPITAL_PROTUBERANCE_Y + 24), (33, A.OCCIPITAL_PROTUBERANCE_Y + 18)], dash="2 3"))
    out.append(f'<circle cx="{_fmt(m)}" cy="{_fmt(A.OCCIPITAL_PROTUBERANCE_Y)}" r="2.2" fill="{CUE}"/>')
    return "".join(out)


def front_cues() -> str:
    m = A.MID
    out = []
    # Clavicles, sternal notch, chest, costal margins.
    out.append(both([(7, 160), (30, 163), (60, 166), (96, 176)], color=CUE_DARK))
    out.append(both([(0, 258), (28, 282), (58, 305), (78, 318)]))
    out.append(f'<circle cx="{_fmt(m - 4 * A.CUN_X)}" cy="232" r="2.4" fill="{CUE}"/><circle cx="{_fmt(m + 4 * A.CUN_X)}" cy="232" r="2.4" fill="{CUE}"/>')
    # Linea alba and the umbilicus; anterior superior iliac spines, inguinal creases.
    out.append(line([(m, 262), (m, A.UMBILICUS_Y - 6)], color=CUE, width=1.0, dash="3 4", smooth=False))
    out.append(line([(m, A.UMBILICUS_Y + 6), (m, A.UMBILICUS_Y + 5 * A.CUN_ABDOMEN)], color=CUE, width=1.0, dash="3 4", smooth=False))
    out.append(f'<ellipse cx="{_fmt(m)}" cy="{_fmt(A.UMBILICUS_Y)}" rx="3.2" ry="4" fill="none" stroke="{CUE_DARK}" stroke-width="1.3"/>')
    ax, ay = A.ASIS
    out.append(both([(ax - 6, ay - 22), (ax, ay), (ax - 2, ay + 8)]))
    out.append(both([(ax - 4, ay + 12), (50, 470), (18, A.UMBILICUS_Y + 5 * A.CUN_ABDOMEN + 12)], color=CUE_DARK))
    out.append(line([(m - 18, A.UMBILICUS_Y + 5 * A.CUN_ABDOMEN), (m, A.UMBILICUS_Y + 5 * A.CUN_ABDOMEN + 3), (m + 18, A.UMBILICUS_Y + 5 * A.CUN_ABDOMEN)], color=CUE))
    # Knees (patellae), shins, ankles, toes.
    k = A.LEG_CENTRE["knee"]
    for sign in (-1, 1):
        out.append(f'<ellipse cx="{_fmt(m + sign * k)}" cy="700" rx="13" ry="16" fill="none" stroke="{CUE}" stroke-width="1.2"/>')
    out.append(both([(k - 3, 745), (k - 6, 830), (k - 8, 930)], dash="2 4"))
    a = A.LEG_CENTRE["ankle"]
    out.append(both([(a - 15, A.MALLEOLUS_Y - 6), (a - 18, A.MALLEOLUS_Y), (a - 15, A.MALLEOLUS_Y + 6)], color=CUE_DARK))
    out.append(both([(a + 14, A.MALLEOLUS_Y + 2), (a + 18, A.MALLEOLUS_Y + 9), (a + 14, A.MALLEOLUS_Y + 15)], color=CUE_DARK))
    for dx in (-10, -1, 7, 14):
        out.append(both([(a + dx + 4, 990), (a + dx + 4, 1000)], width=0.9))
    # Elbow creases, palms (thenar line), face hint.
    out.append(both([(118, A.ELBOW_Y), (129, A.ELBOW_Y + 3), (141, A.ELBOW_Y)], color=CUE))
    out.append(both([(134, 535), (141, 560), (149, 580)], dash="2 3"))
    out.append(both([(130, 588), (140, 591), (150, 589)], width=1.0))
    return "".join(out)


def write_body(view: str) -> None:
    cues = back_cues() if view == "back" else front_cues()
    shadow = f'<ellipse cx="{_fmt(A.MID)}" cy="1001" rx="95" ry="6" fill="#000" fill-opacity="0.06"/>'
    body = shadow + silhouette(body_parts()) + cues
    title = "Back view of an adult figure in anatomical position" if view == "back" else "Front view of an adult figure in anatomical position"
    (ASSETS / f"{view}.svg").write_text(
        svg_document(A.FIGURE_WIDTH, A.FIGURE_HEIGHT, A.FIGURE_MARGIN, body, title), encoding="utf-8"
    )


# --- detail views ------------------------------------------------------------
def write_hand() -> None:
    W, H = A.HAND_VIEW_SIZE

    def p(x: float, y: float) -> Pt:
        return (x * W, y * H)

    heads = A.HAND_METACARPAL_HEAD
    fingers = {
        2: [(heads[2], A.HAND_MCP_Y, 0.052), (heads[2] - 0.02, 0.2, 0.047), (heads[2] - 0.03, 0.085, 0.042)],
        3: [(heads[3], A.HAND_MCP_Y, 0.055), (heads[3] + 0.002, 0.18, 0.05), (heads[3] + 0.004, 0.045, 0.044)],
        4: [(heads[4], A.HAND_MCP_Y, 0.052), (heads[4] + 0.02, 0.2, 0.047), (heads[4] + 0.03, 0.075, 0.042)],
        5: [(heads[5], A.HAND_MCP_Y + 0.02, 0.045), (heads[5] + 0.04, 0.25, 0.04), (heads[5] + 0.06, 0.16, 0.036)],
    }
    parts = []
    for chain in fingers.values():
        parts.append(limb([(*p(x, y), r * W) for x, y, r in chain]))
    thumb = [(0.42, 0.70, 0.085), (0.28, 0.56, 0.07), (0.2, 0.45, 0.055), (0.14, 0.34, 0.045), (0.12, 0.3, 0.042)]
    parts.append(limb([(*p(x, y), r * W) for x, y, r in thumb]))
    palm = [(0.555, A.HAND_WRIST_Y + 0.02, 0.19), (0.575, 0.55, 0.215), (0.585, A.HAND_MCP_Y + 0.03, 0.22), (0.59, A.HAND_MCP_Y, 0.2)]
    parts.append(limb([(*p(x, y), r * W) for x, y, r in palm]))
    forearm = [(0.555, A.HAND_WRIST_Y, 0.18), (0.55, 0.9, 0.2), (0.55, 1.05, 0.21)]
    parts.append(limb([(*p(x, y), r * W) for x, y, r in forearm]))
    cues = []
    # Wrist crease, metacarpals, knuckles, nails.
    cues.append(line([p(0.40, A.HAND_WRIST_Y), p(0.55, A.HAND_WRIST_Y + 0.008), p(0.72, A.HAND_WRIST_Y)], color=CUE_DARK, width=1.6))
    for n in (1, 2, 3, 4, 5):
        b = A.HAND_METACARPAL_BASE[n]
        h = A.HAND_METACARPAL_HEAD[n]
        top = A.HAND_THUMB_MCP_Y if n == 1 else A.HAND_MCP_Y
        cues.append(line([p(b, A.HAND_CARPUS_Y), p(h, top + 0.015)], color=CUE, width=2.2))
        cues.append(f'<circle cx="{_fmt(h * W)}" cy="{_fmt(top * H)}" r="{_fmt(0.026 * W)}" fill="none" stroke="{CUE}" stroke-width="1.4"/>')
    for n, chain in fingers.items():
        x, y, r = chain[-1]
        cues.append(f'<ellipse cx="{_fmt(x * W)}" cy="{_fmt((y + 0.012) * H)}" rx="{_fmt(r * 0.55 * W)}" ry="{_fmt(0.03 * H)}" fill="none" stroke="{CUE}" stroke-width="1.2"/>')
    cues.append(f'<ellipse cx="{_fmt(0.125 * W)}" cy="{_fmt(0.315 * H)}" rx="{_fmt(0.022 * W)}" ry="{_fmt(0.028 * H)}" fill="none" stroke="{CUE}" stroke-width="1.2"/>')
    # The carpus between the wrist crease and the metacarpal bases.
    base = A.HAND_METACARPAL_BASE
    cx0, cx1 = base[2] - 0.03, base[5] + 0.03
    cy0, cy1 = A.HAND_CARPUS_Y + 0.005, A.HAND_WRIST_Y - 0.012
    cues.append(
        f'<rect x="{_fmt(cx0 * W)}" y="{_fmt(cy0 * H)}" width="{_fmt((cx1 - cx0) * W)}" height="{_fmt((cy1 - cy0) * H)}" '
        f'rx="{_fmt(0.03 * W)}" fill="{SKIN_SHADE}" stroke="{CUE}" stroke-width="1.2"/>'
    )
    # Radius and ulna heads at the wrist; the interosseous line of the forearm.
    cues.append(line([p(0.56, A.HAND_WRIST_Y + 0.05), p(0.56, 0.98)], dash="3 4"))
    body = silhouette(parts, stroke=1.8) + "".join(cues)
    (ASSETS / "hand.svg").write_text(
        svg_document(W, H, 0, body, "Back of the right hand and wrist, fingers up"), encoding="utf-8"
    )


def write_foot(side: str) -> None:
    W, H = A.FOOT_VIEW_SIZE
    lateral = side == "lateral"

    def p(x: float, y: float) -> Pt:
        # Drawn as the lateral view; the medial view is its mirror image.
        return ((x if lateral else 1 - x) * W, y * H)

    leg = [(0.29, -0.05, 0.14), (0.3, 0.3, 0.125), (0.3, 0.55, 0.13)]
    heel_foot = [(0.24, 0.78, 0.1), (0.45, 0.82, 0.105), (0.7, 0.86, 0.07), (0.9, 0.875, 0.05), (0.95, 0.88, 0.045)]
    parts = [
        limb([(*p(x, y), r * W) for x, y, r in leg]),
        limb([(*p(x, y), r * W) for x, y, r in heel_foot]),
        limb([(*p(x, y), r * W) for x, y, r in [(0.3, 0.55, 0.13), (0.33, 0.7, 0.12), (0.4, 0.78, 0.1)]]),
    ]
    cues = []
    mx, my = A.FOOT_MALLEOLUS if lateral else (1 - A.FOOT_MEDIAL_MALLEOLUS[0], A.FOOT_MEDIAL_MALLEOLUS[1])
    cues.append(f'<ellipse cx="{_fmt(p(mx, my)[0])}" cy="{_fmt(my * H)}" rx="{_fmt(0.04 * W)}" ry="{_fmt(0.07 * H)}" fill="{SKIN_SHADE}" stroke="{CUE_DARK}" stroke-width="1.4"/>')
    ach = A.FOOT_ACHILLES_X if lateral else 1 - A.FOOT_MEDIAL_ACHILLES_X
    cues.append(line([p(ach + 0.01, 0.1), p(ach, 0.45), p(ach - 0.01, 0.66)], color=CUE_DARK, width=1.4))
    cues.append(line([p(0.5, 0.93), p(0.7, 0.935), p(0.9, 0.925)], color=CUE, width=1.0))
    if lateral:
        bx, by = L.FIFTH_METATARSAL_BASE
        cues.append(f'<circle cx="{_fmt(p(bx, by)[0])}" cy="{_fmt(by * H)}" r="{_fmt(0.012 * W)}" fill="{CUE}"/>')
        cues.append(line([p(*pt) for pt in L.FIFTH_METATARSAL], dash="3 3"))
    else:
        cues.append(line([p(*pt) for pt in L.FIRST_METATARSAL], dash="3 3"))
        # Medial border of the tibia (p() mirrors, so pass the lateral-view x).
        tx = 1 - A.FOOT_MEDIAL_TIBIA_X
        cues.append(line([p(tx + 0.01, 0.1), p(tx, 0.35)], dash="2 4"))
    for t in (0.86, 0.9, 0.935):
        cues.append(line([p(t, 0.82), p(t + 0.01, 0.86)], width=0.9))
    body = silhouette(parts, stroke=1.8) + "".join(cues)
    title = "Lateral side of the right foot and ankle" if lateral else "Medial side of the right foot and ankle"
    (ASSETS / f"foot-{side}.svg").write_text(svg_document(W, H, 0, body, title), encoding="utf-8")


# --- side view ---------------------------------------------------------------
def closed_spline(points: list[Pt]) -> str:
    """A closed smooth outline through the points (Catmull-Rom, wrapping around)."""
    n = len(points)
    out = [f"M{_fmt(points[0][0])},{_fmt(points[0][1])}"]
    for i in range(n):
        p0, p1, p2, p3 = points[i - 1], points[i], points[(i + 1) % n], points[(i + 2) % n]
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        out.append(f"C{_fmt(c1[0])},{_fmt(c1[1])} {_fmt(c2[0])},{_fmt(c2[1])} {_fmt(p2[0])},{_fmt(p2[1])}")
    return " ".join(out) + " Z"


def side_outline() -> list[Pt]:
    """Down the back of the side profile, then up the front (A.SIDE_PROFILE)."""
    m = A.MID
    back = [(m + b, y) for y, b, _ in A.SIDE_PROFILE]
    front = [(m + f, y) for y, _, f in reversed(A.SIDE_PROFILE)]
    # The vertex is one point; the sole runs flat from the heel to the toes.
    return back + front[:-1]


def write_side() -> None:
    m = A.MID

    def at(dx: float, y: float) -> Pt:
        return (m + dx, y)

    parts = [closed_spline(side_outline())]
    # The shoulder cap; the rest of the arm is only outlined so the side of the hip shows.
    parts.append(limb([(*at(-2, 176), 24), (*at(-1, 205), 22), (*at(-1, 232), 18)]))
    cues = []
    arm: Chain = [(*at(-1, 200), 20), (*at(-2, A.ELBOW_Y), 15), (*at(6, A.WRIST_Y), 11), (*at(8, A.FINGERTIP_Y - 12), 12)]
    cues.append(f'<path d="{limb(arm)}" fill="none" stroke="{CUE}" stroke-width="1" stroke-dasharray="3 4"/>')
    # Ear, eye and the line of the jaw: enough face to tell front from back.
    cues.append(f'<ellipse cx="{_fmt(m - 4)}" cy="70" rx="7" ry="11" fill="{SKIN_SHADE}" stroke="{CUE_DARK}" stroke-width="1.2"/>')
    cues.append(line([at(36, 56), at(43, 54)], color=CUE_DARK, width=1.4))
    cues.append(line([at(4, 96), at(22, 118), at(40, 122)], width=1.0))
    # Spine levels on the back outline: C7, the most prominent.
    c7b, _ = A.side_profile(A.level_y("C7"))
    cues.append(f'<circle cx="{_fmt(m + c7b + 3)}" cy="{_fmt(A.level_y("C7"))}" r="2.2" fill="{CUE}"/>')
    # Acromion and the scapular spine behind it.
    ax, ay = A.SIDE_ACROMION
    cues.append(line([at(ax - 30, ay + 12), at(ax - 14, ay + 2), at(ax, ay)], color=CUE_DARK, width=1.4))
    # Iliac crest from the ASIS over its top to the PSIS; the trochanter; the buttock fold.
    cues.append(line([at(*A.SIDE_ASIS), at(18, A.ILIAC_CREST_Y + 6), at(*A.SIDE_ILIAC_CREST_TOP),
                      at(-26, A.ILIAC_CREST_Y + 16), at(*A.SIDE_PSIS)], color=CUE_DARK, width=1.4))
    for dx, y in (A.SIDE_ASIS, A.SIDE_PSIS):
        cues.append(f'<circle cx="{_fmt(m + dx)}" cy="{_fmt(y)}" r="2.6" fill="{CUE}"/>')
    tx, ty = A.SIDE_GREATER_TROCHANTER
    cues.append(f'<ellipse cx="{_fmt(m + tx)}" cy="{_fmt(ty)}" rx="11" ry="9" fill="{SKIN_SHADE}" stroke="{CUE}" stroke-width="1.2"/>')
    gb, _ = A.side_profile(A.GLUTEAL_FOLD_Y)
    cues.append(line([at(gb + 2, A.GLUTEAL_FOLD_Y), at(gb + 16, A.GLUTEAL_FOLD_Y + 3)], color=CUE_DARK))
    # Knee: patella, popliteal crease, head of the fibula; the fibula down to the malleolus.
    px, py = A.SIDE_PATELLA
    cues.append(f'<ellipse cx="{_fmt(m + px)}" cy="{_fmt(py)}" rx="7" ry="14" fill="none" stroke="{CUE}" stroke-width="1.2"/>')
    kb, _ = A.side_profile(A.POPLITEAL_CREASE_Y)
    cues.append(line([at(kb + 1, A.POPLITEAL_CREASE_Y), at(kb + 12, A.POPLITEAL_CREASE_Y + 1)], color=CUE_DARK))
    fx, fy = A.SIDE_FIBULA_HEAD
    cues.append(f'<circle cx="{_fmt(m + fx)}" cy="{_fmt(fy)}" r="4" fill="{SKIN_SHADE}" stroke="{CUE_DARK}" stroke-width="1.2"/>')
    cues.append(line([at(fx + 3, fy + 6), at(A.SIDE_FIBULA_FRONT_DX, 850), at(A.SIDE_LATERAL_MALLEOLUS[0] + 2, A.MALLEOLUS_Y - 10)],
                     dash="2 4"))
    lx, ly = A.SIDE_LATERAL_MALLEOLUS
    cues.append(f'<ellipse cx="{_fmt(m + lx)}" cy="{_fmt(ly)}" rx="6" ry="8" fill="{SKIN_SHADE}" stroke="{CUE_DARK}" stroke-width="1.3"/>')
    t = A.SIDE_CALCANEAL_TENDON_DX
    cues.append(line([at(t + 2, 880), at(t, A.MALLEOLUS_Y), at(t - 3, 975)], color=CUE_DARK))
    bx, by = A.SIDE_FIFTH_METATARSAL_BASE
    cues.append(f'<circle cx="{_fmt(m + bx)}" cy="{_fmt(by)}" r="2.2" fill="{CUE}"/>')
    cues.append(line([at(bx + 2, by - 1), at(60, 990), at(78, 995)], dash="3 3"))
    shadow = f'<ellipse cx="{_fmt(m + 30)}" cy="1001" rx="70" ry="5" fill="#000" fill-opacity="0.06"/>'
    body = shadow + silhouette(parts) + "".join(cues)
    (ASSETS / "side.svg").write_text(
        svg_document(A.FIGURE_WIDTH, A.FIGURE_HEIGHT, A.FIGURE_MARGIN, body,
                     "Right side of an adult figure, facing right (the arm only outlined)"),
        encoding="utf-8",
    )


def main() -> int:
    write_body("back")
    write_body("front")
    write_hand()
    write_foot("lateral")
    write_foot("medial")
    write_side()
    print("wrote", ", ".join(sorted(p.name for p in ASSETS.glob("*.svg"))), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
