"""A diary panel shown as a window of its own closes its SQLite file when it is closed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path


def test_a_panel_closed_on_its_own_closes_its_file_and_reopens_when_shown(qtbot, dataset, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from backpoints.core.diary import CheckIn
    from backpoints.ui.app import create_application
    from backpoints.ui.diary import DiaryPanel

    create_application()
    panel = DiaryPanel(dataset, tmp_path / "diary.sqlite3")
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.document.is_open
    panel.document.add(CheckIn(at=dt.datetime(2026, 10, 1, 8, 0), pain=4))
    panel.close()
    assert not panel.document.is_open  # not left for the garbage collector
    panel.show()
    qtbot.waitExposed(panel)
    panel.document.add(CheckIn(at=dt.datetime(2026, 10, 2, 8, 0), pain=3))  # saved to the file again
    assert panel.document.is_open and panel.model.rowCount() == 2


def test_a_document_the_window_passed_in_stays_open(qtbot, dataset, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from backpoints.ui.app import create_application
    from backpoints.ui.diary import DiaryDocument, DiaryPanel

    create_application()
    document = DiaryDocument(tmp_path / "shared.sqlite3")
    panel = DiaryPanel(dataset, document=document)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    panel.close()
    assert document.is_open  # the window that owns it closes it
    document.close()
