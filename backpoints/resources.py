"""The one place that finds bundled files (data/ and assets/), from a wheel or a checkout."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def data_file(name: str) -> Path:
    """Path of a file shipped in data/ (e.g. 'points.yaml')."""
    return Path(str(resources.files("backpoints.data").joinpath(name)))


def asset_file(name: str) -> Path:
    """Path of a file shipped in assets/ (e.g. 'back.svg' or 'fonts/x.ttf')."""
    return Path(str(resources.files("backpoints.assets").joinpath(name)))


def default_dataset_path() -> Path:
    """The bundled dataset."""
    return data_file("points.yaml")


APP_ID = "io.github.backpoints.BackPoints"
"""The desktop id: names the .desktop file, the icon and the AppStream component."""


def icon_file() -> Path:
    """The application icon (SVG, drawn to read at 16 px); for QIcon and the desktop menu."""
    return asset_file(f"desktop/{APP_ID}.svg")


def desktop_entry_file() -> Path:
    """The .desktop file template (its Exec line is filled in on install)."""
    return asset_file(f"desktop/{APP_ID}.desktop")


def metainfo_file() -> Path:
    """The AppStream metainfo file."""
    return asset_file(f"desktop/{APP_ID}.metainfo.xml")
