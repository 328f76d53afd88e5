"""The wheel carries data/ and assets/ and works from a fresh virtual environment."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from backpoints.resources import asset_file, data_file
from tests.conftest import ROOT


def test_resources_are_found_from_this_install() -> None:
    assert data_file("points.yaml").is_file()
    assert data_file("guide.md").is_file()
    for name in ("front.svg", "back.svg", "side.svg", "hand.svg", "foot-lateral.svg", "foot-medial.svg",
                 "fonts/BackPointsSansCJK-Regular.ttf", "fonts/BackPointsSans-Regular.ttf", "fonts/LICENSE-NotoSansCJK.txt", "fonts/LICENSE-DejaVu.txt"):
        assert asset_file(name).is_file(), name


@pytest.mark.slow
def test_wheel_in_a_fresh_venv_lists_the_dataset(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(dist), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    [wheel] = dist.glob("backpoints-*.whl")
    env_dir = tmp_path / "fresh"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    # Only the data commands run here, and they need PyYAML alone: no Qt download for this test.
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", str(wheel), "PyYAML"],
        capture_output=True, text=True, timeout=300,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [str(env_dir / "bin" / "backpoints"), "list", "--json"],
        capture_output=True, text=True, cwd=elsewhere, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    points = json.loads(result.stdout)
    assert len(points) >= 60 and points[0]["code"]
    check = subprocess.run(
        [str(python), "-c",
         "import backpoints.resources as r, sys; "
         "print(r.asset_file('back.svg'), r.asset_file('fonts/BackPointsSansCJK-Regular.ttf').is_file())"],
        capture_output=True, text=True, cwd=elsewhere, timeout=60,
    )
    location, font_ok = check.stdout.split()
    assert str(env_dir) in location and font_ok == "True", check.stdout + check.stderr
