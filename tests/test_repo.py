"""The README's promises that CI relies on."""

from __future__ import annotations

import re
import subprocess

from tests.conftest import ROOT


def readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.*?)\n```", readme, flags=re.S)


def test_readme_has_two_one_line_setup_commands() -> None:
    app, tests = readme_commands()[:2]
    for line in (app, tests):
        assert "\n" not in line
        assert line.startswith("sudo apt-get update && sudo apt-get install -y python3-venv ")
    assert app.endswith("&& .venv/bin/pip install -e . && .venv/bin/backpoints")
    assert tests.endswith('&& .venv/bin/pip install -e ".[test]" && .venv/bin/python -m pytest')


def test_setup_comes_right_after_the_intro_paragraph() -> None:
    """A new user reads the title, one paragraph, then the set-up with the two lines."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    intro, setup = readme.split("\n## ", 1)
    assert intro.startswith("# BackPoints\n\n") and intro.strip().count("\n\n") == 1, "one paragraph of intro"
    assert setup.startswith("Set up")
    section = setup.split("\n## ", 1)[0]
    assert "in its folder" in section and "graphical desktop session" in section
    assert readme.index("```sh") < readme.index("!["), "the set-up lines come before any picture"
    assert re.findall(r"```sh\n(.*?)\n```", section, flags=re.S) == readme_commands()[:2]


def test_ci_runs_the_readme_test_command() -> None:
    # .ci/run takes the line out of the README with these commands and evals it.
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    extraction = "\n".join(line for line in script.splitlines() if line.startswith(("app_command=", "test_command=")))
    shown = subprocess.run(["bash", "-c", f'{extraction}\nprintf "%s\\n%s" "$app_command" "$test_command"'],
                           capture_output=True, text=True, cwd=ROOT, timeout=30)
    assert shown.stdout.split("\n") == readme_commands()[:2]
    assert 'eval "$test_command"' in script


def test_every_package_in_the_setup_lines_is_explained() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| package | what it is for |"):]
    table = table[: table.index("\n\n")]
    for line in readme_commands()[:2]:
        packages = re.search(r"apt-get install -y ([^&]*) &&", line).group(1).split()  # type: ignore[union-attr]
        for package in packages:
            assert f"`{package}`" in table, package


def test_command_table_lists_every_command() -> None:
    from backpoints.cli import build_parser

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    parser = build_parser()
    [commands] = [a for a in parser._actions if a.dest == "command"]
    for name in commands.choices:  # type: ignore[union-attr]
        assert f"`backpoints {name}" in readme or f"`{name}`" in readme, name


def test_readme_states_it_is_not_medical_advice() -> None:
    assert "Educational reference, not medical advice" in (ROOT / "README.md").read_text(encoding="utf-8")



def test_man_page_covers_every_command_and_option() -> None:
    """docs/backpoints.1 is written by tools/make_manpage.py; argparse's wording differs
    between Python versions, so this checks what it covers rather than every byte."""
    import argparse
    import shutil

    from backpoints.cli import build_parser

    page = (ROOT / "docs" / "backpoints.1").read_text(encoding="utf-8")
    parser = build_parser()
    [commands] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    for name, command in commands.choices.items():
        assert f".SS {name}\n" in page, f"{name}: run python tools/make_manpage.py"
        for action in command._actions:
            if action.help != argparse.SUPPRESS:
                for flag in action.option_strings:
                    assert flag.replace("-", "\\-") in page, f"{name} {flag}: run python tools/make_manpage.py"
    if shutil.which("man"):  # man-db, where installed, renders it
        shown = subprocess.run(["man", "-l", str(ROOT / "docs" / "backpoints.1")], capture_output=True, text=True,
                               env={"MANWIDTH": "80", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}, timeout=60)
        assert "install-desktop" in shown.stdout and "EXIT STATUS" in shown.stdout, shown.stderr
