"""Output to terminals and pipes: nothing from data drives the terminal, nothing is lost silently.

No Qt here. `escaping_output()` wraps stdout and stderr for the length of a command:
control characters (ESC, BEL, C1 CSI, carriage return ...), line and paragraph separators
and bidi overrides that come from data files or file names are shown as \\x1b, \\u202e
and so on, and characters the terminal's encoding cannot show (LANG=C) are escaped
instead of raising UnicodeEncodeError.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import sys
from collections.abc import Iterator
from typing import Any, TextIO

# Newline and tab are layout; every other control character is escaped.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# JSON text: json.dumps already escapes C0 controls inside strings.
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def safe_text(text: str) -> str:
    """Text with control characters shown as escapes (\\x1b, \\u202e)."""
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def json_safe(text: str) -> str:
    """JSON text with C1 controls and bidi overrides written as \\u escapes (still the same JSON)."""
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class _Escaping:
    """A text stream that escapes control characters on the way through."""

    def __init__(self, stream: TextIO | None) -> None:
        self._stream = stream
        self.closed_at_start = stream is None  # started with `>&-`: Python gives None

    def write(self, text: str) -> int:
        if self._stream is None:
            raise OSError(errno.EBADF, "standard output is closed")
        self._stream.write(safe_text(text))
        return len(text)

    def flush(self) -> None:
        if self._stream is not None:
            self._stream.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextlib.contextmanager
def escaping_output() -> Iterator[None]:
    """stdout and stderr escape control characters and unencodable characters meanwhile."""
    originals = sys.stdout, sys.stderr
    for stream in originals:
        if stream is None:
            continue
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):
                pass
    sys.stdout = _Escaping(originals[0])
    # Messages to a closed stderr go nowhere rather than fail.
    sys.stderr = _Escaping(originals[1] if originals[1] is not None else open(os.devnull, "w", encoding="utf-8"))
    try:
        yield
    finally:
        sys.stdout, sys.stderr = originals


def discard_stdout() -> None:
    """After a failed write, point stdout at /dev/null so that the interpreter's final flush
    does not fail a second time (with "Exception ignored" and a traceback)."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass


def write_stdout(text: str) -> bool:
    """Write command output and make sure it arrived. False (with a message on stderr) when it
    could not be written: a full disk, an I/O error. A reader that went away (`| head`) is
    not an error of ours: True."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        discard_stdout()
        return True
    except OSError as exc:
        discard_stdout()
        reason = "the disk is full" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
        print(f"backpoints: the output could not be written ({reason})", file=sys.stderr)
        return False
    return True
