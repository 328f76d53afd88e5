"""SheetDocument: the point sheet being composed, as a document.

It owns the Sheet value, the file it came from, the modified flag, the autosaved
working copy and the recent-files list. Every edit is a QUndoCommand on its
stack, so Edit → Undo brings back a cleared sheet or the sheet a preset replaced.
Widgets call its methods and listen to `sheet_changed`; none of them keeps a copy.
"""

from __future__ import annotations

import logging
import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..core.files import DataError
from ..core.sheet import Sheet, load_sheet, resolve, save_sheet, today
from .state import BrowseState

if TYPE_CHECKING:
    from ..core.routines import Routine

log = logging.getLogger(__name__)

RECENT_KEY = "sheets/recent"
RECENT_MAX = 8
#: Sheet fields a user edits in the form; typing in one merges into one undo step.
FIELDS = ("title", "name", "date", "notes", "paper", "technique")


class _Edit(QUndoCommand):
    """Replace the sheet with another value; undo puts the previous one back."""

    def __init__(self, document: "SheetDocument", before: Sheet, after: Sheet, text: str, merge: int = -1) -> None:
        super().__init__(text)
        self.document = document
        self.before = before
        self.after = after
        self.merge = merge

    def id(self) -> int:
        return self.merge

    def mergeWith(self, other: QUndoCommand) -> bool:
        # Typing in one field is one undo step, not one per letter.
        if not isinstance(other, _Edit) or other.merge != self.merge or other.before != self.after:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        self.document._show(self.after)

    def undo(self) -> None:
        self.document._show(self.before)


class SheetDocument(QObject):
    """The sheet being composed: content, file, undo history, autosave and recent files."""

    sheet_changed = Signal()
    #: The file behind the sheet changed ("" for an untitled sheet).
    path_changed = Signal(str)
    modified_changed = Signal(bool)
    #: A short message for the status bar ("BL23 added to the sheet").
    status = Signal(str)

    def __init__(self, browse: BrowseState, settings: QSettings | None = None,
                 autosave_path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.browse = browse
        self.settings = settings
        self._lock: object | None = None
        #: Whether this window's working copy is the one brought back at the next start.
        self.restorable = False
        self.autosave_path = self._claim(autosave_path)
        self._sheet = Sheet(date=today())
        self._path = ""
        #: Set when the working copy differs from any file without edits (a restored copy).
        self._dirty_without_edits = False
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(800)
        self._autosave.timeout.connect(self.autosave)

    def _claim(self, path: Path | None) -> Path | None:
        """The working-copy file this window may use.

        The first window holds a lock on the usual file; a second window at the same
        time gets a file of its own, so two windows never overwrite each other's
        working copy (the second one's is not restored at the next start).
        """
        if path is None:
            return None
        from PySide6.QtCore import QLockFile

        from .. import paths

        try:
            paths.ensure(path.parent)
        except OSError:
            return path
        lock = QLockFile(str(path) + ".lock")
        lock.setStaleLockTime(0)  # a crashed window's lock is taken over (its process is gone)
        if lock.tryLock(0):
            self._lock = lock  # held for the window's life
            self.restorable = True
            return path
        self.restorable = False
        return path.with_name(f"{path.stem}-{os.getpid()}-{id(self):x}{path.suffix}")

    # --- reading ------------------------------------------------------------------------
    @property
    def sheet(self) -> Sheet:
        return self._sheet

    @property
    def path(self) -> str:
        return self._path

    @property
    def is_modified(self) -> bool:
        """Unsaved changes: edits since the last save or open, or a restored working copy."""
        return self._dirty_without_edits or not self.undo_stack.isClean()

    @property
    def display_name(self) -> str:
        """The file name without the sheet suffix, or 'Untitled sheet'."""
        if not self._path:
            return "Untitled sheet"
        name = Path(self._path).name
        for suffix in (".bpsheet.yaml", ".yaml", ".yml"):
            if name.endswith(suffix) and len(name) > len(suffix):
                return name[: -len(suffix)]
        return name

    def has_content(self) -> bool:
        """Whether emptying or replacing the sheet would drop something."""
        sheet = self._sheet
        return bool(sheet.points or sheet.notes.strip() or sheet.name.strip())

    def missing_codes(self) -> list[str]:
        """Codes on the sheet that the current dataset lacks."""
        return resolve(self._sheet, self.browse.dataset)[1]

    # --- edits (each one undoable) ---------------------------------------------------------
    def add_point(self, code: str) -> bool:
        """Add a point at the end; False (and a status message) when it is already there or unknown."""
        if self.browse.dataset.point(code) is None:
            return False
        if code in self._sheet.points:
            self.status.emit(f"{code} is already on the sheet")
            return False
        self._push(self._sheet.with_point(code), f"Add {code}")
        count = len(self._sheet.points)
        self.status.emit(f"{code} added to the sheet ({count} point{'s' if count != 1 else ''})")
        return True

    def add_points(self, codes: Iterable[str]) -> int:
        """Add several points in one undo step; returns how many were new."""
        known = [c for c in codes if self.browse.dataset.point(c) is not None]
        new = [c for c in dict.fromkeys(known) if c not in set(self._sheet.points)]
        if new:
            self._push(replace(self._sheet, points=self._sheet.points + tuple(new)), f"Add {len(new)} points")
        self.status.emit(f"{len(new)} point{'s' if len(new) != 1 else ''} added to the sheet"
                         if new else "Those points are already on the sheet")
        return len(new)

    def remove_point(self, code: str) -> None:
        if code in self._sheet.points:
            self._push(self._sheet.without_point(code), f"Remove {code}")

    def move_point(self, code: str, position: int) -> None:
        if code in self._sheet.points:
            moved = self._sheet.moved(code, position)
            if moved != self._sheet:
                self._push(moved, f"Move {code}")

    def set_order(self, codes: tuple[str, ...]) -> None:
        """A new order of the same points (drag and drop)."""
        if sorted(codes) == sorted(self._sheet.points) and codes != self._sheet.points:
            self._push(replace(self._sheet, points=codes), "Reorder points")

    def set_field(self, name: str, value: str) -> None:
        """Change one form field (title, name, date, notes, paper, technique)."""
        if name not in FIELDS:
            raise ValueError(f"not a sheet field: {name}")
        if getattr(self._sheet, name) == value:
            return
        changes: dict[str, Any] = {name: value}
        self._push(replace(self._sheet, **changes), f"Edit {name}", merge=1000 + FIELDS.index(name))

    def clear(self) -> None:
        """Empty the point list (undoable, and says so)."""
        if self._sheet.points:
            self._push(replace(self._sheet, points=()), "Clear sheet")
            self.status.emit("Sheet cleared. Edit → Undo (Ctrl+Z) brings the points back.")

    def replace_points(self, title: str, codes: tuple[str, ...], label: str) -> None:
        """Replace title and points (a preset); undoable, and says so."""
        codes = tuple(c for c in dict.fromkeys(codes) if self.browse.dataset.point(c) is not None)
        self._push(replace(self._sheet, title=title, points=codes, date=self._sheet.date or today()), label)
        self.status.emit(f"{label}: {len(codes)} points. Edit → Undo (Ctrl+Z) brings back the previous sheet.")

    def use_routine(self, routine: "Routine") -> None:
        """Replace the sheet with a routine's points in press order (undoable, and says so)."""
        from ..core.routines import routine_sheet

        sheet = routine_sheet(routine, name=self._sheet.name, paper=self._sheet.paper)
        self._push(sheet, f"Routine “{routine.name}”")
        self.status.emit(f"Sheet made from the routine “{routine.name}”. Edit → Undo (Ctrl+Z) brings back "
                         "the previous sheet.")

    # --- documents (these ask first in the window; here they just do it) ---------------------
    def new(self) -> None:
        """An empty untitled sheet with the same paper and technique."""
        self._reset(Sheet(date=today(), paper=self._sheet.paper, technique=self._sheet.technique), "")

    def open(self, path: str) -> list[str]:
        """Open a sheet file; returns the codes left out because the dataset lacks them.

        Raises DataError (with FILE:LINE:COL problems) and leaves the current sheet as it is.
        """
        sheet = load_sheet(path, self.browse.dataset)  # any code spelling, saved back canonical
        missing = resolve(sheet, self.browse.dataset)[1]
        if missing:
            gone = set(missing)
            sheet = replace(sheet, points=tuple(c for c in sheet.points if c not in gone))
        self._reset(sheet, path)
        self._dirty_without_edits = bool(missing)
        self.modified_changed.emit(self.is_modified)
        self.remember_recent(path)
        return missing

    def save(self, path: str | None = None) -> None:
        """Save to path (or the sheet's own file); raises OSError, leaving any earlier file intact."""
        target = path or self._path
        if not target:
            raise ValueError("an untitled sheet needs a file name")
        save_sheet(self._sheet, target)
        if target != self._path:
            self._path = target
            self.path_changed.emit(target)
        self._dirty_without_edits = False
        self.undo_stack.setClean()
        self.modified_changed.emit(self.is_modified)
        self.remember_recent(target)
        self.autosave()
        self.status.emit(f"Sheet saved to {target}")

    # --- autosave -------------------------------------------------------------------------
    def autosave(self) -> None:
        """Keep the working copy, so a crash or a restart never loses it."""
        self._autosave.stop()
        if self.autosave_path is None:
            return
        try:
            from .. import paths

            paths.ensure(self.autosave_path.parent)  # the data folder is owner-only
            save_sheet(self._sheet, self.autosave_path, private=True)  # owner-only: may hold a name
        except OSError as exc:
            log.warning("could not keep the working copy of the sheet: %s", exc.strerror or exc)
            return
        if self.settings is not None:
            self.settings.setValue("sheets/working_file", self._path)
            self.settings.setValue("sheets/working_modified", self.is_modified)

    def release(self) -> None:
        """Let the next window use the usual working-copy file (this one is closing)."""
        lock, self._lock = self._lock, None
        if lock is not None:
            lock.unlock()  # type: ignore[attr-defined]

    def drop_working_copy(self) -> None:
        """Forget the kept working copy (the user discarded its changes)."""
        self._autosave.stop()
        if self.autosave_path is not None:
            try:
                self.autosave_path.unlink(missing_ok=True)
            except OSError as exc:
                log.warning("could not remove the working copy of the sheet: %s", exc.strerror or exc)
        if self.settings is not None:
            self.settings.remove("sheets/working_file")
            self.settings.remove("sheets/working_modified")

    def restore(self) -> bool:
        """Bring back the working copy kept by autosave; False when there is none."""
        if self.autosave_path is None or not self.restorable or not self.autosave_path.exists():
            return False
        try:
            sheet = load_sheet(self.autosave_path, self.browse.dataset)
        except DataError as exc:
            log.warning("the kept working copy is unreadable, starting a new sheet: %s", exc.problems[0])
            return False
        path, modified = "", True
        if self.settings is not None:
            path = str(self.settings.value("sheets/working_file", "") or "")
            modified = str(self.settings.value("sheets/working_modified", "true")).lower() == "true"
        if path and not Path(path).is_file():
            path, modified = "", True
        known = resolve(sheet, self.browse.dataset)[1]
        if known:
            gone = set(known)
            sheet = replace(sheet, points=tuple(c for c in sheet.points if c not in gone))
            self.status.emit(f"Left out of the restored sheet (not in this dataset): {', '.join(known[:8])}"
                             + (f" and {len(known) - 8} more" if len(known) > 8 else ""))
        self._reset(sheet, path)
        self._dirty_without_edits = (modified and self.has_content()) or bool(known)
        self.modified_changed.emit(self.is_modified)
        return True

    # --- recent files ----------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        """The recently opened or saved sheets, newest first (wrong-typed entries ignored)."""
        if self.settings is None:
            return []
        value = self.settings.value(RECENT_KEY, [])
        items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        return [v for v in items if isinstance(v, str) and v][:RECENT_MAX]

    def remember_recent(self, path: str) -> None:
        if self.settings is None:
            return
        items = [path] + [p for p in self.recent_files() if p != path]
        self.settings.setValue(RECENT_KEY, items[:RECENT_MAX])

    # --- internals --------------------------------------------------------------------------
    def _on_clean_changed(self, clean: bool) -> None:
        # Not through is_modified: the stack also says this while it is being destroyed.
        self.modified_changed.emit(self._dirty_without_edits or not clean)

    def _push(self, sheet: Sheet, text: str, merge: int = -1) -> None:
        if sheet != self._sheet:
            self.undo_stack.push(_Edit(self, self._sheet, sheet, text, merge))

    def _show(self, sheet: Sheet) -> None:
        self._sheet = sheet
        self.sheet_changed.emit()
        self.modified_changed.emit(self.is_modified)
        self._autosave.start()

    def _reset(self, sheet: Sheet, path: str) -> None:
        self.undo_stack.clear()
        self._dirty_without_edits = False
        self._sheet = sheet
        if path != self._path:
            self._path = path
            self.path_changed.emit(path)
        self.sheet_changed.emit()
        self.modified_changed.emit(self.is_modified)
        self._autosave.start()
