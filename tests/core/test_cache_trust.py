"""The dataset's JSON copy is a derived file: it is used only when verified, else the YAML is read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backpoints.core.cache import checksum_field, load_dataset_cached
from backpoints.core.checks import dataset_problems
from backpoints.core.files import DataError
from backpoints.core.loader import load_dataset, parse_dataset
from tests.conftest import DATA
from tests.helpers import dataset_text


@pytest.fixture
def cached(tmp_path: Path, write):  # type: ignore[no-untyped-def]
    """A small dataset, loaded once so that its JSON copy exists: (path, cache folder, copy)."""
    path = write(dataset_text("BL23", "GV4"))
    cache = tmp_path / "cache"
    load_dataset_cached(str(path), cache)
    [copy] = cache.glob("dataset-*.json")
    return path, cache, copy


def _with_checksum(body: bytes, copy: Path) -> bytes:
    """What a tamperer who knows the format writes: the header line with a matching checksum."""
    header = copy.read_bytes().partition(b"\n")[0].rsplit(b" ", 1)[0]
    return header + b" " + checksum_field(body) + b"\n" + body


def _body(copy: Path) -> dict:  # type: ignore[type-arg]
    raw = copy.read_bytes()
    return json.loads(raw.partition(b"\n")[2] if raw.startswith(b"backpoints") else raw)


def _as_yaml(data: dict) -> str:  # type: ignore[type-arg]
    """The copy's values written back as dataset YAML (optional keys that are null left out)."""
    # Fields the copy derives (technique per caution, the pregnancy flag's form) are not YAML keys in format 1.
    derived = ("caution_techniques", "pregnancy")
    points = [{k: v for k, v in p.items() if v is not None and k not in derived} for p in data["points"]]
    sources = {k: {f: v for f, v in s.items() if v} for k, s in data["sources"].items()}
    return yaml.safe_dump({"format": 1, **data, "sources": sources, "points": points}, allow_unicode=True)


def test_a_one_character_change_is_not_shown(cached) -> None:  # type: ignore[no-untyped-def]
    path, cache, copy = cached
    raw = copy.read_bytes()
    assert b"Oblique, 0.5 cun." in raw
    copy.write_bytes(raw.replace(b"Oblique, 0.5 cun.", b"Oblique, 5.5 cun.", 1))  # a needling depth
    dataset = load_dataset_cached(str(path), cache)
    assert dataset.point("BL23").technique.needling == "Oblique, 0.5 cun."  # type: ignore[union-attr]
    assert dataset.points == load_dataset(str(path)).points


@pytest.mark.parametrize(
    "shape",
    [
        [],  # a list instead of an object
        {"title": "x", "sources": {}, "points": {"code": "BL23"}},  # points is an object
        {"title": "x", "sources": [], "points": []},
        {"title": "x", "sources": {}, "points": [["BL23"]]},  # a point is a list
        {"title": 5, "sources": {}, "points": []},
    ],
    ids=["list", "points-object", "sources-list", "point-list", "title-number"],
)
def test_a_copy_of_the_wrong_shape_is_not_used(cached, shape: object) -> None:  # type: ignore[no-untyped-def]
    path, cache, copy = cached
    body = json.dumps(shape).encode()
    for raw in (body, _with_checksum(body, copy)):  # with and without a forged checksum
        copy.write_bytes(raw)
        assert load_dataset_cached(str(path), cache).points == load_dataset(str(path)).points
    # and the copy was replaced by a good one
    assert load_dataset_cached(str(path), cache).points == load_dataset(str(path)).points


def test_deep_nesting_in_the_copy(cached) -> None:  # type: ignore[no-untyped-def]
    path, cache, copy = cached
    body = b"[" * 200_000 + b"]" * 200_000
    for raw in (body, _with_checksum(body, copy)):
        copy.write_bytes(raw)
        assert load_dataset_cached(str(path), cache).points == load_dataset(str(path)).points


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["points"][0]["markers"][0].update(x=1.5),  # off the figure
        lambda d: d["points"][0].update(areas=["elbow"]),  # unknown area
        lambda d: d["points"][0].update(code="bad code"),
        lambda d: d["points"][0].update(sources=["nowhere"]),  # cites a source that does not exist
        lambda d: d["points"][1].update(code="BL23"),  # duplicate
        lambda d: d["points"][0].update(name=""),
        lambda d: d["points"][0].update(markers=[]),
        lambda d: d["points"][0].update(bilateral=1),  # not a boolean
    ],
    ids=["x-off-figure", "unknown-area", "bad-code", "unknown-source", "duplicate", "empty-name", "no-markers", "int-bool"],
)
def test_a_forged_copy_must_pass_the_loaders_rules(cached, change) -> None:  # type: ignore[no-untyped-def]
    path, cache, copy = cached
    data = _body(copy)
    change(data)
    # The loader refuses the same change made in YAML ...
    assert parse_dataset(_as_yaml(_body(copy)), "unchanged.yaml").points == load_dataset(str(path)).points
    with pytest.raises(DataError):
        parse_dataset(_as_yaml(data), "forged.yaml")
    # ... and so does the copy, even with a checksum that matches.
    copy.write_bytes(_with_checksum(json.dumps(data).encode(), copy))
    assert load_dataset_cached(str(path), cache).points == load_dataset(str(path)).points


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400))
def test_random_bytes_in_the_copy(cached, noise: bytes) -> None:  # type: ignore[no-untyped-def]
    path, cache, copy = cached
    copy.write_bytes(noise)
    assert load_dataset_cached(str(path), cache).points == load_dataset(str(path)).points


def test_the_bundled_dataset_passes_the_value_checks(dataset) -> None:  # type: ignore[no-untyped-def]
    assert dataset_problems(dataset) == []


def test_the_copy_is_owner_only(cached) -> None:  # type: ignore[no-untyped-def]
    _, _, copy = cached
    assert copy.stat().st_mode & 0o077 == 0


def test_the_bundled_copy_round_trips(tmp_path: Path, dataset) -> None:  # type: ignore[no-untyped-def]
    load_dataset_cached(str(DATA), tmp_path)
    assert load_dataset_cached(str(DATA), tmp_path).points == dataset.points
