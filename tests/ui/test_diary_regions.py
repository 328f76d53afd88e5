""""Where it hurts" on the check-in form: chosen on the body figure by mouse and keyboard,
stored as the map's area ids, and read back when an entry is edited."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from backpoints.core import anatomy
from backpoints.core.diary import DiaryStore
from backpoints.core.model import AREA_LABELS, AREAS


@pytest.fixture
def panel(qtbot, dataset, tmp_path: Path):  # type: ignore[no-untyped-def]
    from backpoints.ui.app import create_application
    from backpoints.ui.diary import DiaryPanel

    create_application()
    widget = DiaryPanel(dataset, tmp_path / "diary.sqlite3")
    qtbot.addWidget(widget)
    widget.resize(1300, 900)
    widget.errors = []  # type: ignore[attr-defined]
    widget.show_error = widget.errors.append  # type: ignore[method-assign]
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def figure_point(form, view: str, x: float, y: float) -> QPoint:  # type: ignore[no-untyped-def]
    """Figure units on the back or front figure -> a point in the panel's window."""
    from backpoints.ui.diary.regions import SCALE, VIEWS, figure_origin

    index = [v for v, _ in VIEWS].index(view)
    origin = figure_origin(index)
    local = QPoint(int(origin.x() + (x + anatomy.FIGURE_MARGIN) * SCALE),
                   int(origin.y() + (y + anatomy.FIGURE_MARGIN) * SCALE))
    return form.regions.mapTo(form.window(), local)


def click_window(widget, pos: QPoint) -> None:  # type: ignore[no-untyped-def]
    """A click delivered as the window system does: Qt finds the widget under the pointer."""
    QTest.mouseClick(widget.window().windowHandle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)


def test_clicking_the_figure_chooses_areas_and_the_checkin_stores_them(qtbot, panel, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    form = panel.checkin_form
    mid = anatomy.MID
    click_window(form, figure_point(form, "back", mid, 390))  # the small of the back
    click_window(form, figure_point(form, "back", mid + 60, 480))  # a buttock
    click_window(form, figure_point(form, "front", mid, 420))  # the belly, on the front figure
    assert form.regions.chosen() == ("lower-back", "hip", "abdomen")
    assert form.chosen_areas.text() == "Chosen: Lower back, Hips and buttocks, Abdomen"
    click_window(form, figure_point(form, "front", mid, 420))  # again: cleared
    assert form.regions.chosen() == ("lower-back", "hip")
    click_window(form, figure_point(form, "back", mid, 60))  # the head, by its own region
    qtbot.keyClicks(form.pain.lineEdit(), "6")
    with qtbot.waitSignal(panel.document.entries_changed):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert panel.errors == []
    with DiaryStore(tmp_path / "diary.sqlite3") as store:
        (saved,) = store.contents().checkins
    assert saved.areas == ("head", "lower-back", "hip")
    assert panel.model.index(0, 4).data() == "Head, Lower back, Hips and buttocks"  # the names the map shows
    assert form.regions.chosen() == ()  # the form is ready for the next check-in


def test_a_click_outside_every_region_chooses_nothing(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    form = panel.checkin_form
    # Between the lower back and the arm: inside the arms' (both sides) button box, outside every region.
    click_window(form, figure_point(form, "back", anatomy.MID + 91, 380))
    assert form.regions.chosen() == ()
    click_window(form, figure_point(form, "back", anatomy.MID, 130))  # the nape
    assert form.regions.chosen() == ("neck",)


def test_the_keyboard_reaches_and_chooses_every_area(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    form = panel.checkin_form
    buttons = form.regions.buttons
    assert [b.accessibleName() for b in buttons.values()] == [AREA_LABELS[a] for a in AREAS]
    assert form.regions.accessibleName() == "Where it hurts"
    first = buttons[AREAS[0]]
    first.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(first.hasFocus)
    for _ in range(AREAS.index("lower-back")):
        qtbot.keyClick(form.window().focusWidget(), Qt.Key.Key_Down)
    assert form.window().focusWidget() is buttons["lower-back"]
    qtbot.keyClick(buttons["lower-back"], Qt.Key.Key_Space)
    assert form.regions.chosen() == ("lower-back",)
    # Tab goes on to the next area, Space chooses it; Up goes back; Up from the first wraps to the last.
    qtbot.keyClick(buttons["lower-back"], Qt.Key.Key_Tab)
    assert form.window().focusWidget() is buttons["hip"]
    qtbot.keyClick(buttons["hip"], Qt.Key.Key_Space)
    assert form.regions.chosen() == ("lower-back", "hip")
    qtbot.keyClick(buttons["hip"], Qt.Key.Key_Up)
    assert form.window().focusWidget() is buttons["lower-back"]
    first.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(first, Qt.Key.Key_Up)
    assert form.window().focusWidget() is buttons[AREAS[-1]]


def test_every_area_is_on_a_figure_where_the_map_has_it() -> None:
    from PySide6.QtCore import QRectF

    from backpoints.core.figures import view_shows_area
    from backpoints.ui.diary.regions import VIEWS, _figure_height, _figure_width, area_path, figure_origin

    for area in AREAS:
        path = area_path(area)
        assert not path.isEmpty(), area
        for index, (view, _) in enumerate(VIEWS):
            figure = QRectF(figure_origin(index), QRectF(0, 0, _figure_width(), _figure_height()).size())
            assert path.intersects(figure) == view_shows_area(view, area), (area, view)


def test_editing_a_checkin_shows_its_areas_and_changes_them(qtbot, panel, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from backpoints.core.diary import CheckIn

    with qtbot.waitSignal(panel.document.entries_changed):
        panel.document.add(CheckIn(at=dt.datetime(2026, 10, 1, 8, 0), pain=5, areas=("neck", "shoulder")))
    panel.table.selectRow(0)
    panel.edit_selected()
    form = panel.checkin_form
    assert form.regions.chosen() == ("neck", "shoulder")
    assert form.area_boxes["shoulder"].isChecked()
    button = form.area_boxes["neck"]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=button.click_point())
    with qtbot.waitSignal(panel.document.entries_changed):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    with DiaryStore(tmp_path / "diary.sqlite3") as store:
        (saved,) = store.contents().checkins
    assert saved.areas == ("shoulder",)
