"""Small builders for test datasets, dialogs answered as a user would, and a small disk."""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

POINT = """\
  - code: {code}
    name: Test Point
    pinyin: Cèshì
    hanzi: 测试
    meridian: BL
    pain: [lower]
    areas: [lower-back]
    bilateral: true
    markers:
      - {{view: back, x: 0.45, y: 0.36}}
      - {{view: back, x: 0.55, y: 0.36}}
    location: On the back.
    how_to_find: Feel for it.
    technique:
      needling: Oblique, 0.5 cun.
      acupressure: Press for a minute.
    back_pain_use: Local point.
    cautions: []
    pregnancy_caution: false
    sources: [who2008]
"""

HEADER = """\
format: 1
title: Test data
sources:
  who2008:
    citation: WHO 2008.
points:
"""


def dataset_text(*codes: str, header: str = HEADER) -> str:
    """A valid dataset with one test point per code."""
    return header + "".join(POINT.format(code=c) for c in codes or ("BL23",))


def dense_dataset_text(count: int) -> str:
    """A valid dataset of `count` bilateral points spread over the back figure."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    parts = [HEADER]
    for i in range(count):
        code = f"EX-{letters[i // 99 // 26 % 26]}{letters[i // 99 % 26]}{i % 99 + 1}"
        dx = 0.02 + (i * 37 % 100) / 400  # 0.02 .. 0.27 from the midline
        y = 0.05 + (i * 53 % 1000) / 1100
        point = POINT.format(code=code).replace("x: 0.45, y: 0.36", f"x: {0.5 - dx:.4f}, y: {y:.4f}")
        point = point.replace("x: 0.55, y: 0.36", f"x: {0.5 + dx:.4f}, y: {y:.4f}")
        parts.append(point.replace("meridian: BL", "meridian: EX"))
    return "".join(parts)


# --- dialogs ----------------------------------------------------------------------------
def visible_boxes(window):  # type: ignore[no-untyped-def]
    """The message boxes showing over a window, oldest first."""
    from PySide6.QtWidgets import QMessageBox

    return [b for b in window.findChildren(QMessageBox) if b.isVisible()]


def last_message(window):  # type: ignore[no-untyped-def]
    """(title, text) of the newest message box showing over the window, or None."""
    boxes = visible_boxes(window)
    if not boxes:
        return None
    box = boxes[-1]
    return box.windowTitle(), f"{box.text()}\n{box.informativeText()}".strip()


def data_error_box(window):  # type: ignore[no-untyped-def]
    """The 'could not be opened' box showing over the window."""
    boxes = [b for b in visible_boxes(window) if b.objectName() == "data-error"]
    assert boxes, "no data error box is showing"
    return boxes[-1]


class DialogAnswerer:
    """Answers every dialog that shows, modal or not, the way a test asks.

    A repeating timer looks for visible dialogs (it also runs inside a dialog's own
    exec() loop) and answers each one: by object name or class name in `answers`,
    else `default`. Message boxes take 'save', 'discard', 'cancel' or 'ok'; file
    dialogs take a path to choose or 'reject'; print dialogs take 'accept' (the
    printer as chosen), 'file:PATH' (print to a PDF file) or 'reject'; anything
    else is rejected. `seen` lists what was answered.
    """

    def __init__(self, answers: dict[str, str] | None = None, default: str = "reject") -> None:
        from PySide6.QtCore import QTimer

        self.answers = dict(answers or {})
        self.default = default
        self.seen: list[str] = []
        self.timer = QTimer()
        self.timer.setInterval(15)
        self.timer.timeout.connect(self.answer_all)
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def answer_all(self) -> None:
        from PySide6.QtWidgets import QApplication, QDialog, QMenu

        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMenu) and widget.isVisible():
                widget.close()
            elif isinstance(widget, QDialog) and widget.isVisible() and widget.objectName() != "keep-open":
                # Answer on the next tick: a file dialog fills itself in just after it shows.
                if widget.property("answerer-saw"):
                    self.answer(widget)
                else:
                    widget.setProperty("answerer-saw", True)

    def answer(self, dialog) -> None:  # type: ignore[no-untyped-def]
        from PySide6.QtPrintSupport import QPrintDialog
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        name = dialog.objectName() or type(dialog).__name__
        how = self.answers.get(name, self.answers.get(type(dialog).__name__, self.default))
        if how == "keep":  # a window the test works with (the guide), not one to answer
            return
        self.seen.append(name)
        if isinstance(dialog, QMessageBox):
            buttons = {"save": QMessageBox.StandardButton.Save, "discard": QMessageBox.StandardButton.Discard,
                       "cancel": QMessageBox.StandardButton.Cancel, "ok": QMessageBox.StandardButton.Ok}
            button = dialog.button(buttons.get(how, QMessageBox.StandardButton.Ok))
            if button is None:
                button = dialog.button(QMessageBox.StandardButton.Ok) or dialog.button(QMessageBox.StandardButton.Cancel)
            if button is not None:
                button.click()
            else:
                dialog.reject()
        elif isinstance(dialog, QFileDialog):
            if how not in ("reject", "accept"):
                # As a user does: type the whole path into the file name field, then accept.
                from PySide6.QtWidgets import QLineEdit

                name = dialog.findChild(QLineEdit, "fileNameEdit")
                if name is not None:
                    name.setText(how)
                else:
                    dialog.selectFile(how)
                dialog.accept()
            else:
                dialog.reject()
        elif isinstance(dialog, QPrintDialog):
            if how.startswith("file:"):
                # As a user does: choose "Print to File (PDF)" and type the file name.
                from PySide6.QtWidgets import QComboBox, QLineEdit

                printers = dialog.findChild(QComboBox, "printers")
                index = printers.findText("Print to File (PDF)")
                assert index >= 0, "the print dialog offers no print to file"
                printers.setCurrentIndex(index)
                dialog.findChild(QLineEdit, "filename").setText(how[len("file:"):])
                dialog.accept()
            elif how == "accept":
                dialog.accept()
            else:
                dialog.reject()
        else:
            dialog.accept() if how == "accept" else dialog.reject()


# --- a small disk --------------------------------------------------------------------------
@contextmanager
def small_tmpfs(where: Path, size: str = "256k") -> Iterator[Path]:
    """A tmpfs of `size` mounted at `where` (made here), unmounted afterwards.

    Only root can mount one, and only on Linux: elsewhere the test is skipped with the
    reason printed. Tests that must run everywhere simulate the full disk instead.
    """
    import pytest

    if sys.platform != "linux" or os.geteuid() != 0:
        reason = "mounting a small tmpfs needs root on Linux; the simulated full-disk tests cover this"
        print(f"skipped: {reason}")
        pytest.skip(reason)
    where.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(where)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        reason = f"cannot mount a tmpfs here: {result.stderr.strip()}"
        print(f"skipped: {reason}")
        pytest.skip(reason)
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)
