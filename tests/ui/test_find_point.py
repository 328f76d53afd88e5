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
    item = view.scene_for("front").markers["GB34"][1]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(item.pos()))
    assert window.state.selected_code == "GB34"
    assert_framed(view, "GB34", "front")
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
