"""Favourites file: validation with positions, atomic saves, a bad file set aside, import."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from backpoints.core.favourites import (
    Favourites,
    favourites_to_yaml,
    import_favourites,
    load_favourites,
    parse_favourites,
    save_favourites,
)
from backpoints.core.files import DataError


def test_stars_toggle_and_round_trip(tmp_path: Path) -> None:
    stars = Favourites().toggled_point("BL23").toggled_point("GV4").toggled_point("GV4").toggled_routine("neck-x")
    assert stars == Favourites(("BL23",), ("neck-x",))
    path = tmp_path / "data" / "favourites.yaml"
    save_favourites(stars, path)
    assert load_favourites(path) == (stars, "")
    assert [p.name for p in path.parent.iterdir()] == ["favourites.yaml"]  # no temporary file left


def test_errors_name_file_line_and_column() -> None:
    text = "format: 1\npoints:\n  - BL23\n  - [not, a, code]\n  - 'BL 23'\nroutines: lower-back\n"
    with pytest.raises(DataError) as caught:
        parse_favourites(text, "fav.yaml")
    messages = [str(p) for p in caught.value.problems]
    assert messages[0].startswith("fav.yaml:4:5: points item must be text")
    assert messages[1] == "fav.yaml:5:5: points: 'BL 23' is not a point code"
    assert messages[2].startswith("fav.yaml:6:11: routines must be a list")


def test_unknown_keys_and_formats_are_refused() -> None:
    with pytest.raises(DataError, match=r"fav.yaml:2:1: favourites file: unknown key 'pointz'"):
        parse_favourites("format: 1\npointz: [BL23]\n", "fav.yaml")
    with pytest.raises(DataError, match="format 2 is not supported"):
        parse_favourites("format: 2\n", "fav.yaml")


def test_a_bad_file_is_set_aside_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "favourites.yaml"
    broken = "format: 1\npoints: [BL23\n"
    path.write_text(broken, encoding="utf-8")
    stars, message = load_favourites(path)
    assert stars == Favourites()
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("favourites.yaml.bad-")]
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == broken
    assert str(kept[0]) in message and re.search(r"favourites\.yaml:\d+:\d+: ", message)
    save_favourites(Favourites(("KI3",)), path)  # the next star writes a new file beside the kept one
    assert kept[0].read_text(encoding="utf-8") == broken
    assert load_favourites(path) == (Favourites(("KI3",)), "")


def test_a_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "favourites.yaml"
    save_favourites(Favourites(("BL23",)), path)
    before = path.read_bytes()

    def disk_full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(OSError):
        save_favourites(Favourites(), path)
    assert path.read_bytes() == before


def test_import_adds_and_never_removes(tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(favourites_to_yaml(Favourites(("KI3", "BL23"), ("sciatica-self-care",))), encoding="utf-8")
    merged = import_favourites(other, Favourites(("BL23", "GV4")))
    assert merged == Favourites(("BL23", "GV4", "KI3"), ("sciatica-self-care",))
    other.write_text("routines:\n- 12\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        import_favourites(other, merged)
    assert str(caught.value.problems[0]).startswith(f"{other}:1:1: favourites file: missing required key format")
