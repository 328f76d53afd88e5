"""Point search: one implementation for the GUI list and `backpoints list`.

Keys are normalised once per dataset (SearchIndex); each query is then a pass of
substring tests over prepared strings, fast enough for every keystroke.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable

from .model import Dataset, Point

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
_NON_WORD = re.compile(r"[^0-9a-z\u3400-\u9fff]+")

# Rank tiers, best first.
EXACT_CODE, NAME_PREFIX, NAME, TEXT = range(4)


def fold(text: str) -> str:
    """Lower-case, strip accents (tone marks) and punctuation to single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", bare).strip()


def compact(text: str) -> str:
    """fold() without spaces: 'Shèn Shū' and 'shen-shu' both give 'shenshu'."""
    return fold(text).replace(" ", "")


def code_key(code: str) -> str:
    """A point code without punctuation, upper case: 'EX-UE7' -> 'EXUE7'."""
    return re.sub(r"[^0-9A-Z]", "", code.upper())


def query_code(query: str) -> str | None:
    """The code_key() of the point a query spells, if any: 'ub 23' -> 'BL23', 'Du4' -> 'GV4'."""
    key = code_key(query)
    match = _EX_QUERY.match(key)
    if match:
        return f"EX{match.group(1)}{int(match.group(2))}"
    match = _CODE_QUERY.match(key)
    if match and match.group(1) in _MERIDIAN_ALIASES:
        return f"{_MERIDIAN_ALIASES[match.group(1)]}{int(match.group(2))}"
    return None


@dataclass(frozen=True, slots=True)
class _Keys:
    code: str  # 'BL23'
    names_compact: str  # '|shenshu|kidneyshu|肾俞|腎俞': names without spaces, for prefix/substring
    names_words: str  # ' shenshu kidney shu ' for word-prefix tests
    text: str  # every other text field, folded, padded with spaces


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


@dataclass(frozen=True)
class _Last:
    """The previous search, kept so that typing one more letter searches only its result."""

    words: tuple[str, ...]
    codes: tuple[str, ...]
    filters: Filters
    indices: tuple[int, ...]


@dataclass
class SearchIndex:
    """Normalised search keys for a dataset, built once."""

    dataset: Dataset
    _keys: list[_Keys] = field(init=False, repr=False)
    _by_code: dict[str, int] = field(init=False, repr=False)
    _last: _Last | None = field(init=False, repr=False, default=None)

    def __post_init__(self) -> None:
        self._keys = [_keys_for(p) for p in self.dataset.points]
        self._by_code = {k.code: i for i, k in enumerate(self._keys)}

    def search(self, query: str = "", filters: Filters = Filters()) -> list[Point]:
        """Points matching every word of the query and every filter, best first."""
        return [self.dataset.points[i] for i in self.search_indices(query, filters)]

    def search_indices(self, query: str = "", filters: Filters = Filters()) -> list[int]:
        """Like search(), as indices into dataset.points (what the Qt model needs)."""
        points = self.dataset.points
        whole = compact(query)
        if not whole:
            return [i for i, p in enumerate(points) if filters.admits(p)]
        words = fold(query).split()
        exact = query_code(query)
        word_codes = [query_code(w) or code_key(w) for w in words]
        candidates: Iterable[int] = range(len(points))
        if self._narrows(words, word_codes, filters):
            assert self._last is not None
            candidates = self._last.indices
        ranked: list[tuple[int, int]] = []
        seen_exact = False
        for index in candidates:
            if not filters.admits(points[index]):
                continue
            tier = _rank(self._keys[index], whole, words, word_codes, exact)
            if tier is not None:
                ranked.append((tier, index))
                seen_exact = seen_exact or tier == EXACT_CODE
        # An exact code can match without matching the shorter query ("du" -> "du4" = GV4).
        if exact is not None and not seen_exact:
            index = self._by_code.get(exact, -1)
            if index >= 0 and filters.admits(points[index]):
                ranked.append((EXACT_CODE, index))
        ranked.sort()
        result = [index for _, index in ranked]
        self._last = _Last(tuple(words), tuple(word_codes), filters, tuple(sorted(result)))
        return result



    def _narrows(self, words: list[str], codes: list[str], filters: Filters) -> bool:
        """Whether every match of this query also matched the previous one.

        True when the query only grew: the same words, the last one extended, or more
        words. Substring, word-prefix and code-prefix tests all keep matching as a word
        grows, so the previous result holds every candidate (exact codes are added apart).
        """
        last = self._last
        if last is None or last.filters != filters or not last.words or len(words) < len(last.words):
            return False
        final = len(last.words) - 1
        for i, (word, code) in enumerate(zip(last.words, last.codes)):
            if i < final and (words[i] != word or codes[i] != code):
                return False
            if i == final and not (words[i].startswith(word) and codes[i].startswith(code)):
                return False
        return True


def _rank(
    keys: _Keys,
    whole: str,
    words: list[str],
    word_codes: list[str],
    exact: str | None,
) -> int | None:
    if exact is not None and keys.code == exact:
        return EXACT_CODE
    if ("|" + whole) in keys.names_compact or (" " + whole) in keys.names_words:
        return NAME_PREFIX
    in_names = True
    for word, wcode in zip(words, word_codes):
        if keys.code.startswith(wcode) and wcode[:1].isalpha():
            continue
        if word in keys.names_compact or (" " + word) in keys.names_words:
            continue
        in_names = False
        if (" " + word) not in keys.text:
            return None
    return NAME if in_names else TEXT


def _keys_for(point: Point) -> _Keys:
    names = [point.pinyin, point.name]
    hanzi = [point.hanzi, point.hanzi_traditional]
    text_parts = [
        point.location,
        point.how_to_find,
        point.technique.needling,
        point.technique.acupressure,
        point.back_pain_use,
        " ".join(point.cautions),
        " ".join(point.areas),
        point.meridian,
    ]
    return _Keys(
        code=code_key(point.code),
        names_compact="".join("|" + compact(n) for n in names + hanzi if n),
        names_words=" " + " ".join(fold(n) for n in names) + " ",
        text=" " + " ".join(fold(t) for t in text_parts) + " ",
    )
