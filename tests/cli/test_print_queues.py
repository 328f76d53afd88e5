"""A CUPS queue that rejects jobs or is paused is never reported as "sent" silently."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator

import pytest

from tests.conftest import run_cli

PPD = "lsb/usr/cups-pdf/CUPS-PDF_noopt.ppd"


def _cups_reason() -> str | None:
    """Why a test queue cannot be made here, or None."""
    for tool in ("lpadmin", "lpstat", "cupsreject", "cupsdisable"):
        if not shutil.which(tool):
            return f"{tool} is not installed (CUPS client tools)"
    running = subprocess.run(["lpstat", "-r"], capture_output=True, text=True, env=dict(os.environ, LC_ALL="C"))
    if "is running" not in running.stdout or "not running" in running.stdout:
        return "cupsd is not running"
    return None


@pytest.fixture
def queue() -> Iterator[str]:
    """A fresh cups-pdf queue of our own, removed afterwards."""
    reason = _cups_reason()
    if reason:
        print(f"skipping: {reason}")
        pytest.skip(reason)
    name = f"BackPointsTest{os.getpid()}"
    made = subprocess.run(["lpadmin", "-p", name, "-v", "cups-pdf:/", "-m", PPD, "-E"], capture_output=True, text=True)
    if made.returncode != 0:
        print(f"skipping: cannot create a cups-pdf queue: {made.stderr.strip()}")
        pytest.skip(f"cannot create a cups-pdf queue: {made.stderr.strip()}")
    try:
        yield name
    finally:
        subprocess.run(["lpadmin", "-x", name], capture_output=True)


def _jobs(name: str) -> list[str]:
    out = subprocess.run(["lpstat", "-W", "all", "-o", name], capture_output=True, text=True).stdout
    return [line.split()[0] for line in out.splitlines() if line.strip()]


def test_a_queue_that_rejects_jobs_is_an_error(queue: str) -> None:
    subprocess.run(["cupsreject", "-r", "out of paper tray", queue], check=True)
    result = run_cli("sheet", "--points", "BL23", "--printer", queue)
    assert result.returncode == 1, result.stderr
    assert f"printer '{queue}' is not accepting jobs (out of paper tray); nothing was printed" in result.stderr
    assert "sent" not in result.stderr and _jobs(queue) == []


def test_a_paused_queue_is_a_clear_warning(queue: str) -> None:
    subprocess.run(["cupsdisable", "-r", "maintenance", queue], check=True)
    result = run_cli("sheet", "--points", "BL23", "--printer", queue)
    assert result.returncode == 0, result.stderr
    assert "queued 1 page" in result.stderr and "the printer is paused (maintenance)" in result.stderr
    assert "sent" not in result.stderr
    assert len(_jobs(queue)) == 1  # the job is there, waiting


def test_an_accepting_queue_gets_the_job(queue: str) -> None:
    result = run_cli("sheet", "--points", "BL23", "--printer", queue)
    assert result.returncode == 0, result.stderr
    assert f"sent 1 page to printer {queue}" in result.stderr
    assert len(_jobs(queue)) == 1


def test_queue_warning_for_the_print_dialog(queue: str) -> None:
    from backpoints.printing.printer import queue_warning

    assert queue_warning(queue) == ""
    subprocess.run(["cupsdisable", queue], check=True)
    assert "paused" in queue_warning(queue)
    subprocess.run(["cupsreject", queue], check=True)
    assert "not accepting jobs" in queue_warning(queue)
