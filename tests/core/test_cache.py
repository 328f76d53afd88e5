"""The dataset's JSON copy: same points, refreshed on change, ignored when damaged."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from backpoints.core.cache import load_dataset_cached
from backpoints.core.files import DataError
from backpoints.core.loader import load_dataset
from tests.conftest import DATA
from tests.helpers import dataset_text


def test_the_copy_gives_the_same_dataset(tmp_path: Path, dataset) -> None:  # type: ignore[no-untyped-def]
    first = load_dataset_cached(str(DATA), tmp_path)
    [copy] = tmp_path.glob("dataset-*.json")
    second = load_dataset_cached(str(DATA), tmp_path)  # from the copy this time
    assert first.points == second.points == dataset.points
    assert dict(second.sources) == dict(dataset.sources) and second.title == dataset.title
    assert copy.exists()


def test_a_changed_file_makes_a_new_copy(tmp_path: Path, write) -> None:  # type: ignore[no-untyped-def]
    path = write(dataset_text("BL23"))
    cache = tmp_path / "cache"
    assert [p.code for p in load_dataset_cached(str(path), cache).points] == ["BL23"]
    path.write_text(dataset_text("BL23", "GV4"), encoding="utf-8")
    assert [p.code for p in load_dataset_cached(str(path), cache).points] == ["BL23", "GV4"]
    assert len(list(cache.glob("dataset-*.json"))) == 2


def test_a_damaged_copy_is_ignored(tmp_path: Path, write) -> None:  # type: ignore[no-untyped-def]
    path = write(dataset_text("BL23"))
    cache = tmp_path / "cache"
    load_dataset_cached(str(path), cache)
    [copy] = cache.glob("dataset-*.json")
    copy.write_text('{"title": "x", "points": [{"code": 1}]', encoding="utf-8")
    assert load_dataset_cached(str(path), cache).points == load_dataset(str(path)).points


def test_errors_are_the_loaders(tmp_path: Path, write) -> None:  # type: ignore[no-untyped-def]
    path = write("format: 1\npoints: [\n")
    with pytest.raises(DataError) as info:
        load_dataset_cached(str(path), tmp_path / "cache")
    assert str(info.value.problems[0]).startswith(f"{path}:3:")
    assert not list(tmp_path.glob("cache/dataset-*.json"))  # nothing is kept for a broken file


def test_an_unwritable_cache_only_costs_speed(write) -> None:  # type: ignore[no-untyped-def]
    path = write(dataset_text("BL23"))
    assert load_dataset_cached(str(path), Path("/proc/backpoints-cache")).point("BL23") is not None


def test_start_up_from_the_copy_does_not_load_pyyaml(tmp_path: Path) -> None:
    import subprocess

    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from backpoints.core.cache import load_dataset_cached\n"
        "from backpoints.resources import default_dataset_path\n"
        "load_dataset_cached(str(default_dataset_path()), Path(sys.argv[1]))\n"
        "print('yaml' in sys.modules)\n"
    )
    run = [sys.executable, "-c", code, str(tmp_path)]
    assert subprocess.run(run, capture_output=True, text=True).stdout.strip() == "True"  # first: reads YAML
    assert subprocess.run(run, capture_output=True, text=True).stdout.strip() == "False"  # then: the copy
