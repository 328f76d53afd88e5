"""PointCodes: a search result held as bits behaves exactly like a set of codes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from backpoints.core.pointset import CodeIndex, PointCodes, indices_of

CODES = CodeIndex([f"P{i}" for i in range(300)])
members = st.sets(st.integers(0, 299))


def codes_of(indices: set[int]) -> PointCodes:
    return PointCodes(CODES, sum(1 << i for i in indices))


@given(members, members)
def test_behaves_like_a_frozenset_of_its_codes(a: set[int], b: set[int]) -> None:
    left, right = codes_of(a), codes_of(b)
    plain_left = frozenset(f"P{i}" for i in a)
    plain_right = frozenset(f"P{i}" for i in b)
    assert left == plain_left and plain_left == left
    assert len(left) == len(plain_left)
    assert list(left) == [f"P{i}" for i in sorted(a)]  # dataset order
    assert all((f"P{i}" in left) == (i in a) for i in range(0, 300, 7))
    assert "nonsense" not in left and 5 not in left
    assert left ^ right == plain_left ^ plain_right
    assert left ^ plain_right == plain_left ^ plain_right
    assert plain_left ^ right == plain_left ^ plain_right
    assert (left == right) == (a == b)
    assert left & right == plain_left & plain_right and left | right == plain_left | plain_right
    assert (hash(left) == hash(right)) or a != b


@given(members)
def test_indices_of_lists_the_set_bits(a: set[int]) -> None:
    assert indices_of(sum(1 << i for i in a)) == sorted(a)
