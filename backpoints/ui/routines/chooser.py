"""RoutineChooser: the list of routines with each one's steps, cautions and source.

Takes plain values (the bundled RoutineLibrary, the Dataset, the user's UserRoutines)
and the FavouritesState (its star writes there), and emits what the user asked for;
the Routines tab decides what happens (show the route on the map, start the runner,
make the sheet). Until a routine is chosen its buttons are disabled and say why.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal, SignalInstance, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...core.model import Dataset
from ...core.routines import ASHI, Routine, RoutineLibrary, UserRoutines
from ..favourites import FavouritesState, StarButton

ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: What the detail area and the disabled buttons say before a routine is chosen.
CHOOSE_FIRST = "Choose a routine in the list first."
PLACEHOLDER = ("Choose a routine in the list to see its steps in order, its cautions and its source, "
               "and its numbered press order on the map.")


def describe(routine: Routine, dataset: Dataset) -> str:
    """The routine as plain text: who it is for, steps in order, cautions and source."""
    who = "Self-care (acupressure)" if routine.audience == "self-care" else f"For practitioners ({routine.technique})"
    lines = [routine.purpose, f"{who}. {routine.frequency}", ""]
    for number, step in enumerate(routine.steps, start=1):
        point = dataset.point(step.point)
        name = f"{point.code} {point.pinyin}" if point is not None else (
            "Ashi point (most tender spot)" if step.point == ASHI else step.point)
        lines.append(f"{number}. {name}: {step.side_text()}, {step.dose_text()}. {step.how}")
    if routine.cautions or routine.pregnancy_caution(dataset):
        lines.append("")
        lines.append("Cautions:")
        lines.extend(f"• {c}" for c in routine.cautions)
        if routine.pregnancy_caution(dataset) and not any("pregnan" in c.lower() for c in routine.cautions):
            lines.append("• Not for use in pregnancy.")
    lines.append("")
    lines.append(routine.source_text())
    if routine.provenance.detail:
        lines.append(routine.provenance.detail)
    return "\n".join(lines)


class RoutineChooser(QWidget):
    """Pick a routine, read its steps and source, star it, run it or print it."""

    #: The current routine changed ('' when none): show its route on the map.
    routine_selected = Signal(str)
    run_requested = Signal(str)
    sheet_requested = Signal(str)

    def __init__(
        self,
        library: RoutineLibrary,
        dataset: Dataset,
        user: UserRoutines | None = None,
        parent: QWidget | None = None,
        favourites: FavouritesState | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.dataset = dataset
        self.user = user or UserRoutines()
        self.favourites = favourites if favourites is not None else FavouritesState(parent=self)
        self.hide_pregnancy = False
        self.favourites_only = QCheckBox("★ Favourites only")
        self.favourites_only.setToolTip("Show only the routines you starred")
        self.favourites_only.toggled.connect(lambda _on: self._fill())
        self.empty = QLabel()
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setWordWrap(True)
        self.empty.hide()
        self.list = QListWidget()
        self.list.setAccessibleName("Routines")
        self.list.currentItemChanged.connect(self._on_current)
        self.list.itemActivated.connect(lambda item: self.run_requested.emit(item.data(ID_ROLE)))
        self.detail = QLabel()
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.detail)
        self.run_button = QPushButton("Start guided session")
        self.sheet_button = QPushButton("Make sheet")
        self.star_button = StarButton(self.favourites, "routine", self)
        self.run_button.clicked.connect(lambda: self._emit(self.run_requested))
        self.sheet_button.clicked.connect(lambda: self._emit(self.sheet_requested))
        self.favourites.favourites_changed.connect(self._fill)
        buttons = QHBoxLayout()
        for button in (self.run_button, self.sheet_button, self.star_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.favourites_only)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 2)
        layout.addWidget(scroll, 3)
        layout.addLayout(buttons)
        self._fill()
        if self.list.currentItem() is None:
            self._on_current(None, None)

    # --- state from outside ------------------------------------------------------------
    def routines(self) -> tuple[Routine, ...]:
        """Every routine: the bundled ones, then the user's own."""
        return self.library.routines + self.user.routines

    def routine(self, routine_id: str) -> Routine | None:
        return next((r for r in self.routines() if r.id == routine_id), None)

    def set_user(self, user: UserRoutines) -> None:
        """New user routines or stars (after a save); keeps the current routine."""
        self.user = user
        self._fill()

    def set_hide_pregnancy(self, hide: bool) -> None:
        """The pregnancy filter: hide routines not for use in pregnancy."""
        if hide != self.hide_pregnancy:
            self.hide_pregnancy = hide
            self._fill()

    def current_id(self) -> str:
        item = self.list.currentItem()
        return str(item.data(ID_ROLE)) if item is not None else ""

    def select(self, routine_id: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(ID_ROLE) == routine_id:
                self.list.setCurrentRow(row)
                return

    # --- internals ---------------------------------------------------------------------
    def _fill(self) -> None:
        current = self.current_id()
        self.list.blockSignals(True)
        self.list.clear()
        stars = set(self.favourites.favourites.routines)
        shown = [r for r in self.routines()
                 if not (self.hide_pregnancy and r.pregnancy_caution(self.dataset))
                 and not (self.favourites_only.isChecked() and r.id not in stars)]
        # Starred routines first, otherwise the library's order.
        shown.sort(key=lambda r: r.id not in stars)
        for routine in shown:
            mark = "★ " if routine.id in stars else ""
            mine = "  (mine)" if routine in self.user.routines else ""
            item = QListWidgetItem(f"{mark}{routine.name}{mine}")
            item.setData(ID_ROLE, routine.id)
            item.setToolTip(escape(f"{routine.audience}, {routine.technique}"))  # escaped, as every tooltip is
            self.list.addItem(item)
        self.list.blockSignals(False)
        if not shown and self.favourites_only.isChecked():
            self.empty.setText("No starred routines yet: choose a routine and press ☆ Star, "
                               "or untick “Favourites only”.")
        elif not shown:
            self.empty.setText("No routine is left with the pregnancy filter on.")
        self.empty.setVisible(not shown)
        self.select(current)
        if self.current_id() != current:
            self._on_current(self.list.currentItem(), None)

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_current(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        routine = self.routine(str(item.data(ID_ROLE))) if item is not None else None
        self.detail.setText(describe(routine, self.dataset) if routine is not None else PLACEHOLDER)
        for button, does in ((self.run_button, "Follow this routine step by step with a timer"),
                             (self.sheet_button, "Make a sheet of this routine, numbered in press order")):
            button.setEnabled(routine is not None)
            button.setToolTip(does if routine is not None else f"{CHOOSE_FIRST} {does}.")
        self.star_button.set_target(routine.id if routine is not None else "")
        self.routine_selected.emit(routine.id if routine is not None else "")

    def _emit(self, signal: SignalInstance) -> None:
        routine_id = self.current_id()
        if routine_id:
            signal.emit(routine_id)
