"""A figure with thousands of markers is drawn as dots by one layer, and still works."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from backpoints.core.loader import parse_dataset
from backpoints.ui.bodymap import DENSE_LIMIT, BodyMapView
from tests.helpers import dense_dataset_text


@pytest.fixture(scope="module")
def dense():  # type: ignore[no-untyped-def]
    return parse_dataset(dense_dataset_text(DENSE_LIMIT), "dense.yaml")


@pytest.fixture
def view(qtbot, dense):  # type: ignore[no-untyped-def]
    from backpoints.ui.app import create_application

    from backpoints.ui.state import BrowseState

    create_application()
    widget = BodyMapView(BrowseState(dense))  # the map alone, on its state
    qtbot.addWidget(widget)
    widget.resize(800, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_dense_figure_uses_the_dot_layer(view) -> None:  # type: ignore[no-untyped-def]
    scene = view.scene_for("back")
    assert scene.dense and scene.dots is not None
    assert scene.markers == {}  # no item per marker until one is needed
    assert len(scene.points_here) == DENSE_LIMIT


def test_clicking_a_dot_selects_its_point(qtbot, view, dense) -> None:  # type: ignore[no-untyped-def]
    scene = view.scene_for("back")
    point = dense.points[7]
    pos = view.mapFromScene(scene.to_scene(point.markers[1].x, point.markers[1].y))
    with qtbot.waitSignal(view.state.selection_changed) as signal:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert signal.args == [point.code]


def test_hover_and_selection_show_full_markers(qtbot, view, dense) -> None:  # type: ignore[no-untyped-def]
    scene = view.scene_for("back")
    point = dense.points[3]
    qtbot.mouseMove(view.viewport(), view.mapFromScene(scene.to_scene(point.markers[0].x, point.markers[0].y)))
    qtbot.waitUntil(lambda: point.code in scene.markers and all(m.hovered for m in scene.markers[point.code]))
    assert all(m.isVisible() for m in scene.markers[point.code])
    view.select_point(dense.points[5].code)
    assert all(m.selected and m.isVisible() for m in scene.markers[dense.points[5].code])
    view.set_hovered_point(None)
    assert not any(m.isVisible() for m in scene.markers[point.code])
    assert len(scene.markers) == 2  # only the points that were needed


def _pixel(view, scene, marker):  # type: ignore[no-untyped-def]
    """The colour drawn on screen at a marker's place."""
    image = view.viewport().grab().toImage()
    at = view.mapFromScene(scene.to_scene(marker.x, marker.y))
    return image.pixelColor(at)


def test_search_result_brightens_its_dots_only(qtbot, view, dense) -> None:  # type: ignore[no-untyped-def]
    from backpoints.ui.bodymap.style import PAIN_COLOURS, pain_kind

    scene = view.scene_for("back")
    wanted, other = dense.points[0], dense.points[750]
    colour = PAIN_COLOURS[pain_kind(wanted)]
    assert _pixel(view, scene, other.markers[0]) == colour  # no result: every dot bright
    view.set_result({wanted.code, dense.points[1].code})
    assert scene.dots.bright_dot_count() == 4  # two bilateral points
    qtbot.waitUntil(lambda: _pixel(view, scene, other.markers[0]) != colour)
    assert _pixel(view, scene, wanted.markers[0]) == colour
    assert _pixel(view, scene, wanted.markers[1]) == colour
    view.set_result(None)
    assert scene.dots.bright_dot_count() == 2 * DENSE_LIMIT
    qtbot.waitUntil(lambda: _pixel(view, scene, other.markers[0]) == colour)


def test_typed_query_brightens_the_dots_of_its_result(qtbot, view, dense) -> None:  # type: ignore[no-untyped-def]
    """The result arrives as bits over the dataset (PointCodes); the same dots light up."""
    scene = view.scene_for("back")
    state = view.state
    state.set_query(dense.points[7].code)
    result = set(state.result_codes)
    assert dense.points[7].code in result
    assert scene.dots.bright_dot_count() == 2 * len(result)
    colour = _pixel(view, scene, dense.points[7].markers[1])
    state.set_query("no such words anywhere")
    assert scene.dots.bright_dot_count() == 0
    qtbot.waitUntil(lambda: _pixel(view, scene, dense.points[7].markers[1]) != colour)
    state.set_query("")
    assert scene.dots.bright_dot_count() == 2 * DENSE_LIMIT


def test_keyboard_walks_points_without_building_them_all(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    view.setFocus()
    for _ in range(20):
        qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.focused_item() is not None
    assert len(view.scene_for("back").markers) <= 20


def test_screen_reader_children_of_a_dense_figure_build_no_markers(view) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QAccessible

    iface = QAccessible.queryAccessibleInterface(view)
    scene = view.scene_for("back")
    regions = len({r.area for r in scene.regions})
    assert iface.childCount() == regions + DENSE_LIMIT
    for index in (0, regions, regions + DENSE_LIMIT // 2, regions + DENSE_LIMIT - 1):
        child = iface.child(index)
        assert child.text(QAccessible.Text.Name) and iface.indexOfChild(child) == index
        assert not child.rect().isEmpty()
    assert scene.markers == {}  # names, places and rectangles come from the data
    assert iface.child(regions + DENSE_LIMIT) is None
