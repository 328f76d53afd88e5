"""Subset the fonts in assets/fonts/ that the app and the printed sheets use.

    python tools/make_font.py

- "BackPoints Sans": DejaVu Sans (Bitstream Vera licence, DejaVu changes public
  domain) cut to Latin with the pinyin tone marks and common punctuation, without
  ligatures, so a PDF's text copies and searches as typed ("fi", not a ligature).
- "BackPoints Sans CJK": Noto Sans CJK SC (SIL OFL 1.1) cut to the Chinese
  characters of data/points.yaml and data/guide.md, with TrueType outlines.

Both are renamed as modified versions, as their licences ask. Needs fontTools (a
developer tool, not a run-time dependency) and the Debian packages fonts-dejavu-core
and fonts-noto-cjk.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

ROOT = Path(__file__).resolve().parent.parent
NOTO = "/usr/share/fonts/opentype/noto/NotoSansCJK-{}.ttc"
SC_INDEX = 2  # Noto Sans CJK SC in the collection
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans{}.ttf"
LATIN_RANGES = [(0x20, 0x7E), (0xA0, 0x24F), (0x2010, 0x2027), (0x2030, 0x203A), (0x2190, 0x2193),
                (0x2212, 0x2212), (0x2248, 0x2265), (0x25A0, 0x25CF), (0x26A0, 0x26A0)]
CJK_RANGES = [(0x3000, 0x3011), (0xFF01, 0xFF5E)]


def cjk_characters() -> set[int]:
    chars = {c for lo, hi in CJK_RANGES for c in range(lo, hi + 1)}
    for name in ("data/points.yaml", "data/guide.md"):
        chars.update(ord(c) for c in (ROOT / name).read_text(encoding="utf-8") if ord(c) >= 0x2E80)
    return chars


def cff_to_truetype(font: TTFont) -> None:
    """Replace CFF outlines with TrueType ones: Qt's PDF writer embeds TrueType fonts with a
    complete Unicode map, while with CFF input the copied or searched text loses characters."""
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in glyph_order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = glyphs
    for table in ("CFF ", "VORG"):
        if table in font:
            del font[table]
    font["head"].glyphDataFormat = 0
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 1 if field == "maxZones" else 0)
    maxp.maxComponentDepth = 0
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = glyph_order
    font.sfntVersion = "\x00\x01\x00\x00"
    font.recalcBBoxes = True


def _subset(font: TTFont, unicodes: set[int], features: list[str]) -> None:
    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.layout_features = features
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)


def _rename(font: TTFont, family: str, style: str) -> None:
    names = font["name"]
    postscript = family.replace(" ", "") + "-" + style
    for record in list(names.names):
        if record.nameID in (1, 3, 4, 6, 16):
            value = {1: family, 16: family, 3: postscript, 4: f"{family} {style}", 6: postscript}[record.nameID]
            names.setName(value, record.nameID, record.platformID, record.platEncID, record.langID)


def make_latin(style: str) -> Path:
    font = TTFont(DEJAVU.format("" if style == "Regular" else "-Bold"))
    # No ligatures: their glyphs would copy out of a PDF as U+FB01 instead of "fi".
    _subset(font, {c for lo, hi in LATIN_RANGES for c in range(lo, hi + 1)}, ["ccmp", "locl", "kern", "mark", "mkmk"])
    _rename(font, "BackPoints Sans", style)
    out = ROOT / "assets" / "fonts" / f"BackPointsSans-{style}.ttf"
    font.save(out)
    return out


def make_cjk(style: str) -> Path:
    font = TTCollection(NOTO.format(style)).fonts[SC_INDEX]
    _subset(font, cjk_characters(), ["ccmp", "locl", "vert", "vrt2"])
    _rename(font, "BackPoints Sans CJK", style)
    cff_to_truetype(font)
    out = ROOT / "assets" / "fonts" / f"BackPointsSansCJK-{style}.ttf"
    font.save(out)
    return out


def main() -> int:
    for style in ("Regular", "Bold"):
        for out in (make_latin(style), make_cjk(style)):
            print(f"wrote {out} ({out.stat().st_size // 1024} KB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
