"""DiaryDocument: the open diary as a Qt state object, with undo for every change.

Every change is written to the SQLite file at once (core.diary.DiaryStore) and then
pushed on the undo stack as a command that is already done; undo and redo write
again. The contents shown are always re-read from the file after a write, so the
screen never shows something that was not saved.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ...core.diary import CheckIn, DiaryContents, DiaryError, DiaryStore, Entry, remove_diary_files

log = logging.getLogger(__name__)


def _close_store(attributes: dict[str, object]) -> None:
    store = attributes.get("_store")
    if isinstance(store, DiaryStore):
        store.close()
        attributes["_store"] = None


class DiaryDocument(QObject):
    """The diary file, its contents and an undo stack. Signals say what happened."""

    #: The entries changed (added, edited, deleted, imported, undone, deleted all).
    entries_changed = Signal()
    #: A write failed; the text is for the user (nothing was changed).
    save_failed = Signal(str)

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.undo_stack = QUndoStack(self)
        self._store: DiaryStore | None = None
        self.contents = DiaryContents()
        # Destroyed (with its panel) while still open: close the file now, not whenever
        # Python collects this object (Python 3.13 warns about an unclosed connection then).
        # The slot holds the attributes, not the object, so it keeps nothing alive.
        self.destroyed.connect(partial(_close_store, self.__dict__))

    # --- opening -------------------------------------------------------------------
    def open(self) -> None:
        """Open (or create) the file and read it. Raises DiaryError with a message for the user."""
        self.close()
        self._store = DiaryStore(self.path)
        self._reload()
        if self._store.backup_path is not None:
            log.info("diary updated to a new format; backup copy written")

    @property
    def is_open(self) -> bool:
        return self._store is not None

    @property
    def read_only(self) -> bool:
        return self._store is not None and self._store.read_only

    @property
    def backup_path(self) -> Path | None:
        return None if self._store is None else self._store.backup_path

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def reload(self) -> None:
        """Read the file again (another process may have written); keeps the undo history."""
        try:
            self._reload()
        except DiaryError as exc:
            self.save_failed.emit(str(exc))

    def _reload(self) -> None:
        self.contents = self._store.contents() if self._store is not None else DiaryContents()
        self.entries_changed.emit()

    def _require(self) -> DiaryStore:
        if self._store is None:
            self._store = DiaryStore(self.path)  # after "Delete all", the next entry starts a new file
        return self._store

    # --- changes (each one undoable) -------------------------------------------------
    def add(self, entry: Entry) -> Entry:
        """Save a new entry. Raises DiaryError or ValueError; nothing is pushed then."""
        saved = self._require().add(entry)
        self.undo_stack.push(_Command(self, f"add {_what(saved)}", added=[saved]))
        self._reload()
        return saved

    def update(self, old: Entry, new: Entry) -> Entry:
        """Replace a saved entry with new values (same id)."""
        new = replace(new, id=old.id)
        self._require().update(new)
        self.undo_stack.push(_Command(self, f"edit {_what(new)}", edited=[(old, new)]))
        self._reload()
        return new

    def delete(self, entries: Sequence[Entry]) -> None:
        """Delete entries (a session's side effects go with it)."""
        if not entries:
            return
        self._require().delete_many(entries)
        label = f"delete {_what(entries[0])}" if len(entries) == 1 else f"delete {len(entries)} entries"
        self.undo_stack.push(_Command(self, label, removed=list(entries)))
        self._reload()

    def add_many(self, entries: Sequence[Entry], label: str = "import") -> list[Entry]:
        """Save several entries at once (an import): all or none, undone as one step."""
        saved = self._require().add_many(list(entries))
        if saved:
            self.undo_stack.push(_Command(self, f"{label} {len(saved)} entries", added=saved))
        self._reload()
        return saved

    def delete_everything(self) -> list[Path]:
        """Delete the diary file, its WAL and its migration backups. Not undoable (it was confirmed)."""
        store = self._require()
        store.delete_everything()  # overwrite the rows first, then remove the files
        self.close()
        gone = remove_diary_files(self.path)
        self.undo_stack.clear()
        self._reload()
        return gone

    # --- used by the undo commands ----------------------------------------------------
    def _apply(self, add: Sequence[Entry], remove: Sequence[Entry], update: Sequence[Entry]) -> bool:
        try:
            store = self._require()
            if remove:
                store.delete_many(remove)
            if add:
                store.add_many(list(add))
            for entry in update:
                store.update(entry)
        except (DiaryError, ValueError) as exc:
            self.save_failed.emit(str(exc))
            self._reload()
            return False
        self._reload()
        return True


def _what(entry: Entry) -> str:
    return "check-in" if isinstance(entry, CheckIn) else "session"


class _Command(QUndoCommand):
    """A change that was already written when pushed; undo and redo write again."""

    def __init__(self, doc: DiaryDocument, text: str, *, added: Sequence[Entry] = (),
                 removed: Sequence[Entry] = (), edited: Sequence[tuple[Entry, Entry]] = ()) -> None:
        super().__init__(text)
        self.doc = doc
        self.added = list(added)
        self.removed = list(removed)
        self.edited = list(edited)
        self._first = True

    def redo(self) -> None:
        if self._first:  # pushed after the write succeeded
            self._first = False
            return
        if not self.doc._apply(self.added, self.removed, [new for _, new in self.edited]):
            self.setObsolete(True)

    def undo(self) -> None:
        if not self.doc._apply(self.removed, self.added, [old for old, _ in self.edited]):
            self.setObsolete(True)
