"""Reading and writing files safely, and the problems reported about them (no YAML here)."""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

#: Files larger than this are refused before reading: no dataset comes near it.
MAX_FILE_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a file, at a 1-based line and column (0 when unknown)."""

    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column}: {self.message}"
        return f"{self.file}: {self.message}"


class DataError(Exception):
    """A file could not be used; carries every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def read_text(path: str) -> str:
    """Read a file as UTF-8 text (BOM allowed), refusing oversized and non-text files."""
    name = str(path)
    try:
        if os.path.isdir(path):
            raise DataError([Problem(name, 0, 0, "is a folder, not a file")])
        size = os.path.getsize(path)
        if size > MAX_FILE_BYTES:
            raise DataError(
                [
                    Problem(
                        name,
                        0,
                        0,
                        f"file is too large ({size / 1048576:.1f} MB; "
                        f"the limit is {MAX_FILE_BYTES // 1048576} MB)",
                    )
                ]
            )
        with open(path, "rb") as handle:
            raw = _read_limited(handle)
    except FileNotFoundError:
        raise DataError([Problem(name, 0, 0, "no such file")]) from None
    except PermissionError:
        raise DataError([Problem(name, 0, 0, "permission denied: the file cannot be read")]) from None
    except IsADirectoryError:
        raise DataError([Problem(name, 0, 0, "is a folder, not a file")]) from None
    except OSError as exc:
        raise DataError([Problem(name, 0, 0, f"cannot be read: {exc.strerror or exc}")]) from None
    if len(raw) > MAX_FILE_BYTES:
        raise DataError([Problem(name, 0, 0, "file grew past the size limit while reading")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DataError(
            [
                Problem(
                    name,
                    line,
                    column,
                    f"not valid UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8",
                )
            ]
        ) from None


def _read_limited(handle: BinaryIO) -> bytes:
    """Read at most MAX_FILE_BYTES + 1 bytes in chunks (one big read would reserve the whole limit)."""
    chunks: list[bytes] = []
    total = 0
    while total <= MAX_FILE_BYTES:
        chunk = handle.read(65536)
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def write_atomically(path: Path, payload: bytes) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename over `path`."""
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


_UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


def safe_file_stem(title: str, fallback: str = "sheet", limit: int = 80) -> str:
    """A file name stem suggested from a title: no folders, no control characters, not too long.

    A sheet titled '../../etc/cron.d/x' suggests 'etc cron.d x', never a path.
    """
    stem = _UNSAFE_NAME.sub(" ", title).strip(" .")
    stem = re.sub(r"\s+", " ", stem)[:limit].strip(" .")
    return stem or fallback
