"""What a CUPS queue says about itself (lpstat), so a job is never reported printed in vain.

Qt hands a job to CUPS and reports success whether or not the queue took it: a queue
that rejects jobs drops it without a word, a paused (disabled) queue holds it. These
checks ask `lpstat` before and after a job. No Qt here; without lpstat (no CUPS) the
answers are None and callers fall back on what Qt reports.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class QueueState:
    """A CUPS queue: whether it accepts new jobs, whether it prints them, and why not."""

    name: str
    accepting: bool
    enabled: bool
    reason: str = ""

    def refusal(self) -> str | None:
        """Why a job sent now would not be taken at all, or None."""
        if self.accepting:
            return None
        why = f" ({self.reason})" if self.reason else ""
        return f"printer {self.name!r} is not accepting jobs{why}; nothing was printed"

    def hold(self) -> str | None:
        """Why a job taken now would wait instead of printing, or None."""
        if self.enabled:
            return None
        why = f" ({self.reason})" if self.reason else ""
        return f"the printer is paused{why}: the job waits in the queue until the printer is resumed"


def _lpstat(*args: str) -> subprocess.CompletedProcess[str] | None:
    lpstat = shutil.which("lpstat")
    if lpstat is None:
        return None
    env = dict(os.environ, LC_ALL="C", LANG="C")  # lpstat's words are parsed below
    try:
        return subprocess.run([lpstat, *args], capture_output=True, text=True, timeout=15, env=env, check=False)
    except (OSError, subprocess.SubprocessError):
        return None


def _reason(lines: list[str]) -> str:
    """The indented line CUPS prints under a queue: the reason it was paused or rejects."""
    for line in lines[1:]:
        if line.startswith(("\t", " ")) and line.strip():
            text = line.strip()
            return "" if text in ("Paused", "Rejecting Jobs") else text
    return ""


def queue_state(name: str) -> QueueState | None:
    """The queue's state, or None when CUPS cannot be asked (no lpstat, unknown queue)."""
    printing = _lpstat("-p", name)
    accepting = _lpstat("-a", name)
    if printing is None or accepting is None or printing.returncode or accepting.returncode:
        return None
    p_lines = printing.stdout.splitlines()
    a_lines = accepting.stdout.splitlines()
    if not p_lines or not a_lines:
        return None
    enabled = " disabled since " not in p_lines[0]
    takes = " not accepting requests" not in a_lines[0]
    reason = _reason(a_lines) if not takes else ""
    reason = reason or _reason(p_lines)
    return QueueState(name=name, accepting=takes, enabled=enabled, reason=reason)


def job_ids(name: str) -> set[str] | None:
    """Every job the queue knows (waiting and completed), or None when CUPS cannot be asked."""
    result = _lpstat("-W", "all", "-o", name)
    if result is None or result.returncode:
        return None
    return {line.split()[0] for line in result.stdout.splitlines() if line.strip() and not line[0].isspace()}
