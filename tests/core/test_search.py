"""One search for the GUI and the CLI: spellings, ranking and filters."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backpoints.core.search import Filters, SearchIndex, compact, fold, query_code


@pytest.fixture(scope="module")
def index(dataset):  # type: ignore[no-untyped-def]
    return SearchIndex(dataset)


def codes(index: SearchIndex, query: str, filters: Filters = Filters()) -> list[str]:
    return [p.code for p in index.search(query, filters)]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("bl23", "BL23"), ("BL-23", "BL23"), ("bl 23", "BL23"), ("UB23", "BL23"), ("ub 23", "BL23"),
        ("Du4", "GV4"), ("du 4", "GV4"), ("GV-4", "GV4"), ("Ren6", "CV6"), ("ren 6", "CV6"),
        ("SJ5", "TE5"), ("TB5", "TE5"), ("te5", "TE5"), ("LV3", "LR3"), ("Liv3", "LR3"),
        ("K3", "KI3"), ("ki-3", "KI3"), ("ex-ue7", "EX-UE7"), ("EXUE7", "EX-UE7"), ("ex ue 7", "EX-UE7"),
        ("EX-B2", "EX-B2"), ("bl023", "BL23"),
    ],
)
def test_code_spellings_find_the_point_first(index: SearchIndex, query: str, code: str) -> None:
    assert codes(index, query)[0] == code


@pytest.mark.parametrize("query", ["shenshu", "Shènshū", "shen shu", "SHENSHU", "shèn-shū", "肾俞", "腎俞", "kidney shu"])
def test_names_pinyin_and_characters_find_bl23_first(index: SearchIndex, query: str) -> None:
    assert codes(index, query)[0] == "BL23"


@pytest.mark.parametrize(
    ("query", "expected"),
    [("popliteal", "BL40"), ("sciatica", "GB30"), ("stiff neck", "EX-UE8"), ("Yaotongdian", "EX-UE7"), ("wěizhōng", "BL40")],
)
def test_text_words_find_points(index: SearchIndex, query: str, expected: str) -> None:
    assert expected in codes(index, query)


def test_all_words_must_match_in_any_order(index: SearchIndex) -> None:
    assert set(codes(index, "neck stiff")) == set(codes(index, "stiff neck"))
    # Words outside the vocabulary: every one must match, in any order.
    both = set(codes(index, "hollow trapezius"))
    assert both and both == set(codes(index, "trapezius hollow"))
    assert both <= set(codes(index, "trapezius")) & set(codes(index, "hollow"))
    assert both != set(codes(index, "trapezius"))
    assert codes(index, "popliteal zzzz") == []


def test_ranking_exact_code_then_name_prefix_then_text(index: SearchIndex) -> None:
    # "Tianzhu" is BL10's pinyin; 'tian' is a prefix of several names and a word nowhere else.
    result = codes(index, "tian")
    names = {p.code: p.pinyin for p in index.dataset.points}
    prefixed = [c for c in result if compact(names[c]).startswith("tian")]
    assert result[: len(prefixed)] == prefixed
    # Ties keep dataset order.
    order = [p.code for p in index.dataset.points]
    assert prefixed == sorted(prefixed, key=order.index)


def test_nothing_found_is_an_empty_list(index: SearchIndex) -> None:
    assert codes(index, "xylophone") == []


def test_empty_query_returns_everything_in_dataset_order(index: SearchIndex) -> None:
    assert codes(index, "  ") == [p.code for p in index.dataset.points]


def test_filters_combine_with_the_query(index: SearchIndex) -> None:
    lower = Filters(pain="lower")
    assert all("lower" in p.pain for p in index.search("", lower))
    feet = Filters(areas=frozenset({"foot", "hand"}))
    assert {a for p in index.search("", feet) for a in p.areas} >= {"foot", "hand"}
    assert all({"foot", "hand"} & set(p.areas) for p in index.search("", feet))
    bl = Filters(meridian="BL", areas=frozenset({"lower-back"}))
    assert "BL23" in codes(index, "shu", bl) and "GV4" not in codes(index, "", bl)
    safe = Filters(hide_pregnancy=True)
    assert "LI4" not in codes(index, "", safe) and "SI3" in codes(index, "", safe)
    assert codes(index, "hegu", safe) == []


def test_normalisation_helpers() -> None:
    assert fold("Shèn Shū, (BL-23)") == "shen shu bl 23"
    assert compact("Shèn-Shū") == "shenshu"
    assert query_code("ub-23") == "BL23" and query_code("Liv 3") == "LR3" and query_code("sciatica") is None


@pytest.mark.parametrize(
    "typed",
    ["lumbar pain", "du4", "ub 23", "bl23 sciatica", "shen shu", "ex-ue7", "k3", "Liv3", "stiff neck", "腎俞", "pop zzz"],
)
def test_typing_letter_by_letter_matches_a_fresh_search(dataset, typed: str) -> None:  # type: ignore[no-untyped-def]
    """The index narrows from the previous result while the query grows; it must agree with a fresh search."""
    index = SearchIndex(dataset)
    for end in range(1, len(typed) + 1):
        prefix = typed[:end]
        assert index.search_indices(prefix) == SearchIndex(dataset).search_indices(prefix), prefix
    # Deleting letters and changing filters are not narrowing: still the same as fresh.
    for prefix, filters in (("lum", Filters()), ("lum", Filters(pain="upper")), ("l", Filters())):
        assert index.search_indices(prefix, filters) == SearchIndex(dataset).search_indices(prefix, filters)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(list("abceghiklmnoprstuwxyz0123 -")), min_size=1, max_size=8))
def test_random_typing_agrees_with_fresh_search(letters: list[str]) -> None:
    from backpoints.core.loader import load_dataset
    from tests.conftest import DATA

    dataset = _DATASET.setdefault("d", load_dataset(str(DATA)))
    index = SearchIndex(dataset)
    typed = ""
    for letter in letters:
        typed += letter
        assert index.search_indices(typed) == SearchIndex(dataset).search_indices(typed), typed


_DATASET: dict[str, object] = {}


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=list("abceghiklmnoprstuwxyz0123 -'"), min_size=1, max_size=14))
def test_any_query_ranks_consistently_and_suggestions_stay_apart(query: str) -> None:
    from backpoints.core.loader import load_dataset
    from tests.conftest import DATA

    dataset = _DATASET.setdefault("d", load_dataset(str(DATA)))
    index = _DATASET.setdefault("i", SearchIndex(dataset))  # type: ignore[arg-type]
    hits = index.search_ranked(query)  # type: ignore[union-attr]
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert len({h.index for h in hits}) == len(hits)
    assert [h.index for h in hits] == index.search_indices(query)  # type: ignore[union-attr]
    suggestions = index.suggest(query)  # type: ignore[union-attr]
    assert not (hits and suggestions)
    assert all(s.fuzzy for s in suggestions)


def test_an_index_built_in_idle_steps_answers_like_one_built_at_once(dataset) -> None:  # type: ignore[no-untyped-def]
    """The window builds the index in slices after the first paint (issue 20); a search that
    comes before the last slice finishes it, and the answers never differ."""
    from backpoints.core.search import SearchIndex

    eager = SearchIndex(dataset)
    queries = ["l", "lu", "lumbar pain", "s", "bl23", "shensu", "low back", "sacral ache", "", "ü", "腎"]
    for slices in (0, 1, 3):
        lazy = SearchIndex(dataset, defer=True)
        for _ in range(slices):
            lazy.build_step(budget=0.0)  # one slice of the smallest size
        assert not lazy.ready
        for query in queries:
            assert lazy.search_indices(query) == eager.search_indices(query), (slices, query)
            rows, bits = lazy.search_result(query)
            assert sorted(rows) == [i for i in range(len(dataset.points)) if bits >> i & 1]
        assert lazy.ready
    stepped = SearchIndex(dataset, defer=True)
    steps = 0
    while not stepped.build_step(budget=0.0):
        steps += 1
    assert steps > 3  # it really was built in slices
    for query in queries:
        assert stepped.search_indices(query) == eager.search_indices(query)


@pytest.mark.parametrize("code", ["EX-UE7", "EX-B2", "BL23", "GV4"])
def test_a_code_typed_letter_by_letter_never_loses_its_point(index: SearchIndex, code: str) -> None:
    """'ex-ue' once found nothing (the hyphen split it into 'ex' and 'ue'), between 'ex-u'
    and 'ex-ue7'; from its third character on, the point stays in the top three."""
    for end in range(3, len(code) + 1):
        typed = code[:end].lower()
        top = [p.code for p in index.search(typed)[:3]]
        assert code in top, (typed, top)


def test_a_hyphenated_code_start_ranks_its_codes_first(index: SearchIndex) -> None:
    assert {p.code for p in index.search("ex-b")[:2]} == {"EX-B7", "EX-B2"}  # before BL62 ("b" in its text)
    assert {p.code for p in index.search("ex-ue")} == {"EX-UE7", "EX-UE8"}
