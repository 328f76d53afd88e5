"""Build a one-folder PyInstaller bundle of BackPoints for people without Python, and a
.tar.gz with it and the desktop files.

    .venv/bin/pip install -e ".[bundle]"
    .venv/bin/python tools/build_bundle.py [--check]

Output: dist/backpoints-VERSION-linux-ARCH/ (run ./backpoints; ./backpoints install-desktop
adds it to the menu) and dist/backpoints-VERSION-linux-ARCH.tar.gz. The bundle still needs
the system libraries Qt loads (see the README's package list). --check runs the bundled
`backpoints list --json` and `backpoints screenshot` and fails if either does not work.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from backpoints import __version__  # noqa: E402
from backpoints.resources import APP_ID  # noqa: E402

# Qt modules the app never imports; PyInstaller's hooks would otherwise follow PySide6's
# optional imports into them.
EXCLUDED = (
    "PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets",
    "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets", "PySide6.QtSql", "PySide6.QtTest",
    "PySide6.QtConcurrent", "PySide6.QtDesigner", "PySide6.QtUiTools", "PySide6.QtXml",
    "PySide6.QtDBus", "PySide6.QtHelp", "PySide6.QtNetworkAuth",
    "tkinter", "unittest", "pydoc", "test",
)

ENTRY = "from backpoints.cli import main\nraise SystemExit(main())\n"

README = f"""BackPoints {__version__}, a bundle that needs no Python.

Run it from this folder:        ./backpoints
Add it to the application menu: ./backpoints install-desktop
Headless commands:              ./backpoints --help

Qt still loads these libraries from the system; on Debian or Ubuntu:
  sudo apt-get install -y libgl1 libegl1 libglib2.0-0 libfontconfig1 libxkbcommon-x11-0 \\
    libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libcups2

The desktop files are also in share/ for system-wide packaging.
BackPoints is an educational reference, not medical advice.
"""


def stage(folder: Path) -> Path:
    """backpoints/ with data/ and assets/ inside it, as the wheel lays them out."""
    target = folder / "backpoints"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "backpoints", target, ignore=ignore)
    shutil.copytree(ROOT / "data", target / "data", ignore=ignore)
    shutil.copytree(ROOT / "assets", target / "assets", ignore=ignore)
    (folder / "backpoints-entry.py").write_text(ENTRY, encoding="utf-8")
    return folder


def build(dist: Path) -> Path:
    """Run PyInstaller; returns the bundle folder."""
    name = f"backpoints-{__version__}-linux-{platform.machine()}"
    with tempfile.TemporaryDirectory(prefix="backpoints-bundle-") as temp:
        staging = stage(Path(temp) / "src")
        command = [
            sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--onedir", "--log-level", "WARN",
            "--name", "backpoints",
            "--distpath", str(Path(temp) / "dist"), "--workpath", str(Path(temp) / "work"),
            "--specpath", temp, "--paths", str(staging),
            "--collect-data", "backpoints",
            "--hidden-import", "backpoints.data", "--hidden-import", "backpoints.assets",
            "--hidden-import", "backpoints.ui.app", "--hidden-import", "backpoints.ui.main_window",
            "--hidden-import", "backpoints.printing.renderer", "--hidden-import", "backpoints.printing.printer",
            "--hidden-import", "yaml",
        ]
        for module in EXCLUDED:
            command += ["--exclude-module", module]
        command.append(str(staging / "backpoints-entry.py"))
        subprocess.run(command, check=True, cwd=temp, env=dict(os.environ, PYTHONPATH=str(staging)))
        bundle = dist / name
        if bundle.exists():
            shutil.rmtree(bundle)
        dist.mkdir(parents=True, exist_ok=True)
        shutil.move(str(Path(temp) / "dist" / "backpoints"), bundle)
    share = bundle / "share"
    for sub, source in (("applications", f"{APP_ID}.desktop"), ("icons/hicolor/scalable/apps", f"{APP_ID}.svg"),
                        ("metainfo", f"{APP_ID}.metainfo.xml")):
        (share / sub).mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / "assets" / "desktop" / source, share / sub / source)
    (share / "man" / "man1").mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "docs" / "backpoints.1", share / "man" / "man1" / "backpoints.1")
    (bundle / "README.txt").write_text(README, encoding="utf-8")
    return bundle


def archive(bundle: Path) -> Path:
    """bundle/ -> bundle.tar.gz with one top folder."""
    target = bundle.with_name(bundle.name + ".tar.gz")
    with tarfile.open(target, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname=bundle.name)
    return target


def check(bundle: Path) -> None:
    """Run the bundled list --json and screenshot from another folder, without the checkout."""
    executable = bundle / "backpoints"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="backpoints-check-") as temp:
        env["BACKPOINTS_HOME"] = str(Path(temp) / "home")
        listed = subprocess.run([str(executable), "list", "--json"], capture_output=True, text=True,
                                cwd=temp, env=env, timeout=120)
        if listed.returncode != 0:
            raise SystemExit(f"bundled list failed ({listed.returncode}):\n{listed.stderr}")
        points = json.loads(listed.stdout)
        if len(points) < 60:
            raise SystemExit(f"bundled list printed only {len(points)} points")
        shot = Path(temp) / "shot.png"
        shown = subprocess.run([str(executable), "screenshot", "--output", str(shot), "--select", "BL23"],
                               capture_output=True, text=True, cwd=temp, env=env, timeout=180)
        if shown.returncode != 0 or shot.read_bytes()[:4] != b"\x89PNG":
            raise SystemExit(f"bundled screenshot failed ({shown.returncode}):\n{shown.stderr}")
        version = subprocess.run([str(executable), "--version"], capture_output=True, text=True, env=env, timeout=60)
        print(f"check: list --json gave {len(points)} points; screenshot {shot.stat().st_size} bytes; "
              f"{version.stdout.strip()}")


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (default dist/)")
    parser.add_argument("--check", action="store_true", help="run the bundled list and screenshot afterwards")
    args = parser.parse_args()
    start = time.monotonic()
    bundle = build(args.dist.resolve())
    tarball = archive(bundle)
    print(f"bundle: {bundle} ({size_of(bundle) / 1e6:.0f} MB); archive: {tarball} "
          f"({tarball.stat().st_size / 1e6:.0f} MB); built in {time.monotonic() - start:.0f} s")
    if args.check:
        check(bundle)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
