"""Sheet files and output from the window's point of view: the questions a careful
desktop app asks before it replaces, closes or prints a sheet.

SheetDocument does the work (open, save, undo); SheetOutput prints and exports; this
object asks the user first (Save / Discard / Cancel, file names) and says what went wrong.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from .. import paths
from ..core.files import DataError
from .messages import Choice, ask_save_changes, show_data_error, show_message
from .sheet_document import SheetDocument
from .sheet_output import SheetOutput

SHEET_FILTER = "BackPoints sheets (*.bpsheet.yaml *.yaml *.yml);;All files (*)"


class SheetFiles(QObject):
    """New, Open, Open recent, Save, Save as, Quit and the three outputs, asked about first."""

    #: The sheet was replaced or opened: the window shows the Sheet tab.
    sheet_shown = Signal()

    def __init__(self, window: QWidget, document: SheetDocument, output: SheetOutput) -> None:
        super().__init__(window)
        self.window = window
        self.document = document
        self.output = output

    def may_replace(self, action: str) -> bool:
        """Ask Save / Discard / Cancel when the sheet has unsaved changes; True to go on."""
        if not self.document.is_modified or not self.document.has_content():
            return True
        choice = ask_save_changes(self.window, self.document.display_name, action)
        if choice is Choice.SAVE:
            return self.save_sheet()
        return choice is Choice.DISCARD

    def new_sheet(self) -> None:
        if self.may_replace("start a new sheet"):
            self.document.new()
            self.sheet_shown.emit()

    def open_sheet_dialog(self) -> None:
        if not self.may_replace("open another sheet"):
            return
        path, _ = QFileDialog.getOpenFileName(self.window, "Open sheet", self.sheet_folder(), SHEET_FILTER)
        if path:
            self.open_sheet(path, asked=True)

    def open_sheet(self, path: str, *, asked: bool = False) -> bool:
        """Open a saved sheet; problems are shown and the current sheet stays."""
        if not asked and not self.may_replace("open another sheet"):
            return False
        try:
            missing = self.document.open(path)
        except DataError as exc:
            show_data_error(self.window, "The sheet could not be opened", exc, "The current sheet is unchanged.")
            return False
        if missing:
            shown = ", ".join(missing[:12]) + (f" and {len(missing) - 12} more" if len(missing) > 12 else "")
            show_message(self.window, "Some points are not in this dataset",
                         f"Left out of the sheet because the dataset has no such point: {shown}.")
        self.sheet_shown.emit()
        return True

    def save_sheet(self) -> bool:
        if not self.document.path:
            return self.save_sheet_as()
        return self.save_to(self.document.path)

    def save_sheet_as(self) -> bool:
        from ..core.files import safe_file_name

        name = safe_file_name(self.document.sheet.title, ".bpsheet.yaml")
        path, _ = QFileDialog.getSaveFileName(self.window, "Save sheet", str(Path(self.sheet_folder()) / name),
                                              "BackPoints sheets (*.bpsheet.yaml)")
        return bool(path) and self.save_to(path)

    def save_to(self, path: str) -> bool:
        try:
            self.document.save(path)
        except OSError as exc:
            show_message(self.window, "The sheet was not saved", f"{path}: {exc.strerror or exc}. Any earlier copy is unchanged.")
            return False
        return True

    def open_recent(self, path: str) -> None:
        self.open_sheet(path)

    def sheet_folder(self) -> str:
        if self.document.path:
            return str(Path(self.document.path).parent)
        return str(paths.documents_dir())

    def fill_recent_menu(self, menu: QMenu) -> None:
        """Fill a menu with the recent sheets (when it is about to show)."""
        menu.clear()
        items = self.document.recent_files()
        for path in items:
            action = menu.addAction(Path(path).name)
            action.triggered.connect(partial(self.open_recent, path))
            action.setToolTip(path)
        if not items:
            menu.addAction("No recent sheets").setEnabled(False)

    # --- output ---------------------------------------------------------------------------------
    def sheet_ready(self) -> bool:
        if not self.document.sheet.points:
            show_message(self.window, "The sheet is empty", "Add points to the sheet first (Add to sheet, or a preset).")
            return False
        missing = self.document.missing_codes()
        if missing:
            self.document.status.emit(f"Left off the sheet (not in this dataset): {', '.join(missing[:8])}")
        return True

    def preview_sheet(self) -> None:
        if self.sheet_ready():
            self.output.preview(self.document.sheet, self.document.browse.dataset)

    def print_sheet(self) -> None:
        if self.sheet_ready():
            self.output.print_dialog(self.document.sheet, self.document.browse.dataset)

    def export_sheet(self) -> None:
        if self.sheet_ready():
            self.output.export_dialog(self.document.sheet, self.document.browse.dataset, self.sheet_folder())

    def may_close(self) -> bool:
        """Quit: ask about unsaved changes; Discard forgets the working copy, else it is kept."""
        discard = False
        if self.document.is_modified and self.document.has_content():
            choice = ask_save_changes(self.window, self.document.display_name, "quit")
            if choice is Choice.CANCEL or (choice is Choice.SAVE and not self.save_sheet()):
                return False
            discard = choice is Choice.DISCARD
        if discard:
            self.document.drop_working_copy()  # discarded means not brought back next time
        else:
            self.document.autosave()
        self.document.release()
        return True
