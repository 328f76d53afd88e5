"""The sheet as a document: every edit undoable, nothing replaced without asking."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from backpoints.core.sheet import Sheet, save_sheet
from backpoints.ui.main_window import MainWindow
from backpoints.ui.sheet_document import SheetDocument
from backpoints.ui.state import BrowseState
from tests.helpers import DialogAnswerer


@pytest.fixture
def document(qapp, dataset, tmp_path: Path) -> SheetDocument:  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    return SheetDocument(BrowseState(dataset), settings, tmp_path / "working.yaml")


EDITS = {
    "add": lambda d: d.add_point("BL40"),
    "add several": lambda d: d.add_points(["GV4", "KI3"]),
    "remove": lambda d: d.remove_point("BL23"),
    "move": lambda d: d.move_point("BL23", 1),
    "reorder": lambda d: d.set_order(("BL25", "BL23")),
    "title": lambda d: d.set_field("title", "Mine"),
    "name": lambda d: d.set_field("name", "Ann"),
    "date": lambda d: d.set_field("date", "early spring"),
    "notes": lambda d: d.set_field("notes", "Twice a day"),
    "paper": lambda d: d.set_field("paper", "letter"),
    "technique": lambda d: d.set_field("technique", "needling"),
    "clear": lambda d: d.clear(),
    "preset": lambda d: d.replace_points("Lower back", ("BL23", "BL40", "GV4"), "Preset"),
}


@pytest.mark.parametrize("edit", list(EDITS))
def test_every_edit_undoes_and_redoes(document: SheetDocument, edit: str) -> None:
    document.add_points(["BL23", "BL25"])
    before = document.sheet
    EDITS[edit](document)
    after = document.sheet
    assert after != before and document.is_modified
    document.undo_stack.undo()
    assert document.sheet == before
    document.undo_stack.redo()
    assert document.sheet == after


def test_typing_in_a_field_is_one_undo_step(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    field = window.sheet_panel.title
    window.tabs.setCurrentWidget(window.sheet_panel)
    field.selectAll()
    qtbot.keyClicks(field, "Lower back")
    assert window.document.sheet.title == "Lower back"
    window.document.undo_stack.undo()
    assert window.document.sheet.title == "Point sheet" and field.text() == "Point sheet"
    assert not window.isWindowModified()


def test_free_text_date_is_kept(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.document.set_field("date", "Spring 2026")
    window.document.set_field("title", "Edited")  # an edit elsewhere does not touch the date
    assert window.document.sheet.date == "Spring 2026" and window.sheet_panel.date.text() == "Spring 2026"


REPLACING = {
    "new": lambda w, path: w.new_sheet(),
    "open": lambda w, path: w.open_sheet(path),
    "open recent": lambda w, path: (w.document.remember_recent(path), w.fill_recent_menu(),
                                    w.recent_menu.actions()[0].trigger()),
    "quit": lambda w, path: w.close(),
}


@pytest.mark.parametrize("action", list(REPLACING))
@pytest.mark.parametrize("answer", ["cancel", "discard", "save"])
def test_replacing_actions_ask_first(qtbot, window: MainWindow, tmp_path: Path, action: str, answer: str) -> None:  # type: ignore[no-untyped-def]
    other = tmp_path / "other.bpsheet.yaml"
    save_sheet(Sheet(title="Other", points=("GV4",)), other)
    mine = tmp_path / "mine.bpsheet.yaml"
    window.document.add_point("BL23")
    assert window.isWindowModified()
    answerer = DialogAnswerer({"unsaved-changes": answer, "QFileDialog": str(mine)})
    REPLACING[action](window, str(other))
    qtbot.wait(50)
    answerer.stop()
    assert answerer.seen[0] == "unsaved-changes"
    if answer == "cancel":
        assert window.document.sheet.points == ("BL23",) and window.isVisible()
    else:
        if answer == "save":
            assert mine.exists() and "BL23" in mine.read_text(encoding="utf-8")
        if action == "quit":
            assert not window.isVisible()
        else:
            assert window.document.sheet.points != ("BL23",)


def test_saved_sheet_is_not_asked_about(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.document.add_point("BL23")
    window.document.save(str(tmp_path / "saved.bpsheet.yaml"))
    answerer = DialogAnswerer()
    window.new_sheet()
    answerer.stop()
    assert answerer.seen == [] and window.document.sheet.points == ()


def test_title_reads_naturally(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.windowTitle() == "Untitled sheet[*] — BackPoints"
    window.document.add_point("BL23")
    assert window.isWindowModified()
    window.document.save(str(tmp_path / "Lower back.bpsheet.yaml"))
    assert window.windowTitle() == "Lower back[*] — BackPoints" and not window.isWindowModified()


def test_working_copy_restores_after_a_kill(qtbot, dataset, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A process killed mid-edit: the next start brings the sheet back, still unsaved."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    code = (
        "import os, sys\n"
        "from PySide6.QtCore import QSettings\n"
        "from backpoints.ui.app import create_application\n"
        "app = create_application()\n"
        "from backpoints.datasets import load\n"
        "from backpoints.ui.main_window import MainWindow\n"
        "w = MainWindow(load(None), QSettings(sys.argv[1], QSettings.Format.IniFormat))\n"
        "w.document.add_point('BL23'); w.document.set_field('title', 'Killed')\n"
        "from PySide6.QtCore import QTimer\n"
        "QTimer.singleShot(1500, lambda: (w.settings.sync(), os.kill(os.getpid(), 9)))\n"
        "app.exec()\n"
    )
    settings = str(tmp_path / "k.ini")
    result = subprocess.run([sys.executable, "-c", code, settings], cwd=ROOT, timeout=120, capture_output=True)
    assert result.returncode == -9  # killed, no clean shutdown
    window = MainWindow(dataset, QSettings(settings, QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.restore_state()
    qtbot.waitUntil(lambda: window.document.sheet.title == "Killed")
    assert window.document.sheet.points == ("BL23",) and window.isWindowModified()


def test_two_windows_keep_separate_working_copies(qtbot, dataset, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Two windows composing at once never overwrite each other's working copy."""
    settings = str(tmp_path / "two.ini")
    first = MainWindow(dataset, QSettings(settings, QSettings.Format.IniFormat))
    second = MainWindow(dataset, QSettings(settings, QSettings.Format.IniFormat))
    qtbot.addWidget(first)
    qtbot.addWidget(second)
    assert first.document.autosave_path != second.document.autosave_path
    first.document.add_point("BL23")
    second.document.add_point("GV4")
    first.document.autosave()
    second.document.autosave()
    assert "BL23" in first.document.autosave_path.read_text(encoding="utf-8")
    assert "GV4" in second.document.autosave_path.read_text(encoding="utf-8")
    assert "GV4" not in first.document.autosave_path.read_text(encoding="utf-8")
