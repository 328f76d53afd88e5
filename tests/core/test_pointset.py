"""PointCodes: a search result held as bits behaves exactly like a set of codes; RankedRows:
its rows, read from the rank groups' bits, behave exactly like the list they stand for."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backpoints.core.pointset import CodeIndex, PointCodes, RankedRows, indices_of

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


@given(st.sets(st.integers(0, 9999), max_size=600))
def test_indices_of_a_wide_sparse_set(a: set[int]) -> None:
    """Few bits among 10,000 take the sparse path; the answer is the same."""
    assert indices_of(sum(1 << i for i in a)) == sorted(a)


@given(st.lists(st.integers(0, 5), min_size=0, max_size=400), st.integers(0, 399))
def test_ranked_rows_are_the_groups_concatenated(labels: list[int], probe: int) -> None:
    # Point i belongs to group labels[i] (6 groups, best first); every group in dataset order.
    groups = [sum(1 << i for i, g in enumerate(labels) if g == k) for k in range(6)]
    expected = [i for k in range(6) for i, g in enumerate(labels) if g == k]
    rows = RankedRows(groups)
    assert len(rows) == len(expected) and bool(rows) == bool(expected)
    if expected:
        at = probe % len(expected)
        assert rows[at] == expected[at] and rows[-1] == expected[-1]
    assert rows[2:9] == expected[2:9] and rows[::3] == expected[::3]
    assert list(rows) == expected and rows == expected
    assert all(rows.position(p) == expected.index(p) for p in expected)
    assert rows.position(len(labels) + 3) == -1 and rows.position(-1) == -1
    assert rows.bits() == sum(1 << i for i in expected)
    assert RankedRows(groups) == rows and RankedRows(reversed(groups)) == list(reversed_groups(groups))


def reversed_groups(groups: list[int]) -> list[int]:
    return [i for g in reversed(groups) for i in indices_of(g)]


def test_ranked_rows_read_only_the_groups_they_need() -> None:
    groups = [1 << 5 | 1 << 9, 1 << 1, (1 << 2000) - 1 - (1 << 5 | 1 << 9 | 1 << 1)]
    rows = RankedRows(groups)
    assert rows[0] == 5 and rows[2] == 1
    assert rows._done == 2  # the big third group was never turned into rows
    assert len(rows) == 2000 and rows.position(7) == 3 + 7 - 2  # after 0 and 2..6 of the third group
    assert rows._done == 2
    with pytest.raises(IndexError):
        rows[2000]
