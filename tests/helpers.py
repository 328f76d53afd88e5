"""Small builders for test datasets."""

from __future__ import annotations

POINT = """\
  - code: {code}
    name: Test Point
    pinyin: Cèshì
    hanzi: 测试
    meridian: BL
    pain: [lower]
    areas: [lower-back]
    bilateral: true
    markers:
      - {{view: back, x: 0.45, y: 0.36}}
      - {{view: back, x: 0.55, y: 0.36}}
    location: On the back.
    how_to_find: Feel for it.
    technique:
      needling: Oblique, 0.5 cun.
      acupressure: Press for a minute.
    back_pain_use: Local point.
    cautions: []
    pregnancy_caution: false
    sources: [who2008]
"""

HEADER = """\
format: 1
title: Test data
sources:
  who2008:
    citation: WHO 2008.
points:
"""


def dataset_text(*codes: str, header: str = HEADER) -> str:
    """A valid dataset with one test point per code."""
    return header + "".join(POINT.format(code=c) for c in codes or ("BL23",))
