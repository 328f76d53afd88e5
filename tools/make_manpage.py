"""Write docs/backpoints.1, the man page, from the argument parser and backpoints/manual.py.

    .venv/bin/python tools/make_manpage.py            # rewrite docs/backpoints.1
    .venv/bin/python tools/make_manpage.py --check    # exit 1 if it is out of date
    man -l docs/backpoints.1
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from backpoints import __version__  # noqa: E402
from backpoints.cli import build_parser  # noqa: E402
from backpoints.manual import COMMANDS, PROGRAM, PROGRAM_EPILOG  # noqa: E402

TARGET = ROOT / "docs" / "backpoints.1"


def roff(text: str) -> str:
    """Escape text for roff: backslashes, and a leading dot or quote on a line."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return "\n".join(("\\&" + line) if line.startswith((".", "'")) else line for line in text.split("\n"))


def options(parser: argparse.ArgumentParser) -> list[str]:
    lines = []
    for action in parser._actions:
        if not action.option_strings or action.help == argparse.SUPPRESS or isinstance(action, argparse._HelpAction):
            continue
        flags = ", ".join(f"\\fB{roff(flag)}\\fR" for flag in action.option_strings)
        if action.nargs != 0:
            metavar = action.metavar or (("{" + ",".join(action.choices) + "}") if action.choices else action.dest.upper())
            flags += f" \\fI{roff(str(metavar))}\\fR"
        lines += [".TP", flags, roff(action.help or "")]
    return lines


def verbatim(text: str) -> list[str]:
    return [".nf", roff(text.rstrip("\n")), ".fi"]


def page() -> str:
    os.environ["COLUMNS"] = "78"  # argparse wraps usage lines to the terminal; fix it
    parser = build_parser()
    [sub] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    out = [
        f'.TH BACKPOINTS 1 "" "backpoints {__version__}" "User Commands"',
        ".SH NAME",
        "backpoints \\- acupuncture and acupressure points for back pain, on a body map",
        ".SH SYNOPSIS",
        "\\fBbackpoints\\fR [\\fB\\-\\-data\\fR \\fIFILE\\fR]",
        ".br",
        "\\fBbackpoints\\fR \\fICOMMAND\\fR [\\fIOPTIONS\\fR]",
        ".SH DESCRIPTION",
        roff(PROGRAM),
        ".SH OPTIONS",
        *options(parser),
        ".SH COMMANDS",
    ]
    for name, command in sub.choices.items():
        description, epilog = COMMANDS.get(name, (command.description or "", ""))
        usage = command.format_usage().replace("usage: ", "").strip()
        out += [f".SS {name}", *verbatim(usage), ".PP", roff(description), *options(command)]
        if epilog:
            out += [".PP", *verbatim(epilog)]
    sections = PROGRAM_EPILOG.split("\n\n")
    titles = {"examples:": "EXAMPLES", "exit status:": "EXIT STATUS", "files:": "FILES"}
    for section in sections:
        head, _, body = section.partition("\n")
        out += [f".SH {titles.get(head.strip(), head.strip(':').upper())}", *verbatim(body)]
    out += [
        ".SH ENVIRONMENT",
        ".TP", "\\fBXDG_CONFIG_HOME\\fR, \\fBXDG_DATA_HOME\\fR, \\fBXDG_CACHE_HOME\\fR",
        "where settings, data and the cache go (see FILES)",
        ".TP", "\\fBBACKPOINTS_HOME\\fR",
        "put all of them under this one folder instead",
        ".TP", "\\fBQT_QPA_PLATFORM\\fR",
        "Qt's platform; \\fBoffscreen\\fR draws without a display",
        ".SH NOTES",
        "BackPoints is an educational reference, not medical advice.",
    ]
    return "\n".join(out) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="exit 1 when docs/backpoints.1 is out of date")
    args = parser.parse_args()
    text = page()
    if args.check:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET} is out of date: run tools/make_manpage.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(TARGET)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
