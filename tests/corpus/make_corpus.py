"""Write the corpus of broken (and a few tricky but valid) files used by tests/test_reliability.py.

    python tests/corpus/make_corpus.py

The files are committed; this script documents how each was made.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from tests.helpers import HEADER, dataset_text  # noqa: E402

GOOD = dataset_text("BL23", "GV4")

LAUGHS = "format: 1\nlol0: &a0 [lol]\n" + "".join(
    f"lol{i}: &a{i} [{', '.join(f'*a{i - 1}' for _ in range(10))}]\n" for i in range(1, 10)
) + "points: *a9\n"

DATASETS: dict[str, str | bytes] = {
    "syntax-unclosed-quote.yaml": HEADER + "  - code: 'BL23\n    name: Test\n",
    "syntax-tab.yaml": GOOD.replace("    name: Test Point", "\tname: Test Point", 1),
    "syntax-bad-indent.yaml": GOOD.replace("    pinyin: Cèshì", "      pinyin: Cèshì", 1),
    "empty.yaml": "",
    "top-list.yaml": "- code: BL23\n- code: GV4\n",
    "top-scalar.yaml": "just some words\n",
    "missing-fields.yaml": GOOD.replace("    location: On the back.\n", "", 1),
    "wrong-type-bool.yaml": GOOD.replace("    bilateral: true", "    bilateral: 3", 1),
    "wrong-type-list.yaml": GOOD.replace("    areas: [lower-back]", "    areas: lower-back", 1),
    "unknown-key.yaml": GOOD.replace("    bilateral: true", "    bilateral: true\n    colour: red", 1),
    "duplicate-codes.yaml": dataset_text("BL23", "BL23"),
    "duplicate-yaml-key.yaml": GOOD.replace("    name: Test Point", "    name: Test Point\n    name: Again", 1),
    "unknown-area.yaml": GOOD.replace("    areas: [lower-back]", "    areas: [elbow]", 1),
    "unknown-view.yaml": GOOD.replace("{view: back, x: 0.45", "{view: top, x: 0.45", 1),
    "coord-out-of-range.yaml": GOOD.replace("x: 0.45, y: 0.36", "x: 1.45, y: 0.36", 1),
    "coord-not-number.yaml": GOOD.replace("x: 0.45, y: 0.36", "x: left, y: 0.36", 1),
    "coord-nan.yaml": GOOD.replace("x: 0.45, y: 0.36", "x: .nan, y: 0.36", 1),
    "coord-infinity.yaml": GOOD.replace("x: 0.45, y: 0.36", "x: 0.45, y: -.inf", 1),
    "non-utf8.yaml": GOOD.encode("utf-8").replace("Cèshì".encode("utf-8"), "Cèshì".encode("latin-1"), 1),
    "python-object.yaml": "format: 1\npoints: !!python/object/apply:os.system ['touch /tmp/backpoints-pwned']\n",
    "unknown-tag.yaml": GOOD.replace("    name: Test Point", "    name: !include secrets.yaml", 1),
    "billion-laughs.yaml": LAUGHS,
    "deep-nesting.yaml": "format: 1\npoints: " + "[" * 5000 + "]" * 5000 + "\n",
    "deep-block-nesting.yaml": "format: 1\npoints:\n" + "- " * 3000 + "x\n",
    # Valid but tricky: a byte order mark, and markup that must be shown literally.
    "valid-bom.yaml": b"\xef\xbb\xbf" + GOOD.encode("utf-8"),
    "valid-markup.yaml": GOOD.replace(
        "    location: On the back.",
        "    location: '<img src=\"http://example.com/x.png\"><a href=\"http://example.com\">click</a>"
        "<script>alert(1)</script>'",
        1,
    ),
}

SHEETS: dict[str, str | bytes] = {
    "syntax.yaml": "backpoints_sheet: 1\npoints: [BL23\n",
    "empty.yaml": "",
    "top-list.yaml": "- BL23\n- GV4\n",
    "unknown-key.yaml": "backpoints_sheet: 1\nfont: Comic\npoints: [BL23]\n",
    "wrong-type.yaml": "backpoints_sheet: 1\npoints: BL23\n",
    "duplicate-point.yaml": "backpoints_sheet: 1\npoints: [BL23, GV4, BL23]\n",
    "bad-paper.yaml": "backpoints_sheet: 1\npaper: A3\npoints: [BL23]\n",
    "python-object.yaml": "backpoints_sheet: 1\ntitle: !!python/object/new:os.system [echo]\npoints: []\n",
    "non-utf8.yaml": "backpoints_sheet: 1\ntitle: Caf\xe9\npoints: []\n".encode("latin-1"),
    "unknown-code.yaml": "backpoints_sheet: 1\ntitle: Mixed\npoints: [BL23, XX99]\n",
}


def main() -> None:
    for folder, files in (("datasets", DATASETS), ("sheets", SHEETS)):
        for name, content in files.items():
            path = HERE / folder / name
            path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


if __name__ == "__main__":
    main()
