"""Write the anatomy model's marker positions into a dataset file, keeping its formatting.

    python tools/place_markers.py [data/points.yaml] [--check]

Each point's `markers:` block is replaced (or inserted after `bilateral:`) with the
positions backpoints.core.anatomy computes from the point's placement. With --check,
nothing is written and the exit code says whether the file is up to date.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from backpoints.core.anatomy import placement_for  # noqa: E402
from backpoints.core.model import Marker  # noqa: E402


def _scalar(node: yaml.Node | None) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) else None


def marker_block(markers: tuple[Marker, ...], indent: str) -> str:
    """The YAML text of a markers list, one flow mapping per line."""
    lines = [f"{indent}markers:\n"]
    for m in markers:
        lines.append(f"{indent}  - {{view: {m.view}, x: {m.x:.4f}, y: {m.y:.4f}}}\n")
    return "".join(lines)


def place(text: str) -> tuple[str, list[str]]:
    """The text with every known point's markers rewritten, and the codes left alone."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    points = next(v for k, v in root.value if k.value == "points")
    lines = text.splitlines(keepends=True)
    edits: list[tuple[int, int, str]] = []  # (first line, end line, replacement)
    unknown: list[str] = []
    for item in points.value:
        fields = {k.value: (k, v) for k, v in item.value}
        code = _scalar(fields["code"][1])
        bilateral = str(_scalar(fields["bilateral"][1])).lower() in {"true", "yes", "on"}
        spine = fields.get("spine")
        level = lateral = None
        if spine is not None:
            sub = {k.value: v.value for k, v in spine[1].value}
            level, lateral = sub["level"], float(sub["lateral_cun"])
        markers = placement_for(str(code), bilateral, level, lateral)
        if markers is None:
            unknown.append(str(code))
            continue
        indent = " " * fields["code"][0].start_mark.column
        block = marker_block(markers, indent)
        if "markers" in fields:
            key, value = fields["markers"]
            start = key.start_mark.line
            # A flow list ends on its own line; a block list where the next key starts.
            end = value.end_mark.line + 1 if value.flow_style else value.end_mark.line
            end = max(end, start + 1)
            edits.append((start, end, block))
        else:
            after = fields["bilateral"][1].end_mark.line + 1
            edits.append((after, after, block))
    for start, end, block in sorted(edits, reverse=True):
        lines[start:end] = [block]
    return "".join(lines), unknown


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default="data/points.yaml")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    path = Path(args.file)
    text = path.read_text(encoding="utf-8")
    new, unknown = place(text)
    for code in unknown:
        print(f"{path}: {code}: the anatomy model has no placement; markers left as they are", file=sys.stderr)
    if args.check:
        if new != text:
            print(f"{path}: markers differ from the anatomy model; run tools/place_markers.py", file=sys.stderr)
            return 1
        return 0
    if new != text:
        tmp = path.with_suffix(".tmp")
        tmp.write_text(new, encoding="utf-8")
        tmp.replace(path)
        print(f"{path}: markers updated", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
