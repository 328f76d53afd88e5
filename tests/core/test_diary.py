"""The diary store against real SQLite files: migration, damage, read-only, full disk, two writers."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.helpers import small_tmpfs

from backpoints.core.diary import (
    APPLICATION_ID,
    SCHEMA_V1,
    SCHEMA_VERSION,
    CheckIn,
    DiaryError,
    DiaryStore,
    Session,
    SideEffect,
    parse_money,
    parse_when,
    remove_diary_files,
)

DAY = dt.datetime(2026, 10, 1, 8, 30)


def checkin(day: int, pain: int, **kw: object) -> CheckIn:
    return CheckIn(at=DAY + dt.timedelta(days=day), pain=pain, **kw)  # type: ignore[arg-type]


def session(day: int, **kw: object) -> Session:
    return Session(at=DAY + dt.timedelta(days=day), **kw)  # type: ignore[arg-type]


def test_entries_survive_closing_and_reopening(tmp_path: Path) -> None:
    path = tmp_path / "diary.sqlite3"
    with DiaryStore(path) as store:
        store.add(checkin(0, 7, worst=9, areas=("lower-back", "hip"), activity=(2, 1, 1, 0, 2), notes="after gardening"))
        store.add(session(1, points=("BL23", "BL40"), cost_cents=8500, currency="EUR", duration_min=45,
                          insurance_paid=True, side_effects=(SideEffect("bruising", "moderate", "left side"),)))
    with DiaryStore(path) as store:
        contents = store.contents()
    (c,) = contents.checkins
    (s,) = contents.sessions
    assert (c.pain, c.worst, c.areas, c.activity_score, c.notes) == (7, 9, ("lower-back", "hip"), 6, "after gardening")
    assert (s.points, s.cost_cents, s.currency, s.duration_min, s.insurance_paid) == (("BL23", "BL40"), 8500, "EUR", 45, True)
    assert s.side_effects == (SideEffect("bruising", "moderate", "left side"),)
    assert [e.kind for e in contents.entries] == ["checkin", "session"]


def test_new_file_is_private_and_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "diary.sqlite3"
    store = DiaryStore(path)
    store.add(checkin(0, 3))
    for name in (path, path.with_name(path.name + "-wal")):
        assert stat.S_IMODE(name.stat().st_mode) == 0o600, name
    assert store._db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert raw.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    raw.close()


def test_deleting_a_session_removes_its_side_effects(tmp_path: Path) -> None:
    with DiaryStore(tmp_path / "d.sqlite3") as store:
        saved = store.add(session(0, side_effects=(SideEffect("soreness"), SideEffect("dizziness", "severe"))))
        store.delete(saved)
        assert store._db.execute("SELECT COUNT(*) FROM side_effects").fetchone()[0] == 0
        assert store.contents().entries == ()


def test_update_and_restore_keep_the_id(tmp_path: Path) -> None:
    with DiaryStore(tmp_path / "d.sqlite3") as store:
        saved = store.add(checkin(0, 5))
        assert saved.id is not None
        from dataclasses import replace

        store.update(replace(saved, pain=4))
        assert store.contents().checkins[0].pain == 4
        store.delete(saved)
        store.add(saved)  # undo of a delete puts it back under its id
        assert store.contents().checkins == (saved,)


def test_bad_values_are_refused_before_writing(tmp_path: Path) -> None:
    with DiaryStore(tmp_path / "d.sqlite3") as store:
        with pytest.raises(ValueError, match="0 to 10"):
            store.add(checkin(0, 11))
        with pytest.raises(ValueError, match="unknown area"):
            store.add(checkin(0, 1, areas=("elbow",)))
        with pytest.raises(ValueError, match="three-letter"):
            store.add(session(0, currency="dollars"))
        with pytest.raises(ValueError, match="side effect"):
            store.add(session(0, side_effects=(SideEffect("headache"),)))
        # One bad entry in a batch: none of them is saved.
        with pytest.raises(ValueError):
            store.add_many([checkin(0, 2), checkin(1, 99)])
        assert store.contents().entries == ()


def make_v1(path: Path) -> None:
    db = sqlite3.connect(path)
    db.executescript(SCHEMA_V1)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("PRAGMA user_version = 1")
    db.executemany(
        "INSERT INTO entries (kind, at, pain, technique, points, cost_cents, currency, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            ("checkin", "2026-09-01T09:00", 8, None, "", None, None, "bad morning"),
            ("session", "2026-09-02T10:00", None, "acupuncture", "BL23 BL25", 9000, "USD", ""),
            ("session", "2026-09-09T10:00", None, "laser", "", 9000, "", "first laser"),
            ("checkin", "2026-09-10T09:00", 5, None, "", None, None, ""),
        ],
    )
    db.commit()
    db.close()


def test_previous_schema_is_migrated_after_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "diary.sqlite3"
    make_v1(path)
    before = path.read_bytes()
    store = DiaryStore(path)
    contents = store.contents()
    assert [c.pain for c in contents.checkins] == [8, 5]
    assert contents.checkins[0].notes == "bad morning"
    assert [s.points for s in contents.sessions] == [("BL23", "BL25"), ()]
    # An unknown old technique becomes "other"; the note keeps what it was.
    assert [(s.technique, s.currency, s.notes) for s in contents.sessions][1] == ("other", "USD", "first laser")
    assert store.backup_path is not None and store.backup_path.exists()
    assert stat.S_IMODE(store.backup_path.stat().st_mode) == 0o600
    store.close()
    old = sqlite3.connect(store.backup_path)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    assert old.execute("SELECT COUNT(*) FROM entries").fetchone()[0] == 4
    old.close()
    assert path.read_bytes() != before
    # Opening again does not migrate or back up twice.
    again = DiaryStore(path)
    assert again.backup_path is None
    assert len(again.contents().entries) == 4
    again.close()


def test_a_damaged_file_is_reported_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "diary.sqlite3"
    with DiaryStore(path) as store:
        store.add(checkin(0, 6))
    data = bytearray(path.read_bytes())
    data[0:16] = b"garbage garbage!"  # the SQLite header
    path.write_bytes(bytes(data))
    with pytest.raises(DiaryError, match="not a readable BackPoints diary.*left untouched"):
        DiaryStore(path)
    assert path.read_bytes() == bytes(data)
    assert not path.with_name(path.name + "-wal").exists() or path.with_name(path.name + "-wal").stat().st_size == 0


def test_random_bytes_and_other_programs_files_are_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(os.urandom(5000))
    with pytest.raises(DiaryError, match="not a readable BackPoints diary"):
        DiaryStore(junk)
    other = tmp_path / "other.sqlite3"
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE contacts (name TEXT)")
    db.commit()
    db.close()
    before = other.read_bytes()
    with pytest.raises(DiaryError, match="another program"):
        DiaryStore(other)
    assert other.read_bytes() == before


def test_a_newer_version_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "diary.sqlite3"
    DiaryStore(path).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(DiaryError, match="newer BackPoints"):
        DiaryStore(path)
    assert path.read_bytes() == before


def test_a_folder_is_not_a_diary(tmp_path: Path) -> None:
    with pytest.raises(DiaryError, match="is a folder"):
        DiaryStore(tmp_path)


@pytest.fixture
def small_disk(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A 256 KiB tmpfs under tmp_path (root only)."""
    with small_tmpfs(tmp_path / "disk") as mount:
        yield mount


def test_a_full_disk_keeps_what_was_saved(small_disk: Path) -> None:
    path = small_disk / "diary.sqlite3"
    store = DiaryStore(path)
    kept = store.add(checkin(0, 4, notes="before the disk filled"))
    # Fill the rest of the disk.
    fd = os.open(small_disk / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(fd)
    with pytest.raises(DiaryError, match="disk is full.*nothing was changed"):
        for i in range(200):
            store.add(checkin(i + 1, 5, notes="x" * 3000))
    (small_disk / "filler").unlink()
    store.close()
    with DiaryStore(path) as again:
        contents = again.contents()
    assert kept in contents.checkins
    assert all(c.notes in ("before the disk filled", "x" * 3000) for c in contents.checkins)


def test_a_full_disk_simulated_reports_and_rolls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without root: the commit fails as SQLite reports a full disk (SQLITE_FULL)."""
    store = DiaryStore(tmp_path / "d.sqlite3")
    store.add(checkin(0, 4))

    class FullDisk:
        def __init__(self, real: sqlite3.Connection) -> None:
            self.real = real

        def execute(self, sql: str, *args: object):  # type: ignore[no-untyped-def]
            if sql == "COMMIT":
                raise sqlite3.OperationalError("database or disk is full")
            return self.real.execute(sql, *args)

        def __getattr__(self, name: str) -> object:
            return getattr(self.real, name)

    real = store._db
    monkeypatch.setattr(store, "_db", FullDisk(real))
    with pytest.raises(DiaryError, match="disk is full.*nothing was changed"):
        store.add(checkin(1, 9))
    monkeypatch.setattr(store, "_db", real)
    assert [c.pain for c in store.contents().checkins] == [4]
    store.close()


def test_a_read_only_file_is_read_but_not_written(small_disk: Path) -> None:
    path = small_disk / "diary.sqlite3"
    with DiaryStore(path) as store:
        store.add(checkin(0, 6))
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    try:
        store = DiaryStore(path)
        assert store.read_only
        assert [c.pain for c in store.contents().checkins] == [6]
        with pytest.raises(DiaryError, match="read-only.*nothing was changed"):
            store.add(checkin(1, 2))
        store.close()
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)


def test_a_read_only_file_mode_without_root_privileges(tmp_path: Path) -> None:
    """chmod 0400 only stops non-root users, so this runs the store in a child as nobody."""
    if os.geteuid() != 0:
        path = tmp_path / "diary.sqlite3"
        with DiaryStore(path) as store:
            store.add(checkin(0, 6))
        os.chmod(path, 0o400)
        try:
            with DiaryStore(path) as store, pytest.raises(DiaryError, match="read-only"):
                store.add(checkin(1, 2))
        finally:
            os.chmod(path, 0o600)
        return
    # As root: a folder nobody can reach, and a child that drops to nobody after its imports.
    import pwd
    import shutil
    import tempfile

    nobody = pwd.getpwnam("nobody")
    folder = Path(tempfile.mkdtemp(prefix="bp-ro-"))
    path = folder / "diary.sqlite3"
    with DiaryStore(path) as store:
        store.add(checkin(0, 6))
    os.chmod(folder, 0o755)
    for p in (folder, *folder.iterdir()):
        os.chown(p, nobody.pw_uid, nobody.pw_gid)
    os.chmod(path, 0o400)
    code = (
        "import os, sys\n"
        "import datetime as dt\n"
        "from backpoints.core.diary import DiaryStore, DiaryError, CheckIn\n"
        f"os.setgid({nobody.pw_gid}); os.setuid({nobody.pw_uid})\n"
        "try:\n"
        "    s = DiaryStore(sys.argv[1]); print(len(s.contents().entries)); s.add(CheckIn(at=dt.datetime(2026,1,1), pain=2))\n"
        "except DiaryError as e:\n"
        "    print('ERR', e)\n"
    )
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, cwd=root,
                            env={**os.environ, "PYTHONPATH": str(root)}, timeout=60)
    try:
        assert result.stdout.startswith("1\nERR") and "read-only" in result.stdout, result.stdout + result.stderr
        assert "Traceback" not in result.stderr
        os.chmod(path, 0o600)
        with DiaryStore(path) as store:
            assert [c.pain for c in store.contents().checkins] == [6]
    finally:
        shutil.rmtree(folder)


def test_two_instances_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "diary.sqlite3"
    DiaryStore(path).close()
    errors: list[BaseException] = []

    def writer(offset: int) -> None:
        try:
            with DiaryStore(path) as store:
                for i in range(60):
                    store.add(checkin(offset + i, i % 11))
                    store.add(session(offset + i, points=("BL23",), side_effects=(SideEffect("soreness"),)))
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n * 1000,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    with DiaryStore(path) as store:
        contents = store.contents()
    assert len(contents.checkins) == 120 and len(contents.sessions) == 120
    assert sum(len(s.side_effects) for s in contents.sessions) == 120


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "diary.sqlite3"
    code = (
        "import sys, datetime as dt\n"
        "from backpoints.core.diary import DiaryStore, CheckIn\n"
        "s = DiaryStore(sys.argv[1])\n"
        "for i in range(80): s.add(CheckIn(at=dt.datetime(2026, 1, 1) + dt.timedelta(hours=i), pain=i % 11))\n"
        "s.close()\n"
    )
    root = Path(__file__).resolve().parents[2]
    children = [subprocess.Popen([sys.executable, "-c", code, str(path)], cwd=root, stderr=subprocess.PIPE, text=True)
                for _ in range(2)]
    for child in children:
        _, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
    with DiaryStore(path) as store:
        assert len(store.contents().checkins) == 160


def test_delete_everything_and_remove_files(tmp_path: Path) -> None:
    path = tmp_path / "diary.sqlite3"
    make_v1(path)
    store = DiaryStore(path)  # leaves a migration backup beside it
    store.add(checkin(0, 3, notes="private words"))
    store.delete_everything()
    assert store.contents().entries == ()
    store.close()
    assert b"private words" not in path.read_bytes()
    gone = remove_diary_files(path)
    assert path in gone and any("backup" in p.name for p in gone)
    assert list(tmp_path.iterdir()) == []


def test_dates_and_money_are_parsed_strictly() -> None:
    assert parse_when("2026-11-27") == dt.datetime(2026, 11, 27, 12, 0)
    assert parse_when("2026-11-27T08:30:59") == dt.datetime(2026, 11, 27, 8, 30)
    with pytest.raises(ValueError, match="not a date"):
        parse_when("27/11/2026")
    assert parse_money("1,234.5") == 123450
    assert parse_money("75") == 7500
    for bad in ("-5", "7.555", "abc", ""):
        with pytest.raises(ValueError):
            parse_money(bad)
