"""Code labels on the map never overlap, at the small window sizes people use."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QApplication

from backpoints.core.model import VIEWS
from backpoints.ui.bodymap.labels import label_rect
from backpoints.ui.bodymap.zoom import ZoomAnimator
from backpoints.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def instant_zoom(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ZoomAnimator, "animate", False)


def visible_labels(window: MainWindow) -> dict[str, list[QRectF]]:
    """The on-screen rectangles (viewport pixels) of every code label shown, by point."""
    view = window.map
    QApplication.processEvents()
    shown: dict[str, list[QRectF]] = {}
    viewport = QRectF(view.viewport().rect())
    for item in view.scene_for(view.current_view).all_markers():
        rect = label_rect(item)
        if rect is None:
            continue
        on_screen = QRectF(view.mapFromScene(rect).boundingRect())
        if on_screen.intersects(viewport):
            shown.setdefault(item.point.code, []).append(on_screen.adjusted(0.5, 0.5, -0.5, -0.5))
    return shown


def assert_no_overlap(shown: dict[str, list[QRectF]], where: str) -> None:
    rects = [(code, r) for code, rs in shown.items() for r in rs]
    for (a, ra), (b, rb) in itertools.combinations(rects, 2):
        assert not ra.intersects(rb), f"{where}: label {a} at {ra} overlaps {b} at {rb}"


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720)])
def test_no_two_labels_overlap_on_any_view(qtbot, window: MainWindow, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() <= size[0])
    window.layer_actions.labels.trigger()  # a code beside every point: the hardest case
    assert window.map.labels_on
    for view in VIEWS:
        window.state.set_view(view)
        window.map.fit()
        shown = visible_labels(window)
        assert_no_overlap(shown, f"{view} at {size}")
        # Labels are shown, not all hidden: most points on the view keep their code.
        scene = window.map.scene_for(view)
        wanted = {item.point.code for item in scene.all_markers() if item.wants_label()}
        assert len(shown) >= 0.5 * len(wanted), (view, size, sorted(wanted - set(shown)))


def test_neck_close_up_codes_do_not_overlap_and_hidden_ones_keep_a_tooltip(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: window.width() <= 1280)
    window.state.set_view("neck")
    window.map.fit()
    shown = visible_labels(window)
    assert_no_overlap(shown, "neck")
    assert {"GB20", "BL10", "GV14", "GB21"} <= set(shown)
    for item in window.map.scene_for("neck").all_markers():
        if item.wants_label() and item.label_hidden:
            assert item.point.code in item.toolTip()
    # The selected point's code always shows, and still nothing overlaps.
    window.state.select("SI15")
    shown = visible_labels(window)
    assert "SI15" in shown
    assert_no_overlap(shown, "neck with SI15 selected")


def test_measurement_text_hides_no_code_and_stays_on_screen(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: window.width() <= 1280)
    window.state.select("GB30", reveal=True)
    view = window.map
    assert view.current_view == "side"
    scene = view.scene_for("side")
    QApplication.processEvents()
    view.viewport().grab()  # paint once: the measurement chooses where its text goes
    text = scene.dimension.text_rect
    assert scene.dimension.isVisible() and not text.isEmpty()
    for code, rects in visible_labels(window).items():
        for rect in rects:
            assert not QRectF(view.mapFromScene(text).boundingRect()).intersects(rect), code
    assert QRectF(view.viewport().rect()).contains(QRectF(view.mapFromScene(text).boundingRect()))
