"""The diary's SQLite file is closed when its document goes, not left to the garbage collector.

Python 3.13 warns (ResourceWarning) about a connection collected while open; with
warnings as errors that failed whichever test the collector happened to run in.
"""

from __future__ import annotations

from pathlib import Path


def test_a_panel_deleted_without_closing_closes_its_file(qtbot, dataset, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication, QEvent

    from backpoints.ui.app import create_application
    from backpoints.ui.diary import DiaryPanel

    create_application()
    panel = DiaryPanel(dataset, tmp_path / "diary.sqlite3")
    panel.show()
    qtbot.waitExposed(panel)
    document = panel.document
    assert document.is_open
    panel.deleteLater()  # e.g. a window torn down without its close event
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not document.is_open  # closed when the Qt object went


def test_a_document_the_window_passed_in_stays_open(qtbot, dataset, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication, QEvent

    from backpoints.ui.app import create_application
    from backpoints.ui.diary import DiaryDocument, DiaryPanel

    create_application()
    document = DiaryDocument(tmp_path / "shared.sqlite3")
    panel = DiaryPanel(dataset, document=document)
    panel.show()
    qtbot.waitExposed(panel)
    panel.close()
    panel.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert document.is_open  # the window that owns it closes it
    document.close()
    assert not document.is_open
