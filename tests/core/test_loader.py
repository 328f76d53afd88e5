"""The loader on good and broken files: every problem with its line and column."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from backpoints.core.loader import load_dataset, parse_dataset
from backpoints.core.limits import DATASET_MAX_BYTES
from backpoints.core.yamlread import DataError
from tests.helpers import HEADER, dataset_text


def problems(text: str) -> list[str]:
    with pytest.raises(DataError) as info:
        parse_dataset(text, "d.yaml")
    return [str(p) for p in info.value.problems]


def test_valid_dataset_loads_every_field() -> None:
    dataset = parse_dataset(dataset_text("BL23", "GV4"), "d.yaml")
    assert [p.code for p in dataset.points] == ["BL23", "GV4"]
    point = dataset.point("BL23")
    assert point is not None
    assert point.pinyin == "Cèshì" and point.hanzi == "测试"
    assert point.areas == ("lower-back",) and point.pain == ("lower",)
    assert point.markers[0].view == "back" and point.markers[0].x == 0.45
    assert point.technique.acupressure == "Press for a minute."
    assert dataset.sources["who2008"].citation == "WHO 2008."
    assert dataset.title == "Test data"


def test_bundled_dataset_is_valid(dataset) -> None:  # type: ignore[no-untyped-def]
    assert len(dataset.points) >= 60


def test_unknown_key_reports_its_line_and_column() -> None:
    text = dataset_text().replace("    bilateral: true\n", "    bilateral: true\n    colour: red\n")
    line = text.splitlines().index("    colour: red") + 1
    assert problems(text) == [f"d.yaml:{line}:5: BL23: unknown key 'colour' (allowed: " + problems(text)[0].split("(allowed: ")[1]]


def test_missing_required_fields_are_named() -> None:
    text = dataset_text().replace("    location: On the back.\n", "").replace("    hanzi: 测试\n", "")
    [message] = problems(text)
    assert "missing required keys hanzi, location" in message
    assert message.startswith("d.yaml:7:5:")  # the point's mapping starts at "code"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("    bilateral: true", "    bilateral: 'yes please'", "bilateral must be true or false"),
        ("    pain: [lower]", "    pain: lower", "pain must be a list"),
        ("    name: Test Point", "    name: 42", "name must be text, not a whole number"),
        ("    areas: [lower-back]", "    areas: [lower-back, elbow]", "unknown value 'elbow'"),
        ("{view: back, x: 0.45, y: 0.36}", "{view: top, x: 0.45, y: 0.36}", "marker view: unknown value 'top'"),
        ("{view: back, x: 0.45, y: 0.36}", "{view: back, x: 1.5, y: 0.36}", "marker x is 1.5, outside the allowed range 0..1"),
        ("{view: back, x: 0.45, y: 0.36}", "{view: back, x: -0.1, y: 0.36}", "marker x is -0.1, outside"),
        ("{view: back, x: 0.45, y: 0.36}", "{view: back, x: .nan, y: 0.36}", "marker x must be a finite number"),
        ("{view: back, x: 0.45, y: 0.36}", "{view: back, x: 0.45, y: .inf}", "marker y must be a finite number"),
        ("{view: back, x: 0.45, y: 0.36}", "{view: back, x: '0.45', y: 0.36}", "marker x must be a number, not text"),
        ("    meridian: BL", "    meridian: XX", "meridian: unknown value 'XX'"),
        ("  - code: BL23", "  - code: hello", "code 'hello' is not a point code"),
        ("    sources: [who2008]", "    sources: [nobody2020]", "'nobody2020' is not in the dataset's sources"),
    ],
)
def test_wrong_values_are_reported_at_the_value(old: str, new: str, expected: str) -> None:
    text = dataset_text().replace(old, new)
    assert text != dataset_text(), "the replacement must change the text"
    lines = text.splitlines()
    line = next(i for i, s in enumerate(lines, 1) if new.strip() in s)
    found = problems(text)
    assert len(found) == 1, found
    assert expected in found[0]
    assert found[0].startswith(f"d.yaml:{line}:")


def test_duplicate_codes_name_the_first_definition() -> None:
    found = problems(dataset_text("BL23", "BL23"))
    assert len(found) == 1
    assert "duplicate code 'BL23' (first defined on line 7)" in found[0]


def test_duplicate_yaml_keys_are_errors() -> None:
    text = dataset_text().replace("    name: Test Point\n", "    name: Test Point\n    name: Other\n")
    [message] = problems(text)
    assert ":9:5: BL23: duplicate key 'name'" in message


def test_every_problem_is_reported_not_just_the_first() -> None:
    text = dataset_text("BL23", "GV4").replace("pain: [lower]", "pain: [sideways]")
    assert len(problems(text)) == 2


def test_yaml_syntax_error_gives_line_and_column() -> None:
    text = HEADER + "  - code: 'BL23\n    name: x\n"
    [message] = problems(text)
    assert message.startswith("d.yaml:")
    line, column = message.split(":")[1:3]
    assert int(line) >= 7 and int(column) >= 1


def test_tabs_get_a_hint() -> None:
    [message] = problems("format: 1\npoints:\n\t- code: BL23\n")
    assert message.startswith("d.yaml:3:")
    assert "tab" in message.lower()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "the file is empty"),
        ("# only a comment\n", "the file is empty"),
        ("- a\n- b\n", "dataset must be a mapping of keys to values, not a list"),
        ("42\n", "dataset must be a mapping of keys to values, not a whole number"),
        ("format: 1\npoints: []\n", "points: the list is empty"),
        ("format: 3\npoints: []\n", "format 3 is not supported"),
        ("points: []\n", "missing required key format"),
    ],
)
def test_wrong_shapes(text: str, expected: str) -> None:
    found = problems(text)
    assert any(expected in p for p in found), found


def test_python_tags_are_rejected_and_nothing_is_built() -> None:
    text = "format: 1\npoints: !!python/object/apply:os.system ['echo hacked']\n"
    [message] = problems(text)
    assert message.startswith("d.yaml:2:9:")
    assert "tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed" in message


def test_custom_tags_are_rejected() -> None:
    text = dataset_text().replace("    name: Test Point", "    name: !secret Test Point")
    [message] = problems(text)
    assert "tag '!secret' is not allowed" in message


def test_aliases_are_rejected() -> None:
    text = dataset_text().replace("    name: Test Point", "    name: &n Test Point").replace(
        "    location: On the back.", "    location: *n"
    )
    [message] = problems(text)
    assert "aliases" in message


def test_utf8_bom_is_accepted(write) -> None:  # type: ignore[no-untyped-def]
    path = write(b"\xef\xbb\xbf" + dataset_text().encode("utf-8"))
    assert load_dataset(str(path)).point("BL23") is not None


def test_non_utf8_bytes_give_position(write) -> None:  # type: ignore[no-untyped-def]
    raw = dataset_text().encode("utf-8").replace(b"name: Test Point", b"name: Test \xff Point")
    path = write(raw)
    with pytest.raises(DataError) as info:
        load_dataset(str(path))
    [problem] = info.value.problems
    assert (problem.line, problem.column) == (8, 16)
    assert "not valid UTF-8" in problem.message


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such file"):
        load_dataset(str(tmp_path / "nope.yaml"))
    with pytest.raises(DataError, match="is a folder, not a file"):
        load_dataset(str(tmp_path))


def test_oversized_file_is_refused_before_reading(write) -> None:  # type: ignore[no-untyped-def]
    path = write(b"#" * (DATASET_MAX_BYTES + 10))
    with pytest.raises(DataError, match="file is too large"):
        load_dataset(str(path))


def test_numbers_accept_integers_and_floats() -> None:
    text = dataset_text().replace("{view: back, x: 0.45, y: 0.36}", "{view: back, x: 0, y: 1}")
    point = parse_dataset(text).point("BL23")
    assert point is not None
    assert point.markers[0].x == 0.0 and point.markers[0].y == 1.0
    assert not math.isnan(point.markers[0].x)


# --- format 2: graded pregnancy flags and technique-specific cautions ------------------
def _v2(point_tail: str) -> str:
    """A format 2 dataset whose one point ends with `point_tail` instead of the format 1 pregnancy line."""
    text = dataset_text("BL23").replace("format: 1", "format: 2")
    text = text.replace("  who2008:\n    citation: WHO 2008.\n", "  who2008:\n    citation: WHO 2008.\n  who1999:\n    citation: WHO 1999.\n")
    return text.replace("    cautions: []\n    pregnancy_caution: false\n", point_tail)


def test_format_1_boolean_still_loads() -> None:
    text = dataset_text("BL23").replace("pregnancy_caution: false", "pregnancy_caution: true")
    point = parse_dataset(text).point("BL23")
    assert point is not None and point.pregnancy_caution and point.pregnancy is not None
    assert "Traditionally avoided in pregnancy" in point.pregnancy.text()


def test_format_2_reads_flag_and_techniques() -> None:
    text = _v2(
        "    cautions:\n"
        "      - Plain text applies to every technique.\n"
        "      - {technique: needling, text: Never deeper than 1 cun.}\n"
        "    hazards: [organ]\n"
        "    pregnancy: {level: avoid, rule: who1999-lumbosacral, trimester: all}\n"
    )
    point = parse_dataset(text).point("BL23")
    assert point is not None and point.pregnancy_caution
    assert [c.technique for c in point.caution_notes] == ["all", "needling"]
    from backpoints.core.model import cautions_for

    self_care = cautions_for(point, "self-care")
    assert "Never deeper than 1 cun." not in self_care and "Plain text applies to every technique." in self_care
    assert not any("organ lies beneath" in c for c in self_care)
    assert "Never deeper than 1 cun." in cautions_for(point, "needling")
    assert "lumbosacral" in self_care[0] and "throughout pregnancy" in self_care[0]


def test_strong_stimulation_flag_does_not_hide_the_point() -> None:
    text = _v2("    cautions: []\n    pregnancy: {level: strong-stimulation, rule: who1999-strong-sensation, trimester: after-first}\n")
    point = parse_dataset(text).point("BL23")
    assert point is not None and point.pregnancy is not None and not point.pregnancy_caution


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        ("    cautions: []\n    pregnancy: {level: maybe, rule: who1999-lumbosacral, trimester: all}\n",
         ":27:24: BL23 pregnancy level: unknown value 'maybe'"),
        ("    cautions: []\n    pregnancy: {level: avoid, rule: who1999-lumbosacral}\n",
         "BL23 pregnancy: missing required key trimester"),
        ("    cautions:\n      - {technique: massage, text: Gently.}\n",
         "BL23 caution technique: unknown value 'massage'"),
        ("    cautions: []\n    pregnancy_caution: true\n    pregnancy: {level: avoid, rule: who1999-lumbosacral, trimester: all}\n",
         "give either pregnancy or pregnancy_caution, not both"),
    ],
)
def test_format_2_mistakes_are_reported_with_position(tail: str, expected: str) -> None:
    found = problems(_v2(tail))
    assert any(expected in p for p in found), found
    assert all(p.count(":") >= 3 for p in found), found  # FILE:LINE:COL: message


def test_format_2_construct_in_a_format_1_file_names_the_fix() -> None:
    text = dataset_text("BL23").replace(
        "    pregnancy_caution: false\n", "    pregnancy: {level: avoid, rule: who1999-lumbosacral, trimester: all}\n"
    )
    found = problems(text)
    assert any("needs 'format: 2'" in p for p in found), found
