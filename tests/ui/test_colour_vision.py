"""Marker colours under simulated colour-vision deficiencies (issue 14).

Machado, Oliveira & Fernandes (2009), "A physiologically-based model for simulation of
color vision deficiency", IEEE TVCG 15(6), severity 1.0 matrices, applied to linear
sRGB (as Chrome and Firefox DevTools do). Distances are CIE76 ΔE in CIELAB (D65).
Shapes tell the pain types apart too (circle, diamond, square); the colours should
still differ clearly under each deficiency, and from the grey of "other" points.
"""

from __future__ import annotations

import itertools
import math

import pytest

from backpoints.ui.bodymap.style import OTHER_COLOUR, PAIN_COLOURS

MACHADO_2009 = {
    "normal": ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0)),
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
}

#: Least ΔE between two marker colours. About 10 is "clearly different at a glance" for
#: small patches; 20 leaves a margin for small markers. Tritanopia (about 1 in 10,000,
#: and the condition Machado's model simulates least well) gets 15: the Okabe-Ito blue and
#: bluish green come out at 17 there, and their shapes (circle, square) differ anyway.
MIN_DELTA_E = {"normal": 20.0, "protanopia": 20.0, "deuteranopia": 20.0, "tritanopia": 15.0}


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def simulate(hex_colour: str, kind: str) -> tuple[float, float, float]:
    """Linear RGB of a colour as seen with a deficiency (clipped to the gamut)."""
    rgb = [_linear(int(hex_colour[i:i + 2], 16) / 255) for i in (1, 3, 5)]
    m = MACHADO_2009[kind]
    return tuple(min(1.0, max(0.0, sum(m[i][j] * rgb[j] for j in range(3)))) for i in range(3))  # type: ignore[return-value]


def delta_e(a: str, b: str, kind: str) -> float:
    return math.dist(_lab(simulate(a, kind)), _lab(simulate(b, kind)))


def test_simulation_leaves_grey_alone_and_moves_red() -> None:
    # A check of the simulator itself: greys are unchanged by every matrix (rows sum to 1),
    # and pure red is far from itself for a protanope.
    for kind in MACHADO_2009:
        assert delta_e("#808080", "#808080", kind) == 0
        grey = simulate("#808080", kind)
        assert max(grey) - min(grey) < 1e-3
    assert math.dist(_lab(simulate("#ff0000", "protanopia")), _lab(simulate("#ff0000", "normal"))) > 30


@pytest.mark.parametrize("kind", list(MACHADO_2009))
def test_marker_colours_stay_apart(kind: str) -> None:
    colours = {name: colour.name() for name, colour in PAIN_COLOURS.items()}
    colours["other"] = OTHER_COLOUR.name()
    distances = {(a, b): delta_e(colours[a], colours[b], kind) for a, b in itertools.combinations(colours, 2)}
    worst = min(distances, key=distances.__getitem__)
    print(kind, {f"{a}/{b}": round(d, 1) for (a, b), d in distances.items()})
    assert distances[worst] >= MIN_DELTA_E[kind], f"{kind}: {worst} only ΔE {distances[worst]:.1f}"
