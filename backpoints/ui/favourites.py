"""FavouritesState: the starred points and routines, shared by the panels that show stars.

The details panel's star, the Routines tab's star, its "Favourites only" filter and its
starred-points list all write here and listen to `favourites_changed`; none of them
calls another. Every change is saved at once (atomically); a change that could not be
saved is undone and reported, so a star on screen is a star on disk.

The file is read on first use, not at start-up.
"""

from __future__ import annotations

import os
from html import escape
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from ..core.favourites import Favourites, import_favourites, load_favourites, save_favourites
from ..core.files import DataError, read_text


def _legacy_stars(path: Path) -> Favourites:
    """Stars kept in the user's routines file before favourites had a file of their own."""
    from ..core.routines import parse_user_routines
    from .. import paths

    routines = paths.user_routines_file()
    if path != paths.user_favourites_file() or not routines.is_file():
        return Favourites()
    try:
        old = parse_user_routines(read_text(str(routines)), str(routines))
    except (OSError, UnicodeError, DataError):
        return Favourites()  # the Routines tab reports (and sets aside) a bad routines file
    return Favourites(old.favourite_points, old.favourite_routines)


class FavouritesState(QObject):
    """The user's favourites, loaded on first use and saved on every change."""

    favourites_changed = Signal()
    #: Something the user should read: a bad file set aside, a save that failed.
    problem = Signal(str)
    #: A short note for the status bar (an import or export done).
    status_message = Signal(str)

    def __init__(self, path: str | os.PathLike[str] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path = Path(path) if path is not None else None
        self._favourites: Favourites | None = None

    @property
    def path(self) -> Path:
        if self._path is None:
            from .. import paths

            self._path = paths.user_favourites_file()
        return self._path

    @property
    def favourites(self) -> Favourites:
        """The stars; the file is read the first time they are asked for."""
        if self._favourites is None:
            favourites, message = load_favourites(self.path)
            self._favourites = favourites
            if message:
                self.problem.emit(message)
            elif not self.path.exists():
                legacy = _legacy_stars(self.path)
                if not legacy.is_empty():
                    self._store(legacy)  # carried over into favourites.yaml once
        return self._favourites

    def has_point(self, code: str) -> bool:
        return bool(code) and self.favourites.has_point(code)

    def has_routine(self, routine_id: str) -> bool:
        return bool(routine_id) and self.favourites.has_routine(routine_id)

    def toggle_point(self, code: str) -> bool:
        """Star or unstar a point; False (and `problem`) if the change could not be saved."""
        return bool(code) and self._store(self.favourites.toggled_point(code))

    def toggle_routine(self, routine_id: str) -> bool:
        """Star or unstar a routine; False (and `problem`) if the change could not be saved."""
        return bool(routine_id) and self._store(self.favourites.toggled_routine(routine_id))

    def import_file(self, path: str) -> bool:
        """Add the stars of another favourites file; a bad file is reported and changes nothing."""
        try:
            merged = import_favourites(path, self.favourites)
        except DataError as exc:
            self.problem.emit("The favourites were not imported:\n" + "\n".join(str(p) for p in exc.problems[:12]))
            return False
        added = len(merged.points) - len(self.favourites.points) + len(merged.routines) - len(self.favourites.routines)
        if not self._store(merged):
            return False
        self.status_message.emit(f"Imported {added} new favourite{'s' if added != 1 else ''} from {Path(path).name}")
        return True

    def export_file(self, path: str) -> bool:
        """Write the stars to another file (for another computer or a backup)."""
        try:
            save_favourites(self.favourites, path)
        except (OSError, DataError) as exc:
            self.problem.emit(f"The favourites were not exported: {_reason(exc)}")
            return False
        self.status_message.emit(f"Favourites exported to {path}")
        return True

    def _store(self, favourites: Favourites) -> bool:
        from .. import paths

        try:
            paths.ensure(self.path.parent)
            save_favourites(favourites, self.path)
        except (OSError, DataError) as exc:
            self.problem.emit(f"Your favourites were not saved: {_reason(exc)}")
            return False
        self._favourites = favourites
        self.favourites_changed.emit()
        return True


def _reason(exc: OSError | DataError) -> str:
    if isinstance(exc, DataError):
        return str(exc.problems[0]) if exc.problems else "unknown problem"
    return str(exc) if str(exc) else (exc.strerror or "unknown problem")


class StarButton(QPushButton):
    """A checkable star for one point or routine; it follows the FavouritesState.

    `set_target` says what it stars ('' disables it with a reason in its tooltip).
    """

    def __init__(self, favourites: FavouritesState, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if kind not in ("point", "routine"):
            raise ValueError(f"unknown kind {kind!r}")
        self.favourites = favourites
        self.kind = kind
        self.target = ""
        self.setCheckable(True)
        self.setObjectName(f"star-{kind}")
        self.clicked.connect(self._toggle)
        favourites.favourites_changed.connect(self._refresh)
        self._refresh()

    def set_target(self, target: str) -> None:
        self.target = target
        self._refresh()

    def _starred(self) -> bool:
        if not self.target:
            return False
        if self.kind == "point":
            return self.favourites.has_point(self.target)
        return self.favourites.has_routine(self.target)

    def _toggle(self) -> None:
        if self.kind == "point":
            self.favourites.toggle_point(self.target)
        else:
            self.favourites.toggle_routine(self.target)
        self._refresh()  # a failed save leaves the star as it was

    def _refresh(self) -> None:
        starred = self._starred()
        self.setEnabled(bool(self.target))
        self.setChecked(starred)
        self.setText("★ Starred" if starred else "☆ Star")
        self.setAccessibleName(f"Star this {self.kind}" + (" (starred)" if starred else ""))
        if not self.target:
            self.setToolTip(f"Choose a {self.kind} first, then star it to keep it among your favourites")
        elif starred:
            self.setToolTip(escape(f"Remove {self.target} from your favourites"))
        else:
            self.setToolTip(escape(f"Add {self.target} to your favourites"))


class StarredPoints(QWidget):
    """The starred points as a short list: choose one to show it, or add them all to the sheet."""

    #: A starred point was chosen (click or Enter): select it and show it on the map.
    point_chosen = Signal(str)
    #: "Add starred points to sheet": the codes in star order.
    add_requested = Signal(tuple)

    def __init__(self, favourites: FavouritesState, known: Callable[[str], str | None],
                 parent: QWidget | None = None) -> None:
        """`known(code)` gives a point's display name, or None if the dataset lacks it."""
        super().__init__(parent)
        self.favourites = favourites
        self.known = known
        self.list = QListWidget(self)
        self.list.setAccessibleName("Starred points")
        self.list.setMaximumHeight(120)
        self.list.itemClicked.connect(self._choose)
        self.list.itemActivated.connect(self._choose)
        self.empty = QLabel("No starred points yet: select a point and press ☆ Star in the Details tab.", self)
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setWordWrap(True)
        self.add_button = QPushButton("Add starred points to sheet", self)
        self.add_button.clicked.connect(self._add_all)
        title = QLabel("★ Starred points", self)
        bold = title.font()
        bold.setBold(True)
        title.setFont(bold)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.empty)
        layout.addWidget(self.list)
        layout.addWidget(self.add_button)
        favourites.favourites_changed.connect(self.refresh)
        self.refresh()

    def codes(self) -> tuple[str, ...]:
        """The starred codes this dataset has, in star order."""
        return tuple(c for c in self.favourites.favourites.points if self.known(c) is not None)

    def refresh(self) -> None:
        self.list.clear()
        for code in self.codes():
            item = QListWidgetItem(self.known(code) or code)
            item.setData(Qt.ItemDataRole.UserRole, code)
            self.list.addItem(item)
        has = self.list.count() > 0
        self.empty.setVisible(not has)
        self.list.setVisible(has)
        self.add_button.setEnabled(has)
        self.add_button.setToolTip("Add every starred point to the sheet" if has
                                   else "Star a point in the Details tab first")

    def _choose(self, item: QListWidgetItem) -> None:
        self.point_chosen.emit(str(item.data(Qt.ItemDataRole.UserRole)))

    def _add_all(self) -> None:
        codes = self.codes()
        if codes:
            self.add_requested.emit(codes)
