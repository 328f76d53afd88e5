"""Point search: one implementation for the GUI list and `backpoints list`.

The index keeps, per field class (code, name, use, text), the points that hold each
word as a bit set (a Python int), so a keystroke is a few dictionary and bisect
look-ups and integer ANDs, whatever the dataset's size. Ranking is data: WEIGHTS says
what a match in each field is worth, PURPOSE what lifts a point within its tier
(the query names its main purpose), and vocabulary.CONCEPTS maps everyday words to
the dataset's own. Typos never enter results: suggest() offers them apart.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import defaultdict, deque
import time
from dataclasses import InitVar, dataclass, field
from itertools import repeat
from types import MappingProxyType
from typing import Iterable, Iterator, Mapping, Sequence

from .model import AREA_LABELS, MERIDIANS, Dataset, Point
from .pointset import RankedRows, indices_of
from .vocabulary import CONCEPTS, Concept

# Meridian abbreviations in common use, mapped to the WHO ones.
_MERIDIAN_ALIASES = {
    "UB": "BL",
    "B": "BL",
    "DU": "GV",
    "GV": "GV",
    "REN": "CV",
    "CV": "CV",
    "SJ": "TE",
    "TB": "TE",
    "TW": "TE",
    "TH": "TE",
    "LV": "LR",
    "LIV": "LR",
    "K": "KI",
    "KID": "KI",
    "KD": "KI",
    "P": "PC",
    "H": "HT",
    "HE": "HT",
    "G": "GB",
    "S": "ST",
    "SP": "SP",
    "LU": "LU",
    "L": "LU",
    "LI": "LI",
    "ST": "ST",
    "HT": "HT",
    "SI": "SI",
    "BL": "BL",
    "KI": "KI",
    "PC": "PC",
    "TE": "TE",
    "GB": "GB",
    "LR": "LR",
}
_CODE_QUERY = re.compile(r"^([A-Z]{1,3})(\d{1,3})$")
_EX_QUERY = re.compile(r"^EX([A-Z]{1,3})(\d{1,3})$")
_NON_WORD: re.Pattern[str] | None = None  # compiled on first use: the CJK range costs ~3 ms at start-up


def _non_word() -> re.Pattern[str]:
    global _NON_WORD
    if _NON_WORD is None:
        _NON_WORD = re.compile(r"[^0-9a-z\u3400-\u9fff]+")
    return _NON_WORD


#: What a match is worth, by field and kind. A point's tier score is the sum over the
#: query's terms of each term's best match; tiers never mix (PURPOSE only orders
#: points inside one tier score). name = pinyin, English name, characters;
#: use = back-pain use and areas; text = location, how to find, technique, cautions.
WEIGHTS: Mapping[tuple[str, str], int] = MappingProxyType(
    {
        ("code", "exact"): 1000,
        ("code", "prefix"): 400,
        ("name", "word"): 300,
        ("name", "prefix"): 200,
        ("name", "inside"): 120,
        ("use", "word"): 60,
        ("use", "prefix"): 45,
        ("text", "word"): 12,
        ("text", "prefix"): 8,
    }
)

#: What lifts a point inside its tier, per term: the query names the point's area
#: ("low back" and a lower-back point), the role its words call for (distal points
#: first for sudden pain), its pain type, a sentence of its back-pain use
#: that calls it main, key or most used, the first sentence of that use (what it is
#: chiefly for), or the user's own words rather than a synonym.
PURPOSE: Mapping[str, int] = MappingProxyType(
    {"area": 4, "role": 4, "emphasis": 3, "lead": 3, "own-words": 2, "pain": 1, "pregnancy": 4}
)

#: Grammar words, left out of phrases on both sides ("back of the knee" = "back of knee").
STOP_WORDS = frozenset(
    "a an the of in on at to my me i is it its and or for with from by your this that when while during "
    "after if as be am are was were do does did get gets got have has had feel feels like very really so "
    "too also there here can cant t s not just".split()
)

#: Words that say little in a query with other words ("my lower back hurts", "sciatic
#: pain", "hand point"); a query made only of them still searches them.
NOISE_WORDS = frozenset(
    "pain point points acupoint acupoints hurt hurts hurting painful sore ache aches aching achy problem "
    "problems relief relieve help helps treat treating treatment cure good best use used useful "
    "some any where which what night nights morning mornings day days always sometimes often lot bit little "
    "much".split()
)

_EMPHASIS = re.compile(
    r"\b(?:a|an|the|one of the|among the)\s+(?:most\s+(?:widely\s+)?used|main|key|important|major|"
    r"principal|chief|classic|command)\b",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"(?<=[.;])\s+(?=[A-Z])")

def _weight_field(weight: int) -> str:
    """The field whose match weight this is (the largest weight not above it)."""
    best, name = -1, "text"
    for (field_name, _), value in WEIGHTS.items():
        if best < value <= weight:
            best, name = value, field_name
    return name


_FOLDED: dict[str, str] = {}
_ASCII_SPACES = str.maketrans({chr(c): " " for c in range(128) if not chr(c).isalnum()})


def _words(text: str) -> list[str]:
    """fold(text).split(), without building the folded string for long ASCII texts."""
    if text.isascii():
        return text.lower().translate(_ASCII_SPACES).split()
    return fold(text).split()


def fold(text: str) -> str:
    """Lower-case, strip accents (tone marks) and punctuation to single spaces."""
    cached = _FOLDED.get(text)
    if cached is not None:
        return cached
    if text.isascii():  # str.translate is several times faster than a regex here
        result = " ".join(text.lower().translate(_ASCII_SPACES).split())
    else:
        decomposed = unicodedata.normalize("NFKD", text.casefold())
        bare = "".join(c for c in decomposed if not unicodedata.combining(c))
        result = _non_word().sub(" ", bare).strip()
    if len(text) <= 64:  # names, labels and query words recur; long texts do not
        if len(_FOLDED) > 50000:
            _FOLDED.clear()
        _FOLDED[text] = result
    return result


def compact(text: str) -> str:
    """fold() without spaces: 'Shèn Shū' and 'shen-shu' both give 'shenshu'."""
    return fold(text).replace(" ", "")


_IRREGULAR = {"lower": "low", "lowest": "low", "feet": "foot", "calves": "calf"}


def stem(word: str) -> str:
    """A light English stem so word forms meet: press, presses, pressing, pressed -> 'press'."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or not word.isascii() or word.isdigit():
        return word
    for suffix, keep in (("nesses", 4), ("ness", 4), ("ings", 3), ("ing", 3), ("edly", 3), ("ied", 3),
                         ("ies", 3), ("ed", 3), ("ly", 4), ("es", 3), ("s", 3)):
        if word.endswith(suffix) and len(word) - len(suffix) >= keep:
            base = word[: -len(suffix)]
            if suffix in ("ies", "ied"):
                return base + "y"
            if suffix == "es" and not base.endswith(("ss", "x", "z", "ch", "sh")):
                base = word[:-1]  # "muscles" -> "muscle", not "muscl"
            elif suffix == "s" and base.endswith(("s", "u", "i")):
                return word  # "press", "pelvis", "sinus" are not plurals
            if suffix in ("ing", "ed", "ings") and len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]  # "running" -> "run"
            word = base
            break
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]  # "ache", "aching" -> "ach"
    return word


def words_key(text: str) -> str:
    """A phrase as its content-word stems, as the index and the vocabulary compare it."""
    words = [w for w in fold(text).split() if w not in STOP_WORDS]
    return " ".join(stem(w) for w in words)


def code_key(code: str) -> str:
    """A point code without punctuation, upper case: 'EX-UE7' -> 'EXUE7'."""
    return re.sub(r"[^0-9A-Z]", "", code.upper())


# Channel names as students write them: "Bladder 23", "Large Intestine 4", "San Jiao 5".
_MERIDIAN_NAMES = {
    "bladder": "BL", "urinary bladder": "BL", "kidney": "KI", "governing vessel": "GV",
    "governor vessel": "GV", "conception vessel": "CV", "large intestine": "LI", "small intestine": "SI",
    "liver": "LR", "gallbladder": "GB", "gall bladder": "GB", "stomach": "ST", "spleen": "SP", "lung": "LU",
    "heart": "HT", "pericardium": "PC", "triple energizer": "TE", "triple burner": "TE",
    "triple warmer": "TE", "san jiao": "TE", "sanjiao": "TE",
}
_NAMED_CODE = re.compile(r"^([a-z]+(?: [a-z]+)?) ?(\d{1,3})$")


def query_code(query: str) -> str | None:
    """The code_key() of the point a query spells, if any: 'ub 23' -> 'BL23', 'Du4' -> 'GV4',
    'Bladder 23' -> 'BL23'."""
    named = _NAMED_CODE.match(fold(query))
    if named and named.group(1) in _MERIDIAN_NAMES:
        return f"{_MERIDIAN_NAMES[named.group(1)]}{int(named.group(2))}"
    key = code_key(query)
    match = _EX_QUERY.match(key)
    if match:
        return f"EX{match.group(1)}{int(match.group(2))}"
    match = _CODE_QUERY.match(key)
    if match and match.group(1) in _MERIDIAN_ALIASES:
        return f"{_MERIDIAN_ALIASES[match.group(1)]}{int(match.group(2))}"
    return None


_CODE_MAPS: list[tuple[Dataset, dict[str, str]]] = []


def canonical_code(dataset: Dataset, text: str) -> str | None:
    """The dataset's own spelling of a typed or stored code, or None if it has no such point.

    Accepts every spelling search accepts: 'bl40', 'BL-40', 'UB40', 'Du4', 'Ren6', 'SJ5',
    'Liv3', 'K3', 'ex ue 7'. Sheet files, --points, routines and the diary all use it.
    """
    codes = None
    for known, mapping in _CODE_MAPS:
        if known is dataset:
            codes = mapping
    if codes is None:
        codes = {code_key(p.code): p.code for p in dataset.points}
        _CODE_MAPS[:] = [(dataset, codes)]
    if text in dataset._by_code:
        return text
    return codes.get(query_code(text) or code_key(text))


@dataclass(frozen=True)
class Filters:
    """Narrowing choices that combine with the query (empty means 'any')."""

    pain: str = ""  # "lower", "upper" or "" for both
    areas: frozenset[str] = frozenset()
    meridian: str = ""
    hide_pregnancy: bool = False

    def admits(self, point: Point) -> bool:
        """Whether the point passes every filter."""
        if self.pain and self.pain not in point.pain:
            return False
        if self.areas and not self.areas.intersection(point.areas):
            return False
        if self.meridian and point.meridian != self.meridian:
            return False
        if self.hide_pregnancy and point.pregnancy_caution:
            return False
        return True


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result and why it is there.

    score orders results (higher first); matched is the field of the best match:
    "code", "name" (pinyin, English name or characters), "use" (back-pain use and
    areas) or "text" (location, how to find, technique, cautions). A fuzzy hit is a
    suggestion for a query that found nothing: matched is "code", "pinyin", "name"
    or "word", and text is what the query was taken for (the pinyin, or the word).
    """

    index: int
    point: Point
    score: int
    matched: str
    fuzzy: bool = False
    text: str = ""

    def did_you_mean(self) -> str:
        """The line to show for a fuzzy hit: 'Did you mean Shènshū (BL23)?'."""
        if self.matched == "word":
            return f"Did you mean \u201c{self.text}\u201d?"
        return f"Did you mean {self.point.pinyin} ({self.point.code})?"


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One line of "did you mean" for the user: pick the point, or search the corrected words."""

    text: str  # "Did you mean Shènshū (BL23)?" or "Did you mean “sciatica”?"
    code: str = ""  # the point to select, for a misspelt code, pinyin or name
    query: str = ""  # the query to search instead, for a misspelt word


def group_suggestions(hits: list[Hit]) -> list[Suggestion]:
    """suggest()'s hits as the lines to show: one per point, one per corrected query."""
    lines: dict[str, Suggestion] = {}
    for hit in hits:
        if hit.matched == "word":
            lines.setdefault(hit.text, Suggestion(hit.did_you_mean(), query=hit.text))
        else:
            lines.setdefault(hit.point.code, Suggestion(hit.did_you_mean(), code=hit.point.code))
    return list(lines.values())


# --- bit sets -------------------------------------------------------------------------


_FLAG_DIGITS = bytes.maketrans(b"\x00\x01", b"01")


def _bits_of(indices: Sequence[int], size: int) -> int:
    """A bit set of these indices."""
    if len(indices) > 256:
        # Long lists: one flag byte per point set by C-level iteration, read as binary digits.
        flags = bytearray(size)
        deque(map(flags.__setitem__, indices, repeat(1)), maxlen=0)
        return int(flags.translate(_FLAG_DIGITS)[::-1], 2)
    buffer = bytearray((size + 7) // 8)
    for i in indices:
        buffer[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(buffer, "little")


class _Field:
    """The words of one field class, each with the points that hold it."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.postings: dict[str, list[int]] = defaultdict(list)
        self.vocab: list[str] = []
        self.stems: dict[str, list[str]] = {}
        self._bits: dict[str, int] = {}
        self._last_inside: tuple[str, list[str]] = ("", [])
        #: prefix() and inside() of one letter, the first keystroke's questions, prepared with the index.
        self._initials: dict[str, int] = {}
        self._inside1: dict[str, tuple[list[str], int]] = {}

    def add(self, index: int, tokens: Iterable[str]) -> None:
        postings = self.postings
        for token in tokens:
            postings[token].append(index)

    def finish(self) -> None:
        self.vocab = sorted(t for t in self.postings if " " not in t)
        stems: dict[str, list[str]] = defaultdict(list)
        for token in self.vocab:
            stems[stem(token)].append(token)
        self.stems = dict(stems)

    def initials(self, inside: bool) -> Iterator[None]:
        """Prepare prefix() (and inside(), when asked) for every single letter, yielding
        between letters (idle-time steps)."""
        by_letter: dict[str, list[str]] = defaultdict(list)
        by_char: dict[str, list[str]] = defaultdict(list)
        for token in self.vocab:
            by_letter[token[0]].append(token)
            if inside:
                for char in set(token):
                    by_char[char].append(token)  # in vocabulary order, as inside() lists them
        postings = self.postings
        for letter, tokens in by_letter.items():
            held: set[int] = set()
            for token in tokens:
                held.update(postings[token])
            self._initials[letter] = _bits_of(sorted(held), self.size)
            yield
        for char, tokens in by_char.items():
            held = set()
            for token in tokens:
                held.update(postings[token])
            self._inside1[char] = (tokens, _bits_of(sorted(held), self.size))
            yield

    def token(self, token: str) -> int:
        bits = self._bits.get(token)
        if bits is None:
            bits = _bits_of(self.postings.get(token, ()), self.size)
            self._bits[token] = bits
        return bits

    def word(self, word: str) -> int:
        """Points holding the word in any form (stem)."""
        bits = 0
        for token in self.stems.get(stem(word), ()):
            bits |= self.token(token)
        return bits | self.token(word) if word in self.postings else bits

    def prefix(self, word: str) -> int:
        """Points holding a word that starts with this one."""
        if len(word) == 1:
            cached = self._initials.get(word)
            if cached is not None:
                return cached
        vocab = self.vocab
        bits = 0
        i = bisect.bisect_left(vocab, word)
        while i < len(vocab) and vocab[i].startswith(word):
            bits |= self.token(vocab[i])
            i += 1
        return bits

    def inside(self, word: str) -> int:
        """Points holding a word that contains this one.

        Incremental like the typing: when the word only grew ("she" -> "shen"), only the
        words that held the shorter one are tested again.
        """
        if len(word) == 1 and word in self._inside1:
            tokens, bits = self._inside1[word]
            self._last_inside = (word, tokens)
            return bits
        last_word, last_tokens = self._last_inside
        pool = last_tokens if last_word and word.startswith(last_word) else self.vocab
        tokens = [t for t in pool if word in t]
        self._last_inside = (word, tokens)
        bits = 0
        for token in tokens:
            bits |= self.token(token)
        return bits

    def phrase(self, key: str) -> int:
        """Points holding a phrase given as words_key(): adjacent content words, any forms."""
        parts = key.split()
        if len(parts) == 1:
            return self.word(parts[0])
        bits = -1
        for first, second in zip(parts, parts[1:]):
            bits &= self.token(f"{first} {second}")
            if not bits:
                return 0
        return bits


_SHORT_TOKENS: dict[str, frozenset[str]] = {}


def _tokens(text: str) -> frozenset[str]:
    """The words of a text and its pairs of adjacent content-word stems (for phrases).

    Short texts (labels, names, cautions) recur across points and are remembered.
    """
    cached = _SHORT_TOKENS.get(text)
    if cached is not None:
        return cached
    words = _words(text)
    content = [_stem_cached(w) for w in words if w not in STOP_WORDS]
    result = frozenset(words).union(f"{a} {b}" for a, b in zip(content, content[1:]))
    if len(text) <= 160:
        if len(_SHORT_TOKENS) > 20000:
            _SHORT_TOKENS.clear()
        _SHORT_TOKENS[text] = result
    return result


_STEMS: dict[str, str] = {}


def _stem_cached(word: str) -> str:
    result = _STEMS.get(word)
    if result is None:
        result = _STEMS[word] = stem(word)
    return result


# --- concepts -------------------------------------------------------------------------
_CONCEPT_KEYS: dict[str, Concept] = {}
for _concept in CONCEPTS:
    for _term in _concept.terms:
        _CONCEPT_KEYS.setdefault(words_key(_term), _concept)
_CONCEPT_VARIANTS: dict[str, tuple[str, ...]] = {
    c.key: tuple(dict.fromkeys(words_key(t) for t in c.terms)) for c in CONCEPTS
}
_LONGEST_KEY = max(len(k.split()) for k in _CONCEPT_KEYS)


@dataclass(frozen=True, slots=True)
class _Term:
    words: tuple[str, ...]  # the user's words (folded, content only)
    concept: Concept | None


def _terms(query: str) -> list[_Term]:
    words = fold(query).split()
    content = [w for w in words if w not in STOP_WORDS] or words
    terms: list[_Term] = []
    i = 0
    while i < len(content):
        for n in range(min(_LONGEST_KEY, len(content) - i), 0, -1):
            concept = _CONCEPT_KEYS.get(" ".join(stem(w) for w in content[i : i + n]))
            if concept is not None:
                terms.append(_Term(tuple(content[i : i + n]), concept))
                i += n
                break
        else:
            terms.append(_Term((content[i],), None))
            i += 1
    meaningful = [t for t in terms if t.concept is not None or len(t.words) > 1 or t.words[0] not in NOISE_WORDS]
    return meaningful or terms


Partition = list[tuple[int, int]]  # (weight, bits), disjoint, best first


def _best(levels: Iterable[tuple[int, int]]) -> Partition:
    """Each point at the best weight that holds it."""
    seen = 0
    result: Partition = []
    for weight, bits in sorted(levels, key=lambda wb: -wb[0]):
        fresh = bits & ~seen
        if fresh:
            result.append((weight, fresh))
            seen |= fresh
    return result


def _weakest(parts: list[Partition]) -> Partition:
    """Points in every partition, each at its weakest weight (all words of a phrase must match)."""
    result = parts[0]
    for other in parts[1:]:
        merged: dict[int, int] = {}
        for w1, b1 in result:
            for w2, b2 in other:
                both = b1 & b2
                if both:
                    key = min(w1, w2)
                    merged[key] = merged.get(key, 0) | both
        result = sorted(merged.items(), key=lambda wb: -wb[0])
    return result


@dataclass
class SearchIndex:
    """Search keys for a dataset, built once (on the first search, not at start-up)."""

    dataset: Dataset
    _fields: dict[str, _Field] = field(init=False, repr=False)
    _lead: _Field = field(init=False, repr=False)
    _emphasis: _Field = field(init=False, repr=False)
    _codes: list[str] = field(init=False, repr=False)
    _by_code: dict[str, int] = field(init=False, repr=False)
    _facets: dict[str, int] = field(init=False, repr=False)
    _memo: dict[tuple[object, ...], tuple[Partition, list[tuple[int, int]]]] = field(
        init=False, repr=False, default_factory=dict
    )
    _admitted: dict[Filters, int] = field(init=False, repr=False, default_factory=dict)
    _spellings: tuple[list[str], list[str]] | None = field(init=False, repr=False, default=None)
    _known_words: list[str] | None = field(init=False, repr=False, default=None)
    _numbers: dict[int, int] | None = field(init=False, repr=False, default=None)
    #: True: build in steps (build_step, or the first search finishes it); False: build now.
    defer: InitVar[bool] = False
    _pending: Iterator[None] | None = field(init=False, repr=False, default=None)
    _budget: float = field(init=False, repr=False, default=float("inf"))

    def __post_init__(self, defer: bool) -> None:
        self._pending = self._build()
        if not defer:
            self._ensure()

    def build_step(self, budget: float = 0.008) -> bool:
        """Build for about `budget` seconds (idle time between events); True once the index is complete."""
        if self._pending is not None:
            self._budget = budget
            if next(self._pending, True) is True:
                self._pending = None
        return self._pending is None

    @property
    def ready(self) -> bool:
        """Whether the index is built (a search on an unfinished index finishes it first)."""
        return self._pending is None

    def _ensure(self) -> None:
        if self._pending is not None:
            self._budget = float("inf")
            for _ in self._pending:
                pass
            self._pending = None

    def _build(self) -> Iterator[None]:
        """The index, built in steps: yields whenever the step's time budget is spent."""
        points = self.dataset.points
        size = len(points)
        self._fields = {name: _Field(size) for name in ("name", "use", "text")}
        self._lead = _Field(size)
        self._emphasis = _Field(size)
        name, use, text = self._fields["name"], self._fields["use"], self._fields["text"]
        facets: dict[str, list[int]] = defaultdict(list)
        area_text = {a: f"{a.replace('-', ' ')} {label}" for a, label in AREA_LABELS.items()}
        clock = time.perf_counter
        deadline = clock() + self._budget
        for i, p in enumerate(points):
            if not i & 15 and clock() > deadline:
                yield
                deadline = clock() + self._budget
            names = [n for n in (p.pinyin, p.name, p.hanzi, p.hanzi_traditional) if n]
            name.add(i, {t for n in names for t in (*_tokens(n), compact(n))})
            sentences = _SENTENCE.split(p.back_pain_use)
            said = [_tokens(s) for s in sentences]
            # The lead is what the point is chiefly for: the first sentence, or two when the
            # first is as short as "A distal point."
            self._lead.add(i, frozenset().union(*said[: 2 if len(sentences[0].split()) < 8 else 1]))
            self._emphasis.add(i, frozenset().union(*(t for s, t in zip(sentences, said) if _EMPHASIS.search(s))))
            use.add(i, frozenset().union(*said, *(_tokens(area_text.get(a, a)) for a in p.areas)))
            # The longest field and the lowest tier: words only, no phrase pairs, so the
            # index of 10,000 points builds in a fraction of a second.
            text.add(i, set(_words(" ".join((p.location, p.how_to_find, p.technique.needling,
                                             p.technique.acupressure, *p.cautions,
                                             MERIDIANS.get(p.meridian, p.meridian))))))
            for a in p.areas:
                facets["area:" + a].append(i)
            for kind in p.pain:
                facets["pain:" + kind].append(i)
            facets["meridian:" + p.meridian].append(i)
            facets["role:" + p.role].append(i)
            if p.pregnancy_caution:
                facets["pregnancy"].append(i)
            if p.pregnancy is not None:
                facets["pregnancy-rule:" + p.pregnancy.rule].append(i)
        for f in (*self._fields.values(), self._lead, self._emphasis):
            if clock() > deadline:
                yield
                deadline = clock() + self._budget
            f.finish()
        for kind, f in self._fields.items():
            for _ in f.initials(inside=kind == "name"):
                if clock() > deadline:
                    yield
                    deadline = clock() + self._budget
        self._facets = {k: _bits_of(v, size) for k, v in facets.items()}
        self._codes = [code_key(p.code) for p in points]
        self._by_code = {c: i for i, c in enumerate(self._codes)}
        self._sorted_codes = sorted((c, i) for i, c in enumerate(self._codes))

    # --- public API ---------------------------------------------------------------------
    def search(self, query: str = "", filters: Filters = Filters()) -> list[Point]:
        """Points matching every word of the query and every filter, most relevant first."""
        return [self.dataset.points[i] for i in self.search_indices(query, filters)]

    def search_indices(self, query: str = "", filters: Filters = Filters()) -> list[int]:
        """Like search(), as indices into dataset.points (what the Qt model needs)."""
        self._ensure()
        result: list[int] = []
        for _, _, indices in self._groups(query, filters):
            result.extend(indices)
        return result

    def search_result(self, query: str = "", filters: Filters = Filters()) -> tuple[RankedRows, int]:
        """Like search_indices(), as rows read only as far as they are wanted, plus the same
        points as a bit set (bit i: dataset.points[i]), which the map compares with the
        previous result without building sets of codes."""
        self._ensure()
        rows = RankedRows(bits for _, _, bits in self._group_bits(query, filters))
        return rows, rows.bits()

    def search_ranked(self, query: str = "", filters: Filters = Filters()) -> list[Hit]:
        """Like search(), with each point's score and the field that matched best."""
        self._ensure()
        points = self.dataset.points
        return [Hit(i, points[i], score, matched) for score, matched, indices in self._groups(query, filters)
                for i in indices]

    def suggest(self, query: str, filters: Filters = Filters(), limit: int = 8) -> list[Hit]:
        """Close matches for a query that finds nothing: codes, pinyin and names within a
        few typing errors, then the points of the query with a misspelt word corrected.
        Empty when the query has results of its own (suggestions never mix with them)."""
        self._ensure()
        if not compact(query) or self.search_indices(query, filters):
            return []
        try:
            from rapidfuzz import fuzz, process
        except ImportError:  # a packager left the dependency out: no suggestions, no crash
            return []

        points = self.dataset.points
        admitted = self._admitted_bits(filters)
        hits: dict[int, Hit] = {}
        typed_code = query_code(query) or code_key(query)
        typed = compact(query)
        if self._spellings is None:  # made on the first typo, not for every search
            self._spellings = ([compact(p.pinyin) for p in points], [compact(p.name) for p in points])
        pinyins, names = self._spellings
        for kind, typed_key, choices in (("code", typed_code, self._codes), ("pinyin", typed, pinyins),
                                         ("name", typed, names)):
            if len(typed_key) < 2:
                continue
            for _, score, i in process.extract(typed_key, choices, scorer=fuzz.ratio, score_cutoff=75,
                                               limit=limit):
                if admitted >> i & 1 and (i not in hits or hits[i].score < score):
                    text = {"code": points[i].code, "pinyin": points[i].pinyin}.get(kind, points[i].name)
                    hits[i] = Hit(i, points[i], round(score), kind, fuzzy=True, text=text)
        def shared_start(hit: Hit) -> int:
            """Typos are rarer at the start: 'BL230' is nearer BL23 than BL20."""
            spelled = hit.text if hit.matched == "code" else compact(hit.text)
            typed_key = typed_code if hit.matched == "code" else typed
            return next((n for n, (a, b) in enumerate(zip(spelled.upper(), typed_key.upper())) if a != b),
                        min(len(spelled), len(typed_key)))

        result = sorted(hits.values(), key=lambda h: (-h.score, -shared_start(h), h.index))[:limit]
        corrected = self._corrected(query)
        if corrected is not None:
            seen = {h.index for h in result}
            similarity = round(fuzz.ratio(fold(query), corrected))
            for hit in self.search_ranked(corrected, filters):
                if len(result) >= limit:
                    break
                if hit.index not in seen:
                    result.append(Hit(hit.index, hit.point, similarity, "word", fuzzy=True, text=corrected))
        return result

    # --- ranking ------------------------------------------------------------------------
    def _admitted_bits(self, filters: Filters) -> int:
        self._ensure()
        bits = self._admitted.get(filters)
        if bits is None:
            size = len(self.dataset.points)
            bits = (1 << size) - 1
            facets = self._facets
            if filters.pain:
                bits &= facets.get("pain:" + filters.pain, 0)
            if filters.areas:
                bits &= sum_bits(facets.get("area:" + a, 0) for a in filters.areas)
            if filters.meridian:
                bits &= facets.get("meridian:" + filters.meridian, 0)
            if filters.hide_pregnancy:
                bits &= ~facets.get("pregnancy", 0)
            if len(self._admitted) > 64:
                self._admitted.clear()
            self._admitted[filters] = bits
        return bits

    def _groups(self, query: str, filters: Filters) -> list[tuple[int, str, list[int]]]:
        """(score, matched field, indices in dataset order), best group first."""
        return [(score, matched, indices_of(bits)) for score, matched, bits in self._group_bits(query, filters)]

    def _group_bits(self, query: str, filters: Filters) -> list[tuple[int, str, int]]:
        """(score, matched field, the group's points as a bit set), best group first.

        A point is as good as its weakest term (all words must match; "four gates" in one
        sentence beats "four" in a location and "gate" in a name), then the sum over terms,
        then PURPOSE, then dataset order.
        """
        admitted = self._admitted_bits(filters)
        whole = compact(query)
        if not whole:
            return [(0, "", admitted)]
        terms = _terms(query)
        # (weakest, sum, best) -> points
        groups: dict[tuple[int, int, int], int] = {(1 << 30, 0, 0): admitted}
        bonuses: list[tuple[int, int]] = []
        for term in terms:
            partition, bonus = self._term(term)
            bonuses.extend(bonus)
            grown: dict[tuple[int, int, int], int] = {}
            for (weakest, total, best), bits in groups.items():
                for weight, held in partition:
                    both = bits & held
                    if both:
                        key = (min(weakest, weight), total + weight, max(best, weight))
                        grown[key] = grown.get(key, 0) | both
            groups = grown
            if not groups:
                break
        # The whole query as one name ("shen shu" = Shènshū) or one code ("du 4" = GV4).
        extra: list[tuple[int, int]] = []
        if len(terms) > 1 or " " in fold(query):
            name = self._fields["name"]
            extra = [(WEIGHTS["name", "word"], name.token(whole) & admitted),
                     (WEIGHTS["name", "prefix"], name.prefix(whole) & admitted)]
            own = words_key(query)
            if len(terms) > 1 and len(own.split()) > 1:  # the user's words side by side in the back-pain use
                bonuses.append((PURPOSE["own-words"] * len(own.split()), self._fields["use"].phrase(own)))
        exact = query_code(query)
        if exact is not None and exact in self._by_code:
            extra.append((WEIGHTS["code", "exact"] * 2, (1 << self._by_code[exact]) & admitted))
        elif exact is not None and len(terms) > 1:  # "bl 2", on the way to "bl 23": the codes it starts
            extra.append((WEIGHTS["code", "prefix"] * 2, self._code_prefix(exact) & admitted))
        elif len(terms) > 1 and code_key(query)[:1].isalpha():
            # "ex-ue" or "ex b", on the way to EX-UE7 or EX-B2: the hyphen splits the words,
            # but together they start codes (alone, "ue" matched nothing and the list emptied).
            extra.append((WEIGHTS["code", "prefix"] * 2, self._code_prefix(code_key(query)) & admitted))
        for weight, bits in _best(extra):
            moved: dict[tuple[int, int, int], int] = {}
            rest = bits
            for (weakest, total, best), held in groups.items():
                rest &= ~held
                lifted = (max(weakest, weight), total + weight, max(best, weight))
                for place, part in ((lifted, held & bits), ((weakest, total, best), held & ~bits)):
                    if part:
                        moved[place] = moved.get(place, 0) | part
            if rest:
                moved[(weight, weight, weight)] = moved.get((weight, weight, weight), 0) | rest
            groups = moved
        ranked: dict[tuple[int, int, int, int], int] = {(w, t, 0, b): bits for (w, t, b), bits in groups.items()}
        for lift, lifted_bits in bonuses:
            split: dict[tuple[int, int, int, int], int] = {}
            for (weakest, total, purpose, best), bits in ranked.items():
                for gain, part in ((lift, bits & lifted_bits), (0, bits & ~lifted_bits)):
                    if part:
                        slot = (weakest, total, purpose + gain, best)
                        split[slot] = split.get(slot, 0) | part
            ranked = split
        order = sorted(ranked.items(), key=lambda item: tuple(-v for v in item[0]))
        return [(_score(weakest, total, purpose), _weight_field(best), bits)
                for (weakest, total, purpose, best), bits in order]

    def _term(self, term: _Term) -> tuple[Partition, list[tuple[int, int]]]:
        """A term's points by match weight, and its purpose bonuses; remembered between keystrokes."""
        key = (term.words, term.concept.key if term.concept else "")
        cached = self._memo.get(key)
        if cached is not None:
            return cached
        parts = [self._word(w) for w in term.words]
        literal = _weakest(parts) if parts else []
        own = words_key(" ".join(term.words))
        bonus: list[tuple[int, int]] = []
        lead = self._lead.phrase(own) if own else 0
        emphasis = self._emphasis.phrase(own) if own else 0
        levels = list(literal)
        concept = term.concept
        if concept is not None:
            use, text, name = self._fields["use"], self._fields["text"], self._fields["name"]
            variant_use = variant_text = 0
            for variant in _CONCEPT_VARIANTS[concept.key]:
                variant_use |= use.phrase(variant) | name.phrase(variant)
                variant_text |= text.phrase(variant)
                lead |= self._lead.phrase(variant)
                emphasis |= self._emphasis.phrase(variant)
            if concept.pregnancy:
                pregnancy = self._facets.get("pregnancy", 0)
                variant_use |= pregnancy
                bonus.append((PURPOSE["pregnancy"], pregnancy))
            if concept.pregnancy_rule:
                ruled = self._facets.get("pregnancy-rule:" + concept.pregnancy_rule, 0)
                variant_use |= ruled
                bonus.append((PURPOSE["pregnancy"], ruled))
            if concept.meridian:
                channel = self._facets.get("meridian:" + concept.meridian, 0)
                variant_use |= channel
                bonus.append((PURPOSE["area"], channel))
            levels += [(WEIGHTS["use", "word"], variant_use), (WEIGHTS["text", "word"], variant_text)]
            areas = sum_bits(self._facets.get("area:" + a, 0) for a in concept.areas)
            if areas:
                bonus.append((PURPOSE["area"], areas))
            if concept.pain:
                bonus.append((PURPOSE["pain"], self._facets.get("pain:" + concept.pain, 0)))
            if concept.role:
                bonus.append((PURPOSE["role"], self._facets.get("role:" + concept.role, 0)))
            if own:
                count = len(own.split())
                bonus.append((PURPOSE["own-words"] * count, self._fields["use"].phrase(own)))
        if lead:
            bonus.append((PURPOSE["lead"], lead))
        if emphasis:
            bonus.append((PURPOSE["emphasis"], emphasis))
        result = (_best(levels), bonus)
        if len(self._memo) > 256:
            self._memo.clear()
        self._memo[key] = result
        return result

    def _word(self, word: str) -> Partition:
        """One typed word's points by match weight, over every field."""
        levels: list[tuple[int, int]] = []
        wcode = query_code(word) or code_key(word)
        if wcode[:1].isalpha():
            if wcode in self._by_code:
                levels.append((WEIGHTS["code", "exact"], 1 << self._by_code[wcode]))
            levels.append((WEIGHTS["code", "prefix"], self._code_prefix(wcode)))
        elif word.isdigit():  # "40" alone: the points numbered 40 (BL40), as a start of their codes
            if self._numbers is None:
                numbers: dict[int, list[int]] = defaultdict(list)
                for i, c in enumerate(self._codes):
                    numbers[_code_number(c)].append(i)
                self._numbers = {n: _bits_of(v, len(self._codes)) for n, v in numbers.items()}
            levels.append((WEIGHTS["code", "prefix"], self._numbers.get(int(word), 0)))
        name = self._fields["name"]
        levels += [
            (WEIGHTS["name", "word"], name.word(word)),
            (WEIGHTS["name", "prefix"], name.prefix(word)),
            (WEIGHTS["name", "inside"], name.inside(word)),
        ]
        for kind in ("use", "text"):
            f = self._fields[kind]
            levels += [(WEIGHTS[kind, "word"], f.word(word)), (WEIGHTS[kind, "prefix"], f.prefix(word))]
        return _best(levels)

    def _code_prefix(self, key: str) -> int:
        """Points whose code_key() starts with this one."""
        codes = self._sorted_codes
        i = bisect.bisect_left(codes, (key, -1))
        bits = 0
        while i < len(codes) and codes[i][0].startswith(key):
            bits |= 1 << codes[i][1]
            i += 1
        return bits

    def _corrected(self, query: str) -> str | None:
        """The query with each word that finds nothing replaced by the closest known word."""
        from rapidfuzz import fuzz, process

        words = fold(query).split()
        vocabulary = self._vocabulary()
        changed = False
        dropped = 0
        out: list[str] = []
        for word in words:
            # Three letters are enough for a slip ("bak"), and a corrected word is only ever
            # offered, never searched unasked.
            if (word in STOP_WORDS or word in NOISE_WORDS or len(word) < 3
                    or any(bits for _, bits in self._word(word))):
                out.append(word)
                continue
            best = process.extractOne(word, vocabulary, scorer=fuzz.ratio, score_cutoff=80)
            if best is not None:
                out.append(best[0])
            else:  # a word no point has in any form ("after gardening"): offer the query without it
                dropped += 1
            changed = True
        while out and out[-1] in STOP_WORDS:  # "... after gardening" -> "...", not "... after"
            out.pop()
        kept = [w for w in out if w not in STOP_WORDS and w not in NOISE_WORDS]
        # Only while most of what was asked is left: "sea of marrow" is not a question about "sea".
        return " ".join(out) if changed and len(kept) > dropped else None

    def _vocabulary(self) -> list[str]:
        if self._known_words is not None:
            return self._known_words
        words = {t for f in self._fields.values() for t in f.vocab if len(t) >= 4 and not t.isdigit()}
        words -= NOISE_WORDS
        words.update(w for k in _CONCEPT_KEYS for w in k.split() if len(w) >= 4)
        words.update(t for c in CONCEPTS for t in fold(" ".join(c.terms)).split() if len(t) >= 4)
        self._known_words = sorted(words)
        return self._known_words


def _code_number(code: str) -> int:
    """The number a code ends with: 'BL40' -> 40, 'EXUE7' -> 7."""
    digits = code[len(code.rstrip("0123456789")):]
    return int(digits) if digits else -1


def _score(weakest: int, total: int, purpose: int) -> int:
    """One number in the ranking's order: weakest term, then the sum, then purpose (digits 0-1)."""
    return (min(weakest, 9999) * 10000 + min(total, 9999)) * 100 + min(purpose, 99)


def sum_bits(values: Iterable[int]) -> int:
    """The union of bit sets."""
    bits = 0
    for value in values:
        bits |= value
    return bits
