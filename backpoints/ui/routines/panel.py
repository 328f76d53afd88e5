"""The Routines tab: the chooser, the route on the map, sheets and guided sessions.

Built on first show, so start-up reads no routines file. It works through the
BrowseState (pregnancy filter, selection, and `route`: the routine the map numbers),
the SheetDocument (a routine sheet is one undoable edit) and the FavouritesState
(stars); it calls no panel and never reaches into the map.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

import shiboken6

from PySide6.QtCore import QPoint, QRect, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFileDialog, QLabel, QMenu, QToolButton, QVBoxLayout, QWidget

from ...core.files import DataError
from ...core.sheet import Sheet
from ..favourites import FavouritesState, StarredPoints
from ..sheet_document import SheetDocument
from ..state import BrowseState

if TYPE_CHECKING:
    from ...core.routines import Routine, RoutineLibrary, UserRoutines
    from .chooser import RoutineChooser
    from .runner_widget import RunnerWidget

ROUTINE_FILTER = "Routines files (*.yaml *.yml);;All files (*)"
FAVOURITES_FILTER = "Favourites files (*.yaml *.yml);;All files (*)"


def place_over(window: QWidget, parent: QWidget | None, width: int, height: int, *, right: bool = False) -> None:
    """Size a child window and put it over its parent window, kept on the parent's screen.

    Centred, or with `right` over the parent's right-hand side (the runner: the map it
    zooms stays in view). Without this a parented top-level window opens at 0,0 (over the
    map) on X11 with no window manager, and wherever the platform likes elsewhere.
    """
    window.resize(width, height)
    if parent is None:
        return
    top = parent.window()
    frame = top.frameGeometry()
    # The child gets a frame like its parent's: place the frame, as move() does.
    extra = frame.size() - top.geometry().size()
    rect = QRect(QPoint(0, 0), window.size() + extra)
    rect.moveCenter(frame.center())
    if right:
        rect.moveRight(frame.right() - 16)
    screen = top.screen()
    if screen is not None:
        area = screen.availableGeometry()
        rect.moveLeft(max(area.left(), min(rect.left(), area.right() - rect.width())))
        rect.moveTop(max(area.top(), min(rect.top(), area.bottom() - rect.height())))
    window.move(rect.topLeft())

log = logging.getLogger(__name__)


class RoutinesPanel(QWidget):
    """The routines a person can follow, shown on the map and turned into sheets."""

    #: A short message for the status bar.
    status_message = Signal(str)

    def __init__(self, state: BrowseState, document: SheetDocument, favourites: FavouritesState | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.document = document
        self.favourites = favourites if favourites is not None else FavouritesState(parent=self)
        self.library: RoutineLibrary | None = None
        self._user: UserRoutines | None = None  # read with the routines, when the tab first opens
        self.chooser: RoutineChooser | None = None
        self.starred: StarredPoints | None = None
        self.files_button: QToolButton | None = None
        self._runner: RunnerWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(4, 4, 4, 4)
        self.message = QLabel("Routines load when this tab opens.", self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self._layout.addWidget(self.message)

    @property
    def user(self) -> UserRoutines:
        """The user's own routines (none until the tab has been opened)."""
        if self._user is None:
            from ...core.routines import UserRoutines

            self._user = UserRoutines()
        return self._user

    @user.setter
    def user(self, value: UserRoutines) -> None:
        self._user = value

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.ensure_loaded()

    def ensure_loaded(self) -> RoutineLibrary | None:
        """Read the routines (bundled and the user's own) once; problems are shown in the tab."""
        if self.library is not None:
            return self.library
        from ... import paths
        from ...core.routines import load_routines, load_user_routines
        from ...resources import data_file
        from .chooser import RoutineChooser

        try:
            self.library = load_routines(data_file("routines.yaml"), self.state.dataset)
        except DataError as exc:
            self.message.setText("The routines could not be read:\n" + "\n".join(str(p) for p in exc.problems[:12]))
            return None
        self.user, problem = load_user_routines(paths.user_routines_file())
        if problem:
            self.status_message.emit(problem)
        self.message.hide()
        chooser = RoutineChooser(self.library, self.state.dataset, self.user, self, self.favourites)
        self.chooser = chooser
        chooser.set_hide_pregnancy(self.state.filters.hide_pregnancy)
        self._layout.addWidget(chooser, 1)
        self.starred = StarredPoints(self.favourites, self._point_name, self)
        self.starred.point_chosen.connect(lambda code: self.state.select(code, reveal=True))
        self.starred.add_requested.connect(self.document.add_points)
        self.state.dataset_changed.connect(self.starred.refresh)
        self._layout.addWidget(self.starred)
        self.files_button = self._files_button()
        self._layout.addWidget(self.files_button, 0, Qt.AlignmentFlag.AlignLeft)
        chooser.routine_selected.connect(self._show_route)
        chooser.sheet_requested.connect(self._make_sheet)
        chooser.run_requested.connect(self._run)
        self.state.filters_changed.connect(lambda: chooser.set_hide_pregnancy(self.state.filters.hide_pregnancy))
        return self.library

    def _point_name(self, code: str) -> str | None:
        point = self.state.dataset.point(code)
        return f"{point.code} {point.pinyin}" if point is not None else None

    def _files_button(self) -> QToolButton:
        button = QToolButton(self)
        button.setText("Import / export")
        button.setToolTip("Bring in routines or favourites from a file, or write yours to one")
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(button)
        menu.addAction("Import routines…", self.import_routines)
        menu.addAction("Export my routines…", self.export_routines)
        menu.addSeparator()
        menu.addAction("Import favourites…", self.import_favourites)
        menu.addAction("Export favourites…", self.export_favourites)
        button.setMenu(menu)
        return button

    def routines(self) -> list[tuple[str, str]]:
        """(id, name) of every routine the pregnancy filter leaves, for menus."""
        library = self.ensure_loaded()
        if library is None:
            return []
        shown = library.visible(self.state.dataset, self.state.filters.hide_pregnancy) + self.user.routines
        return [(r.id, r.name) for r in shown]

    def make_sheet(self, routine_id: str) -> None:
        self._make_sheet(routine_id)

    def routine_from_sheet(self, sheet: Sheet) -> None:
        """Open the editor on a new routine of one's own made from a sheet's points, in order."""
        from ...core.routines import routine_from_sheet
        from .editor import RoutineEditor

        if self.ensure_loaded() is None:
            return
        base = "my-" + (re.sub(r"[^a-z0-9]+", "-", sheet.title.lower()).strip("-") or "routine")
        taken = {r.id for r in self.user.routines} | {r.id for r in (self.library.routines if self.library else ())}
        routine_id = base if base not in taken else next(f"{base}-{n}" for n in range(2, 1000) if f"{base}-{n}" not in taken)
        try:
            routine = routine_from_sheet(sheet, self.state.dataset, routine_id, sheet.title or "My routine")
        except ValueError as exc:
            self.status_message.emit(str(exc))
            return
        editor = RoutineEditor(routine, self.state.dataset, self.window())
        editor.setWindowFlag(Qt.WindowType.Window)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.setObjectName("routine-editor")
        editor.setWindowTitle(f"My routine: {routine.name}")
        editor.routine_saved.connect(self._save_own)
        editor.routine_saved.connect(editor.close)
        editor.cancelled.connect(editor.close)
        place_over(editor, self.window(), 640, 480)
        editor.show()

    def _save_own(self, routine: Routine) -> None:
        if self.library is not None and self._store(self.user.with_routine(routine)):
            self.status_message.emit(f"Saved “{routine.name}” to your routines")

    # --- from the chooser ---------------------------------------------------------------------
    def _routine(self, routine_id: str) -> Routine | None:
        if self.chooser is None:
            return None
        return self.chooser.routine(routine_id)

    def _show_route(self, routine_id: str) -> None:
        self.state.set_route(self._routine(routine_id) if routine_id else None)

    def _make_sheet(self, routine_id: str) -> None:
        routine = self._routine(routine_id)
        if routine is not None:
            self.document.use_routine(routine)

    def _run(self, routine_id: str) -> None:
        from .runner_widget import RunnerWidget

        routine = self._routine(routine_id)
        if routine is None:
            return
        # One guided session at a time: two would fight over the map's selection. The same
        # routine again brings its window forward; another routine replaces it.
        current = self._runner
        if current is not None and shiboken6.isValid(current):
            if current.routine.id == routine.id:
                current.raise_()
                current.activateWindow()
                return
            current.close()
        runner = RunnerWidget(routine, self.state.dataset, parent=self.window())
        self._runner = runner
        runner.setWindowFlag(Qt.WindowType.Window)
        runner.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        runner.setWindowTitle(f"Guided session: {routine.name}")
        runner.setObjectName("routine-runner")
        runner.point_focused.connect(lambda code: self.state.select(code or None, reveal=True))
        place_over(runner, self.window(), 560, 640, right=True)
        runner.show()
        runner.raise_()
        runner.activateWindow()  # Space and the arrows go to the session, not the button that started it

    # --- files: import and export -------------------------------------------------------------
    def ask_open_path(self, caption: str, filters: str) -> str:
        """A file to read (a method, so tests can answer it)."""
        from ... import paths

        path, _ = QFileDialog.getOpenFileName(self, caption, str(paths.documents_dir()), filters)
        return path

    def ask_save_path(self, caption: str, filters: str, name: str) -> str:
        """A file to write, '.yaml' added when the name has no suffix."""
        from ... import paths

        dialog = QFileDialog(self, caption, str(paths.documents_dir() / name), filters)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("yaml")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        chosen = dialog.exec()
        return dialog.selectedFiles()[0] if chosen else ""

    def import_routines(self) -> None:
        """Add the routines of another file to mine (same id: replaced), saved at once."""
        if self.ensure_loaded() is None:
            return
        path = self.ask_open_path("Import routines", ROUTINE_FILTER)
        if not path:
            return
        from ...core.routines import import_routines

        try:
            user = import_routines(path, self.user, self.state.dataset)
        except DataError as exc:
            self.favourites.problem.emit(
                "The routines were not imported:\n" + "\n".join(str(p) for p in exc.problems[:12]))
            return
        ids = {r.id for r in self.library.routines} if self.library else set()
        clash = [r.id for r in user.routines if r.id in ids]
        if clash:
            self.favourites.problem.emit(
                "The routines were not imported: these ids belong to bundled routines: " + ", ".join(clash))
            return
        if self._store(user):
            added = len(user.routines) - len(self.user.routines)
            self.status_message.emit(f"Imported routines from {path} ({added} new)")

    def export_routines(self) -> None:
        """Write my own routines to a file another BackPoints can import."""
        if self.ensure_loaded() is None:
            return
        if not self.user.routines:
            self.status_message.emit("You have no routines of your own to export yet "
                                     "(Sheet → Make a routine from this sheet…)")
            return
        path = self.ask_save_path("Export my routines", ROUTINE_FILTER, "my-routines.yaml")
        if not path:
            return
        from ...core.routines import export_routines

        try:
            export_routines(self.user.routines, path, self.library.sources if self.library else None)
        except (OSError, DataError) as exc:
            reason = str(exc.problems[0]) if isinstance(exc, DataError) else str(exc)
            self.favourites.problem.emit(f"Your routines were not exported: {reason}")
            return
        self.status_message.emit(f"Your routines were exported to {path}")

    def import_favourites(self) -> None:
        path = self.ask_open_path("Import favourites", FAVOURITES_FILTER)
        if path:
            self.favourites.import_file(path)

    def export_favourites(self) -> None:
        path = self.ask_save_path("Export favourites", FAVOURITES_FILTER, "favourites.yaml")
        if path:
            self.favourites.export_file(path)

    def _store(self, user: UserRoutines) -> bool:
        from ... import paths
        from ...core.routines import save_user_routines

        try:
            paths.ensure(paths.routines_dir())
            save_user_routines(user, paths.user_routines_file(), self.library.sources if self.library else None)
        except (OSError, DataError) as exc:
            reason = str(exc.problems[0]) if isinstance(exc, DataError) else str(exc)
            self.status_message.emit(f"Your routines were not saved: {reason}")
            return False
        self.user = user
        if self.chooser is not None:
            self.chooser.set_user(user)
        return True
