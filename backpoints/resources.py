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
