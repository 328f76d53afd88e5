"""Nothing is cut from the page: tall blocks flow onto the next pages, long titles are elided."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from backpoints.core.loader import parse_dataset
from backpoints.core.sheet import Sheet
from tests.helpers import dense_dataset_text

POPPLER = shutil.which("pdftotext") and shutil.which("pdfinfo")
pytestmark = pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftotext, pdfinfo) is not installed")


def _pages(path: Path) -> list[str]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    count = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    return [subprocess.run(["pdftotext", "-f", str(i), "-l", str(i), "-layout", str(path), "-"],
                           capture_output=True, text=True, check=True).stdout for i in range(1, count + 1)]


def _write(tmp_path: Path, sheet: Sheet, dataset) -> list[str]:  # type: ignore[no-untyped-def]
    from backpoints.printing.renderer import write_pdf

    out = tmp_path / "flow.pdf"
    pages = write_pdf(out, sheet, dataset)
    texts = _pages(out)
    assert len(texts) == pages
    return texts


def test_300_note_lines_all_print_once_in_order(qapp, tmp_path: Path, dataset) -> None:  # type: ignore[no-untyped-def]
    notes = "\n".join(f"Note line {i}: keep warm, rest." for i in range(1, 301))
    texts = _write(tmp_path, Sheet(notes=notes, points=("BL23", "GV4")), dataset)
    found = [int(n) for n in re.findall(r"Note line (\d+):", "\n".join(texts))]
    assert found == list(range(1, 301))  # every line, once, in order (no invisible copies either)
    assert len(texts) >= 4
    assert "BL23" in texts[-1] or "BL23" in texts[-2]  # the points follow the notes


def test_a_description_taller_than_a_page_flows(qapp, tmp_path: Path, dataset) -> None:  # type: ignore[no-untyped-def]
    long_point = dataclasses.replace(
        dataset.point("BL23"), location=" ".join(f"Sentence {i} of a long description." for i in range(1, 401)))
    data = dataclasses.replace(dataset, points=tuple(long_point if p.code == "BL23" else p for p in dataset.points))
    texts = _write(tmp_path, Sheet(points=("GV4", "BL23", "BL40")), data)
    flat = " ".join(" ".join(texts).split())
    assert [int(n) for n in re.findall(r"Sentence (\d+) of", flat)] == list(range(1, 401))
    end = flat.index("Sentence 400 of")
    assert end < flat.index("How to find it", end) < flat.rindex("BL40")


def test_thousands_of_cautions_flow_below_the_figure(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = parse_dataset(dense_dataset_text(1000).replace("pregnancy_caution: false", "pregnancy_caution: true"), "d")
    texts = _write(tmp_path, Sheet(points=tuple(p.code for p in data.points)), data)
    body = ["\n".join(line for line in page.splitlines() if "Educational reference" not in line) for page in texts]
    flat = "".join("".join(body).split())  # codes may be hyphen-wrapped ("EX-" | "AB12")
    caution = flat[flat.index("Pregnancy(") + len("Pregnancy(") : flat.index("):WHO1999safetyguidelines")]
    # The lower-back close-up's level labels (L4, S2...) may fall into the text order beside the box.
    caution = re.sub(r"(?<=,)(?:[CTLS]\d{1,2})+(?=EX-)", "", caution)
    assert caution.split(",") == [p.code for p in data.points]


def test_a_long_title_is_elided_not_cut(qapp, tmp_path: Path, dataset) -> None:  # type: ignore[no-untyped-def]
    title = "An extremely long sheet title " * 8 + "THE-END"
    name = "Somebody With A Very Long Name " * 6 + "LAST"
    texts = _write(tmp_path, Sheet(title=title, name=name, points=("BL23",)), dataset)
    first = texts[0]
    assert "An extremely long sheet title" in first and "…" in first
    assert "THE-END" not in first and "LAST" not in first  # nothing drawn past the edge, even clipped


def test_an_export_can_be_cancelled_and_writes_nothing(qapp, tmp_path: Path, dataset) -> None:  # type: ignore[no-untyped-def]
    from backpoints.printing.renderer import PrintCancelled, write_pdf

    out = tmp_path / "x.pdf"
    out.write_bytes(b"%PDF-1.4 old\n%%EOF\n")
    seen: list[tuple[int, int]] = []

    def cancel_at_second_page(done: int, total: int) -> bool:
        seen.append((done, total))
        return done < 1

    every = Sheet(points=tuple(p.code for p in dataset.points))
    with pytest.raises(PrintCancelled):
        write_pdf(out, every, dataset, cancel_at_second_page)
    assert seen[0][0] == 0 and seen[-1][0] == 1 and seen[0][1] > 2
    assert out.read_bytes() == b"%PDF-1.4 old\n%%EOF\n"
    pages = write_pdf(out, every, dataset, lambda done, total: True)
    assert pages == seen[0][1] and out.read_bytes().startswith(b"%PDF-")
