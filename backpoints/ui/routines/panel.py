"""The Routines tab: the chooser, the route on the map, sheets and guided sessions.

Built on first show, so start-up reads no routines file. It works through the
BrowseState (pregnancy filter, selection), the SheetDocument (a routine sheet is
one undoable edit) and the map's scenes (the route overlay); it calls no panel.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...core.files import DataError
from ...core.model import VIEWS
from ...core.sheet import Sheet
from ...core.routines import RoutineLibrary, UserRoutines, load_routines, load_user_routines, save_user_routines
from ..bodymap import BodyMapView
from ..sheet_document import SheetDocument
from ..state import BrowseState

if TYPE_CHECKING:
    from ...core.routines import Routine
    from .chooser import RoutineChooser
    from .overlay import RouteLayer

log = logging.getLogger(__name__)


class RoutinesPanel(QWidget):
    """The routines a person can follow, shown on the map and turned into sheets."""

    #: A short message for the status bar.
    status_message = Signal(str)

    def __init__(self, state: BrowseState, document: SheetDocument, body_map: BodyMapView,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.document = document
        self.body_map = body_map
        self.library: RoutineLibrary | None = None
        self.user = UserRoutines()
        self.chooser: RoutineChooser | None = None
        self.route_layer: RouteLayer | None = None
        self.runners: list[QWidget] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(4, 4, 4, 4)
        self.message = QLabel("Routines load when this tab opens.", self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self._layout.addWidget(self.message)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.ensure_loaded()

    def ensure_loaded(self) -> RoutineLibrary | None:
        """Read the routines (bundled and the user's own) once; problems are shown in the tab."""
        if self.library is not None:
            return self.library
        from ... import paths
        from ...resources import data_file
        from .chooser import RoutineChooser
        from .overlay import RouteLayer

        try:
            self.library = load_routines(data_file("routines.yaml"), self.state.dataset)
        except DataError as exc:
            self.message.setText("The routines could not be read:\n" + "\n".join(str(p) for p in exc.problems[:12]))
            return None
        self.user, problem = load_user_routines(paths.user_routines_file())
        if problem:
            self.status_message.emit(problem)
        self.message.hide()
        chooser = RoutineChooser(self.library, self.state.dataset, self.user, self)
        self.chooser = chooser
        chooser.set_hide_pregnancy(self.state.filters.hide_pregnancy)
        self._layout.addWidget(chooser)
        self.route_layer = RouteLayer()
        chooser.routine_selected.connect(self._show_route)
        chooser.sheet_requested.connect(self._make_sheet)
        chooser.run_requested.connect(self._run)
        chooser.favourite_toggled.connect(self._toggle_star)
        self.state.filters_changed.connect(lambda: chooser.set_hide_pregnancy(self.state.filters.hide_pregnancy))
        self.state.view_changed.connect(self._attach_route)
        return self.library

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
        editor.show()

    def _save_own(self, routine: Routine) -> None:
        from ... import paths

        if self.library is None:
            return
        user = self.user.with_routine(routine)
        try:
            save_user_routines(user, paths.user_routines_file(), self.library.sources)
        except (OSError, DataError) as exc:
            self.status_message.emit(f"Your routine was not saved: {exc}")
            return
        self.user = user
        if self.chooser is not None:
            self.chooser.set_user(user)
        self.status_message.emit(f"Saved “{routine.name}” to your routines")

    # --- from the chooser ---------------------------------------------------------------------
    def _routine(self, routine_id: str) -> Routine | None:
        if self.chooser is None:
            return None
        return self.chooser.routine(routine_id)

    def _show_route(self, routine_id: str) -> None:
        if self.route_layer is None:
            return
        routine = self._routine(routine_id) if routine_id else None
        self.route_layer.show(routine, self.state.dataset, [self.body_map.scene_for(v) for v in VIEWS])

    def _attach_route(self, view: str) -> None:
        if self.route_layer is not None:
            self.route_layer.attach(self.body_map.scene_for(view))

    def _make_sheet(self, routine_id: str) -> None:
        routine = self._routine(routine_id)
        if routine is not None:
            self.document.use_routine(routine)

    def _run(self, routine_id: str) -> None:
        from .runner_widget import RunnerWidget

        routine = self._routine(routine_id)
        if routine is None:
            return
        runner = RunnerWidget(routine, self.state.dataset, parent=self.window())
        runner.setWindowFlag(Qt.WindowType.Window)
        runner.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        runner.setWindowTitle(f"Guided session: {routine.name}")
        runner.setObjectName("routine-runner")
        runner.point_focused.connect(lambda code: self.state.select(code or None, reveal=True))
        runner.resize(560, 640)
        runner.show()

    def _toggle_star(self, routine_id: str) -> None:
        from ... import paths

        if self.library is None or self.chooser is None:
            return
        user = self.user.toggled_routine(routine_id)
        try:
            save_user_routines(user, paths.user_routines_file(), self.library.sources)
        except OSError as exc:
            self.status_message.emit(f"Your routines were not saved: {exc.strerror or exc}")
            return
        except DataError as exc:
            self.status_message.emit(f"Your routines were not saved: {exc.problems[0]}")
            return
        self.user = user
        self.chooser.set_user(user)
