"""A JSON copy of a validated dataset, so that start-up can skip PyYAML.

The copy is keyed by a hash of the dataset's text and the app's version: any change
to the file, or a new version of BackPoints, makes a new copy. A missing, unreadable
or damaged copy is simply ignored and the YAML is read as usual.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from .. import __version__
from .files import read_text, write_atomically
from .model import Caution, Dataset, Marker, Point, PregnancyFlag, Source, SpinePlacement, Technique

CACHE_FORMAT = 2
KEEP = 6  # copies kept; older ones are removed


def load_dataset_cached(path: str, cache_dir: Path) -> Dataset:
    """The dataset at `path`, from its JSON copy when it has one; raises DataError like load_dataset."""
    text = read_text(path)
    digest = hashlib.sha256(f"{CACHE_FORMAT}|{__version__}|".encode() + text.encode("utf-8")).hexdigest()
    copy = cache_dir / f"dataset-{digest[:32]}.json"
    try:
        return dataset_from_json(json.loads(copy.read_text(encoding="utf-8")), str(path))
    except (OSError, ValueError, KeyError, TypeError):
        pass
    from .loader import parse_dataset  # PyYAML is loaded only here

    dataset = parse_dataset(text, str(path))
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        write_atomically(copy, json.dumps(dataset_to_json(dataset), ensure_ascii=False).encode("utf-8"))
        _prune(cache_dir)
    except OSError:
        pass  # a cache that cannot be written only costs speed
    return dataset


def dataset_to_json(dataset: Dataset) -> dict[str, Any]:
    return {
        "title": dataset.title,
        "sources": {k: {"citation": s.citation, "url": s.url} for k, s in dataset.sources.items()},
        "points": [p.to_json() for p in dataset.points],
    }


def dataset_from_json(data: dict[str, Any], path: str) -> Dataset:
    sources = {k: Source(key=k, citation=v["citation"], url=v["url"]) for k, v in data["sources"].items()}
    points = []
    for p in data["points"]:
        spine = p["spine"]
        points.append(
            Point(
                code=p["code"], name=p["name"], pinyin=p["pinyin"], hanzi=p["hanzi"],
                hanzi_traditional=p["hanzi_traditional"] or "", meridian=p["meridian"],
                pain=tuple(p["pain"]), areas=tuple(p["areas"]), bilateral=bool(p["bilateral"]),
                markers=tuple(Marker(m["view"], float(m["x"]), float(m["y"])) for m in p["markers"]),
                location=p["location"], how_to_find=p["how_to_find"],
                technique=Technique(p["technique"]["needling"], p["technique"]["acupressure"]),
                back_pain_use=p["back_pain_use"], role=p["role"],
                caution_notes=tuple(Caution(t, k) for t, k in zip(p["cautions"], p["caution_techniques"], strict=True)),
                hazards=tuple(p["hazards"]), pregnancy=_pregnancy(p["pregnancy"]),
                sources=tuple(p["sources"]),
                spine=None if spine is None else SpinePlacement(spine["level"], float(spine["lateral_cun"])),
            )
        )
    return Dataset(title=data["title"], points=tuple(points), sources=sources, path=path)


def _pregnancy(data: dict[str, str] | None) -> PregnancyFlag | None:
    if data is None:
        return None
    return PregnancyFlag(data["level"], data["rule"], data["trimester"], data["note"])


def _prune(cache_dir: Path) -> None:
    copies = sorted(cache_dir.glob("dataset-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in copies[KEEP:]:
        old.unlink(missing_ok=True)
