"""`backpoints install-desktop` and `uninstall-desktop`: the menu entry, icon and metainfo
in the user's XDG data folder (no root needed)."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .resources import APP_ID, desktop_entry_file, icon_file, metainfo_file


def data_home() -> Path:
    """$XDG_DATA_HOME, or ~/.local/share (the folder desktops read menus and icons from)."""
    value = os.environ.get("XDG_DATA_HOME", "").strip()
    return Path(value) if value and os.path.isabs(value) else Path.home() / ".local" / "share"


def targets(base: Path | None = None) -> dict[str, Path]:
    """Where each installed file goes."""
    base = base or data_home()
    return {
        "desktop": base / "applications" / f"{APP_ID}.desktop",
        "icon": base / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
        "metainfo": base / "metainfo" / f"{APP_ID}.metainfo.xml",
    }


def launcher() -> list[str]:
    """The command that starts this installation of BackPoints, as an argument list."""
    if getattr(sys, "frozen", False):  # a PyInstaller bundle: the executable itself
        return [os.path.abspath(sys.executable)]
    # The console script beside this interpreter (a virtual environment's bin/), not
    # resolved: the venv's python is a symlink to the system one.
    script = Path(os.path.abspath(sys.executable)).parent / "backpoints"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    found = shutil.which("backpoints")
    if found:
        return [os.path.abspath(found)]
    return [os.path.abspath(sys.executable), "-m", "backpoints"]


def quote_exec_argument(argument: str) -> str:
    """Quote one argument for a desktop entry's Exec key (Desktop Entry spec, 'The Exec key')."""
    if argument and not any(c in argument for c in ' \t\n"\'\\><~|&;$*?#()`'):
        return argument
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in argument)
    # Inside a desktop file value a backslash is itself escaped once more.
    return '"' + escaped.replace("\\", "\\\\") + '"'


def desktop_entry(command: list[str]) -> str:
    """The shipped .desktop text with Exec and TryExec pointing at this installation."""
    exec_line = " ".join(quote_exec_argument(a) for a in command)
    lines = []
    for line in desktop_entry_file().read_text(encoding="utf-8").splitlines():
        if line.startswith("Exec="):
            line = f"Exec={exec_line}"
        elif line.startswith("TryExec="):
            line = f"TryExec={command[0]}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def install(base: Path | None = None) -> dict[str, Path]:
    """Write the three files; returns where they went. Raises OSError."""
    where = targets(base)
    contents = {
        "desktop": desktop_entry(launcher()).encode("utf-8"),
        "icon": icon_file().read_bytes(),
        "metainfo": metainfo_file().read_bytes(),
    }
    for kind, path in where.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.tmp")
        temporary.write_bytes(contents[kind])
        os.chmod(temporary, 0o644)  # menus and icons are read by the desktop, not private
        os.replace(temporary, path)
    refresh_caches(where)
    return where


def uninstall(base: Path | None = None) -> list[Path]:
    """Remove the files install() wrote; returns those that were there."""
    removed = []
    for path in targets(base).values():
        if path.is_file() or path.is_symlink():
            path.unlink()
            removed.append(path)
    refresh_caches(targets(base))
    return removed


def refresh_caches(where: dict[str, Path]) -> None:
    """Tell the desktop about the change when its cache tools are installed (optional)."""
    commands = (
        ["update-desktop-database", "-q", str(where["desktop"].parent)],
        ["gtk-update-icon-cache", "-q", "-t", "-f", str(where["icon"].parents[2])],
    )
    for command in commands:
        if shutil.which(command[0]):
            try:
                subprocess.run(command, capture_output=True, timeout=30, check=False)
            except (OSError, subprocess.SubprocessError):
                pass  # a stale cache only delays the menu entry; the files are in place


def run_install(args: argparse.Namespace) -> int:
    """`backpoints install-desktop`."""
    try:
        where = install()
    except OSError as exc:
        print(f"cannot install the menu entry: {exc}", file=sys.stderr)
        return 1
    for path in where.values():
        print(path)
    print(f"BackPoints is in the application menu; it starts {' '.join(launcher())}", file=sys.stderr)
    return 0


def run_uninstall(args: argparse.Namespace) -> int:
    """`backpoints uninstall-desktop`."""
    try:
        removed = uninstall()
    except OSError as exc:
        print(f"cannot remove the menu entry: {exc}", file=sys.stderr)
        return 1
    for path in removed:
        print(path)
    print("removed the menu entry" if removed else "no menu entry was installed", file=sys.stderr)
    return 0


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the two commands to the parser."""
    install_parser = commands.add_parser("install-desktop", help="add BackPoints to your application menu")
    install_parser.set_defaults(handler=run_install)
    uninstall_parser = commands.add_parser("uninstall-desktop", help="remove it from the application menu")
    uninstall_parser.set_defaults(handler=run_uninstall)
