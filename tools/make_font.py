"""Subset Noto Sans CJK SC (SIL OFL 1.1) into assets/fonts/ for the app and printed sheets.

    python tools/make_font.py [NotoSansCJK-Regular.ttc] [NotoSansCJK-Bold.ttc]

Keeps Latin (with the pinyin tone marks), common punctuation and every Chinese
character used in data/points.yaml and data/guide.md, so codes, pinyin and
characters render and embed the same on every machine. Needs fontTools (a
developer tool, not a run-time dependency). Debian: package fonts-noto-cjk.
The subset is renamed "BackPoints Sans CJK" as a Modified Version under the OFL.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = "/usr/share/fonts/opentype/noto/NotoSansCJK-{}.ttc"
SC_INDEX = 2  # Noto Sans CJK SC in the collection
FAMILY = "BackPoints Sans CJK"

BASE_RANGES = [(0x20, 0x7E), (0xA0, 0x24F), (0x2010, 0x2027), (0x2030, 0x203A), (0x2190, 0x2193),
               (0x2212, 0x2212), (0x25A0, 0x25CF), (0x3000, 0x3011), (0xFF01, 0xFF5E)]


def used_characters() -> set[int]:
    chars = {c for lo, hi in BASE_RANGES for c in range(lo, hi + 1)}
    for name in ("data/points.yaml", "data/guide.md"):
        chars.update(ord(c) for c in (ROOT / name).read_text(encoding="utf-8") if ord(c) > 0x2E80)
    return chars


def make(source: str, style: str) -> Path:
    font = TTCollection(source).fonts[SC_INDEX]
    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.layout_features = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=used_characters())
    subsetter.subset(font)
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 4, 6, 16):
            value = {1: FAMILY, 16: FAMILY, 4: f"{FAMILY} {style}", 6: f"BackPointsSansCJK-{style}"}[record.nameID]
            names.setName(value, record.nameID, record.platformID, record.platEncID, record.langID)
    out = ROOT / "assets" / "fonts" / f"BackPointsSansCJK-{style}.otf"
    font.save(out)
    return out


def main() -> int:
    regular = sys.argv[1] if len(sys.argv) > 1 else DEFAULT.format("Regular")
    bold = sys.argv[2] if len(sys.argv) > 2 else DEFAULT.format("Bold")
    for source, style in ((regular, "Regular"), (bold, "Bold")):
        out = make(source, style)
        print(f"wrote {out} ({out.stat().st_size // 1024} KB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
