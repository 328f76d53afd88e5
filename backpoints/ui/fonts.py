"""The bundled font, so pinyin and Chinese characters look and embed the same everywhere."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFontDatabase

from ..resources import asset_file

log = logging.getLogger(__name__)

CJK_FAMILY = "BackPoints Sans CJK"
_loaded = False


def load_fonts() -> str:
    """Register the bundled fonts once (needs a QGuiApplication); returns the family name."""
    global _loaded
    if not _loaded:
        for style in ("Regular", "Bold"):
            path = asset_file(f"fonts/BackPointsSansCJK-{style}.otf")
            if QFontDatabase.addApplicationFont(str(path)) < 0:
                log.warning("could not load the bundled font %s", path)
        _loaded = True
    return CJK_FAMILY
