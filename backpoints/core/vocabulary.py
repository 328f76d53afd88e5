"""The search vocabulary: everyday and clinical words mapped to the dataset's terms.

Each Concept lists the ways people say one thing ("lumbago", "LBP", "low back")
and the ways the dataset writes it ("lower back", "lumbar"). Typing any of its
terms searches for all of them, and the concept's areas, pain type and flags say
which points have it as their main purpose (a lower-back point for "low back").

Reviewed by hand: keep each list short and unambiguous. A term belongs to one
concept only; tests/core/test_vocabulary.py checks that and that every concept
still finds points in the bundled dataset.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Concept:
    """One idea and its words; the first term is the one shown to users."""

    key: str
    terms: tuple[str, ...]
    areas: tuple[str, ...] = ()
    pain: str = ""  # "lower", "upper" or ""
    pregnancy: bool = False  # the points traditionally avoided in pregnancy
    pregnancy_rule: str = ""  # the points flagged in pregnancy under this rule (model.PREGNANCY_RULES)
    meridian: str = ""  # the channel the words name
    role: str = ""  # the points the words call for first: "distal", "local", ...


CONCEPTS: tuple[Concept, ...] = (
    Concept(
        "low-back",
        ("lower back", "low back", "lumbar", "lumbago", "lbp", "low back pain", "lower back pain",
         "lumbosacral", "loin", "loins", "small of the back", "waist", "lumbar spine", "bottom of the back",
         "slipped disc", "herniated disc", "disc herniation", "bulging disc", "prolapsed disc", "disc",
         "slipped disk", "herniated disk", "bulging disk", "disk",
         "spinal stenosis", "stenosis"),
        areas=("lower-back",), pain="lower",
    ),
    Concept(
        "lumbar-muscles",  # the texts: "lumbar muscles" (BL52), "lumbar muscle strain" (EX-B7), "long back muscles"
        ("lumbar muscles", "lumbar muscle", "long back muscles", "quadratus lumborum", "ql", "erector spinae",
         "paraspinal muscles", "paraspinals"),
        areas=("lower-back",), pain="lower",
    ),
    Concept(
        "trapezius",  # the texts name the trapezius at GB21 (its ridge), GV16, GB20, BL10
        ("trapezius", "traps", "trapezius muscle", "upper trapezius"),
        areas=("shoulder",), pain="upper",
    ),
    Concept(
        "sciatica",
        ("sciatica", "sciatic", "sciatic nerve", "sciatic-type", "leg pain", "pain down the leg",
         "pain down my leg", "pain running down the leg", "pain down the back of the leg",
         "shooting pain down the leg", "radiating leg pain", "spreads into the leg", "spreads down the leg",
         "spreading down the leg", "runs down the back of the thigh", "down the back of the leg",
         "into the buttock and leg", "pain spreading down the leg", "radiculopathy",
         "numb leg", "leg numbness", "numbness in the leg", "tingling in the leg", "pins and needles in the leg",
         "radiating to the leg", "radiating down the leg", "radiating into the leg", "radiates down the leg",
         "radiating to the buttock"),
        areas=("hip", "leg", "knee"), pain="lower",
    ),
    Concept(
        "neck",
        ("stiff neck", "neck", "neck pain", "sore neck", "neck stiffness", "stiffness of the neck",
         "stiffness and pain of the neck", "pain of the neck", "stiffness at the base of the neck",
         "cervical", "cervical spine", "crick in the neck", "torticollis", "wry neck", "nape",
         "neck tension", "whiplash"),
        areas=("neck",), pain="upper",
    ),
    Concept(
        "upper-back",
        ("upper back", "upper back pain", "thoracic", "thoracic spine", "top of the spine"),
        areas=("upper-back",), pain="upper",
    ),
    Concept(
        "between-shoulder-blades",
        ("between the shoulder blades", "between shoulder blades", "between the upper shoulder blades",
         "interscapular", "between my shoulder blades", "rhomboid", "rhomboids"),
        areas=("upper-back",), pain="upper",
    ),
    Concept(
        "mid-back",
        ("mid back", "midback", "middle back", "middle of the back", "mid-back pain", "thoracolumbar",
         "lower tips of the shoulder blades", "lower shoulder blades", "where the mid back meets the lower back"),
        areas=("upper-back",), pain="upper",
    ),
    Concept(
        "shoulder-blade",
        ("shoulder blade", "shoulder blades", "scapula", "scapular", "scapulae", "wing bone"),
        areas=("shoulder", "upper-back"), pain="upper",
    ),
    Concept(
        "shoulder",
        ("shoulder", "shoulders", "frozen shoulder", "shoulder pain", "top of the shoulder",
         "neck-shoulder", "raising the arm"),
        areas=("shoulder",), pain="upper",
    ),
    Concept(
        "tailbone",
        ("tailbone", "tail bone", "coccyx", "coccydynia", "sacrum", "sacral", "sacroiliac", "sacroiliac joint",
         "si joint", "base of the spine", "bottom of the spine"),
        areas=("lower-back", "hip"), pain="lower",
    ),
    Concept(
        "sacral-foramina",
        ("sacral foramen points", "sacral foramen", "sacral foramina", "baliao", "ba liao", "eight liao",
         "eight sacral foramina", "eight crevices"),
        areas=("lower-back",), pain="lower",
    ),
    Concept(
        "buttock",
        ("buttock", "buttocks", "bum", "glute", "glutes", "gluteal", "hip", "hips", "hip pain",
         "piriformis", "greater trochanter"),
        areas=("hip",), pain="lower",
    ),
    Concept(
        "back-of-knee",
        ("back of the knee", "behind the knee", "knee pit", "popliteal", "popliteal crease",
         "hollow of the knee", "crook of the knee", "knee"),
        areas=("knee",),
    ),
    Concept(
        "back-of-thigh",
        ("back of the thigh", "hamstring", "hamstrings", "posterior thigh", "back of my thigh"),
        areas=("hip", "leg"),
    ),
    Concept(
        "thigh",
        ("thigh", "thighs", "outer thigh", "side of the thigh"),
        areas=("hip", "leg"),
    ),
    Concept(
        "calf",
        ("calf", "calves", "calf cramp", "calf cramps", "leg cramp", "leg cramps", "gastrocnemius", "lower leg"),
        areas=("leg",),
    ),
    Concept(
        "ankle-foot",
        ("ankle", "ankles", "heel", "achilles", "calcaneal tendon", "malleolus", "foot", "feet", "sole"),
        areas=("foot",),
    ),
    Concept(
        "hand",
        ("hand", "hands", "back of the hand", "knuckle", "knuckles", "metacarpal", "thumb", "wrist"),
        areas=("hand",),
    ),
    Concept(
        "head",
        ("headache", "headaches", "migraine", "migraines", "tension headache", "head", "back of the head", "occiput", "base of the skull", "skull",
         "scalp", "vertex"),
        areas=("head",),
    ),
    Concept(
        "abdomen",
        ("abdomen", "belly", "tummy", "stomach area", "navel", "umbilicus", "lower abdomen"),
        areas=("abdomen",),
    ),
    Concept(
        "pregnancy",
        ("pregnancy", "pregnant", "expecting a baby", "prenatal", "antenatal", "pregnant women",
         "avoided in pregnancy", "contraindicated in pregnancy"),
        pregnancy=True,
    ),
    Concept(
        "forbidden-points",
        ("forbidden points", "forbidden point", "forbidden", "forbidden in pregnancy", "classical forbidden points",
         "traditionally forbidden"),
        pregnancy_rule="traditional-forbidden",
    ),
    Concept(
        "acute",
        ("acute", "sudden", "sprain", "lumbar sprain", "acute lumbar sprain", "pulled my back",
         "put my back out", "threw my back out", "strain", "strained", "twinge", "pulled muscle",
         "muscle strain", "pulled"),
        role="distal",  # sudden pain: distal points first, moved while pressed (EX-UE7, SI3, BL40)
    ),
    Concept(
        "chronic",
        ("chronic", "long-standing", "long standing", "longstanding", "persistent", "ongoing", "long term"),
    ),
    Concept(
        "spine",
        ("spine", "spinal", "backbone", "vertebra", "vertebrae", "vertebral", "spinous process", "midline"),
    ),
    Concept(
        "back-pain",
        ("back pain", "backache", "back ache", "bad back", "sore back", "aching back", "back problems"),
        pain="lower",
    ),
    Concept(
        "stiffness",
        ("stiffness", "stiff", "rigidity", "rigid", "tight", "tightness", "tension"),
    ),
    Concept(
        "tender",
        ("tender", "tenderness", "tender point", "tender points", "tender spot", "sore spot", "ashi", "ah shi",
         "ashi point", "ashi points", "trigger point", "trigger points", "knot", "knots", "knotted"),
    ),
    Concept(
        "influential-point",
        ("influential point", "influential points", "hui point", "hui meeting point", "hui-meeting",
         "eight influential points"),
    ),
    Concept(
        "numbness",
        ("numbness", "numb", "tingling", "pins and needles"),
    ),
    Concept(
        "joints",
        ("arthritis", "osteoarthritis", "bone and joint", "joint complaints", "degenerative", "wear and tear"),
    ),
    Concept(
        "cramp",
        ("cramp", "cramps", "cramping"),
    ),
    Concept(
        "spasm",  # a back "in spasm" is not a calf cramp: the texts say "spasm" of GB34 and LR3
        ("spasm", "spasms", "muscle spasm", "muscle spasms", "back spasm", "in spasm"),
    ),
    Concept(
        "tired",
        ("tired", "tiredness", "fatigue", "exhaustion", "exhausted", "weak", "weakness", "deficiency"),
    ),
    Concept(
        "stress",
        ("stress", "stressed", "anxiety", "anxious", "irritability", "calm the mind", "relaxation"),
    ),
    Concept(
        "sleep",
        ("sleep", "insomnia", "poor sleep", "sleeplessness", "bedtime"),
    ),
    Concept(
        "period",
        ("period pain", "menstrual", "menstruation", "menstrual cycle", "dysmenorrhoea", "dysmenorrhea",
         "period", "periods", "period cramps", "menstrual cramps", "period cramp"),
    ),
    Concept(
        "bowel",
        ("bowel", "bowels", "constipation", "diarrhoea", "diarrhea", "bloating", "ibs",
         "digestion"),
    ),
    Concept(
        "cold",
        ("common cold", "cold", "chills", "flu", "wind and cold"),
    ),
    Concept(
        "needling",
        ("needling", "needle", "needles", "acupuncture", "needled"),
    ),
    Concept(
        "pressure",
        ("acupressure", "pressure", "press", "massage", "self-massage", "rub", "self care", "self-care",
         "at home"),
    ),
    Concept(
        "moxa",
        ("moxa", "moxibustion", "warmth", "warming"),
    ),
    Concept(
        "elderly",
        ("elderly", "older people", "old age", "older", "seniors"),
    ),
    *(
        Concept(f"channel-{code}", tuple(f"{name} {kind}" for name in names for kind in ("channel", "meridian"))
                + extra, meridian=code)
        for code, names, extra in (
            ("BL", ("bladder", "urinary bladder"), ("bladder line",)),
            ("GV", ("governor vessel", "governing vessel", "du"), ("governor vessel", "governing vessel", "du mai")),
            ("CV", ("conception vessel", "ren"), ("conception vessel", "ren mai")),
            ("GB", ("gallbladder", "gall bladder"), ()),
            ("KI", ("kidney",), ()),
            ("SI", ("small intestine",), ()),
            ("LI", ("large intestine",), ()),
            ("TE", ("triple energizer", "san jiao", "triple burner"), ()),
            ("LR", ("liver",), ()),
            ("ST", ("stomach",), ()),
            ("SP", ("spleen",), ()),
        )
    ),
)
