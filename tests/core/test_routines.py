"""Routines: the bundled library's provenance and content, the validator, the user's file."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from backpoints.core.files import DataError
from backpoints.core.routines import (
    ASHI,
    MAX_SECONDS,
    UserRoutines,
    export_routines,
    import_routines,
    load_routines,
    load_user_routines,
    parse_routines,
    routine_from_sheet,
    routine_sheet,
    save_user_routines,
)
from backpoints.core.sheet import Sheet

ROOT = Path(__file__).resolve().parents[2]
ROUTINES = ROOT / "data" / "routines.yaml"
NEEDLING = re.compile(r"needl|insert|de qi", re.IGNORECASE)


@pytest.fixture(scope="module")
def library(dataset):  # type: ignore[no-untyped-def]
    return load_routines(ROUTINES, dataset)


# --- the bundled library -------------------------------------------------------------------
def test_every_routine_cites_a_source_that_resolves_to_a_full_reference(library) -> None:  # type: ignore[no-untyped-def]
    assert len(library.routines) >= 8
    for routine in library.routines:
        assert routine.provenance.kind in ("trial", "textbook", "traditional"), routine.id
        source = library.sources[routine.provenance.source]
        # A full reference: who, what, where and when, not a bare key.
        assert len(source.citation) > 60, routine.id
        assert re.search(r"\b(19|20)\d\d\b", source.citation) or source.url, routine.id
        assert routine.citation == " ".join(source.citation.split())
        assert routine.provenance.detail.strip(), routine.id


def test_every_step_names_a_real_point_with_a_bounded_dose(library, dataset) -> None:  # type: ignore[no-untyped-def]
    for routine in library.routines:
        assert 3 <= len(routine.steps) <= 8, routine.id
        for step in routine.steps:
            if step.point == ASHI:
                assert routine.audience == "practitioner", routine.id
                continue
            point = dataset.point(step.point)
            assert point is not None, (routine.id, step.point)
            assert (step.side == "midline") != point.bilateral, (routine.id, step.point)
            assert (step.seconds > 0) != (step.count > 0), (routine.id, step.point)
            assert 0 <= step.seconds <= MAX_SECONDS
            assert 0 <= step.count <= 10
            assert step.how.strip()


def test_no_self_care_routine_contains_a_needling_instruction(library) -> None:  # type: ignore[no-untyped-def]
    self_care = [r for r in library.routines if r.audience == "self-care"]
    assert len(self_care) >= 4
    for routine in self_care:
        assert routine.technique == "acupressure", routine.id
        for step in routine.steps:
            assert step.timed, (routine.id, step.point)
            assert not NEEDLING.search(step.how + " " + step.note), (routine.id, step.point)


def test_only_trial_routines_claim_to_be_tested(library) -> None:  # type: ignore[no-untyped-def]
    for routine in library.routines:
        if routine.provenance.kind == "traditional":
            assert "not tested" in routine.source_text()
        if routine.provenance.kind == "trial":
            assert routine.source_text().startswith("Trial protocol: ")


def test_a_traditional_routine_from_a_web_page_says_what_its_source_is(library) -> None:  # type: ignore[no-untyped-def]
    for routine in library.routines:
        source = library.sources.get(routine.provenance.source)
        if routine.provenance.kind == "traditional" and source is not None and source.url:
            assert routine.source_url == source.url
            assert "a web page" in routine.source_text() and "not checked against a textbook" in routine.source_text()
            assert routine.to_json()["source"]["url"] == source.url  # type: ignore[index]
    trial = library.get("cherkin2009-standardized")
    assert "web page" not in trial.source_text()


def test_the_library_covers_the_asked_for_conditions(library) -> None:  # type: ignore[no-untyped-def]
    names = " ".join(f"{r.id} {r.name} {r.purpose}".lower() for r in library.routines)
    for topic in ("lower back", "sciatica", "neck", "upper back", "shoulder"):
        assert topic in names, topic
    assert library.get("lower-back-self-care") is not None


def test_cherkin_standardized_arm_matches_the_paper(library) -> None:  # type: ignore[no-untyped-def]
    routine = library.get("cherkin2009-standardized")
    assert routine is not None
    assert routine.provenance.kind == "trial"
    assert "Arch Intern Med. 2009;169(9):858-866" in routine.citation
    sides = {s.point: s.side for s in routine.steps}
    assert sides == {"BL23": "both", "BL40": "both", "KI3": "both", "GV3": "midline", ASHI: "midline"}
    # Eight needles: three points on both sides, GV3 and one ashi point.
    assert sum(s.count * len(s.passes) for s in routine.steps) == 8
    assert "Ten treatments over seven weeks" in routine.frequency


def test_pregnancy_filter_hides_routines_by_flag_or_by_point(library, dataset) -> None:  # type: ignore[no-untyped-def]
    hidden = {r.id for r in library.routines} - {r.id for r in library.visible(dataset, hide_pregnancy=True)}
    flagged = {p.code for p in dataset.points if p.pregnancy_caution}
    by_points = {r.id for r in library.routines if set(r.codes) & flagged}
    # Cherkin by its explicit flag (the trial excluded pregnancy), the others by their points
    # (with today's dataset: the lumbar routines by BL23/GV4 (WHO 1999 lumbosacral rule),
    # sciatica by BL60, shoulder tension by GB21).
    assert hidden == by_points | {"cherkin2009-standardized"}
    assert by_points and "lower-back-self-care" in hidden and "neck-stiffness-self-care" not in hidden
    assert library.get("cherkin2009-standardized").pregnancy_caution(None)  # flag alone, no dataset
    # At least one routine is hidden only because of its points, without a flag of its own.
    assert any(not library.get(r).pregnancy for r in by_points)
    assert library.visible(dataset, hide_pregnancy=False) == library.routines


# --- the validator -------------------------------------------------------------------------
GOOD = """\
format: 1
sources:
  s1:
    citation: "A Author. A book about points. City: Press; 2001."
routines:
  - id: one
    name: One
    purpose: Testing
    audience: self-care
    technique: acupressure
    frequency: Daily.
    cautions: []
    provenance: {kind: traditional, source: s1}
    steps:
      - point: BL23
        side: both
        seconds: 60
        how: Press.
"""


def _problems(text: str, dataset) -> list[str]:  # type: ignore[no-untyped-def]
    with pytest.raises(DataError) as caught:
        parse_routines(text, "r.yaml", dataset)
    return [str(p) for p in caught.value.problems]


def test_a_good_file_loads(dataset) -> None:  # type: ignore[no-untyped-def]
    library = parse_routines(GOOD, "r.yaml", dataset)
    assert [r.id for r in library.routines] == ["one"]
    assert library.routines[0].steps[0].passes == ("left", "right")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("point: BL23", "point: BL99"), "r.yaml:15:16: routine 'one' step 1: unknown point code 'BL99'"),
        (("side: both", "side: midline"), "r.yaml:16:15: routine 'one' step 1: BL23 is paired; side must be both, left or right"),
        (("seconds: 60", "seconds: 0"), "r.yaml:17:18: routine 'one' step 1 seconds is 0; it must be 1..600"),
        (("seconds: 60", "seconds: 3600"), "r.yaml:17:18: routine 'one' step 1 seconds is 3600; it must be 1..600"),
        (("seconds: 60", "seconds: 60\n        count: 2"), "r.yaml:15:9: routine 'one' step 1: give either seconds or count"),
        (("how: Press.", "how: Insert the needle 1 cun."), "r.yaml:18:14: routine 'one' step 1 how: 'Insert' is a needling instruction"),
        (("technique: acupressure", "technique: needling"), "r.yaml:10:16: routine 'one': a self-care routine cannot be a needling routine"),
        (("source: s1}", "source: s2}"), "r.yaml:13:45: routine 'one' provenance source: 's2' is not in the file's sources"),
        (("{kind: traditional, source: s1}", "{kind: traditional}"), "r.yaml:13:17: routine 'one' provenance: a traditional routine must name its source"),
        (("{kind: traditional, source: s1}", "{kind: personal}"), "r.yaml:13:24: routine 'one' provenance kind: unknown value 'personal'"),
        (("audience: self-care", "audience: everyone"), "r.yaml:9:15: routine 'one' audience: unknown value 'everyone'"),
        (("id: one", "id: One Two"), "r.yaml:6:9: routine 1: id 'One Two' must be lower-case letters, digits and dashes"),
        (("    steps:", "    colour: red\n    steps:"), "r.yaml:14:5: routine 'one': unknown key 'colour'"),
    ],
)
def test_each_mistake_is_reported_at_its_line_and_column(dataset, change, expected) -> None:  # type: ignore[no-untyped-def]
    text = GOOD.replace(*change)
    assert any(p.startswith(expected) for p in _problems(text, dataset)), _problems(text, dataset)


def test_duplicate_ids_and_every_problem_at_once(dataset) -> None:  # type: ignore[no-untyped-def]
    second = GOOD.split("routines:\n")[1].replace("seconds: 60", "seconds: -5")
    problems = _problems(GOOD + second, dataset)
    assert "r.yaml:19:5: duplicate routine id 'one' (first defined on line 6)" not in problems  # bad one is dropped
    assert any(p.startswith("r.yaml:30:18: routine 'one' step 1 seconds is -5") for p in problems)
    assert any("duplicate routine id 'one'" in p for p in _problems(GOOD + GOOD.split("routines:\n")[1], dataset))


def test_yaml_syntax_errors_and_tabs_have_positions(dataset) -> None:  # type: ignore[no-untyped-def]
    assert _problems("format: 1\nroutines: [\n", dataset)[0].startswith("r.yaml:3:1:")
    assert "tab character" in _problems("format: 1\nroutines:\n\t- id: x\n", dataset)[0]


# --- sheets and the user's routines ----------------------------------------------------------
def test_routine_sheet_holds_points_in_press_order(library) -> None:  # type: ignore[no-untyped-def]
    routine = library.get("cherkin2009-standardized")
    sheet = routine_sheet(routine)
    assert sheet.points == ("BL23", "GV3", "BL40", "KI3")  # the ashi point has no code
    assert sheet.technique == "needling"
    assert sheet.routine is routine
    assert routine_sheet(library.get("lower-back-self-care")).technique == "self-care"


def test_routine_from_sheet_and_editing_steps(dataset) -> None:  # type: ignore[no-untyped-def]
    sheet = Sheet(title="Mine", points=("BL23", "GV4", "KI3"))
    routine = routine_from_sheet(sheet, dataset, "mine", seconds=45)
    assert [(s.point, s.side, s.seconds) for s in routine.steps] == [
        ("BL23", "both", 45), ("GV4", "midline", 45), ("KI3", "both", 45)]
    assert routine.provenance.kind == "personal"
    assert "not from a source" in routine.source_text()
    assert not any(NEEDLING.search(s.how) for s in routine.steps)
    moved = routine.with_step_moved(2, 0).with_step(0, side="left", seconds=90)
    assert [(s.point, s.side, s.seconds) for s in moved.steps][0] == ("KI3", "left", 90)
    assert [s.point for s in moved.without_step(1).steps] == ["KI3", "GV4"]
    with pytest.raises(ValueError, match="no points"):
        routine_from_sheet(Sheet(points=()), dataset, "empty")
    big = Sheet(points=tuple(p.code for p in dataset.points[:13]))
    with pytest.raises(ValueError, match="at most 12 steps and the sheet has 13 points"):
        routine_from_sheet(big, dataset, "big")


def test_user_file_round_trips_routines_and_older_stars(tmp_path: Path, dataset) -> None:  # type: ignore[no-untyped-def]
    """Stars an older routines file holds are read and written back unchanged (favourites.yaml carries them over)."""
    path = tmp_path / "data" / "routines.yaml"
    mine = routine_from_sheet(Sheet(title="Mine", points=("BL23", "KI3")), dataset, "mine")
    user = UserRoutines(favourite_points=("BL23",), favourite_routines=("lower-back-self-care",)).with_routine(mine)
    save_user_routines(user, path)
    loaded, message = load_user_routines(path)
    assert message == ""
    assert loaded.favourite_points == ("BL23",)
    assert loaded.favourite_routines == ("lower-back-self-care",)
    assert [s.point for s in loaded.routines[0].steps] == ["BL23", "KI3"]
    # Editing and saving again replaces the routine with the same id.
    edited = loaded.with_routine(loaded.routines[0].with_step(0, seconds=120))
    save_user_routines(edited, path)
    again, _ = load_user_routines(path)
    assert len(again.routines) == 1 and again.routines[0].steps[0].seconds == 120
    assert [p.name for p in path.parent.iterdir()] == ["routines.yaml"]  # no temporary files left


def test_a_bad_user_file_is_set_aside_never_lost(tmp_path: Path, dataset) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "routines.yaml"
    broken = "format: 1\nroutines:\n  - id: mine\n    name: [unclosed\n"
    path.write_text(broken, encoding="utf-8")
    user, message = load_user_routines(path)
    assert user == UserRoutines()
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("routines.yaml.bad-")]
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == broken
    assert str(kept[0]) in message and re.search(r"routines\.yaml:\d+:\d+: ", message)
    assert not path.exists()
    # Saving afterwards writes a fresh file beside the kept one.
    save_user_routines(UserRoutines(favourite_points=("BL23",)), path)
    assert kept[0].read_text(encoding="utf-8") == broken


def test_missing_user_file_is_an_empty_set(tmp_path: Path) -> None:
    assert load_user_routines(tmp_path / "none.yaml") == (UserRoutines(), "")


def test_save_refuses_to_replace_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "routines.yaml"
    folder.mkdir()
    with pytest.raises(DataError, match="not a regular file"):
        save_user_routines(UserRoutines(), folder)
    assert folder.is_dir()


def test_export_and_import_carry_sources(tmp_path: Path, library, dataset) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "shared.yaml"
    export_routines((library.get("lower-back-self-care"),), out, library.sources)
    user = import_routines(out, UserRoutines(), dataset)
    assert [r.id for r in user.routines] == ["lower-back-self-care"]
    assert user.routines[0].citation == library.get("lower-back-self-care").citation
    out.write_text("format: 1\nroutines:\n  - id: x\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        import_routines(out, user, dataset)
    assert str(caught.value.problems[0]).startswith(f"{out}:3:5: routine 'x': missing required keys name")


def test_a_failed_write_raises_and_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "routines.yaml"
    save_user_routines(UserRoutines(favourite_points=("BL23",)), path)
    before = path.read_bytes()

    def disk_full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(OSError):
        save_user_routines(UserRoutines(), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["routines.yaml"]


def test_further_sources_must_resolve_and_are_shown(dataset) -> None:  # type: ignore[no-untyped-def]
    text = GOOD.replace("{kind: traditional, source: s1}", "{kind: traditional, source: s1, also: [s1]}")
    routine = parse_routines(text, "r.yaml", dataset).routines[0]
    assert routine.source_text().endswith("Also: A Author. A book about points. City: Press; 2001.")
    bad = GOOD.replace("{kind: traditional, source: s1}", "{kind: traditional, source: s1, also: [s9]}")
    assert any(p.startswith("r.yaml:13:55: routine 'one' provenance also: 's9' is not in the file's sources")
               for p in _problems(bad, dataset))
