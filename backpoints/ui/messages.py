"""Message boxes: every text from data or files shown as plain text, every box deleted on close."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from ..core.files import DataError
from ..datasets import problem_lines


def _box(parent: QWidget, icon: QMessageBox.Icon, title: str, text: str, name: str) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    # File names and data text reach these boxes; Qt would guess rich text otherwise.
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setObjectName(name)
    return box


def show_message(parent: QWidget, title: str, text: str,
                 icon: QMessageBox.Icon = QMessageBox.Icon.Warning) -> QMessageBox:
    """A window-modal message that does not block the caller."""
    box = _box(parent, icon, title, text, "message")
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.open()
    return box


def show_data_error(parent: QWidget, title: str, exc: DataError, consequence: str) -> QMessageBox:
    """What is wrong with a file, FILE:LINE:COL per problem, the first dozen in view."""
    lines = problem_lines(exc)
    shown = "\n".join(lines[:12]) + (f"\n… and {len(lines) - 12} more" if len(lines) > 12 else "")
    box = _box(parent, QMessageBox.Icon.Warning, title, f"{title}. {consequence}", "data-error")
    box.setInformativeText(shown)
    box.setDetailedText("\n".join(lines[:2000]))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.open()
    return box


class Choice(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_save_changes(parent: QWidget, name: str, action: str) -> Choice:
    """Save / Discard / Cancel before an action that would drop unsaved changes."""
    box = _box(parent, QMessageBox.Icon.Question, "Unsaved changes",
               f"The sheet “{name}” has changes that are not saved.", "unsaved-changes")
    box.setInformativeText(f"Save them before you {action}?")
    box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                           | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return Choice.SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return Choice.DISCARD
    return Choice.CANCEL
