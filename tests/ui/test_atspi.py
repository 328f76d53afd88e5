"""The real accessibility stack: BackPoints on Xvfb, read through AT-SPI with pyatspi.

A private D-Bus session holds the AT-SPI bus (at-spi2-core); the app runs on the xcb
platform with QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1; tests/ui/atspi_walk.py, run with the
system Python (Debian's python3-pyatspi), walks the tree, presses keys through AT-SPI
and reports what a screen reader would get. Skips, saying why, only when a piece of
that stack is not installed (.ci/run installs them).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from backpoints.core.figures import markers_on
from backpoints.core import anatomy
from backpoints.core.search import Filters, SearchIndex

HERE = Path(__file__).resolve().parent
SYSTEM_PYTHON = "/usr/bin/python3"
BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"


def _missing() -> str:
    for tool, package in (("Xvfb", "xvfb"), ("dbus-run-session", "dbus"), ("xdotool", "xdotool")):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (apt-get install {package})"
    if not Path(BUS_LAUNCHER).exists():
        return f"{BUS_LAUNCHER} is missing (apt-get install at-spi2-core)"
    if not Path(SYSTEM_PYTHON).exists():
        return "no system Python at /usr/bin/python3 for pyatspi"
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, text=True)
    if probe.returncode != 0:
        return "the system Python has no pyatspi (apt-get install python3-pyatspi)"
    return ""


SCRIPT = r"""
set -u
# -displayfd: Xvfb picks a free display and writes its number when it is ready.
Xvfb -displayfd 3 -screen 0 1400x1000x24 -nolisten tcp 3>"$DISPLAY_FILE" >/dev/null 2>&1 &
xvfb=$!
for _ in $(seq 100); do [ -s "$DISPLAY_FILE" ] && break; sleep 0.1; done
export DISPLAY=":$(cat "$DISPLAY_FILE")"
"$BUS_LAUNCHER" --launch-immediately >/dev/null 2>&1 &
bus=$!
sleep 1
QT_QPA_PLATFORM=xcb QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 "$APP_PYTHON" -m backpoints >"$APP_LOG" 2>&1 &
app=$!
"$SYSTEM_PYTHON" "$WALKER"
status=$?
kill "$app" "$bus" "$xvfb" 2>/dev/null
wait 2>/dev/null
exit $status
"""


@pytest.mark.slow
def test_screen_reader_hears_every_region_and_point(tmp_path: Path, dataset) -> None:  # type: ignore[no-untyped-def]
    reason = _missing()
    if reason:
        print(f"skipped: {reason}")
        pytest.skip(reason)
    env = dict(os.environ)
    env.update({
        "DISPLAY_FILE": str(tmp_path / "display"),
        "BUS_LAUNCHER": BUS_LAUNCHER,
        "APP_PYTHON": sys.executable,
        "SYSTEM_PYTHON": SYSTEM_PYTHON,
        "WALKER": str(HERE / "atspi_walk.py"),
        "APP_LOG": str(tmp_path / "app.log"),
        "BACKPOINTS_HOME": str(tmp_path / "home"),
        "NO_AT_BRIDGE": "0",
    })
    env.pop("QT_QPA_PLATFORM", None)
    result = subprocess.run(["dbus-run-session", "--", "bash", "-c", SCRIPT], env=env, capture_output=True,
                            text=True, timeout=240)
    app_log = (tmp_path / "app.log").read_text(errors="replace") if (tmp_path / "app.log").exists() else ""
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}\napp: {app_log}"
    report = json.loads(result.stdout.strip().splitlines()[-1])
    (tmp_path / "atspi.json").write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    print(json.dumps(report, indent=1, ensure_ascii=False))

    # One child per region (each area once) and per point drawn on the back figure.
    regions = {r.area for r in anatomy.REGIONS if r.view == "back"}
    points = [p for p in dataset.points if markers_on(p, "back")]
    children = report["children"]
    assert report["map"]["name"] == "Body map, Back view"
    assert len(children) == len(regions) + len(points)
    assert sum(c["role"] == "push button" for c in children) == len(regions)
    assert sum(c["role"] == "list item" for c in children) == len(points)
    by_code = {c["name"].split(" ")[0]: c for c in children if c["role"] == "list item"}
    bl23 = by_code["BL23"]
    assert bl23["name"] == "BL23 Shènshū, Kidney Shu, lower back, both sides, avoided in pregnancy"
    assert bl23["description"].startswith("On the lower back")
    assert bl23["actions"] == ["Press", "SetFocus", "Add to sheet"]
    assert bl23["rect"][2] > 0 and bl23["rect"][3] > 0
    assert any(c["name"].startswith("Lower back region") for c in children)

    # Keyboard focus reaches the map; arrows and Return move AT-SPI focus, and each move
    # sends the focus event a screen reader speaks.
    assert report["map_focused"]
    walk = report["walk"]
    # Escape first puts the map at the region level (with nothing chosen yet it has
    # nothing to announce); Home then goes to the first region and says so.
    assert walk[0]["key"] == "Escape" and walk[0]["role"] == "push button"
    assert walk[1]["key"] == "Home" and walk[1]["focused"].startswith("Head region")
    assert any(w["announced"] for w in walk[:3])
    assert walk[2]["announced"] and walk[2]["announced"] != walk[1]["focused"], walk[2]
    entered = walk[5]
    assert entered["key"] == "Return" and entered["role"] == "list item", entered
    assert entered["announced"] == entered["focused"] and "focused" in entered["states"]
    moved = [w["announced"] for w in walk[6:8] if w["announced"]]
    assert moved and moved[-1] != entered["focused"]
    assert walk[8]["key"] == "Return" and "selected" in walk[8]["states"]
    # Escape twice: back to the region, then no selection and no area filter.
    assert walk[9]["role"] == "push button" and walk[9]["announced"]

    # Page Down switches the figure: a new name, that figure's children, and the
    # children-changed events that make a screen reader forget the old ones.
    nxt = report["next_view"]
    assert nxt["name"].startswith("Body map, ") and nxt["name"] != report["map"]["name"], nxt["name"]
    assert nxt["child_count"] > 0 and set(nxt["children"]) != {c["name"] for c in children}, nxt
    added = [e for e in nxt["events"] if e["type"] == "object:children-changed:add"]
    assert len(added) == nxt["child_count"], nxt["events"]
    assert any(e["type"] == "object:property-change:accessible-name" for e in nxt["events"])

    # The result count is read as text and changes after a search.
    assert report["count_before"] == f"All {len(dataset.points)} points"
    expected = len(SearchIndex(dataset).search_indices("BL23", Filters()))
    assert report["count_after"] == f"{expected} of {len(dataset.points)} points" != report["count_before"]
    # ...and is spoken: an announcement with the new count (Orca reads it; focus stays put).
    assert any(e["type"] == "object:announcement" and e.get("text") == report["count_after"]
               for e in report["search_events"]), report["search_events"]
