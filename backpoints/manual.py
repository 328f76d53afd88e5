"""The long help of every command: descriptions and examples, shared by --help and the
man page (tools/make_manpage.py). Kept apart from cli.py so that file stays about parsing."""

from __future__ import annotations

import argparse
import textwrap

from . import __version__

PROGRAM = (
    "BackPoints: a reference of the acupuncture and acupressure points used for lower and "
    "upper back pain, on a body map. An educational reference, not medical advice. "
    "Without a command it opens the window, which needs a graphical desktop session; "
    "the commands below work without one."
)

PROGRAM_EPILOG = """\
examples:
  backpoints                              open the window
  backpoints list --pain lower            the points used for lower back pain
  backpoints sheet --pain lower --output lower-back.pdf
  backpoints install-desktop              add BackPoints to the application menu
  backpoints COMMAND --help               more about one command

exit status:
  0 success; 1 bad data, unknown point codes, a missing printer or library, an
  unwritable output, or nothing found; 2 a usage error or no graphical display.

files:
  ~/.config/backpoints/backpoints.ini     settings
  ~/.local/share/backpoints/              the log (logs/backpoints.log), the sheet
                                          being composed, diary and routines (owner-only)
  ~/.cache/backpoints/                    a checked copy of the dataset for fast start-up
  (XDG_CONFIG_HOME, XDG_DATA_HOME and XDG_CACHE_HOME move them)
"""

COMMANDS: dict[str, tuple[str, str]] = {
    "validate": (
        "Check one or more dataset files (the YAML format of data/points.yaml, described in "
        "docs/data-format.md). Each problem is printed to stderr as FILE:LINE:COL: message; "
        "a good file prints FILE: OK, N points. Qt is not loaded.",
        """\
examples:
  backpoints validate my-points.yaml
  backpoints validate a.yaml b.yaml && echo all good

exit status: 0 when every file is valid, 1 when any has a problem.
""",
    ),
    "list": (
        "List the points of the dataset, or those matching a search and filters, as a table "
        "(code, pinyin, name, areas) or as JSON. The search understands point codes in the "
        "common spellings (BL23, UB-23, Du4), pinyin with or without tone marks, Chinese "
        "characters, English names and any word of the text; several words must all match. "
        "Qt is not loaded, so it works without a display.",
        """\
examples:
  backpoints list --pain lower
  backpoints list --query shenshu
  backpoints list --area leg --area knee --no-pregnancy-caution
  backpoints list --meridian GV --json > gv.json

exit status: 0 when points were listed, 1 when none match or the dataset is bad.
""",
    ),
    "screenshot": (
        "Render the main window offscreen (no display needed) to a PNG file, optionally with "
        "one figure shown and one point selected.",
        """\
examples:
  backpoints screenshot --output window.png
  backpoints screenshot --output bl23.png --select BL23 --view back --size 1600x1000
""",
    ),
    "sheet": (
        "Make a point sheet: a page per group of points with figures, locations and the chosen "
        "technique, written to a PDF or sent to an installed printer. The points come from a "
        "list of codes, a back-pain preset, an area preset or a sheet saved from the window "
        "(docs/sheet-format.md). No display needed.",
        """\
examples:
  backpoints sheet --points "BL23 BL40 GV4" --output my-sheet.pdf
  backpoints sheet --pain lower --name "A. Person" --technique self-care --output a.pdf
  backpoints sheet --open saved.bpsheet.yaml --printer Office --paper letter

exit status: 0 when the PDF was written or the job accepted, 1 for unknown codes, a bad
sheet file, a missing printer or an unwritable output (no partial file is left).
""",
    ),
    "install-desktop": (
        "Put BackPoints in your application menu: writes the menu entry, the icon and the "
        "AppStream description into your XDG data folder (~/.local/share/applications, "
        "icons/hicolor/scalable/apps and metainfo). The entry starts this installation of "
        "BackPoints (this virtual environment or bundle), so run it again after moving it. "
        "No root needed.",
        """\
examples:
  .venv/bin/backpoints install-desktop
  backpoints uninstall-desktop            take it out again

exit status: 0 when the files were written, 1 when a folder is not writable.
""",
    ),
    "uninstall-desktop": (
        "Remove the menu entry, icon and AppStream description that install-desktop wrote. "
        "Your settings, log and data are kept.",
        """\
example:
  backpoints uninstall-desktop
""",
    ),
}


# Help for options that cli.py leaves without one.
OPTION_HELP: dict[tuple[str, str], str] = {
    ("screenshot", "--output"): "the PNG file to write",
    ("screenshot", "--size"): "window size in pixels (default 1400x900)",
    ("sheet", "--title"): "the sheet's title (default: the preset's or 'Point sheet')",
}


def describe(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Give the parser and its commands their descriptions, examples and --version."""
    parser.description = textwrap.fill(PROGRAM, 78)
    parser.epilog = PROGRAM_EPILOG
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                if name in COMMANDS:
                    description, sub.epilog = COMMANDS[name]
                    sub.description = textwrap.fill(description, 78)
                    sub.formatter_class = argparse.RawDescriptionHelpFormatter
                for option in sub._actions:
                    for flag in option.option_strings:
                        if option.help is None and (name, flag) in OPTION_HELP:
                            option.help = OPTION_HELP[(name, flag)]
    return parser
