"""The benchmark runs (its figures are reported, never asserted)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT


def test_quick_benchmark_runs() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--json"],
        capture_output=True, text=True, timeout=600, cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout)
    for key in ("startup", "load", "typing", "sheets", "map", "diary_ms", "load_average_start", "bytecode"):
        assert key in report
    startup = report["startup"]
    for kind in ("bare", "floor", "app_new_user", "app_returning_user", "floor_screenshot", "app_screenshot"):
        assert startup["seconds"][kind] > 0 and startup["peak_rss_mib"][kind] > 0
    assert set(startup["ratios"]["app_new_user"]) >= {"time_vs_floor", "time_vs_bare", "rss_vs_floor"}
    assert set(report["typing"]) == {"bundled", "1000"}
    for figures in report["typing"].values():
        assert figures["keys"] == 31 and figures["first_key_ms"] > 0 and figures["slowest_key_ms"] >= figures["median_key_ms"]
    assert report["load"]["refused"] == {}
    assert report["diary_ms"]["entries"] > 1800 and report["diary_ms"]["open"] > 0
