"""The benchmark runs (its figures are reported, never asserted)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT


def test_quick_benchmark_runs() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--json"],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout)
    for key in ("startup_s", "peak_rss_mib", "load_s", "search_per_keystroke", "sheet_pdf_s", "map_repaint_ms", "diary_ms"):
        assert key in report
    assert report["startup_s"]["app"] > 0 and report["startup_s"]["bare"] > 0
    assert set(report["search_per_keystroke"]) == {"bundled", "1000"}
    assert report["diary_ms"]["entries"] > 1800 and report["diary_ms"]["open"] > 0
