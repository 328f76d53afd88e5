"""A long result (thousands of points): the rows show as you type, a page at a time, and
End, scrolling and a point chosen elsewhere reach any of them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication

from backpoints.core.loader import parse_dataset
from backpoints.ui.point_model import PAGE
from tests.helpers import dense_dataset_text

COUNT = 1500


@pytest.fixture(scope="module")
def big():  # type: ignore[no-untyped-def]
    return parse_dataset(dense_dataset_text(COUNT), "big.yaml")


@pytest.fixture
def panel(qtbot, big):  # type: ignore[no-untyped-def]
    from backpoints.ui.app import create_application
    from backpoints.ui.search_panel import SearchPanel
    from backpoints.ui.state import BrowseState

    create_application()
    widget = SearchPanel(BrowseState(big))
    qtbot.addWidget(widget)
    widget.resize(320, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def one_turn() -> None:
    """Let the event loop run once through its zero-delay timers (a view's delayed layout)."""
    done: list[bool] = []
    QTimer.singleShot(0, lambda: done.append(True))
    while not done:
        QApplication.processEvents()


def test_rows_are_on_screen_while_typing(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    """Before: a 10,000-row result was laid out in batches and the list stayed blank until
    typing paused."""
    for letter in "ex-":
        qtbot.keyClick(panel.search, letter)
        one_turn()
        one_turn()
        first = panel.list.indexAt(QPoint(10, 10))
        assert first.isValid() and first.row() == 0, f"no row on screen after {panel.search.text()!r}"
    assert len(panel.state.rows) == COUNT
    assert panel.model.rowCount() == PAGE  # a page, not every row
    assert panel.count.text() == f"All {COUNT} points" or panel.count.text() == f"{COUNT} of {COUNT} points"


def test_scrolling_to_the_end_shows_the_next_page(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    panel.state.set_query("ex")
    assert panel.model.rowCount() == PAGE
    bar = panel.list.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2 * PAGE)
    rows = panel.state.rows
    assert [panel.model.code_at(r) for r in (0, PAGE, 2 * PAGE - 1)] == [
        panel.state.dataset.points[rows[r]].code for r in (0, PAGE, 2 * PAGE - 1)]


def test_end_reaches_the_last_result(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    panel.state.set_query("ex")
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Down)
    qtbot.keyClick(panel.list, Qt.Key.Key_End)
    last = panel.list.currentIndex().row()
    assert last == len(panel.state.rows) - 1 == panel.model.rowCount() - 1
    assert panel.model.code_at(last) == panel.state.dataset.points[panel.state.rows[-1]].code


def test_a_point_chosen_elsewhere_far_down_is_selected_in_the_list(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    """A click on the map may choose a point beyond the first page: the list grows to it."""
    state = panel.state
    state.set_query("ex")
    far = state.dataset.points[state.rows[PAGE + 321]].code
    state.select(far)
    row = panel.list.currentIndex().row()
    assert row == PAGE + 321 and panel.model.code_at(row) == far
    assert panel.list.selectionModel().isSelected(panel.list.currentIndex())
    # Typing on keeps it selected (its row is found without listing the whole result).
    qtbot.keyClicks(panel.search, "-")
    assert panel.model.code_at(panel.list.currentIndex().row()) == far


def test_the_model_passes_the_model_tester_with_pages(qtmodeltester, panel) -> None:  # type: ignore[no-untyped-def]
    panel.state.set_query("ex")
    qtmodeltester.check(panel.model)
    panel.model.fetchMore()
    qtmodeltester.check(panel.model)


@pytest.fixture(scope="module")
def bigger():  # type: ignore[no-untyped-def]
    from backpoints.ui.state import WAIT_FOR_INDEX_ABOVE

    return parse_dataset(dense_dataset_text(WAIT_FOR_INDEX_ABOVE + 300), "bigger.yaml")


@pytest.fixture
def early(qtbot, bigger):  # type: ignore[no-untyped-def]
    """A search panel whose index is still being built in idle time, as right after start-up."""
    from backpoints.ui.app import create_application
    from backpoints.ui.search_panel import SearchPanel
    from backpoints.ui.state import BrowseState

    create_application()
    state = BrowseState(bigger)
    widget = SearchPanel(state)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    state.build_index_when_idle(delay_ms=10_000)  # not started yet when the user types
    assert not state.index_ready()
    return widget


def test_typing_before_the_index_is_ready_waits_instead_of_freezing(qtbot, early, bigger) -> None:  # type: ignore[no-untyped-def]
    from backpoints.core.search import SearchIndex

    state = early.state
    qtbot.keyClicks(early.search, "exab")
    assert state.is_waiting() and not state.index_ready()  # the keys did not build the index
    assert early.count.text() == f"Searching {len(bigger.points)} points…"
    qtbot.waitUntil(lambda: not state.is_waiting(), timeout=20_000)  # built in idle slices
    expected = SearchIndex(bigger).search_indices("exab")
    assert list(state.rows) == expected and 0 < len(expected) < len(bigger.points)
    assert early.count.text() == f"{len(expected)} of {len(bigger.points)} points"
    assert early.model.code_at(0) == bigger.points[expected[0]].code


def test_enter_while_the_index_is_prepared_takes_the_real_top_hit(qtbot, early, bigger) -> None:  # type: ignore[no-untyped-def]
    from backpoints.core.search import SearchIndex

    state = early.state
    qtbot.keyClicks(early.search, "exac")
    assert state.is_waiting()
    qtbot.keyClick(early.search, Qt.Key.Key_Return)
    top = bigger.points[SearchIndex(bigger).search_indices("exac")[0]].code
    assert not state.is_waiting() and state.selected_code == top


def test_add_all_shown_while_the_index_is_prepared_adds_the_query_points(qtbot, bigger, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Sheet → Add all shown points, pressed while a query waits for the index, adds that
    query's points (the list still showed every point)."""
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QAction

    from backpoints.core.search import SearchIndex
    from backpoints.ui.app import create_application
    from backpoints.ui.main_window import MainWindow

    create_application()
    win = MainWindow(bigger, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()  # the index is to be built 250 ms from now, in idle time
    win.state.set_query("exab")  # typed at once: no event has run yet, so it waits
    assert win.state.is_waiting()
    action = next(a for a in win.findChildren(QAction) if a.text() == "Add all &shown points to sheet")
    action.trigger()
    expected = [bigger.points[i].code for i in SearchIndex(bigger).search_indices("exab")]
    assert list(win.document.sheet.points) == expected and len(expected) == 99
