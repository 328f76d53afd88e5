"""Reading and writing files safely, and the problems reported about them (no YAML here)."""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
import time
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


def read_text(path: str, limit: int | None = None) -> str:
    """Read a file as UTF-8 text (BOM allowed), refusing oversized and non-text files.

    `limit` is the largest size in bytes accepted (MAX_FILE_BYTES when None)."""
    limit = MAX_FILE_BYTES if limit is None else limit
    name = str(path)
    try:
        if os.path.isdir(path):
            raise DataError([Problem(name, 0, 0, "is a folder, not a file")])
        # A FIFO would block the read forever, /dev/zero would never end: only regular files.
        kind = _kind(os.stat(path).st_mode)
        if kind is not None:
            raise DataError([Problem(name, 0, 0, f"is {kind}, not a regular file")])
        size = os.path.getsize(path)
        if size > limit:
            raise DataError(
                [
                    Problem(
                        name,
                        0,
                        0,
                        f"file is too large ({size / 1048576:.1f} MB; "
                        f"the limit is {limit // 1048576} MB)",
                    )
                ]
            )
        with open(path, "rb", opener=_open_nonblocking) as handle:
            kind = _kind(os.fstat(handle.fileno()).st_mode)  # swapped for a FIFO since the stat
            if kind is not None:
                raise DataError([Problem(name, 0, 0, f"is {kind}, not a regular file")])
            raw = _read_limited(handle, limit)
    except FileNotFoundError:
        raise DataError([Problem(name, 0, 0, "no such file")]) from None
    except PermissionError:
        raise DataError([Problem(name, 0, 0, "permission denied: the file cannot be read")]) from None
    except IsADirectoryError:
        raise DataError([Problem(name, 0, 0, "is a folder, not a file")]) from None
    except OSError as exc:
        raise DataError([Problem(name, 0, 0, f"cannot be read: {exc.strerror or exc}")]) from None
    if len(raw) > limit:
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


def _open_nonblocking(path: str, flags: int) -> int:
    """os.open that cannot block on a FIFO (no effect on regular files)."""
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))


def open_regular(path: str | os.PathLike[str]) -> BinaryIO:
    """Open a file for reading without blocking, refusing anything but a regular file
    (OSError): for derived files such as the dataset copy, which anything could replace."""
    handle = open(path, "rb", opener=_open_nonblocking)
    if _kind(os.fstat(handle.fileno()).st_mode) is not None:
        handle.close()
        raise OSError(errno.EINVAL, "not a regular file", str(path))
    return handle


def _read_limited(handle: BinaryIO, limit: int) -> bytes:
    """Read at most limit + 1 bytes in chunks (one big read would reserve the whole limit)."""
    chunks: list[bytes] = []
    total = 0
    while total <= limit:
        chunk = handle.read(65536)
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


#: Temporary files of our own writes start with this, so stale ones can be recognised and
#: removed; the name is short so that a 250-character target name still works.
TEMP_PREFIX = ".backpoints-"
TEMP_SUFFIX = ".tmp"
#: A temporary file this old was left by a save that was killed; it is removed.
STALE_AFTER_SECONDS = 3600.0
# Temporary names that earlier versions used: ".<target name>.<8 random chars>.tmp". Such a
# name is not proof enough, so one is removed only if it also starts like our own output.
_LEGACY_TEMP = re.compile(r"^\..+\.(?:pdf|ya?ml|json)\.[a-z0-9_]{8}\.tmp$")
_LEGACY_STARTS = (b"%PDF-", b"backpoints_sheet:", b'{"title":')

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISFIFO, "a pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
)


class WriteError(OSError):
    """A file was not written (the target, if any, is unchanged); str() says which and why."""

    def __init__(self, path: str | os.PathLike[str], reason: str, code: int = errno.EIO) -> None:
        super().__init__(code, reason)
        self.path = os.fspath(path)

    def __str__(self) -> str:
        return f"{display_path(self.path)}: {self.strerror}"


def display_path(path: str | os.PathLike[str]) -> str:
    """A path as text that can be printed anywhere (undecodable bytes shown as \\xNN)."""
    raw = os.fsencode(path)
    return raw.decode("utf-8", "backslashreplace")


def _reason(exc: OSError) -> str:
    """What an OSError means for a user, in words."""
    messages = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is exceeded",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the disk is read-only",
        errno.ENOENT: "the folder does not exist",
        errno.ENOTDIR: "the folder does not exist",
        errno.ENAMETOOLONG: "the file name is too long",
        errno.EISDIR: "is a folder, not a file name",
        errno.EIO: "input/output error",
    }
    return messages.get(exc.errno or 0, exc.strerror or str(exc))


def _kind(mode: int) -> str | None:
    """'a device', 'a pipe (FIFO)' ... for anything that is not a regular file."""
    for test, name in _KINDS:
        if test(mode):
            return name
    return None if stat.S_ISREG(mode) else "not a regular file"


def writable_target(path: str | os.PathLike[str]) -> Path:
    """The file a write to `path` would replace, or WriteError when that is not a regular file.

    A link to a regular file is followed (the file it points to is replaced, the link
    stays); a link to anything else, a device node, a FIFO, a socket or a folder is refused,
    so that `--output /dev/full` or a link to /proc/self/fd/1 never replaces a system node.
    """
    target = Path(path)
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        folder = target.parent if str(target.parent) else Path(".")
        if not folder.is_dir():
            raise WriteError(target, "cannot write here (the folder does not exist)", errno.ENOENT) from None
        return target
    except OSError as exc:
        raise WriteError(target, _reason(exc), exc.errno or errno.EIO) from None
    if stat.S_ISLNK(info.st_mode):
        through = _system_hop(target)
        if through:
            raise WriteError(target, f"is a link into {through}, not to a document; not replaced", errno.EINVAL)
        try:
            real = os.stat(target)
        except OSError:
            raise WriteError(target, "is a link to a file that does not exist; not replaced", errno.ENOENT) from None
        kind = _kind(real.st_mode)
        if kind is not None:
            raise WriteError(target, f"is a link to {kind}, not to a regular file; not replaced", errno.EINVAL)
        return Path(os.path.realpath(target))
    kind = _kind(info.st_mode)
    if kind == "a folder":
        raise WriteError(target, "is a folder, not a file name", errno.EISDIR)
    if kind is not None:
        raise WriteError(target, f"is {kind}, not a regular file; not replaced", errno.EINVAL)
    return target


def _system_hop(link: Path) -> str | None:
    """'/proc' or '/dev' when a chain of links passes through them (/proc/self/fd/1 is a
    link to whatever the process's output is, even a regular file: never a document)."""
    current = str(link)
    for _ in range(40):
        try:
            target = os.readlink(current)
        except OSError:
            break
        current = os.path.normpath(os.path.join(os.path.dirname(current), target))
        for system in ("/proc", "/dev", "/sys"):
            if current == system or current.startswith(system + "/"):
                return system
    real = os.path.realpath(link)
    for system in ("/proc", "/dev", "/sys"):
        if real == system or real.startswith(system + "/"):
            return system
    return None


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether two names are the same existing file (links and hard links included)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _umask() -> int:
    """The process umask, read without changing it where the system allows."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def clean_stale_temp_files(folder: str | os.PathLike[str], older_than: float = STALE_AFTER_SECONDS) -> int:
    """Remove temporary files that killed saves left in `folder`; returns how many.

    Only our own are touched: named with TEMP_PREFIX (or the older versions' pattern),
    regular files owned by this user and not modified for `older_than` seconds, so a
    save in progress in another window or process is never disturbed.
    """
    removed = 0
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        name = entry.name
        ours = name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)
        legacy = not ours and _LEGACY_TEMP.match(name) is not None
        if not ours and not legacy:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid():
                continue
            if now - info.st_mtime < older_than:
                continue
            if legacy and info.st_size and not _starts_like_ours(entry.path):
                continue
            os.unlink(entry.path)
            removed += 1
        except OSError:
            continue
    return removed


def _starts_like_ours(path: str) -> bool:
    """Whether a file begins like a PDF, sheet or dataset copy that BackPoints writes."""
    try:
        with open(path, "rb", opener=_open_nonblocking) as handle:
            head = handle.read(32)
    except OSError:
        return False
    return head.startswith(_LEGACY_STARTS)


def write_atomically(path: str | os.PathLike[str], payload: bytes, *, private: bool = False) -> None:
    """Write `payload` to `path` so that it is either fully there or the old file is unchanged.

    The bytes go to a temporary file beside the target; every write is checked (a short
    write or a full disk is an error), the file is fsynced, then renamed over the target
    and the folder is fsynced. Anything but a regular file (or a link to one) is refused.
    A new file gets the usual mode (0666 less the umask) unless `private` (0600: working
    copies, caches); a replaced file keeps its mode and group. Raises WriteError.
    """
    target = writable_target(path)
    folder = target.parent if str(target.parent) else Path(".")
    clean_stale_temp_files(folder)
    try:
        existing: os.stat_result | None = os.stat(target)
    except OSError:
        existing = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=folder)
    except OSError as exc:
        raise WriteError(target, f"cannot write here ({_reason(exc)})", exc.errno or errno.EIO) from None
    try:
        try:
            if existing is not None:
                os.fchmod(fd, stat.S_IMODE(existing.st_mode))
                mine = os.fstat(fd)
                # The group always when we may (we belong to it); the owner too as root.
                owner = existing.st_uid if os.geteuid() == 0 else -1
                if existing.st_gid != mine.st_gid or (owner != -1 and owner != mine.st_uid):
                    try:
                        os.fchown(fd, owner, existing.st_gid)
                    except OSError:
                        pass  # not a member of that group: the file keeps ours
                    os.fchmod(fd, stat.S_IMODE(existing.st_mode))  # chown may clear setgid bits
            elif not private:
                os.fchmod(fd, 0o666 & ~_umask())
            view = memoryview(payload)
            while view:
                written = os.write(fd, view)
                if written <= 0:
                    raise WriteError(target, "the disk accepted no more data (short write)", errno.ENOSPC)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        writable_target(target)  # still a regular file (or gone) just before the rename
        os.replace(tmp, target)
    except WriteError:
        _unlink_quietly(tmp)
        raise
    except OSError as exc:
        _unlink_quietly(tmp)
        raise WriteError(target, _reason(exc), exc.errno or errno.EIO) from None
    except BaseException:
        _unlink_quietly(tmp)
        raise
    _fsync_folder(folder)


def _unlink_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable; not every file system allows it, which is no error."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


_UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


def safe_file_name(title: str, suffix: str = "", *, fallback: str = "sheet", max_bytes: int = 120) -> str:
    """A file name made from a title: no folders, no `..`, no control characters, not too long.

    Path separators and characters Windows forbids become '-', leading dots and spaces
    are dropped (no hidden files, no `..`), and the name is cut on a character boundary
    so that name + suffix fits in `max_bytes` UTF-8 bytes (file systems allow 255).
    """
    name = _UNSAFE_NAME.sub("-", title)
    name = " ".join(name.split())  # tabs, newlines, runs of spaces
    name = name.strip(" .-")
    while ".." in name:
        name = name.replace("..", ".")
    limit = max(1, max_bytes - len(suffix.encode("utf-8")))
    raw = name.encode("utf-8")[:limit]
    name = raw.decode("utf-8", "ignore").rstrip(" .-")
    if not name or name in (".", ".."):
        name = fallback
    return name + suffix
