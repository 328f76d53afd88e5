"""Issue 12's machine-checkable rules, over the whole bundled dataset and guide.

Each test reads the shipped files, so a rule broken in data/points.yaml or data/guide.md
fails here. (tests/core/test_dataset.py holds the point-by-point checks.)
"""

from __future__ import annotations

import re

import pytest
import yaml

from backpoints.core.model import HAZARD_INFO, cautions_for
from backpoints.core.sheet import gather_cautions
from tests.conftest import DATA

#: Words that only make sense to someone holding a needle.
_NEEDLING_WORDS = re.compile(r"needl|insert|sterile|deeper than|\bcun\b|\bpuncture|thread", re.I)


def test_no_self_care_output_carries_a_needling_caution(dataset) -> None:  # type: ignore[no-untyped-def]
    """What a self-care (acupressure) sheet prints per point and in its caution box."""
    for p in dataset.points:
        for text in cautions_for(p, "self-care"):
            assert not _NEEDLING_WORDS.search(text), (p.code, text)
        assert not _NEEDLING_WORDS.search(p.technique.acupressure), p.code
    for note in gather_cautions(list(dataset.points), "self-care"):
        assert not _NEEDLING_WORDS.search(note.text), note.title
    # The same points on a needling sheet do carry their needling cautions.
    assert any(_NEEDLING_WORDS.search(t) for t in cautions_for(dataset.point("BL23"), "needling"))


def test_every_needling_caution_is_tagged_needling(dataset) -> None:  # type: ignore[no-untyped-def]
    """A caution that talks about needles must not be tagged for every technique."""
    for p in dataset.points:
        for note in p.caution_notes:
            if _NEEDLING_WORDS.search(note.text):
                assert note.technique == "needling", (p.code, note.text)


def test_every_hazard_names_a_technique_and_needling_hazards_stay_off_self_care(dataset) -> None:  # type: ignore[no-untyped-def]
    used = {key for p in dataset.points for key in p.hazards}
    assert used <= HAZARD_INFO.keys()
    for key in used:
        assert HAZARD_INFO[key].technique in ("needling", "moxibustion", "acupressure", "all"), key
        if _NEEDLING_WORDS.search(HAZARD_INFO[key].text):
            assert HAZARD_INFO[key].technique == "needling", key


def test_a_cited_text_is_in_the_point_sources(dataset) -> None:  # type: ignore[no-untyped-def]
    """A needling text that names a source cites it, and the key resolves."""
    names = {
        "Chinese Acupuncture and Moxibustion": "cam1999",
        "Deadman": "deadman2007",
        "Chen et al.": "chen2018",
    }
    for p in dataset.points:
        text = " ".join((p.technique.needling, p.location, p.back_pain_use, *p.cautions))
        for name, key in names.items():
            if name in text:
                assert key in p.sources and key in dataset.sources, (p.code, key)


def _guide_sources(text: str) -> dict[int, str]:
    section = text.split("\n## Sources\n", 1)[1]
    return {int(m[1]): m[2] for m in re.finditer(r"^(\d+)\. (.+)$", section, re.M)}


def test_every_guide_citation_resolves_to_a_full_reference() -> None:
    text = (DATA.parent / "guide.md").read_text(encoding="utf-8")
    sources = _guide_sources(text)
    body = text.split("\n## Sources\n", 1)[0]
    cited = {int(n) for group in re.findall(r"\[([\d, ]+)\]", body) for n in group.split(",")}
    assert cited, "the guide cites nothing"
    assert cited <= sources.keys(), sorted(cited - sources.keys())
    assert sorted(sources) == list(range(1, len(sources) + 1)), "sources are numbered 1..n"
    for number, reference in sources.items():
        assert re.search(r"(19|20)\d\d", reference) or "https://" in reference, number  # a year or an address
        assert len(reference) > 40, number
        # A journal article gives volume(issue):pages; one we could not confirm says so.
        if re.search(r"\. (19|20)\d\d[;.]", reference):  # "Journal. 2013;..." is an article
            assert (
                re.search(r"\d{4};\d+\(\d+\):\d+-\d+\.", reference)
                or re.search(r"\d{4};\(\d+\):CD\d+\.", reference)
                or "not confirmed" in reference
            ), number


def test_every_routine_source_resolves() -> None:
    data = yaml.safe_load((DATA.parent / "routines.yaml").read_text(encoding="utf-8"))
    sources = data["sources"]
    for routine in data["routines"]:
        keys = [routine["source"]] if "source" in routine else []
        for key in keys:
            assert key in sources and sources[key]["citation"].strip(), (routine.get("id"), key)


@pytest.mark.parametrize("code", ["GV14", "GV12", "GV9", "GV4", "GV3"])
def test_spinal_points_give_no_unsourced_canal_depth(dataset, code: str) -> None:  # type: ignore[no-untyped-def]
    """The old 1.25-1.75 cun canal depth had no source; the limit is CAM's deep end."""
    point = dataset.point(code)
    text = " ".join((point.technique.needling, *point.cautions))
    assert "1.25" not in text and "1.75" not in text
    assert "1 cun is the limit" in text or "never deeper than 1 cun" in text.lower()
    assert "cam1999" in point.sources
