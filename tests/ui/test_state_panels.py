"""Each panel on its own state object, no main window: the seams the state layer gives."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from backpoints.ui.state import BrowseState


@pytest.fixture
def state(qapp, dataset):  # type: ignore[no-untyped-def]
    from backpoints.ui.app import create_application

    create_application()
    return BrowseState(dataset)


def test_search_panel_alone(qtbot, state, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    from backpoints.ui.search_panel import SearchPanel

    panel = SearchPanel(state)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.keyClicks(panel.search, "bl2")
    codes = [panel.model.code_at(r) for r in range(panel.model.rowCount())]
    assert codes[0].startswith("BL2") and "BL23" in codes and len(codes) < len(state.dataset.points)
    assert panel.count.text() == f"{len(codes)} of {len(state.dataset.points)} points"
    assert panel.count.accessibleName() == panel.count.text()  # a screen reader hears the count
    # Select BL23, then type on: the selection survives the new result.
    state.select("BL23")
    assert panel.model.code_at(panel.list.currentIndex().row()) == "BL23"
    qtbot.keyClicks(panel.search, "3")
    assert panel.model.code_at(panel.list.currentIndex().row()) == "BL23"
    assert panel.list.selectionModel().isSelected(panel.list.currentIndex())
    qtmodeltester.check(panel.model)
    # Escape clears the query; Down moves into the list; Enter selects the top hit.
    qtbot.keyClick(panel.search, Qt.Key.Key_Escape)
    assert state.query == "" and panel.model.rowCount() == len(state.dataset.points)
    qtbot.keyClicks(panel.search, "shenshu")
    state.select(None)
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    assert state.selected_code == "BL23"
    qtbot.keyClick(panel.search, Qt.Key.Key_Down)
    assert panel.list.hasFocus() or panel.list.currentIndex().row() == 0


def test_area_buttons_choose_and_ctrl_click_adds(qtbot, state) -> None:  # type: ignore[no-untyped-def]
    from backpoints.ui.search_panel import SearchPanel

    panel = SearchPanel(state)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.mouseClick(panel.area_buttons["neck"], Qt.MouseButton.LeftButton)
    assert state.filters.areas == {"neck"}
    qtbot.mouseClick(panel.area_buttons["head"], Qt.MouseButton.LeftButton)
    assert state.filters.areas == {"head"}  # a click chooses
    qtbot.mouseClick(panel.area_buttons["neck"], Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier)
    assert state.filters.areas == {"head", "neck"}  # Ctrl+click adds
    assert panel.area_buttons["head"].isChecked() and panel.area_buttons["neck"].isChecked()
    state.clear_filters()
    assert not any(b.isChecked() for b in panel.area_buttons.values())


def test_one_spelling_of_no_pain_filter(qtbot, state) -> None:  # type: ignore[no-untyped-def]
    """The pain toggle, the list and the map read one value; '' means both."""
    from backpoints.ui.bodymap import BodyMapView
    from backpoints.ui.map_toolbar import PainToolBar

    view = BodyMapView(state)
    bar = PainToolBar(state, view)
    qtbot.addWidget(view)
    qtbot.addWidget(bar)
    bar.buttons["upper"].click()
    assert state.filters.pain == "upper"
    assert all(m.pain_mode == "upper" for m in view.scene_for("back").all_markers())
    bar.buttons[""].click()
    assert state.filters.pain == "" and state.filters == type(state.filters)()
    assert all(m.pain_mode == "" for m in view.scene_for("back").all_markers())


def test_clear_selection_and_filters_clears_every_filter(window) -> None:  # type: ignore[no-untyped-def]
    state = window.state
    state.set_query("bl")
    state.set_areas(frozenset({"lower-back"}))
    state.set_meridian("BL")
    state.set_pain("lower")
    state.set_hide_pregnancy(True)
    state.select("BL40")
    next(a for a in window.findChildren(type(window.add_action)) if a.text() == "&Clear selection and filters").trigger()
    assert state.query == "" and state.filters == type(state.filters)() and state.selected is None
    assert window.search_panel.meridian.currentIndex() == 0 and not window.search_panel.hide_pregnancy.isChecked()
    assert window.pain_bar.buttons[""].isChecked()


def test_details_panel_alone_follows_the_selection(qtbot, state) -> None:  # type: ignore[no-untyped-def]
    from backpoints.ui.details import DetailsPanel

    panel = DetailsPanel(state)
    qtbot.addWidget(panel)
    assert not panel.add_button.isEnabled()
    state.select("GB21")
    assert "GB21" in panel.plain_text() and panel.add_button.isEnabled()
    with qtbot.waitSignal(panel.add_to_sheet) as added:
        panel.add_button.click()
    assert added.args == ["GB21"]
    with qtbot.waitSignal(state.reveal_requested) as revealed:
        panel.map_button.click()
    assert revealed.args == ["GB21"]


def test_shortcuts_are_unique(window) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+Shift+S was bound twice and did nothing; every shortcut now has one action."""
    from PySide6.QtGui import QAction

    seen: dict[str, str] = {}
    from PySide6.QtCore import Qt as _Qt

    for action in window.findChildren(QAction):
        if action.shortcutContext() == _Qt.ShortcutContext.WidgetShortcut:
            continue  # Delete in a list means that list's own delete
        for key in action.shortcuts():
            text = key.toString()
            if text and action.isVisible():
                assert text not in seen, f"{text}: {seen[text]} and {action.text()}"
                seen[text] = action.text()
    assert seen["Ctrl+Shift+S"] == "Save sheet &as…"
    assert "Ctrl+Shift+T" in seen  # Show the sheet has its own


def test_picking_a_point_on_the_sheet_tab_shows_its_details(window) -> None:  # type: ignore[no-untyped-def]
    window.tabs.setCurrentWidget(window.sheet_panel)
    window.state.select("BL40")
    assert window.tabs.currentWidget() is window.details


def test_tabbing_into_the_list_selects_nothing(qtbot, state) -> None:  # type: ignore[no-untyped-def]
    from backpoints.ui.search_panel import SearchPanel

    panel = SearchPanel(state)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    from PySide6.QtGui import QFocusEvent
    from PySide6.QtWidgets import QApplication

    # What Tab does to the list: a focus-in with the Tab reason, which makes row 0 current.
    QApplication.sendEvent(panel.list, QFocusEvent(QFocusEvent.Type.FocusIn, Qt.FocusReason.TabFocusReason))
    assert panel.list.currentIndex().row() == 0
    assert state.selected is None  # the first row is current, not chosen
    qtbot.keyClick(panel.list, Qt.Key.Key_Down)
    assert state.selected_code == panel.model.code_at(panel.list.currentIndex().row())


def test_did_you_mean_in_the_empty_list(qtbot, state) -> None:  # type: ignore[no-untyped-def]
    from backpoints.ui.search_panel import SearchPanel

    panel = SearchPanel(state)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.keyClicks(panel.search, "shensu")
    assert panel.model.rowCount() == 0  # suggestions never mix into the result
    assert "Did you mean Shènshū (BL23)?" in panel.list.empty_text
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    assert state.selected_code == "BL23"


def test_a_sheet_file_in_other_spellings_opens_canonical(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "spellings.bpsheet.yaml"
    path.write_text("backpoints_sheet: 1\ntitle: Mixed\npoints: [ub40, Du4, bl23]\n", encoding="utf-8")
    assert window.open_sheet(str(path))
    assert window.document.sheet.points == ("BL40", "GV4", "BL23")


def test_the_search_index_is_built_while_idle(qtbot, dataset) -> None:  # type: ignore[no-untyped-def]
    """After the window is up the index is built in idle slices, with nobody typing (issue 20)."""
    state = BrowseState(dataset)
    assert not state.index_ready()  # start-up shows every point without it
    state.build_index_when_idle(0)
    qtbot.waitUntil(state.index_ready, timeout=5000)
    state.set_query("shenshu")
    assert dataset.points[state.rows[0]].code == "BL23"
    assert "BL23" in state.result_codes and len(state.result_codes) == len(state.rows)  # type: ignore[operator, arg-type]


def test_a_new_result_opens_at_its_top_hits_and_keeps_the_selection(qtbot, state) -> None:  # type: ignore[no-untyped-def]
    """A point chosen earlier (EX-UE7, far down the result for 'lumbago') stays selected, but
    the list shows the top hits of what was typed, not the selected point's place."""
    from PySide6.QtCore import QPoint

    from backpoints.ui.search_panel import SearchPanel

    panel = SearchPanel(state)
    qtbot.addWidget(panel)
    panel.resize(300, 500)
    panel.show()
    qtbot.waitExposed(panel)
    state.select("EX-UE7")
    qtbot.keyClicks(panel.search, "lumbago")
    row = panel.model.row_of("EX-UE7")
    assert row > 12  # below the first screenful
    assert panel.model.code_at(panel.list.currentIndex().row()) == "EX-UE7"
    qtbot.waitUntil(lambda: panel.list.indexAt(QPoint(5, 5)).row() == 0)
    assert panel.list.visualRect(panel.model.index(row)).top() > panel.list.viewport().height()
    # Choosing a point elsewhere (the map) still brings it into view.
    state.select("GB41")
    qtbot.waitUntil(lambda: panel.list.viewport().rect().intersects(
        panel.list.visualRect(panel.model.index(panel.model.row_of("GB41")))))
