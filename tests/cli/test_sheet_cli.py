"""`backpoints sheet`: real PDFs checked with poppler, and a real CUPS print job."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from backpoints.core.sheet import Sheet, save_sheet
from tests.conftest import run_cli

POPPLER = shutil.which("pdfinfo") and shutil.which("pdftotext") and shutil.which("pdftoppm")
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdfinfo, pdftotext, pdftoppm) is not installed")


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


@needs_poppler
def test_ten_point_pdf_has_real_text_and_pages(tmp_path: Path) -> None:
    out = tmp_path / "sheet.pdf"
    codes = "BL23,BL25,bl40,Du4,UB60,GB30,SI3,LI4,GB21,BL13"
    result = run_cli("sheet", "--points", codes, "--output", str(out), "--name", "Jane Doe", "--title", "Your points")
    assert result.returncode == 0, result.stderr
    pages = pdf_pages(out)
    assert 2 <= pages <= 6
    text = pdf_text(out)
    for expected in ("Your points", "Jane Doe", "BL23", "Shènshū", "肾俞", "GV4", "BL60", "Kūnlún",
                     "Cautions for these points", "Pregnancy (BL23, BL25, GV4, BL60, GB30, SI3, LI4, GB21)",
                     "WHO 1999", "first trimester",
                     "Educational reference, not medical advice", f"Page 1 of {pages}", f"Page {pages} of {pages}"):
        assert expected in text, expected
    # A self-care sheet (the default) prints no needling-only caution or hazard.
    assert "pneumothorax" not in text and "sterile" not in text.lower()
    # The numbered list follows the order given.
    flat = " ".join(text.split())
    assert flat.index("BL23 Shènshū") < flat.index("BL25 Dàchángshū") < flat.index("BL40 Wěizhōng") < flat.index("GV4 Mìngmén")
    # The figure is vector art: the PDF holds no raster images at all.
    images = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True).stdout
    assert len(images.strip().splitlines()) == 2, images  # the two header lines only
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    assert "BackPointsSans-" in fonts and "BackPointsSansCJK" in fonts and " yes " in fonts  # embedded


@needs_poppler
def test_rendered_page_shows_the_figure(tmp_path: Path) -> None:
    from PySide6.QtGui import QColor, QImage

    out = tmp_path / "sheet.pdf"
    assert run_cli("sheet", "--pain", "upper", "--output", str(out), "--paper", "letter").returncode == 0
    assert "612 x 792" in subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(out), str(tmp_path / "p")], check=True)
    [png] = tmp_path.glob("p*.png")
    image = QImage(str(png))
    skin = QColor("#f6ebe1")
    # The figure's skin tone fills a good part of the page's left side.
    hits = sum(
        1
        for y in range(0, image.height(), 4)
        for x in range(0, image.width() // 2, 4)
        if abs(QColor(image.pixel(x, y)).red() - skin.red()) < 6 and abs(QColor(image.pixel(x, y)).blue() - skin.blue()) < 6
    )
    assert hits > 150


@needs_poppler
def test_every_point_sheet_never_splits_a_point(tmp_path: Path, dataset) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "all.pdf"
    codes = ",".join(p.code for p in dataset.points)
    result = run_cli("sheet", "--points", codes, "--output", str(out))
    assert result.returncode == 0, result.stderr
    pages = pdf_pages(out)
    texts = [subprocess.run(["pdftotext", "-f", str(i), "-l", str(i), "-layout", str(out), "-"],
                            capture_output=True, text=True, check=True).stdout for i in range(1, pages + 1)]
    for point in dataset.points:
        holding = [i for i, t in enumerate(texts) if f"{point.code} {point.pinyin}" in " ".join(t.split())]
        assert len(holding) == 1, point.code
        page = texts[holding[0]]
        # Its location and cautions are on that same page (not split).
        assert point.location.split()[-1].rstrip(".") in page.replace("\n", " "), point.code


def test_open_a_saved_sheet(tmp_path: Path) -> None:
    sheet_file = tmp_path / "s.bpsheet.yaml"
    save_sheet(Sheet(title="Saved", points=("BL23", "GV4")), sheet_file)
    out = tmp_path / "s.pdf"
    result = run_cli("sheet", "--open", str(sheet_file), "--output", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")


def test_unknown_codes_exit_1_and_write_nothing(tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    result = run_cli("sheet", "--points", "BL23,XX99,BL999", "--output", str(out))
    assert result.returncode == 1
    assert "unknown point code 'XX99'" in result.stderr and "'BL999'" in result.stderr
    assert not out.exists() and "Traceback" not in result.stderr


def test_broken_sheet_file_exit_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("backpoints_sheet: 1\npoints: [BL23\n", encoding="utf-8")
    result = run_cli("sheet", "--open", str(bad), "--output", str(tmp_path / "x.pdf"))
    assert result.returncode == 1 and result.stderr.startswith(f"{bad}:")
    assert not (tmp_path / "x.pdf").exists()


def test_unwritable_output_exit_1_without_partial_file(tmp_path: Path) -> None:
    # /proc refuses new files even to root, unlike a chmod-ed folder.
    result = run_cli("sheet", "--points", "BL23", "--output", "/proc/backpoints-test.pdf")
    assert result.returncode == 1 and "cannot write here" in result.stderr
    assert not Path("/proc/backpoints-test.pdf").exists()


def test_output_that_is_a_folder_exit_1(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    result = run_cli("sheet", "--points", "BL23", "--output", str(folder))
    assert result.returncode == 1 and "is a folder" in result.stderr
    assert list(folder.iterdir()) == []


def test_missing_output_folder_exit_1(tmp_path: Path) -> None:
    out = tmp_path / "no" / "such" / "x.pdf"
    result = run_cli("sheet", "--points", "BL23", "--output", str(out))
    assert result.returncode == 1 and "cannot write here" in result.stderr
    assert not out.exists()


def test_missing_printer_exit_1() -> None:
    result = run_cli("sheet", "--points", "BL23", "--printer", "NoSuchPrinter42")
    assert result.returncode == 1
    assert "no printer named 'NoSuchPrinter42'" in result.stderr


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run_cli("sheet", "--output", str(tmp_path / "x.pdf")).returncode == 2  # no source
    assert run_cli("sheet", "--points", "BL23").returncode == 2  # no target
    assert run_cli("sheet", "--pain", "middle", "--output", "x.pdf").returncode == 2


def _cups_pdf_queue() -> str | None:
    if not shutil.which("lpstat"):
        return None
    result = subprocess.run(["lpstat", "-v"], capture_output=True, text=True)
    for line in result.stdout.splitlines():
        if "cups-pdf:/" in line:
            return line.split()[2].rstrip(":")
    return None


def test_real_print_to_cups_pdf(tmp_path: Path) -> None:
    queue = _cups_pdf_queue()
    if queue is None:
        pytest.skip("no CUPS cups-pdf queue (install cups and printer-driver-cups-pdf and start cupsd; .ci/run does)")
    # cups-pdf writes into the account's real home (from passwd), not the tests' $HOME.
    import pwd

    out_dirs = [Path(pwd.getpwuid(os.getuid()).pw_dir) / "PDF", Path("/var/spool/cups-pdf/ANONYMOUS")]
    started = time.time() - 1
    result = run_cli("sheet", "--points", "BL23,BL40", "--printer", queue, "--title", "CUPS test sheet")
    assert result.returncode == 0, result.stderr
    assert f"to printer {queue}" in result.stderr
    new: list[Path] = []
    while time.time() - started < 60 and not new:
        time.sleep(0.5)
        new = [p for d in out_dirs if d.is_dir() for p in d.glob("*.pdf") if p.stat().st_mtime >= started]
    assert new, "the cups-pdf job produced no PDF within 60 s"
    time.sleep(0.5)
    assert new[0].read_bytes().startswith(b"%PDF")
    if POPPLER:  # cups-pdf re-renders the job, so check pages, not text
        assert pdf_pages(new[0]) >= 1


def _needling_only_texts() -> set[str]:
    """Every caution and hazard text that concerns needling alone, from the bundled dataset."""
    from backpoints.core.loader import load_dataset
    from backpoints.core.model import HAZARD_INFO
    from tests.conftest import DATA

    dataset = load_dataset(str(DATA))
    texts = {c.text for p in dataset.points for c in p.caution_notes if c.technique == "needling"}
    texts |= {h.text for h in HAZARD_INFO.values() if h.technique == "needling"}
    return texts


@needs_poppler
def test_self_care_pdf_prints_no_needling_only_caution(tmp_path: Path) -> None:
    """A patient's handout never carries a needling warning (checked in the PDF's own text)."""
    from tests.conftest import DATA
    import yaml

    codes = [p["code"] for p in yaml.safe_load(Path(DATA).read_text(encoding="utf-8"))["points"]]
    out = tmp_path / "self-care.pdf"
    result = run_cli("sheet", "--points", ",".join(codes), "--technique", "self-care", "--output", str(out))
    assert result.returncode == 0, result.stderr
    flat = " ".join(pdf_text(out).split())
    assert "Self-care pressure" in flat and "WHO 1999" in flat
    assert "B-cun (proportional cun)" in flat and "= 3 F-cun" in flat  # the units, explained on the sheet
    for text in _needling_only_texts():
        # Compare a distinctive stretch of words, so line breaks in the PDF do not matter.
        words = " ".join(text.split()[:9])
        assert words not in flat, text
    assert "sterile" not in flat.lower() and "Needling:" not in flat
    # The same points on a practitioner's sheet do print them (the check can fail).
    needling = tmp_path / "needling.pdf"
    assert run_cli("sheet", "--points", ",".join(codes), "--technique", "needling", "--output", str(needling)).returncode == 0
    flat_needling = " ".join(pdf_text(needling).split())
    assert "pneumothorax" in flat_needling and "Needling:" in flat_needling
