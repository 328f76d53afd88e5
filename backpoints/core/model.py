"""The data model: frozen dataclasses for points, markers and the dataset."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

#: Body areas a point may belong to, in the order the app lists them.
AREAS: tuple[str, ...] = (
    "head",
    "neck",
    "shoulder",
    "upper-back",
    "lower-back",
    "hip",
    "abdomen",
    "arm",
    "hand",
    "leg",
    "knee",
    "foot",
)

#: Human labels for the areas.
AREA_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "head": "Head",
        "neck": "Neck",
        "shoulder": "Shoulders",
        "upper-back": "Upper back",
        "lower-back": "Lower back",
        "hip": "Hips and buttocks",
        "abdomen": "Abdomen",
        "arm": "Arms",
        "hand": "Hands",
        "leg": "Legs",
        "knee": "Back of the knee",
        "foot": "Feet and ankles",
    }
)

#: Figures a marker can be drawn on.
VIEWS: tuple[str, ...] = ("front", "back", "hand", "foot-lateral", "foot-medial")

VIEW_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "front": "Front",
        "back": "Back",
        "hand": "Hand (back)",
        "foot-lateral": "Foot (outer side)",
        "foot-medial": "Foot (inner side)",
    }
)

PAIN_TYPES: tuple[str, ...] = ("lower", "upper")

MERIDIANS: Mapping[str, str] = MappingProxyType(
    {
        "LU": "Lung",
        "LI": "Large Intestine",
        "ST": "Stomach",
        "SP": "Spleen",
        "HT": "Heart",
        "SI": "Small Intestine",
        "BL": "Bladder",
        "KI": "Kidney",
        "PC": "Pericardium",
        "TE": "Triple Energizer",
        "GB": "Gallbladder",
        "LR": "Liver",
        "GV": "Governor Vessel",
        "CV": "Conception Vessel",
        "EX": "Extra point",
    }
)

ROLES: tuple[str, ...] = ("local", "adjacent", "distal")

#: Kinds of needling hazard a point can carry; the sheet gathers them in one box.
HAZARDS: Mapping[str, str] = MappingProxyType(
    {
        "pneumothorax": "Deep or perpendicular needling here can puncture the pleura "
        "(pneumothorax); needle obliquely and shallowly.",
        "spinal-cord": "Near the spinal cord or medulla: never needle deeply or upwards "
        "towards the skull.",
        "blood-vessel": "A large artery or vein lies beneath: avoid it and press firmly "
        "after withdrawing the needle.",
        "nerve": "A large nerve trunk lies beneath: withdraw at once if an electric "
        "sensation shoots along the limb.",
        "joint": "Close to a joint capsule: keep strictly sterile technique.",
    }
)

#: Spinal levels from the top down; the order is used to check marker heights.
SPINE_LEVELS: tuple[str, ...] = (
    ("C7",)
    + tuple(f"T{i}" for i in range(1, 13))
    + tuple(f"L{i}" for i in range(1, 6))
    + tuple(f"S{i}" for i in range(1, 5))
)


@dataclass(frozen=True, slots=True)
class Marker:
    """Where a point is drawn: a view and x, y in 0..1 over that view's drawing."""

    view: str
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class SpinePlacement:
    """A point defined by a vertebral level and a distance from the posterior midline."""

    level: str
    lateral_cun: float


@dataclass(frozen=True, slots=True)
class Technique:
    """How the point is treated: by needle (practitioners) and by pressure (self-care)."""

    needling: str
    acupressure: str


@dataclass(frozen=True, slots=True)
class Source:
    """A reference the dataset cites, under a short key."""

    key: str
    citation: str
    url: str = ""


@dataclass(frozen=True, slots=True)
class Point:
    """One acupuncture point with everything the app shows and prints about it."""

    code: str
    name: str
    pinyin: str
    hanzi: str
    meridian: str
    pain: tuple[str, ...]
    areas: tuple[str, ...]
    bilateral: bool
    markers: tuple[Marker, ...]
    location: str
    how_to_find: str
    technique: Technique
    back_pain_use: str
    role: str
    cautions: tuple[str, ...]
    hazards: tuple[str, ...]
    pregnancy_caution: bool
    sources: tuple[str, ...]
    hanzi_traditional: str = ""
    spine: SpinePlacement | None = None

    @property
    def views(self) -> tuple[str, ...]:
        """The views this point is drawn on, in the app's view order."""
        present = {m.view for m in self.markers}
        return tuple(v for v in VIEWS if v in present)

    def to_json(self) -> dict[str, object]:
        """A plain-data form for `backpoints list --json`."""
        return {
            "code": self.code,
            "name": self.name,
            "pinyin": self.pinyin,
            "hanzi": self.hanzi,
            "hanzi_traditional": self.hanzi_traditional or None,
            "meridian": self.meridian,
            "pain": list(self.pain),
            "areas": list(self.areas),
            "bilateral": self.bilateral,
            "markers": [{"view": m.view, "x": m.x, "y": m.y} for m in self.markers],
            "location": self.location,
            "how_to_find": self.how_to_find,
            "technique": {
                "needling": self.technique.needling,
                "acupressure": self.technique.acupressure,
            },
            "back_pain_use": self.back_pain_use,
            "role": self.role,
            "cautions": list(self.cautions),
            "hazards": list(self.hazards),
            "pregnancy_caution": self.pregnancy_caution,
            "sources": list(self.sources),
            "spine": (
                None
                if self.spine is None
                else {"level": self.spine.level, "lateral_cun": self.spine.lateral_cun}
            ),
        }


@dataclass(frozen=True)
class Dataset:
    """A validated set of points and the sources they cite."""

    title: str
    points: tuple[Point, ...]
    sources: Mapping[str, Source]
    path: str = ""
    _by_code: Mapping[str, Point] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "_by_code", MappingProxyType({p.code: p for p in self.points})
        )

    def point(self, code: str) -> Point | None:
        """The point with this exact code, or None."""
        return self._by_code.get(code)

    def __len__(self) -> int:
        return len(self.points)
