"""A JSON copy of a validated dataset, so that start-up can skip PyYAML.

The copy is a derived file in a folder anyone (or anything) can write to, so it is
trusted only after three checks: the BLAKE2b checksum stored in its first line matches
its content, the content has exactly the expected shape and types, and the values pass
the same rules the loader applies to the YAML (core/checks.py). Any doubt (a missing,
unreadable, damaged, tampered or oddly shaped copy) means the YAML is read and validated
as usual and a fresh copy is written.

The copy's name is keyed by a hash of the dataset's text, the app's version and the
source of the validating modules, so a change to any of them makes a new copy.
"""

from __future__ import annotations

import json
import logging
import math
from pathlib import Path
from typing import Any

from .. import __version__
from .checks import dataset_problems
from .files import open_regular, read_text, write_atomically
from .limits import DATASET_MAX_BYTES, gc_paused
from .model import Caution, Dataset, Marker, Point, PregnancyFlag, Source, SpinePlacement, Technique

log = logging.getLogger(__name__)

CACHE_FORMAT = 3
MAGIC = "backpoints-dataset-copy"
KEEP = 6  # copies kept; older ones are removed
#: A copy larger than this is not read (the bundled dataset's copy is about 200 kB; the
#: copy of a dataset at the loader's size limit is smaller than the YAML, with room to spare).
MAX_COPY_BYTES = 64 * 1024 * 1024
# The rules a copy was validated by: a change to them must not reuse an old copy.
_RULES = ("loader.py", "checks.py", "model.py", "yamlread.py", "cache.py")


try:
    # BLAKE2 from CPython's own module: `hashlib` loads OpenSSL (libcrypto, about 3.6 MiB and
    # 8 ms at start-up) for SHA-256. The checksum guards against damage and stale copies; the
    # values are validated again anyway (anyone who can write the cache folder could write a
    # matching checksum whatever the algorithm).
    from _blake2 import blake2b as _hash
except ImportError:  # an interpreter built without it
    from hashlib import blake2b as _hash


def checksum_field(body: bytes) -> bytes:
    """The header's checksum field for a copy's body."""
    return b"blake2b=" + _hash(body, digest_size=32).hexdigest().encode("ascii")


class CopyRejected(ValueError):
    """The JSON copy is not trusted; the message says why (for the log)."""


def _rules_digest() -> bytes:
    digest = _hash(digest_size=32)
    here = Path(__file__).parent
    for name in _RULES:
        try:
            digest.update((here / name).read_bytes())
        except OSError:
            digest.update(name.encode())
    return digest.digest()


def copy_path(text: str, cache_dir: Path) -> Path:
    """Where the JSON copy of a dataset with this text lives."""
    key = _hash(f"{CACHE_FORMAT}|{__version__}|".encode() + _rules_digest() + text.encode("utf-8"), digest_size=32)
    return cache_dir / f"dataset-{key.hexdigest()[:32]}.json"


def load_dataset_cached(path: str, cache_dir: Path) -> Dataset:
    """The dataset at `path`, from its verified JSON copy when it has one; raises DataError like load_dataset."""
    text = read_text(path, DATASET_MAX_BYTES)
    copy = copy_path(text, cache_dir)
    try:
        return read_copy(copy, str(path))
    except FileNotFoundError:
        pass
    except (OSError, CopyRejected) as exc:
        log.info("dataset copy %s not used: %s", copy.name, exc)
    from .loader import parse_dataset  # PyYAML is loaded only here

    dataset = parse_dataset(text, str(path))
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        write_atomically(copy, encode_copy(dataset), private=True)
        _prune(cache_dir)
    except OSError:
        pass  # a cache that cannot be written only costs speed
    return dataset


def encode_copy(dataset: Dataset) -> bytes:
    """The copy's bytes: a header line with the checksum of the body, then the body."""
    body = json.dumps(dataset_to_json(dataset), ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")
    return f"{MAGIC} {CACHE_FORMAT} ".encode("ascii") + checksum_field(body) + b"\n" + body


def read_copy(copy: Path, path: str) -> Dataset:
    """A dataset from a copy, verified; raises CopyRejected (or OSError) when it cannot be trusted."""
    with open_regular(copy) as handle:  # a FIFO or device in its place must not hang start-up
        raw = handle.read(MAX_COPY_BYTES + 1)
    if len(raw) > MAX_COPY_BYTES:
        raise CopyRejected("too large")
    return decode_copy(raw, path)


def decode_copy(raw: bytes, path: str) -> Dataset:
    """Verify a copy's checksum, shape and values; raises CopyRejected."""
    header, newline, body = raw.partition(b"\n")
    if not newline:
        raise CopyRejected("no header line")
    parts = header.split(b" ")
    if len(parts) != 3 or parts[0] != MAGIC.encode() or parts[1] != str(CACHE_FORMAT).encode():
        raise CopyRejected("not a copy in this format")
    if parts[2] != checksum_field(body):
        raise CopyRejected("checksum does not match the content")
    with gc_paused():  # many objects, no cycles (see gc_paused)
        try:
            data = json.loads(body.decode("utf-8"), parse_constant=_no_constant)
        except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
            raise CopyRejected(f"not valid JSON ({type(exc).__name__})") from None
        try:
            dataset = dataset_from_json(data, path)
        except (KeyError, TypeError, ValueError, AttributeError, RecursionError) as exc:
            raise CopyRejected(f"wrong shape ({type(exc).__name__}: {exc})") from None
    problems = dataset_problems(dataset)
    if problems:
        raise CopyRejected(f"fails validation: {problems[0]}")
    return dataset


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not allowed")


def dataset_to_json(dataset: Dataset) -> dict[str, Any]:
    """The dataset as plain JSON values."""
    return {
        "title": dataset.title,
        "sources": {k: {"citation": s.citation, "url": s.url} for k, s in dataset.sources.items()},
        "points": [p.to_json() for p in dataset.points],
    }


# --- shape: exactly these keys, exactly these types -------------------------------------------
def _obj(value: object, keys: tuple[str, ...], what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise TypeError(f"{what} is not an object")
    if set(value) != set(keys):
        raise KeyError(f"{what} has keys {sorted(value)[:8]}")
    return value


def _str(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what} is not text")
    return value


def _bool(value: object, what: str) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"{what} is not true/false")
    return value


def _num(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise TypeError(f"{what} is not a finite number")
    return float(value)


def _strs(value: object, what: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise TypeError(f"{what} is not a list")
    return tuple(_str(v, what) for v in value)


_POINT_KEYS = (
    "code", "name", "pinyin", "hanzi", "hanzi_traditional", "meridian", "pain", "areas", "bilateral",
    "markers", "location", "how_to_find", "technique", "back_pain_use", "role", "cautions",
    "caution_techniques", "hazards", "pregnancy_caution", "pregnancy", "sources", "spine",
)


def _pregnancy(value: object) -> PregnancyFlag | None:
    if value is None:
        return None
    flag = _obj(value, ("level", "rule", "trimester", "note", "text"), "pregnancy")
    return PregnancyFlag(_str(flag["level"], "level"), _str(flag["rule"], "rule"),
                         _str(flag["trimester"], "trimester"), _str(flag["note"], "note"))


def _point(value: object) -> Point:
    p = _obj(value, _POINT_KEYS, "point")
    spine = p["spine"]
    markers = p["markers"]
    if not isinstance(markers, list):
        raise TypeError("markers is not a list")
    technique = _obj(p["technique"], ("needling", "acupressure"), "technique")
    traditional = p["hanzi_traditional"]
    return Point(
        code=_str(p["code"], "code"), name=_str(p["name"], "name"), pinyin=_str(p["pinyin"], "pinyin"),
        hanzi=_str(p["hanzi"], "hanzi"),
        hanzi_traditional="" if traditional is None else _str(traditional, "hanzi_traditional"),
        meridian=_str(p["meridian"], "meridian"), pain=_strs(p["pain"], "pain"), areas=_strs(p["areas"], "areas"),
        bilateral=_bool(p["bilateral"], "bilateral"),
        markers=tuple(
            Marker(_str(m["view"], "view"), _num(m["x"], "x"), _num(m["y"], "y"))
            for m in (_obj(item, ("view", "x", "y"), "marker") for item in markers)
        ),
        location=_str(p["location"], "location"), how_to_find=_str(p["how_to_find"], "how_to_find"),
        technique=Technique(_str(technique["needling"], "needling"), _str(technique["acupressure"], "acupressure")),
        back_pain_use=_str(p["back_pain_use"], "back_pain_use"), role=_str(p["role"], "role"),
        caution_notes=tuple(Caution(t, k) for t, k in zip(_strs(p["cautions"], "cautions"),
                                                            _strs(p["caution_techniques"], "caution_techniques"),
                                                            strict=True)),
        hazards=_strs(p["hazards"], "hazards"), pregnancy=_pregnancy(p["pregnancy"]),
        sources=_strs(p["sources"], "sources"),
        spine=None if spine is None else SpinePlacement(
            _str(_obj(spine, ("level", "lateral_cun"), "spine")["level"], "level"), _num(spine["lateral_cun"], "lateral_cun")
        ),
    )


def dataset_from_json(data: object, path: str) -> Dataset:
    """A dataset from plain JSON values of exactly the expected shape; raises KeyError/TypeError otherwise."""
    top = _obj(data, ("title", "sources", "points"), "the copy")
    sources_in = top["sources"]
    if not isinstance(sources_in, dict):
        raise TypeError("sources is not an object")
    sources = {}
    for key, value in sources_in.items():
        entry = _obj(value, ("citation", "url"), f"source {key!r}")
        sources[key] = Source(key=key, citation=_str(entry["citation"], "citation"), url=_str(entry["url"], "url"))
    points_in = top["points"]
    if not isinstance(points_in, list):
        raise TypeError("points is not a list")
    return Dataset(title=_str(top["title"], "title"), points=tuple(_point(p) for p in points_in), sources=sources, path=path)


def _prune(cache_dir: Path) -> None:
    copies = sorted(cache_dir.glob("dataset-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in copies[KEEP:]:
        old.unlink(missing_ok=True)
