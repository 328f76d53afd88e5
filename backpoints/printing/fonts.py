"""The bundled fonts, so pinyin and Chinese characters look and embed the same everywhere."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase

from ..resources import asset_file

log = logging.getLogger(__name__)

LATIN_FAMILY = "BackPoints Sans"
CJK_FAMILY = "BackPoints Sans CJK"
FILES = ("BackPointsSans-Regular", "BackPointsSans-Bold", "BackPointsSansCJK-Regular", "BackPointsSansCJK-Bold")
_loaded = False


def load_fonts() -> None:
    """Register the bundled fonts once (needs a QGuiApplication)."""
    global _loaded
    if not _loaded:
        for name in FILES:
            path = asset_file(f"fonts/{name}.ttf")
            if QFontDatabase.addApplicationFont(str(path)) < 0:
                log.warning("could not load the bundled font %s", path)
        _loaded = True


def sheet_font(points: float, bold: bool = False) -> QFont:
    """Latin and pinyin from BackPoints Sans, Chinese characters from BackPoints Sans CJK."""
    font = QFont()
    font.setFamilies([LATIN_FAMILY, CJK_FAMILY])
    font.setPointSizeF(points)
    font.setBold(bold)
    return font
