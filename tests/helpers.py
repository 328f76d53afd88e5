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


def dense_dataset_text(count: int) -> str:
    """A valid dataset of `count` bilateral points spread over the back figure."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    parts = [HEADER]
    for i in range(count):
        code = f"EX-{letters[i // 99 // 26 % 26]}{letters[i // 99 % 26]}{i % 99 + 1}"
        dx = 0.02 + (i * 37 % 100) / 400  # 0.02 .. 0.27 from the midline
        y = 0.05 + (i * 53 % 1000) / 1100
        point = POINT.format(code=code).replace("x: 0.45, y: 0.36", f"x: {0.5 - dx:.4f}, y: {y:.4f}")
        point = point.replace("x: 0.55, y: 0.36", f"x: {0.5 + dx:.4f}, y: {y:.4f}")
        parts.append(point.replace("meridian: BL", "meridian: EX"))
    return "".join(parts)
