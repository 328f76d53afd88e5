"""Find the point: selecting zooms to it on the view that shows it best; areas switch figures."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt

from backpoints.core.figures import COMFORT_SPAN
from backpoints.ui.bodymap import BodyMapView
from backpoints.ui.bodymap.zoom import ZoomAnimator
from backpoints.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def instant_zoom(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ZoomAnimator, "animate", False)


def visible_rect(view: BodyMapView):  # type: ignore[no-untyped-def]
    return view.mapToScene(view.viewport().rect()).boundingRect()


def fit_scale(view: BodyMapView) -> float:
    rect = view.scene().sceneRect()
    vp = view.viewport().rect()
    return min(vp.width() / rect.width(), vp.height() / rect.height())


def assert_framed(view: BodyMapView, code: str, expected_view: str) -> None:
    assert view.current_view == expected_view
    scene = view.scene_for(expected_view)
    items = scene.markers[code]
    assert items and all(item.selected for item in items)
    shown = visible_rect(view)
    for item in items:
        assert shown.contains(item.pos()), f"{code} marker at {item.pos()} outside {shown}"


def test_search_and_list_select_zooms_to_a_close_up(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(window.search_panel.search, "KI3")
    qtbot.keyClick(window.search_panel.search, Qt.Key.Key_Return)
    assert_framed(window.map, "KI3", "foot-medial")
    assert window.state.view == "foot-medial" and window.figure_bar.buttons["foot-medial"].isChecked()
    window.search_panel.search.clear()
    qtbot.keyClicks(window.search_panel.search, "SI3")
    window.search_panel.list.setCurrentIndex(window.search_panel.model.index(0))
    assert_framed(window.map, "SI3", "hand")
    # A close-up is shown whole: it is drawn to be read at fit.
    assert window.map.transform().m11() == pytest.approx(fit_scale(window.map), rel=0.02)


def test_lumbar_point_goes_to_the_lumbar_close_up(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(window.search_panel.search, "shenshu")
    qtbot.keyClick(window.search_panel.search, Qt.Key.Key_Return)
    assert_framed(window.map, "BL23", "lumbar")
    # The close-up is at least three times the whole figure's scale: markers stand apart.
    back_fit = min(window.map.viewport().width() / 388, window.map.viewport().height() / 1048)
    assert window.map.transform().m11() > 3 * back_fit


def test_body_point_is_centred_at_a_comfortable_zoom(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(window.search_panel.search, "ST36")
    qtbot.keyClick(window.search_panel.search, Qt.Key.Key_Return)
    view = window.map
    assert_framed(view, "ST36", "front")
    vp = view.viewport().rect()
    # About COMFORT_SPAN figure units across the shorter side, more than fit.
    assert view.transform().m11() == pytest.approx(min(vp.width(), vp.height()) / COMFORT_SPAN, rel=0.02)
    assert view.transform().m11() > 2 * fit_scale(view)
    centre = visible_rect(view).center()
    items = view.scene_for("front").markers["ST36"]
    middle = (items[0].pos() + items[1].pos()) / 2
    assert abs(centre.x() - middle.x()) < 2 and abs(centre.y() - middle.y()) < 2
    # A resize keeps the point framed.
    window.resize(1024, 600)
    qtbot.waitUntil(lambda: view.viewport().height() < 560)
    assert_framed(view, "ST36", "front")


def test_clicking_a_marker_frames_it(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.state.set_view("front")
    view = window.map
    item = view.scene_for("front").markers["ST36"][1]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(item.pos()))
    assert window.state.selected_code == "ST36"
    assert_framed(view, "ST36", "front")
    assert view.transform().m11() > 2 * fit_scale(view)
    # A point on the side of the leg clicked on the front figure goes to the side view.
    item = view.scene_for("front").markers["GB34"][1]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(item.pos()))
    assert window.state.selected_code == "GB34"
    assert_framed(view, "GB34", "side")
    assert view.transform().m11() > 2 * fit_scale(view)


def test_show_on_map_animates_to_the_point(qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(ZoomAnimator, "animate", True)
    window.state.select("BL40", reveal=True)
    assert window.map.zoom.is_running()
    qtbot.waitUntil(lambda: not window.map.zoom.is_running(), timeout=3000)
    assert_framed(window.map, "BL40", "back")


def test_choosing_an_area_switches_to_the_figure_that_has_it(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.state.set_view("back")
    qtbot.mouseClick(window.search_panel.area_buttons["abdomen"], Qt.MouseButton.LeftButton)
    assert window.map.current_view == "front"
    assert window.state.filters.areas == {"abdomen"}
    qtbot.mouseClick(window.search_panel.area_buttons["lower-back"], Qt.MouseButton.LeftButton)
    assert window.map.current_view == "back"
    assert window.state.filters.areas == {"lower-back"}


def test_side_of_the_upper_back_is_upper_back(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from backpoints.core import anatomy

    view = window.map
    window.state.set_view("back")
    spot = QPointF(anatomy.MID + 75, 290)  # beside the scapula's inferior angle, below the shoulder
    item = view._item_at(QPointF(view.mapFromScene(spot)))
    assert item is not None and getattr(item, "area", "") == "upper-back"


def test_landmarks_grid_and_measurement(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from backpoints.core import anatomy

    view = window.map
    window.state.set_view("back")
    scene = view.scene_for("back")
    actions = window.layer_actions
    assert not actions.landmarks.isChecked() and "landmarks" not in scene.layers  # off on the body figures
    actions.landmarks.trigger()
    assert scene.layers["landmarks"].isVisible()
    actions.grid.trigger()
    grid = scene.layers["grid"]
    assert grid.isVisible()
    # The grid's L2 line and 1.5 B-cun line cross where BL23's markers are.
    l2 = [s for s in grid.shapes if s.kind == "grid" and s.points[0][1] == s.points[1][1] == anatomy.level_y("L2")]
    cun = [s.points[0][0] for s in grid.shapes if s.kind == "grid" and s.points[0][0] == s.points[1][0]]
    assert l2
    for item in scene.markers["BL23"]:
        assert abs(item.pos().y() - anatomy.level_y("L2")) < 0.6
        assert min(abs(item.pos().x() - x) for x in cun) < 0.6
    # Close-ups show landmarks by default; the action follows the figure.
    window.state.set_view("lumbar")
    assert actions.landmarks.isChecked() and view.scene_for("lumbar").layers["landmarks"].isVisible()
    # Hovering a point shows its measurement from its landmark.
    item = view.scene_for("lumbar").markers["BL23"][1]
    qtbot.mouseMove(view.viewport(), view.mapFromScene(item.pos()))
    qtbot.waitUntil(lambda: view.scene_for("lumbar").dimension.isVisible())
    assert view.scene_for("lumbar").dimension.measurement.text == "L2, 1.5 cun"
    # The codes switch names every point on the body figure.
    window.state.set_view("back")
    actions.labels.trigger()
    assert scene.markers["BL40"][-1].always_label


def test_jiaji_is_one_band(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.state.select("EX-B2", reveal=True)
    scene = window.map.scene_for("back")
    assert window.map.current_view == "back"
    assert scene.bands["EX-B2"].selected
    assert not any(item._halo is not None and item._halo.isVisible() for item in scene.markers["EX-B2"])


def test_screenshot_frames_the_point_as_the_app_does(qtbot, dataset) -> None:  # type: ignore[no-untyped-def]
    from backpoints.ui.screenshot import prepare_window

    shot = prepare_window(dataset, (1280, 720), select="BL23", landmarks=True, grid=True)
    qtbot.addWidget(shot)
    assert_framed(shot.map, "BL23", "lumbar")
    assert shot.map.scene().layers["grid"].isVisible() and shot.map.scene().layers["landmarks"].isVisible()
    shot2 = prepare_window(dataset, (1280, 720), select="GB34")
    qtbot.addWidget(shot2)
    assert_framed(shot2.map, "GB34", "side")
    assert shot2.map.transform().m11() > 2 * fit_scale(shot2.map)


def test_markers_shrink_a_little_in_small_windows(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    view = window.map
    window.state.set_view("back")
    item = view.scene_for("back").markers["BL23"][0]

    def on_screen() -> float:
        return item.deviceTransform(view.viewportTransform()).mapRect(item.boundingRect()).width()

    window.resize(1600, 1000)
    qtbot.waitUntil(lambda: view.viewport().height() > 800)
    large = on_screen()
    window.resize(1024, 600)
    qtbot.waitUntil(lambda: view.viewport().height() < 560)
    small = on_screen()
    assert 0.65 * large <= small < 0.95 * large


def test_side_points_go_to_the_side_view(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from backpoints.core import anatomy

    view = window.map
    qtbot.keyClicks(window.search_panel.search, "GB30")
    qtbot.keyClick(window.search_panel.search, Qt.Key.Key_Return)
    assert_framed(view, "GB30", "side")
    assert window.figure_bar.buttons["side"].isChecked()
    assert view.transform().m11() > 2 * fit_scale(view)
    # The side view names its points and shows its landmarks by default.
    scene = view.scene_for("side")
    assert window.layer_actions.landmarks.isChecked() and scene.layers["landmarks"].isVisible()
    assert all(item.always_label for items in scene.markers.values() for item in items)
    # Hovering GB29 draws its measurement from the ASIS to the greater trochanter.
    item = scene.markers["GB29"][0]
    view.fit()
    qtbot.mouseMove(view.viewport(), view.mapFromScene(item.pos()))
    qtbot.waitUntil(lambda: scene.dimension.isVisible())
    assert scene.dimension.measurement.text == "halfway from the ASIS to the greater trochanter"
    # Its regions are clickable: the side of the hip chooses the hip.
    spot = QPointF(anatomy.MID + 30, 470)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(spot))
    assert window.state.filters.areas == {"hip"}
    # The figure toolbar shows it.
    window.state.set_view("back")
    qtbot.mouseClick(window.figure_bar.buttons["side"], Qt.MouseButton.LeftButton)
    assert view.current_view == "side"
