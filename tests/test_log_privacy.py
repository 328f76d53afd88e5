"""The log keeps no patients' names, is readable by its owner only, and exists when named."""

from __future__ import annotations

import logging
import stat
from pathlib import Path

from backpoints import logs, paths


def _flush() -> None:
    for handler in logging.getLogger("backpoints").handlers:
        handler.flush()


def test_the_log_file_exists_at_once_and_is_owner_only(user_folders: Path) -> None:
    path = logs.configure()
    assert path is not None and path.exists()  # the error dialog names it before anything is logged
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_an_existing_world_readable_log_is_made_private(user_folders: Path) -> None:
    folder = paths.ensure(paths.log_dir())
    (folder / "backpoints.log").write_text("old\n")
    (folder / "backpoints.log").chmod(0o644)
    path = logs.configure()
    assert path is not None and stat.S_IMODE(path.stat().st_mode) == 0o600


def test_log_file_helper_for_the_error_dialog(user_folders: Path) -> None:
    path = logs.log_file()
    assert path == paths.log_dir() / "backpoints.log" and path.exists()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_no_names_from_sheet_files_or_quoted_values(user_folders: Path) -> None:
    path = logs.configure()
    assert path is not None
    log = logging.getLogger("backpoints.ui.main_window")
    sheet = "/home/someone/Patients/Jane Doe/Jane Doe back pain.bpsheet.yaml"
    log.warning("could not open sheet %s: %s", sheet, f"{sheet}:3:8: title 'Jane Doe' is not text")
    log.warning("could not keep the current sheet: %s", "[Errno 28] No space left on device: 'Jane Doe.pdf'")
    try:
        raise ValueError('sheet "Jane Doe" refused')
    except ValueError:
        log.exception("unexpected error")
    _flush()
    text = path.read_text(encoding="utf-8")
    assert "Jane" not in text and "Doe" not in text and "Patients" not in text
    assert "could not open sheet <file>" in text and "No space left on device" in text
    assert 'File "' in text and ".py\", line" in text  # the traceback still says where


def test_messages_on_stderr_are_unchanged(user_folders: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    logs.configure()
    logging.getLogger("backpoints.test").warning("cannot write %s", "/tmp/mine.pdf")
    assert "/tmp/mine.pdf" in capsys.readouterr().err  # the user's own terminal may name the file


def test_a_full_disk_under_the_log_is_one_warning_not_tracebacks(user_folders: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    logs.configure()
    [handler] = [h for h in logging.getLogger("backpoints").handlers if isinstance(h, logging.FileHandler)]
    handler.flush()
    handler.stream.close()
    handler.stream = open("/dev/full", "w", encoding="utf-8")  # every write now fails with ENOSPC
    log = logging.getLogger("backpoints.test")
    for i in range(3):
        log.info("record %d", i)
    err = capsys.readouterr().err
    assert "Traceback" not in err and "Logging error" not in err
    assert err.count("cannot be written any more") == 1
