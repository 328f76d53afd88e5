"""The data model: frozen dataclasses for points, markers and the dataset."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping, Protocol, TypeVar

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
        "knee": "Around the knee",
        "foot": "Feet and ankles",
    }
)

#: Figures a marker can be drawn on.
MARKER_VIEWS: tuple[str, ...] = ("front", "back", "hand", "foot-lateral", "foot-medial", "side")
#: Every view of the map: the marker views, close-ups of the back figure
#: (core.figures.CROPS), which show the back figure's own markers, and the side view
#: last (so the older views keep their Ctrl+number).
VIEWS: tuple[str, ...] = MARKER_VIEWS[:5] + ("lumbar", "neck", "side")

VIEW_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "front": "Front",
        "back": "Back",
        "hand": "Hand (back)",
        "foot-lateral": "Foot (outer side)",
        "foot-medial": "Foot (inner side)",
        "lumbar": "Lower back close-up",
        "neck": "Neck and shoulders close-up",
        "side": "Side (right)",
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

#: How a point serves back pain: on the painful area, near it, far from it, or on the
#: front of the trunk opposite it (abdominal points paired with the lower back).
ROLES: tuple[str, ...] = ("local", "adjacent", "distal", "front-back")

ROLE_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "local": "local point",
        "adjacent": "adjacent point",
        "distal": "distal point",
        "front-back": "front-back pairing point",
    }
)

#: The techniques a caution or hazard can apply to; "all" applies to every one.
CAUTION_TECHNIQUES: tuple[str, ...] = ("all", "needling", "acupressure", "moxibustion")


@dataclass(frozen=True, slots=True)
class Hazard:
    """A kind of hazard from what lies under a point, and the technique it concerns."""

    key: str
    text: str
    technique: str


class _Keyed(Protocol):
    @property
    def key(self) -> str: ...


_K = TypeVar("_K", bound=_Keyed)


def _by_key(*items: _K) -> Mapping[str, _K]:
    """A read-only table of items by their key."""
    return MappingProxyType({item.key: item for item in items})


#: Kinds of hazard a point can carry; the sheet gathers them in one box. All of them
#: come from what a needle can reach, so they are needling hazards: a self-care
#: (acupressure) sheet does not print them.
HAZARD_INFO: Mapping[str, Hazard] = _by_key(
    Hazard(
        "pneumothorax",
        "The pleura and lung lie close under the skin here: a deep or perpendicular needle "
        "can cause a pneumothorax. Needle obliquely and no deeper than the point's limit.",
        "needling",
    ),
    Hazard(
        "spinal-cord",
        "The spinal cord (or, at the skull, the medulla) lies deep to this point: keep to the "
        "point's own angle and never past its depth limit. Just below the skull (GV16, GB20, "
        "BL10) never aim upward towards the foramen magnum; on the spine, follow the slope of "
        "the spinous processes as the point's technique says.",
        "needling",
    ),
    Hazard(
        "blood-vessel",
        "A large artery or vein lies beneath: avoid it and press firmly after withdrawing the needle.",
        "needling",
    ),
    Hazard(
        "nerve",
        "A large nerve trunk lies beneath: withdraw at once if an electric sensation shoots along the limb.",
        "needling",
    ),
    Hazard("joint", "Close to a joint capsule: keep strictly sterile technique.", "needling"),
    Hazard(
        "organ",
        "An organ lies beneath (the kidney under the lumbar points; the bladder, bowel and "
        "peritoneum under the lower abdomen): never needle past the point's limit, and have "
        "the bladder emptied before needling the lower abdomen.",
        "needling",
    ),
)

#: The hazard texts by key (kept for code that only needs the words).
HAZARDS: Mapping[str, str] = MappingProxyType({k: h.text for k, h in HAZARD_INFO.items()})

#: Pregnancy flags, from strongest to weakest. "avoid" and "caution" hide the point under
#: "Hide points avoided in pregnancy"; "strong-stimulation" only asks for gentle work.
PREGNANCY_LEVELS: tuple[str, ...] = ("avoid", "caution", "strong-stimulation")
PREGNANCY_HIDING_LEVELS: tuple[str, ...] = ("avoid", "caution")

PREGNANCY_LEVEL_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "avoid": "Avoid in pregnancy",
        "caution": "Traditionally avoided in pregnancy",
        "strong-stimulation": "No strong stimulation in pregnancy",
    }
)

#: When in pregnancy a rule applies.
TRIMESTERS: Mapping[str, str] = MappingProxyType(
    {
        "first": "first trimester",
        "after-first": "from the fourth month on",
        "all": "throughout pregnancy",
    }
)


@dataclass(frozen=True, slots=True)
class PregnancyRule:
    """A named rule about needling in pregnancy, with its source key."""

    key: str
    text: str
    source: str


#: The rules the dataset may name. WHO 1999 (Guidelines on Basic Training and Safety in
#: Acupuncture, section II.2.1) gives the regional ones; the labour-inducing points are
#: the classical list discussed by Cummings 2011.
PREGNANCY_RULES: Mapping[str, PregnancyRule] = _by_key(
    PregnancyRule(
        "who1999-lumbosacral",
        "WHO 1999 safety guidelines: no acupuncture or moxibustion on the low back and sacrum "
        "(lumbosacral region) in the first trimester, and avoid them after it too; BackPoints asks the same of "
        "firm self-care pressure.",
        "who1999",
    ),
    PregnancyRule(
        "who1999-lower-abdomen",
        "WHO 1999 safety guidelines: no acupuncture or moxibustion on the lower abdomen in the "
        "first trimester. The pregnant uterus lies beneath later on too, so BackPoints treats the "
        "point as one to avoid throughout, for self-care pressure as well.",
        "who1999",
    ),
    PregnancyRule(
        "who1999-upper-abdomen",
        "WHO 1999 safety guidelines: points on the upper abdomen are to be avoided after the third month.",
        "who1999",
    ),
    PregnancyRule(
        "who1999-strong-sensation",
        "WHO 1999 safety guidelines: after the third month, avoid points that cause strong "
        "sensations. This point is usually worked for a strong sensation, so from the "
        "fourth month on use gentle stimulation only.",
        "who1999",
    ),
    PregnancyRule(
        "traditional-forbidden",
        "One of the classical points forbidden in pregnancy because strong stimulation was "
        "thought to bring on labour. Reviews find no good evidence of harm (Cummings 2011), "
        "but practitioners still avoid it.",
        "cummings2011",
    ),
    PregnancyRule(
        "unspecified",
        "Traditionally avoided in pregnancy; the evidence of harm is weak, but practitioners avoid it.",
        "",
    ),
)


@dataclass(frozen=True, slots=True)
class PregnancyFlag:
    """How a point is restricted in pregnancy: level, the rule behind it and when it applies."""

    level: str
    rule: str
    trimester: str
    note: str = ""

    @property
    def hides(self) -> bool:
        """True if "Hide points avoided in pregnancy" hides the point."""
        return self.level in PREGNANCY_HIDING_LEVELS

    def text(self) -> str:
        """One plain sentence set: level, trimester, the rule and the point's own note."""
        label = PREGNANCY_LEVEL_LABELS.get(self.level, self.level)
        when = TRIMESTERS.get(self.trimester, self.trimester)
        rule = PREGNANCY_RULES.get(self.rule)
        parts = [f"{label} ({when})."]
        if rule is not None:
            parts.append(rule.text)
        if self.note:
            parts.append(self.note)
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class Caution:
    """A warning for one point and the technique it concerns ("all" for every technique)."""

    text: str
    technique: str = "all"

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
    caution_notes: tuple[Caution, ...]
    hazards: tuple[str, ...]
    pregnancy: PregnancyFlag | None
    sources: tuple[str, ...]
    hanzi_traditional: str = ""
    spine: SpinePlacement | None = None

    @property
    def cautions(self) -> tuple[str, ...]:
        """The texts of all the point's own cautions, whatever the technique."""
        return tuple(c.text for c in self.caution_notes)

    @property
    def pregnancy_caution(self) -> bool:
        """True if the point is hidden by "Hide points avoided in pregnancy"."""
        return self.pregnancy is not None and self.pregnancy.hides

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
            "caution_techniques": [c.technique for c in self.caution_notes],
            "hazards": list(self.hazards),
            "pregnancy_caution": self.pregnancy_caution,
            "pregnancy": (
                None
                if self.pregnancy is None
                else {
                    "level": self.pregnancy.level,
                    "rule": self.pregnancy.rule,
                    "trimester": self.pregnancy.trimester,
                    "note": self.pregnancy.note,
                    "text": self.pregnancy.text(),
                }
            ),
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


#: Which caution techniques each sheet technique prints.
SHEET_TECHNIQUES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "self-care": ("acupressure",),
        "acupressure": ("acupressure",),
        "needling": ("needling", "moxibustion"),
        "moxibustion": ("moxibustion",),
    }
)


def applies(caution_technique: str, technique: str) -> bool:
    """True if a caution for `caution_technique` concerns someone using `technique`.

    `technique` is a caution technique (needling, acupressure, moxibustion), a sheet
    technique (self-care, needling) or "all" (everything applies).
    """
    if technique == "all" or caution_technique == "all":
        return True
    return caution_technique in SHEET_TECHNIQUES.get(technique, (technique,))


def cautions_for(point: Point, technique: str, *, include_hazards: bool = True) -> list[str]:
    """The point's warnings that concern `technique`: pregnancy first, then its own
    cautions, then the hazard texts of what lies beneath. Needling-only texts never
    reach a self-care (acupressure) reader."""
    texts: list[str] = []
    if point.pregnancy is not None:
        texts.append(point.pregnancy.text())
    texts.extend(c.text for c in point.caution_notes if applies(c.technique, technique))
    for key in point.hazards if include_hazards else ():
        hazard = HAZARD_INFO.get(key)
        if hazard is not None and applies(hazard.technique, technique):
            texts.append(hazard.text)
    return texts
