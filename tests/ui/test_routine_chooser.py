"""The routine chooser and the press order on the map, through the widgets."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from backpoints.core.routines import UserRoutines, load_routines, routine_from_sheet
from backpoints.core.sheet import Sheet
from backpoints.ui.routines import RouteLayer, RoutineChooser

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def library(dataset):  # type: ignore[no-untyped-def]
    return load_routines(ROOT / "data" / "routines.yaml", dataset)


@pytest.fixture
def chooser(qtbot, library, dataset):  # type: ignore[no-untyped-def]
    widget = RoutineChooser(library, dataset)
    qtbot.addWidget(widget)
    widget.resize(420, 600)
    widget.show()
    return widget


def _row_of(chooser, routine_id: str) -> int:  # type: ignore[no-untyped-def]
    return next(r for r in range(chooser.list.count()) if chooser.list.item(r).data(Qt.ItemDataRole.UserRole + 1) == routine_id)


def test_clicking_a_trial_shows_its_protocol_and_source(qtbot, chooser) -> None:  # type: ignore[no-untyped-def]
    row = _row_of(chooser, "cherkin2009-standardized")
    rect = chooser.list.visualItemRect(chooser.list.item(row))
    with qtbot.waitSignal(chooser.routine_selected) as blocker:
        qtbot.mouseClick(chooser.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["cherkin2009-standardized"]
    text = chooser.detail.text()
    assert "1. BL23 Shènshū: both sides, x1 each side." in text
    assert "3. Ashi point (most tender spot): midline, x1." in text
    assert "Arch Intern Med. 2009;169(9):858-866" in text
    assert text.index("Trial protocol:") > text.index("Cautions:")


def test_buttons_and_enter_ask_for_a_run_a_sheet_and_a_star(qtbot, chooser) -> None:  # type: ignore[no-untyped-def]
    chooser.select("lower-back-self-care")
    with qtbot.waitSignal(chooser.run_requested) as run:
        qtbot.mouseClick(chooser.run_button, Qt.MouseButton.LeftButton)
    assert run.args == ["lower-back-self-care"]
    with qtbot.waitSignal(chooser.sheet_requested) as sheet:
        qtbot.mouseClick(chooser.sheet_button, Qt.MouseButton.LeftButton)
    assert sheet.args == ["lower-back-self-care"]
    with qtbot.waitSignal(chooser.favourites.favourites_changed):
        qtbot.mouseClick(chooser.star_button, Qt.MouseButton.LeftButton)
    assert chooser.favourites.has_routine("lower-back-self-care")
    assert chooser.star_button.text() == "★ Starred" and chooser.star_button.isChecked()
    assert chooser.list.item(0).text() == "★ Lower back, self-care"
    chooser.list.setFocus()
    with qtbot.waitSignal(chooser.run_requested) as enter:
        qtbot.keyClick(chooser.list, Qt.Key.Key_Return)
    assert enter.args == ["lower-back-self-care"]


def test_stars_and_own_routines_come_first_and_last(qtbot, chooser, dataset) -> None:  # type: ignore[no-untyped-def]
    mine = routine_from_sheet(Sheet(title="My back", points=("BL23", "KI3")), dataset, "my-back")
    chooser.select("neck-stiffness-self-care")
    chooser.set_user(UserRoutines(routines=(mine,)))
    qtbot.mouseClick(chooser.star_button, Qt.MouseButton.LeftButton)
    assert chooser.list.item(0).text() == "★ Stiff neck, self-care"
    assert chooser.list.item(chooser.list.count() - 1).text() == "My back  (mine)"
    assert chooser.star_button.text() == "★ Starred"
    assert chooser.current_id() == "neck-stiffness-self-care"
    # Unstar: back in the library's order.
    qtbot.mouseClick(chooser.star_button, Qt.MouseButton.LeftButton)
    assert chooser.list.item(0).text() == "Lower back, self-care"
    assert chooser.star_button.text() == "☆ Star"


def test_favourites_only_shows_the_starred_routines(qtbot, chooser) -> None:  # type: ignore[no-untyped-def]
    names = lambda: [chooser.list.item(r).text() for r in range(chooser.list.count())]  # noqa: E731
    box = chooser.favourites_only
    tick = lambda: qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))  # noqa: E731
    tick()
    assert names() == [] and chooser.empty.isVisible()
    assert "No starred routines yet" in chooser.empty.text()
    tick()
    chooser.select("cherkin2009-standardized")
    qtbot.mouseClick(chooser.star_button, Qt.MouseButton.LeftButton)
    tick()
    assert names() == ["★ Trial protocol, Cherkin 2009"] and not chooser.empty.isVisible()


def test_buttons_are_disabled_with_a_reason_until_a_routine_is_chosen(qtbot, chooser) -> None:  # type: ignore[no-untyped-def]
    assert chooser.current_id() == ""
    for button in (chooser.run_button, chooser.sheet_button, chooser.star_button):
        assert not button.isEnabled()
        assert "first" in button.toolTip(), button.text()
    assert chooser.detail.text().startswith("Choose a routine in the list")
    chooser.select("lower-back-self-care")
    for button in (chooser.run_button, chooser.sheet_button, chooser.star_button):
        assert button.isEnabled() and "first" not in button.toolTip()
    assert "1. BL23" in chooser.detail.text()


def test_pregnancy_filter_hides_unsafe_routines(qtbot, chooser) -> None:  # type: ignore[no-untyped-def]
    names = lambda: [chooser.list.item(r).text() for r in range(chooser.list.count())]  # noqa: E731
    assert "Shoulder tension, self-care" in names()
    chooser.set_hide_pregnancy(True)
    assert "Shoulder tension, self-care" not in names()
    assert "Pain down the leg (sciatica-type), self-care" not in names()
    assert "Trial protocol, Cherkin 2009" not in names()
    assert "Lower back, self-care" not in names()  # BL23, GV4: lumbosacral points, avoided in pregnancy
    assert "Stiff neck, self-care" in names()


def test_route_on_the_map_numbers_markers_in_press_order(qtbot, dataset, library) -> None:  # type: ignore[no-untyped-def]
    from backpoints.ui.bodymap import BodyMapView
    from backpoints.ui.state import BrowseState

    view = BodyMapView(BrowseState(dataset))
    qtbot.addWidget(view)
    view.resize(500, 800)
    view.show()
    routine = library.get("lower-back-self-care")
    layer = RouteLayer()
    layer.show(routine, dataset, [view.scene_for(v) for v in ("back", "front", "foot-medial")])
    back = next(o for o in layer.overlays if o.view == "back")
    numbers = sorted({n for n, _ in back.numbers_at()})
    assert numbers == [1, 2, 3, 4, 5]
    assert [s.code for s in back.path] == ["BL23", "BL52", "GV4", "BL40", "KI3"]
    scene = view.scene_for("back")
    bl23 = scene.markers_for("BL23")[0].pos()
    assert any(n == 1 and (p - bl23).manhattanLength() < 1e-6 for n, p in back.numbers_at())
    # The close-up of the inner foot numbers KI3 as step 5.
    foot = next(o for o in layer.overlays if o.view == "foot-medial")
    assert {n for n, _ in foot.numbers_at()} == {5}
    # Badges are painted: the badge colour appears beside BL23's marker.
    view.centerOn(bl23)
    image = view.grab().toImage()
    spot = view.mapFromScene(bl23)
    colours = {image.pixelColor(spot + QPoint(dx, dy)).name() for dx in range(0, 14) for dy in range(-14, 1)}
    assert QColor("#0b4f8a").name() in colours
    # Markers under the overlay still take clicks.
    with qtbot.waitSignal(view.state.selection_changed) as clicked:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(scene.markers_for("GV4")[0].pos()))
    assert clicked.args == ["GV4"]
    layer.clear()
    assert not any(type(i).__name__ == "RouteOverlay" for i in scene.items())


def test_the_map_follows_the_runner_step(qtbot, dataset, library) -> None:  # type: ignore[no-untyped-def]
    """The wiring the window uses: runner.point_focused -> map.select_point(code, reveal=True)."""
    from backpoints.ui.bodymap import BodyMapView
    from backpoints.ui.routines import RoutineRunner, RunnerWidget
    from backpoints.ui.state import BrowseState
    from tests.ui.test_routine_runner import FakeClock, FakeTimer, advance

    view = BodyMapView(BrowseState(dataset))
    qtbot.addWidget(view)
    view.resize(400, 400)
    view.show()
    view.zoom_by(4.0)
    routine = library.get("lower-back-self-care")
    clock, timer = FakeClock(), FakeTimer()
    widget = RunnerWidget(routine, dataset, RoutineRunner(routine, clock=clock, timer=timer), beep=lambda: None)
    qtbot.addWidget(widget)
    widget.point_focused.connect(lambda code: view.state.select(code or None, reveal=True))

    def centre_near(code: str) -> bool:
        # The point is framed on its best view (a close-up when there is one), after a short animation.
        centre = view.mapToScene(view.viewport().rect().center())
        items = view.scene_for(view.current_view).markers_for(code)
        if not items:
            return False
        mean_x = sum(i.pos().x() for i in items) / len(items)
        mean_y = sum(i.pos().y() for i in items) / len(items)
        visible = view.mapToScene(view.viewport().rect()).boundingRect()
        # A close-up is shown whole; on a body figure the point is centred.
        centred = abs(mean_x - centre.x()) + abs(mean_y - centre.y()) < 20
        return (centred or view.current_view in ("lumbar", "neck", "hand", "foot-medial", "foot-lateral")) and all(
            visible.contains(i.pos()) for i in items)

    qtbot.keyClick(widget, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: centre_near("BL23"))
    advance(clock, timer, 90 + 90 + 60 + 60 + 60)  # BL23 both sides, BL52 both sides, GV4
    assert widget.position.text() == "Step 4 of 5"
    qtbot.waitUntil(lambda: centre_near("BL40"))
    qtbot.keyClick(widget, Qt.Key.Key_Left)
    qtbot.waitUntil(lambda: centre_near("GV4"))


def _overlays(scene):  # type: ignore[no-untyped-def]
    return [i for i in scene.items() if type(i).__name__ == "RouteOverlay"]


def test_the_map_draws_the_route_the_state_holds(qtbot, dataset, library) -> None:  # type: ignore[no-untyped-def]
    """BrowseState.route is the one place the shown routine lives: the map listens, nobody reaches in."""
    from backpoints.ui.bodymap import BodyMapView
    from backpoints.ui.state import BrowseState

    state = BrowseState(dataset)
    view = BodyMapView(state)
    qtbot.addWidget(view)
    view.resize(500, 800)
    view.show()
    routine = library.get("lower-back-self-care")
    with qtbot.waitSignal(state.route_changed):
        state.set_route(routine)
    back = _overlays(view.scene_for("back"))
    assert len(back) == 1 and sorted({n for n, _ in back[0].numbers_at()}) == [1, 2, 3, 4, 5]
    # A figure built later (the foot close-up) gets the route too.
    state.set_view("foot-medial")
    assert {n for n, _ in _overlays(view.scene_for("foot-medial"))[0].numbers_at()} == {5}
    # The low back close-up (a crop of the back figure) numbers BL23, BL52 and GV4 too.
    state.set_view("lumbar")
    lumbar = _overlays(view.scene_for("lumbar"))
    assert lumbar and {n for n, _ in lumbar[0].numbers_at()} >= {1, 2, 3}
    bl23 = view.scene_for("lumbar").markers_for("BL23")[0].pos()
    assert any(n == 1 and (p - bl23).manhattanLength() < 1e-6 for n, p in lumbar[0].numbers_at())
    # The close-up is magnified, its badges are not: the same size on screen as on the whole figure.
    badge = lumbar[0].childItems()[0]
    on_screen = badge.deviceTransform(view.viewportTransform()).mapRect(badge.boundingRect())
    assert 15 < on_screen.width() < 30, on_screen
    state.set_route(library.get("neck-stiffness-self-care"))
    assert [o.routine.id for o in _overlays(view.scene_for("back"))] == ["neck-stiffness-self-care"]
    state.set_route(None)
    assert not _overlays(view.scene_for("back")) and not _overlays(view.scene_for("foot-medial"))


def test_choosing_a_routine_in_the_window_numbers_it_on_the_map(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.tabs.setCurrentWidget(window.routines_panel)
    chooser = window.routines_panel.chooser
    row = _row_of(chooser, "cherkin2009-standardized")
    rect = chooser.list.visualItemRect(chooser.list.item(row))
    qtbot.mouseClick(chooser.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.state.route is not None and window.state.route.id == "cherkin2009-standardized"
    overlays = _overlays(window.map.scene_for(window.map.current_view))
    assert overlays and overlays[0].routine.id == "cherkin2009-standardized"


def test_runner_and_editor_open_over_the_window(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from backpoints.core.sheet import Sheet

    window.move(40, 30)
    window.tabs.setCurrentWidget(window.routines_panel)
    chooser = window.routines_panel.chooser
    chooser.select("lower-back-self-care")
    qtbot.mouseClick(chooser.run_button, Qt.MouseButton.LeftButton)
    runner = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "routine-runner")
    window.routines_panel.routine_from_sheet(Sheet(title="Mine", points=("BL23", "KI3")))
    editor = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "routine-editor")
    frame = window.frameGeometry()
    screen = window.screen().availableGeometry()
    for child in (runner, editor):
        assert child.isWindow() and child.parentWidget() is window
        assert child.pos() != QPoint(0, 0)
        # Over the window, as far as the screen allows (the test screen is smaller than the window).
        assert frame.contains(child.frameGeometry().center()), child.objectName()
        assert screen.contains(child.frameGeometry()), child.objectName()
    # The runner sits over the window's right-hand side, so the map it zooms stays in view.
    assert runner.frameGeometry().right() >= min(frame.right(), screen.right()) - 40
    for child in (runner, editor):
        child.close()


def test_one_guided_session_at_a_time(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Pressing Start again (Space on the focused button did it) raises the session, not a second one."""
    from PySide6.QtWidgets import QApplication

    def runners() -> list:  # type: ignore[type-arg]
        return [w for w in QApplication.topLevelWidgets() if w.objectName() == "routine-runner" and w.isVisible()]

    window.tabs.setCurrentWidget(window.routines_panel)
    chooser = window.routines_panel.chooser
    chooser.select("lower-back-self-care")
    chooser.run_button.setFocus()
    qtbot.mouseClick(chooser.run_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(chooser.run_button, Qt.Key.Key_Space)
    qtbot.mouseClick(chooser.run_button, Qt.MouseButton.LeftButton)
    assert len(runners()) == 1 and runners()[0].routine.id == "lower-back-self-care"
    # Another routine replaces the session rather than running beside it.
    chooser.select("neck-stiffness-self-care")
    qtbot.mouseClick(chooser.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(runners()) == 1 and runners()[0].routine.id == "neck-stiffness-self-care")
    runners()[0].close()
