"""A set of point codes held as a bit set over a dataset's points.

A search result at 10,000 points can hold thousands of points; building a frozenset of
their codes on every keystroke cost more than the search itself. PointCodes is a
read-only set of codes backed by the integer bit set the search already has (bit i:
dataset.points[i]): membership is a dictionary look-up and a shift, and comparing two
results of one dataset (==, ^) costs an integer operation plus the points that changed.
"""

from __future__ import annotations

from collections.abc import Set
from itertools import compress
from typing import Any, Iterable, Iterator, Sequence, TypeVar

_T = TypeVar("_T")

_BIT_TABLE = bytes.maketrans(b"01", b"\x00\x01")


def indices_of(bits: int) -> list[int]:
    """The set bits of a non-negative integer, in ascending order."""
    if not bits:
        return []
    flags = bin(bits)[:1:-1].encode("ascii").translate(_BIT_TABLE)
    return list(compress(range(len(flags)), flags))


class CodeIndex:
    """A dataset's codes in order and the position of each; shared by the PointCodes of one dataset."""

    __slots__ = ("codes", "position")

    def __init__(self, codes: Sequence[str]) -> None:
        self.codes = tuple(codes)
        self.position = {code: i for i, code in enumerate(self.codes)}


class PointCodes(Set[str]):
    """The codes of the points whose bits are set; immutable, hashable, a collections.abc.Set."""

    __slots__ = ("index", "bits")

    def __init__(self, index: CodeIndex, bits: int) -> None:
        self.index = index
        self.bits = bits

    def __contains__(self, code: object) -> bool:
        i = self.index.position.get(code) if isinstance(code, str) else None
        return i is not None and bool(self.bits >> i & 1)

    def __len__(self) -> int:
        return self.bits.bit_count()

    def __iter__(self) -> Iterator[str]:
        codes = self.index.codes
        return (codes[i] for i in indices_of(self.bits))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PointCodes) and other.index is self.index:
            return self.bits == other.bits
        return Set.__eq__(self, other)

    def __hash__(self) -> int:
        return self._hash()

    def __xor__(self, other: Any) -> Any:
        """The codes in exactly one of the two: only the changed points are visited."""
        if isinstance(other, PointCodes) and other.index is self.index:
            return frozenset(PointCodes(self.index, self.bits ^ other.bits))
        return Set.__xor__(self, other)

    __rxor__ = __xor__

    @classmethod
    def _from_iterable(cls, it: Iterable[_T]) -> frozenset[_T]:
        return frozenset(it)  # the results of &, |, - with other sets are plain frozensets

    def __repr__(self) -> str:
        return f"PointCodes({sorted(self)!r})"
