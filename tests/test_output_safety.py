"""Outputs are never reported written unless they are, and never replace what they should not."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from backpoints.core import files
from backpoints.core.files import TEMP_PREFIX, WriteError, safe_file_name
from backpoints.core.sheet import Sheet, load_sheet, save_sheet
from tests.conftest import run_cli
from tests.helpers import small_tmpfs

OLD_PDF = b"%PDF-1.4\n% the previous good PDF\n%%EOF\n"


def _leftovers(folder: Path, keep: set[str]) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name not in keep)


# --- a full disk ------------------------------------------------------------------------------
@pytest.fixture
def tiny_disk(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A 64 kB tmpfs (root only); skipped with the reason elsewhere."""
    with small_tmpfs(tmp_path / "tiny", "64k") as mount:
        yield mount


def test_full_disk_pdf_is_an_error_and_keeps_the_old_pdf(tiny_disk: Path) -> None:
    out = tiny_disk / "sheet.pdf"
    out.write_bytes(OLD_PDF)
    result = run_cli("sheet", "--pain", "lower", "--output", str(out))  # about 170 kB: does not fit
    assert result.returncode == 1, result.stderr
    assert "the disk is full" in result.stderr and "not written" in result.stderr
    assert "Traceback" not in result.stderr and "pages" not in result.stderr
    assert out.read_bytes() == OLD_PDF
    assert _leftovers(tiny_disk, {"sheet.pdf"}) == []


def test_full_disk_sheet_save_keeps_the_old_sheet(tiny_disk: Path) -> None:
    path = tiny_disk / "s.bpsheet.yaml"
    save_sheet(Sheet(title="Old", points=("BL23",)), path)
    with pytest.raises(WriteError, match="the disk is full"):
        save_sheet(Sheet(title="New", notes="x" * 200_000, points=("BL23",)), path)
    assert load_sheet(path).title == "Old"
    assert _leftovers(tiny_disk, {"s.bpsheet.yaml"}) == []


def test_simulated_full_disk_and_short_writes(qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dataset) -> None:  # type: ignore[no-untyped-def]
    from backpoints.printing.renderer import PrintError, write_pdf

    out = tmp_path / "sheet.pdf"
    out.write_bytes(OLD_PDF)
    real_write = os.write
    calls = {"n": 0}

    def short_then_full(fd: int, data: bytes) -> int:
        calls["n"] += 1
        if calls["n"] == 1:
            return real_write(fd, bytes(data[:100]))  # a short write: the rest must be retried
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "write", short_then_full)
    with pytest.raises(PrintError, match="the disk is full"):
        write_pdf(out, Sheet(points=("BL23",)), dataset)
    assert out.read_bytes() == OLD_PDF and calls["n"] == 2
    assert _leftovers(tmp_path, {"sheet.pdf", "home"}) == []

    monkeypatch.setattr(files.os, "write", lambda fd, data: 0)  # a device that takes nothing
    with pytest.raises(PrintError, match="short write"):
        write_pdf(out, Sheet(points=("BL23",)), dataset)
    assert out.read_bytes() == OLD_PDF

    def fsync_fails(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(files.os, "write", real_write)
    monkeypatch.setattr(files.os, "fsync", fsync_fails)
    with pytest.raises(WriteError, match="input/output error"):
        save_sheet(Sheet(points=("BL23",)), tmp_path / "s.yaml")
    assert not (tmp_path / "s.yaml").exists()
    assert _leftovers(tmp_path, {"sheet.pdf", "home"}) == []


# --- special targets ---------------------------------------------------------------------------
def _targets(tmp_path: Path) -> dict[str, Path]:
    fifo = tmp_path / "fifo.pdf"
    os.mkfifo(fifo)
    stdout_link = tmp_path / "stdout.pdf"
    stdout_link.symlink_to("/proc/self/fd/1")
    fifo_link = tmp_path / "fifo-link.pdf"
    fifo_link.symlink_to(fifo)
    dangling = tmp_path / "dangling.pdf"
    dangling.symlink_to(tmp_path / "nowhere" / "x.pdf")
    found = {"fifo": fifo, "link to stdout": stdout_link, "link to a fifo": fifo_link, "dangling link": dangling}
    if os.geteuid() == 0:
        device = tmp_path / "full.pdf"
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 7))  # our own /dev/full node
        found["device"] = device
    else:
        print("not root: the device node case is covered by the FIFO and link cases")
    return found


def _kind(path: Path) -> tuple[bool, int]:
    info = os.lstat(path)
    return stat.S_ISLNK(info.st_mode), stat.S_IFMT(info.st_mode)


def test_special_targets_are_refused_by_the_cli(tmp_path: Path) -> None:
    for what, target in _targets(tmp_path).items():
        before = _kind(target)
        result = run_cli("sheet", "--points", "BL23", "--output", str(target))
        assert result.returncode == 1, (what, result.stderr)
        assert "not replaced" in result.stderr and "Traceback" not in result.stderr, what
        assert _kind(target) == before, what
        assert result.stdout == "", what  # nothing went to the link to stdout either
    assert not [n for n in os.listdir(tmp_path) if n.startswith(TEMP_PREFIX)]


def test_special_targets_are_refused_by_save_sheet(tmp_path: Path) -> None:
    for what, target in _targets(tmp_path).items():
        before = _kind(target)
        with pytest.raises(WriteError, match="not replaced"):
            save_sheet(Sheet(points=("BL23",)), target)
        assert _kind(target) == before, what


def test_a_link_to_a_regular_file_writes_the_file_and_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    save_sheet(Sheet(title="Old", points=("BL23",)), real)
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    save_sheet(Sheet(title="New", points=("BL23",)), link)
    assert link.is_symlink() and load_sheet(real).title == "New"


def test_dev_full_itself_is_refused() -> None:
    """Only the check is called on the real /dev/full: a test must never be able to replace a
    system node, even against code that does not refuse it (the writes are tested on our own
    node made with mknod above)."""
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    from backpoints.core.files import writable_target

    before = os.lstat("/dev/full")
    with pytest.raises(WriteError, match="is a device"):
        writable_target("/dev/full")
    after = os.lstat("/dev/full")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


# --- names -------------------------------------------------------------------------------------
def test_a_250_character_name_works(tmp_path: Path) -> None:
    name = "a" * 246 + ".pdf"
    result = run_cli("sheet", "--points", "BL23", "--output", str(tmp_path / name))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / name).read_bytes().startswith(b"%PDF")
    sheet_name = "s" * 240 + ".bpsheet.yaml"
    save_sheet(Sheet(points=("BL23",)), tmp_path / sheet_name)
    assert load_sheet(tmp_path / sheet_name).points == ("BL23",)


def test_a_non_utf8_name_leaves_no_stray_file(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path / "out")
    os.mkdir(folder)
    target = folder + b"/caf\xe9-\xff.pdf"
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    result = subprocess.run([sys.executable, "-m", "backpoints", "sheet", "--points", "BL23", "--output", target],
                            capture_output=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert os.listdir(folder) == [b"caf\xe9-\xff.pdf"]
    with open(target, "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert b"Traceback" not in result.stderr and b"caf\\xe9-\\xff.pdf" in result.stderr
    # and a failure on such a name says so without a traceback
    result = subprocess.run([sys.executable, "-m", "backpoints", "sheet", "--points", "BL23", "--output",
                             folder + b"/missing-\xff/x.pdf"], capture_output=True, env=env, timeout=120)
    assert result.returncode == 1 and b"Traceback" not in result.stderr
    assert os.listdir(folder) == [b"caf\xe9-\xff.pdf"]


def test_stale_temporary_files_of_killed_saves_are_cleaned(tmp_path: Path) -> None:
    old = time.time() - 2 * files.STALE_AFTER_SECONDS
    names = {
        "ours-old": f"{TEMP_PREFIX}abc123.tmp",
        "ours-fresh": f"{TEMP_PREFIX}def456.tmp",  # a save in progress elsewhere
        "legacy-old": ".s.bpsheet.yaml.k2j4h5g6.tmp",  # what earlier versions left
        "legacy-pdf": ".x.pdf.abcd1234.tmp",
        "legacy-lookalike": ".notes.yaml.zzzz9999.tmp",  # that pattern, but not our content
        "someone-elses": ".other-program.tmp",
        "user-file": "notes.tmp",
    }
    content = {"legacy-old": b"backpoints_sheet: 1\n", "legacy-pdf": b"%PDF-1.4\n"}
    for key, name in names.items():
        (tmp_path / name).write_bytes(content.get(key, b"x") * 100)
        if key != "ours-fresh":
            os.utime(tmp_path / name, (old, old))
    save_sheet(Sheet(points=("BL23",)), tmp_path / "s.bpsheet.yaml")
    left = set(os.listdir(tmp_path))
    assert names["ours-old"] not in left and names["legacy-old"] not in left and names["legacy-pdf"] not in left
    assert {names["ours-fresh"], names["someone-elses"], names["user-file"], names["legacy-lookalike"]} <= left


def test_killed_save_then_next_save_cleans_up(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    code = (
        "import os, sys\n"
        "from backpoints.core import sheet, files\n"
        "os.replace = lambda *a: os._exit(9)\n"
        "sheet.save_sheet(sheet.Sheet(title='New', points=('GV4',)), sys.argv[1])\n"
    )
    assert subprocess.run([sys.executable, "-c", code, str(path)], timeout=60).returncode == 9
    [stray] = [n for n in os.listdir(tmp_path) if n.startswith(TEMP_PREFIX)]
    old = time.time() - 2 * files.STALE_AFTER_SECONDS
    os.utime(tmp_path / stray, (old, old))
    save_sheet(Sheet(title="Later", points=("BL23",)), path)
    assert os.listdir(tmp_path) == ["s.yaml"]


# --- modes and groups --------------------------------------------------------------------------
def _with_umask(mask: int, action) -> None:  # type: ignore[no-untyped-def]
    old = os.umask(mask)
    try:
        action()
    finally:
        os.umask(old)


def test_new_files_follow_the_umask(tmp_path: Path, dataset) -> None:  # type: ignore[no-untyped-def]
    for mask, mode in ((0o022, 0o644), (0o002, 0o664), (0o077, 0o600)):
        path = tmp_path / f"s{mask:o}.yaml"
        _with_umask(mask, lambda: save_sheet(Sheet(points=("BL23",)), path))
        assert stat.S_IMODE(path.stat().st_mode) == mode, oct(mask)
    old = os.umask(0o027)
    try:
        result = run_cli("sheet", "--points", "BL23", "--output", str(tmp_path / "s.pdf"))
    finally:
        os.umask(old)
    assert result.returncode == 0 and stat.S_IMODE((tmp_path / "s.pdf").stat().st_mode) == 0o640


def test_working_copies_stay_private(tmp_path: Path) -> None:
    path = tmp_path / "current.bpsheet.yaml"
    _with_umask(0o022, lambda: save_sheet(Sheet(points=("BL23",)), path, private=True))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_saving_over_a_shared_file_keeps_its_mode_and_group(tmp_path: Path) -> None:
    path = tmp_path / "shared.bpsheet.yaml"
    save_sheet(Sheet(title="Old", points=("BL23",)), path)
    os.chmod(path, 0o664)
    group = os.getgid()
    if os.geteuid() == 0:
        group = 100 if os.getgid() != 100 else 101
        os.chown(path, -1, group)
    else:
        print("not root: only the mode is checked (a group change needs root or a second group)")
    owner = os.geteuid()
    if os.geteuid() == 0:
        owner = 1000
        os.chown(path, owner, -1)  # a colleague's file, saved over by root: still theirs
    save_sheet(Sheet(title="New", points=("BL23",)), path)
    info = path.stat()
    assert stat.S_IMODE(info.st_mode) == 0o664 and info.st_gid == group and info.st_uid == owner
    assert load_sheet(path).title == "New"


# --- a suggested file name from a title --------------------------------------------------------
@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Lower back pain", "Lower back pain.bpsheet.yaml"),
        ("../../etc/cron.d/x", "etc-cron.d-x.bpsheet.yaml"),
        ("..", "sheet.bpsheet.yaml"),
        ("", "sheet.bpsheet.yaml"),
        ("a/b\\c:d\x00e\nf", "a-b-c-d-e-f.bpsheet.yaml"),
        (".hidden", "hidden.bpsheet.yaml"),
    ],
)
def test_safe_file_name(title: str, expected: str) -> None:
    assert safe_file_name(title, ".bpsheet.yaml") == expected


def test_safe_file_name_is_length_limited_on_a_character_boundary() -> None:
    name = safe_file_name("肾" * 300, ".pdf")
    assert len(name.encode("utf-8")) <= 120 and name.endswith(".pdf") and "/" not in name
    name.encode("utf-8").decode("utf-8")  # not cut inside a character


# --- special files as input ---------------------------------------------------------------------
def test_special_files_are_refused_as_input_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "data.yaml"
    os.mkfifo(fifo)  # nobody ever writes to it: reading it would block forever
    for args in (("validate", str(fifo)), ("list", "--data", str(fifo)),
                 ("sheet", "--open", str(fifo), "--output", str(tmp_path / "x.pdf")),
                 ("validate", "/dev/zero")):
        result = run_cli(*args)  # run_cli has a timeout: a hang fails the test
        assert result.returncode == 1, (args, result.stderr)
        assert "not a regular file" in result.stderr and "Traceback" not in result.stderr, args


def test_a_fifo_in_place_of_the_dataset_copy_does_not_hang(tmp_path: Path, write) -> None:  # type: ignore[no-untyped-def]
    from backpoints.core.cache import copy_path, load_dataset_cached
    from tests.helpers import dataset_text

    path = write(dataset_text("BL23"))
    cache = tmp_path / "cache"
    cache.mkdir()
    os.mkfifo(copy_path(path.read_text(encoding="utf-8"), cache))
    code = ("import sys\nfrom pathlib import Path\nfrom backpoints.core.cache import load_dataset_cached\n"
            "print(len(load_dataset_cached(sys.argv[1], Path(sys.argv[2]))))\n")
    result = subprocess.run([sys.executable, "-c", code, str(path), str(cache)], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "1", result.stderr
    assert load_dataset_cached(str(path), cache).point("BL23") is not None


def test_a_fifo_in_place_of_the_log_does_not_hang(user_folders: Path) -> None:
    from backpoints import logs, paths

    folder = paths.ensure(paths.log_dir())
    os.mkfifo(folder / "backpoints.log")
    code = "from backpoints import logs\nprint(logs.configure())\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                            env=dict(os.environ, BACKPOINTS_HOME=str(user_folders)))
    assert result.stdout.strip() == "None" and "cannot write the log file" in result.stderr
    assert logs.log_file() is None


def test_the_output_may_not_be_the_input(tmp_path: Path) -> None:
    sheet_file = tmp_path / "s.bpsheet.yaml"
    save_sheet(Sheet(title="Mine", points=("BL23",)), sheet_file)
    before = sheet_file.read_bytes()
    link = tmp_path / "same.pdf"
    link.symlink_to(sheet_file)
    for out in (sheet_file, link):
        result = run_cli("sheet", "--open", str(sheet_file), "--output", str(out))
        assert result.returncode == 1 and "is the input file" in result.stderr
    assert sheet_file.read_bytes() == before
