"""BackPoints benchmark: start-up, memory, loading, search, sheets, map and diary, beside bare Qt.

    python bench/run.py [--quick] [--json]

Every figure is the median of several repetitions, measured in one run so the app
and the bare-Qt floor see the same machine load. Runs offscreen. Timings live here,
never in the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
if not os.environ.get("QT_QPA_PLATFORM", "").strip():
    os.environ["QT_QPA_PLATFORM"] = "offscreen"

# Child scripts print "READY <maxrss KiB>" once the first screen is painted.
WATCH_PAINT = r"""
painted = []
class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            painted.append(1)
        return False
watch = Watch()
"""

BARE = r"""
import resource, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1400, 900)
""" + WATCH_PAINT + r"""
window.installEventFilter(watch)
window.show()
while not painted:
    app.processEvents()
print("READY", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
"""

APP = r"""
import resource, sys
from PySide6.QtCore import QEvent, QObject
from backpoints.logs import configure
from backpoints.datasets import load_or_bundled
from backpoints.ui.app import create_application, ensure_platform, install_exception_hook, open_settings
configure()
ensure_platform()
app = create_application()
install_exception_hook()
from backpoints.ui.main_window import MainWindow
dataset, _ = load_or_bundled(None)
window = MainWindow(dataset, open_settings())
window.restore_state()
window.resize(1400, 900)
""" + WATCH_PAINT + r"""
window.map.viewport().installEventFilter(watch)
window.show()
while not painted:
    app.processEvents()
print("READY", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
"""


def median(values: list[float]) -> float:
    return statistics.median(values)


def time_child(script: str, home: str) -> tuple[float, float]:
    """Seconds from process start to READY, and peak RSS in MiB at that moment."""
    env = dict(os.environ, BACKPOINTS_HOME=home, QT_QPA_PLATFORM="offscreen")
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             text=True, env=env, cwd=str(ROOT))
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = time.perf_counter() - start
    child.kill()
    child.wait()
    if not line.startswith("READY"):
        raise RuntimeError(f"child did not start: {line!r}")
    return elapsed, int(line.split()[1]) / 1024


def synthetic_text(count: int) -> str:
    """A valid dataset of `count` points built from the bundled points with new codes."""
    import yaml

    from backpoints.resources import default_dataset_path

    base = yaml.safe_load(default_dataset_path().read_text(encoding="utf-8"))
    points = base["points"]
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = []
    for i in range(count):
        point = dict(points[i % len(points)])
        n = i // 99
        point["code"] = f"EX-{letters[n // 26 % 26]}{letters[n % 26]}{i % 99 + 1}"
        # Spread markers a little so points do not sit on one another.
        jitter = (i // len(points)) * 0.0007
        point["markers"] = [
            {"view": m["view"], "x": min(1.0, m["x"] + jitter % 0.05), "y": min(1.0, m["y"] + jitter % 0.03)}
            for m in point["markers"]
        ]
        point.pop("spine", None)
        out.append(point)
    # A JSON round trip unshares the copied lists, so the dump has no YAML aliases.
    base["points"] = json.loads(json.dumps(out))
    return yaml.safe_dump(base, allow_unicode=True, sort_keys=False)


def repeat(fn: Callable[[], object], times: int) -> list[float]:
    results = []
    for _ in range(times):
        start = time.perf_counter()
        fn()
        results.append(time.perf_counter() - start)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions and sizes (under a minute)")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    args = parser.parse_args()
    reps = 3 if args.quick else 9
    sizes = [1000] if args.quick else [1000, 10000]
    report: dict[str, object] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "date": time.strftime("%Y-%m-%d"),
        "quick": args.quick,
    }
    home = tempfile.mkdtemp(prefix="bench-home-")

    # 1-2. Start-up and memory, interleaved so both see the same load.
    bare_t, bare_m, app_t, app_m = [], [], [], []
    time_child(BARE, home)  # warm the file cache
    time_child(APP, home)
    for _ in range(reps):
        t, m = time_child(BARE, home)
        bare_t.append(t)
        bare_m.append(m)
        t, m = time_child(APP, home)
        app_t.append(t)
        app_m.append(m)
    report["startup_s"] = {"bare": median(bare_t), "app": median(app_t), "ratio": median(app_t) / median(bare_t)}
    report["peak_rss_mib"] = {"bare": median(bare_m), "app": median(app_m), "ratio": median(app_m) / median(bare_m)}

    # In-process measurements from here on.
    from backpoints.core.loader import load_dataset, parse_dataset
    from backpoints.core.search import SearchIndex
    from backpoints.core.sheet import Sheet
    from backpoints.resources import default_dataset_path
    from backpoints.ui.app import create_application

    os.environ["BACKPOINTS_HOME"] = home
    app = create_application()
    bundled = load_dataset(str(default_dataset_path()))

    # 3. Load and validate.
    load = {"bundled": median(repeat(lambda: load_dataset(str(default_dataset_path())), reps * 3))}
    texts = {n: synthetic_text(n) for n in sizes}
    for n, text in texts.items():
        load[str(n)] = median(repeat(lambda t=text: parse_dataset(t), max(3, reps // 2)))
    report["load_s"] = load

    # 4. Search per keystroke: match+rank alone, and the whole GUI update.
    from backpoints.ui.main_window import MainWindow

    query = "lumbar pain"
    prefixes = [query[: i + 1] for i in range(len(query))]
    search: dict[str, object] = {}
    datasets = {"bundled": bundled} | {str(n): parse_dataset(t) for n, t in texts.items()}
    from backpoints.core import search as search_module

    def build_index(ds: object) -> SearchIndex:
        # The first keystroke builds the index; drop the module's small caches so each
        # repetition pays what a fresh process pays.
        for cache in ("_FOLDED", "_STEMS", "_SHORT_TOKENS"):
            getattr(search_module, cache, {}).clear()
        return SearchIndex(ds)  # type: ignore[arg-type]

    for label, ds in datasets.items():
        build = median(repeat(lambda d=ds: build_index(d), max(3, reps // 3)))
        index = SearchIndex(ds)

        def type_fresh(index: SearchIndex = index) -> None:
            # Each pass types the query as a user would the first time: nothing remembered.
            getattr(index, "_memo", {}).clear()
            for p in prefixes:
                index.search_indices(p)

        match = [t / len(prefixes) for t in repeat(type_fresh, reps * 2)]
        window = MainWindow(ds, None)
        window.resize(1400, 900)
        window.show()
        app.processEvents()
        box = window.search_panel.search

        def type_query() -> None:
            box.clear()
            getattr(getattr(window, "_index", None), "_memo", {}).clear()
            for p in prefixes:
                box.setText(p)  # textChanged -> search, model reset, map highlight
                app.processEvents()  # and the repaint the keystroke causes

        whole = [t / len(prefixes) for t in repeat(type_query, max(2, reps // 2))]
        search[label] = {"match_ms": median(match) * 1000, "keystroke_ms": median(whole) * 1000,
                         "index_build_ms": build * 1000}
        window.close()
        window.deleteLater()
        app.processEvents()
    report["search_per_keystroke"] = search

    # 5. Sheets to PDF.
    from backpoints.printing.renderer import write_pdf

    out = Path(home) / "bench.pdf"
    ten = Sheet(title="Ten", points=tuple(p.code for p in bundled.points[:10]))
    every = Sheet(title="All", points=tuple(p.code for p in bundled.points))
    write_pdf(out, ten, bundled)  # warm-up: fonts, SVG
    report["sheet_pdf_s"] = {
        "10_points": median(repeat(lambda: write_pdf(out, ten, bundled), reps)),
        f"{len(bundled)}_points": median(repeat(lambda: write_pdf(out, every, bundled), reps)),
    }
    # Many points on one figure: badge placement must not be quadratic (issue 19).
    dense = datasets[str(sizes[0])]
    dense_sheet = Sheet(title="Dense", points=tuple(p.code for p in dense.points))
    report["sheet_pdf_s"][f"{len(dense)}_dense_points"] = median(
        repeat(lambda: write_pdf(out, dense_sheet, dense), max(1, reps // 3)))
    # A sheet file of 100,000 codes: the duplicate check must not be quadratic (issue 19).
    from backpoints.core.sheet import load_sheet

    huge = Path(home) / "huge.bpsheet.yaml"
    huge.write_text("backpoints_sheet: 1\npoints:\n" + "".join(f"- EX-A{i}\n" for i in range(100_000)), encoding="utf-8")
    report["sheet_load_s"] = {"100000_codes": median(repeat(lambda: load_sheet(huge), 1))}

    # 6. Map repaint after hover and selection with many markers.
    from backpoints.ui.bodymap import BodyMapView

    big = datasets[str(sizes[-1])]
    from backpoints.ui.state import BrowseState

    view = BodyMapView(BrowseState(big))
    view.resize(900, 900)
    view.show()
    app.processEvents()
    markers = sum(len(entry[1]) for entry in view.scene_for("back").points_here.values())
    codes = [p.code for p in big.points if any(m.view == "back" for m in p.markers)][:40]

    def hover_cycle() -> None:
        for code in codes:
            view.set_hovered_point(code)
            app.processEvents()

    def select_cycle() -> None:
        for code in codes:
            view.select_point(code)
            app.processEvents()

    report["map_repaint_ms"] = {
        "markers_on_view": markers,
        "hover": median(repeat(hover_cycle, reps)) / len(codes) * 1000,
        "select": median(repeat(select_cycle, reps)) / len(codes) * 1000,
    }
    if hasattr(view, "set_grid"):  # the landmark layer and B-cun grid (cached items), when the map has them
        view.set_landmarks(True)
        view.set_grid(True)
        app.processEvents()
        report["map_repaint_ms"]["hover_with_layers"] = median(repeat(hover_cycle, reps)) / len(codes) * 1000  # type: ignore[index]
    view.close()

    # 7. The diary: open it with 5 years of daily check-ins, then redraw the chart.
    from bench.diary import bench_diary  # the diary's figures live in bench/diary.py

    report["diary_ms"] = bench_diary(app, Path(home), bundled, reps)

    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_table(report)
    return 0


def print_table(r: dict[str, object]) -> None:
    s = r["startup_s"]
    m = r["peak_rss_mib"]
    print(f"BackPoints benchmark, {r['date']}, {r['machine']}, Python {r['python']}{' (quick)' if r['quick'] else ''}")
    print(f"start-up        bare {s['bare']:.3f} s   app {s['app']:.3f} s   ratio {s['ratio']:.2f}  (target <= 1.3)")  # type: ignore[index]
    print(f"peak RSS        bare {m['bare']:.0f} MiB   app {m['app']:.0f} MiB   ratio {m['ratio']:.2f}  (target <= 1.3)")  # type: ignore[index]
    for label, value in r["load_s"].items():  # type: ignore[attr-defined]
        print(f"load+validate   {label:>8}: {value * 1000:8.1f} ms")
    for label, value in r["search_per_keystroke"].items():  # type: ignore[attr-defined]
        print(f"search/key      {label:>8}: match {value['match_ms']:7.3f} ms   whole update {value['keystroke_ms']:7.2f} ms"
              f"   index build {value.get('index_build_ms', 0):7.1f} ms")
    for label, value in r["sheet_pdf_s"].items():  # type: ignore[attr-defined]
        print(f"sheet to PDF    {label:>10}: {value:.3f} s")
    mp = r["map_repaint_ms"]
    print(f"map repaint     {mp['markers_on_view']} markers: hover {mp['hover']:.2f} ms   select {mp['select']:.2f} ms")  # type: ignore[index]
    from bench.diary import print_diary

    print_diary(r["diary_ms"])  # type: ignore[arg-type]
    if "hover_with_layers" in mp:  # type: ignore[operator]
        print(f"map repaint     with landmarks and grid: hover {mp['hover_with_layers']:.2f} ms")  # type: ignore[index]


if __name__ == "__main__":
    raise SystemExit(main())
