"""Checks made before Qt starts, so a missing display or library is one clear sentence.

Without them Qt either opens an invisible window (no display: the old fallback to the
offscreen platform) or dies with an ImportError traceback or an abort from deep inside
QApplication (a missing libEGL.so.1, libxcb-cursor.so.0, ...).
"""

from __future__ import annotations

import ctypes
import gc
import os
import re
import socket
import sys

# Shared libraries that Qt's wheels load from the system, with the Debian and Ubuntu
# package that provides each (Ubuntu 24.04 and Debian 13 pick the t64 builds by themselves).
DEBIAN_PACKAGES = {
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libOpenGL.so.0": "libopengl0",
    "libGLX.so.0": "libglx0",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libgobject-2.0.so.0": "libglib2.0-0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libpng16.so.16": "libpng16-16",
    "libbrotlidec.so.1": "libbrotli1",
    "libdbus-1.so.3": "libdbus-1-3",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-util.so.1": "libxcb-util1",
    "libcups.so.2": "libcups2",
}

# What Qt's xcb platform plugin (a window on X11 or XWayland) loads; Qt aborts the
# process when one is missing, so they are tried here first.
XCB_LIBRARIES = (
    "libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxcb-shape.so.0",
    "libxkbcommon-x11.so.0", "libxcb-image.so.0", "libxcb-render-util.so.0", "libxcb-randr.so.0",
    "libxcb-xkb.so.1", "libX11-xcb.so.1", "libxcb-xfixes.so.0", "libxcb-sync.so.1",
    "libxcb-shm.so.0", "libxcb-render.so.0", "libxcb-util.so.1", "libxcb.so.1", "libX11.so.6",
)

HEADLESS_HINT = (
    "the commands `backpoints list`, `backpoints sheet --output FILE.pdf` and "
    "`backpoints screenshot --output FILE.png` work without one (see `backpoints --help`)"
)


class StartupError(Exception):
    """Qt cannot start here; the message says why and what to do. exit_code is for main()."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def missing_library_message(error: BaseException) -> str | None:
    """'libEGL.so.1: cannot open shared object file...' -> a sentence naming the package."""
    match = re.search(r"(lib[\w.+-]*\.so(?:\.\d+)*)\s*:\s*cannot open shared object file", str(error))
    if match is None:
        return None
    library = match.group(1)
    package = DEBIAN_PACKAGES.get(library)
    if package is None:
        how = "install the package that provides it (on Debian or Ubuntu, `apt-file search " + library + "` names it)"
    else:
        how = f"on Debian or Ubuntu install it with: sudo apt-get install {package}"
    return f"BackPoints cannot start Qt: the system library {library} is missing; {how}."


def wants_window_platform() -> bool:
    """True when Qt will try to open real windows (no QT_QPA_PLATFORM, or a windowing one)."""
    platform = os.environ.get("QT_QPA_PLATFORM", "").strip()
    return platform.split(":")[0] not in ("offscreen", "minimal", "vnc")


def has_display() -> bool:
    """Whether a desktop session is reachable (X11 or Wayland; Windows and macOS always)."""
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY", "").strip() or os.environ.get("WAYLAND_DISPLAY", "").strip())


def x_display_answers(display: str) -> bool:
    """Whether an X server listens at DISPLAY (':0', 'unix:1', 'localhost:10.0'); True when unsure."""
    match = re.fullmatch(r"(?P<host>[^:/]*):(?P<number>\d+)(?:\.\d+)?", display.strip())
    if match is None:
        return True  # a form this check does not know (XQuartz's launchd path): let Qt try
    number = int(match.group("number"))
    host = match.group("host")
    try:
        if host in ("", "unix"):
            path = f"/tmp/.X11-unix/X{number}"
            if os.path.exists(path):
                return True
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
                probe.settimeout(2)
                probe.connect("\0" + path)  # Linux X servers also listen on the abstract name
            return True
        with socket.create_connection((host, 6000 + number), timeout=2):
            return True
    except OSError:
        return False


def check_display() -> None:
    """Raise StartupError (exit 2) when the window has nowhere to appear."""
    if not wants_window_platform():
        return
    if not has_display():
        raise StartupError(
            "BackPoints needs a graphical desktop session to open its window and found none "
            f"(DISPLAY and WAYLAND_DISPLAY are unset); {HEADLESS_HINT}.",
            2,
        )
    display = os.environ.get("DISPLAY", "").strip()
    platform = os.environ.get("QT_QPA_PLATFORM", "").strip().split(":")[0]
    x11_only = platform == "xcb" or not os.environ.get("WAYLAND_DISPLAY", "").strip()
    if sys.platform.startswith("linux") and display and x11_only and not x_display_answers(display):
        raise StartupError(
            f"BackPoints cannot reach the display {display}: no X server answers there (a closed "
            f"session or a lost ssh -X connection?); {HEADLESS_HINT}.",
            2,
        )


def check_qt(window: bool) -> None:
    """Import Qt and, for a window on X11, load the xcb plugin's libraries; raise StartupError
    (exit 1) naming the first missing library and its package."""
    try:
        import PySide6.QtGui  # noqa: F401
        import PySide6.QtWidgets  # noqa: F401
    except ImportError as exc:
        message = missing_library_message(exc)
        if message is None:
            raise
        raise StartupError(message, 1) from exc
    lighten_pyside_import_hook()
    platform = os.environ.get("QT_QPA_PLATFORM", "").strip().split(":")[0]
    x11 = platform == "xcb" or (not platform and bool(os.environ.get("DISPLAY", "").strip())
                                and not os.environ.get("WAYLAND_DISPLAY", "").strip())
    if not (window and x11 and sys.platform.startswith("linux")):
        return
    for library in XCB_LIBRARIES:
        try:
            ctypes.CDLL(library)
        except OSError as exc:
            message = missing_library_message(exc)
            raise StartupError(message or f"BackPoints cannot start Qt: {exc}", 1) from exc


def lighten_pyside_import_hook() -> None:
    """Stop PySide's import hook from reading the source of every module imported after it.

    To know whether a module may use `from __feature__ import ...`, shiboken's hook calls
    inspect.getsource() on each newly imported module and looks for "PySide6" in it: every
    module's whole source is read and kept in linecache (about 70 files, 1.3 MB of text,
    3 MiB of memory, before the first paint). The same question is answered here from the
    module's names: it uses PySide when it holds a PySide module, class or function. The
    answer only picks the feature table (0: none chosen, -1: ignore); BackPoints selects no
    feature, so both mean plain PySide. Anything unexpected keeps shiboken's own check.
    """
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(original) or getattr(original, "__name__", "") == "_uses_pyside_by_names":
        return

    def _uses_pyside_by_names(module: object) -> bool:
        if not str(getattr(module, "__file__", None) or "").endswith(".py"):
            return bool(original(module))  # extension modules: shiboken's check reads no source
        try:
            for value in list(vars(module).values()):
                owner = getattr(value, "__module__", None) or getattr(value, "__name__", None)
                if isinstance(owner, str) and owner.startswith(("PySide6", "shiboken6")):
                    return True
            return False
        except Exception:  # noqa: BLE001 - an odd module: shiboken's own answer
            return bool(original(module))

    setattr(feature, "_mod_uses_pyside", _uses_pyside_by_names)  # noqa: B010 - a private name of shiboken's


def finish_one_shot(code: int) -> int:
    """End a one-shot command (`sheet`, `screenshot`) without the interpreter's teardown.

    Freeing every object and unloading Qt takes tens of milliseconds after the PDF or PNG
    is already written. Output is flushed first and the log closed; if any flush fails,
    this returns the code and the usual exit reports it as before.
    """
    import logging

    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        if stream is None:
            continue
        try:
            stream.flush()
        except (OSError, ValueError):
            return code
    logging.shutdown()
    os._exit(code)


def prepare(window: bool) -> None:
    """Everything checked before a command that uses Qt; raises StartupError.

    For the window, the cyclic garbage collector is also paused until the first frame is
    painted (ui/app.run_gui resumes it): start-up makes many objects and few cycles, and the
    collector's passes over them cost about 5% of the start-up CPU time (measured 0.415 s
    against 0.392 s, median of 9 interleaved starts)."""
    if window:
        check_display()
    check_qt(window)
    if window:
        gc.disable()
