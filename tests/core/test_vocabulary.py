"""Synonyms, word forms and typo suggestions: lay words and misspellings find their points."""

from __future__ import annotations

import pytest

from backpoints.core.search import Filters, SearchIndex, Suggestion, group_suggestions, stem, words_key
from backpoints.core.vocabulary import CONCEPTS


@pytest.fixture(scope="module")
def index(dataset):  # type: ignore[no-untyped-def]
    return SearchIndex(dataset)


def codes(index: SearchIndex, query: str, filters: Filters = Filters()) -> list[str]:
    return [p.code for p in index.search(query, filters)]


def test_every_term_belongs_to_one_concept() -> None:
    seen: dict[str, str] = {}
    for concept in CONCEPTS:
        for term in concept.terms:
            key = words_key(term)
            assert seen.get(key, concept.key) == concept.key, f"{term!r} in {seen[key]} and {concept.key}"
            seen[key] = concept.key


def test_every_concept_finds_points_in_the_bundled_dataset(index: SearchIndex) -> None:
    for concept in CONCEPTS:
        assert codes(index, concept.terms[0]), concept.key


@pytest.mark.parametrize(
    ("lay", "dataset_word"),
    [("lumbago", "lumbar"), ("LBP", "low back"), ("lower back", "lumbar"), ("loins", "low back"),
     ("tailbone", "coccyx"), ("tail bone", "sacrum"), ("scapula", "shoulder blade"),
     ("between the shoulder blades", "interscapular"), ("pain down the leg", "sciatica"),
     ("pain running down the leg", "sciatic"), ("cervical", "stiff neck"), ("wry neck", "neck pain"),
     ("behind the knee", "popliteal"), ("hamstring", "back of the thigh"), ("pregnant", "pregnancy"),
     ("backache", "back pain"), ("period pain", "menstrual"), ("tummy", "abdomen"),
     ("moxibustion", "moxa"), ("tiredness", "fatigue")],
)
def test_lay_and_clinical_words_meet(index: SearchIndex, lay: str, dataset_word: str) -> None:
    """Both spellings of one idea give the same first result and largely the same points."""
    a, b = codes(index, lay), codes(index, dataset_word)
    assert a and b, (lay, dataset_word)
    shared = set(a) & set(b)
    assert len(shared) >= min(len(a), len(b)) // 2, (lay, a[:5], dataset_word, b[:5])
    assert a[0] in b[:5] or b[0] in a[:5]


def test_words_nobody_types_in_the_texts_still_find_points(index: SearchIndex) -> None:
    # The texts never say "lumbago", "LBP" or "pregnant"; the vocabulary does.
    text = " ".join(p.back_pain_use + p.location for p in index.dataset.points).lower()
    for word in ("lumbago", "lbp", "pregnant", "tailbone"):
        assert f" {word} " not in text
        assert codes(index, word), word
    assert set(codes(index, "pregnant")) == {p.code for p in index.dataset.points if p.pregnancy_caution}


def test_word_forms_meet() -> None:
    assert stem("press") == stem("presses") == stem("pressing") == stem("pressed") == "press"
    assert stem("muscle") == stem("muscles")
    assert stem("ache") == stem("aching") == stem("aches")
    assert stem("stiffness") == stem("stiff")
    assert stem("knots") == stem("knotted")
    assert stem("pelvis") == "pelvis" and stem("coccyx") == "coccyx"


def test_word_forms_find_the_same_points(index: SearchIndex) -> None:
    assert set(codes(index, "pressing")) == set(codes(index, "presses")) == set(codes(index, "press"))
    assert "BL58" in codes(index, "standing") and "BL58" in codes(index, "stands")
    assert "SI13" in codes(index, "knots")  # the text says "knotted"


def test_grammar_and_noise_words_do_not_block_a_query(index: SearchIndex) -> None:
    assert codes(index, "my lower back hurts")[:3] == codes(index, "lower back")[:3]
    assert codes(index, "back of the knee")[0] == codes(index, "back of knee")[0] == "BL40"
    assert codes(index, "pain") and codes(index, "the")  # alone they still search


# --- typos ----------------------------------------------------------------------------------------
def test_a_typo_finds_nothing_exact_and_offers_the_point(index: SearchIndex) -> None:
    assert index.search("shensu") == []
    hits = index.suggest("shensu")
    assert hits[0].point.code == "BL23" and hits[0].fuzzy
    assert hits[0].did_you_mean() == "Did you mean Shènshū (BL23)?"
    assert all(h.fuzzy for h in hits)


@pytest.mark.parametrize(
    ("typo", "code"),
    [("shensu", "BL23"), ("weizong", "BL40"), ("huantio", "GB30"), ("kidny shu", "BL23"),
     ("BL230", "BL23"), ("yaoyangguan", "GV3"), ("Dachangsu", "BL25"), ("jiaj", "EX-B2")],
)
def test_misspelt_codes_pinyin_and_names(index: SearchIndex, typo: str, code: str) -> None:
    assert index.search(typo) == [] or index.search(typo)[0].code == code
    if not index.search(typo):
        assert index.suggest(typo)[0].point.code == code


def test_a_misspelt_word_is_corrected_and_said_so(index: SearchIndex) -> None:
    hits = index.suggest("sciatca")
    assert hits and all(h.fuzzy for h in hits)
    word = [h for h in hits if h.matched == "word"]
    assert word and word[0].text == "sciatica" and word[0].did_you_mean() == "Did you mean \u201csciatica\u201d?"
    assert [h.point.code for h in word][:3] == codes(index, "sciatica")[:3]
    assert "BL23" in [h.point.code for h in index.suggest("lumbgo")]


def test_short_slips_and_unknown_words_are_offered_without_the_slip(index: SearchIndex) -> None:
    assert index.search("lower bak pain") == []
    assert Suggestion("Did you mean \u201clower back pain\u201d?", query="lower back pain") in group_suggestions(
        index.suggest("lower bak pain"))
    # One word no text has: the query without it, never the results mixed in unasked.
    assert index.search("sore lower back after gardening") == []
    offered = group_suggestions(index.suggest("sore lower back after gardening"))
    assert [s.query for s in offered if s.query] == ["sore lower back"]
    # Not when most of the query would go: "sea of marrow" is not a question about "sea".
    assert index.suggest("sea of marrow") == []


def test_suggestions_never_mix_with_results(index: SearchIndex) -> None:
    assert index.search("shenshu") and index.suggest("shenshu") == []
    assert index.suggest("") == []
    assert index.suggest("xylophone") == []
    assert all(not h.fuzzy for h in index.search_ranked("low back"))


def test_suggestions_respect_filters(index: SearchIndex) -> None:
    assert index.suggest("hegi")[0].point.code == "LI4"
    assert "LI4" not in [h.point.code for h in index.suggest("hegi", Filters(hide_pregnancy=True))]


def test_suggestions_grouped_as_lines_to_show(index: SearchIndex) -> None:
    lines = group_suggestions(index.suggest("shensu"))
    assert lines[0] == Suggestion("Did you mean Shènshū (BL23)?", code="BL23")
    words = group_suggestions(index.suggest("sciatca"))
    assert Suggestion("Did you mean \u201csciatica\u201d?", query="sciatica") in words
    assert len([s for s in words if s.query]) == 1  # one line for the corrected word, not one per point
